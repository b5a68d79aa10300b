/* box-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "boxoffice"

#include "config.h"

#include <glib/gi18n.h>

#include "box-account.h"
#include "box-add-account-dialog.h"
#include "box-attendee.h"
#include "box-attendee-details.h"
#include "box-attendee-status.h"
#include "box-attendee-view.h"
#include "box-checkin.h"
#include "box-dashboard.h"
#include "box-error.h"
#include "box-event.h"
#include "box-event-sidebar.h"
#include "box-kiosk-pin-dialog.h"
#include "box-kiosk-view.h"
#include "box-print-dialog.h"
#include "box-questions-dialog.h"
#include "box-result-banner.h"
#include "box-tag-jobs.h"
#include "box-window.h"

/* The desk's one window: events on the left; on the right the search, the list and
 * the attendee, or the dashboard. Everything goes through BoxDesk, asynchronously: a
 * check-in is answered from the local list at once and sent behind the scenes. */

#define UNDO_TOAST_SECONDS 6

struct _BoxWindow
{
  AdwApplicationWindow  parent_instance;

  BoxDesk              *desk;
  GSettings            *settings;
  char                 *account_id;
  char                 *event_id;
  GCancellable         *sync_cancellable;
  guint                 sync_timer_id;
  char                 *last_code;       /* the last check-in, for Ctrl+Z */
  char                 *last_account_id;
  char                 *last_event_id;
  char                 *signed_out_id;   /* the first account whose sign-in ended */
  guint                 sync_again;      /* asked for while a sync ran: 0, 1 (changes), 2 (all) */
  AdwToast             *undo_toast;      /* the one offering to undo it */
  GHashTable           *busy_codes;      /* check-ins under way */
  BoxTagJobs           *tag_jobs;
  GtkWidget            *questions_dialog; /* weak: the one asking, if any */
  GtkWidget            *content;          /* GtkStack: "desk" (the toast overlay) or "kiosk" */
  GtkWidget            *kiosk_view;       /* the stack's page in kiosk mode */
  gboolean              kiosk;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *main_stack;
  GtkWidget            *leaflet;
  GtkWidget            *sidebar_box;
  GtkWidget            *content_box;
  GtkWidget            *sidebar;
  GtkWidget            *sync_revealer;
  GtkWidget            *sync_spinner;
  GtkWidget            *sync_label;
  GtkWidget            *switcher_title;
  GtkWidget            *offline_revealer;
  GtkWidget            *offline_label;
  GtkWidget            *auth_revealer;
  GtkWidget            *auth_label;
  GtkWidget            *result_banner;
  GtkWidget            *view_stack;
  GtkWidget            *attendee_view;
  GtkWidget            *details;
  GtkWidget            *dashboard;
};

G_DEFINE_FINAL_TYPE (BoxWindow, box_window, ADW_TYPE_APPLICATION_WINDOW)

static void start_sync (BoxWindow *self, gboolean full);

/* State at a glance ------------------------------------------------------------------- */

static void
update_state_banners (BoxWindow *self)
{
  g_autoptr(GPtrArray) accounts = box_desk_list_accounts (self->desk, NULL);
  g_autoptr(GPtrArray) queue = box_desk_list_queue (self->desk, NULL);
  g_autoptr(GString) offline = g_string_new (NULL);
  g_autoptr(GString) signed_out = g_string_new (NULL);
  guint queued = queue ? queue->len : 0;

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      BoxAccount *account = g_ptr_array_index (accounts, i);
      GString *names = NULL;

      if (box_account_get_state (account) == BOX_ACCOUNT_STATE_OFFLINE)
        names = offline;
      else if (box_account_get_state (account) == BOX_ACCOUNT_STATE_AUTH_NEEDED)
        {
          names = signed_out;
          if (signed_out->len == 0 &&
              g_strcmp0 (self->signed_out_id, box_account_get_id (account)) != 0)
            {
              g_free (self->signed_out_id);
              self->signed_out_id = g_strdup (box_account_get_id (account));
            }
        }
      if (names == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, box_account_get_name (account));
    }

  if (offline->len > 0)
    {
      g_autofree char *text = NULL;

      if (queued > 0)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Offline (%s): %u check-in is saved here and will be sent when the connection is back.",
                                             "Offline (%s): %u check-ins are saved here and will be sent when the connection is back.",
                                             queued),
                                offline->str, queued);
      else
        text = g_strdup_printf (_("Offline (%s): check-ins are saved here and sent when the connection is back."),
                                offline->str);
      gtk_label_set_text (GTK_LABEL (self->offline_label), text);
    }
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->offline_revealer), offline->len > 0);

  if (signed_out->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Sign-in needed (%s): the provider no longer accepts the saved key. Check-ins are kept here until you sign in again."),
                                               signed_out->str);
      gtk_label_set_text (GTK_LABEL (self->auth_label), text);
    }
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->auth_revealer), signed_out->len > 0);
  if (signed_out->len == 0)
    g_clear_pointer (&self->signed_out_id, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in-again", signed_out->len > 0);
}

/* Toast titles are markup: names and error messages are text. */
static AdwToast *
show_toast (BoxWindow  *self,
            const char *text,
            const char *button_label,
            const char *action_name,
            guint       timeout)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, timeout);
  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return toast;
}

static void
undo_toast_dismissed_cb (BoxWindow *self,
                         AdwToast  *toast)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

/* One undo toast at a time, for the latest check-in, shown at once: a toast queued
 * behind older ones would name someone else. Its button undoes the person it names. */
static void
offer_undo (BoxWindow  *self,
            const char *code,
            const char *name)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *text = g_strdup_printf (_("Checked in %s"), escaped);
  AdwToast *toast = adw_toast_new (text);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  adw_toast_set_timeout (toast, UNDO_TOAST_SECONDS);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-check-in");
  adw_toast_set_action_target_value (toast, g_variant_new ("(sss)", self->last_account_id,
                                                           self->last_event_id, code));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Events ------------------------------------------------------------------------------ */

static void
update_main_page (BoxWindow *self)
{
  g_autoptr(GPtrArray) accounts = box_desk_list_accounts (self->desk, NULL);
  gboolean any = accounts != NULL && accounts->len > 0;

  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), any ? "desk" : "welcome");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-full", any);
}

/* The search takes the keys, unless the kiosk shows: then the desk is hidden and its
 * search must not take them from the kiosk (a sync re-selects the event, for one). */
static void
focus_search (BoxWindow *self)
{
  if (!self->kiosk)
    box_attendee_view_focus_search (BOX_ATTENDEE_VIEW (self->attendee_view));
}

static void
event_selected_cb (BoxWindow  *self,
                   const char *account_id,
                   const char *event_id)
{
  g_autoptr(BoxEvent) event = box_desk_get_event (self->desk, account_id, event_id, NULL);
  g_autofree char *ref = g_strdup_printf ("%s/%s", account_id, event_id);

  g_free (self->account_id);
  g_free (self->event_id);
  self->account_id = g_strdup (account_id);
  self->event_id = g_strdup (event_id);

  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (self->switcher_title),
                                     event ? box_event_get_name (event) : _("Box Office"));
  box_attendee_view_set_event (BOX_ATTENDEE_VIEW (self->attendee_view), account_id, event_id);
  box_attendee_details_set_attendee (BOX_ATTENDEE_DETAILS (self->details), NULL);
  box_dashboard_set_event (BOX_DASHBOARD (self->dashboard), account_id, event_id);
  box_result_banner_clear (BOX_RESULT_BANNER (self->result_banner));
  g_settings_set_string (self->settings, "last-event", ref);

  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
  focus_search (self);
}

/* Opens the event of last time, or the first one. */
static void
select_initial_event (BoxWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-event");
  g_autofree char *account_id = NULL;
  g_autofree char *event_id = NULL;
  g_autoptr(GPtrArray) events = NULL;

  if (self->event_id != NULL)
    return;
  if (*last && box_desk_parse_event_ref (last, &account_id, &event_id, NULL) &&
      box_event_sidebar_select (BOX_EVENT_SIDEBAR (self->sidebar), account_id, event_id))
    return;

  events = box_desk_list_events (self->desk, NULL);
  if (events != NULL && events->len > 0)
    {
      BoxEvent *event = g_ptr_array_index (events, 0);
      box_event_sidebar_select (BOX_EVENT_SIDEBAR (self->sidebar), box_event_get_account_id (event),
                                box_event_get_id (event));
    }
}

/* Check-in ---------------------------------------------------------------------------- */

/* Shows @attendee (or nobody), with its buttons waiting while its check-in is under way. */
static char *
describe_last_print (BoxWindow   *self,
                     BoxAttendee *attendee)
{
  g_autofree char *desk = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  gint64 printed_at = 0;

  if (!box_desk_get_last_print (self->desk, box_attendee_get_account_id (attendee),
                                box_attendee_get_event_id (attendee), box_attendee_get_code (attendee),
                                &printed_at, &desk))
    return NULL;
  when = g_date_time_new_from_unix_local (printed_at);
  /* TRANSLATORS: when a name tag was printed, e.g. "23 Nov, 09:14" */
  date = g_date_time_format (when, _("%e %b, %H:%M"));
  g_strstrip (date);
  if (desk != NULL && *desk != '\0')
    /* TRANSLATORS: "Name tag printed 23 Nov, 09:14 at Front desk" */
    return g_strdup_printf (_("Name tag printed %s at %s"), date, desk);
  return g_strdup_printf (_("Name tag printed %s"), date);
}

/* Whether @attendee is in by a check-in of this desk (not one the provider reported):
 * the last thing this desk did with the ticket, among its latest, was a check-in. */
static gboolean
checked_in_at_this_desk (BoxWindow   *self,
                         BoxAttendee *attendee)
{
  g_autoptr(GPtrArray) recent = NULL;

  if (!box_attendee_get_checked_in (attendee))
    return FALSE;
  recent = box_desk_list_recent_checkins (self->desk, box_attendee_get_account_id (attendee),
                                          box_attendee_get_event_id (attendee), 1000, NULL);
  for (guint i = 0; recent != NULL && i < recent->len; i++)
    {
      BoxCheckin *checkin = g_ptr_array_index (recent, i);

      if (g_strcmp0 (box_checkin_get_code (checkin), box_attendee_get_code (attendee)) == 0)
        return box_checkin_get_action (checkin) == BOX_CHECKIN_ACTION_CHECK_IN;
    }
  return FALSE;
}

static void
set_details (BoxWindow   *self,
             BoxAttendee *attendee)
{
  g_autofree char *printed = attendee && box_attendee_get_code (attendee)
                             ? describe_last_print (self, attendee) : NULL;

  if (attendee != NULL && box_attendee_get_account_id (attendee) != NULL)
    {
      const char *account_id = box_attendee_get_account_id (attendee);
      g_autoptr(BoxAccount) account = box_desk_get_account (self->desk, account_id, NULL);
      BoxProviderFlags flags = box_desk_get_account_flags (self->desk, account_id);
      /* Without the provider's check-in, the desk keeps check-ins and undoes them. */
      gboolean local = !(flags & BOX_PROVIDER_CAN_CHECK_IN);

      box_attendee_details_set_provider (BOX_ATTENDEE_DETAILS (self->details),
                                         account ? box_account_get_provider (account) : NULL,
                                         local, local && checked_in_at_this_desk (self, attendee));
      box_attendee_details_set_can_undo (BOX_ATTENDEE_DETAILS (self->details),
                                         local || (flags & BOX_PROVIDER_CAN_UNDO));
    }
  box_attendee_details_set_attendee (BOX_ATTENDEE_DETAILS (self->details), attendee);
  box_attendee_details_set_last_print (BOX_ATTENDEE_DETAILS (self->details), printed);
  box_attendee_details_set_busy (BOX_ATTENDEE_DETAILS (self->details),
                                 attendee != NULL &&
                                 g_hash_table_contains (self->busy_codes, box_attendee_get_code (attendee)));
}

static void
show_attendee (BoxWindow  *self,
               const char *code)
{
  g_autoptr(BoxAttendee) attendee = NULL;

  if (self->event_id != NULL)
    attendee = box_desk_get_attendee (self->desk, self->account_id, self->event_id, code, NULL);
  if (attendee != NULL)
    set_details (self, attendee);
}

/* The details show @code's attendee as stored now, if they still show that person. */
static void
refresh_details (BoxWindow  *self,
                 const char *code)
{
  BoxAttendee *shown = box_attendee_details_get_attendee (BOX_ATTENDEE_DETAILS (self->details));

  if (shown != NULL && g_strcmp0 (box_attendee_get_code (shown), code) == 0 &&
      g_strcmp0 (box_attendee_get_event_id (shown), self->event_id) == 0)
    show_attendee (self, code);
}

/* Name tags ------------------------------------------------------------------------------ */

static char *
current_event_name (BoxWindow *self)
{
  g_autoptr(BoxEvent) event = self->event_id
                              ? box_desk_get_event (self->desk, self->account_id, self->event_id, NULL)
                              : NULL;

  return g_strdup (event ? box_event_get_name (event) : "");
}

static void
tag_printed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BoxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n;

  n = box_tag_jobs_print_finish (BOX_TAG_JOBS (object), result, &error);
  if (self->desk == NULL)
    return;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message, NULL, NULL, 0);
      return;
    }
  if (n > 0)
    {
      BoxAttendee *shown = box_attendee_details_get_attendee (BOX_ATTENDEE_DETAILS (self->details));
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Printed %u name tag",
                                                            "Printed %u name tags", n), n);

      show_toast (self, text, NULL, NULL, 2);
      if (shown != NULL)
        refresh_details (self, box_attendee_get_code (shown));
    }
}

static void
print_tag_now (BoxWindow   *self,
               BoxAttendee *attendee)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *event_name = current_event_name (self);

  g_ptr_array_add (attendees, g_object_ref (attendee));
  box_tag_jobs_print_async (self->tag_jobs, attendees, event_name, BOX_TAG_LAYOUT_ONE_PER_PAGE,
                            BOX_TAG_TARGET_PRINTER, NULL, GTK_WINDOW (self), NULL, tag_printed_cb,
                            g_object_ref (self));
}

static void
reprint_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     BoxWindow        *self)
{
  BoxAttendee *attendee = g_object_get_data (G_OBJECT (dialog), "attendee");

  if (g_str_equal (response, "print") && self->desk != NULL)
    print_tag_now (self, attendee);
}

/* Prints @attendee's tag; one printed before is printed again only when the person
 * says so, knowing when and where it was printed. */
static void
print_tag (BoxWindow   *self,
           BoxAttendee *attendee)
{
  g_autofree char *printed = describe_last_print (self, attendee);
  const char *name;
  GtkWidget *dialog;

  if (printed == NULL)
    {
      print_tag_now (self, attendee);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Print the Name Tag Again?"), NULL);
  name = box_attendee_get_name (attendee);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s. Print another tag for %s?"), printed,
                                  name && *name ? name : box_attendee_get_code (attendee));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "print", _("_Print Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "attendee", g_object_ref (attendee), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reprint_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
details_print_cb (BoxWindow *self)
{
  BoxAttendee *attendee = box_attendee_details_get_attendee (BOX_ATTENDEE_DETAILS (self->details));

  if (attendee != NULL)
    print_tag (self, attendee);
}

static void
play_result_sound (BoxWindow        *self,
                   BoxCheckinResult  result)
{
  if (!g_settings_get_boolean (self->settings, "sound"))
    return;
  /* The desktop's alert sound for anything but "come in". */
  if (result != BOX_CHECKIN_RESULT_OK && result != BOX_CHECKIN_RESULT_QUEUED &&
      result != BOX_CHECKIN_RESULT_LOCAL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
show_result (BoxWindow  *self,
             BoxCheckin *checkin)
{
  BoxAttendee *attendee = box_checkin_get_attendee (checkin);
  BoxCheckinResult result = box_checkin_get_result (checkin);
  const char *name = attendee && box_attendee_get_name (attendee) && *box_attendee_get_name (attendee)
                     ? box_attendee_get_name (attendee) : box_checkin_get_code (checkin);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *time = NULL;
  g_autofree char *by = NULL;
  const char *ticket = attendee ? box_attendee_get_ticket_type (attendee) : NULL;

  switch (result)
    {
    case BOX_CHECKIN_RESULT_OK:
      title = g_strdup_printf (_("Checked in: %s"), name);
      subtitle = g_strdup (ticket);
      break;
    case BOX_CHECKIN_RESULT_LOCAL:
      title = g_strdup_printf (_("Checked in on this computer: %s"), name);
      subtitle = g_strdup (_("Recorded on this desk; the provider keeps no check-ins."));
      break;
    case BOX_CHECKIN_RESULT_QUEUED:
      title = g_strdup_printf (_("Checked in offline: %s"), name);
      subtitle = g_strdup (_("Let them in. The check-in is saved here and sent when the connection is back."));
      break;
    case BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN:
      time = box_format_clock_time (attendee ? box_attendee_get_checked_in_at (attendee) : 0);
      by = attendee ? box_attendee_checked_in_by (attendee) : NULL;
      if (time != NULL && by != NULL)
        /* TRANSLATORS: already checked in at 18:05 by Gate 1: Ann Smith */
        title = g_strdup_printf (_("Already checked in at %s by %s: %s"), time, by, name);
      else
        title = time ? g_strdup_printf (_("Already checked in at %s: %s"), time, name)
                     : g_strdup_printf (_("Already checked in: %s"), name);
      subtitle = g_strdup (_("This ticket was used before. Check the person’s name before letting them in."));
      break;
    case BOX_CHECKIN_RESULT_UNPAID:
      title = g_strdup_printf (_("Not paid: %s"), name);
      subtitle = g_strdup (box_checkin_get_message (checkin));
      break;
    case BOX_CHECKIN_RESULT_UNKNOWN:
      title = g_strdup_printf (_("Unknown ticket: %s"), box_checkin_get_code (checkin));
      subtitle = g_strdup (_("This code is not a ticket of this event. Sync, or check the event."));
      break;
    case BOX_CHECKIN_RESULT_PRODUCT:
      title = g_strdup_printf (_("Not valid here: %s"), name);
      subtitle = g_strdup (box_checkin_get_message (checkin));
      break;
    case BOX_CHECKIN_RESULT_QUESTIONS:
    default:
      title = g_strdup_printf (_("Questions to answer: %s"), name);
      subtitle = g_strdup (box_checkin_get_message (checkin) && *box_checkin_get_message (checkin)
                           ? box_checkin_get_message (checkin)
                           : _("Ask the questions and fill in the answers to check them in."));
      break;
    }

  box_result_banner_show (BOX_RESULT_BANNER (self->result_banner), result, title, subtitle);
  play_result_sound (self, result);
}

typedef struct
{
  BoxWindow       *window;
  char            *account_id;
  char            *event_id;
  char            *code;
  BoxCheckinFlags  flags;
} CheckIn;

static void
check_in_free (CheckIn *c)
{
  g_clear_object (&c->window);
  g_free (c->account_id);
  g_free (c->event_id);
  g_free (c->code);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckIn, check_in_free)

static void check_in_at (BoxWindow       *self,
                         const char      *account_id,
                         const char      *event_id,
                         const char      *code,
                         BoxCheckinFlags  flags,
                         GHashTable      *answers);

/* The name the desk calls @checkin's attendee by. */
static const char *
checkin_name (BoxCheckin *checkin)
{
  BoxAttendee *attendee = box_checkin_get_attendee (checkin);

  if (attendee != NULL && box_attendee_get_name (attendee) && *box_attendee_get_name (attendee))
    return box_attendee_get_name (attendee);
  return box_checkin_get_code (checkin);
}

static void
questions_answered_cb (BoxQuestionsDialog *dialog,
                       GHashTable         *answers,
                       BoxWindow          *self)
{
  CheckIn *c = g_object_get_data (G_OBJECT (dialog), "check-in");

  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (TRUE));
  check_in_at (self, c->account_id, c->event_id, c->code, c->flags, answers);
}

/* A file cannot be uploaded here: the provider is told to let the missing answers go. */
static void
questions_skipped_cb (BoxQuestionsDialog *dialog,
                      GHashTable         *answers,
                      BoxWindow          *self)
{
  CheckIn *c = g_object_get_data (G_OBJECT (dialog), "check-in");

  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (TRUE));
  check_in_at (self, c->account_id, c->event_id, c->code, c->flags | BOX_CHECKIN_FLAGS_SKIP_QUESTIONS,
               answers);
}

/* Cancelled: the banner says the person is not in yet. */
static gboolean
questions_close_request_cb (BoxQuestionsDialog *dialog,
                            BoxWindow          *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  g_autofree char *title = NULL;

  if (g_object_get_data (G_OBJECT (dialog), "answered") != NULL || self->desk == NULL)
    return GDK_EVENT_PROPAGATE;

  title = g_strdup_printf (_("Questions to answer: %s"), name);
  box_result_banner_show (BOX_RESULT_BANNER (self->result_banner), BOX_CHECKIN_RESULT_QUESTIONS,
                          title, _("Not checked in: the questions were not answered. Check in again to answer them."));
  return GDK_EVENT_PROPAGATE;
}

/* The provider asks questions first: the desk asks them, then checks in with the
 * answers, keeping the flags the check-in was made with. */
static void
ask_questions (BoxWindow  *self,
               BoxCheckin *checkin,
               CheckIn    *c)
{
  BoxQuestionsDialog *dialog;
  CheckIn *retry;

  if (self->questions_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->questions_dialog));

  dialog = box_questions_dialog_new (GTK_WINDOW (self), checkin_name (checkin),
                                     box_checkin_get_questions (checkin));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  retry = g_new0 (CheckIn, 1);
  retry->account_id = g_strdup (box_checkin_get_account_id (checkin));
  retry->event_id = g_strdup (box_checkin_get_event_id (checkin));
  retry->code = g_strdup (box_checkin_get_code (checkin));
  retry->flags = c->flags;
  g_object_set_data_full (G_OBJECT (dialog), "check-in", retry, (GDestroyNotify)check_in_free);
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (checkin_name (checkin)), g_free);

  g_signal_connect_object (dialog, "answered", G_CALLBACK (questions_answered_cb), self, 0);
  g_signal_connect_object (dialog, "skip", G_CALLBACK (questions_skipped_cb), self, 0);
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (questions_close_request_cb), self, 0);

  self->questions_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->questions_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
checked_in_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CheckIn) c = user_data;
  BoxWindow *self = c->window;
  g_autoptr(BoxCheckin) checkin = NULL;
  g_autoptr(GError) error = NULL;

  checkin = box_desk_check_in_finish (BOX_DESK (object), result, &error);
  g_hash_table_remove (self->busy_codes, c->code);
  if (self->desk == NULL)
    return;

  if (checkin == NULL)
    {
      show_toast (self, error->message, NULL, NULL, 0);
      refresh_details (self, c->code);
      return;
    }

  show_result (self, checkin);
  refresh_details (self, box_checkin_get_code (checkin));
  update_state_banners (self);

  switch (box_checkin_get_result (checkin))
    {
    case BOX_CHECKIN_RESULT_OK:
    case BOX_CHECKIN_RESULT_QUEUED:
    case BOX_CHECKIN_RESULT_LOCAL:
      {
        BoxAttendee *attendee = box_checkin_get_attendee (checkin);
        /* A queued check-in can be taken back before it is sent; a sent one only where
         * the provider has undo (Eventyay's devices have none). */
        gboolean can_undo = box_checkin_get_result (checkin) != BOX_CHECKIN_RESULT_OK ||
                            (box_desk_get_account_flags (self->desk, box_checkin_get_account_id (checkin)) &
                             BOX_PROVIDER_CAN_UNDO);

        g_free (self->last_code);
        g_free (self->last_account_id);
        g_free (self->last_event_id);
  g_free (self->signed_out_id);
        self->last_code = g_strdup (box_checkin_get_code (checkin));
        self->last_account_id = g_strdup (box_checkin_get_account_id (checkin));
        self->last_event_id = g_strdup (box_checkin_get_event_id (checkin));
        if (can_undo)
          {
            offer_undo (self, self->last_code,
                        attendee && box_attendee_get_name (attendee)
                        ? box_attendee_get_name (attendee) : self->last_code);
            gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", TRUE);
          }

        if (g_settings_get_boolean (self->settings, "print-on-check-in"))
          {
            g_autoptr(BoxAttendee) stored = box_desk_get_attendee (self->desk,
                                                                   box_checkin_get_account_id (checkin),
                                                                   box_checkin_get_event_id (checkin),
                                                                   box_checkin_get_code (checkin), NULL);
            if (stored != NULL)
              print_tag (self, stored);
          }
      }
      break;
    case BOX_CHECKIN_RESULT_QUESTIONS:
      ask_questions (self, checkin, c);
      break;
    case BOX_CHECKIN_RESULT_UNPAID:
      {
        BoxAttendee *attendee = box_checkin_get_attendee (checkin);

        /* An order not paid yet may be settled at the desk; a cancelled one never. */
        if (attendee != NULL && box_attendee_get_status (attendee) == BOX_ATTENDEE_STATUS_PENDING)
          box_result_banner_set_action (BOX_RESULT_BANNER (self->result_banner), _("Check In _Anyway"),
                                        "win.check-in-anyway",
                                        g_variant_new ("(sss)", box_checkin_get_account_id (checkin),
                                                       box_checkin_get_event_id (checkin),
                                                       box_checkin_get_code (checkin)));
      }
      break;
    default:
      break;
    }
}

/* Checks in @code at its own event, which need not be the open one. @answers answer
 * the provider's questions, if it asked. */
static void
check_in_at (BoxWindow       *self,
             const char      *account_id,
             const char      *event_id,
             const char      *code,
             BoxCheckinFlags  flags,
             GHashTable      *answers)
{
  /* @code may belong to the attendee the details pane shows, which the refresh below
   * replaces. */
  g_autofree char *code_copy = g_strdup (code);
  CheckIn *c;

  code = code_copy;
  if (account_id == NULL || event_id == NULL || code == NULL ||
      g_hash_table_contains (self->busy_codes, code))
    return;

  g_hash_table_add (self->busy_codes, g_strdup (code));
  refresh_details (self, code);

  c = g_new0 (CheckIn, 1);
  c->window = g_object_ref (self);
  c->account_id = g_strdup (account_id);
  c->event_id = g_strdup (event_id);
  c->code = g_strdup (code);
  c->flags = flags;
  box_desk_check_in_async (self->desk, account_id, event_id, code, flags, answers, NULL,
                           checked_in_cb, c);
}

/* Checks in @code at the open event. */
static void
check_in (BoxWindow       *self,
          const char      *code,
          BoxCheckinFlags  flags,
          GHashTable      *answers)
{
  if (self->event_id == NULL)
    return;
  check_in_at (self, self->account_id, self->event_id, code, flags, answers);
}

/* The latest check-in was undone, one way or another: nothing is left to undo. */
static void
forget_last_check_in (BoxWindow  *self,
                      const char *code)
{
  if (code == NULL || g_strcmp0 (code, self->last_code) != 0)
    return;
  g_clear_pointer (&self->last_code, g_free);
  g_clear_pointer (&self->last_account_id, g_free);
  g_clear_pointer (&self->last_event_id, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
}

static void
undone_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BoxWindow) self = user_data;
  g_autoptr(BoxCheckin) checkin = NULL;
  g_autoptr(GError) error = NULL;

  checkin = box_desk_undo_finish (BOX_DESK (object), result, &error);
  if (self->desk == NULL)
    return;
  if (checkin == NULL)
    {
      show_toast (self, error->message, NULL, NULL, 0);
      return;
    }

  {
    BoxAttendee *attendee = box_checkin_get_attendee (checkin);
    g_autofree char *text = g_strdup_printf (_("Check-in of %s undone"),
                                             attendee && box_attendee_get_name (attendee)
                                             ? box_attendee_get_name (attendee)
                                             : box_checkin_get_code (checkin));
    show_toast (self, text, NULL, NULL, 3);
  }
  forget_last_check_in (self, box_checkin_get_code (checkin));
  box_result_banner_clear (BOX_RESULT_BANNER (self->result_banner));
  refresh_details (self, box_checkin_get_code (checkin));
  update_state_banners (self);
}

/* Undoes the check-in of @code at its own event, which need not be the open one. */
static void
undo (BoxWindow  *self,
      const char *account_id,
      const char *event_id,
      const char *code)
{
  if (account_id == NULL || event_id == NULL || code == NULL)
    return;
  box_desk_undo_async (self->desk, account_id, event_id, code, NULL, undone_cb,
                       g_object_ref (self));
}


static void
code_entered_cb (BoxWindow   *self,
                 const char  *code,
                 BoxAttendee *attendee,
                 gboolean     scanned)
{
  g_autofree char *scan_action = g_settings_get_string (self->settings, "scan-action");

  box_attendee_view_clear_search (BOX_ATTENDEE_VIEW (self->attendee_view));

  /* Not in the list here: perhaps sold or changed since the last sync. Checking in asks
   * the provider (the desk says "unknown" when it does not know the code either). */
  if (attendee == NULL && g_str_equal (scan_action, "check-in"))
    {
      check_in (self, code, BOX_CHECKIN_FLAGS_NONE, NULL);
      return;
    }
  if (attendee == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Unknown ticket: %s"), code);
      box_result_banner_show (BOX_RESULT_BANNER (self->result_banner), BOX_CHECKIN_RESULT_UNKNOWN,
                              title, _("This code is not a ticket of this event. Sync, or check the event."));
      play_result_sound (self, BOX_CHECKIN_RESULT_UNKNOWN);
      return;
    }

  set_details (self, attendee);
  box_attendee_view_select_code (BOX_ATTENDEE_VIEW (self->attendee_view), code);
  if (g_str_equal (scan_action, "check-in"))
    check_in (self, code, BOX_CHECKIN_FLAGS_NONE, NULL);
  else if (g_str_equal (scan_action, "print"))
    {
      /* Print only: the tag, no check-in. */
      box_result_banner_clear (BOX_RESULT_BANNER (self->result_banner));
      print_tag (self, attendee);
    }
  else
    box_result_banner_clear (BOX_RESULT_BANNER (self->result_banner));
}

static void
attendee_selected_cb (BoxWindow   *self,
                      BoxAttendee *attendee)
{
  show_attendee (self, box_attendee_get_code (attendee));
}

static void
unpaid_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BoxWindow        *self)
{
  BoxAttendee *attendee = g_object_get_data (G_OBJECT (dialog), "attendee");

  if (g_str_equal (response, "check-in") && self->desk != NULL)
    check_in_at (self, box_attendee_get_account_id (attendee), box_attendee_get_event_id (attendee),
                 box_attendee_get_code (attendee), BOX_CHECKIN_FLAGS_IGNORE_UNPAID, NULL);
}

/* Checking in someone whose order is not paid yet is a decision: asked first. */
static void
confirm_unpaid_check_in (BoxWindow   *self,
                         BoxAttendee *attendee)
{
  const char *name = box_attendee_get_name (attendee);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Check In an Unpaid Order?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("This order is not paid yet. Check in %s only if the payment is settled."),
                                  name && *name ? name : box_attendee_get_code (attendee));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "check-in", _("Check In _Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "check-in",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "attendee", g_object_ref (attendee), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unpaid_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
details_check_in_cb (BoxWindow *self)
{
  BoxAttendee *attendee = box_attendee_details_get_attendee (BOX_ATTENDEE_DETAILS (self->details));

  if (attendee == NULL)
    return;
  if (box_attendee_get_status (attendee) == BOX_ATTENDEE_STATUS_PENDING &&
      !box_attendee_get_checked_in (attendee))
    confirm_unpaid_check_in (self, attendee);
  else
    check_in (self, box_attendee_get_code (attendee), BOX_CHECKIN_FLAGS_NONE, NULL);
}

static void
details_undo_cb (BoxWindow *self)
{
  BoxAttendee *attendee = box_attendee_details_get_attendee (BOX_ATTENDEE_DETAILS (self->details));

  if (attendee != NULL)
    undo (self, box_attendee_get_account_id (attendee), box_attendee_get_event_id (attendee),
          box_attendee_get_code (attendee));
}

/* A check-in's answer arrived from the provider (or a queued one was sent). */
static void
checkin_updated_cb (BoxWindow  *self,
                    BoxCheckin *checkin)
{
  refresh_details (self, box_checkin_get_code (checkin));
  update_state_banners (self);
}

/* Sync ---------------------------------------------------------------------------------- */

static void
sync_progress_cb (BoxWindow  *self,
                  const char *account_id,
                  const char *event_id,
                  const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->sync_label), message);
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BoxWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  box_desk_sync_finish (BOX_DESK (object), result, &error);
  g_clear_object (&self->sync_cancellable);
  if (self->desk == NULL)
    return;

  gtk_spinner_stop (GTK_SPINNER (self->sync_spinner));
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->sync_revealer), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);
  update_state_banners (self);
  box_event_sidebar_reload (BOX_EVENT_SIDEBAR (self->sidebar));
  select_initial_event (self);

  /* A sync asked for meanwhile (an account added while this one ran, which did not
   * know it yet) goes now, not at the next tick. */
  if (self->sync_again != 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gboolean full = self->sync_again == 2;

      self->sync_again = 0;
      start_sync (self, full);
    }
  self->sync_again = 0;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Offline and signed-out show as banners; other troubles as a toast to retry. */
  if (!g_error_matches (error, BOX_ERROR, BOX_ERROR_OFFLINE) &&
      !g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS))
    show_toast (self, error->message, _("_Retry"), "win.sync", 0);
}

static void
start_sync (BoxWindow *self,
            gboolean   full)
{
  if (self->sync_cancellable != NULL)
    {
      self->sync_again = MAX (self->sync_again, full ? 2 : 1);
      return;
    }

  self->sync_cancellable = g_cancellable_new ();
  gtk_label_set_text (GTK_LABEL (self->sync_label), _("Syncing…"));
  gtk_spinner_start (GTK_SPINNER (self->sync_spinner));
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->sync_revealer), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", TRUE);
  box_desk_sync_async (self->desk, NULL, NULL, full, self->sync_cancellable, synced_cb,
                       g_object_ref (self));
}

static gboolean
sync_timer_cb (gpointer user_data)
{
  BoxWindow *self = user_data;
  g_autoptr(GPtrArray) accounts = box_desk_list_accounts (self->desk, NULL);

  /* A tick during a long sync waits for the next tick, not for the end of it. */
  if (accounts != NULL && accounts->len > 0 && self->sync_cancellable == NULL)
    start_sync (self, FALSE);
  return G_SOURCE_CONTINUE;
}

static void
sync_interval_changed_cb (BoxWindow *self)
{
  guint seconds = g_settings_get_uint (self->settings, "sync-interval");

  g_clear_handle_id (&self->sync_timer_id, g_source_remove);
  if (seconds > 0)
    self->sync_timer_id = g_timeout_add_seconds (seconds, sync_timer_cb, self);
}

static void
accounts_changed_cb (BoxWindow *self)
{
  g_autoptr(BoxAccount) current = NULL;

  /* The open event's account was removed: nothing of it stays on screen. */
  if (self->account_id != NULL &&
      (current = box_desk_get_account (self->desk, self->account_id, NULL)) == NULL)
    {
      g_clear_pointer (&self->account_id, g_free);
      g_clear_pointer (&self->event_id, g_free);
      box_attendee_view_set_event (BOX_ATTENDEE_VIEW (self->attendee_view), NULL, NULL);
      box_dashboard_set_event (BOX_DASHBOARD (self->dashboard), NULL, NULL);
      set_details (self, NULL);
      box_result_banner_clear (BOX_RESULT_BANNER (self->result_banner));
      adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (self->switcher_title), _("Box Office"));
    }

  /* A new account: its attendees. */
  start_sync (self, FALSE);
  update_main_page (self);
  update_state_banners (self);
  box_event_sidebar_reload (BOX_EVENT_SIDEBAR (self->sidebar));
  select_initial_event (self);
}

/* Actions ----------------------------------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BoxWindow *self = BOX_WINDOW (widget);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "attendees");
  focus_search (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BoxWindow *self = BOX_WINDOW (widget);
  g_autofree char *code = g_strdup (self->last_code);
  g_autofree char *account_id = g_strdup (self->last_account_id);
  g_autofree char *event_id = g_strdup (self->last_event_id);

  forget_last_check_in (self, code);
  undo (self, account_id, event_id, code);
}

/* The undo toast's button: the check-in of the person it names. */
static void
undo_check_in_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BoxWindow *self = BOX_WINDOW (widget);
  const char *account_id, *event_id, *code;

  g_variant_get (parameter, "(&s&s&s)", &account_id, &event_id, &code);
  undo (self, account_id, event_id, code);
}

/* The banner's button for an order not paid yet. */
static void
check_in_anyway_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BoxWindow *self = BOX_WINDOW (widget);
  const char *account_id, *event_id, *code;

  g_variant_get (parameter, "(&s&s&s)", &account_id, &event_id, &code);
  check_in_at (self, account_id, event_id, code, BOX_CHECKIN_FLAGS_IGNORE_UNPAID, NULL);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  start_sync (BOX_WINDOW (widget), FALSE);
}

/* Every attendee again, not only what changed (Floktu: changes to orders it has). */
static void
sync_full_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  start_sync (BOX_WINDOW (widget), TRUE);
}

static void
cancel_sync_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BoxWindow *self = BOX_WINDOW (widget);

  if (self->sync_cancellable != NULL)
    {
      g_cancellable_cancel (self->sync_cancellable);
      gtk_label_set_text (GTK_LABEL (self->sync_label), _("Stopping…"));
    }
}

static void
account_added_cb (BoxWindow  *self,
                  BoxAccount *account)
{
  g_autofree char *text = g_strdup_printf (_("Added “%s”"), box_account_get_name (account));

  show_toast (self, text, NULL, NULL, 3);
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BoxWindow *self = BOX_WINDOW (widget);
  BoxAddAccountDialog *dialog = box_add_account_dialog_new (GTK_WINDOW (self), self->desk);

  g_signal_connect_object (dialog, "account-added", G_CALLBACK (account_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
account_signed_in_cb (BoxWindow  *self,
                      BoxAccount *account)
{
  g_autofree char *text = g_strdup_printf (_("Signed in to “%s” again"), box_account_get_name (account));

  show_toast (self, text, NULL, NULL, 3);
  update_state_banners (self);
  /* What waited for the sign-in goes out now. */
  start_sync (self, FALSE);
}

/* The sign-in banner's button: the same account, signed in again, keeps its events and
 * the check-ins waiting to be sent. */
static void
sign_in_again_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BoxWindow *self = BOX_WINDOW (widget);
  g_autoptr(BoxAccount) account = NULL;
  BoxAddAccountDialog *dialog;

  if (self->signed_out_id == NULL ||
      (account = box_desk_get_account (self->desk, self->signed_out_id, NULL)) == NULL)
    return;
  dialog = box_add_account_dialog_new_reconnect (GTK_WINDOW (self), self->desk, account);
  g_signal_connect_object (dialog, "account-added", G_CALLBACK (account_signed_in_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
batch_printed_cb (BoxWindow  *self,
                  guint       count,
                  const char *pdf_path)
{
  g_autofree char *text = NULL;

  if (pdf_path != NULL)
    {
      g_autofree char *name = g_path_get_basename (pdf_path);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u name tag to %s",
                                           "Saved %u name tags to %s", count), count, name);
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Printed %u name tag",
                                         "Printed %u name tags", count), count);
  show_toast (self, text, NULL, NULL, 3);
}

static void
print_batch_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BoxWindow *self = BOX_WINDOW (widget);
  g_autofree char *event_name = NULL;
  GtkWidget *dialog;
  BoxAttendeeList *list;

  if (self->event_id == NULL)
    return;

  event_name = current_event_name (self);
  list = box_attendee_view_get_list (BOX_ATTENDEE_VIEW (self->attendee_view));
  dialog = GTK_WIDGET (box_print_dialog_new (GTK_WINDOW (self), self->desk, self->tag_jobs,
                                             self->account_id, self->event_id, event_name,
                                             list && *box_attendee_list_get_query (list)
                                             ? G_LIST_MODEL (list) : NULL));
  g_signal_connect_object (dialog, "printed", G_CALLBACK (batch_printed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  BoxWindow *window;
  guint      n_attendees;
  char      *name;
} Export;

static void
export_free (Export *e)
{
  g_object_unref (e->window);
  g_free (e->name);
  g_free (e);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *e = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The list was not exported: %s"), error->message);
      show_toast (e->window, text, NULL, NULL, 0);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Exported %u attendee to “%s”",
                                                         "Exported %u attendees to “%s”",
                                                         e->n_attendees),
                                               e->n_attendees, e->name);
      show_toast (e->window, text, NULL, NULL, 3);
    }
  export_free (e);
}

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  BoxWindow       *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;
  Export *e;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || self->event_id == NULL)
    return;

  e = g_new0 (Export, 1);
  e->window = g_object_ref (self);
  e->name = g_file_get_basename (file);
  csv = box_desk_export_csv (self->desk, self->account_id, self->event_id, &e->n_attendees, &error);
  if (csv == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The list was not exported: %s"), error->message);
      show_toast (self, text, NULL, NULL, 0);
      export_free (e);
      return;
    }
  bytes = g_bytes_new_take (csv, strlen (csv));
  /* Written beside and renamed: a full disk never leaves half a file. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, exported_cb, e);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BoxWindow *self = BOX_WINDOW (widget);
  g_autofree char *event_name = NULL;
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  if (self->event_id == NULL)
    return;

  event_name = current_event_name (self);
  suggested = g_strdup_printf ("%s.csv", event_name ? event_name : self->event_id);
  g_strdelimit (suggested, "/\\", '-');
  chooser = gtk_file_chooser_native_new (_("Export Attendees"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV (spreadsheet)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
check_in_selected_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  details_check_in_cb (BOX_WINDOW (widget));
}

static void
show_attendees_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  box_window_show_page (BOX_WINDOW (widget), "attendees");
}

static void
show_dashboard_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  box_window_show_page (BOX_WINDOW (widget), "dashboard");
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BoxWindow *self = BOX_WINDOW (widget);
  AdwLeaflet *leaflet = ADW_LEAFLET (self->leaflet);

  if (adw_leaflet_get_folded (leaflet))
    adw_leaflet_set_visible_child (leaflet, adw_leaflet_get_visible_child (leaflet) == self->sidebar_box
                                            ? self->content_box : self->sidebar_box);
  else
    gtk_widget_set_visible (self->sidebar_box, !gtk_widget_get_visible (self->sidebar_box));
}

/* Keys: every key press is noted for the scanner logic (its hardware keycode reads a
 * scanner on any keyboard layout), and typing anywhere goes to the search. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BoxWindow             *self)
{
  if (self->kiosk)
    return GDK_EVENT_PROPAGATE;
  box_attendee_view_note_key (BOX_ATTENDEE_VIEW (self->attendee_view), keycode,
                              (state & GDK_SHIFT_MASK) != 0);
  return GDK_EVENT_PROPAGATE;
}

/* Kiosk mode ---------------------------------------------------------------------------- */

/* What could leave kiosk mode or show anyone's data: off while in it. */
static const char * const kiosk_locked_actions[] = {
  "win.search", "win.undo", "win.undo-check-in", "win.check-in-anyway", "win.add-account",
  "win.check-in-selected", "win.print-batch", "win.export", "win.show-attendees",
  "win.show-dashboard", "win.toggle-sidebar", "win.kiosk", "win.sign-in-again",
};
static const char * const kiosk_locked_app_actions[] = { "quit", "preferences", "about", "demo", "help" };

static void
lock_actions (BoxWindow *self,
              gboolean   locked)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GAction *help = g_action_map_lookup_action (G_ACTION_MAP (self), "show-help-overlay");

  for (guint i = 0; i < G_N_ELEMENTS (kiosk_locked_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), kiosk_locked_actions[i], !locked);
  if (!locked)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", self->last_code != NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in-again", self->signed_out_id != NULL);
    }
  if (G_IS_SIMPLE_ACTION (help))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (help), !locked);
  for (guint i = 0; app != NULL && i < G_N_ELEMENTS (kiosk_locked_app_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (app), kiosk_locked_app_actions[i]);

      if (G_IS_SIMPLE_ACTION (action))
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !locked);
    }
}

/* The organiser's windows (preferences and the dialogs over it, a new account,
 * printing) do not stay open over the kiosk. */
static void
close_dialogs (BoxWindow *self)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer)self && gtk_widget_get_visible (l->data))
      {
        /* Focus leaves first: GTK 4.8 warns when a window goes with the focus in a
         * password entry. */
        gtk_window_set_focus (l->data, NULL);
        gtk_window_destroy (l->data);
      }
}

static void
enter_kiosk (BoxWindow *self)
{
  GtkWidget *search = box_attendee_view_get_search_entry (BOX_ATTENDEE_VIEW (self->attendee_view));

  self->kiosk = TRUE;
  close_dialogs (self);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  /* Keys typed anywhere no longer go to the search (and a scan no longer checks in). */
  box_attendee_view_clear_search (BOX_ATTENDEE_VIEW (self->attendee_view));
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (search), NULL);
  lock_actions (self, TRUE);

  box_kiosk_view_set_account_id (BOX_KIOSK_VIEW (self->kiosk_view), self->account_id);
  box_kiosk_view_set_event_id (BOX_KIOSK_VIEW (self->kiosk_view), self->event_id);
  /* The desk (header bar, menus, list, banners, toasts) is neither shown nor reachable:
   * a hidden stack page is not mapped, not focusable and not in the accessibility tree. */
  gtk_stack_set_visible_child (GTK_STACK (self->content), self->kiosk_view);
  gtk_window_fullscreen (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "kiosk-mode", TRUE);
  box_kiosk_view_reset (BOX_KIOSK_VIEW (self->kiosk_view));
}

static void
leave_kiosk (BoxWindow *self)
{
  GtkWidget *search = box_attendee_view_get_search_entry (BOX_ATTENDEE_VIEW (self->attendee_view));

  self->kiosk = FALSE;
  box_kiosk_view_reset (BOX_KIOSK_VIEW (self->kiosk_view));
  gtk_stack_set_visible_child (GTK_STACK (self->content), GTK_WIDGET (self->toast_overlay));
  gtk_window_unfullscreen (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "kiosk-mode", FALSE);
  lock_actions (self, FALSE);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (search), GTK_WIDGET (self));
  focus_search (self);
}

static void
kiosk_pin_set_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BoxWindow) self = user_data;

  if (box_kiosk_pin_dialog_ask_finish (result, NULL) && self->desk != NULL)
    box_window_set_kiosk (self, TRUE);
}

static void
kiosk_leave_cb (BoxWindow *self)
{
  box_window_set_kiosk (self, FALSE);
}

static void
kiosk_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  box_window_set_kiosk (BOX_WINDOW (widget), TRUE);
}

/**
 * box_window_set_kiosk:
 *
 * Kiosk mode: the open event's self-service screen, fullscreen, with nothing of the
 * desk around it. Entering needs a PIN to be set (asked for first when there is none)
 * and an event to be open; leaving is done with the PIN on the kiosk's own screen.
 */
void
box_window_set_kiosk (BoxWindow *self,
                      gboolean   kiosk)
{
  g_autofree char *pin_hash = NULL;

  g_return_if_fail (BOX_IS_WINDOW (self));

  if (kiosk == self->kiosk)
    return;
  if (!kiosk)
    {
      leave_kiosk (self);
      return;
    }
  if (self->event_id == NULL)
    {
      show_toast (self, _("Open an event first"), NULL, NULL, 3);
      return;
    }
  pin_hash = g_settings_get_string (self->settings, "kiosk-pin-hash");
  if (*pin_hash == '\0')
    {
      box_kiosk_pin_dialog_ask_async (GTK_WINDOW (self), self->settings, NULL, kiosk_pin_set_cb,
                                      g_object_ref (self));
      return;
    }
  enter_kiosk (self);
}

gboolean
box_window_get_kiosk (BoxWindow *self)
{
  g_return_val_if_fail (BOX_IS_WINDOW (self), FALSE);
  return self->kiosk;
}

GtkWidget *
box_window_get_kiosk_view (BoxWindow *self)
{
  g_return_val_if_fail (BOX_IS_WINDOW (self), NULL);
  return self->kiosk_view;
}

/* Window ------------------------------------------------------------------------------- */

static gboolean
box_window_close_request (GtkWindow *window)
{
  BoxWindow *self = BOX_WINDOW (window);
  int width, height;

  /* An unattended kiosk is left with the PIN, not closed. */
  if (self->kiosk)
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (box_window_parent_class)->close_request (window);
}

static void
box_window_dispose (GObject *object)
{
  BoxWindow *self = (BoxWindow *)object;

  g_clear_handle_id (&self->sync_timer_id, g_source_remove);
  if (self->questions_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->questions_dialog), (gpointer *)&self->questions_dialog);
      self->questions_dialog = NULL;
    }
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  g_clear_object (&self->sync_cancellable);
  g_clear_object (&self->kiosk_view);
  g_clear_object (&self->tag_jobs);
  g_clear_object (&self->desk);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOX_TYPE_WINDOW);

  G_OBJECT_CLASS (box_window_parent_class)->dispose (object);
}

static void
box_window_finalize (GObject *object)
{
  BoxWindow *self = (BoxWindow *)object;

  g_free (self->account_id);
  g_free (self->event_id);
  g_free (self->last_code);
  g_free (self->last_account_id);
  g_free (self->last_event_id);
  g_hash_table_unref (self->busy_codes);

  G_OBJECT_CLASS (box_window_parent_class)->finalize (object);
}

static void
box_window_class_init (BoxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = box_window_dispose;
  object_class->finalize = box_window_finalize;
  window_class->close_request = box_window_close_request;

  g_type_ensure (BOX_TYPE_ATTENDEE_DETAILS);
  g_type_ensure (BOX_TYPE_ATTENDEE_VIEW);
  g_type_ensure (BOX_TYPE_DASHBOARD);
  g_type_ensure (BOX_TYPE_EVENT_SIDEBAR);
  g_type_ensure (BOX_TYPE_RESULT_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/boxoffice/BoxOffice/box-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, sync_revealer);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, auth_revealer);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, auth_label);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, result_banner);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, attendee_view);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, details);
  gtk_widget_class_bind_template_child (widget_class, BoxWindow, dashboard);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.undo-check-in", "(sss)", undo_check_in_action);
  gtk_widget_class_install_action (widget_class, "win.check-in-anyway", "(sss)", check_in_anyway_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.sync-full", NULL, sync_full_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in-again", NULL, sign_in_again_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-sync", NULL, cancel_sync_action);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "win.check-in-selected", NULL, check_in_selected_action);
  gtk_widget_class_install_action (widget_class, "win.print-batch", NULL, print_batch_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.show-attendees", NULL, show_attendees_action);
  gtk_widget_class_install_action (widget_class, "win.show-dashboard", NULL, show_dashboard_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.kiosk", NULL, kiosk_action);
}

static void
box_window_init (BoxWindow *self)
{
  GtkEventController *keys;

  self->busy_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_search_entry_set_key_capture_widget (
    GTK_SEARCH_ENTRY (box_attendee_view_get_search_entry (BOX_ATTENDEE_VIEW (self->attendee_view))),
    GTK_WIDGET (self));

  g_signal_connect_swapped (self->sidebar, "event-selected", G_CALLBACK (event_selected_cb), self);
  g_signal_connect_swapped (self->attendee_view, "code-entered", G_CALLBACK (code_entered_cb), self);
  g_signal_connect_swapped (self->attendee_view, "attendee-selected",
                            G_CALLBACK (attendee_selected_cb), self);
  g_signal_connect_swapped (self->details, "check-in", G_CALLBACK (details_check_in_cb), self);
  g_signal_connect_swapped (self->details, "undo", G_CALLBACK (details_undo_cb), self);
  g_signal_connect_swapped (self->details, "print", G_CALLBACK (details_print_cb), self);

  self->kiosk_view = g_object_ref_sink (box_kiosk_view_new ());
  g_signal_connect_swapped (self->kiosk_view, "leave", G_CALLBACK (kiosk_leave_cb), self);

  /* The desk and the kiosk as pages of one stack. The desk stays in the window while the
   * kiosk shows: taken out of it, GTK 4.8 still reaches its menus when keyboard shortcuts
   * change, and an update of a menu item's accelerator there ends in a GLib-GObject
   * critical (g_object_unref of a non-object). */
  self->content = gtk_stack_new ();
  g_object_ref (self->toast_overlay);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);
  gtk_stack_add_named (GTK_STACK (self->content), GTK_WIDGET (self->toast_overlay), "desk");
  g_object_unref (self->toast_overlay);
  gtk_stack_add_named (GTK_STACK (self->content), self->kiosk_view, "kiosk");
  gtk_stack_set_visible_child (GTK_STACK (self->content), GTK_WIDGET (self->toast_overlay));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), self->content);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);
}

BoxWindow *
box_window_new (BoxApplication *application,
                BoxDesk        *desk)
{
  BoxWindow *self = g_object_new (BOX_TYPE_WINDOW, "application", application, NULL);
  g_autoptr(GPtrArray) accounts = NULL;

  self->desk = g_object_ref (desk);
  self->settings = g_object_ref (box_application_get_settings (application));
  self->tag_jobs = box_tag_jobs_new (desk, self->settings);

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  if (box_application_is_demo (application))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  box_attendee_view_set_desk (BOX_ATTENDEE_VIEW (self->attendee_view), desk);
  box_dashboard_set_desk (BOX_DASHBOARD (self->dashboard), desk);
  box_event_sidebar_set_desk (BOX_EVENT_SIDEBAR (self->sidebar), desk);
  g_object_set (self->kiosk_view, "desk", desk, "settings", self->settings, "tag-jobs", self->tag_jobs,
                NULL);

  g_signal_connect_object (desk, "checkin-updated", G_CALLBACK (checkin_updated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (desk, "account-state-changed", G_CALLBACK (update_state_banners), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (desk, "accounts-changed", G_CALLBACK (accounts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (desk, "sync-progress", G_CALLBACK (sync_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sync-interval",
                           G_CALLBACK (sync_interval_changed_cb), self, G_CONNECT_SWAPPED);

  update_main_page (self);
  update_state_banners (self);
  select_initial_event (self);
  sync_interval_changed_cb (self);

  accounts = box_desk_list_accounts (desk, NULL);
  if (accounts != NULL && accounts->len > 0)
    start_sync (self, FALSE);

  return self;
}

BoxDesk *
box_window_get_desk (BoxWindow *self)
{
  g_return_val_if_fail (BOX_IS_WINDOW (self), NULL);
  return self->desk;
}

GtkWidget *
box_window_get_attendee_view (BoxWindow *self)
{
  g_return_val_if_fail (BOX_IS_WINDOW (self), NULL);
  return self->attendee_view;
}

GtkWidget *
box_window_get_details (BoxWindow *self)
{
  g_return_val_if_fail (BOX_IS_WINDOW (self), NULL);
  return self->details;
}

GtkWidget *
box_window_get_result_banner (BoxWindow *self)
{
  g_return_val_if_fail (BOX_IS_WINDOW (self), NULL);
  return self->result_banner;
}

GtkWidget *
box_window_get_sidebar (BoxWindow *self)
{
  g_return_val_if_fail (BOX_IS_WINDOW (self), NULL);
  return self->sidebar;
}

GtkWidget *
box_window_get_dashboard (BoxWindow *self)
{
  g_return_val_if_fail (BOX_IS_WINDOW (self), NULL);
  return self->dashboard;
}

/* "welcome", "attendees" or "dashboard" */
const char *
box_window_get_visible_page (BoxWindow *self)
{
  g_return_val_if_fail (BOX_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->main_stack)), "welcome") == 0)
    return "welcome";
  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->view_stack));
}

void
box_window_show_page (BoxWindow  *self,
                      const char *page)
{
  g_return_if_fail (BOX_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), page);
  if (g_str_equal (page, "attendees"))
    focus_search (self);
}

const char *
box_window_get_banner_text (BoxWindow *self)
{
  g_return_val_if_fail (BOX_IS_WINDOW (self), NULL);

  if (!box_result_banner_get_shown (BOX_RESULT_BANNER (self->result_banner)))
    return NULL;
  return box_result_banner_get_title (BOX_RESULT_BANNER (self->result_banner));
}

gboolean
box_window_is_syncing (BoxWindow *self)
{
  g_return_val_if_fail (BOX_IS_WINDOW (self), FALSE);
  return self->sync_cancellable != NULL;
}
