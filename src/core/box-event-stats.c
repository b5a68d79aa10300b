/* box-event-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-event-stats"

#include "config.h"

#include "box-event-stats.h"

struct _BoxEventStats
{
  GObject  parent_instance;

  guint    total;
  guint    checked_in;
  guint    queued;

  GArray  *by_ticket_type;
  GArray  *arrivals;
  GArray  *figures;
};

G_DEFINE_FINAL_TYPE (BoxEventStats, box_event_stats, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOTAL,
  PROP_CHECKED_IN,
  PROP_QUEUED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ticket_type_count_clear (gpointer data)
{
  BoxTicketTypeCount *count = data;

  g_clear_pointer (&count->name, g_free);
}

static void
box_event_stats_finalize (GObject *object)
{
  BoxEventStats *self = (BoxEventStats *)object;

  g_clear_pointer (&self->by_ticket_type, g_array_unref);
  g_clear_pointer (&self->arrivals, g_array_unref);
  g_clear_pointer (&self->figures, g_array_unref);

  G_OBJECT_CLASS (box_event_stats_parent_class)->finalize (object);
}

static void
box_event_stats_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BoxEventStats *self = BOX_EVENT_STATS (object);

  switch (prop_id)
    {
    case PROP_TOTAL:
      g_value_set_uint (value, box_event_stats_get_total (self));
      break;

    case PROP_CHECKED_IN:
      g_value_set_uint (value, box_event_stats_get_checked_in (self));
      break;

    case PROP_QUEUED:
      g_value_set_uint (value, box_event_stats_get_queued (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_event_stats_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BoxEventStats *self = BOX_EVENT_STATS (object);

  switch (prop_id)
    {
    case PROP_TOTAL:
      box_event_stats_set_total (self, g_value_get_uint (value));
      break;

    case PROP_CHECKED_IN:
      box_event_stats_set_checked_in (self, g_value_get_uint (value));
      break;

    case PROP_QUEUED:
      box_event_stats_set_queued (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_event_stats_class_init (BoxEventStatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = box_event_stats_finalize;
  object_class->get_property = box_event_stats_get_property;
  object_class->set_property = box_event_stats_set_property;

  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_CHECKED_IN] =
    g_param_spec_uint ("checked-in", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_QUEUED] =
    g_param_spec_uint ("queued", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
box_event_stats_init (BoxEventStats *self)
{
  self->by_ticket_type = g_array_new (FALSE, TRUE, sizeof (BoxTicketTypeCount));
  g_array_set_clear_func (self->by_ticket_type, ticket_type_count_clear);

  self->arrivals = g_array_new (FALSE, TRUE, sizeof (BoxArrivalBucket));
}

BoxEventStats *
box_event_stats_new (void)
{
  return g_object_new (BOX_TYPE_EVENT_STATS, NULL);
}

guint
box_event_stats_get_total (BoxEventStats *self)
{
  g_return_val_if_fail (BOX_IS_EVENT_STATS (self), 0);

  return self->total;
}

void
box_event_stats_set_total (BoxEventStats *self,
                           guint          total)
{
  g_return_if_fail (BOX_IS_EVENT_STATS (self));

  if (self->total == total)
    return;

  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

guint
box_event_stats_get_checked_in (BoxEventStats *self)
{
  g_return_val_if_fail (BOX_IS_EVENT_STATS (self), 0);

  return self->checked_in;
}

void
box_event_stats_set_checked_in (BoxEventStats *self,
                                guint          checked_in)
{
  g_return_if_fail (BOX_IS_EVENT_STATS (self));

  if (self->checked_in == checked_in)
    return;

  self->checked_in = checked_in;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED_IN]);
}

guint
box_event_stats_get_queued (BoxEventStats *self)
{
  g_return_val_if_fail (BOX_IS_EVENT_STATS (self), 0);

  return self->queued;
}

void
box_event_stats_set_queued (BoxEventStats *self,
                            guint          queued)
{
  g_return_if_fail (BOX_IS_EVENT_STATS (self));

  if (self->queued == queued)
    return;

  self->queued = queued;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUED]);
}

/**
 * box_event_stats_get_by_ticket_type:
 *
 * Returns: (transfer none) (element-type BoxTicketTypeCount): the counts per
 *   ticket type, in the order they were added
 */
GArray *
box_event_stats_get_by_ticket_type (BoxEventStats *self)
{
  g_return_val_if_fail (BOX_IS_EVENT_STATS (self), NULL);

  return self->by_ticket_type;
}

void
box_event_stats_add_ticket_type (BoxEventStats *self,
                                 const char    *name,
                                 guint          total,
                                 guint          checked_in)
{
  BoxTicketTypeCount count;

  g_return_if_fail (BOX_IS_EVENT_STATS (self));

  count.name = g_strdup (name);
  count.total = total;
  count.checked_in = checked_in;

  g_array_append_val (self->by_ticket_type, count);
}

/**
 * box_event_stats_get_arrivals:
 *
 * Returns: (transfer none) (element-type BoxArrivalBucket): the arrival
 *   buckets, in the order they were added
 */
GArray *
box_event_stats_get_arrivals (BoxEventStats *self)
{
  g_return_val_if_fail (BOX_IS_EVENT_STATS (self), NULL);

  return self->arrivals;
}

void
box_event_stats_add_arrivals (BoxEventStats *self,
                              gint64         from,
                              gint64         to,
                              guint          count)
{
  BoxArrivalBucket bucket;

  g_return_if_fail (BOX_IS_EVENT_STATS (self));

  bucket.from = from;
  bucket.to = to;
  bucket.count = count;

  g_array_append_val (self->arrivals, bucket);
}

static void
clear_figure (gpointer data)
{
  BoxStatFigure *figure = data;

  g_free (figure->key);
  g_free (figure->label);
  g_free (figure->value);
}

/**
 * box_event_stats_get_figures:
 *
 * Returns: (transfer none) (element-type BoxStatFigure): the provider's own figures
 */
GArray *
box_event_stats_get_figures (BoxEventStats *self)
{
  g_return_val_if_fail (BOX_IS_EVENT_STATS (self), NULL);

  if (self->figures == NULL)
    {
      self->figures = g_array_new (FALSE, TRUE, sizeof (BoxStatFigure));
      g_array_set_clear_func (self->figures, clear_figure);
    }
  return self->figures;
}

void
box_event_stats_add_figure (BoxEventStats *self,
                            const char    *key,
                            const char    *label,
                            const char    *value)
{
  BoxStatFigure figure;

  g_return_if_fail (BOX_IS_EVENT_STATS (self));
  g_return_if_fail (key != NULL && label != NULL && value != NULL);

  figure.key = g_strdup (key);
  figure.label = g_strdup (label);
  figure.value = g_strdup (value);
  g_array_append_val (box_event_stats_get_figures (self), figure);
}
