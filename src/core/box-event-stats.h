/* box-event-stats.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-types.h"

G_BEGIN_DECLS

#define BOX_TYPE_EVENT_STATS (box_event_stats_get_type ())
G_DECLARE_FINAL_TYPE (BoxEventStats, box_event_stats, BOX, EVENT_STATS, GObject)


typedef struct
{
  char  *name;
  guint  total;
  guint  checked_in;
} BoxTicketTypeCount;

typedef struct
{
  gint64 from;   /* Unix time, seconds */
  gint64 to;
  guint  count;
} BoxArrivalBucket;

/* A figure the provider reports itself (TickeTing's statistics): @key is stable for
 * scripts ("tickets_sold"), @label is for people, @value is text as the provider gave
 * it (money stays a decimal string). */
typedef struct
{
  char *key;
  char *label;
  char *value;
} BoxStatFigure;

BoxEventStats *box_event_stats_new               (void);
guint          box_event_stats_get_total         (BoxEventStats *self);
void           box_event_stats_set_total         (BoxEventStats *self,
                                                  guint          total);
guint          box_event_stats_get_checked_in    (BoxEventStats *self);
void           box_event_stats_set_checked_in    (BoxEventStats *self,
                                                  guint          checked_in);
guint          box_event_stats_get_queued        (BoxEventStats *self);
void           box_event_stats_set_queued        (BoxEventStats *self,
                                                  guint          queued);
/* Element type BoxTicketTypeCount, sorted by name. */
GArray        *box_event_stats_get_by_ticket_type (BoxEventStats *self);
void           box_event_stats_add_ticket_type   (BoxEventStats *self,
                                                  const char    *name,
                                                  guint          total,
                                                  guint          checked_in);
/* Element type BoxArrivalBucket, 15-minute buckets in time order. */
GArray        *box_event_stats_get_arrivals      (BoxEventStats *self);
void           box_event_stats_add_arrivals      (BoxEventStats *self,
                                                  gint64         from,
                                                  gint64         to,
                                                  guint          count);
/* Element type BoxStatFigure, in the order added. */
GArray        *box_event_stats_get_figures       (BoxEventStats *self);
void           box_event_stats_add_figure        (BoxEventStats *self,
                                                  const char    *key,
                                                  const char    *label,
                                                  const char    *value);

G_END_DECLS
