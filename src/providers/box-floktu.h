/* box-floktu.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-provider.h"

G_BEGIN_DECLS

#define BOX_FLOKTU_DEFAULT_BASE_URL "https://floktu.com/api/v2"

/* Order details fetched per page of a sync: the desk saves and shows progress between. */
#define BOX_FLOKTU_ORDERS_PER_PAGE 250

#define BOX_TYPE_FLOKTU (box_floktu_get_type ())
G_DECLARE_FINAL_TYPE (BoxFloktu, box_floktu, BOX, FLOKTU, GObject)

BoxProvider       *box_floktu_new          (BoxAccount   *account,
                                            const char   *secret,
                                            GError      **error);
BoxOAuthEndpoints *box_floktu_oauth_setup  (const char   *base_url,
                                            GHashTable   *credentials,
                                            GError      **error);

G_END_DECLS
