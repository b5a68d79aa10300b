/* box-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-error"

#include "config.h"

#include "box-error.h"

G_DEFINE_QUARK (box-error-quark, box_error)

/**
 * box_error_is_transient:
 * @error: (nullable): an error from a provider operation
 *
 * Whether trying the same thing later may succeed: the provider could not be reached,
 * failed, or asked us to slow down. A queued check-in stays queued on these.
 *
 * Returns: %TRUE for offline, server and rate-limit errors
 */
gboolean
box_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != BOX_ERROR)
    return FALSE;

  return error->code == BOX_ERROR_OFFLINE ||
         error->code == BOX_ERROR_SERVER ||
         error->code == BOX_ERROR_RATE_LIMITED;
}
