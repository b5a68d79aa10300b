/* test-kiosk.c: kiosk mode in a real X server, with the emulator and a real keyring
 *
 * The application runs in this process on a profile that boxoffice-cli prepared against
 * the emulator (Fienta), like tests/test-window.c. The window goes into kiosk mode and
 * is used as an attendee would: a scanner types a ticket code (XTest key events through
 * the X server), the buttons are pressed, the name tag is printed to a PDF ("Print to
 * File" as the chosen printer) whose text is read back. A Currinda delegate signs in on
 * the emulator's own sign-in page, in the kiosk's web view. Screenshots of every page go
 * to $BOX_SCREENSHOT_DIR as kiosk-*.png.
 *
 * Runs inside tests/with-keyring.sh and xvfb-run. The cases share one application and
 * run in order: each goes on from where the one before left the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <libsecret/secret.h>
#include <libsoup/soup.h>

#include "box-account.h"
#include "box-application.h"
#include "box-attendee.h"
#include "box-desk.h"
#include "box-event-sidebar.h"
#include "box-kiosk-pin.h"
#include "box-kiosk-view.h"
#include "box-provider.h"
#include "box-test-util.h"
#include "box-test-window.h"
#include "box-window.h"

#define ATTENDEES    300
#define PIN          "2468"

/* How long BT_WAIT_UNTIL() waits: a generous bound, as the idle reset and the guard's
 * wait take seconds by design. */
#define WAIT_SECONDS 30
/* The kiosk's pages are plain: fewer colours than the desk's window. */
#define MIN_COLOURS  20

#define CURRINDA_MEMBER   "michael.gall@example.com"
#define CURRINDA_DELEGATE "zoe.lefevre@example.com"

static BoxTestEmulator *emu;
static BoxApplication *app;
static BoxWindow *window;
static BoxDesk *desk;
static char *print_dir;      /* the working directory: "Print to File" writes output.pdf here */
static GPtrArray *samples;
static guint next_sample;

/* The keyboard focus in the window; the pointer stays where it is. */
static gboolean
try_focus (void)
{
  return bt_try_focus (-1, -1, 0);
}

/* The widget tree ----------------------------------------------------------------------- */

static BoxKioskView *
kiosk (void)
{
  return BOX_KIOSK_VIEW (box_window_get_kiosk_view (window));
}

static const char *
page (void)
{
  return box_kiosk_view_get_page (kiosk ());
}

static gboolean
on_page (const char *name)
{
  return g_str_equal (page (), name);
}

/* Presses the mapped button @label of the kiosk. */
static void
press_button (const char *label)
{
  GtkWidget *button = bt_find_button (GTK_WIDGET (kiosk ()), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_activate (button));
}

/* Whether a mapped label under @widget reads @text (or starts with it). */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text,
             gboolean    prefix)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget))
    {
      const char *shown = gtk_label_get_text (GTK_LABEL (widget));

      if (prefix ? g_str_has_prefix (shown, text) : g_str_equal (shown, text))
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text, prefix))
      return TRUE;
  return FALSE;
}

static gboolean
shows (const char *text)
{
  return shows_label (GTK_WIDGET (kiosk ()), text, FALSE);
}

static gboolean
shows_prefix (const char *text)
{
  return shows_label (GTK_WIDGET (kiosk ()), text, TRUE);
}

/* Every text under @widget, shown or not: labels, entries, rows and buttons. */
static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  const char *texts[3] = { NULL, NULL, NULL };

  if (GTK_IS_LABEL (widget))
    texts[0] = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_EDITABLE (widget))
    texts[0] = gtk_editable_get_text (GTK_EDITABLE (widget));
  else if (GTK_IS_BUTTON (widget))
    texts[0] = gtk_button_get_label (GTK_BUTTON (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    texts[1] = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (ADW_IS_ACTION_ROW (widget))
    texts[2] = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL && *texts[i] != '\0')
      g_string_append_printf (out, "%s\n", texts[i]);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

/* Whether @text is anywhere in the kiosk's widgets. */
static gboolean
kiosk_holds_text (const char *text)
{
  g_autoptr(GString) all = g_string_new (NULL);

  collect_texts (GTK_WIDGET (kiosk ()), all);
  return strstr (all->str, text) != NULL;
}

static GtkEditable *
kiosk_entry (const char *id)
{
  GtkWidget *entry = bt_find_widget (GTK_WIDGET (kiosk ()), GTK_TYPE_EDITABLE, id);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

/* Types @text into the kiosk's entry @id and presses Enter there. */
static void
enter_text (const char *id,
            const char *text)
{
  GtkEditable *entry = kiosk_entry (id);

  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "activate");
}

static gboolean
entries_empty (void)
{
  return *gtk_editable_get_text (kiosk_entry ("code_entry")) == '\0' &&
         *gtk_editable_get_text (kiosk_entry ("name_entry")) == '\0' &&
         *gtk_editable_get_text (kiosk_entry ("pin_entry")) == '\0';
}

/* The desk ------------------------------------------------------------------------------- */

static void
sync_event (const char *account_id,
            const char *event_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  box_desk_sync_async (desk, account_id, event_id, FALSE, NULL, box_test_got_result, &result);
  g_assert_true (box_desk_sync_finish (desk, box_test_wait (&result), &error));
  g_assert_no_error (error);
}

/* The printed tag ------------------------------------------------------------------------ */

static char *
printed_pdf (void)
{
  return g_build_filename (print_dir, "output.pdf", NULL);
}

/* The text of the PDF "Print to File" wrote, whitespace made single spaces. */
static char *
printed_text (void)
{
  g_autofree char *pdf = printed_pdf ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  words = g_strsplit_set (out, " \t\r\n\f", -1);
  return g_strjoinv (" ", words);
}

static gboolean
pdf_written (void)
{
  g_autofree char *pdf = printed_pdf ();
  GStatBuf st;

  return g_stat (pdf, &st) == 0 && st.st_size > 0;
}

/* Whether the tag's text holds each word of @name. */
static void
assert_printed (const char *name)
{
  g_autofree char *text = printed_text ();
  g_auto(GStrv) words = g_strsplit (name, " ", -1);

  g_test_message ("The tag reads: %s", text);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_assert_nonnull (strstr (text, words[i]));
}

/* Setting up ------------------------------------------------------------------------------ */

static gboolean
is_plain (const char *text)
{
  for (const char *p = text; p != NULL && *p; p++)
    if (!g_ascii_isalpha (*p) && *p != ' ')
      return FALSE;
  return text != NULL && *text != '\0';
}

/* A plain ASCII name, for bt_load_samples(). */
static gboolean
has_plain_name (BoxAttendee *attendee)
{
  return is_plain (box_attendee_get_first_name (attendee)) && is_plain (box_attendee_get_last_name (attendee));
}

/* The next sample, with a first name no sample taken before has. */
static const BtSample *
take_sample (void)
{
  while (next_sample < samples->len)
    {
      const BtSample *s = g_ptr_array_index (samples, next_sample++);
      gboolean seen = FALSE;

      for (guint i = 0; i + 1 < next_sample; i++)
        seen |= g_str_equal (((BtSample *)g_ptr_array_index (samples, i))->first_name, s->first_name);
      if (!seen)
        return s;
    }
  g_assert_not_reached ();
}

static void
start_application (void)
{
  g_autofree char *profile = NULL;
  GSettings *settings;

  if (window != NULL)
    return;

  emu = bt_start_emulator (ATTENDEES, "kiosk-profile", &profile);

  /* "Print to File" with no file named writes output.pdf to the working directory. */
  print_dir = box_test_make_dir ("kiosk-print");
  g_assert_cmpint (g_chdir (print_dir), ==, 0);

  app = bt_open_application (profile);
  window = bt_window ();
  desk = box_application_get_desk (app);

  /* The station's printer, as chosen once in the print dialog. */
  settings = box_application_get_settings (app);
  g_settings_set_string (settings, "printer-name", "Print to File");
  g_settings_set_boolean (settings, "sound", FALSE);

  BT_WAIT_UNTIL (try_focus (), "the window to be mapped and have the keyboard focus");
  BT_WAIT_UNTIL (!box_window_is_syncing (window), "the sync the window starts with");
  /* Unused, paid, one-person tickets with a plain ASCII name, from the emulator. */
  samples = bt_load_samples (emu, 100, has_plain_name);
}

static gboolean
action_enabled (GActionGroup *group,
                const char   *name)
{
  return g_action_group_get_action_enabled (group, name);
}

/* Whether the window's Ctrl+2 shows the dashboard: its actions are on. */
static gboolean
dashboard_shortcut_works (void)
{
  gboolean works;

  g_assert_cmpstr (box_window_get_visible_page (window), ==, "attendees");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dashboard", NULL);
  works = g_strcmp0 (box_window_get_visible_page (window), "dashboard") == 0;
  box_window_show_page (window, "attendees");
  return works;
}

/* Whether the window is fullscreen, where a window manager can say so: Xvfb alone has
 * none, and no X server grants it without one. */
static gboolean
fullscreen_observable (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  return GDK_IS_X11_DISPLAY (display) &&
         gdk_x11_screen_supports_net_wm_hint (gdk_x11_display_get_screen (display),
                                              "_NET_WM_STATE_FULLSCREEN");
}

static void
assert_in_kiosk (void)
{
  GtkWidget *sidebar = bt_find_widget (GTK_WIDGET (window), BOX_TYPE_EVENT_SIDEBAR, NULL);

  g_assert_true (box_window_get_kiosk (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (kiosk ())));
  /* Nothing of the desk on screen. */
  g_assert_nonnull (sidebar);
  g_assert_false (gtk_widget_get_mapped (sidebar));
  if (fullscreen_observable ())
    BT_WAIT_UNTIL (gtk_window_is_fullscreen (GTK_WINDOW (window)), "the window to be fullscreen");
  /* Nothing that leaves or shows the desk. */
  g_assert_false (action_enabled (G_ACTION_GROUP (app), "quit"));
  g_assert_false (action_enabled (G_ACTION_GROUP (app), "preferences"));
  g_assert_false (action_enabled (G_ACTION_GROUP (app), "about"));
  g_assert_false (action_enabled (G_ACTION_GROUP (window), "show-help-overlay"));
  g_assert_false (dashboard_shortcut_works ());
}

/* The cases --------------------------------------------------------------------------------- */

/* Kiosk Mode from the menu asks for a PIN first (twice, the same, digits), keeps only its
 * hash, then the window is the kiosk: fullscreen, nothing of the desk. */
static void
test_enter_sets_pin (void)
{
  GSettings *settings;
  g_autofree char *hash = NULL;
  g_autoptr(GList) toplevels = NULL;
  AdwMessageDialog *dialog = NULL;
  GtkWidget *first, *second;

  start_application ();
  settings = box_application_get_settings (app);
  g_assert_cmpstr (box_window_get_visible_page (window), ==, "attendees");

  /* The organiser's preferences are open: they will not stay over the kiosk. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  BT_WAIT_UNTIL (bt_n_other_toplevels () == 1, "the preferences");
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data))
      {
        /* Scrolled to the Kiosk group at the end of the first page. */
        GtkWidget *scrolled = bt_find_widget (l->data, GTK_TYPE_SCROLLED_WINDOW, NULL);
        GtkAdjustment *adjustment;

        g_assert_nonnull (bt_find_button (l->data, "Change PIN…"));
        BT_WAIT_UNTIL (gtk_widget_get_mapped (l->data), "the preferences on screen");
        g_assert_nonnull (scrolled);
        adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
        BT_WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment),
                       "the preferences laid out");
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
        bt_screenshot_of (l->data, "kiosk-preferences");
      }
  g_clear_pointer (&toplevels, g_list_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.kiosk", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  BT_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), "the PIN dialog on screen");
  g_assert_false (box_window_get_kiosk (window));

  first = bt_find_widget (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY, NULL);
  g_assert_nonnull (first);
  second = gtk_widget_get_next_sibling (first);
  g_assert_true (GTK_IS_PASSWORD_ENTRY (second));

  /* Too short, then two different PINs: not offered. */
  gtk_editable_set_text (GTK_EDITABLE (first), "12");
  gtk_editable_set_text (GTK_EDITABLE (second), "12");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));
  gtk_editable_set_text (GTK_EDITABLE (first), PIN);
  gtk_editable_set_text (GTK_EDITABLE (second), "2469");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));
  bt_screenshot_of (GTK_WIDGET (dialog), "kiosk-set-pin");
  gtk_editable_set_text (GTK_EDITABLE (second), PIN);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "set"));
  /* Enter in the second entry, as the organiser would. */
  g_signal_emit_by_name (second, "activate");

  BT_WAIT_UNTIL (box_window_get_kiosk (window), "kiosk mode");
  hash = g_settings_get_string (settings, "kiosk-pin-hash");
  /* Only a salted hash is kept: no field of it is the PIN. (The hex digits of the salt
   * and hash may well contain "2468" somewhere, so no substring test.) */
  {
    g_auto(GStrv) fields = g_strsplit (hash, "$", -1);

    g_assert_cmpuint (g_strv_length (fields), ==, 4);
    g_assert_false (g_strv_contains ((const char * const *)fields, PIN));
  }
  g_assert_true (box_kiosk_pin_verify (PIN, hash));
  g_assert_false (box_kiosk_pin_verify ("2469", hash));
  g_assert_true (g_settings_get_boolean (settings, "kiosk-mode"));

  BT_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (kiosk ())), "the kiosk on screen");
  assert_in_kiosk ();
  /* GTK goes through the window's menus when keyboard shortcuts change (as when a window
   * gets its application's): with the desk taken out of the window, GTK 4.8 ended that in
   * a critical, which a test treats as fatal. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.sync");

    gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.sync", (const char * const *)accels);
    bt_run_for (300);
  }
  BT_WAIT_UNTIL (bt_n_other_toplevels () == 0, "the organiser's windows to close");
  g_assert_cmpstr (page (), ==, "start");
  g_assert_true (shows ("Scan your ticket or enter your e-mail"));
  g_assert_true (shows ("Tallinn Tech Summit 2026"));
  /* Fienta has no sign-in for attendees. */
  g_assert_null (bt_find_button (GTK_WIDGET (kiosk ()), "Sign in with Currinda"));
  BT_WAIT_UNTIL (try_focus (), "the keyboard focus in the kiosk");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (kiosk_entry ("code_entry")))));
  bt_screenshot_light_and_dark (GTK_WIDGET (window), "kiosk-start");
}

/* A scanned ticket: the person sees their name, checks in, and the tag prints. */
static void
test_scan_prints_tag (void)
{
  const BtSample *sample;
  g_autofree char *welcome = NULL;
  g_autofree char *pdf = printed_pdf ();

  start_application ();
  sample = take_sample ();
  g_unlink (pdf);

  bt_scan (sample->code, TRUE);
  BT_WAIT_UNTIL (on_page ("confirm"), "the confirm page");
  g_assert_true (shows (sample->name));
  g_assert_true (shows ("Tallinn Tech Summit 2026"));
  /* Nothing else of theirs: no code, no e-mail, no order. */
  g_assert_false (kiosk_holds_text (sample->code));
  g_assert_true (entries_empty ());
  bt_screenshot_light_and_dark (GTK_WIDGET (window), "kiosk-confirm");

  press_button ("Check In");
  welcome = g_strdup_printf ("Welcome, %s", sample->name);
  BT_WAIT_UNTIL (on_page ("done") && shows (welcome), "the welcome");
  BT_WAIT_UNTIL (shows ("Take your name tag from the printer."), "the name tag to be printed");
  bt_screenshot ("kiosk-done");
  g_assert_true (pdf_written ());
  assert_printed (sample->name);
  g_assert_true (bt_checked_in (sample->code));

  /* Back to the start by itself, with nothing of them left. */
  BT_WAIT_UNTIL (on_page ("start"), "the start page again");
  g_assert_true (entries_empty ());
  g_assert_false (kiosk_holds_text (sample->name));

  /* The same ticket again: refused, ask at the desk. */
  bt_scan (sample->code, TRUE);
  BT_WAIT_UNTIL (on_page ("confirm"), "the confirm page");
  press_button ("Check In");
  BT_WAIT_UNTIL (on_page ("done") && shows ("You are already checked in"), "the refusal");
  g_assert_true (shows_prefix ("Please ask at the desk."));
  bt_screenshot ("kiosk-refused");
  /* Any key starts again. */
  bt_press (BT_KC_RETURN);
  BT_WAIT_UNTIL (on_page ("start"), "the start page after a key");
  g_assert_false (kiosk_holds_text (sample->name));
}

/* E-mail and the start of a last name that fit two tickets show nobody. */
static void
test_two_matches_show_nothing (void)
{
  const BtSample *a, *b;
  const char *email = "kask.family@example.org";
  g_autofree char *body_a = NULL;
  g_autofree char *body_b = NULL;
  g_autoptr(JsonNode) reply_a = NULL;
  g_autoptr(JsonNode) reply_b = NULL;
  g_autoptr(BoxAttendee) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;

  start_application ();
  a = take_sample ();
  b = take_sample ();

  /* Two tickets booked with one address, for people named Kask and Kaskla. */
  body_a = g_strdup_printf ("{\"code\":\"%s\",\"email\":\"%s\",\"last_name\":\"Kask\"}", a->code, email);
  body_b = g_strdup_printf ("{\"code\":\"%s\",\"email\":\"%s\",\"last_name\":\"Kaskla\"}", b->code, email);
  reply_a = box_test_emulator_post (emu, "/_control/ticket", body_a);
  reply_b = box_test_emulator_post (emu, "/_control/ticket", body_b);
  g_assert_nonnull (reply_a);
  g_assert_nonnull (reply_b);
  sync_event ("fienta", "10");
  name_a = g_strdup_printf ("%s Kask", a->first_name);
  name_b = g_strdup_printf ("%s Kaskla", b->first_name);
  found = box_desk_find_one (desk, "fienta", "10", NULL, email, "Kaskl", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_attendee_get_name (found), ==, name_b);

  /* The address first: Enter asks for the last name. */
  g_assert_true (on_page ("start"));
  enter_text ("code_entry", email);
  BT_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (kiosk_entry ("name_entry"))), "the last-name entry");
  g_assert_true (on_page ("start"));
  enter_text ("name_entry", "Kas");
  BT_WAIT_UNTIL (shows_prefix ("We could not find exactly one ticket"), "the error");
  g_assert_true (on_page ("start"));
  bt_screenshot ("kiosk-not-found");

  /* Not a word of either person, anywhere in the kiosk. */
  g_assert_false (kiosk_holds_text (name_a));
  g_assert_false (kiosk_holds_text (name_b));
  g_assert_false (kiosk_holds_text (a->first_name));
  g_assert_false (kiosk_holds_text (b->first_name));
  g_assert_false (kiosk_holds_text (a->code));
  g_assert_false (kiosk_holds_text (b->code));

  /* Enough letters for one of them: that one. */
  enter_text ("name_entry", "Kaskl");
  BT_WAIT_UNTIL (on_page ("confirm") && shows (name_b), "the one person");
  g_assert_false (kiosk_holds_text (name_a));
  press_button ("This Is Not Me");
  BT_WAIT_UNTIL (on_page ("start"), "the start page");
  g_assert_true (entries_empty ());
  g_assert_false (kiosk_holds_text (name_b));
}

/* Failed lookups make the next ones wait, counting down; a lookup meanwhile is refused,
 * even of a good ticket. */
static void
test_failures_wait (void)
{
  const BtSample *sample;
  g_autofree char *first_wait = NULL;

  start_application ();
  sample = take_sample ();

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *code = g_strdup_printf ("NOSUCH%04u", i);

      g_assert_false (shows_prefix ("Please wait"));
      enter_text ("code_entry", code);
      BT_WAIT_UNTIL (shows_prefix ("We could not find exactly one ticket"), "the error");
    }
  BT_WAIT_UNTIL (shows_prefix ("Please wait"), "the wait");
  /* The next failure waits longer; the wait ends first. */
  BT_WAIT_UNTIL (!shows_prefix ("Please wait"), "the end of the wait");
  enter_text ("code_entry", "NOSUCH9999");
  BT_WAIT_UNTIL (shows_prefix ("Please wait"), "the longer wait");
  first_wait = g_strdup (gtk_label_get_text (GTK_LABEL (bt_find_widget (GTK_WIDGET (kiosk ()), GTK_TYPE_LABEL,
                                                                              "start_wait_label"))));
  g_test_message ("%s", first_wait);

  /* A good ticket while it waits: refused. */
  enter_text ("code_entry", sample->code);
  g_assert_true (on_page ("start"));
  g_assert_true (shows_prefix ("Please wait"));
  g_assert_false (kiosk_holds_text (sample->name));
  bt_screenshot ("kiosk-wait");

  /* It counts down, then the same ticket goes through. */
  BT_WAIT_UNTIL (shows_prefix ("Please wait") && !shows (first_wait), "the countdown");
  BT_WAIT_UNTIL (!shows_prefix ("Please wait"), "the end of the wait");
  enter_text ("code_entry", sample->code);
  BT_WAIT_UNTIL (on_page ("confirm") && shows (sample->name), "the person");
  press_button ("This Is Not Me");
  BT_WAIT_UNTIL (on_page ("start"), "the start page");
}

/* A person found and left alone: after the idle time, the start page and nothing of them. */
static void
test_idle_reset (void)
{
  GSettings *settings;
  const BtSample *sample;

  start_application ();
  settings = box_application_get_settings (app);
  sample = take_sample ();
  g_settings_set_uint (settings, "kiosk-idle-seconds", 5);
  g_assert_cmpuint (box_kiosk_view_get_idle_seconds (kiosk ()), ==, 5);

  enter_text ("code_entry", sample->code);
  BT_WAIT_UNTIL (on_page ("confirm") && shows (sample->name), "the person");
  BT_WAIT_UNTIL (on_page ("start"), "the idle reset");
  g_assert_true (entries_empty ());
  g_assert_false (kiosk_holds_text (sample->name));
  g_assert_false (bt_checked_in (sample->code));

  /* Typing half an address and walking away: the same. */
  enter_text ("code_entry", "someone@exam");
  g_assert_false (entries_empty ());
  BT_WAIT_UNTIL (entries_empty (), "the idle reset of what was typed");

  g_settings_reset (settings, "kiosk-idle-seconds");
  g_assert_cmpuint (box_kiosk_view_get_idle_seconds (kiosk ()), ==, 60);
}

/* The lock button asks for the PIN: a wrong one stays in the kiosk, and so does closing
 * the window; the right one leaves. */
static void
test_leave_needs_pin (void)
{
  GtkWidget *lock;

  start_application ();
  lock = bt_find_widget (GTK_WIDGET (kiosk ()), GTK_TYPE_BUTTON, "leave_button");
  g_assert_nonnull (lock);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (lock), ==, "Leave Kiosk Mode");
  g_assert_true (gtk_widget_activate (lock));
  BT_WAIT_UNTIL (on_page ("pin"), "the PIN page");
  bt_screenshot ("kiosk-pin");

  enter_text ("pin_entry", "0000");
  BT_WAIT_UNTIL (shows ("That is not the PIN."), "the wrong PIN refused");
  g_assert_true (on_page ("pin"));
  g_assert_true (entries_empty ());
  assert_in_kiosk ();
  bt_screenshot ("kiosk-pin-wrong");

  /* Closing the window is refused. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (g_list_find (gtk_application_get_windows (GTK_APPLICATION (app)), window) != NULL);
  assert_in_kiosk ();

  /* Guessing makes the next guesses wait: the right PIN too, meanwhile. */
  enter_text ("pin_entry", "1111");
  enter_text ("pin_entry", "2222");
  BT_WAIT_UNTIL (shows_prefix ("Please wait"), "the wait for the next PIN");
  enter_text ("pin_entry", PIN);
  g_assert_true (on_page ("pin"));
  assert_in_kiosk ();
  BT_WAIT_UNTIL (!shows_prefix ("Please wait"), "the end of the wait");

  enter_text ("pin_entry", PIN);
  BT_WAIT_UNTIL (!box_window_get_kiosk (window), "leaving kiosk mode");
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  g_assert_true (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)) !=
                 GTK_WIDGET (kiosk ()));
  g_assert_cmpstr (box_window_get_visible_page (window), ==, "attendees");
  g_assert_true (action_enabled (G_ACTION_GROUP (app), "quit"));
  g_assert_true (action_enabled (G_ACTION_GROUP (window), "show-help-overlay"));
  g_assert_true (dashboard_shortcut_works ());
  g_assert_false (g_settings_get_boolean (box_application_get_settings (app), "kiosk-mode"));
  g_assert_true (entries_empty ());
}

/* Currinda ------------------------------------------------------------------------------------ */

typedef struct
{
  gboolean  done;
  GError   *error;
} Evaluated;

static void
evaluated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Evaluated *e = user_data;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result,
                                                                         &e->error);

  e->done = TRUE;
}

static void
run_javascript (WebKitWebView *view,
                const char    *script)
{
  Evaluated e = { 0 };

  webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, evaluated_cb, &e);
  BT_WAIT_UNTIL (e.done, "the script in the sign-in page");
  g_assert_no_error (e.error);
}

typedef struct
{
  gboolean  done;
  GList    *cookies;
  GError   *error;
} Cookies;

static void
cookies_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Cookies *c = user_data;

  c->cookies = webkit_cookie_manager_get_all_cookies_finish (WEBKIT_COOKIE_MANAGER (object), result, &c->error);
  c->done = TRUE;
}

static guint
count_cookies (WebKitNetworkSession *session)
{
  Cookies c = { 0 };
  guint n;

  webkit_cookie_manager_get_all_cookies (webkit_network_session_get_cookie_manager (session), NULL,
                                         cookies_cb, &c);
  BT_WAIT_UNTIL (c.done, "the session's cookies");
  g_assert_no_error (c.error);
  n = g_list_length (c.cookies);
  for (GList *l = c.cookies; l != NULL; l = l->next)
    g_test_message ("Cookie left: %s", soup_cookie_get_name (l->data));
  g_list_free_full (c.cookies, (GDestroyNotify)soup_cookie_free);
  return n;
}

static gint64
currinda_sessions (const char *member)
{
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, "/_control/currinda/sessions");

  g_assert_nonnull (reply);
  return json_object_get_int_member (json_node_get_object (reply), member);
}

static const SecretSchema *
account_schema (void)
{
  /* As src/core/box-secrets.c keeps the accounts' secrets. */
  static const SecretSchema schema = {
    APP_ID ".Account", SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The accounts whose secrets the keyring holds, sorted, one per line. */
static char *
keyring_accounts (void)
{
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_sync (account_schema (), SECRET_SEARCH_ALL, NULL, &error, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);

      g_ptr_array_add (ids, g_strdup (g_hash_table_lookup (attributes, "account")));
    }
  g_list_free_full (items, g_object_unref);
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv ("\n", (char **)ids->pdata);
}

/* The organiser's Currinda account, with the token its sign-in would give. */
static char *
add_currinda_account (void)
{
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *site = g_strdup_printf ("%s/currinda", emu->url);
  g_autoptr(JsonNode) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *t;

  token = box_test_emulator_post (emu, "/_control/currinda/token",
                                  "{\"delegate\":\"" CURRINDA_MEMBER "\",\"scope\":\"event-42,org-19\"}");
  g_assert_nonnull (token);
  t = json_node_get_object (token);
  g_hash_table_insert (credentials, "client_id", "currinda-demo-client");
  g_hash_table_insert (credentials, "client_secret", "currinda-demo-secret");
  g_hash_table_insert (credentials, "event", "42");
  g_hash_table_insert (credentials, "organisation", "19");
  g_hash_table_insert (credentials, "access_token", (gpointer)json_object_get_string_member (t, "access_token"));
  g_hash_table_insert (credentials, "refresh_token", (gpointer)json_object_get_string_member (t, "refresh_token"));
  box_desk_add_account_async (desk, "currinda", "ASM 2026", site, credentials, NULL, box_test_got_result, &result);
  account = box_desk_add_account_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  return g_strdup (box_account_get_id (account));
}

typedef struct
{
  gboolean    done;
  GdkTexture *texture;
} Painted;

static void
painted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Painted *p = user_data;

  p->texture = webkit_web_view_get_snapshot_finish (WEBKIT_WEB_VIEW (object), result, NULL);
  p->done = TRUE;
}

/* The page as the web process painted it, once it is not blank. */
static GdkTexture *
wait_painted (WebKitWebView *view)
{
  for (guint i = 0; i < 50; i++)
    {
      Painted p = { 0 };

      webkit_web_view_get_snapshot (view, WEBKIT_SNAPSHOT_REGION_VISIBLE, WEBKIT_SNAPSHOT_OPTIONS_NONE, NULL,
                                    painted_cb, &p);
      BT_WAIT_UNTIL (p.done, "a snapshot of the page");
      if (p.texture != NULL && bt_count_colours (p.texture) >= 20)
        return p.texture;
      g_clear_object (&p.texture);
      bt_wait_frames_of (GTK_WIDGET (view));
    }
  g_assert_not_reached ();
}

/* The window with the page where the web view is: GTK's own snapshot of the window
 * leaves the web view's content out under Xvfb. */
static void
screenshot_with_page (const char    *name,
                      WebKitWebView *view)
{
  g_autoptr(GdkTexture) page = wait_painted (view);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = bt_screenshot_path (name);
  GtkSnapshot *snapshot;
  graphene_rect_t bounds;
  int width, height;

  bt_wait_frames_of (GTK_WIDGET (window));
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (view), GTK_WIDGET (window), &bounds));

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  gtk_snapshot_append_texture (snapshot, page, &bounds);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static gboolean
web_view_shows_form (void)
{
  WebKitWebView *view = box_kiosk_view_get_web_view (kiosk ());
  const char *uri = view ? webkit_web_view_get_uri (view) : NULL;

  return uri != NULL && strstr (uri, "/currinda/api/authorize") != NULL && !webkit_web_view_is_loading (view) &&
         webkit_web_view_get_estimated_load_progress (view) >= 1.0;
}

/* A delegate signs in on Currinda's own page in the kiosk, sees their registration and
 * membership, checks in and gets the Nametag; afterwards the site has signed them out and
 * nothing of them is left: no web view, no cookie, no token in the keyring. */
static void
test_currinda_delegate (void)
{
  g_autofree char *account_id = NULL;
  g_autofree char *keyring_before = NULL;
  g_autofree char *keyring_after = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(WebKitNetworkSession) session = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  BoxEventSidebar *sidebar;
  gint64 logouts_before;
  g_autofree char *code = NULL;

  start_application ();
  if (!box_provider_kind_is_known ("currinda"))
    {
      g_test_skip ("No Currinda provider in this build");
      return;
    }
  g_assert_false (box_window_get_kiosk (window));
  box_test_emulator_post (emu, "/_control/currinda/reset", "{}");

  account_id = add_currinda_account ();
  BT_WAIT_UNTIL (!box_window_is_syncing (window) && bt_has_attendee (account_id, "42", "event-42"),
                 "the sync of the Currinda account");
  keyring_before = keyring_accounts ();
  g_test_message ("Keyring before: %s", keyring_before);
  g_assert_nonnull (strstr (keyring_before, account_id));

  sidebar = BOX_EVENT_SIDEBAR (box_window_get_sidebar (window));
  g_assert_true (box_event_sidebar_select (sidebar, account_id, "42"));
  /* As at a start with kiosk mode on: the open event's kiosk. */
  g_settings_set_boolean (box_application_get_settings (app), "kiosk-mode", TRUE);
  g_application_activate (G_APPLICATION (app));
  BT_WAIT_UNTIL (box_window_get_kiosk (window) && gtk_widget_get_mapped (GTK_WIDGET (kiosk ())), "the kiosk");
  g_assert_true (on_page ("start"));
  g_assert_nonnull (bt_find_button (GTK_WIDGET (kiosk ()), "Sign in with Currinda"));
  /* No codes to look up: Currinda's records are named after the event, and one of them
   * is the organiser's own. Delegates sign in. */
  g_assert_true (shows ("Sign in to check in"));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (kiosk_entry ("code_entry"))));
  bt_screenshot ("kiosk-start-currinda");

  /* Currinda's sign-in page, in the kiosk, in a session of its own. */
  logouts_before = currinda_sessions ("logouts");
  press_button ("Sign in with Currinda");
  BT_WAIT_UNTIL (on_page ("delegate") && box_kiosk_view_get_web_view (kiosk ()) != NULL, "the sign-in page");
  session = g_object_ref (box_kiosk_view_get_network_session (kiosk ()));
  g_assert_true (webkit_network_session_is_ephemeral (session));
  BT_WAIT_UNTIL (web_view_shows_form (), "Currinda's sign-in form");
  screenshot_with_page ("kiosk-delegate-sign-in", box_kiosk_view_get_web_view (kiosk ()));

  run_javascript (box_kiosk_view_get_web_view (kiosk ()),
                  "document.getElementById('email').value = '" CURRINDA_DELEGATE "';"
                  "document.getElementById('password').value = 'delegate';"
                  "document.getElementById('sign-in').click();");

  /* Her registration and membership. */
  BT_WAIT_UNTIL (on_page ("registration"), "the delegate's registration");
  g_assert_cmpint (currinda_sessions ("logins"), >=, 1);
  g_assert_true (shows ("Zoë Lefèvre-Šimůnek"));
  g_assert_true (shows ("Early Bird Registration"));
  g_assert_true (shows ("Dr Zoë L."));
  g_assert_true (shows ("Paid"));
  g_assert_true (shows ("Current"));
  g_assert_true (shows ("2027-06-30"));
  bt_screenshot_light_and_dark (GTK_WIDGET (window), "kiosk-registration");

  /* Checked in, her Nametag printed by the built-in template, then signed out at the
   * site. */
  g_settings_reset (box_application_get_settings (app), "tag-template");
  pdf = printed_pdf ();
  g_unlink (pdf);
  press_button ("Check In and Print My Name Tag");
  BT_WAIT_UNTIL (on_page ("done") && shows ("Welcome, Zoë Lefèvre-Šimůnek"), "the welcome");
  BT_WAIT_UNTIL (shows ("Take your name tag from the printer."), "the name tag to be printed");
  bt_screenshot ("kiosk-delegate-done");
  g_assert_true (pdf_written ());
  assert_printed ("Dr Zoë L.");
  attendees = box_desk_list_attendees (desk, account_id, "42", NULL);
  for (guint i = 0; attendees != NULL && i < attendees->len; i++)
    if (g_strcmp0 (box_attendee_get_first_name (g_ptr_array_index (attendees, i)), "Zoë") == 0)
      {
        code = g_strdup (box_attendee_get_code (g_ptr_array_index (attendees, i)));
        g_assert_true (box_attendee_get_checked_in (g_ptr_array_index (attendees, i)));
      }
  g_assert_nonnull (code);

  BT_WAIT_UNTIL (box_kiosk_view_get_n_web_views (kiosk ()) == 0, "the web view to go");
  g_assert_null (box_kiosk_view_get_web_view (kiosk ()));
  g_assert_null (box_kiosk_view_get_network_session (kiosk ()));
  g_assert_cmpint (currinda_sessions ("logouts"), >=, logouts_before + 1);
  g_assert_cmpint (currinda_sessions ("site_sessions"), ==, 0);
  g_assert_cmpuint (count_cookies (session), ==, 0);
  keyring_after = keyring_accounts ();
  g_test_message ("Keyring after: %s", keyring_after);
  g_assert_cmpstr (keyring_after, ==, keyring_before);

  BT_WAIT_UNTIL (on_page ("start"), "the start page again");
  g_assert_false (kiosk_holds_text ("Zoë"));
}

/* A delegate who walks away from the sign-in page: the idle reset signs the page out and
 * drops it too. */
static void
test_currinda_walk_away (void)
{
  GSettings *settings;

  start_application ();
  if (!box_provider_kind_is_known ("currinda"))
    {
      g_test_skip ("No Currinda provider in this build");
      return;
    }
  g_assert_true (box_window_get_kiosk (window));
  settings = box_application_get_settings (app);
  g_settings_set_uint (settings, "kiosk-idle-seconds", 5);

  press_button ("Sign in with Currinda");
  BT_WAIT_UNTIL (web_view_shows_form (), "Currinda's sign-in form");
  BT_WAIT_UNTIL (on_page ("start"), "the idle reset");
  BT_WAIT_UNTIL (box_kiosk_view_get_n_web_views (kiosk ()) == 0, "the web view to go");
  g_settings_reset (settings, "kiosk-idle-seconds");
}

static void
test_no_display (void)
{
  g_test_skip ("No X display: run this test under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DISPLAY") == NULL || *g_getenv ("DISPLAY") == '\0')
    {
      g_test_add_func ("/kiosk/no-display", test_no_display);
      return g_test_run ();
    }
  if (!box_test_have_secret_service ())
    {
      g_printerr ("No Secret Service: run this test through tests/with-keyring.sh\n");
      return 1;
    }

  bt_init (WAIT_SECONDS, MIN_COLOURS);

  g_test_add_func ("/kiosk/enter-sets-pin", test_enter_sets_pin);
  g_test_add_func ("/kiosk/scan-prints-tag", test_scan_prints_tag);
  g_test_add_func ("/kiosk/two-matches-show-nothing", test_two_matches_show_nothing);
  g_test_add_func ("/kiosk/failures-wait", test_failures_wait);
  g_test_add_func ("/kiosk/idle-reset", test_idle_reset);
  g_test_add_func ("/kiosk/leave-needs-pin", test_leave_needs_pin);
  g_test_add_func ("/kiosk/currinda/delegate", test_currinda_delegate);
  g_test_add_func ("/kiosk/currinda/walk-away", test_currinda_walk_away);
  ret = g_test_run ();

  if (window != NULL)
    {
      /* Out of kiosk mode first: the window would refuse to close. */
      if (box_window_get_kiosk (window))
        box_window_set_kiosk (window, FALSE);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_clear_object (&app);
  g_clear_pointer (&samples, g_ptr_array_unref);
  g_clear_pointer (&emu, box_test_emulator_stop);
  bt_cleanup ();
  g_free (print_dir);
  box_test_cleanup ();
  return ret;
}
