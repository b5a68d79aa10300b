/* box-test-util.h: what the tests share: the emulator, temporary profiles, waiting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  guint        port;
  char        *url;          /* http://127.0.0.1:PORT */
  char        *dir;
} BoxTestEmulator;

/* Starts tests/emulator/boxoffice-emulator (path from $BOX_EMULATOR) on a free port. */
BoxTestEmulator *box_test_emulator_start     (guint             attendees,
                                              const char       *first_extra_arg,
                                              ...);
void             box_test_emulator_stop      (BoxTestEmulator  *emu);
char            *box_test_emulator_fienta_url (BoxTestEmulator *emu);
/* Control endpoints (blocking, on their own SoupSession). */
JsonNode        *box_test_json_from_bytes    (GBytes           *body);
JsonNode        *box_test_emulator_get       (BoxTestEmulator  *emu,
                                              const char       *path);
JsonNode        *box_test_emulator_post      (BoxTestEmulator  *emu,
                                              const char       *path,
                                              const char       *json);
void             box_test_emulator_fault     (BoxTestEmulator  *emu,
                                              const char       *mode,
                                              int               count);
/* How many PUT USED / UNUSED the emulator accepted for @code. */
guint            box_test_emulator_used_count   (BoxTestEmulator *emu,
                                                 const char      *code,
                                                 guint           *unused);
/* A ticket code with the given Fienta status from event 10 ("UNUSED", "USED", ...). */
char            *box_test_emulator_sample_code  (BoxTestEmulator *emu,
                                                 const char      *status,
                                                 guint            index);

/* A fresh directory below the test's temporary root, removed by box_test_cleanup(). */
char            *box_test_make_dir           (const char       *name);
void             box_test_cleanup            (void);
gboolean         box_test_have_secret_service (void);

/* Runs the main context until *slot is set by box_test_got_result(). */
void             box_test_got_result         (GObject          *object,
                                              GAsyncResult     *result,
                                              gpointer          user_data);
GAsyncResult    *box_test_wait               (GAsyncResult    **slot);

/* Running boxoffice-cli (path from $BOX_CLI) to the end. */
typedef struct
{
  int       status;     /* exit status, or -1 when killed by a signal */
  char     *out;
  char     *err;
  JsonNode *json;       /* stdout parsed, with --json and exit 0, 3 or 4 */
} BoxTestRun;

void             box_test_run_free           (BoxTestRun       *run);
GPtrArray       *box_test_cli_argv           (const char       *profile,
                                              va_list           args);
BoxTestRun      *box_test_cli                (const char       *profile,
                                              const char       *input,
                                              ...);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxTestEmulator, box_test_emulator_stop)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxTestRun, box_test_run_free)

G_END_DECLS
