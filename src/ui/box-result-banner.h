/* box-result-banner.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "box-types.h"

G_BEGIN_DECLS

#define BOX_TYPE_RESULT_BANNER (box_result_banner_get_type ())
G_DECLARE_FINAL_TYPE (BoxResultBanner, box_result_banner, BOX, RESULT_BANNER, GtkWidget)

GtkWidget  *box_result_banner_new       (void);
void        box_result_banner_show      (BoxResultBanner  *self,
                                         BoxCheckinResult  result,
                                         const char       *title,
                                         const char       *subtitle);
void        box_result_banner_set_action (BoxResultBanner *self,
                                          const char      *label,
                                          const char      *action_name,
                                          GVariant        *target);
const char *box_result_banner_get_action_label (BoxResultBanner *self);
void        box_result_banner_clear     (BoxResultBanner  *self);
const char *box_result_banner_get_title (BoxResultBanner  *self);
gboolean    box_result_banner_get_shown (BoxResultBanner  *self);

G_END_DECLS
