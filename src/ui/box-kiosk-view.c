/* box-kiosk-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-kiosk-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-error.h"
#include "box-event.h"
#include "box-kiosk-guard.h"
#include "box-kiosk-pin.h"
#include "box-kiosk-view.h"
#include "box-membership.h"
#include "box-provider.h"
#include "box-questions-dialog.h"
#include "box-sign-in-page.h"

/* A self-service screen on a shared computer, so it shows one person at a time and
 * forgets them: every way back to the start (done, "This Is Not Me", a minute without
 * input, the organiser's lock button) goes through box_kiosk_view_reset(), which empties
 * every entry and label and drops the person. Answers that arrive after a reset are for
 * nobody: each carries the generation it was asked in.
 *
 * Delegates of a provider with its own sign-in (Currinda) sign in on the provider's page
 * in a web view of their own, with an ephemeral network session: nothing of it reaches
 * the disk. Afterwards the view visits the site's logout page, so that the site's
 * session ends too, and is destroyed with its session. */

#define DONE_SECONDS         6    /* the done page, then the start */
#define TICK_MS              250  /* idle time and the guard's countdown */
#define DEFAULT_IDLE_SECONDS 60

struct _BoxKioskView
{
  GtkWidget             parent_instance;

  BoxDesk              *desk;
  GSettings            *settings;
  BoxTagJobs           *tag_jobs;
  char                 *account_id;
  char                 *event_id;
  guint                 idle_seconds;

  BoxKioskGuard        *lookup_guard;
  BoxKioskGuard        *pin_guard;
  gint64                last_input;     /* monotonic */
  guint                 tick_id;
  gboolean              lookup_waiting; /* the wait label shows the guard's wait */
  gboolean              pin_waiting;

  /* The person on screen */
  guint                 generation;     /* bumped by every reset */
  BoxAttendee          *attendee;
  const char           *person_page;    /* "confirm" or "registration" */
  GCancellable         *cancellable;
  gulong                open_uri_id;
  guint                 done_id;
  GtkWidget            *questions_dialog; /* weak */

  WebKitWebView        *web_view;       /* the delegate's sign-in page */

  GtkWidget            *stack;
  GtkWidget            *event_label;
  GtkWidget            *start_title_label;
  GtkWidget            *lookup_box;
  GtkWidget            *code_entry;
  GtkWidget            *name_revealer;
  GtkWidget            *name_entry;
  GtkWidget            *start_error_label;
  GtkWidget            *start_wait_label;
  GtkWidget            *delegate_box;
  GtkWidget            *delegate_label;
  GtkWidget            *delegate_button;
  GtkWidget            *busy_spinner;
  GtkWidget            *busy_label;
  GtkWidget            *confirm_name_label;
  GtkWidget            *confirm_ticket_label;
  GtkWidget            *confirm_event_label;
  GtkWidget            *confirm_error_label;
  GtkWidget            *check_in_button;
  GtkWidget            *done_box;
  GtkWidget            *done_icon;
  GtkWidget            *done_title_label;
  GtkWidget            *done_subtitle_label;
  GtkWidget            *sign_in_title_label;
  GtkWidget            *web_box;
  GtkWidget            *registration_name_label;
  GtkWidget            *registration_list;
  GtkWidget            *registration_error_label;
  GtkWidget            *registration_check_in_button;
  GtkWidget            *pin_entry;
  GtkWidget            *pin_error_label;
  GtkWidget            *pin_wait_label;
};

G_DEFINE_FINAL_TYPE (BoxKioskView, box_kiosk_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DESK,
  PROP_SETTINGS,
  PROP_TAG_JOBS,
  PROP_ACCOUNT_ID,
  PROP_EVENT_ID,
  PROP_IDLE_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Answers of the desk for the person of one generation. */
typedef struct
{
  BoxKioskView    *self;
  guint            generation;
  BoxCheckinFlags  flags;
} Pending;

static Pending *
pending_new (BoxKioskView    *self,
             BoxCheckinFlags  flags)
{
  Pending *p = g_new0 (Pending, 1);

  p->self = g_object_ref (self);
  p->generation = self->generation;
  p->flags = flags;
  return p;
}

static void
pending_free (Pending *p)
{
  g_object_unref (p->self);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

/* Whether the answer came too late: the view is gone, or the person is. */
static gboolean
pending_is_stale (Pending *p)
{
  return p->self->desk == NULL || p->generation != p->self->generation;
}

/* Helpers ------------------------------------------------------------------------------- */

static void
touch (BoxKioskView *self)
{
  self->last_input = g_get_monotonic_time ();
}

static const char *
visible_page (BoxKioskView *self)
{
  const char *name = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));

  return name != NULL ? name : "start";
}

/* Shows @text in @label, or hides it. */
static void
set_message (GtkWidget  *label,
             const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL && *text != '\0');
}

static const char *
name_of (BoxAttendee *attendee)
{
  const char *name = box_attendee_get_name (attendee);

  return name != NULL && *name != '\0' ? name : _("Your ticket");
}

static char *
event_name (BoxKioskView *self)
{
  g_autoptr(BoxEvent) event = NULL;

  if (self->desk != NULL && self->event_id != NULL)
    event = box_desk_get_event (self->desk, self->account_id, self->event_id, NULL);
  return g_strdup (event != NULL ? box_event_get_name (event) : "");
}

static GtkWindow *
parent_window (BoxKioskView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static void
show_page (BoxKioskView *self,
           const char   *page)
{
  gboolean busy = g_str_equal (page, "busy");

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
  gtk_spinner_set_spinning (GTK_SPINNER (self->busy_spinner), busy);

  /* Keys go where they are wanted; on the done page any key starts again. */
  if (g_str_equal (page, "start"))
    gtk_widget_grab_focus (gtk_widget_get_visible (self->lookup_box) ? self->code_entry : self->delegate_button);
  else if (g_str_equal (page, "confirm"))
    gtk_widget_grab_focus (self->check_in_button);
  else if (g_str_equal (page, "registration"))
    gtk_widget_grab_focus (self->registration_check_in_button);
  else if (g_str_equal (page, "pin"))
    gtk_widget_grab_focus (self->pin_entry);
  else if (g_str_equal (page, "done"))
    gtk_widget_grab_focus (self->done_box);
  else if (g_str_equal (page, "delegate") && self->web_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

static void
show_busy (BoxKioskView *self,
           const char   *text)
{
  gtk_label_set_text (GTK_LABEL (self->busy_label), text);
  show_page (self, "busy");
}

/* The guard's wait, counting down ------------------------------------------------------- */

static void
show_wait (BoxKioskGuard *guard,
           GtkWidget     *label,
           gboolean      *showing)
{
  guint wait = box_kiosk_guard_get_wait (guard);

  if (wait > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Please wait %u second before trying again.",
                                                            "Please wait %u seconds before trying again.",
                                                            wait),
                                               wait);

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
        set_message (label, text);
      *showing = TRUE;
    }
  else if (*showing)
    {
      set_message (label, NULL);
      *showing = FALSE;
    }
}

static void
update_wait (BoxKioskView *self)
{
  show_wait (self->lookup_guard, self->start_wait_label, &self->lookup_waiting);
  show_wait (self->pin_guard, self->pin_wait_label, &self->pin_waiting);
}

/* While @guard makes the next attempt wait, the attempt is refused. */
static gboolean
refuse_while_waiting (BoxKioskView  *self,
                      BoxKioskGuard *guard)
{
  if (box_kiosk_guard_get_wait (guard) == 0)
    return FALSE;
  update_wait (self);
  gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
}

/* Nobody at the screen for a while: start again. Not while the desk works for someone. */
static gboolean
tick_cb (gpointer user_data)
{
  BoxKioskView *self = user_data;
  gint64 now = g_get_monotonic_time ();

  update_wait (self);
  if (g_str_equal (visible_page (self), "busy"))
    touch (self);
  else if (self->idle_seconds > 0 && now - self->last_input >= (gint64)self->idle_seconds * G_USEC_PER_SEC)
    {
      g_debug ("No input for %u s: back to the start", self->idle_seconds);
      box_kiosk_view_reset (self);
    }
  return G_SOURCE_CONTINUE;
}

/* The delegate's sign-in page ----------------------------------------------------------- */

/* The delegate is done: the page signs out at the site (its logout page ends the site's
 * session and deletes its cookie), then goes with its network session. */
static void
retire_web_view (BoxKioskView *self)
{
  g_autofree char *logout = NULL;

  if (self->web_view == NULL)
    return;
  if (self->desk != NULL && self->account_id != NULL)
    logout = box_desk_get_logout_uri (self->desk, self->account_id, "about:blank");
  box_sign_in_page_retire (g_steal_pointer (&self->web_view), logout);
}

/* A new page in a new ephemeral session for each delegate. */
static void
open_web_view (BoxKioskView *self)
{
  retire_web_view (self);
  self->web_view = box_sign_in_page_new ();
  gtk_box_append (GTK_BOX (self->web_box), GTK_WIDGET (self->web_view));
}

/* Reset ------------------------------------------------------------------------------------- */

static void
stop_waiting_for_sign_in (BoxKioskView *self)
{
  if (self->open_uri_id != 0 && self->desk != NULL)
    g_signal_handler_disconnect (self->desk, self->open_uri_id);
  self->open_uri_id = 0;
}

/**
 * box_kiosk_view_reset:
 *
 * Back to the start page with nothing of the person before on screen: entries and
 * labels empty, the attendee dropped, a delegate signed out at the site and the web
 * view gone. The guards stay: they are about the station, not the person.
 */
void
box_kiosk_view_reset (BoxKioskView *self)
{
  g_return_if_fail (BOX_IS_KIOSK_VIEW (self));

  self->generation++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_waiting_for_sign_in (self);
  g_clear_handle_id (&self->done_id, g_source_remove);
  if (self->questions_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->questions_dialog));
  retire_web_view (self);

  g_clear_object (&self->attendee);
  self->person_page = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->name_revealer), FALSE);
  set_message (self->start_error_label, NULL);
  set_message (self->confirm_error_label, NULL);
  set_message (self->registration_error_label, NULL);
  set_message (self->pin_error_label, NULL);
  gtk_label_set_text (GTK_LABEL (self->confirm_name_label), "");
  gtk_label_set_text (GTK_LABEL (self->confirm_ticket_label), "");
  gtk_label_set_text (GTK_LABEL (self->confirm_event_label), "");
  gtk_label_set_text (GTK_LABEL (self->done_title_label), "");
  gtk_label_set_text (GTK_LABEL (self->done_subtitle_label), "");
  gtk_label_set_text (GTK_LABEL (self->registration_name_label), "");
  gtk_label_set_text (GTK_LABEL (self->busy_label), "");
  clear_list (self->registration_list);

  update_wait (self);
  show_page (self, "start");
  touch (self);
}

/* Cancel, Sign Out and This Is Not Me. */
static void
start_again_cb (BoxKioskView *self)
{
  box_kiosk_view_reset (self);
}

static gboolean
done_timeout_cb (gpointer user_data)
{
  BoxKioskView *self = user_data;

  self->done_id = 0;
  box_kiosk_view_reset (self);
  return G_SOURCE_REMOVE;
}

static void
start_done_timer (BoxKioskView *self)
{
  g_clear_handle_id (&self->done_id, g_source_remove);
  self->done_id = g_timeout_add_seconds (DONE_SECONDS, done_timeout_cb, self);
}

/* The done page: @title big, @subtitle under it, coloured by @ok. */
static void
show_done (BoxKioskView *self,
           gboolean      ok,
           const char   *title,
           const char   *subtitle)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (self->done_icon),
                                ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (self->done_icon, ok ? "warning" : "success");
  gtk_widget_add_css_class (self->done_icon, ok ? "success" : "warning");
  gtk_label_set_text (GTK_LABEL (self->done_title_label), title);
  gtk_label_set_text (GTK_LABEL (self->done_subtitle_label), subtitle);
  show_page (self, "done");
}

/* Not checked in: the person asks at the desk (@subtitle, when given, says so). A
 * delegate is signed out at once. */
static void
refuse (BoxKioskView *self,
        const char   *title,
        const char   *subtitle)
{
  retire_web_view (self);
  show_done (self, FALSE, title, subtitle != NULL ? subtitle : _("Please ask at the desk."));
  gtk_widget_error_bell (GTK_WIDGET (self));
  start_done_timer (self);
}

/* Finding oneself ------------------------------------------------------------------------ */

static void
show_confirm (BoxKioskView *self,
              BoxAttendee  *attendee)
{
  const char *ticket = box_attendee_get_ticket_type (attendee);
  g_autofree char *event = event_name (self);

  g_set_object (&self->attendee, attendee);
  self->person_page = "confirm";

  /* Found: what was typed goes, nothing of it stays behind the next pages. */
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  set_message (self->start_error_label, NULL);

  gtk_label_set_text (GTK_LABEL (self->confirm_name_label), name_of (attendee));
  gtk_label_set_text (GTK_LABEL (self->confirm_ticket_label), ticket ? ticket : "");
  gtk_widget_set_visible (self->confirm_ticket_label, ticket != NULL && *ticket != '\0');
  gtk_label_set_text (GTK_LABEL (self->confirm_event_label), event);
  set_message (self->confirm_error_label, NULL);
  show_page (self, "confirm");
}

static void
find_cb (BoxKioskView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));
  g_autofree char *letters = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  gboolean by_email = strchr (text, '@') != NULL;
  g_autoptr(BoxAttendee) attendee = NULL;
  g_autoptr(GError) error = NULL;

  touch (self);
  if (self->desk == NULL || self->event_id == NULL)
    return;
  if (refuse_while_waiting (self, self->lookup_guard))
    return;

  attendee = box_desk_find_one (self->desk, self->account_id, self->event_id,
                                by_email ? NULL : text, by_email ? text : NULL,
                                by_email ? letters : NULL, &error);
  if (attendee == NULL)
    {
      /* Nobody, or more than one: the same answer, and a step towards waiting. */
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
        box_kiosk_guard_failed (self->lookup_guard);
      set_message (self->start_error_label, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      update_wait (self);
      if (by_email && g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT))
        gtk_widget_grab_focus (self->name_entry);
      else
        gtk_widget_grab_focus (self->code_entry);
      return;
    }

  box_kiosk_guard_succeeded (self->lookup_guard);
  update_wait (self);
  show_confirm (self, attendee);
}

/* Enter after an e-mail address asks for the last name first. */
static void
code_activated_cb (BoxKioskView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  const char *letters = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));

  if (strchr (text, '@') != NULL && *letters == '\0')
    {
      touch (self);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->name_revealer), TRUE);
      gtk_widget_grab_focus (self->name_entry);
      return;
    }
  find_cb (self);
}

static void
code_changed_cb (BoxKioskView *self)
{
  gboolean email = strchr (gtk_editable_get_text (GTK_EDITABLE (self->code_entry)), '@') != NULL;

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->name_revealer), email);
  if (!email && *gtk_editable_get_text (GTK_EDITABLE (self->name_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  set_message (self->start_error_label, NULL);
}

/* Check-in and name tag ------------------------------------------------------------------- */

static void check_in_person (BoxKioskView    *self,
                             BoxCheckinFlags  flags,
                             GHashTable      *answers);

static void
tag_printed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Pending) p = user_data;
  BoxKioskView *self = p->self;
  g_autoptr(GError) error = NULL;

  box_tag_jobs_print_finish (BOX_TAG_JOBS (object), result, &error);
  if (error != NULL)
    g_message ("The kiosk’s name tag was not printed: %s", error->message);
  if (pending_is_stale (p))
    return;

  gtk_label_set_text (GTK_LABEL (self->done_subtitle_label),
                      error == NULL ? _("Take your name tag from the printer.")
                                    : _("Your name tag could not be printed. Please ask at the desk."));
  /* Printed: a delegate signs out at the site now. */
  retire_web_view (self);
  start_done_timer (self);
}

/* One tag, as the window prints it on check-in. */
static void
print_tag (BoxKioskView *self,
           BoxAttendee  *attendee)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *event = event_name (self);

  if (self->tag_jobs == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->done_subtitle_label), _("Please ask at the desk for your name tag."));
      retire_web_view (self);
      start_done_timer (self);
      return;
    }
  g_ptr_array_add (attendees, g_object_ref (attendee));
  box_tag_jobs_print_async (self->tag_jobs, attendees, event, BOX_TAG_LAYOUT_ONE_PER_PAGE,
                            BOX_TAG_TARGET_PRINTER, NULL, parent_window (self), NULL,
                            tag_printed_cb, pending_new (self, BOX_CHECKIN_FLAGS_NONE));
}

static void
admitted (BoxKioskView *self,
          BoxCheckin   *checkin)
{
  g_autoptr(BoxAttendee) stored = box_desk_get_attendee (self->desk, box_checkin_get_account_id (checkin),
                                                         box_checkin_get_event_id (checkin),
                                                         box_checkin_get_code (checkin), NULL);
  BoxAttendee *attendee = stored != NULL ? stored : box_checkin_get_attendee (checkin);
  g_autofree char *title = NULL;

  if (attendee == NULL)
    attendee = self->attendee;
  /* TRANSLATORS: the kiosk's greeting once checked in, "Welcome, Ann Smith" */
  title = g_strdup_printf (_("Welcome, %s"), name_of (attendee));
  show_done (self, TRUE, title, _("Your name tag is printing…"));
  print_tag (self, attendee);
}

static void
back_to_person (BoxKioskView *self,
                const char   *message)
{
  const char *page = self->person_page != NULL ? self->person_page : "confirm";

  set_message (g_str_equal (page, "registration") ? self->registration_error_label
                                                  : self->confirm_error_label, message);
  show_page (self, page);
}

static void
questions_answered_cb (BoxQuestionsDialog *dialog,
                       GHashTable         *answers,
                       BoxKioskView       *self)
{
  BoxCheckinFlags flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "flags"));

  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (TRUE));
  check_in_person (self, flags, answers);
}

/* A file cannot be uploaded here: the provider is told to let the missing answers go. */
static void
questions_skipped_cb (BoxQuestionsDialog *dialog,
                      GHashTable         *answers,
                      BoxKioskView       *self)
{
  BoxCheckinFlags flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "flags"));

  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (TRUE));
  check_in_person (self, flags | BOX_CHECKIN_FLAGS_SKIP_QUESTIONS, answers);
}

static gboolean
questions_close_request_cb (BoxQuestionsDialog *dialog,
                            BoxKioskView       *self)
{
  if (g_object_get_data (G_OBJECT (dialog), "answered") == NULL && self->attendee != NULL &&
      GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "generation")) == self->generation)
    back_to_person (self, _("You are not checked in yet: the questions were not answered."));
  return GDK_EVENT_PROPAGATE;
}

static gboolean
dialog_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       BoxKioskView          *self)
{
  touch (self);
  return GDK_EVENT_PROPAGATE;
}

/* The provider asks questions at check-in: asked on screen with the desk's dialog, then
 * the check-in goes again with the answers. Input in the dialog counts as input here. */
static void
ask_questions (BoxKioskView    *self,
               BoxCheckin      *checkin,
               BoxCheckinFlags  flags)
{
  BoxQuestionsDialog *dialog;
  GtkEventController *keys;
  GtkGesture *click;

  if (self->questions_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->questions_dialog));

  back_to_person (self, NULL);
  dialog = box_questions_dialog_new (parent_window (self), name_of (self->attendee),
                                     box_checkin_get_questions (checkin));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "flags", GUINT_TO_POINTER (flags));
  g_object_set_data (G_OBJECT (dialog), "generation", GUINT_TO_POINTER (self->generation));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (dialog_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (dialog), keys);
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (touch), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (dialog), GTK_EVENT_CONTROLLER (click));

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
  g_autoptr(Pending) p = user_data;
  BoxKioskView *self = p->self;
  g_autoptr(BoxCheckin) checkin = NULL;
  g_autoptr(GError) error = NULL;
  BoxAttendee *attendee;

  checkin = box_desk_check_in_finish (BOX_DESK (object), result, &error);
  if (pending_is_stale (p))
    return;

  if (checkin == NULL)
    {
      g_message ("A kiosk check-in failed: %s", error->message);
      refuse (self, _("You could not be checked in"), NULL);
      return;
    }

  attendee = box_checkin_get_attendee (checkin);
  switch (box_checkin_get_result (checkin))
    {
    case BOX_CHECKIN_RESULT_OK:
    case BOX_CHECKIN_RESULT_QUEUED:  /* offline: let in, as at the desk */
    case BOX_CHECKIN_RESULT_LOCAL:
      admitted (self, checkin);
      break;
    case BOX_CHECKIN_RESULT_QUESTIONS:
      ask_questions (self, checkin, p->flags);
      break;
    case BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN:
      refuse (self, _("You are already checked in"), NULL);
      break;
    case BOX_CHECKIN_RESULT_UNPAID:
      if (attendee != NULL && box_attendee_get_status (attendee) == BOX_ATTENDEE_STATUS_CANCELLED)
        refuse (self, _("This ticket was cancelled"), NULL);
      else
        refuse (self, _("This ticket is not paid yet"), NULL);
      break;
    case BOX_CHECKIN_RESULT_PRODUCT:
      refuse (self, _("This ticket is not valid here"), NULL);
      break;
    case BOX_CHECKIN_RESULT_UNKNOWN:
    default:
      refuse (self, _("This ticket could not be found"), NULL);
      break;
    }
}

static void
check_in_person (BoxKioskView    *self,
                 BoxCheckinFlags  flags,
                 GHashTable      *answers)
{
  if (self->desk == NULL || self->attendee == NULL)
    return;
  touch (self);
  show_busy (self, _("Checking you in…"));
  box_desk_check_in_async (self->desk, box_attendee_get_account_id (self->attendee),
                           box_attendee_get_event_id (self->attendee),
                           box_attendee_get_code (self->attendee), flags, answers, NULL,
                           checked_in_cb, pending_new (self, flags));
}

static void
check_in_clicked_cb (BoxKioskView *self)
{
  check_in_person (self, BOX_CHECKIN_FLAGS_NONE, NULL);
}

/* Delegates ------------------------------------------------------------------------------- */

static void
add_row (BoxKioskView *self,
         const char   *title,
         const char   *value,
         const char   *style_class)
{
  GtkWidget *row;
  GtkWidget *label;

  if (value == NULL || *value == '\0')
    return;

  /* Text as given, never markup. */
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  label = gtk_label_new (value);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_set_tooltip_text (label, value);
  gtk_widget_add_css_class (label, "kiosk-value");
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
  gtk_list_box_append (GTK_LIST_BOX (self->registration_list), row);
}

/* The delegate's registration, with the membership among @others (the delegate's records
 * in the account's other events, such as its organisation). */
static void
show_registration (BoxKioskView *self,
                   GPtrArray    *others)
{
  g_auto(BoxMembership) registration = { 0, };
  g_autofree char *status = NULL;

  self->person_page = "registration";
  gtk_label_set_text (GTK_LABEL (self->registration_name_label), name_of (self->attendee));
  clear_list (self->registration_list);
  set_message (self->registration_error_label, NULL);

  box_membership_read (self->attendee, &registration);
  add_row (self, _("Registration"), box_attendee_get_ticket_type (self->attendee), NULL);
  add_row (self, _("Name tag"), registration.nametag, NULL);
  if (box_attendee_get_status (self->attendee) == BOX_ATTENDEE_STATUS_PAID)
    status = g_strdup (_("Paid"));
  else if (registration.outstanding != NULL)
    /* TRANSLATORS: a registration's amount still to pay, "150.00 AUD outstanding" */
    status = g_strdup_printf (_("%s outstanding"), registration.outstanding);
  add_row (self, _("Payment"), status, registration.style_class);

  for (guint i = 0; others != NULL && i < others->len; i++)
    {
      g_auto(BoxMembership) membership = { 0, };

      box_membership_read (g_ptr_array_index (others, i), &membership);
      if (membership.kind != BOX_MEMBERSHIP_MEMBER)
        continue;
      add_row (self, _("Membership"), membership.status, membership.style_class);
      add_row (self, _("Membership expires"), membership.expires, NULL);
    }

  show_page (self, "registration");
}

static void
delegate_signed_in_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Pending) p = user_data;
  BoxKioskView *self = p->self;
  g_autoptr(BoxAttendee) registration = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GError) error = NULL;

  registration = box_desk_sign_in_delegate_finish (BOX_DESK (object), result, &others, &error);
  if (pending_is_stale (p))
    return;
  stop_waiting_for_sign_in (self);
  g_clear_object (&self->cancellable);

  if (registration == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The desk's "no registration" already sends the person to the desk. */
      if (!g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
        text = g_strdup_printf ("%s %s", error->message, _("Please ask at the desk."));
      refuse (self, _("You could not be signed in"), text ? text : error->message);
      return;
    }

  g_set_object (&self->attendee, registration);
  show_registration (self, others);
}

/* The desk's sign-in page goes to the embedded view, not to a browser. */
static gboolean
desk_open_uri_cb (BoxKioskView *self,
                  const char   *uri)
{
  if (self->web_view == NULL)
    return FALSE;
  webkit_web_view_load_uri (self->web_view, uri);
  return TRUE;
}

static void
delegate_clicked_cb (BoxKioskView *self)
{
  g_autoptr(BoxAccount) account = NULL;
  g_autofree char *title = NULL;

  if (self->desk == NULL || self->account_id == NULL || self->event_id == NULL)
    return;

  box_kiosk_view_reset (self);
  account = box_desk_get_account (self->desk, self->account_id, NULL);
  /* TRANSLATORS: %s is the provider, "Sign in with your Currinda account" */
  title = g_strdup_printf (_("Sign in with your %s account"),
                           box_provider_kind_get_label (account ? box_account_get_provider (account) : NULL));
  gtk_label_set_text (GTK_LABEL (self->sign_in_title_label), title);

  open_web_view (self);
  show_page (self, "delegate");
  self->cancellable = g_cancellable_new ();
  self->open_uri_id = g_signal_connect_swapped (self->desk, "open-uri", G_CALLBACK (desk_open_uri_cb), self);
  box_desk_sign_in_delegate_async (self->desk, self->account_id, self->event_id, self->cancellable,
                                   delegate_signed_in_cb, pending_new (self, BOX_CHECKIN_FLAGS_NONE));
}

/* An account whose people sign in at the provider (Currinda) has no ticket codes to
 * scan: its records are named after the event, so a lookup by code would show the
 * organiser's own. Its delegates sign in instead. */
static void
update_event (BoxKioskView *self)
{
  BoxProviderFlags flags = 0;
  g_autofree char *event = event_name (self);
  gboolean delegates;

  gtk_label_set_text (GTK_LABEL (self->event_label), event);
  gtk_widget_set_visible (self->event_label, *event != '\0');

  if (self->desk != NULL && self->account_id != NULL)
    flags = box_desk_get_account_flags (self->desk, self->account_id);
  delegates = (flags & BOX_PROVIDER_DELEGATE_ONLY) != 0;
  if (delegates)
    {
      g_autoptr(BoxAccount) account = box_desk_get_account (self->desk, self->account_id, NULL);
      /* TRANSLATORS: %s is the provider, "Sign in with Currinda" */
      g_autofree char *label = g_strdup_printf (_("Sign in with %s"),
                                                box_provider_kind_get_label (account ? box_account_get_provider (account) : NULL));

      gtk_button_set_label (GTK_BUTTON (self->delegate_button), label);
      gtk_label_set_text (GTK_LABEL (self->start_title_label), _("Sign in to check in"));
      gtk_label_set_text (GTK_LABEL (self->delegate_label),
                          _("Use the account you registered with. You are signed out again when you are done."));
    }
  else
    gtk_label_set_text (GTK_LABEL (self->start_title_label), _("Scan your ticket or enter your e-mail"));
  gtk_widget_set_visible (self->lookup_box, !delegates);
  gtk_widget_set_visible (self->delegate_box, delegates);
  if (delegates)
    gtk_widget_add_css_class (self->delegate_button, "suggested-action");
}

/* Leaving -------------------------------------------------------------------------------- */

static void
leave_clicked_cb (BoxKioskView *self)
{
  box_kiosk_view_reset (self);
  show_page (self, "pin");
}

static void
pin_activated_cb (BoxKioskView *self)
{
  g_autofree char *pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_entry)));
  g_autofree char *stored = self->settings ? g_settings_get_string (self->settings, "kiosk-pin-hash") : NULL;

  touch (self);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  if (refuse_while_waiting (self, self->pin_guard) || *pin == '\0')
    return;

  if (stored != NULL && *stored != '\0' && box_kiosk_pin_verify (pin, stored))
    {
      box_kiosk_guard_succeeded (self->pin_guard);
      box_kiosk_view_reset (self);
      g_signal_emit (self, signals[LEAVE], 0);
      return;
    }

  box_kiosk_guard_failed (self->pin_guard);
  set_message (self->pin_error_label, _("That is not the PIN."));
  gtk_widget_error_bell (GTK_WIDGET (self));
  update_wait (self);
}

/* Input ---------------------------------------------------------------------------------- */

static gboolean
focus_is_in (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Every key is input. On the done page it starts again; on the start page a key typed
 * elsewhere (a scanner after a click on Find) goes to the entry. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BoxKioskView          *self)
{
  gboolean typed = gdk_keyval_to_unicode (keyval) != 0 &&
                   !(state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK));

  touch (self);
  if (g_str_equal (visible_page (self), "done"))
    {
      box_kiosk_view_reset (self);
      if (!typed)
        return GDK_EVENT_STOP;
    }
  if (typed && g_str_equal (visible_page (self), "start") && gtk_widget_get_visible (self->lookup_box) &&
      !focus_is_in (self->code_entry) && !focus_is_in (self->name_entry))
    {
      GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->code_entry));

      gtk_widget_grab_focus (self->code_entry);
      if (text != NULL && gtk_event_controller_key_forward (controller, GTK_WIDGET (text)))
        return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            BoxKioskView    *self)
{
  touch (self);
  if (g_str_equal (visible_page (self), "done"))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      box_kiosk_view_reset (self);
    }
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           BoxKioskView             *self)
{
  touch (self);
}

/* GObject -------------------------------------------------------------------------------- */

static void
box_kiosk_view_map (GtkWidget *widget)
{
  BoxKioskView *self = BOX_KIOSK_VIEW (widget);

  GTK_WIDGET_CLASS (box_kiosk_view_parent_class)->map (widget);
  touch (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
}

static void
box_kiosk_view_unmap (GtkWidget *widget)
{
  BoxKioskView *self = BOX_KIOSK_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (box_kiosk_view_parent_class)->unmap (widget);
}

static void
box_kiosk_view_dispose (GObject *object)
{
  BoxKioskView *self = (BoxKioskView *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->done_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_waiting_for_sign_in (self);
  if (self->questions_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->questions_dialog), (gpointer *)&self->questions_dialog);
      gtk_window_destroy (GTK_WINDOW (self->questions_dialog));
      self->questions_dialog = NULL;
    }
  retire_web_view (self);
  g_clear_object (&self->attendee);
  g_clear_object (&self->lookup_guard);
  g_clear_object (&self->pin_guard);
  g_clear_object (&self->tag_jobs);
  g_clear_object (&self->settings);
  g_clear_object (&self->desk);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOX_TYPE_KIOSK_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (box_kiosk_view_parent_class)->dispose (object);
}

static void
box_kiosk_view_finalize (GObject *object)
{
  BoxKioskView *self = (BoxKioskView *)object;

  g_free (self->account_id);
  g_free (self->event_id);

  G_OBJECT_CLASS (box_kiosk_view_parent_class)->finalize (object);
}

static void
box_kiosk_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BoxKioskView *self = BOX_KIOSK_VIEW (object);

  switch (prop_id)
    {
    case PROP_DESK:
      g_value_set_object (value, self->desk);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_TAG_JOBS:
      g_value_set_object (value, self->tag_jobs);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_EVENT_ID:
      g_value_set_string (value, self->event_id);
      break;
    case PROP_IDLE_SECONDS:
      g_value_set_uint (value, self->idle_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_kiosk_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BoxKioskView *self = BOX_KIOSK_VIEW (object);

  switch (prop_id)
    {
    case PROP_DESK:
      box_kiosk_view_set_desk (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      box_kiosk_view_set_settings (self, g_value_get_object (value));
      break;
    case PROP_TAG_JOBS:
      box_kiosk_view_set_tag_jobs (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT_ID:
      box_kiosk_view_set_account_id (self, g_value_get_string (value));
      break;
    case PROP_EVENT_ID:
      box_kiosk_view_set_event_id (self, g_value_get_string (value));
      break;
    case PROP_IDLE_SECONDS:
      box_kiosk_view_set_idle_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_kiosk_view_class_init (BoxKioskViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = box_kiosk_view_dispose;
  object_class->finalize = box_kiosk_view_finalize;
  object_class->get_property = box_kiosk_view_get_property;
  object_class->set_property = box_kiosk_view_set_property;
  widget_class->map = box_kiosk_view_map;
  widget_class->unmap = box_kiosk_view_unmap;

  properties[PROP_DESK] =
    g_param_spec_object ("desk", NULL, NULL, BOX_TYPE_DESK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAG_JOBS] =
    g_param_spec_object ("tag-jobs", NULL, NULL, BOX_TYPE_TAG_JOBS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_ID] =
    g_param_spec_string ("event-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BoxKioskView:idle-seconds:
   *
   * Seconds without a key, click or pointer motion after which the view starts again;
   * 0 never. Follows the kiosk-idle-seconds setting once settings are set.
   */
  properties[PROP_IDLE_SECONDS] =
    g_param_spec_uint ("idle-seconds", NULL, NULL, 0, 3600, DEFAULT_IDLE_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BoxKioskView::leave:
   *
   * The organiser entered the right PIN: the window leaves kiosk mode.
   */
  signals[LEAVE] = g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "kioskview");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/boxoffice/BoxOffice/box-kiosk-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, stack);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, event_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, start_title_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, lookup_box);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, code_entry);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, name_revealer);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, name_entry);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, start_error_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, start_wait_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, delegate_box);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, delegate_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, delegate_button);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, busy_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, confirm_name_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, confirm_ticket_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, confirm_event_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, confirm_error_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, check_in_button);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, done_box);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, done_icon);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, done_title_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, done_subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, sign_in_title_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, web_box);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, registration_name_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, registration_list);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, registration_error_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, registration_check_in_button);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, pin_error_label);
  gtk_widget_class_bind_template_child (widget_class, BoxKioskView, pin_wait_label);
  gtk_widget_class_bind_template_callback (widget_class, code_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_cb);
  gtk_widget_class_bind_template_callback (widget_class, delegate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, check_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_again_cb);
  gtk_widget_class_bind_template_callback (widget_class, pin_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, leave_clicked_cb);
}

static void
box_kiosk_view_init (BoxKioskView *self)
{
  GtkEventController *keys;
  GtkEventController *motion;
  GtkGesture *click;
  GtkEditable *pin_text;

  self->idle_seconds = DEFAULT_IDLE_SECONDS;
  self->lookup_guard = box_kiosk_guard_new ();
  self->pin_guard = box_kiosk_guard_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  pin_text = gtk_editable_get_delegate (GTK_EDITABLE (self->pin_entry));
  if (GTK_IS_TEXT (pin_text))
    gtk_text_set_input_purpose (GTK_TEXT (pin_text), GTK_INPUT_PURPOSE_PIN);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  touch (self);
}

GtkWidget *
box_kiosk_view_new (void)
{
  return g_object_new (BOX_TYPE_KIOSK_VIEW, NULL);
}

/* Properties ------------------------------------------------------------------------------ */

void
box_kiosk_view_set_desk (BoxKioskView *self,
                         BoxDesk      *desk)
{
  g_return_if_fail (BOX_IS_KIOSK_VIEW (self));
  g_return_if_fail (desk == NULL || BOX_IS_DESK (desk));

  if (self->desk == desk)
    return;
  box_kiosk_view_reset (self);
  g_set_object (&self->desk, desk);
  update_event (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESK]);
}

/* The PIN's hash and the idle time come from @settings. */
void
box_kiosk_view_set_settings (BoxKioskView *self,
                             GSettings    *settings)
{
  g_return_if_fail (BOX_IS_KIOSK_VIEW (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    g_settings_unbind (self, "idle-seconds");
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_settings_bind (settings, "kiosk-idle-seconds", self, "idle-seconds", G_SETTINGS_BIND_GET);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

void
box_kiosk_view_set_tag_jobs (BoxKioskView *self,
                             BoxTagJobs   *tag_jobs)
{
  g_return_if_fail (BOX_IS_KIOSK_VIEW (self));
  g_return_if_fail (tag_jobs == NULL || BOX_IS_TAG_JOBS (tag_jobs));

  if (g_set_object (&self->tag_jobs, tag_jobs))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG_JOBS]);
}

/* Another event is another start: whoever was on screen goes. */
void
box_kiosk_view_set_account_id (BoxKioskView *self,
                               const char   *account_id)
{
  g_return_if_fail (BOX_IS_KIOSK_VIEW (self));

  if (g_strcmp0 (self->account_id, account_id) == 0)
    return;
  box_kiosk_view_reset (self);
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  update_event (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
}

void
box_kiosk_view_set_event_id (BoxKioskView *self,
                             const char   *event_id)
{
  g_return_if_fail (BOX_IS_KIOSK_VIEW (self));

  if (g_strcmp0 (self->event_id, event_id) == 0)
    return;
  box_kiosk_view_reset (self);
  g_free (self->event_id);
  self->event_id = g_strdup (event_id);
  update_event (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}

guint
box_kiosk_view_get_idle_seconds (BoxKioskView *self)
{
  g_return_val_if_fail (BOX_IS_KIOSK_VIEW (self), 0);
  return self->idle_seconds;
}

void
box_kiosk_view_set_idle_seconds (BoxKioskView *self,
                                 guint         idle_seconds)
{
  g_return_if_fail (BOX_IS_KIOSK_VIEW (self));

  if (self->idle_seconds == idle_seconds)
    return;
  self->idle_seconds = idle_seconds;
  touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_SECONDS]);
}

const char *
box_kiosk_view_get_page (BoxKioskView *self)
{
  g_return_val_if_fail (BOX_IS_KIOSK_VIEW (self), NULL);
  return visible_page (self);
}

/**
 * box_kiosk_view_get_web_view:
 *
 * Returns: (transfer none) (nullable): the delegate's sign-in view while it is open
 */
WebKitWebView *
box_kiosk_view_get_web_view (BoxKioskView *self)
{
  g_return_val_if_fail (BOX_IS_KIOSK_VIEW (self), NULL);
  return self->web_view;
}

/**
 * box_kiosk_view_get_network_session:
 *
 * Returns: (transfer none) (nullable): the ephemeral session of the sign-in view
 */
WebKitNetworkSession *
box_kiosk_view_get_network_session (BoxKioskView *self)
{
  g_return_val_if_fail (BOX_IS_KIOSK_VIEW (self), NULL);
  return self->web_view != NULL ? webkit_web_view_get_network_session (self->web_view) : NULL;
}

guint
box_kiosk_view_get_n_web_views (BoxKioskView *self)
{
  guint n = 0;

  g_return_val_if_fail (BOX_IS_KIOSK_VIEW (self), 0);
  /* Pages signing out stay in the box until they go. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->web_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += WEBKIT_IS_WEB_VIEW (child);
  return n;
}
