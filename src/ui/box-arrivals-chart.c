/* box-arrivals-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-arrivals-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "box-arrivals-chart.h"
#include "box-event-stats.h"

/* A bar chart of arrivals over the last four hours, one bar per 15 minutes. It is drawn
 * with GtkSnapshot and takes its colours from the style, so it follows dark mode and
 * the accent colour. The newest bar is still filling up, so it is drawn lighter. */

#define BUCKET_SECONDS  (15 * 60)
#define N_BUCKETS       16
#define BAR_RADIUS      3.f
#define AXIS_GAP        6.f
#define TOP_PADDING     8.f

struct _BoxArrivalsChart
{
  GtkWidget parent_instance;

  gint64    start;                /* Unix time the first bucket begins */
  guint     counts[N_BUCKETS];
  guint     scale_max;            /* the y axis' top, a round number */
  guint     scale_step;
  guint     total;
};

G_DEFINE_FINAL_TYPE (BoxArrivalsChart, box_arrivals_chart, GTK_TYPE_WIDGET)

/* Rounds @max up to a scale of at most four steps of 1, 2 or 5 times a power of ten. */
static void
compute_scale (guint  max,
               guint *scale_max,
               guint *scale_step)
{
  guint magnitude = 1;
  guint step;

  while (TRUE)
    {
      if (max <= 4 * magnitude)
        {
          step = magnitude;
          break;
        }
      if (max <= 8 * magnitude)
        {
          step = 2 * magnitude;
          break;
        }
      if (max <= 20 * magnitude)
        {
          step = 5 * magnitude;
          break;
        }
      magnitude *= 10;
    }

  *scale_step = step;
  *scale_max = MAX (step * ((max + step - 1) / step), step * 2);
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);

  if (dt == NULL)
    return g_strdup ("");
  /* Translators: a time of day on the chart's axis, as strftime() format */
  return g_date_time_format (dt, _("%H:%M"));
}

static void
get_colors (BoxArrivalsChart *self,
            GdkRGBA          *fg,
            GdkRGBA          *accent)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", accent) &&
      !gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
}

static PangoLayout *
create_label_layout (BoxArrivalsChart *self,
                     const char       *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  return layout;
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  float          x,
                  float          y,
                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The width the y axis' labels need. */
static int
measure_axis_width (BoxArrivalsChart *self)
{
  g_autofree char *text = g_strdup_printf ("%u", self->scale_max);
  g_autoptr(PangoLayout) layout = create_label_layout (self, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static int
measure_label_height (BoxArrivalsChart *self)
{
  g_autoptr(PangoLayout) layout = create_label_layout (self, "09:00");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
box_arrivals_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  BoxArrivalsChart *self = BOX_ARRIVALS_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int axis = measure_axis_width (self) + AXIS_GAP;

      *minimum = axis + N_BUCKETS * 8;
      *natural = axis + N_BUCKETS * 36;
    }
  else
    {
      int labels = measure_label_height (self) + AXIS_GAP + TOP_PADDING;

      /* Scrolled windows give their children the minimum height, so ask for it all. */
      *minimum = *natural = labels + 160;
    }
}

static void
box_arrivals_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  BoxArrivalsChart *self = BOX_ARRIVALS_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg, accent, dim, grid;
  float axis_width, label_height, plot_x, plot_w, plot_h, slot, bar_w;

  if (width <= 0 || height <= 0)
    return;

  get_colors (self, &fg, &accent);
  dim = fg;
  dim.alpha *= 0.55f;
  grid = fg;
  grid.alpha *= 0.12f;

  axis_width = measure_axis_width (self);
  label_height = measure_label_height (self);
  plot_x = axis_width + AXIS_GAP;
  plot_w = MAX (width - plot_x, 1.f);
  plot_h = MAX (height - label_height - AXIS_GAP - TOP_PADDING, 1.f);
  slot = plot_w / N_BUCKETS;
  bar_w = MAX (slot * 0.68f, 2.f);

  /* Grid lines, with the y axis' numbers to their left. */
  for (guint value = 0; value <= self->scale_max; value += self->scale_step)
    {
      float y = TOP_PADDING + plot_h - plot_h * value / self->scale_max;
      g_autofree char *text = g_strdup_printf ("%u", value);
      g_autoptr(PangoLayout) layout = create_label_layout (self, text);
      int text_w, text_h;

      /* With no bars, a scale would only be noise. */
      if (self->total == 0 && value != 0)
        continue;

      gtk_snapshot_append_color (snapshot, value == 0 ? &dim : &grid,
                                 &GRAPHENE_RECT_INIT (plot_x, roundf (y) - (value == 0 ? 0.f : 0.5f),
                                                      plot_w, 1.f));
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      append_layout_at (snapshot, layout, axis_width - text_w, y - text_h / 2.f, &dim);
    }

  if (self->total == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget,
                                                                 _("No arrivals in the last 4 hours"));
      int text_w, text_h;

      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      append_layout_at (snapshot, layout,
                        plot_x + (plot_w - text_w) / 2.f,
                        TOP_PADDING + (plot_h - text_h) / 2.f,
                        &dim);
    }

  /* The bars; the newest one is still filling up. */
  for (guint i = 0; i < N_BUCKETS; i++)
    {
      float bar_h, x;
      GdkRGBA color = accent;
      GskRoundedRect rounded;

      if (self->counts[i] == 0)
        continue;

      bar_h = MAX (plot_h * self->counts[i] / self->scale_max, 2.f);
      x = plot_x + slot * i + (slot - bar_w) / 2.f;
      if (i == N_BUCKETS - 1)
        color.alpha *= 0.55f;

      gsk_rounded_rect_init (&rounded,
                             &GRAPHENE_RECT_INIT (x, TOP_PADDING + plot_h - bar_h, bar_w, bar_h),
                             &GRAPHENE_SIZE_INIT (MIN (BAR_RADIUS, bar_h / 2.f), MIN (BAR_RADIUS, bar_h / 2.f)),
                             &GRAPHENE_SIZE_INIT (MIN (BAR_RADIUS, bar_h / 2.f), MIN (BAR_RADIUS, bar_h / 2.f)),
                             &GRAPHENE_SIZE_INIT (0, 0),
                             &GRAPHENE_SIZE_INIT (0, 0));
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &color, &rounded.bounds);
      gtk_snapshot_pop (snapshot);
    }

  /* A time under every bucket boundary that falls on the hour, plus the chart's end. */
  for (guint i = 0; i <= N_BUCKETS; i++)
    {
      gint64 t = self->start + (gint64) i * BUCKET_SECONDS;
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      float x = plot_x + slot * i;
      int text_w, text_h;

      if (dt == NULL || g_date_time_get_minute (dt) != 0)
        continue;

      text = format_time (t);
      layout = create_label_layout (self, text);
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      gtk_snapshot_append_color (snapshot, &dim,
                                 &GRAPHENE_RECT_INIT (roundf (x) - 0.5f, TOP_PADDING + plot_h,
                                                      1.f, AXIS_GAP / 2.f));
      x = CLAMP (x - text_w / 2.f, plot_x, width - text_w);
      append_layout_at (snapshot, layout, x, TOP_PADDING + plot_h + AXIS_GAP, &dim);
    }
}

static gboolean
box_arrivals_chart_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_tooltip,
                                  GtkTooltip *tooltip)
{
  BoxArrivalsChart *self = BOX_ARRIVALS_CHART (widget);
  float plot_x = measure_axis_width (self) + AXIS_GAP;
  float slot = (gtk_widget_get_width (widget) - plot_x) / N_BUCKETS;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *text = NULL;
  int i;

  if (keyboard_tooltip || slot <= 0 || x < plot_x)
    return FALSE;

  i = CLAMP ((int) ((x - plot_x) / slot), 0, N_BUCKETS - 1);
  from = format_time (self->start + (gint64) i * BUCKET_SECONDS);
  to = format_time (self->start + (gint64) (i + 1) * BUCKET_SECONDS);
  /* Translators: a bar of the arrivals chart: "09:15–09:30: 12 arrivals" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s–%s: %u arrival", "%s–%s: %u arrivals",
                                       self->counts[i]),
                          from, to, self->counts[i]);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
box_arrivals_chart_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (box_arrivals_chart_parent_class)->css_changed (widget, change);

  /* Colours and fonts come from the style: dark mode, accent colour, text size. */
  gtk_widget_queue_resize (widget);
}

static void
update_accessible (BoxArrivalsChart *self)
{
  g_autofree char *description = NULL;
  guint total = 0;
  guint peak = 0;
  guint peak_index = 0;

  for (guint i = 0; i < N_BUCKETS; i++)
    {
      total += self->counts[i];
      if (self->counts[i] > peak)
        {
          peak = self->counts[i];
          peak_index = i;
        }
    }

  if (total == 0)
    {
      description = g_strdup (_("No arrivals in the last 4 hours"));
    }
  else
    {
      g_autofree char *peak_time = format_time (self->start + (gint64) peak_index * BUCKET_SECONDS);
      g_autofree char *total_text = NULL;

      /* Translators: the first part of the chart's description for screen readers */
      total_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u arrival in the last 4 hours",
                                                 "%u arrivals in the last 4 hours", total),
                                    total);
      /* Translators: "120 arrivals in the last 4 hours, peak of 42 at 09:15" */
      description = g_strdup_printf (_("%s, peak of %u at %s"), total_text, peak, peak_time);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Arrivals per 15 minutes"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
box_arrivals_chart_class_init (BoxArrivalsChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = box_arrivals_chart_measure;
  widget_class->snapshot = box_arrivals_chart_snapshot;
  widget_class->query_tooltip = box_arrivals_chart_query_tooltip;
  widget_class->css_changed = box_arrivals_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "arrivalschart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
box_arrivals_chart_init (BoxArrivalsChart *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  self->start = now - now % BUCKET_SECONDS - (N_BUCKETS - 1) * BUCKET_SECONDS;
  compute_scale (0, &self->scale_max, &self->scale_step);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_accessible (self);
}

GtkWidget *
box_arrivals_chart_new (void)
{
  return g_object_new (BOX_TYPE_ARRIVALS_CHART, NULL);
}

/**
 * box_arrivals_chart_set_arrivals:
 * @buckets: (element-type BoxArrivalBucket) (nullable): arrivals in time order
 * @now: the Unix time the chart ends at
 *
 * Shows the four hours up to @now in 15-minute bars. Buckets outside that window are
 * ignored and missing ones count as zero.
 */
void
box_arrivals_chart_set_arrivals (BoxArrivalsChart *self,
                                 GArray           *buckets,
                                 gint64            now)
{
  guint max = 0;

  g_return_if_fail (BOX_IS_ARRIVALS_CHART (self));

  self->start = now - now % BUCKET_SECONDS - (N_BUCKETS - 1) * BUCKET_SECONDS;
  memset (self->counts, 0, sizeof self->counts);

  for (guint i = 0; buckets != NULL && i < buckets->len; i++)
    {
      const BoxArrivalBucket *bucket = &g_array_index (buckets, BoxArrivalBucket, i);
      gint64 slot;

      if (bucket->from < self->start)
        continue;
      slot = (bucket->from - self->start) / BUCKET_SECONDS;
      if (slot >= N_BUCKETS)
        continue;
      self->counts[slot] += bucket->count;
    }

  self->total = 0;
  for (guint i = 0; i < N_BUCKETS; i++)
    {
      max = MAX (max, self->counts[i]);
      self->total += self->counts[i];
    }
  compute_scale (max, &self->scale_max, &self->scale_step);

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
