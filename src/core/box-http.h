/* box-http.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "box-types.h"

G_BEGIN_DECLS

/* Connections open at once to one server: what a provider may keep in flight. */
#define BOX_HTTP_MAX_CONNS_PER_HOST 6

#define BOX_TYPE_HTTP (box_http_get_type ())
G_DECLARE_FINAL_TYPE (BoxHttp, box_http, BOX, HTTP, GObject)

typedef enum
{
  BOX_HTTP_FLAGS_NONE       = 0,
  /* The request may be sent again after a network error or a 5xx. */
  BOX_HTTP_FLAGS_IDEMPOTENT = 1 << 0,
  /* One of many requests in a row (the pages of a download, one order after another): it
   * may go out on a connection kept open from the one before. Without it, GET, PUT and
   * DELETE go out on a connection of their own; see start_attempt(). */
  BOX_HTTP_FLAGS_BATCH      = 1 << 1,
} BoxHttpFlags;

/**
 * BoxHttpErrorReader:
 * @status: the HTTP status
 * @body: (nullable): the reply body
 * @message: (out) (transfer full): the server's own words, or %NULL
 * @retry_after: (out): seconds the server asks to wait, or -1
 *
 * How a provider reads its error bodies.
 */
typedef void (*BoxHttpErrorReader) (guint    status,
                                    GBytes  *body,
                                    char   **message,
                                    int     *retry_after);

/**
 * BoxHttpParseFunc:
 *
 * Turns a reply body into a result. Runs in a worker thread, so it must only touch
 * @body and @user_data. Return %NULL and set @error on a body it cannot read.
 */
typedef gpointer (*BoxHttpParseFunc) (GBytes    *body,
                                      gpointer   user_data,
                                      GError   **error);

gboolean  box_http_check_base_url    (const char          *url,
                                      GError             **error);

BoxHttp  *box_http_new               (const char          *label,
                                      const char          *base_url,
                                      GError             **error);
void      box_http_set_header        (BoxHttp             *self,
                                      const char          *name,
                                      const char          *value);
void      box_http_set_query_param   (BoxHttp             *self,
                                      const char          *name,
                                      const char          *value);
void      box_http_set_error_reader  (BoxHttp             *self,
                                      BoxHttpErrorReader   reader);
void      box_http_set_retry_policy  (BoxHttp             *self,
                                      guint                max_attempts,
                                      guint                first_delay_ms,
                                      guint                max_wait_seconds);
void      box_http_set_timeout       (BoxHttp             *self,
                                      guint                seconds);

void      box_http_request_async     (BoxHttp             *self,
                                      const char          *method,
                                      const char          *path,
                                      GBytes              *body,
                                      const char          *content_type,
                                      BoxHttpFlags         flags,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GBytes   *box_http_request_finish    (BoxHttp             *self,
                                      GAsyncResult        *result,
                                      GError             **error);

void      box_http_request_parsed_async  (BoxHttp             *self,
                                          const char          *method,
                                          const char          *path,
                                          GBytes              *body,
                                          const char          *content_type,
                                          BoxHttpFlags         flags,
                                          BoxHttpParseFunc     parse,
                                          gpointer             parse_data,
                                          GDestroyNotify       parse_data_free,
                                          GDestroyNotify       result_free,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gpointer  box_http_request_parsed_finish (BoxHttp             *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
