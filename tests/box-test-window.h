/* box-test-window.h: what the window tests share: waiting, screenshots, keys, the desk
 *
 * tests/test-window.c and tests/test-kiosk.c run the application in their own process
 * in a real X server and type into it with XTest. These helpers act on the one window
 * bt_open_application() opened; call bt_init() first, from main().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "box-application.h"
#include "box-attendee.h"
#include "box-test-util.h"
#include "box-window.h"

G_BEGIN_DECLS

/* X keycodes (evdev + 8) of the keys that type no character. */
#define BT_KC_ESCAPE    9
#define BT_KC_RETURN    36
#define BT_KC_CONTROL_L 37
#define BT_KC_SHIFT_L   50

/* Setting up ------------------------------------------------------------------------ */

/* Once, before the cases: $BOX_SCREENSHOT_DIR (made absolute, and created), the US
 * keymap, how long BT_WAIT_UNTIL() waits, and how many colours a screenshot has at least
 * (fewer: an empty or black picture, not the window). */
void             bt_init                  (guint        wait_seconds,
                                           guint        min_colours);
void             bt_cleanup               (void);

/* The emulator with @attendees, and a new profile @profile_name (returned in @profile)
 * where boxoffice-cli added its Fienta account and synced. A failed assertion or a
 * trap kills the emulator too: otherwise it keeps the test's output open and the test
 * runner waits for it until the timeout. */
BoxTestEmulator *bt_start_emulator        (guint        attendees,
                                           const char  *profile_name,
                                           char       **profile);

/* The application on @profile, registered and activated, its animations off (a
 * screenshot shows the end state): its window is the one the helpers act on. */
BoxApplication  *bt_open_application      (const char  *profile);
BoxWindow       *bt_window                (void);

/* Waiting ------------------------------------------------------------------------------ */

guint            bt_wait_seconds          (void);
guint            bt_tick_add              (guint        ms);

/* Runs the main loop until @cond holds; fails the test after bt_wait_seconds(). A tick
 * wakes the loop, so a condition that no event changes (the emulator's count) is
 * checked too. */
#define BT_WAIT_UNTIL(cond, what)                                                       \
  G_STMT_START {                                                                        \
    gint64 wait_deadline_ = g_get_monotonic_time () + bt_wait_seconds () * G_USEC_PER_SEC; \
    guint wait_tick_ = bt_tick_add (10);                                                \
    while (!(cond) && g_get_monotonic_time () < wait_deadline_)                         \
      g_main_context_iteration (NULL, TRUE);                                            \
    g_source_remove (wait_tick_);                                                       \
    if (!(cond))                                                                        \
      {                                                                                 \
        g_test_message ("Timed out after %u s waiting for %s", bt_wait_seconds (), what); \
        g_assert_true (cond);                                                           \
      }                                                                                 \
  } G_STMT_END

/* Lets the loop run for @ms: the time a person takes, never a condition. */
void             bt_run_for               (guint        ms);

/* Two frames of @widget's window drawn: what the person sees is up to date. */
void             bt_wait_frames_of        (GtkWidget   *widget);

/* Screenshots -------------------------------------------------------------------------- */

/* How many colours, up to 1000, every other pixel of every other row of @texture has:
 * a few hundred for the window, not an empty or black picture. */
guint            bt_count_colours         (GdkTexture  *texture);

/* $BOX_SCREENSHOT_DIR/NAME.png */
char            *bt_screenshot_path       (const char  *name);

/* A screenshot of @widget, a window of its own: the main window or a dialog. */
void             bt_screenshot_of         (GtkWidget   *widget,
                                           const char  *name);
/* Of the main window. */
void             bt_screenshot            (const char  *name);
/* Of @widget in the light and the dark style: NAME.png and NAME-dark.png. */
void             bt_screenshot_light_and_dark (GtkWidget  *widget,
                                               const char *name);
/* The application's colour scheme, dark or the default (light), once it shows. */
void             bt_set_dark              (gboolean     dark);

/* Keys --------------------------------------------------------------------------------- */

/* The X keycode a US keyboard types @c with (Shift or not), whatever the layout is. */
guint            bt_us_keycode            (char         c);

void             bt_press                 (guint        keycode);
void             bt_press_with            (guint        modifier,
                                           guint        keycode);
/* The keys a US keyboard presses for @c. */
void             bt_type_char             (char         c);
/* A keyboard-wedge scanner: the whole code in a burst of a few milliseconds a key, then
 * Enter if @enter. It does not wait for the application to take each key, so neither
 * does this. */
void             bt_scan                  (const char  *code,
                                           gboolean     enter);

/* Gives the main window the keyboard focus, once it is mapped; whether it has it. With
 * @pointer_x not negative, the pointer first goes to (@pointer_x, @pointer_y) on the
 * screen; the loop runs @settle_ms before the answer. */
gboolean         bt_try_focus             (int          pointer_x,
                                           int          pointer_y,
                                           guint        settle_ms);

/* The widget tree ---------------------------------------------------------------------- */

/* The first widget under @widget, itself included, of @type with the buildable id @name
 * (or any), or NULL. */
GtkWidget       *bt_find_widget           (GtkWidget   *widget,
                                           GType        type,
                                           const char  *name);
/* The first button under @widget whose label is @label, written with or without its
 * mnemonic underscores ("_Cancel" or "Cancel"), or NULL. */
GtkWidget       *bt_find_button           (GtkWidget   *widget,
                                           const char  *label);
/* Visible toplevels besides the main window: dialogs. The _logged variant names each in
 * the test's log (not for a wait: it would name them on every turn). */
guint            bt_n_other_toplevels     (void);
guint            bt_n_other_toplevels_logged (void);

/* The desk ----------------------------------------------------------------------------- */

/* Whether the desk has the attendee @code of @account_id's @event_id. */
gboolean         bt_has_attendee          (const char  *account_id,
                                           const char  *event_id,
                                           const char  *code);
/* The attendee @code of the emulator's Fienta event 10, as the desk has it. */
BoxAttendee     *bt_desk_attendee         (const char  *code);
gboolean         bt_checked_in            (const char  *code);

/* A ticket of event 10 the tests check in. */
typedef struct
{
  char *code;
  char *name;        /* as the desk knows it */
  char *first_name;  /* as the desk knows it */
  char *last_name;   /* as the emulator has it */
  char *company;
} BtSample;

/* Up to @n unused, paid, one-person tickets of event 10 from the emulator whose attendee
 * @accept takes, at least 10: an array of BtSample. */
GPtrArray       *bt_load_samples          (BoxTestEmulator *emu,
                                           guint            n,
                                           gboolean       (*accept) (BoxAttendee *attendee));

G_END_DECLS
