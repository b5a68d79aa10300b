/* box-event-sidebar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "box-account.h"
#include "box-event.h"
#include "box-event-sidebar.h"
#include "box-provider.h"

/* Every event of every account: name, provider and dates, how many are in. The list
 * follows the desk: new events after a sync, counts after check-ins (coalesced, so a
 * queue of a hundred check-ins redraws it once). */

#define RELOAD_DELAY_MS 300

struct _BoxEventSidebar
{
  GtkWidget  parent_instance;

  BoxDesk   *desk;
  GtkWidget *scroller;
  GtkWidget *list;
  GtkWidget *placeholder;
  char      *selected_account;
  char      *selected_event;
  guint      reload_id;
  gboolean   reloading;
  guint      n_events;
};

G_DEFINE_FINAL_TYPE (BoxEventSidebar, box_event_sidebar, GTK_TYPE_WIDGET)

enum {
  EVENT_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
box_event_sidebar_dispose (GObject *object)
{
  BoxEventSidebar *self = (BoxEventSidebar *)object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->desk);
  g_clear_pointer (&self->selected_account, g_free);
  g_clear_pointer (&self->selected_event, g_free);

  G_OBJECT_CLASS (box_event_sidebar_parent_class)->dispose (object);
}

static void
box_event_sidebar_class_init (BoxEventSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = box_event_sidebar_dispose;

  signals[EVENT_SELECTED] =
    g_signal_new ("event-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
row_selected_cb (BoxEventSidebar *self,
                 GtkListBoxRow   *row)
{
  const char *account_id;
  const char *event_id;

  if (row == NULL || self->reloading)
    return;

  account_id = g_object_get_data (G_OBJECT (row), "account-id");
  event_id = g_object_get_data (G_OBJECT (row), "event-id");
  if (g_strcmp0 (account_id, self->selected_account) == 0 &&
      g_strcmp0 (event_id, self->selected_event) == 0)
    return;

  g_free (self->selected_account);
  g_free (self->selected_event);
  self->selected_account = g_strdup (account_id);
  self->selected_event = g_strdup (event_id);
  g_signal_emit (self, signals[EVENT_SELECTED], 0, account_id, event_id);
}

static void
box_event_sidebar_init (BoxEventSidebar *self)
{
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Events"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->list);
  g_signal_connect_swapped (self->list, "row-selected", G_CALLBACK (row_selected_cb), self);

  self->placeholder = gtk_label_new (_("No events yet. Sync to list the events of your accounts."));
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->placeholder), 20);
  gtk_label_set_justify (GTK_LABEL (self->placeholder), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (self->placeholder, 24);
  gtk_widget_set_margin_start (self->placeholder, 12);
  gtk_widget_set_margin_end (self->placeholder, 12);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), self->placeholder);
}

GtkWidget *
box_event_sidebar_new (void)
{
  return g_object_new (BOX_TYPE_EVENT_SIDEBAR, NULL);
}

static char *
format_dates (BoxEvent *event)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (box_event_get_starts_at (event) <= 0)
    return g_strdup (_("No date"));

  start = g_date_time_new_from_unix_local (box_event_get_starts_at (event));
  if (box_event_get_ends_at (event) > box_event_get_starts_at (event))
    end = g_date_time_new_from_unix_local (box_event_get_ends_at (event));

  if (end != NULL && g_date_time_get_day_of_year (end) != g_date_time_get_day_of_year (start))
    {
      g_autofree char *a = g_date_time_format (start, "%e %b");
      g_autofree char *b = g_date_time_format (end, "%e %b %Y");
      /* TRANSLATORS: a span of dates, e.g. "3 Mar – 5 Mar 2027" */
      return g_strdup_printf (_("%s – %s"), g_strstrip (a), g_strstrip (b));
    }
  return g_date_time_format (start, "%e %b %Y, %H:%M");
}

static GtkWidget *
make_row (BoxEvent   *event,
          const char *provider_label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (box_event_get_name (event));
  g_autofree char *dates = format_dates (event);
  g_autofree char *meta_text = g_strdup_printf ("%s · %s", provider_label, g_strstrip (dates));
  GtkWidget *meta = gtk_label_new (meta_text);
  g_autofree char *counts_text = NULL;
  GtkWidget *counts;
  g_autofree char *accessible = NULL;

  /* TRANSLATORS: checked in of all attendees of an event */
  counts_text = g_strdup_printf (_("%u of %u checked in"), box_event_get_checked_in_count (event),
                                 box_event_get_attendee_count (event));
  counts = gtk_label_new (counts_text);

  gtk_widget_add_css_class (box, "event-row");
  /* Long names ellipsize rather than widen the sidebar. */
  gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
  gtk_label_set_max_width_chars (GTK_LABEL (meta), 24);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (counts), 0);
  gtk_widget_add_css_class (counts, "caption");
  gtk_widget_add_css_class (counts, "numeric");

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_box_append (GTK_BOX (box), counts);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, box_event_get_name (event));

  accessible = g_strdup_printf ("%s, %s, %s", box_event_get_name (event), meta_text, counts_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  g_object_set_data_full (G_OBJECT (row), "account-id",
                          g_strdup (box_event_get_account_id (event)), g_free);
  g_object_set_data_full (G_OBJECT (row), "event-id", g_strdup (box_event_get_id (event)), g_free);
  return row;
}

void
box_event_sidebar_reload (BoxEventSidebar *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  GtkListBoxRow *selected = NULL;

  g_return_if_fail (BOX_IS_EVENT_SIDEBAR (self));
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->desk == NULL)
    return;

  events = box_desk_list_events (self->desk, &error);
  accounts = box_desk_list_accounts (self->desk, NULL);
  if (events == NULL)
    {
      g_warning ("Cannot list the events: %s", error->message);
      return;
    }
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      BoxAccount *account = g_ptr_array_index (accounts, i);
      const char *kind_label = box_provider_kind_get_label (box_account_get_provider (account));
      g_hash_table_insert (labels, (gpointer)box_account_get_id (account),
                           (gpointer)(kind_label ? kind_label : box_account_get_provider (account)));
    }

  self->reloading = TRUE;
  while ((row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), GTK_WIDGET (row));

  for (guint i = 0; i < events->len; i++)
    {
      BoxEvent *event = g_ptr_array_index (events, i);
      const char *label = g_hash_table_lookup (labels, box_event_get_account_id (event));
      GtkWidget *new_row = make_row (event, label ? label : "");

      gtk_list_box_append (GTK_LIST_BOX (self->list), new_row);
      if (g_strcmp0 (box_event_get_account_id (event), self->selected_account) == 0 &&
          g_strcmp0 (box_event_get_id (event), self->selected_event) == 0)
        selected = GTK_LIST_BOX_ROW (new_row);
    }
  self->n_events = events->len;
  if (selected != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->list), selected);
  self->reloading = FALSE;
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  BoxEventSidebar *self = user_data;

  self->reload_id = 0;
  box_event_sidebar_reload (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (BoxEventSidebar *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

void
box_event_sidebar_set_desk (BoxEventSidebar *self,
                            BoxDesk         *desk)
{
  g_return_if_fail (BOX_IS_EVENT_SIDEBAR (self));

  if (!g_set_object (&self->desk, desk))
    return;

  g_signal_connect_object (desk, "events-changed", G_CALLBACK (queue_reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (desk, "attendees-changed", G_CALLBACK (queue_reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (desk, "accounts-changed", G_CALLBACK (queue_reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (desk, "checkin-recorded", G_CALLBACK (queue_reload), self, G_CONNECT_SWAPPED);
  box_event_sidebar_reload (self);
}

/**
 * box_event_sidebar_select:
 *
 * Selects the event and emits ::event-selected.
 *
 * Returns: whether the list has that event
 */
gboolean
box_event_sidebar_select (BoxEventSidebar *self,
                          const char      *account_id,
                          const char      *event_id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (BOX_IS_EVENT_SIDEBAR (self), FALSE);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "account-id"), account_id) == 0 &&
        g_strcmp0 (g_object_get_data (G_OBJECT (row), "event-id"), event_id) == 0)
      {
        gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
        return TRUE;
      }
  return FALSE;
}

guint
box_event_sidebar_get_n_events (BoxEventSidebar *self)
{
  g_return_val_if_fail (BOX_IS_EVENT_SIDEBAR (self), 0);
  return self->n_events;
}
