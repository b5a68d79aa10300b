/* box-eventyay.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-provider.h"

G_BEGIN_DECLS

#define BOX_TYPE_EVENTYAY (box_eventyay_get_type ())
G_DECLARE_FINAL_TYPE (BoxEventyay, box_eventyay, BOX, EVENTYAY, GObject)

BoxProvider *box_eventyay_new             (BoxAccount  *account,
                                           const char  *secret,
                                           GError     **error);
/* The event's id in Box Office, from the setup URL: ".../ORG/EVENT/[SUBEVENT/]". */
char        *box_eventyay_event_id_for_url (const char  *url);
char        *box_eventyay_read_setup       (const char  *setup,
                                            GError     **error);

G_END_DECLS
