/* box-currinda.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-provider.h"

G_BEGIN_DECLS

#define BOX_TYPE_CURRINDA (box_currinda_get_type ())
G_DECLARE_FINAL_TYPE (BoxCurrinda, box_currinda, BOX, CURRINDA, GObject)

/* There is no default address: each organisation has its own Currinda site, and the
 * account's base URL is that site ("https://asn.currinda.com"). */
BoxProvider       *box_currinda_new          (BoxAccount  *account,
                                              const char  *secret,
                                              GError     **error);
BoxOAuthEndpoints *box_currinda_oauth_setup  (const char  *base_url,
                                              GHashTable  *credentials,
                                              GError     **error);

G_END_DECLS
