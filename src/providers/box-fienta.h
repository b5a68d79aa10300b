/* box-fienta.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-provider.h"

G_BEGIN_DECLS

#define BOX_TYPE_FIENTA (box_fienta_get_type ())
G_DECLARE_FINAL_TYPE (BoxFienta, box_fienta, BOX, FIENTA, GObject)

#define BOX_FIENTA_DEFAULT_BASE_URL "https://fienta.com/api/v1"

BoxProvider *box_fienta_new (BoxAccount  *account,
                             const char  *secret,
                             GError     **error);

G_END_DECLS
