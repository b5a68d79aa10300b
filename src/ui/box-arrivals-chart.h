/* box-arrivals-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BOX_TYPE_ARRIVALS_CHART (box_arrivals_chart_get_type ())
G_DECLARE_FINAL_TYPE (BoxArrivalsChart, box_arrivals_chart, BOX, ARRIVALS_CHART, GtkWidget)

GtkWidget *box_arrivals_chart_new          (void);
/* @buckets: (element-type BoxArrivalBucket): 15-minute buckets in time order;
 * @now: Unix time the chart ends at */
void       box_arrivals_chart_set_arrivals (BoxArrivalsChart *self,
                                            GArray           *buckets,
                                            gint64            now);

G_END_DECLS
