/* box-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-dashboard"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "box-account.h"
#include "box-arrivals-chart.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-dashboard.h"
#include "box-error.h"
#include "box-provider.h"
#include "box-event-stats.h"

/* How the event is going: who has arrived, when, and whether the check-ins reached the
 * provider. Everything is read from the local store, which is fast, so a refresh simply
 * reads it all again; refreshes are coalesced so a burst of check-ins redraws once, and
 * while the page is shown it also refreshes every minute so the chart moves along.
 *
 * Some providers also report figures of their own (sold, capacity, revenue). Those are
 * asked over the network, so at most once per minute's refresh and never while the last
 * question is still out; until the first answer for an event their group stays hidden. */

#define REFRESH_DELAY_MS     250
#define REFRESH_INTERVAL_S   60
#define N_RECENT_CHECKINS    8
#define SYNC_MESSAGE_MAX_AGE (2 * 60 * G_USEC_PER_SEC)
/* A little under the refresh interval, so each minute's tick asks again. */
#define PROVIDER_STATS_MIN_INTERVAL ((REFRESH_INTERVAL_S - 5) * G_USEC_PER_SEC)

struct _BoxDashboard
{
  GtkWidget         parent_instance;

  BoxDesk          *desk;
  char             *account_id;
  char             *event_id;

  guint             refresh_id;
  guint             tick_id;

  /* account id -> SyncMessage, the latest "sync-progress" of each account */
  GHashTable       *sync_messages;

  /* The provider's own figures of the event shown */
  GCancellable     *provider_stats_cancellable;   /* set while the provider is asked */
  gint64            provider_stats_asked;         /* monotonic; 0: not yet for this event */
  gboolean          provider_stats_refused;       /* unsupported or not allowed: stop asking */

  GtkStack         *stack;
  GtkLabel         *error_label;
  GtkLabel         *checked_in_label;
  GtkLabel         *checked_in_detail_label;
  GtkLevelBar      *checked_in_bar;
  GtkLabel         *expected_label;
  GtkLabel         *expected_detail_label;
  GtkLabel         *queued_label;
  GtkImage         *queued_icon;
  GtkLabel         *queued_detail_label;
  BoxArrivalsChart *chart;
  GtkWidget        *ticket_types_group;
  GtkListBox       *ticket_types_list;
  GtkWidget        *provider_stats_group;
  GtkSpinner       *provider_stats_spinner;
  GtkListBox       *provider_stats_list;
  GtkListBox       *checkins_list;
  GtkListBox       *accounts_list;
};

typedef struct
{
  char   *text;
  gint64  time;   /* monotonic */
} SyncMessage;

G_DEFINE_FINAL_TYPE (BoxDashboard, box_dashboard, GTK_TYPE_WIDGET)

static void
sync_message_free (SyncMessage *message)
{
  g_free (message->text);
  g_free (message);
}

/* Helpers ----------------------------------------------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
set_style_class (GtkWidget  *widget,
                 const char *style_class)
{
  static const char * const classes[] = { "success", "warning", "error", "accent", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  if (style_class != NULL)
    gtk_widget_add_css_class (widget, style_class);
}

static guint
percent_of (guint part,
            guint whole)
{
  if (whole == 0)
    return 0;
  /* Round down, so 99.6% does not claim everyone is in. */
  return (guint) ((guint64) part * 100 / whole);
}

/* "09:14 · 3 minutes ago" for today, a date for older ones. */
static char *
format_checkin_time (gint64 created_at,
                     gint64 now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (created_at);
  g_autoptr(GDateTime) now_dt = g_date_time_new_from_unix_local (now);
  g_autofree char *clock = NULL;
  gint64 minutes = (now - created_at) / 60;

  if (dt == NULL || now_dt == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (dt) != g_date_time_get_year (now_dt) ||
      g_date_time_get_day_of_year (dt) != g_date_time_get_day_of_year (now_dt))
    {
      /* Translators: when a check-in happened on another day, as strftime() format */
      return g_date_time_format (dt, _("%b %-e, %H:%M"));
    }

  /* Translators: when a check-in happened today, as strftime() format */
  clock = g_date_time_format (dt, _("%H:%M"));

  if (minutes < 1)
    /* Translators: "09:14 · just now" */
    return g_strdup_printf (_("%s · just now"), clock);
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s · %u minute ago", "%s · %u minutes ago",
                                         (gulong) minutes),
                            clock, (guint) minutes);
  return g_steal_pointer (&clock);
}

static GtkWidget *
create_status (const char *icon_name,
               const char *text,
               const char *style_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", icon_name,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style_class != NULL)
    gtk_widget_add_css_class (image, style_class);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
create_placeholder_row (const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static const char *
provider_display_name (const char *provider)
{
  const char *label = provider ? box_provider_kind_get_label (provider) : NULL;

  if (label != NULL)
    return label;
  return provider != NULL ? provider : "";
}

/* Sections ---------------------------------------------------------------------------- */

static void
update_numbers (BoxDashboard  *self,
                BoxEventStats *stats)
{
  guint total = box_event_stats_get_total (stats);
  guint checked_in = box_event_stats_get_checked_in (stats);
  guint queued = box_event_stats_get_queued (stats);
  guint expected = total > checked_in ? total - checked_in : 0;
  g_autofree char *text = NULL;

  text = g_strdup_printf ("%u", checked_in);
  gtk_label_set_label (self->checked_in_label, text);
  g_clear_pointer (&text, g_free);

  /* Translators: under the number checked in: "of 500 · 45%" */
  text = g_strdup_printf (_("of %u · %u%%"), total, percent_of (checked_in, total));
  gtk_label_set_label (self->checked_in_detail_label, text);
  g_clear_pointer (&text, g_free);

  gtk_level_bar_set_max_value (self->checked_in_bar, MAX (total, 1));
  gtk_level_bar_set_value (self->checked_in_bar, MIN (checked_in, MAX (total, 1)));

  text = g_strdup_printf ("%u", expected);
  gtk_label_set_label (self->expected_label, text);
  g_clear_pointer (&text, g_free);

  if (total == 0)
    text = g_strdup (_("No tickets yet"));
  else if (expected == 0)
    text = g_strdup (_("Everyone is here"));
  else
    /* Translators: under the number still expected: "55% not here yet" */
    text = g_strdup_printf (_("%u%% not here yet"), 100 - percent_of (checked_in, total));
  gtk_label_set_label (self->expected_detail_label, text);
  g_clear_pointer (&text, g_free);

  text = g_strdup_printf ("%u", queued);
  gtk_label_set_label (self->queued_label, text);
  g_clear_pointer (&text, g_free);

  if (queued == 0)
    {
      gtk_image_set_from_icon_name (self->queued_icon, "emblem-ok-symbolic");
      set_style_class (GTK_WIDGET (self->queued_icon), "success");
      gtk_label_set_label (self->queued_detail_label, _("All check-ins sent"));
    }
  else
    {
      gtk_image_set_from_icon_name (self->queued_icon, "content-loading-symbolic");
      set_style_class (GTK_WIDGET (self->queued_icon), "warning");
      gtk_label_set_label (self->queued_detail_label, _("Sent when online"));
    }
}

static void
update_ticket_types (BoxDashboard  *self,
                     BoxEventStats *stats)
{
  GArray *types = box_event_stats_get_by_ticket_type (stats);

  clear_list (self->ticket_types_list);

  /* One ticket type says nothing the numbers above do not. */
  gtk_widget_set_visible (self->ticket_types_group, types != NULL && types->len > 1);
  if (types == NULL)
    return;

  for (guint i = 0; i < types->len; i++)
    {
      const BoxTicketTypeCount *type = &g_array_index (types, BoxTicketTypeCount, i);
      const char *name = type->name != NULL && *type->name != '\0' ? type->name : _("Other tickets");
      g_autofree char *count = NULL;
      GtkWidget *row, *box, *line, *title, *label, *bar;

      /* Title and count on one line, the bar under them, so it fits narrow windows. */
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_margin_top (box, 12);
      gtk_widget_set_margin_bottom (box, 12);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);

      line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      title = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (title, TRUE);

      /* Translators: checked in of a ticket type: "12 of 40" */
      count = g_strdup_printf (_("%u of %u"), type->checked_in, type->total);
      label = gtk_label_new (count);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");

      bar = gtk_level_bar_new_for_interval (0, MAX (type->total, 1));
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), MIN (type->checked_in, MAX (type->total, 1)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, count,
                                      -1);

      gtk_box_append (GTK_BOX (line), title);
      gtk_box_append (GTK_BOX (line), label);
      gtk_box_append (GTK_BOX (box), line);
      gtk_box_append (GTK_BOX (box), bar);

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->ticket_types_list, row);
    }
}

static GtkWidget *
create_checkin_row (BoxCheckin *checkin,
                    gint64      now)
{
  BoxAttendee *attendee = box_checkin_get_attendee (checkin);
  const char *name = attendee != NULL ? box_attendee_get_name (attendee) : NULL;
  const char *desk = box_checkin_get_desk (checkin);
  g_autofree char *when = format_checkin_time (box_checkin_get_created_at (checkin), now);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status;

  if (name == NULL || *name == '\0')
    name = box_checkin_get_code (checkin);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : "");
  if (desk != NULL && *desk != '\0')
    /* Translators: a check-in's time and desk: "09:14 · 3 minutes ago · Front desk" */
    subtitle = g_strdup_printf (_("%s · %s"), when, desk);
  else
    subtitle = g_steal_pointer (&when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  if (box_checkin_get_action (checkin) == BOX_CHECKIN_ACTION_UNDO)
    {
      status = create_status ("edit-undo-symbolic", _("Undone"), "dim-label");
    }
  else
    {
      switch (box_checkin_get_state (checkin))
        {
        case BOX_CHECKIN_STATE_PENDING:
        case BOX_CHECKIN_STATE_SENDING:
          status = create_status ("content-loading-symbolic", _("Waiting to be sent"), "warning");
          break;

        case BOX_CHECKIN_STATE_REJECTED:
          status = create_status ("dialog-error-symbolic", _("Refused"), "error");
          if (box_checkin_get_message (checkin) != NULL)
            gtk_widget_set_tooltip_text (status, box_checkin_get_message (checkin));
          break;

        case BOX_CHECKIN_STATE_LOCAL:
          status = create_status ("emblem-ok-symbolic", _("Checked in on this computer"), "success");
          break;

        case BOX_CHECKIN_STATE_CONFIRMED:
        default:
          status = create_status ("emblem-ok-symbolic", _("Checked in"), "success");
          break;
        }
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  return row;
}

static gboolean
update_checkins (BoxDashboard  *self,
                 gint64         now,
                 GError       **error)
{
  g_autoptr(GPtrArray) checkins = NULL;

  clear_list (self->checkins_list);

  checkins = box_desk_list_recent_checkins (self->desk, self->account_id, self->event_id,
                                            N_RECENT_CHECKINS, error);
  if (checkins == NULL)
    return FALSE;

  if (checkins->len == 0)
    gtk_list_box_append (self->checkins_list, create_placeholder_row (_("No check-ins yet")));

  for (guint i = 0; i < checkins->len; i++)
    gtk_list_box_append (self->checkins_list, create_checkin_row (checkins->pdata[i], now));

  return TRUE;
}

static GtkWidget *
create_account_row (BoxDashboard *self,
                    BoxAccount   *account,
                    guint         queued)
{
  const char *id = box_account_get_id (account);
  SyncMessage *message = g_hash_table_lookup (self->sync_messages, id);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), box_account_get_name (account));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  if (message != NULL && g_get_monotonic_time () - message->time < SYNC_MESSAGE_MAX_AGE)
    {
      /* Translators: an account's provider and what it is doing: "Fienta · Listing events" */
      subtitle = g_strdup_printf (_("%s · %s"),
                                  provider_display_name (box_account_get_provider (account)),
                                  message->text);
    }
  else if (queued > 0)
    {
      g_autofree char *count = NULL;

      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u check-in waiting to be sent",
                                            "%u check-ins waiting to be sent", queued),
                               queued);
      subtitle = g_strdup_printf (_("%s · %s"),
                                  provider_display_name (box_account_get_provider (account)),
                                  count);
    }
  else
    {
      subtitle = g_strdup (provider_display_name (box_account_get_provider (account)));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  switch (box_account_get_state (account))
    {
    case BOX_ACCOUNT_STATE_OFFLINE:
      status = create_status ("network-offline-symbolic",
                              _("Offline — check-ins are queued"), "warning");
      break;

    case BOX_ACCOUNT_STATE_AUTH_NEEDED:
      status = create_status ("dialog-password-symbolic", _("Sign-in needed"), "error");
      break;

    case BOX_ACCOUNT_STATE_OK:
    default:
      status = create_status ("emblem-ok-symbolic", _("Online"), "success");
      break;
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);

  return row;
}

static gboolean
update_accounts (BoxDashboard  *self,
                 GError       **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GHashTable) queued = NULL;

  clear_list (self->accounts_list);

  if ((accounts = box_desk_list_accounts (self->desk, error)) == NULL)
    return FALSE;
  if ((queue = box_desk_list_queue (self->desk, error)) == NULL)
    return FALSE;

  /* account id -> number of check-ins not sent yet */
  queued = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < queue->len; i++)
    {
      const char *id = box_checkin_get_account_id (queue->pdata[i]);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (queued, id));

      if (id != NULL)
        g_hash_table_insert (queued, (gpointer) id, GUINT_TO_POINTER (n + 1));
    }

  if (accounts->len == 0)
    gtk_list_box_append (self->accounts_list, create_placeholder_row (_("No accounts")));

  for (guint i = 0; i < accounts->len; i++)
    {
      BoxAccount *account = accounts->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (queued, box_account_get_id (account)));

      gtk_list_box_append (self->accounts_list, create_account_row (self, account, n));
    }

  return TRUE;
}

/* The provider's own figures ---------------------------------------------------------- */

static void
set_provider_stats_busy (BoxDashboard *self,
                         gboolean      busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->provider_stats_spinner), busy);
  gtk_spinner_set_spinning (self->provider_stats_spinner, busy);
}

/* Stops asking, and hides the figures: they belong to the event that was shown. */
static void
forget_provider_stats (BoxDashboard *self)
{
  if (self->provider_stats_cancellable != NULL)
    g_cancellable_cancel (self->provider_stats_cancellable);
  g_clear_object (&self->provider_stats_cancellable);
  self->provider_stats_asked = 0;
  self->provider_stats_refused = FALSE;

  set_provider_stats_busy (self, FALSE);
  gtk_widget_set_visible (self->provider_stats_group, FALSE);
  clear_list (self->provider_stats_list);
}

static GtkWidget *
create_figure_row (const BoxStatFigure *figure)
{
  const char *title = figure->label != NULL && *figure->label != '\0' ? figure->label : figure->key;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (figure->value != NULL ? figure->value : "");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  /* Figures are short: a number, or an amount and its currency. Unwrapped, so a narrow
   * window squeezes the title, not the figure. */
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (value, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);

  return row;
}

static void
show_provider_figures (BoxDashboard  *self,
                       BoxEventStats *stats)
{
  GArray *figures = box_event_stats_get_figures (stats);

  clear_list (self->provider_stats_list);

  if (figures == NULL || figures->len == 0)
    gtk_list_box_append (self->provider_stats_list,
                         create_placeholder_row (_("No figures for this event")));

  for (guint i = 0; figures != NULL && i < figures->len; i++)
    gtk_list_box_append (self->provider_stats_list,
                         create_figure_row (&g_array_index (figures, BoxStatFigure, i)));

  gtk_widget_set_visible (self->provider_stats_group, TRUE);
}

static void
show_provider_stats_error (BoxDashboard *self,
                           const GError *error)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "dialog-warning-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);

  clear_list (self->provider_stats_list);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The figures could not be fetched"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_append (self->provider_stats_list, row);

  gtk_widget_set_visible (self->provider_stats_group, TRUE);
}

static void
provider_stats_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BoxDashboard *self;
  g_autoptr(BoxEventStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = box_desk_fetch_provider_stats_finish (BOX_DESK (object), result, &error);

  /* Another event or desk was chosen, or the dashboard is gone: @user_data may be too. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = BOX_DASHBOARD (user_data);
  g_clear_object (&self->provider_stats_cancellable);
  set_provider_stats_busy (self, FALSE);

  if (stats != NULL)
    {
      show_provider_figures (self, stats);
      return;
    }

  /* Not a provider with figures, or an account not allowed to see them: nothing to say. */
  if (g_error_matches (error, BOX_ERROR, BOX_ERROR_UNSUPPORTED) ||
      g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION))
    {
      g_debug ("No figures from the provider: %s", error->message);
      self->provider_stats_refused = TRUE;
      gtk_widget_set_visible (self->provider_stats_group, FALSE);
      clear_list (self->provider_stats_list);
      return;
    }

  g_debug ("Could not fetch the provider's figures: %s", error->message);
  show_provider_stats_error (self, error);
}

/* Asks the provider for its figures unless it was asked less than a minute ago, is
 * still being asked, or said it has none; never waits for the answer. */
static void
update_provider_stats (BoxDashboard *self)
{
  g_autoptr(BoxAccount) account = NULL;
  g_autofree char *title = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->provider_stats_cancellable != NULL || self->provider_stats_refused)
    return;
  if (self->provider_stats_asked != 0 && now - self->provider_stats_asked < PROVIDER_STATS_MIN_INTERVAL)
    return;

  account = box_desk_get_account (self->desk, self->account_id, NULL);
  if (account == NULL)
    {
      gtk_widget_set_visible (self->provider_stats_group, FALSE);
      return;
    }

  /* Translators: the title of the figures the provider reports, e.g. "Reported by TickeTing" */
  title = g_strdup_printf (_("Reported by %s"),
                           provider_display_name (box_account_get_provider (account)));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->provider_stats_group), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->provider_stats_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  self->provider_stats_asked = now;
  self->provider_stats_cancellable = g_cancellable_new ();
  /* Figures already shown stay until the new ones come; the spinner says they are asked. */
  set_provider_stats_busy (self, TRUE);

  box_desk_fetch_provider_stats_async (self->desk, self->account_id, self->event_id,
                                       self->provider_stats_cancellable,
                                       provider_stats_cb, self);
}

static void
show_error (BoxDashboard *self,
            const GError *error)
{
  g_autofree char *text = NULL;

  /* Translators: shown on the dashboard when the local store could not be read */
  text = g_strdup_printf (_("Could not read everything: %s"), error->message);
  gtk_label_set_label (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* Refreshing -------------------------------------------------------------------------- */

static void
refresh_now (BoxDashboard *self)
{
  g_autoptr(BoxEventStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->desk == NULL || self->account_id == NULL || self->event_id == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "dashboard");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  stats = box_desk_get_stats (self->desk, self->account_id, self->event_id, &error);
  if (stats == NULL)
    {
      g_debug ("Could not read the event's numbers: %s", error->message);
      show_error (self, error);
      g_clear_error (&error);
      /* Zeros rather than another event's numbers. */
      stats = box_event_stats_new ();
    }
  update_numbers (self, stats);
  update_ticket_types (self, stats);
  box_arrivals_chart_set_arrivals (self->chart, box_event_stats_get_arrivals (stats), now);
  update_provider_stats (self);

  if (!update_checkins (self, now, &error))
    {
      g_debug ("Could not read the latest check-ins: %s", error->message);
      show_error (self, error);
      g_clear_error (&error);
    }

  if (!update_accounts (self, &error))
    {
      g_debug ("Could not read the accounts: %s", error->message);
      show_error (self, error);
      g_clear_error (&error);
    }
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  BoxDashboard *self = user_data;

  self->refresh_id = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

/* Refreshes soon, once for any number of changes; while hidden, mapping refreshes. */
static void
queue_refresh (BoxDashboard *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

static gboolean
tick_cb (gpointer user_data)
{
  BoxDashboard *self = user_data;

  refresh_now (self);
  return G_SOURCE_CONTINUE;
}

static void
forget_sync_message (BoxDashboard *self,
                     const char   *account_id)
{
  if (account_id != NULL)
    g_hash_table_remove (self->sync_messages, account_id);
}

static void
checkin_changed_cb (BoxDashboard *self,
                    BoxCheckin   *checkin)
{
  queue_refresh (self);
}

static void
account_state_changed_cb (BoxDashboard *self,
                          const char   *account_id,
                          int           state)
{
  forget_sync_message (self, account_id);
  queue_refresh (self);
}

static void
attendees_changed_cb (BoxDashboard *self,
                      const char   *account_id,
                      const char   *event_id)
{
  forget_sync_message (self, account_id);
  queue_refresh (self);
}

static void
events_changed_cb (BoxDashboard *self,
                   const char   *account_id)
{
  forget_sync_message (self, account_id);
  queue_refresh (self);
}

static void
accounts_changed_cb (BoxDashboard *self)
{
  queue_refresh (self);
}

static void
sync_progress_cb (BoxDashboard *self,
                  const char   *account_id,
                  const char   *event_id,
                  const char   *text)
{
  SyncMessage *message;

  if (account_id == NULL || text == NULL)
    return;

  message = g_new0 (SyncMessage, 1);
  message->text = g_strdup (text);
  message->time = g_get_monotonic_time ();
  g_hash_table_replace (self->sync_messages, g_strdup (account_id), message);
  queue_refresh (self);
}

/* GtkWidget --------------------------------------------------------------------------- */

static void
box_dashboard_map (GtkWidget *widget)
{
  BoxDashboard *self = BOX_DASHBOARD (widget);

  GTK_WIDGET_CLASS (box_dashboard_parent_class)->map (widget);

  refresh_now (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (REFRESH_INTERVAL_S, tick_cb, self);
}

static void
box_dashboard_unmap (GtkWidget *widget)
{
  BoxDashboard *self = BOX_DASHBOARD (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  GTK_WIDGET_CLASS (box_dashboard_parent_class)->unmap (widget);
}

static void
box_dashboard_dispose (GObject *object)
{
  BoxDashboard *self = BOX_DASHBOARD (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  /* The answer would come to a dashboard that is gone. */
  if (self->provider_stats_cancellable != NULL)
    g_cancellable_cancel (self->provider_stats_cancellable);
  g_clear_object (&self->provider_stats_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BOX_TYPE_DASHBOARD);
  g_clear_object (&self->desk);

  G_OBJECT_CLASS (box_dashboard_parent_class)->dispose (object);
}

static void
box_dashboard_finalize (GObject *object)
{
  BoxDashboard *self = BOX_DASHBOARD (object);

  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->sync_messages, g_hash_table_unref);

  G_OBJECT_CLASS (box_dashboard_parent_class)->finalize (object);
}

static void
box_dashboard_class_init (BoxDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = box_dashboard_dispose;
  object_class->finalize = box_dashboard_finalize;

  widget_class->map = box_dashboard_map;
  widget_class->unmap = box_dashboard_unmap;

  g_type_ensure (BOX_TYPE_ARRIVALS_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/boxoffice/BoxOffice/box-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, stack);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, error_label);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, checked_in_label);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, checked_in_detail_label);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, checked_in_bar);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, expected_label);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, expected_detail_label);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, queued_label);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, queued_icon);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, queued_detail_label);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, chart);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, ticket_types_group);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, ticket_types_list);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, provider_stats_group);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, provider_stats_spinner);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, provider_stats_list);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, checkins_list);
  gtk_widget_class_bind_template_child (widget_class, BoxDashboard, accounts_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dashboard");
}

static void
box_dashboard_init (BoxDashboard *self)
{
  self->sync_messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) sync_message_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The level bar is progress, not a warning: one colour whatever the value. */
  gtk_level_bar_remove_offset_value (self->checked_in_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->checked_in_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->checked_in_bar, GTK_LEVEL_BAR_OFFSET_FULL);

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Public ------------------------------------------------------------------------------ */

GtkWidget *
box_dashboard_new (void)
{
  return g_object_new (BOX_TYPE_DASHBOARD, NULL);
}

/**
 * box_dashboard_set_desk:
 * @desk: (nullable): the desk to show
 *
 * Follows @desk's changes while the dashboard lives.
 */
void
box_dashboard_set_desk (BoxDashboard *self,
                        BoxDesk      *desk)
{
  g_return_if_fail (BOX_IS_DASHBOARD (self));
  g_return_if_fail (!desk || BOX_IS_DESK (desk));

  if (self->desk == desk)
    return;

  if (self->desk != NULL)
    g_signal_handlers_disconnect_by_data (self->desk, self);
  g_set_object (&self->desk, desk);
  g_hash_table_remove_all (self->sync_messages);
  forget_provider_stats (self);

  if (desk != NULL)
    {
      g_signal_connect_object (desk, "checkin-recorded",
                               G_CALLBACK (checkin_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (desk, "checkin-updated",
                               G_CALLBACK (checkin_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (desk, "account-state-changed",
                               G_CALLBACK (account_state_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (desk, "attendees-changed",
                               G_CALLBACK (attendees_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (desk, "events-changed",
                               G_CALLBACK (events_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (desk, "accounts-changed",
                               G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (desk, "sync-progress",
                               G_CALLBACK (sync_progress_cb), self, G_CONNECT_SWAPPED);
    }

  box_dashboard_refresh (self);
}

/**
 * box_dashboard_set_event:
 * @account_id: (nullable): the event's account
 * @event_id: (nullable): the event, or %NULL for none
 */
void
box_dashboard_set_event (BoxDashboard *self,
                         const char   *account_id,
                         const char   *event_id)
{
  g_return_if_fail (BOX_IS_DASHBOARD (self));

  if (g_strcmp0 (self->account_id, account_id) == 0 &&
      g_strcmp0 (self->event_id, event_id) == 0)
    return;

  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_free (self->event_id);
  self->event_id = g_strdup (event_id);
  forget_provider_stats (self);

  box_dashboard_refresh (self);
}

/**
 * box_dashboard_refresh:
 *
 * Reads everything again now if the dashboard is shown, else when it is shown.
 */
void
box_dashboard_refresh (BoxDashboard *self)
{
  g_return_if_fail (BOX_IS_DASHBOARD (self));

  /* Mapping refreshes anyway. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_now (self);
}
