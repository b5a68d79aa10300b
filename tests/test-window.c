/* test-window.c: the application's window in a real X server, driven by key presses
 *
 * Runs the application in this process on a profile that boxoffice-cli prepared
 * against the emulator, and types into it with XTest: the key events go through the X
 * server, the keymap and GDK exactly as a keyboard's (or a keyboard-wedge scanner's)
 * would. Screenshots of each view go to $BOX_SCREENSHOT_DIR.
 *
 * Runs inside tests/with-keyring.sh and xvfb-run. The cases share one application
 * (GTK starts once per process) and run in order: each goes on from where the one
 * before left the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <libsoup/soup.h>

#include "box-account.h"
#include "box-add-account-dialog.h"
#include "box-application.h"
#include "box-attendee.h"
#include "box-attendee-details.h"
#include "box-attendee-list.h"
#include "box-attendee-view.h"
#include "box-checkin.h"
#include "box-desk.h"
#include "box-error.h"
#include "box-secrets.h"
#include "box-event.h"
#include "box-event-sidebar.h"
#include "box-event-stats.h"
#include "box-print-dialog.h"
#include "box-questions-dialog.h"
#include "box-result-banner.h"
#include "box-test-util.h"
#include "box-test-window.h"
#include "box-window.h"

#define ATTENDEES 300

/* How long BT_WAIT_UNTIL() waits, and how many colours a screenshot has at least. */
#define WAIT_SECONDS 10
#define MIN_COLOURS  100

/* How long a person takes between two keys. */
#define PERSON_GAP_MS  150

static BoxTestEmulator *emu;
static BoxApplication *app;
static BoxWindow *window;
static BoxDesk *desk;
static gboolean layout_changed;
static GPtrArray *samples;   /* of BtSample: UNUSED, named tickets of event 10 */
static guint next_sample;

/* The code each case checks in, for the cases after it. */
static const BtSample *scanned;

/* The longest text the search entry held since the last reset. */
static char *longest_text;

/* Waiting ------------------------------------------------------------------------------ */

static void
wait_frames (void)
{
  bt_wait_frames_of (GTK_WIDGET (window));
}

/* Keys ------------------------------------------------------------------------------------ */

static GtkEditable *
search_entry (void)
{
  BoxAttendeeView *view = BOX_ATTENDEE_VIEW (box_window_get_attendee_view (window));
  return GTK_EDITABLE (box_attendee_view_get_search_entry (view));
}

static const char *
entry_text (void)
{
  return gtk_editable_get_text (search_entry ());
}

static BoxAttendeeList *
attendee_list (void)
{
  return box_attendee_view_get_list (BOX_ATTENDEE_VIEW (box_window_get_attendee_view (window)));
}

static guint
n_listed (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (attendee_list ()));
}

static void
entry_changed_cb (GtkEditable *editable)
{
  const char *text = gtk_editable_get_text (editable);

  if (longest_text == NULL || strlen (text) > strlen (longest_text))
    {
      g_free (longest_text);
      longest_text = g_strdup (text);
    }
}

static void
forget_longest_text (void)
{
  g_clear_pointer (&longest_text, g_free);
}

/* What the banner said before the last scan. */
static char *banner_before;

static const char *banner (void);

static gboolean
new_banner (void)
{
  return banner () != NULL && g_strcmp0 (banner (), banner_before) != 0;
}

/* A scanner (bt_scan()), after the search entry's longest text and the banner are noted. */
static void
scan (const char *code,
      gboolean    enter)
{
  forget_longest_text ();
  g_free (banner_before);
  banner_before = g_strdup (banner ());
  bt_scan (code, enter);
}

/* A person: each key shows in the entry before the next. */
static void
type_like_a_person (const char *text,
                    void      (*after_key) (const char *typed))
{
  for (gsize i = 0; text[i]; i++)
    {
      g_autofree char *typed = g_strndup (text, i + 1);

      bt_type_char (text[i]);
      BT_WAIT_UNTIL (g_str_equal (entry_text (), typed), "the typed key in the search entry");
      if (after_key != NULL)
        after_key (typed);
      bt_run_for (PERSON_GAP_MS);
    }
}

/* What the window says ----------------------------------------------------------------------- */

static const char *
banner (void)
{
  return box_window_get_banner_text (window);
}

static gboolean
banner_is (const char *expected)
{
  return g_strcmp0 (banner (), expected) == 0;
}

static gboolean
banner_starts_with (const char *prefix)
{
  return banner () != NULL && g_str_has_prefix (banner (), prefix);
}

static BoxAttendee *
shown_attendee (void)
{
  return box_attendee_details_get_attendee (BOX_ATTENDEE_DETAILS (box_window_get_details (window)));
}

static guint
queue_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = box_desk_list_queue (desk, &error);

  g_assert_no_error (error);
  return queue->len;
}

static gboolean
queued (const char *code)
{
  g_autoptr(GPtrArray) queue = box_desk_list_queue (desk, NULL);

  for (guint i = 0; queue != NULL && i < queue->len; i++)
    if (g_str_equal (box_checkin_get_code (g_ptr_array_index (queue, i)), code))
      return TRUE;
  return FALSE;
}

/* A label in a revealed GtkRevealer whose text starts with @prefix: the window's state
 * banners (offline, signed out) are these. */
static gboolean
revealed_label (GtkWidget  *widget,
                const char *prefix)
{
  if (GTK_IS_REVEALER (widget) && !gtk_revealer_get_reveal_child (GTK_REVEALER (widget)))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    {
      for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
        if (GTK_IS_REVEALER (w))
          return TRUE;
      return FALSE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (revealed_label (child, prefix))
      return TRUE;
  return FALSE;
}

/* The title of the toast on screen, or NULL. */
static const char *
toast_title (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget) || GTK_IS_BUTTON (widget))
    return NULL;
  if (GTK_IS_LABEL (widget))
    {
      for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
        if (g_str_equal (gtk_widget_get_css_name (w), "toast"))
          return gtk_label_get_text (GTK_LABEL (widget));
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *title = toast_title (child);
      if (title != NULL)
        return title;
    }
  return NULL;
}

/* Whether a mapped label under @widget reads @text exactly. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static guint
used_count (const char *code)
{
  return box_test_emulator_used_count (emu, code, NULL);
}

static guint
unused_count (const char *code)
{
  guint unused = 0;

  box_test_emulator_used_count (emu, code, &unused);
  return unused;
}

/* Setting up ------------------------------------------------------------------------------------- */

/* Text that is not markup: the window must show it as it is. */
static gboolean
has_markup_characters (const BtSample *s)
{
  return strpbrk (s->name, "<>&") != NULL || (s->company != NULL && strpbrk (s->company, "<>&") != NULL);
}

/* The next sample nobody has used that @accept (if any) takes, with plain text unless
 * @accept asks for markup characters (that case has a test of its own). */
static const BtSample *
take_sample (gboolean (*accept) (const BtSample *s))
{
  for (guint i = next_sample; i < samples->len; i++)
    {
      BtSample *s = g_ptr_array_index (samples, i);

      if ((accept != has_markup_characters && has_markup_characters (s)) ||
          (accept != NULL && !accept (s)))
        continue;
      /* Move it before the unused ones, so it is not taken again. */
      g_ptr_array_index (samples, i) = g_ptr_array_index (samples, next_sample);
      g_ptr_array_index (samples, next_sample) = s;
      next_sample++;
      return s;
    }
  g_assert_not_reached ();
}

/* The keyboard focus in the window. The pointer rests on the header bar, where it
 * highlights nothing. */
static gboolean
try_focus (void)
{
  return bt_try_focus (450, 28, 20);
}

/* Unused, paid, one-person tickets with a name, for bt_load_samples(). */
static gboolean
has_name (BoxAttendee *attendee)
{
  return box_attendee_get_name (attendee) != NULL && *box_attendee_get_name (attendee) != '\0';
}

static void
start_application (void)
{
  g_autofree char *profile = NULL;

  if (window != NULL)
    return;

  emu = bt_start_emulator (ATTENDEES, "window-profile", &profile);
  app = bt_open_application (profile);
  window = bt_window ();
  desk = box_application_get_desk (app);
  g_assert_nonnull (desk);

  g_signal_connect (search_entry (), "changed", G_CALLBACK (entry_changed_cb), NULL);
  BT_WAIT_UNTIL (try_focus (), "the window to be mapped and have the keyboard focus");
  BT_WAIT_UNTIL (!box_window_is_syncing (window), "the sync the window starts with");

  samples = bt_load_samples (emu, 200, has_name);
}

/* The cases ---------------------------------------------------------------------------------------- */

static void
test_opens_on_desk (void)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  BoxEvent *first;

  start_application ();

  g_assert_cmpstr (box_window_get_visible_page (window), ==, "attendees");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  /* The first event of the desk is open, with all its attendees listed. */
  events = box_desk_list_events (desk, NULL);
  g_assert_nonnull (events);
  g_assert_cmpuint (events->len, >=, 3);
  first = g_ptr_array_index (events, 0);
  g_assert_cmpstr (box_event_get_name (first), ==, "Tallinn Tech Summit 2026");
  g_assert_nonnull (attendee_list ());
  g_assert_cmpstr (box_attendee_list_get_account_id (attendee_list ()), ==, box_event_get_account_id (first));
  g_assert_cmpstr (box_attendee_list_get_event_id (attendee_list ()), ==, box_event_get_id (first));
  attendees = box_desk_list_attendees (desk, "fienta", "10", NULL);
  g_assert_cmpuint (attendees->len, ==, ATTENDEES);
  g_assert_cmpuint (n_listed (), ==, ATTENDEES);

  /* Nothing to say yet, and the keys go to the search. */
  g_assert_null (banner ());
  g_assert_cmpstr (entry_text (), ==, "");
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (window)));
  g_assert_true (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (search_entry ())));

  bt_screenshot ("window-attendees");
}

static gboolean
ascii_last_name (const BtSample *s)
{
  if (s->last_name == NULL || strlen (s->last_name) < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isalpha (s->last_name[i]))
      return FALSE;
  return TRUE;
}

static guint narrowing_last;

static void
check_narrowing (const char *typed)
{
  guint n = n_listed ();

  g_assert_cmpstr (box_attendee_list_get_query (attendee_list ()), ==, entry_text ());
  g_assert_cmpuint (n, <=, narrowing_last);
  g_test_message ("“%s”: %u matches", typed, n);
  narrowing_last = n;
}

static void
test_search_narrows (void)
{
  const BtSample *sample;
  g_autofree char *prefix = NULL;

  start_application ();
  sample = take_sample (ascii_last_name);
  prefix = g_ascii_strdown (sample->last_name, 4);

  narrowing_last = n_listed ();
  type_like_a_person (prefix, check_narrowing);

  g_assert_cmpstr (entry_text (), ==, prefix);
  g_assert_cmpuint (n_listed (), <, ATTENDEES);
  g_assert_cmpuint (n_listed (), >, 0);
  g_assert_cmpuint (box_attendee_list_find_code (attendee_list (), sample->code), !=, G_MAXUINT);
  /* A person typing is not a scanner: no check-in, nothing said. */
  g_assert_null (banner ());
  g_assert_false (bt_checked_in (sample->code));

  bt_screenshot ("window-search");
}

static void
test_scan_checks_in (void)
{
  g_autofree char *expected = NULL;
  g_autoptr(BoxAttendee) attendee = NULL;

  start_application ();
  scanned = take_sample (NULL);
  expected = g_strdup_printf ("Checked in: %s", scanned->name);

  /* The scanner types after what the person had started to type. */
  g_assert_cmpstr (entry_text (), !=, "");
  scan (scanned->code, TRUE);
  BT_WAIT_UNTIL (new_banner (), "the result banner");
  g_assert_cmpstr (banner (), ==, expected);

  g_assert_cmpuint (used_count (scanned->code), ==, 1);
  g_assert_true (bt_checked_in (scanned->code));
  g_assert_cmpstr (entry_text (), ==, "");
  g_assert_cmpstr (box_attendee_list_get_query (attendee_list ()), ==, "");
  g_assert_cmpuint (n_listed (), ==, ATTENDEES);
  attendee = shown_attendee () ? g_object_ref (shown_attendee ()) : NULL;
  g_assert_nonnull (attendee);
  g_assert_cmpstr (box_attendee_get_code (attendee), ==, scanned->code);

  bt_screenshot ("window-scan-ok");
}

static void
test_scan_again (void)
{
  g_autoptr(BoxAttendee) attendee = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *time = NULL;
  g_autofree char *expected = NULL;

  start_application ();
  g_assert_nonnull (scanned);
  attendee = bt_desk_attendee (scanned->code);
  at = g_date_time_new_from_unix_local (box_attendee_get_checked_in_at (attendee));
  time = g_date_time_format (at, "%H:%M");
  expected = g_strdup_printf ("Already checked in at %s: %s", time, scanned->name);

  scan (scanned->code, TRUE);
  BT_WAIT_UNTIL (banner_starts_with ("Already"), "the “already checked in” banner");
  g_assert_cmpstr (banner (), ==, expected);
  g_assert_true (g_regex_match_simple ("^Already checked in at [0-2][0-9]:[0-5][0-9]: ", banner (), 0, 0));

  /* Nothing more was sent. */
  g_assert_cmpuint (used_count (scanned->code), ==, 1);
  g_assert_cmpstr (entry_text (), ==, "");

  bt_screenshot ("window-scan-already");
}

static void
test_undo (void)
{
  start_application ();
  g_assert_nonnull (scanned);
  g_assert_true (bt_checked_in (scanned->code));

  bt_press_with (BT_KC_CONTROL_L, bt_us_keycode ('z'));
  BT_WAIT_UNTIL (!bt_checked_in (scanned->code), "the check-in to be undone");
  BT_WAIT_UNTIL (unused_count (scanned->code) == 1, "the undo to reach the provider");
  BT_WAIT_UNTIL (banner () == NULL, "the banner to clear");
  g_assert_cmpuint (used_count (scanned->code), ==, 1);
  g_assert_cmpstr (box_attendee_get_code (shown_attendee ()), ==, scanned->code);
  g_assert_false (box_attendee_get_checked_in (shown_attendee ()));

  bt_screenshot ("window-undo");
}

static void
test_scan_without_enter (void)
{
  const BtSample *sample;
  g_autofree char *expected = NULL;
  gint64 last_key;

  start_application ();
  sample = take_sample (NULL);
  expected = g_strdup_printf ("Checked in: %s", sample->name);

  scan (sample->code, FALSE);
  last_key = g_get_monotonic_time ();
  BT_WAIT_UNTIL (new_banner (), "the banner after a scan with no Enter");
  g_assert_cmpstr (banner (), ==, expected);
  g_assert_cmpint (g_get_monotonic_time () - last_key, <, 2 * G_USEC_PER_SEC);

  g_assert_cmpstr (longest_text, ==, sample->code);
  g_assert_cmpstr (entry_text (), ==, "");
  g_assert_true (bt_checked_in (sample->code));
  g_assert_cmpuint (used_count (sample->code), ==, 1);
}

static gboolean
has_y_or_z (const BtSample *s)
{
  return strpbrk (s->code, "YZ") != NULL;
}

static gboolean
layout_types (guint    keycode,
              guint    expected_keyval)
{
  guint keyval = 0;

  gdk_display_translate_key (gdk_display_get_default (), keycode, 0, 0, &keyval, NULL, NULL, NULL);
  return keyval == expected_keyval;
}

static gboolean
set_layout (const char *layout)
{
  g_autofree char *command = g_strdup_printf ("setxkbmap -layout %s", layout);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (!g_spawn_command_line_sync (command, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s failed: %s", command, error ? error->message : err);
      return FALSE;
    }
  return TRUE;
}

static void
test_scan_german_layout (void)
{
  const BtSample *sample;
  g_autofree char *expected = NULL;
  g_autofree char *german = NULL;

  start_application ();
  if (!set_layout ("de"))
    {
      g_test_skip ("setxkbmap cannot switch the layout");
      return;
    }
  layout_changed = TRUE;
  /* The German keyboard has Z where the US one has Y. */
  BT_WAIT_UNTIL (layout_types (bt_us_keycode ('z'), GDK_KEY_y), "GDK to see the German layout");

  sample = take_sample (has_y_or_z);
  expected = g_strdup_printf ("Checked in: %s", sample->name);
  german = g_strdup (sample->code);
  g_strdelimit (german, "Y", '\1');
  g_strdelimit (german, "Z", 'Y');
  g_strdelimit (german, "\1", 'Z');

  scan (sample->code, TRUE);
  BT_WAIT_UNTIL (new_banner (), "the banner after a scan on a German layout");

  /* The entry showed what the German layout typed, and the scan still found the ticket. */
  g_assert_cmpstr (longest_text, !=, sample->code);
  g_assert_cmpstr (longest_text, ==, german);
  g_assert_cmpstr (banner (), ==, expected);
  g_assert_true (bt_checked_in (sample->code));
  g_assert_cmpuint (used_count (sample->code), ==, 1);

  g_assert_true (set_layout ("us"));
  layout_changed = FALSE;
  BT_WAIT_UNTIL (layout_types (bt_us_keycode ('z'), GDK_KEY_z), "GDK to see the US layout again");
}

static void
test_unknown_code (void)
{
  start_application ();

  scan ("ZZZZ9999", TRUE);
  BT_WAIT_UNTIL (banner_starts_with ("Unknown ticket"), "the “unknown ticket” banner");
  g_assert_cmpstr (banner (), ==, "Unknown ticket: ZZZZ9999");
  g_assert_cmpstr (longest_text, ==, "ZZZZ9999");
  g_assert_cmpstr (entry_text (), ==, "");

  bt_screenshot ("window-unknown");
}

static void
test_offline (void)
{
  const BtSample *sample;
  g_autofree char *expected = NULL;

  start_application ();
  sample = take_sample (NULL);
  expected = g_strdup_printf ("Checked in offline: %s", sample->name);
  BT_WAIT_UNTIL (!box_window_is_syncing (window), "no sync under way");
  g_assert_cmpuint (queue_length (), ==, 0);

  box_test_emulator_fault (emu, "down", -1);
  scan (sample->code, TRUE);
  BT_WAIT_UNTIL (banner_starts_with ("Checked in"), "the banner of an offline check-in");
  g_assert_cmpstr (banner (), ==, expected);
  g_assert_true (bt_checked_in (sample->code));
  g_assert_true (queued (sample->code));
  g_assert_cmpuint (used_count (sample->code), ==, 0);
  BT_WAIT_UNTIL (revealed_label (GTK_WIDGET (window), "Offline ("), "the offline banner");

  bt_screenshot ("window-offline");

  /* The connection is back: the next sync sends it, once. */
  BT_WAIT_UNTIL (!box_window_is_syncing (window), "no sync under way");
  box_test_emulator_fault (emu, "none", 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  BT_WAIT_UNTIL (queue_length () == 0, "the queued check-in to be sent");
  BT_WAIT_UNTIL (!box_window_is_syncing (window), "the sync to end");
  g_assert_cmpuint (used_count (sample->code), ==, 1);
  g_assert_true (bt_checked_in (sample->code));
  BT_WAIT_UNTIL (!revealed_label (GTK_WIDGET (window), "Offline ("), "the offline banner to go");
}

static void
test_dashboard (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GSettings *settings;
  const BtSample *sample;
  g_autofree char *expected = NULL;

  start_application ();
  settings = box_application_get_settings (app);

  bt_press_with (BT_KC_CONTROL_L, bt_us_keycode ('2'));
  BT_WAIT_UNTIL (g_strcmp0 (box_window_get_visible_page (window), "dashboard") == 0, "the dashboard");
  g_assert_true (gtk_widget_get_mapped (box_window_get_dashboard (window)));
  g_assert_false (gtk_widget_get_mapped (box_window_get_attendee_view (window)));
  bt_screenshot ("window-dashboard");

  /* Dark, as the preference sets it. */
  g_settings_set_string (settings, "color-scheme", "dark");
  BT_WAIT_UNTIL (adw_style_manager_get_dark (style), "the dark style");
  bt_screenshot ("window-dashboard-dark");

  bt_press_with (BT_KC_CONTROL_L, bt_us_keycode ('1'));
  BT_WAIT_UNTIL (g_strcmp0 (box_window_get_visible_page (window), "attendees") == 0, "the attendees");
  g_assert_true (gtk_widget_get_mapped (box_window_get_attendee_view (window)));
  bt_press (BT_KC_ESCAPE);
  bt_screenshot ("window-attendees-dark");

  /* The keys go to the search again: a scan checks in. */
  sample = take_sample (NULL);
  expected = g_strdup_printf ("Checked in: %s", sample->name);
  scan (sample->code, TRUE);
  BT_WAIT_UNTIL (banner_is (expected), "the banner of a check-in in the dark");
  bt_screenshot ("window-scan-ok-dark");

  g_settings_set_string (settings, "color-scheme", "default");
  BT_WAIT_UNTIL (!adw_style_manager_get_dark (style), "the light style again");
}

/* Scans come faster than toasts time out: the Undo on screen must be about the last
 * check-in, since that is the one Ctrl+Z and the button take back. */
static void
test_undo_toast_names_last_check_in (void)
{
  const BtSample *first;
  const BtSample *second;
  g_autofree char *first_banner = NULL;
  g_autofree char *second_banner = NULL;
  g_autofree char *second_toast = NULL;

  start_application ();
  first = take_sample (NULL);
  second = take_sample (NULL);
  first_banner = g_strdup_printf ("Checked in: %s", first->name);
  second_banner = g_strdup_printf ("Checked in: %s", second->name);
  second_toast = g_strdup_printf ("Checked in %s", second->name);

  scan (first->code, TRUE);
  BT_WAIT_UNTIL (banner_is (first_banner), "the first check-in");
  scan (second->code, TRUE);
  BT_WAIT_UNTIL (banner_is (second_banner), "the second check-in");
  wait_frames ();
  bt_screenshot ("window-undo-toast");
  g_test_message ("Toast on screen: %s", toast_title (GTK_WIDGET (window)));
  g_assert_cmpstr (toast_title (GTK_WIDGET (window)), ==, second_toast);

  bt_press_with (BT_KC_CONTROL_L, bt_us_keycode ('z'));
  BT_WAIT_UNTIL (!bt_checked_in (second->code), "the undo of the second check-in");
  g_assert_true (bt_checked_in (first->code));
}

/* Names and companies are text, not markup: “Café <Noir> SARL” reads as it is, and
 * shows no warning (warnings fail the test). */
static void
test_details_show_text_as_is (void)
{
  const BtSample *sample;
  g_autofree char *expected = NULL;
  GtkWidget *details;

  start_application ();
  sample = take_sample (has_markup_characters);
  expected = g_strdup_printf ("Checked in: %s", sample->name);
  g_test_message ("%s: %s, %s", sample->code, sample->name, sample->company);

  scan (sample->code, TRUE);
  BT_WAIT_UNTIL (banner_is (expected), "the check-in of an attendee with markup characters");
  wait_frames ();
  details = box_window_get_details (window);
  g_assert_cmpstr (box_attendee_get_code (shown_attendee ()), ==, sample->code);
  g_assert_true (shows_text (details, sample->name));
  if (sample->company != NULL && *sample->company != '\0')
    g_assert_true (shows_text (details, sample->company));
  bt_screenshot ("window-details-markup");
}

/* Name tags --------------------------------------------------------------------------------- */

/* A label under @widget whose text starts with @prefix, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child, prefix);
      if (label != NULL)
        return label;
    }
  return NULL;
}

/* The first visible toplevel of @type other than the main window, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer)window && G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) &&
        gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
shows_code (const char *code)
{
  return shown_attendee () != NULL && g_strcmp0 (box_attendee_get_code (shown_attendee ()), code) == 0;
}

#define PRINTED_AT "Front desk"
#define DESK_NOW   "Side door"

/* The tag printed before, and the attendee shown: set up by test_details_say_when_printed
 * for test_reprint_asks. */
static const BtSample *printed;
static gint64 printed_at;

/* The details of an attendee whose tag was printed say when and at which desk. */
static void
test_details_say_when_printed (void)
{
  GSettings *settings;
  g_autoptr(GError) error = NULL;
  g_autofree char *by = NULL;
  GtkLabel *label;

  start_application ();
  settings = box_application_get_settings (app);
  printed = take_sample (NULL);

  /* Printed at another desk's name than this one's now: a print made by the window
   * would show as DESK_NOW. */
  g_settings_set_string (settings, "desk-name", PRINTED_AT);
  BT_WAIT_UNTIL (g_strcmp0 (box_desk_get_desk_name (desk), PRINTED_AT) == 0, "the desk to take its new name");
  g_assert_true (box_desk_record_print (desk, "fienta", "10", printed->code, "printer", &error));
  g_assert_no_error (error);
  g_assert_true (box_desk_get_last_print (desk, "fienta", "10", printed->code, &printed_at, &by));
  g_assert_cmpstr (by, ==, PRINTED_AT);
  g_settings_set_string (settings, "desk-name", DESK_NOW);
  BT_WAIT_UNTIL (g_strcmp0 (box_desk_get_desk_name (desk), DESK_NOW) == 0, "the desk to take its new name");

  /* A scan that only opens the attendee. */
  g_settings_set_string (settings, "scan-action", "show");
  BT_WAIT_UNTIL (try_focus (), "the window to have the keyboard focus");
  scan (printed->code, TRUE);
  BT_WAIT_UNTIL (shows_code (printed->code), "the scanned attendee in the details");
  g_assert_false (bt_checked_in (printed->code));
  g_assert_cmpuint (used_count (printed->code), ==, 0);

  wait_frames ();
  label = find_label (box_window_get_details (window), "Name tag printed");
  g_assert_nonnull (label);
  g_test_message ("%s", gtk_label_get_text (label));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (label), " at " PRINTED_AT));
  bt_screenshot ("window-details-printed");
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             char            **slot)
{
  g_free (*slot);
  *slot = g_strdup (response);
}

/* Printing a tag printed before asks first; Cancel prints nothing. */
static void
test_reprint_asks (void)
{
  GSettings *settings;
  GtkWidget *details;
  AdwMessageDialog *dialog;
  GtkWidget *cancel;
  g_autofree char *response = NULL;
  g_autofree char *by = NULL;
  gint64 at = 0;

  start_application ();
  settings = box_application_get_settings (app);
  g_assert_nonnull (printed);
  g_assert_true (shows_code (printed->code));
  g_assert_cmpuint (bt_n_other_toplevels_logged (), ==, 0);

  details = box_window_get_details (window);
  g_assert_true (gtk_widget_activate_action (details, "details.print", NULL));
  BT_WAIT_UNTIL (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, "the question to print again");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Print the Name Tag Again?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), " at " PRINTED_AT));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), printed->name));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "print"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  /* Nothing was printed while it asks. */
  g_assert_cmpuint (bt_n_other_toplevels_logged (), ==, 1);
  bt_screenshot_of (GTK_WIDGET (dialog), "window-reprint");

  /* Cancel, as a person clicks it: the response, and the dialog closes. */
  cancel = bt_find_button (GTK_WIDGET (dialog), "_Cancel");
  g_assert_nonnull (cancel);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), &response);
  gtk_widget_activate (cancel);
  BT_WAIT_UNTIL (response != NULL, "the answer to the question");
  g_assert_cmpstr (response, ==, "cancel");
  BT_WAIT_UNTIL (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL, "the question to close");
  bt_run_for (300);

  /* No print dialog, no new print (it would be at DESK_NOW), no toast. */
  g_assert_cmpuint (bt_n_other_toplevels_logged (), ==, 0);
  g_assert_true (box_desk_get_last_print (desk, "fienta", "10", printed->code, &at, &by));
  g_assert_cmpint (at, ==, printed_at);
  g_assert_cmpstr (by, ==, PRINTED_AT);
  g_test_message ("Toast on screen: %s", toast_title (GTK_WIDGET (window)));
  g_assert_false (g_str_has_prefix (toast_title (GTK_WIDGET (window)) ? toast_title (GTK_WIDGET (window)) : "",
                                    "Printed"));

  g_settings_reset (settings, "scan-action");
  g_settings_reset (settings, "desk-name");
  BT_WAIT_UNTIL (try_focus (), "the keyboard focus back in the window");
}

/* Ctrl+P opens the batch dialog. */
static void
test_batch_dialog (void)
{
  GtkWindow *dialog;

  start_application ();
  g_assert_false (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  BT_WAIT_UNTIL (try_focus (), "the window to have the keyboard focus");

  bt_press_with (BT_KC_CONTROL_L, bt_us_keycode ('p'));
  BT_WAIT_UNTIL (find_toplevel (BOX_TYPE_PRINT_DIALOG) != NULL, "the batch print dialog");
  dialog = find_toplevel (BOX_TYPE_PRINT_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));
  BT_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), "the batch print dialog on screen");
  bt_screenshot_of (GTK_WIDGET (dialog), "window-print-batch");

  gtk_window_close (dialog);
  BT_WAIT_UNTIL (find_toplevel (BOX_TYPE_PRINT_DIALOG) == NULL, "the batch print dialog to close");
  g_assert_cmpuint (bt_n_other_toplevels_logged (), ==, 0);
  BT_WAIT_UNTIL (try_focus (), "the keyboard focus back in the window");
}

/* Eventyay ---------------------------------------------------------------------------------- */

/* The account the add-account dialog made for tinycon, and the one made for democon. */
static char *tiny_account_id;
static char *demo_account_id;

/* A control endpoint of the Eventyay emulator, /_control/eventyay/… */
static JsonNode *
eventyay_control (const char *format,
                  ...) G_GNUC_PRINTF (1, 2);

static JsonNode *
eventyay_control (const char *format,
                  ...)
{
  g_autofree char *query = NULL;
  g_autofree char *path = NULL;
  JsonNode *reply;
  va_list args;

  va_start (args, format);
  query = g_strdup_vprintf (format, args);
  va_end (args);
  path = g_strconcat ("/_control/eventyay/", query, NULL);
  reply = box_test_emulator_get (emu, path);
  g_assert_nonnull (reply);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply));
  return reply;
}

/* The setup code of @event's check-in device, as its QR code says it. */
static char *
eventyay_setup (const char *event)
{
  g_autoptr(JsonNode) reply = eventyay_control ("setup?event=%s&prefix=eventyaydroid", event);

  return json_to_string (reply, FALSE);
}

/* The secret of the @index-th ticket of @event in @state (paid, pending, canceled, questions). */
static char *
eventyay_sample (const char *event,
                 const char *state,
                 guint       index)
{
  g_autoptr(JsonNode) reply = eventyay_control ("sample?event=%s&state=%s&n=%u", event, state, index + 1);
  JsonArray *tickets = json_object_get_array_member (json_node_get_object (reply), "tickets");

  g_assert_cmpuint (json_array_get_length (tickets), >, index);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (tickets, index), "secret"));
}

/* What the server holds for @secret: {"checkins","forced","answers",…}. */
static JsonNode *
eventyay_checkins (const char *event,
                   const char *secret)
{
  return eventyay_control ("checkins?event=%s&secret=%s", event, secret);
}

static guint
eventyay_checkin_count (const char *event,
                        const char *secret)
{
  g_autoptr(JsonNode) reply = eventyay_checkins (event, secret);

  return json_object_get_int_member (json_node_get_object (reply), "checkins");
}

/* The id of an Eventyay account other than @except, or NULL. */
static char *
eventyay_account_other_than (const char *except)
{
  g_autoptr(GPtrArray) accounts = box_desk_list_accounts (desk, NULL);

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      BoxAccount *account = g_ptr_array_index (accounts, i);

      if (g_strcmp0 (box_account_get_provider (account), "eventyay") == 0 &&
          g_strcmp0 (box_account_get_id (account), except) != 0)
        return g_strdup (box_account_get_id (account));
    }
  return NULL;
}

/* The name the window calls the attendee of @code by: the name, or else the code. */
static char *
eventyay_name (const char *account_id,
                  const char *event,
                  const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAttendee) attendee = box_desk_get_attendee (desk, account_id, event, code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (attendee);
  if (box_attendee_get_name (attendee) != NULL && *box_attendee_get_name (attendee) != '\0')
    return g_strdup (box_attendee_get_name (attendee));
  return g_strdup (code);
}

/* The widget under @widget of @type with the widget name @name, or NULL. */
static GtkWidget *
find_named (GtkWidget  *widget,
            GType       type,
            const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, type, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The stack under @widget that has a page named @page, or NULL. */
static GtkStack *
find_stack_with (GtkWidget  *widget,
                 const char *page)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), page) != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_stack_with (child, page);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a widget under @widget has the style class @name: the banner's colour. */
static gboolean
has_css_class_below (GtkWidget  *widget,
                     const char *name)
{
  if (gtk_widget_has_css_class (widget, name))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_css_class_below (child, name))
      return TRUE;
  return FALSE;
}

static BoxResultBanner *
result_banner (void)
{
  return BOX_RESULT_BANNER (box_window_get_result_banner (window));
}

/* The label of the banner's button without its mnemonic, or NULL when it has none. */
static char *
banner_action (void)
{
  const char *label = box_result_banner_get_action_label (result_banner ());
  g_autoptr(GString) plain = NULL;

  if (label == NULL)
    return NULL;
  plain = g_string_new (label);
  g_string_replace (plain, "_", "", 0);
  return g_string_free (g_steal_pointer (&plain), FALSE);
}

static gboolean
opens_event (const char *account_id,
             const char *event_id)
{
  return attendee_list () != NULL &&
         g_strcmp0 (box_attendee_list_get_account_id (attendee_list ()), account_id) == 0 &&
         g_strcmp0 (box_attendee_list_get_event_id (attendee_list ()), event_id) == 0;
}

/* Opens @event_id of @account_id from the sidebar, as a click on its row does. */
static void
open_event (const char *account_id,
            const char *event_id)
{
  BoxEventSidebar *sidebar = BOX_EVENT_SIDEBAR (box_window_get_sidebar (window));

  g_assert_true (box_event_sidebar_select (sidebar, account_id, event_id));
  BT_WAIT_UNTIL (opens_event (account_id, event_id), "the event in the attendee list");
  BT_WAIT_UNTIL (try_focus (), "the keyboard focus in the window");
}

/* Set up from the check-in device's setup code, pasted into the add-account dialog. */
static void
test_eventyay_setup (void)
{
  g_autofree char *setup = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(BoxAccount) account = NULL;
  GtkWidget *sidebar;
  GtkWindow *dialog;
  GtkWidget *row;
  GtkStack *stack;
  GtkWidget *page;
  GtkWidget *text_view;
  GtkWidget *add;

  start_application ();
  setup = eventyay_setup ("tinycon");
  g_test_message ("Setup code: %s", setup);
  g_assert_null (eventyay_account_other_than (NULL));
  g_assert_cmpuint (bt_n_other_toplevels_logged (), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-account", NULL));
  BT_WAIT_UNTIL (find_toplevel (BOX_TYPE_ADD_ACCOUNT_DIALOG) != NULL, "the add-account dialog");
  dialog = find_toplevel (BOX_TYPE_ADD_ACCOUNT_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));
  BT_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), "the add-account dialog on screen");

  /* The provider first: its row, as a click activates it. */
  stack = find_stack_with (GTK_WIDGET (dialog), "eventyay");
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "kind");
  row = find_named (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX_ROW, "eventyay");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  BT_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "eventyay") == 0, "the Eventyay page");

  /* Nothing to add without a setup code; with one pasted, Add can be pressed. */
  add = bt_find_button (GTK_WIDGET (dialog), "_Add");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_visible (add));
  g_assert_false (gtk_widget_get_sensitive (add));
  page = gtk_stack_get_child_by_name (stack, "eventyay");
  text_view = bt_find_widget (page, GTK_TYPE_TEXT_VIEW, NULL);
  g_assert_nonnull (text_view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), setup, -1);
  BT_WAIT_UNTIL (gtk_widget_get_sensitive (add), "Add to be sensitive");
  bt_screenshot_of (GTK_WIDGET (dialog), "window-eventyay-setup");

  g_assert_true (gtk_widget_activate (add));
  BT_WAIT_UNTIL ((tiny_account_id = eventyay_account_other_than (NULL)) != NULL,
                 "the desk to list the Eventyay account");
  BT_WAIT_UNTIL (find_toplevel (BOX_TYPE_ADD_ACCOUNT_DIALOG) == NULL, "the add-account dialog to close");
  account = box_desk_get_account (desk, tiny_account_id, NULL);
  g_assert_nonnull (account);
  g_test_message ("Added %s “%s”", tiny_account_id, box_account_get_name (account));

  /* The window syncs the new account, and lists its event. */
  sidebar = box_window_get_sidebar (window);
  BT_WAIT_UNTIL (!box_window_is_syncing (window) && find_label (sidebar, "Tiny Meetup") != NULL,
                 "the sync of the new account and its event in the sidebar");
  attendees = box_desk_list_attendees (desk, tiny_account_id, "tinycon", NULL);
  g_assert_nonnull (attendees);
  /* Paid tickets only: the list "Door" leaves the pending and the canceled out. */
  g_assert_cmpuint (attendees->len, ==, 10);

  open_event (tiny_account_id, "tinycon");
  g_assert_cmpuint (n_listed (), ==, 10);
  g_assert_cmpuint (bt_n_other_toplevels_logged (), ==, 0);
  bt_screenshot ("window-eventyay");
}

/* Fills every question of the questions dialog under @widget, as a person would. */
static void
fill_questions (GtkWidget *widget,
                   GString   *filled)
{
  if (ADW_IS_ENTRY_ROW (widget))
    {
      gtk_editable_set_text (GTK_EDITABLE (widget), "Tallinn");
      g_string_append_c (filled, 'S');
      return;
    }
  if (ADW_IS_COMBO_ROW (widget))
    {
      /* The first choice is the placeholder. */
      adw_combo_row_set_selected (ADW_COMBO_ROW (widget), 1);
      g_string_append_c (filled, 'C');
      return;
    }
  if (GTK_IS_TEXT_VIEW (widget))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "Line one\nLine two", -1);
      g_string_append_c (filled, 'T');
      return;
    }
  if (GTK_IS_CHECK_BUTTON (widget))
    {
      /* The first option of a multiple choice. */
      if (gtk_widget_get_prev_sibling (widget) == NULL)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), TRUE);
          g_string_append_c (filled, 'M');
        }
      return;
    }
  if (GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Yes") == 0)
    {
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (widget), TRUE);
      g_string_append_c (filled, 'B');
      return;
    }
  if (GTK_IS_ENTRY (widget))
    {
      const char *placeholder = gtk_entry_get_placeholder_text (GTK_ENTRY (widget));

      if (g_strcmp0 (placeholder, "YYYY-MM-DD") == 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (widget), "2026-11-23");
          g_string_append_c (filled, 'D');
        }
      else if (g_strcmp0 (placeholder, "HH:MM") == 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (widget), "09:30");
          g_string_append_c (filled, 'H');
        }
      else
        {
          gtk_editable_set_text (GTK_EDITABLE (widget), "42");
          g_string_append_c (filled, 'N');
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fill_questions (child, filled);
}

/* The titles of the question rows under @widget, each after a space. */
static void
list_questions (GtkWidget *widget,
                   GString   *titles)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      g_string_append_printf (titles, " “%s”", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    list_questions (child, titles);
}

/* A ticket with questions to answer: the window asks them, and checks in with the answers. */
static void
test_eventyay_questions (void)
{
  g_autofree char *secret = NULL;
  g_autofree char *name = NULL;
  g_autofree char *asked = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) filled = g_string_new (NULL);
  g_autoptr(JsonNode) stored = NULL;
  g_autofree char *stored_text = NULL;
  JsonObject *answers;
  BoxQuestionsDialog *dialog;
  GtkWidget *check_in;

  start_application ();
  g_assert_nonnull (tiny_account_id);
  g_assert_true (opens_event (tiny_account_id, "tinycon"));
  secret = eventyay_sample ("tinycon", "questions", 0);
  name = eventyay_name (tiny_account_id, "tinycon", secret);
  asked = g_strdup_printf ("Questions to answer: %s", name);
  expected = g_strdup_printf ("Checked in: %s", name);
  g_assert_cmpuint (eventyay_checkin_count ("tinycon", secret), ==, 0);

  BT_WAIT_UNTIL (try_focus (), "the keyboard focus in the window");
  scan (secret, TRUE);
  BT_WAIT_UNTIL (find_toplevel (BOX_TYPE_QUESTIONS_DIALOG) != NULL, "the questions dialog");
  dialog = BOX_QUESTIONS_DIALOG (find_toplevel (BOX_TYPE_QUESTIONS_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  BT_WAIT_UNTIL (banner_starts_with ("Questions to answer"), "the “questions to answer” banner");
  g_assert_cmpstr (banner (), ==, asked);
  g_assert_cmpuint (eventyay_checkin_count ("tinycon", secret), ==, 0);

  /* The required questions are not answered yet. */
  g_assert_false (box_questions_dialog_get_can_answer (dialog));
  BT_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), "the questions dialog on screen");
  bt_screenshot_of (GTK_WIDGET (dialog), "window-questions");

  fill_questions (GTK_WIDGET (dialog), filled);
  g_test_message ("Answered: %s", filled->str);
  /* Every question of tinycon in order, but the file, which the desk cannot upload: N S
   * T B C M D H, then W as its date and its time. */
  g_assert_cmpstr (filled->str, ==, "NSTBCMDHDH");
  g_assert_true (box_questions_dialog_get_can_answer (dialog));
  bt_screenshot_of (GTK_WIDGET (dialog), "window-questions-filled");

  check_in = bt_find_button (GTK_WIDGET (dialog), "C_heck In");
  g_assert_nonnull (check_in);
  g_assert_true (gtk_widget_get_sensitive (check_in));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_assert_true (gtk_widget_activate (check_in));
  BT_WAIT_UNTIL (dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog)), "the questions dialog to close");
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);

  /* Checked in; the optional file is left out, not asked for again. */
  BT_WAIT_UNTIL (banner_is (expected) || find_toplevel (BOX_TYPE_QUESTIONS_DIALOG) != NULL,
                 "the check-in with the answers");
  if (find_toplevel (BOX_TYPE_QUESTIONS_DIALOG) != NULL)
    {
      g_autoptr(GString) again = g_string_new (NULL);

      list_questions (GTK_WIDGET (find_toplevel (BOX_TYPE_QUESTIONS_DIALOG)), again);
      g_test_message ("Asked again after Check In:%s (banner “%s”)", again->str, banner ());
    }
  g_assert_null (find_toplevel (BOX_TYPE_QUESTIONS_DIALOG));
  g_assert_cmpstr (banner (), ==, expected);

  /* One check-in on the server, with the answers stored. */
  stored = eventyay_checkins ("tinycon", secret);
  stored_text = json_to_string (stored, FALSE);
  g_test_message ("Server: %s", stored_text);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (stored), "checkins"), ==, 1);
  answers = json_object_get_object_member (json_node_get_object (stored), "answers");
  g_assert_nonnull (answers);
  g_assert_cmpuint (json_object_get_size (answers), ==, 9);
  g_assert_cmpstr (json_object_get_string_member (answers, "10"), !=, NULL);
  g_assert_cmpstr (json_object_get_string_member (answers, "17"), ==, "2026-11-23");
  g_assert_cmpstr (json_object_get_string_member (answers, "18"), ==, "09:30:00");
  g_assert_false (json_object_has_member (answers, "16"));
  BT_WAIT_UNTIL (try_focus (), "the keyboard focus back in the window");
}

/* A pending order is refused, and can be let in from the banner; a canceled one cannot. */
static void
test_eventyay_unpaid (void)
{
  g_autofree char *setup = NULL;
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *canceled = NULL;
  g_autofree char *name = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *action = NULL;
  g_autofree char *canceled_action = NULL;
  g_autoptr(BoxAttendee) attendee = NULL;
  GtkWidget *button;

  start_application ();
  g_assert_nonnull (tiny_account_id);

  /* A second device setup, for democon: its list lets pending orders in. */
  setup = eventyay_setup ("democon");
  g_hash_table_insert (credentials, "config", setup);
  box_desk_add_account_async (desk, "eventyay", "Demo desk", NULL, credentials, NULL, box_test_got_result,
                              &result);
  account = box_desk_add_account_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  demo_account_id = g_strdup (box_account_get_id (account));
  BT_WAIT_UNTIL (!box_window_is_syncing (window) &&
                 find_label (box_window_get_sidebar (window), "Demo Conference") != NULL,
                 "the sync of the democon account and its event in the sidebar");
  open_event (demo_account_id, "democon");
  g_assert_cmpuint (n_listed (), >, 0);

  pending = eventyay_sample ("democon", "pending", 0);
  attendee = box_desk_get_attendee (desk, demo_account_id, "democon", pending, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attendee);
  g_assert_cmpint (box_attendee_get_status (attendee), ==, BOX_ATTENDEE_STATUS_PENDING);
  name = eventyay_name (demo_account_id, "democon", pending);
  refused = g_strdup_printf ("Not paid: %s", name);
  expected = g_strdup_printf ("Checked in: %s", name);
  g_assert_cmpuint (eventyay_checkin_count ("democon", pending), ==, 0);

  scan (pending, TRUE);
  BT_WAIT_UNTIL (banner_starts_with ("Not paid"), "the “not paid” banner");
  g_assert_cmpstr (banner (), ==, refused);
  g_assert_true (has_css_class_below (GTK_WIDGET (result_banner ()), "result-error"));
  action = banner_action ();
  g_assert_cmpstr (action, ==, "Check In Anyway");
  g_assert_cmpuint (eventyay_checkin_count ("democon", pending), ==, 0);
  g_assert_cmpuint (bt_n_other_toplevels_logged (), ==, 0);
  bt_screenshot ("window-unpaid");

  /* The banner's button, as a click activates it. */
  button = bt_find_button (GTK_WIDGET (result_banner ()), box_result_banner_get_action_label (result_banner ()));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_activate (button));
  BT_WAIT_UNTIL (banner_is (expected), "the check-in of the unpaid order");
  g_assert_true (has_css_class_below (GTK_WIDGET (result_banner ()), "result-ok"));
  g_assert_null (box_result_banner_get_action_label (result_banner ()));
  g_assert_cmpuint (eventyay_checkin_count ("democon", pending), ==, 1);

  /* A canceled order: red, and nothing to let them in with. */
  canceled = eventyay_sample ("democon", "canceled", 0);
  BT_WAIT_UNTIL (try_focus (), "the keyboard focus in the window");
  scan (canceled, TRUE);
  BT_WAIT_UNTIL (new_banner (), "the banner of a canceled ticket");
  g_test_message ("Canceled ticket: %s", banner ());
  g_assert_true (has_css_class_below (GTK_WIDGET (result_banner ()), "result-error"));
  g_assert_false (has_css_class_below (GTK_WIDGET (result_banner ()), "result-ok"));
  canceled_action = banner_action ();
  g_assert_null (canceled_action);
  g_assert_cmpuint (eventyay_checkin_count ("democon", canceled), ==, 0);
  bt_screenshot ("window-canceled");
}

/* TickeTing --------------------------------------------------------------------------------- */

#define CARNIVAL          "16993964783416"
#define CARNIVAL_NAME     "Carnival Fete 2026"
#define SECTION_GA        "17001"
#define SECTION_BACKSTAGE "17003"
/* Covers General Admission and VIP, not Backstage. */
#define ADMISSION_TOKEN   "A0F9GG8D"
#define INTEGRATION_KEY   "ticketingintegrationkey000000001"
#define OTHER_DEVICE      "Gate 9"

/* The account set up with the admission token (a door), and the one without (the host's). */
static char *door_account_id;
static char *host_account_id;

/* A control endpoint of the TickeTing emulator: GET /_control/ticketing/…, or a POST of
 * @json there. */
static JsonNode *
ticketing_control (const char *json,
                   const char *format,
                   ...) G_GNUC_PRINTF (2, 3);

static JsonNode *
ticketing_control (const char *json,
                   const char *format,
                   ...)
{
  g_autofree char *query = NULL;
  g_autofree char *path = NULL;
  JsonNode *reply;
  va_list args;

  va_start (args, format);
  query = g_strdup_vprintf (format, args);
  va_end (args);
  path = g_strconcat ("/_control/ticketing/", query, NULL);
  reply = json != NULL ? box_test_emulator_post (emu, path, json) : box_test_emulator_get (emu, path);
  g_assert_nonnull (reply);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply));
  return reply;
}

/* The serial of the @index-th Carnival ticket of @section that is Issued, not in yet,
 * and has a first and a last name. */
static char *
ticketing_sample (const char *section,
                  guint       index)
{
  g_autoptr(JsonNode) reply = ticketing_control (NULL, "sample?event=" CARNIVAL "&state=issued&section=%s&n=40",
                                                 section);
  JsonArray *tickets = json_object_get_array_member (json_node_get_object (reply), "tickets");

  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      JsonObject *t = json_array_get_object_element (tickets, i);

      if (json_object_get_string_member_with_default (t, "first_name", NULL) == NULL ||
          json_object_get_string_member_with_default (t, "last_name", NULL) == NULL)
        continue;
      g_assert_cmpstr (json_object_get_string_member (t, "section"), ==, section);
      if (index-- == 0)
        return g_strdup (json_object_get_string_member (t, "serial"));
    }
  g_assert_not_reached ();
}

/* What TickeTing holds for @serial: {"serial","count","admissions":[{"device","redeemer","admitted"}]}. */
static JsonNode *
ticketing_admissions (const char *serial)
{
  return ticketing_control (NULL, "admissions?event=" CARNIVAL "&serial=%s", serial);
}

static guint
ticketing_admission_count (const char *serial)
{
  g_autoptr(JsonNode) reply = ticketing_admissions (serial);

  return json_object_get_int_member (json_node_get_object (reply), "count");
}

/* The device of @serial's first admission on TickeTing. */
static char *
ticketing_admitted_by (const char *serial)
{
  g_autoptr(JsonNode) reply = ticketing_admissions (serial);
  JsonArray *admissions = json_object_get_array_member (json_node_get_object (reply), "admissions");

  g_assert_cmpuint (json_array_get_length (admissions), >, 0);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (admissions, 0), "device"));
}

typedef struct
{
  char   *url;
  guint   status;
  GBytes *body;
  GError *error;
} ApiGet;

/* As the control requests do: a thread and a session of its own, so the main context
 * (the window's) is not iterated under the code being tested. */
static gpointer
ticketing_api_thread (gpointer data)
{
  ApiGet *g = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  SoupMessageHeaders *headers;

  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  msg = soup_message_new ("GET", g->url);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_append (headers, "X-Client-Version", "3.0.0");
  soup_message_headers_append (headers, "X-API-Key", INTEGRATION_KEY);
  g->body = soup_session_send_and_read (session, msg, NULL, &g->error);
  g->status = soup_message_get_status (msg);
  g_clear_object (&msg);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return NULL;
}

/* GET @path of the TickeTing API itself, with the integration key: what the host sees. */
static JsonNode *
ticketing_api_get (const char *path)
{
  ApiGet g = { 0 };
  JsonNode *node;

  g.url = g_strdup_printf ("%s/ticketing/v3%s", emu->url, path);
  g_thread_join (g_thread_new ("ticketing-api", ticketing_api_thread, &g));
  g_free (g.url);

  g_assert_no_error (g.error);
  g_assert_cmpuint (g.status, ==, 200);
  node = box_test_json_from_bytes (g.body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_bytes_unref (g.body);
  return node;
}

/* A member of @object as the text the dashboard shows for it: a number as it is. */
static char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

/* Adds doorstaff's TickeTing account, with the admission token @token unless NULL, as
 * the preferences' add-account page does; the window syncs it. Returns its id. */
static char *
add_ticketing_account (const char *token)
{
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *url = g_strdup_printf ("%s/ticketing/v3", emu->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (credentials, "identification", "doorstaff");
  g_hash_table_insert (credentials, "password", "demo-password");
  if (token != NULL)
    g_hash_table_insert (credentials, "admission_token", (gpointer)token);
  box_desk_add_account_async (desk, "ticketing", NULL, url, credentials, NULL, box_test_got_result, &result);
  account = box_desk_add_account_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (box_account_get_provider (account), ==, "ticketing");
  g_test_message ("Added %s “%s”", box_account_get_id (account), box_account_get_name (account));
  return g_strdup (box_account_get_id (account));
}

/* The desk's events, each listed in the sidebar, and @account_id's Carnival synced. */
static gboolean
carnival_listed (const char *account_id)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) attendees = NULL;

  if (box_window_is_syncing (window))
    return FALSE;
  events = box_desk_list_events (desk, NULL);
  attendees = box_desk_list_attendees (desk, account_id, CARNIVAL, NULL);
  return events != NULL && attendees != NULL && attendees->len > 0 &&
         box_event_sidebar_get_n_events (BOX_EVENT_SIDEBAR (box_window_get_sidebar (window))) == events->len;
}

/* The events the desk lists for @account_id. */
static guint
n_events_of (const char *account_id)
{
  g_autoptr(GPtrArray) events = box_desk_list_events (desk, NULL);
  guint n = 0;

  for (guint i = 0; events != NULL && i < events->len; i++)
    if (g_strcmp0 (box_event_get_account_id (g_ptr_array_index (events, i)), account_id) == 0)
      n++;
  return n;
}

/* Scans @serial at the Carnival door, and waits for a banner that starts with @prefix. */
static void
scan_at_door (const char *serial,
                 const char *prefix)
{
  g_autofree char *what = g_strdup_printf ("the “%s” banner", prefix);

  BT_WAIT_UNTIL (try_focus (), "the keyboard focus in the window");
  scan (serial, TRUE);
  BT_WAIT_UNTIL (new_banner () && banner_starts_with (prefix), what);
  g_test_message ("%s: %s", serial, banner ());
}

/* A door set up with an admission token: GA is let in once, a ticket another device
 * let in says by which, and a Backstage ticket is refused at the desk. */
static void
test_ticketing_admit (void)
{
  g_autofree char *ok = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *backstage = NULL;
  g_autofree char *ok_name = NULL;
  g_autofree char *elsewhere_name = NULL;
  g_autofree char *backstage_name = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *by = NULL;
  g_autofree char *admit = NULL;
  g_autoptr(JsonNode) admitted = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autoptr(BoxAttendee) refused = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *details;

  start_application ();
  g_assert_null (door_account_id);

  door_account_id = add_ticketing_account (ADMISSION_TOKEN);
  BT_WAIT_UNTIL (carnival_listed (door_account_id), "the sync of the TickeTing door and the Carnival in the sidebar");
  /* A door lists its token's event only. */
  g_assert_cmpuint (n_events_of (door_account_id), ==, 1);
  event = box_desk_get_event (desk, door_account_id, CARNIVAL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_event_get_name (event), ==, CARNIVAL_NAME);
  open_event (door_account_id, CARNIVAL);
  g_assert_cmpuint (n_listed (), >, 0);

  ok = ticketing_sample (SECTION_GA, 0);
  elsewhere = ticketing_sample (SECTION_GA, 1);
  backstage = ticketing_sample (SECTION_BACKSTAGE, 0);
  ok_name = eventyay_name (door_account_id, CARNIVAL, ok);
  elsewhere_name = eventyay_name (door_account_id, CARNIVAL, elsewhere);
  backstage_name = eventyay_name (door_account_id, CARNIVAL, backstage);
  g_assert_cmpuint (ticketing_admission_count (ok), ==, 0);
  g_assert_cmpuint (ticketing_admission_count (elsewhere), ==, 0);
  g_assert_cmpuint (ticketing_admission_count (backstage), ==, 0);

  /* The desk knows the Backstage ticket (the account's key read every section), as one
   * this door may not let in. */
  refused = box_desk_get_attendee (desk, door_account_id, CARNIVAL, backstage, &error);
  g_assert_no_error (error);
  g_assert_nonnull (refused);
  g_assert_false (box_attendee_get_valid_here (refused));

  /* General Admission: in, once, by this desk. */
  expected = g_strdup_printf ("Checked in: %s", ok_name);
  scan_at_door (ok, "Checked in");
  g_assert_cmpstr (banner (), ==, expected);
  g_assert_true (has_css_class_below (GTK_WIDGET (result_banner ()), "result-ok"));
  g_assert_cmpuint (ticketing_admission_count (ok), ==, 1);
  g_assert_cmpuint (bt_n_other_toplevels_logged (), ==, 0);
  bt_screenshot ("window-ticketing-ok");

  /* Another device lets a ticket in after the sync: this desk still thinks it is out,
   * and TickeTing's answer says who let it in. */
  admit = g_strdup_printf ("{\"event\":\"" CARNIVAL "\",\"serial\":\"%s\",\"device\":\"" OTHER_DEVICE "\","
                           "\"redeemer\":\"Gate Keeper\"}", elsewhere);
  admitted = ticketing_control (admit, "admit");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (admitted), "admitted"));
  g_assert_cmpuint (ticketing_admission_count (elsewhere), ==, 1);

  scan_at_door (elsewhere, "Already checked in");
  escaped = g_regex_escape_string (elsewhere_name, -1);
  /* The device TickeTing named is kept with the attendee and said on the banner. */
  pattern = g_strdup_printf ("^Already checked in at [0-2][0-9]:[0-5][0-9] by " OTHER_DEVICE ": %s$", escaped);
  g_assert_true (g_regex_match_simple (pattern, banner (), 0, 0));
  g_assert_true (has_css_class_below (GTK_WIDGET (result_banner ()), "result-warning"));
  g_assert_false (has_css_class_below (GTK_WIDGET (result_banner ()), "result-ok"));
  /* Still that one admission, the other device's. */
  g_assert_cmpuint (ticketing_admission_count (elsewhere), ==, 1);
  by = ticketing_admitted_by (elsewhere);
  g_assert_cmpstr (by, ==, OTHER_DEVICE);
  bt_screenshot ("window-ticketing-already");

  /* Backstage: refused here, and TickeTing is not asked to admit it. */
  g_free (expected);
  expected = g_strdup_printf ("Not valid here: %s", backstage_name);
  scan_at_door (backstage, "Not valid here");
  g_assert_cmpstr (banner (), ==, expected);
  g_assert_true (has_css_class_below (GTK_WIDGET (result_banner ()), "result-error"));
  g_assert_false (has_css_class_below (GTK_WIDGET (result_banner ()), "result-ok"));
  g_assert_cmpuint (ticketing_admission_count (backstage), ==, 0);

  /* The details show the ticket, and say so too. */
  details = box_window_get_details (window);
  BT_WAIT_UNTIL (shows_code (backstage), "the refused ticket in the details");
  wait_frames ();
  g_assert_true (shows_text (details, "Not valid at this entrance"));
  g_assert_cmpuint (bt_n_other_toplevels_logged (), ==, 0);
  bt_screenshot ("window-ticketing-not-valid");
}

/* The AdwPreferencesGroup under @widget titled @title, or NULL. */
static GtkWidget *
find_group (GtkWidget  *widget,
            const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_group (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row under @widget titled @title, or NULL. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the dashboard's group @group shows the row @title with the figure @value. */
static gboolean
shows_figure (const char *group,
                 const char *title,
                 const char *value)
{
  GtkWidget *g = find_group (box_window_get_dashboard (window), group);
  GtkWidget *row = g != NULL ? find_row (g, title) : NULL;

  return row != NULL && gtk_widget_get_mapped (row) && shows_text (row, value);
}

/* Where @widget's top is in its scrolled window, less a margin: 0 when it is at the top. */
static double
offset_in_scrolled (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &bounds));
  return bounds.origin.y - 12;
}

/* Scrolls @widget's scrolled window, as a person does, until @widget is at the top of it
 * or the page can go no further. */
static void
scroll_to_top_of (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  /* The rows just added are laid out first: the page is only then long enough. */
  wait_frames ();
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + offset_in_scrolled (widget));
  wait_frames ();
  BT_WAIT_UNTIL (ABS (offset_in_scrolled (widget)) < 1 ||
                 gtk_adjustment_get_value (adjustment) >=
                 gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 1,
                 "the group at the top of the page");
}

/* The host's own figures on the dashboard, as TickeTing reports them. */
static void
test_ticketing_dashboard (void)
{
  g_autoptr(JsonNode) statistics = NULL;
  JsonObject *figures;
  g_autofree char *sold = NULL;
  g_autofree char *capacity = NULL;
  g_autofree char *admissions = NULL;
  const char *group = "Reported by TickeTing";

  start_application ();
  g_assert_null (host_account_id);

  /* The host's account, with no token: its key may read the host's statistics. */
  host_account_id = add_ticketing_account (NULL);
  BT_WAIT_UNTIL (carnival_listed (host_account_id), "the sync of the TickeTing host and its events in the sidebar");
  /* The host's events: the Carnival and the Jazz Night. */
  g_assert_cmpuint (n_events_of (host_account_id), ==, 2);
  open_event (host_account_id, CARNIVAL);

  statistics = ticketing_api_get ("/events/" CARNIVAL "/statistics");
  figures = json_node_get_object (statistics);
  sold = member_text (figures, "ticketsSold");
  capacity = member_text (figures, "capacity");
  admissions = member_text (figures, "admissions");
  g_test_message ("TickeTing: %s sold, capacity %s, %s admitted", sold, capacity, admissions);

  bt_press_with (BT_KC_CONTROL_L, bt_us_keycode ('2'));
  BT_WAIT_UNTIL (g_strcmp0 (box_window_get_visible_page (window), "dashboard") == 0, "the dashboard");
  BT_WAIT_UNTIL (shows_figure (group, "Tickets sold", sold), "TickeTing's tickets sold on the dashboard");
  g_assert_true (shows_figure (group, "Capacity", capacity));
  /* Two admissions since the sync, one this desk's and one Gate 9's: TickeTing counts them. */
  g_assert_true (shows_figure (group, "Admitted", admissions));
  g_assert_nonnull (find_row (find_group (box_window_get_dashboard (window), group), "Orders"));
  g_assert_nonnull (find_row (find_group (box_window_get_dashboard (window), group), "Revenue"));
  g_assert_cmpuint (bt_n_other_toplevels_logged (), ==, 0);

  scroll_to_top_of (find_group (box_window_get_dashboard (window), group));
  bt_screenshot ("window-ticketing-dashboard");

  bt_press_with (BT_KC_CONTROL_L, bt_us_keycode ('1'));
  BT_WAIT_UNTIL (g_strcmp0 (box_window_get_visible_page (window), "attendees") == 0, "the attendees");
  bt_press (BT_KC_ESCAPE);
  BT_WAIT_UNTIL (try_focus (), "the keyboard focus back in the window");
}

/* Floktu and Currinda: signing in in the browser ------------------------------------------ */

#define FLOKTU_EVENT       "101"
#define FLOKTU_EVENT_NAME  "Harbour Lights Festival"
#define CURRINDA_MEMBER    "michael.gall@example.com"

static char *floktu_account_id;

/* Accounts of @kind the desk has. */
static guint
n_accounts_of (const char *kind)
{
  g_autoptr(GPtrArray) accounts = box_desk_list_accounts (desk, NULL);
  guint n = 0;

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    if (g_strcmp0 (box_account_get_provider (g_ptr_array_index (accounts, i)), kind) == 0)
      n++;
  return n;
}

static char *
account_of (const char *kind)
{
  g_autoptr(GPtrArray) accounts = box_desk_list_accounts (desk, NULL);

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    if (g_strcmp0 (box_account_get_provider (g_ptr_array_index (accounts, i)), kind) == 0)
      return g_strdup (box_account_get_id (g_ptr_array_index (accounts, i)));
  return NULL;
}

/* Opens the add-account dialog at @kind's page; the browser is not opened. */
static GtkWindow *
open_add_account (const char *kind)
{
  GtkWindow *dialog;
  GtkStack *stack;
  GtkWidget *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-account", NULL));
  BT_WAIT_UNTIL (find_toplevel (BOX_TYPE_ADD_ACCOUNT_DIALOG) != NULL, "the add-account dialog");
  dialog = find_toplevel (BOX_TYPE_ADD_ACCOUNT_DIALOG);
  g_object_set (dialog, "open-browser", FALSE, NULL);
  BT_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), "the add-account dialog on screen");

  stack = find_stack_with (GTK_WIDGET (dialog), kind);
  g_assert_nonnull (stack);
  row = find_named (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX_ROW, kind);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  BT_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), kind) == 0, "the provider's page");
  return dialog;
}

/* The dialog's page of the provider shown, or the dialog. */
static GtkWidget *
shown_page (GtkWindow *dialog)
{
  GtkStack *stack = find_stack_with (GTK_WIDGET (dialog), "kind");
  GtkWidget *page = stack ? gtk_stack_get_visible_child (stack) : NULL;

  return page != NULL ? page : GTK_WIDGET (dialog);
}

static void
set_row_text (GtkWindow  *dialog,
                 const char *title,
                 const char *text)
{
  GtkWidget *row = find_row (shown_page (dialog), title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static const char *
row_text (GtkWindow  *dialog,
          const char *title)
{
  GtkWidget *row = find_row (shown_page (dialog), title);

  g_assert_nonnull (row);
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
fill_floktu (GtkWindow *dialog)
{
  g_autofree char *url = g_strdup_printf ("%s/floktu/api/v2", emu->url);

  set_row_text (dialog, "Client _ID", "floktu-demo-client");
  set_row_text (dialog, "Client _secret", "floktu-demo-secret");
  set_row_text (dialog, "_API address (optional)", url);
}

/* The sign-in address the dialog shows while it waits, or NULL. */
static const char *
shown_link (GtkWindow *dialog)
{
  GtkWidget *label = find_named (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "oauth-link");

  if (label == NULL || !gtk_widget_get_mapped (label) ||
      !g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "http"))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
continue_in_browser (GtkWindow *dialog)
{
  GtkWidget *button = bt_find_button (GTK_WIDGET (dialog), "_Continue in Browser");

  g_assert_nonnull (button);
  BT_WAIT_UNTIL (gtk_widget_get_sensitive (button), "Continue in Browser to be sensitive");
  g_assert_true (gtk_widget_activate (button));
  BT_WAIT_UNTIL (shown_link (dialog) != NULL, "the sign-in address on the waiting page");
}

typedef struct
{
  gboolean done;
  guint    status;
  GError  *error;
} Followed;

static void
followed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Followed *f = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &f->error);

  f->status = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (object), result));
  f->done = TRUE;
}

/* Goes to @uri as a browser would, on the main context: the desk's listener answers
 * there too. */
static void
follow_like_a_browser (const char *uri)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  Followed f = { 0 };

  g_assert_nonnull (msg);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, followed_cb, &f);
  BT_WAIT_UNTIL (f.done, "the browser at the sign-in page");
  g_assert_no_error (f.error);
  g_test_message ("The sign-in page answered %u", f.status);
  g_assert_cmpuint (f.status, <, 400);
}

static void
test_floktu_connect (void)
{
  g_autofree char *link = NULL;
  g_autofree char *client_id = NULL;
  GtkWindow *dialog;
  GtkStack *stack;
  GtkWidget *cancel;

  start_application ();
  if (!box_provider_kind_is_known ("floktu"))
    {
      g_test_skip ("No Floktu provider in this build");
      return;
    }
  g_assert_cmpuint (n_accounts_of ("floktu"), ==, 0);

  dialog = open_add_account ("floktu");
  fill_floktu (dialog);
  BT_WAIT_UNTIL (gtk_widget_get_sensitive (bt_find_button (GTK_WIDGET (dialog), "_Continue in Browser")),
                 "Continue in Browser to be sensitive");
  bt_screenshot_light_and_dark (GTK_WIDGET (dialog), "window-floktu-form");

  continue_in_browser (dialog);
  link = g_strdup (shown_link (dialog));
  g_test_message ("Sign-in address: %s", link);
  g_assert_true (g_str_has_prefix (link, emu->url));
  g_assert_nonnull (strstr (link, "client_id=floktu-demo-client"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Sign in to Floktu in your browser"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Box Office waits for the answer."));
  bt_screenshot_light_and_dark (GTK_WIDGET (dialog), "window-floktu-waiting");

  /* The browser signs in; the dialog closes by itself and the account's events come. */
  follow_like_a_browser (link);
  BT_WAIT_UNTIL (find_toplevel (BOX_TYPE_ADD_ACCOUNT_DIALOG) == NULL, "the add-account dialog to close");
  g_assert_cmpuint (n_accounts_of ("floktu"), ==, 1);
  floktu_account_id = account_of ("floktu");
  BT_WAIT_UNTIL (!box_window_is_syncing (window) &&
                 find_label (box_window_get_sidebar (window), FLOKTU_EVENT_NAME) != NULL,
                 "the sync of the Floktu account and its event in the sidebar");

  /* Once more, given up on while the browser is out: back to the form, nothing added. */
  dialog = open_add_account ("floktu");
  fill_floktu (dialog);
  continue_in_browser (dialog);
  stack = find_stack_with (GTK_WIDGET (dialog), "floktu");
  cancel = bt_find_button (GTK_WIDGET (dialog), "Cancel _Sign-in");
  g_assert_nonnull (cancel);
  g_assert_true (gtk_widget_activate (cancel));
  BT_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "floktu") == 0, "the form again");
  g_assert_cmpstr (row_text (dialog, "Client _ID"), ==, "floktu-demo-client");
  g_assert_cmpstr (row_text (dialog, "Client _secret"), ==, "floktu-demo-secret");
  g_assert_true (gtk_widget_get_visible (bt_find_button (GTK_WIDGET (dialog), "_Continue in Browser")));
  bt_run_for (300);
  g_assert_cmpuint (n_accounts_of ("floktu"), ==, 1);

  gtk_window_close (dialog);
  BT_WAIT_UNTIL (find_toplevel (BOX_TYPE_ADD_ACCOUNT_DIALOG) == NULL, "the add-account dialog to close");
  g_assert_cmpuint (n_accounts_of ("floktu"), ==, 1);
  BT_WAIT_UNTIL (try_focus (), "the keyboard focus back in the window");
}

/* Picks @code's row in the attendee list, as a double click or Enter on it does. */
static void
pick_attendee (const char *code)
{
  GtkWidget *column_view = bt_find_widget (box_window_get_attendee_view (window), GTK_TYPE_COLUMN_VIEW, NULL);
  guint position = box_attendee_list_find_code (attendee_list (), code);

  g_assert_nonnull (column_view);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_signal_emit_by_name (column_view, "activate", position);
}

/* The Floktu account's token, from the keyring. */
static char *
floktu_token (void)
{
  g_autoptr(BoxSecrets) secrets = box_secrets_new (box_desk_get_profile_dir (desk));
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(JsonNode) node = NULL;

  box_secrets_lookup_async (secrets, floktu_account_id, NULL, box_test_got_result, &result);
  secret = box_secrets_lookup_finish (secrets, box_test_wait (&result), NULL);
  g_assert_nonnull (secret);
  node = json_from_string (secret, NULL);
  g_assert_nonnull (node);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "access_token"));
}

/* A sign-in that ended is signed in again from the banner: the same account, with its
 * check-ins, not a second one. */
static void
test_sign_in_again (void)
{
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  g_autofree char *renewed = NULL;
  g_autoptr(JsonNode) revoked = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GtkWindow *dialog;
  const char *link;

  start_application ();
  if (floktu_account_id == NULL)
    {
      g_test_skip ("needs /window/floktu/connect");
      return;
    }
  token = floktu_token ();
  body = g_strdup_printf ("{\"access_token\":\"%s\"}", token);
  revoked = box_test_emulator_post (emu, "/_control/floktu/revoke", body);
  g_assert_nonnull (revoked);

  /* The next sync finds out; the banner says so and offers to sign in. */
  box_desk_sync_async (desk, floktu_account_id, NULL, FALSE, NULL, box_test_got_result, &result);
  g_assert_false (box_desk_sync_finish (desk, box_test_wait (&result), &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  BT_WAIT_UNTIL (bt_find_button (GTK_WIDGET (window), "_Sign In…") != NULL &&
                 gtk_widget_get_mapped (bt_find_button (GTK_WIDGET (window), "_Sign In…")),
                 "the sign-in banner");
  bt_screenshot ("window-sign-in-needed");

  g_assert_true (gtk_widget_activate (bt_find_button (GTK_WIDGET (window), "_Sign In…")));
  BT_WAIT_UNTIL (find_toplevel (BOX_TYPE_ADD_ACCOUNT_DIALOG) != NULL, "the sign-in dialog");
  dialog = find_toplevel (BOX_TYPE_ADD_ACCOUNT_DIALOG);
  g_object_set (dialog, "open-browser", FALSE, NULL);
  BT_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), "the sign-in dialog on screen");
  /* The account's own form, its name fixed; only the client is asked. */
  g_assert_nonnull (strstr (gtk_window_get_title (dialog), "Again"));
  fill_floktu (dialog);
  bt_screenshot_of (GTK_WIDGET (dialog), "window-sign-in-again");
  continue_in_browser (dialog);
  link = shown_link (dialog);
  follow_like_a_browser (link);
  BT_WAIT_UNTIL (find_toplevel (BOX_TYPE_ADD_ACCOUNT_DIALOG) == NULL, "the dialog to close");

  /* Still one Floktu account, the same one, signed in with a new token. */
  g_assert_cmpuint (n_accounts_of ("floktu"), ==, 1);
  renewed = floktu_token ();
  g_assert_cmpstr (renewed, !=, token);
  BT_WAIT_UNTIL (!gtk_widget_get_mapped (bt_find_button (GTK_WIDGET (window), "_Sign In…")),
                 "the sign-in banner to go");
}

/* Floktu has no check-in: the desk keeps it, says so, and can take it back. */
static void
test_floktu_local_checkin (void)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(BoxAttendee) door = NULL;
  g_autoptr(BoxEventStats) before = NULL;
  g_autoptr(BoxEventStats) after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  GtkWidget *details;

  start_application ();
  if (floktu_account_id == NULL)
    {
      g_test_skip ("No Floktu account: /window/floktu/connect adds it");
      return;
    }
  g_assert_false (box_desk_get_account_flags (desk, floktu_account_id) & BOX_PROVIDER_CAN_CHECK_IN);
  open_event (floktu_account_id, FLOKTU_EVENT);
  details = box_window_get_details (window);

  /* Ana Tamm came in at Floktu's own door: checked in as Floktu said, not here. */
  door = box_desk_get_attendee (desk, floktu_account_id, FLOKTU_EVENT, "70001", NULL);
  g_assert_nonnull (door);
  g_assert_true (box_attendee_get_checked_in (door));

  found = box_desk_search (desk, floktu_account_id, FLOKTU_EVENT, "Kask", 10, NULL);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, >, 0);
  g_assert_false (box_attendee_get_checked_in (g_ptr_array_index (found, 0)));
  code = g_strdup (box_attendee_get_code (g_ptr_array_index (found, 0)));
  name = g_strdup (box_attendee_get_name (g_ptr_array_index (found, 0)));
  before = box_desk_get_stats (desk, floktu_account_id, FLOKTU_EVENT, NULL);

  /* The person types the name and picks the row, then Check In. */
  type_like_a_person ("kask", NULL);
  BT_WAIT_UNTIL (box_attendee_list_find_code (attendee_list (), code) != G_MAXUINT, "the name in the list");
  pick_attendee (code);
  BT_WAIT_UNTIL (shows_code (code), "the attendee in the details");
  g_free (banner_before);
  banner_before = g_strdup (banner ());
  g_assert_true (gtk_widget_activate_action (details, "details.check-in", NULL));

  expected = g_strdup_printf ("Checked in on this computer: %s", name);
  BT_WAIT_UNTIL (new_banner (), "the result banner");
  g_assert_cmpstr (banner (), ==, expected);
  g_assert_true (has_css_class_below (GTK_WIDGET (result_banner ()), "result-ok"));
  BT_WAIT_UNTIL (shown_attendee () != NULL && box_attendee_get_checked_in (shown_attendee ()),
                 "the details to show the check-in");
  wait_frames ();
  g_assert_nonnull (find_label (details, "Floktu has no check-in: check-ins are kept on this computer"));
  g_assert_true (g_regex_match_simple ("^Checked in at [0-2][0-9]:[0-5][0-9] on this computer$",
                                       gtk_label_get_text (find_label (details, "Checked in at")), 0, 0));
  g_assert_nonnull (bt_find_button (details, "_Undo Check-in"));
  g_assert_true (gtk_widget_get_visible (bt_find_button (details, "_Undo Check-in")));
  after = box_desk_get_stats (desk, floktu_account_id, FLOKTU_EVENT, NULL);
  g_assert_cmpuint (box_event_stats_get_checked_in (after), ==, box_event_stats_get_checked_in (before) + 1);
  bt_screenshot ("window-floktu-local");

  /* The dashboard counts it. */
  bt_press_with (BT_KC_CONTROL_L, bt_us_keycode ('2'));
  BT_WAIT_UNTIL (g_strcmp0 (box_window_get_visible_page (window), "dashboard") == 0, "the dashboard");
  bt_screenshot ("window-floktu-dashboard");
  bt_press_with (BT_KC_CONTROL_L, bt_us_keycode ('1'));
  BT_WAIT_UNTIL (g_strcmp0 (box_window_get_visible_page (window), "attendees") == 0, "the attendees");

  /* Undo, on this computer too. */
  g_assert_true (gtk_widget_activate_action (details, "details.undo", NULL));
  BT_WAIT_UNTIL (shown_attendee () != NULL && !box_attendee_get_checked_in (shown_attendee ()),
                 "the check-in to be undone");
  {
    g_autoptr(BoxAttendee) undone = box_desk_get_attendee (desk, floktu_account_id, FLOKTU_EVENT, code, NULL);
    g_autoptr(BoxEventStats) again = box_desk_get_stats (desk, floktu_account_id, FLOKTU_EVENT, NULL);

    g_assert_false (box_attendee_get_checked_in (undone));
    g_assert_cmpuint (box_event_stats_get_checked_in (again), ==, box_event_stats_get_checked_in (before));
  }
  wait_frames ();
  g_assert_true (shows_text (details, "Not checked in yet"));

  /* Floktu's own check-in is shown as such, without "on this computer". */
  bt_press (BT_KC_ESCAPE);
  BT_WAIT_UNTIL (box_attendee_list_find_code (attendee_list (), "70001") != G_MAXUINT, "the whole list again");
  pick_attendee ("70001");
  BT_WAIT_UNTIL (shows_code ("70001"), "Floktu's own check-in in the details");
  wait_frames ();
  g_assert_nonnull (find_label (details, "Checked in at"));
  g_assert_false (g_str_has_suffix (gtk_label_get_text (find_label (details, "Checked in at")), "on this computer"));
  bt_screenshot ("window-floktu-door");
}

/* Mints a Currinda token for @delegate and @scope at the emulator's control endpoint. */
static JsonNode *
currinda_token (const char *delegate,
                   const char *scope)
{
  g_autofree char *body = g_strdup_printf ("{\"delegate\":\"%s\",\"scope\":\"%s\"}", delegate, scope);
  JsonNode *reply = box_test_emulator_post (emu, "/_control/currinda/token", body);

  g_assert_nonnull (reply);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply));
  return reply;
}

/* A Currinda organisation account: the member's membership on top of the details. */
static void
test_currinda_membership (void)
{
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *site = NULL;
  g_autoptr(JsonNode) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAttendee) member = NULL;
  GtkWindow *dialog;
  GtkWidget *details;
  GtkWidget *scope_row;
  GtkWidget *target_row;
  GtkLabel *status;

  start_application ();
  if (!box_provider_kind_is_known ("currinda"))
    {
      g_test_skip ("No Currinda provider in this build");
      return;
    }
  site = g_strdup_printf ("%s/currinda", emu->url);

  /* The form first: an organisation ID that is not a number is refused before the
   * browser, with the cursor in the field. */
  dialog = open_add_account ("currinda");
  set_row_text (dialog, "_Site address", site);
  set_row_text (dialog, "Client _ID", "currinda-demo-client");
  set_row_text (dialog, "Client s_ecret", "currinda-demo-secret");
  scope_row = find_row (shown_page (dialog), "_Read");
  g_assert_nonnull (scope_row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (scope_row), 1);
  set_row_text (dialog, "_Organisation ID", "org 19");
  g_assert_true (gtk_widget_get_sensitive (bt_find_button (GTK_WIDGET (dialog), "_Continue in Browser")));
  g_assert_true (gtk_widget_activate (bt_find_button (GTK_WIDGET (dialog), "_Continue in Browser")));
  BT_WAIT_UNTIL (find_label (GTK_WIDGET (dialog), "The organisation ID is a number") != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (find_label (GTK_WIDGET (dialog),
                                                                "The organisation ID is a number"))),
                 "the error about the organisation ID");
  target_row = find_row (shown_page (dialog), "_Organisation ID");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), target_row));
  g_assert_cmpuint (n_accounts_of ("currinda"), ==, 0);
  bt_screenshot_light_and_dark (GTK_WIDGET (dialog), "window-currinda-form");
  gtk_window_close (dialog);
  BT_WAIT_UNTIL (find_toplevel (BOX_TYPE_ADD_ACCOUNT_DIALOG) == NULL, "the add-account dialog to close");

  /* The account, with a token as the sign-in would give it. */
  token = currinda_token (CURRINDA_MEMBER, "org-19");
  g_hash_table_insert (credentials, "client_id", "currinda-demo-client");
  g_hash_table_insert (credentials, "client_secret", "currinda-demo-secret");
  g_hash_table_insert (credentials, "organisation", "19");
  g_hash_table_insert (credentials, "access_token",
                       (gpointer)json_object_get_string_member (json_node_get_object (token), "access_token"));
  if (json_object_has_member (json_node_get_object (token), "refresh_token"))
    g_hash_table_insert (credentials, "refresh_token",
                         (gpointer)json_object_get_string_member (json_node_get_object (token), "refresh_token"));
  box_desk_add_account_async (desk, "currinda", NULL, site, credentials, NULL, box_test_got_result, &result);
  account = box_desk_add_account_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);

  BT_WAIT_UNTIL (!box_window_is_syncing (window) && bt_has_attendee (box_account_get_id (account), "org-19", "org-19"),
                 "the sync of the Currinda account");
  member = box_desk_get_attendee (desk, box_account_get_id (account), "org-19", "org-19", NULL);
  g_test_message ("Member details: %s", box_attendee_get_details (member));
  open_event (box_account_get_id (account), "org-19");
  pick_attendee ("org-19");
  BT_WAIT_UNTIL (shows_code ("org-19"), "the member in the details");
  details = box_window_get_details (window);
  wait_frames ();

  g_assert_true (shows_text (details, "Membership"));
  status = find_label (details, "Outstanding");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "warning") ||
                 gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  g_assert_nonnull (find_row (details, "Expires"));
  g_assert_nonnull (find_row (details, "Amount outstanding"));
  g_assert_nonnull (find_row (details, "Invoice"));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (find_row (details, "Invoice"))));
  g_assert_nonnull (find_row (details, "Pay online"));
  /* Not twice: the extras leave them out. */
  g_assert_null (find_row (details, "Invoice URL"));
  g_assert_null (find_row (details, "Membership status"));
  bt_screenshot ("window-currinda-membership");
  bt_set_dark (TRUE);
  bt_screenshot ("window-currinda-membership-dark");
  bt_set_dark (FALSE);
}

/* The window in the language of $BOX_TEST_LANGUAGE (meson runs test-window-de and -et):
 * the translation loads, a check-in is said in that language, and the screenshots show
 * the app in it. */
static void
test_translated (void)
{
  const char *language = g_getenv ("BOX_TEST_LANGUAGE");
  const char *format = g_dgettext (GETTEXT_PACKAGE, "Checked in: %s");
  g_auto(GStrv) parts = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *scan_shot = g_strdup_printf ("window-scan-ok-%s", language);
  g_autofree char *dashboard_shot = g_strdup_printf ("window-dashboard-%s", language);

  /* Not the English text: the catalogue was found and has it. */
  g_assert_cmpstr (format, !=, "Checked in: %s");
  g_assert_nonnull (strstr (format, "%s"));

  start_application ();
  scanned = take_sample (NULL);
  parts = g_strsplit (format, "%s", 2);
  expected = g_strconcat (parts[0], scanned->name, parts[1], NULL);
  scan (scanned->code, TRUE);
  BT_WAIT_UNTIL (new_banner (), "the result banner");
  g_assert_cmpstr (banner (), ==, expected);
  g_assert_true (bt_checked_in (scanned->code));
  bt_screenshot (scan_shot);

  bt_press_with (BT_KC_CONTROL_L, bt_us_keycode ('2'));
  BT_WAIT_UNTIL (g_strcmp0 (box_window_get_visible_page (window), "dashboard") == 0, "the dashboard");
  bt_screenshot (dashboard_shot);
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
      g_test_add_func ("/window/no-display", test_no_display);
      return g_test_run ();
    }
  if (!box_test_have_secret_service ())
    {
      g_printerr ("No Secret Service: run this test through tests/with-keyring.sh\n");
      return 1;
    }

  bt_init (WAIT_SECONDS, MIN_COLOURS);

  /* One language per run: gettext reads $LANGUAGE once. The catalogues are the build's. */
  if (g_getenv ("BOX_TEST_LANGUAGE") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BOX_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      g_test_add_func ("/window/translated", test_translated);
      ret = g_test_run ();
      goto out;
    }

  g_test_add_func ("/window/opens-on-desk", test_opens_on_desk);
  g_test_add_func ("/window/search-narrows", test_search_narrows);
  g_test_add_func ("/window/scan-checks-in", test_scan_checks_in);
  g_test_add_func ("/window/scan-again", test_scan_again);
  g_test_add_func ("/window/undo", test_undo);
  g_test_add_func ("/window/scan-without-enter", test_scan_without_enter);
  g_test_add_func ("/window/scan-german-layout", test_scan_german_layout);
  g_test_add_func ("/window/unknown-code", test_unknown_code);
  g_test_add_func ("/window/offline", test_offline);
  g_test_add_func ("/window/dashboard", test_dashboard);
  g_test_add_func ("/window/undo-toast-names-last-check-in", test_undo_toast_names_last_check_in);
  g_test_add_func ("/window/details-show-text-as-is", test_details_show_text_as_is);
  g_test_add_func ("/window/details-say-when-printed", test_details_say_when_printed);
  g_test_add_func ("/window/reprint-asks", test_reprint_asks);
  g_test_add_func ("/window/batch-dialog", test_batch_dialog);
  g_test_add_func ("/window/eventyay/setup", test_eventyay_setup);
  g_test_add_func ("/window/eventyay/questions", test_eventyay_questions);
  g_test_add_func ("/window/eventyay/unpaid", test_eventyay_unpaid);
  g_test_add_func ("/window/ticketing/admit", test_ticketing_admit);
  g_test_add_func ("/window/ticketing/dashboard", test_ticketing_dashboard);
  g_test_add_func ("/window/floktu/connect", test_floktu_connect);
  g_test_add_func ("/window/floktu/local-checkin", test_floktu_local_checkin);
  g_test_add_func ("/window/floktu/sign-in-again", test_sign_in_again);
  g_test_add_func ("/window/currinda/membership", test_currinda_membership);
  ret = g_test_run ();

out:
  if (layout_changed)
    set_layout ("us");
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_pointer (&samples, g_ptr_array_unref);
  g_clear_pointer (&emu, box_test_emulator_stop);
  g_free (longest_text);
  g_free (banner_before);
  g_free (tiny_account_id);
  g_free (demo_account_id);
  g_free (door_account_id);
  g_free (host_account_id);
  g_free (floktu_account_id);
  bt_cleanup ();
  box_test_cleanup ();
  return ret;
}
