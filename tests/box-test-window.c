/* box-test-window.c: what the window tests share: waiting, screenshots, keys, the desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-test-window.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "box-desk.h"
#include "box-key-translation.h"

#define KEY "0123456789abcdef0123456789abcdef"

/* How long a scanner takes between two keys. */
#define SCANNER_GAP_US (3 * 1000)

static char *shot_dir;
static guint wait_seconds;
static guint min_colours;
static GtkWindow *window;
static Display *xdisplay;
static volatile pid_t emulator_pid;

/* Characters to X keycodes, as on a US keyboard: the inverse of box_key_translation_us(). */
static guint us_keycode[128];
static gboolean us_shift[128];

/* Setting up ------------------------------------------------------------------------------ */

static void
build_us_keymap (void)
{
  for (guint shift = 0; shift < 2; shift++)
    for (guint keycode = 8; keycode <= 200; keycode++)
      {
        gunichar c = box_key_translation_us (keycode, shift);

        if (c > 0 && c < G_N_ELEMENTS (us_keycode) && us_keycode[c] == 0)
          {
            us_keycode[c] = keycode;
            us_shift[c] = shift;
          }
      }
}

void
bt_init (guint wait,
         guint colours)
{
  const char *dir = g_getenv ("BOX_SCREENSHOT_DIR");

  wait_seconds = wait;
  min_colours = colours;
  /* Absolute: the kiosk test changes its working directory to where the tags are printed. */
  shot_dir = g_canonicalize_filename (dir ? dir : "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (shot_dir, 0755), ==, 0);
  build_us_keymap ();
}

void
bt_cleanup (void)
{
  g_clear_pointer (&shot_dir, g_free);
  window = NULL;
  xdisplay = NULL;
}

/* A failed assertion aborts, a warning traps: take the emulator along. */
static void
abort_cb (int signum)
{
  if (emulator_pid > 0)
    kill (emulator_pid, SIGKILL);
  signal (signum, SIG_DFL);
  raise (signum);
}

BoxTestEmulator *
bt_start_emulator (guint        attendees,
                   const char  *profile_name,
                   char       **profile)
{
  BoxTestEmulator *emu;
  g_autofree char *url = NULL;
  g_autoptr(BoxTestRun) add = NULL;
  g_autoptr(BoxTestRun) sync = NULL;

  emu = box_test_emulator_start (attendees, NULL);
  emulator_pid = atoi (g_subprocess_get_identifier (emu->process));
  signal (SIGABRT, abort_cb);
  signal (SIGTRAP, abort_cb);
  url = box_test_emulator_fienta_url (emu);
  *profile = box_test_make_dir (profile_name);

  /* The desk as the command line leaves it: the account, and the events synced. */
  add = box_test_cli (*profile, KEY "\n", "accounts", "add", "fienta", "--base-url", url, "--token-stdin", NULL);
  g_assert_cmpint (add->status, ==, 0);
  sync = box_test_cli (*profile, NULL, "sync", NULL);
  g_assert_cmpint (sync->status, ==, 0);
  return emu;
}

BoxApplication *
bt_open_application (const char *profile)
{
  BoxApplication *app;
  g_autoptr(GError) error = NULL;

  g_setenv ("BOXOFFICE_PROFILE", profile, TRUE);
  app = box_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (GDK_IS_X11_DISPLAY (gdk_display_get_default ()));
  xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());

  /* Revealers, toasts and pages snap into place: a screenshot shows the end state. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (BOX_IS_WINDOW (window));
  return app;
}

BoxWindow *
bt_window (void)
{
  return BOX_WINDOW (window);
}

/* Waiting ------------------------------------------------------------------------------ */

guint
bt_wait_seconds (void)
{
  return wait_seconds;
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* A wake-up every @ms while a test waits. At a low priority: a tick at the default
 * priority is always due on a loaded machine, and a GLib loop runs only the most urgent
 * sources it finds due, so idle callbacks (GTK's own among them) would wait behind it,
 * unlike in the app. */
guint
bt_tick_add (guint ms)
{
  return g_timeout_add_full (G_PRIORITY_LOW, ms, tick_cb, NULL, NULL);
}

void
bt_run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  guint tick = bt_tick_add (5);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static gint64
frame_counter_of (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  return clock ? gdk_frame_clock_get_frame_counter (clock) : 0;
}

void
bt_wait_frames_of (GtkWidget *widget)
{
  for (guint i = 0; i < 2; i++)
    {
      gint64 before = frame_counter_of (widget);

      gtk_widget_queue_draw (widget);
      BT_WAIT_UNTIL (frame_counter_of (widget) > before, "a frame");
    }
}

/* Screenshots ---------------------------------------------------------------------------- */

guint
bt_count_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize)width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < height; y += 2)
    for (int x = 0; x < width; x += 2)
      {
        guint32 pixel;

        memcpy (&pixel, data + y * stride + x * 4, 4);
        g_hash_table_add (seen, GUINT_TO_POINTER (pixel | 1));
        if (g_hash_table_size (seen) >= 1000)
          return 1000;
      }
  return g_hash_table_size (seen);
}

char *
bt_screenshot_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);

  g_assert_nonnull (shot_dir);
  return g_build_filename (shot_dir, file, NULL);
}

void
bt_screenshot_of (GtkWidget  *widget,
                  const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = bt_screenshot_path (name);
  GtkSnapshot *snapshot;
  int width, height;

  bt_wait_frames_of (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  g_assert_cmpuint (bt_count_colours (texture), >=, min_colours);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

void
bt_screenshot (const char *name)
{
  bt_screenshot_of (GTK_WIDGET (window), name);
}

void
bt_set_dark (gboolean dark)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  BoxApplication *app = BOX_APPLICATION (gtk_window_get_application (window));

  g_settings_set_string (box_application_get_settings (app), "color-scheme", dark ? "dark" : "default");
  BT_WAIT_UNTIL (adw_style_manager_get_dark (style) == dark, "the colour scheme");
}

void
bt_screenshot_light_and_dark (GtkWidget  *widget,
                              const char *name)
{
  g_autofree char *dark = g_strconcat (name, "-dark", NULL);

  bt_screenshot_of (widget, name);
  bt_set_dark (TRUE);
  bt_screenshot_of (widget, dark);
  bt_set_dark (FALSE);
}

/* Keys ------------------------------------------------------------------------------------ */

guint
bt_us_keycode (char c)
{
  return (guchar)c < G_N_ELEMENTS (us_keycode) ? us_keycode[(guchar)c] : 0;
}

static void
fake_key (guint    keycode,
          gboolean down)
{
  XTestFakeKeyEvent (xdisplay, keycode, down, CurrentTime);
  XFlush (xdisplay);
}

void
bt_press (guint keycode)
{
  fake_key (keycode, TRUE);
  fake_key (keycode, FALSE);
}

void
bt_press_with (guint modifier,
               guint keycode)
{
  fake_key (modifier, TRUE);
  bt_press (keycode);
  fake_key (modifier, FALSE);
}

void
bt_type_char (char c)
{
  guint keycode = bt_us_keycode (c);

  g_assert_cmpuint (keycode, !=, 0);
  if (us_shift[(guchar)c])
    bt_press_with (BT_KC_SHIFT_L, keycode);
  else
    bt_press (keycode);
}

void
bt_scan (const char *code,
         gboolean    enter)
{
  for (const char *p = code; *p; p++)
    {
      bt_type_char (*p);
      g_usleep (SCANNER_GAP_US);
    }
  if (enter)
    bt_press (BT_KC_RETURN);
}

gboolean
bt_try_focus (int   pointer_x,
              int   pointer_y,
              guint settle_ms)
{
  GdkDisplay *display = gdk_display_get_default ();
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  if (surface == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;
  gdk_x11_display_error_trap_push (display);
  if (pointer_x >= 0)
    XTestFakeMotionEvent (xdisplay, -1, pointer_x, pointer_y, CurrentTime);
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  gdk_x11_display_error_trap_pop_ignored (display);
  if (settle_ms > 0)
    bt_run_for (settle_ms);
  return gtk_window_is_active (window);
}

/* The widget tree ----------------------------------------------------------------------- */

GtkWidget *
bt_find_widget (GtkWidget  *widget,
                GType       type,
                const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (name == NULL || g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), name) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bt_find_widget (child, type, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
bt_find_button (GtkWidget  *widget,
                const char *label)
{
  if (GTK_IS_BUTTON (widget))
    {
      const char *shown = gtk_button_get_label (GTK_BUTTON (widget));

      if (g_strcmp0 (shown, label) == 0)
        return widget;
      if (shown != NULL && label != NULL)
        {
          g_autoptr(GString) plain = g_string_new (shown);

          g_string_replace (plain, "_", "", 0);
          if (g_str_equal (plain->str, label))
            return widget;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = bt_find_button (child, label);
      if (button != NULL)
        return button;
    }
  return NULL;
}

static guint
n_other_toplevels (gboolean log)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  guint n = 0;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer)window && gtk_widget_get_visible (l->data))
      {
        if (log)
          g_test_message ("Open: %s “%s”", G_OBJECT_TYPE_NAME (l->data),
                          gtk_window_get_title (l->data) ? gtk_window_get_title (l->data) : "");
        n++;
      }
  return n;
}

guint
bt_n_other_toplevels (void)
{
  return n_other_toplevels (FALSE);
}

guint
bt_n_other_toplevels_logged (void)
{
  return n_other_toplevels (TRUE);
}

/* The desk ------------------------------------------------------------------------------- */

gboolean
bt_has_attendee (const char *account_id,
                 const char *event_id,
                 const char *code)
{
  BoxApplication *app = BOX_APPLICATION (gtk_window_get_application (window));
  g_autoptr(BoxAttendee) attendee = box_desk_get_attendee (box_application_get_desk (app), account_id, event_id,
                                                           code, NULL);

  return attendee != NULL;
}

BoxAttendee *
bt_desk_attendee (const char *code)
{
  BoxApplication *app = BOX_APPLICATION (gtk_window_get_application (window));
  g_autoptr(GError) error = NULL;
  BoxAttendee *attendee = box_desk_get_attendee (box_application_get_desk (app), "fienta", "10", code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (attendee);
  return attendee;
}

gboolean
bt_checked_in (const char *code)
{
  g_autoptr(BoxAttendee) attendee = bt_desk_attendee (code);
  return box_attendee_get_checked_in (attendee);
}

static void
sample_free (gpointer data)
{
  BtSample *s = data;

  g_free (s->code);
  g_free (s->name);
  g_free (s->first_name);
  g_free (s->last_name);
  g_free (s->company);
  g_free (s);
}

GPtrArray *
bt_load_samples (BoxTestEmulator *emu,
                 guint            n,
                 gboolean       (*accept) (BoxAttendee *attendee))
{
  g_autofree char *path = g_strdup_printf ("/_control/sample?event_id=10&n=%u&status=UNUSED", n);
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, path);
  JsonArray *tickets = json_object_get_array_member (json_node_get_object (reply), "tickets");
  GPtrArray *samples = g_ptr_array_new_with_free_func (sample_free);

  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      JsonObject *t = json_array_get_object_element (tickets, i);
      g_autoptr(BoxAttendee) attendee = NULL;
      BtSample *s;

      if (json_object_get_boolean_member (t, "attendee_empty") || json_object_get_int_member (t, "qty") != 1)
        continue;
      attendee = bt_desk_attendee (json_object_get_string_member (t, "code"));
      if (!accept (attendee))
        continue;
      s = g_new0 (BtSample, 1);
      s->code = g_strdup (box_attendee_get_code (attendee));
      s->name = g_strdup (box_attendee_get_name (attendee));
      s->first_name = g_strdup (box_attendee_get_first_name (attendee));
      s->last_name = g_strdup (json_object_get_string_member (t, "last_name"));
      s->company = g_strdup (box_attendee_get_company (attendee));
      g_ptr_array_add (samples, s);
    }
  g_assert_cmpuint (samples->len, >=, 10);
  return samples;
}
