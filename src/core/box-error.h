/* box-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BOX_ERROR (box_error_quark ())

/**
 * BoxError:
 * @BOX_ERROR_FAILED: anything not covered below
 * @BOX_ERROR_INVALID_CREDENTIALS: the provider rejected the key, token or password (401)
 * @BOX_ERROR_PERMISSION: the credential is valid but may not do this (403, or 401 on a resource)
 * @BOX_ERROR_NOT_FOUND: no such event, ticket or account (404)
 * @BOX_ERROR_CONFLICT: the provider refused the change in the resource's state (409)
 * @BOX_ERROR_CLIENT_TOO_OLD: the provider wants a newer client (412, 426)
 * @BOX_ERROR_RATE_LIMITED: too many requests (429), even after waiting
 * @BOX_ERROR_SERVER: the provider failed (5xx)
 * @BOX_ERROR_OFFLINE: the provider could not be reached (network, DNS, TLS, time-out)
 * @BOX_ERROR_MALFORMED: the reply could not be understood
 * @BOX_ERROR_INVALID_INPUT: what the person typed or passed cannot be used
 * @BOX_ERROR_STORE: the local database failed (disk full, read-only, corrupt)
 * @BOX_ERROR_SECRETS: the Secret Service failed or holds no secret for the account
 * @BOX_ERROR_UNSUPPORTED: the provider cannot do this
 */
typedef enum
{
  BOX_ERROR_FAILED,
  BOX_ERROR_INVALID_CREDENTIALS,
  BOX_ERROR_PERMISSION,
  BOX_ERROR_NOT_FOUND,
  BOX_ERROR_CONFLICT,
  BOX_ERROR_CLIENT_TOO_OLD,
  BOX_ERROR_RATE_LIMITED,
  BOX_ERROR_SERVER,
  BOX_ERROR_OFFLINE,
  BOX_ERROR_MALFORMED,
  BOX_ERROR_INVALID_INPUT,
  BOX_ERROR_STORE,
  BOX_ERROR_SECRETS,
  BOX_ERROR_UNSUPPORTED,
} BoxError;

GQuark box_error_quark (void);

gboolean box_error_is_transient (const GError *error);

G_END_DECLS
