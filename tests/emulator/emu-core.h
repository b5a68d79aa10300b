/* emu-core.h - shared infrastructure of the Box Office provider emulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The emulator is one SoupServer that hosts several fake ticketing
 * providers.  A provider is a set of handlers below a path prefix (for
 * example "/fienta/api/v1") with its own in-memory state.  The core owns
 * the listening socket, fault injection, rate limiting, the request log
 * and the generic "/_control/" endpoints.
 *
 * Handlers never touch the SoupServerMessage directly: they fill in the
 * response fields of an EmuRequest, so that the core can log, cut, delay
 * or drop the answer afterwards.
 */

#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Largest request body accepted; anything bigger gets 413. */
#define EMU_MAX_BODY (1024 * 1024)
/* Request bodies are kept in the request log up to this size. */
#define EMU_LOG_BODY_MAX 4096
/* Deepest JSON nesting we are willing to hand to json-glib. */
#define EMU_JSON_MAX_DEPTH 64

typedef struct _EmuServer EmuServer;
typedef struct _EmuProvider EmuProvider;
typedef struct _EmuRequest EmuRequest;

typedef struct {
  guint attendees;       /* tickets in the big event */
  guint32 seed;          /* seed of the generated data */
  const char *timezone;  /* time zone of the providers' wall-clock times */
  gboolean quiet;        /* no chatter on stderr */
} EmuOptions;

struct _EmuRequest {
  EmuServer *emu;
  SoupServerMessage *msg;

  /* request */
  const char *method;
  char *path;            /* path as received (still percent-encoded) */
  char *query;           /* raw query string, or NULL */
  GHashTable *params;    /* decoded query: key -> value ("" for a bare key) */
  char **segments;       /* decoded path segments below the provider prefix */
  guint n_segments;
  const char *body;      /* request body, NUL-terminated, may contain NULs */
  gsize body_len;
  const char *client_ip;

  /* response */
  guint status;
  char *content_type;
  GString *response;
  GPtrArray *headers;    /* name, value, name, value, ... */

  /* Set by a handler that paused req->msg and answers it itself later
   * (Floktu's authorize page waits for its POST to the app): the core
   * logs the request but neither answers it nor delays or faults it. */
  gboolean deferred;
};

struct _EmuProvider {
  const char *name;      /* short name, e.g. "fienta" */
  const char *prefix;    /* path prefix without trailing slash */
  gpointer state;

  /* Optional: runs before rate limiting (e.g. a CDN in front of the
   * origin).  Returns TRUE if it answered the request. */
  gboolean (*gate) (EmuProvider *self, EmuRequest *req);

  /* Answers an API request; req->segments are relative to the prefix. */
  void (*handle) (EmuProvider *self, EmuRequest *req);

  /* Answers with the provider's "too many requests" reply. */
  void (*too_many_requests) (EmuProvider *self, EmuRequest *req, guint retry_after);

  /* Optional: "/_control/ACTION" endpoints of the provider.  Returns
   * FALSE when the action is not the provider's. */
  gboolean (*control) (EmuProvider *self, EmuRequest *req, const char *action);

  void (*free_state) (gpointer state);
};

/* emu-util.c: JSON/HTML writing */
void     emu_json_string         (GString *s, const char *str);
void     emu_json_string_len     (GString *s, const char *str, gsize len);
void     emu_json_int            (GString *s, gint64 v);
void     emu_json_key            (GString *s, const char *key);
void     emu_html_escape         (GString *s, const char *str);
gboolean emu_json_depth_ok       (const char *data, gsize len, guint max_depth);

/* emu-util.c: query strings and paths */
char      *emu_percent_decode    (const char *s, gssize len, gboolean plus_is_space);
GHashTable *emu_query_parse      (const char *query);
char     **emu_path_split        (const char *path, guint *n_out);

/* emu-util.c: requests and responses */
const char *emu_request_param     (EmuRequest *req, const char *key);
gboolean    emu_request_has_param (EmuRequest *req, const char *key);
gboolean    emu_request_method_is (EmuRequest *req, const char *method);
const char *emu_request_header    (EmuRequest *req, const char *name);
JsonNode   *emu_request_parse_json (EmuRequest *req, GError **error);
void        emu_request_respond   (EmuRequest *req, guint status, const char *content_type, GString *body);
void        emu_request_respond_json (EmuRequest *req, guint status, GString *body);
void        emu_request_respond_text (EmuRequest *req, guint status, const char *content_type, const char *text);
void        emu_request_add_header (EmuRequest *req, const char *name, const char *value);

/* emu-util.c: helpers for JSON request bodies */
const char *emu_json_get_string  (JsonObject *obj, const char *member, gboolean *present, gboolean *is_null);
gboolean    emu_json_get_int     (JsonObject *obj, const char *member, gint64 *out);

/* emu-util.c: misc */
gint64   emu_now_unix            (void);

/* emu-fienta.c */
EmuProvider *emu_fienta_provider_new (const EmuOptions *options);

/* emu-eventyay.c: mounted at /eventyaydroid/api; the alias serves the same
 * data under another prefix (/pretixdroid/api). */
EmuProvider *emu_eventyay_provider_new   (const EmuOptions *options);
EmuProvider *emu_eventyay_provider_alias (EmuProvider *eventyay, const char *prefix);

/* emu-ticketing.c: the TickeTing REST API v3, mounted at /ticketing/v3. */
EmuProvider *emu_ticketing_provider_new  (const EmuOptions *options);

/* emu-currinda.c: a Currinda site (API v0.1 and its OAuth pages), mounted at
 * /currinda (the site's address). */
EmuProvider *emu_currinda_provider_new   (const EmuOptions *options);

/* emu-floktu.c: Floktu API v2 and its OAuth pages, mounted at /floktu/api/v2. */
EmuProvider *emu_floktu_provider_new     (const EmuOptions *options);

G_END_DECLS
