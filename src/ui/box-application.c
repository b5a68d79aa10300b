/* box-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "boxoffice"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "box-account.h"
#include "box-application.h"
#include "box-demo.h"
#include "box-preferences-window.h"
#include "box-providers.h"
#include "box-window.h"

struct _BoxApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  BoxDesk        *desk;
  char           *profile_dir;
  gboolean        start_demo;
  gboolean        start_kiosk;
  BoxDemo        *demo;
  GPtrArray      *demo_account_ids;   /* to remove from the keyring on quit */
  guint           demo_next;          /* the next sample account to add */
  gboolean        removing_demo;
  gboolean        starting_demo;
};

G_DEFINE_FINAL_TYPE (BoxApplication, box_application, ADW_TYPE_APPLICATION)

BoxApplication *
box_application_new (void)
{
  return g_object_new (BOX_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/boxoffice/BoxOffice",
                       NULL);
}

BoxDesk *
box_application_get_desk (BoxApplication *self)
{
  g_return_val_if_fail (BOX_IS_APPLICATION (self), NULL);
  return self->desk;
}

GSettings *
box_application_get_settings (BoxApplication *self)
{
  g_return_val_if_fail (BOX_IS_APPLICATION (self), NULL);
  return self->settings;
}

gboolean
box_application_is_demo (BoxApplication *self)
{
  g_return_val_if_fail (BOX_IS_APPLICATION (self), FALSE);
  return self->demo != NULL;
}

static void
show_error (BoxApplication *self,
            const char     *heading,
            const char     *body)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
present_window (BoxApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (box_window_new (self, self->desk));
  gtk_window_present (window);
}

static const char *
color_scheme_names[] = { "default", "light", "dark" };

static void
color_scheme_changed_cb (BoxApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  g_autofree char *value = g_settings_get_string (self->settings, "color-scheme");

  for (guint i = 0; i < G_N_ELEMENTS (color_scheme_names); i++)
    if (g_str_equal (value, color_scheme_names[i]))
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[i]);
}

static void
desk_name_changed_cb (BoxApplication *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "desk-name");

  if (self->desk != NULL)
    box_desk_set_desk_name (self->desk, name);
}

static gboolean
open_desk (BoxApplication  *self,
           const char      *profile_dir,
           GError         **error)
{
  g_autoptr(BoxDesk) desk = box_desk_new (profile_dir, error);

  if (desk == NULL)
    return FALSE;
  g_set_object (&self->desk, desk);
  desk_name_changed_cb (self);
  return TRUE;
}

/* Demo ------------------------------------------------------------------------------- */

/* The sample accounts of the demo server, added in this order. */
enum {
  DEMO_FIENTA,
  DEMO_EVENTYAY,
  DEMO_TICKETING,   /* optional: the demo goes on without it */
  DEMO_FLOKTU,      /* optional */
  DEMO_CURRINDA,    /* optional */
  N_DEMO_ACCOUNTS
};

static void
demo_synced_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The window shows the sync's troubles; the log keeps them too. */
  if (!box_desk_sync_finish (BOX_DESK (object), result, &error))
    g_warning ("The demo's first sync failed: %s", error->message);
  g_object_unref (user_data);
}

static void add_next_demo_account (BoxApplication *self);

static void
demo_account_added_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BoxApplication) self = user_data;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = box_desk_add_account_finish (BOX_DESK (object), result, &error);
  if (account == NULL && self->demo_next >= DEMO_TICKETING)
    {
      /* The other sample events are still worth showing. */
      g_warning ("The demo goes on without one of its accounts: %s", error->message);
    }
  else if (account == NULL)
    {
      show_error (self, _("The Demo Could Not Start"), error->message);
      return;
    }
  else
    {
      g_ptr_array_add (self->demo_account_ids, g_strdup (box_account_get_id (account)));
    }
  self->demo_next++;
  add_next_demo_account (self);
}

/* Floktu and Currinda sign in in the browser: the demo has its server mint the token
 * the sign-in would give, and adds the account with it. */
static void
demo_token_minted_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(BoxApplication) self = user_data;
  g_autoptr(GHashTable) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  gboolean floktu = self->demo_next == DEMO_FLOKTU;

  credentials = box_demo_mint_token_finish (BOX_DEMO (object), result, &error);
  if (credentials == NULL || self->desk == NULL)
    {
      if (error != NULL)
        g_warning ("The demo goes on without one of its accounts: %s", error->message);
      self->demo_next++;
      if (self->desk != NULL)
        add_next_demo_account (self);
      return;
    }

  if (floktu)
    {
      g_hash_table_insert (credentials, g_strdup ("client_id"), g_strdup (BOX_DEMO_FLOKTU_CLIENT_ID));
      g_hash_table_insert (credentials, g_strdup ("client_secret"), g_strdup (BOX_DEMO_FLOKTU_CLIENT_SECRET));
      base_url = box_demo_get_base_url (self->demo, "/floktu/api/v2");
      box_desk_add_account_async (self->desk, "floktu", _("Demo Floktu"), base_url, credentials,
                                  NULL, demo_account_added_cb, g_object_ref (self));
    }
  else
    {
      g_hash_table_insert (credentials, g_strdup ("client_id"), g_strdup (BOX_DEMO_CURRINDA_CLIENT_ID));
      g_hash_table_insert (credentials, g_strdup ("client_secret"), g_strdup (BOX_DEMO_CURRINDA_CLIENT_SECRET));
      g_hash_table_insert (credentials, g_strdup ("organisation"), g_strdup (BOX_DEMO_CURRINDA_ORGANISATION));
      base_url = box_demo_get_base_url (self->demo, "/currinda");
      box_desk_add_account_async (self->desk, "currinda", _("Demo Currinda"), base_url, credentials,
                                  NULL, demo_account_added_cb, g_object_ref (self));
    }
}

static void
add_demo_oauth_account (BoxApplication *self,
                        const char     *kind,
                        const char     *request)
{
  /* A build without the provider shows the others. */
  if (!box_provider_kind_is_known (kind))
    {
      g_message ("The demo goes on without its %s account: this build has no such provider", kind);
      self->demo_next++;
      add_next_demo_account (self);
      return;
    }
  box_demo_mint_token_async (self->demo, kind, request, NULL, demo_token_minted_cb, g_object_ref (self));
}

/* The sample accounts of the demo server, one after the other, then a full sync. */
static void
add_next_demo_account (BoxApplication *self)
{
  g_autoptr(GHashTable) credentials = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *base_url = NULL;

  switch (self->demo_next)
    {
    case DEMO_FIENTA:
      g_hash_table_insert (credentials, "token", g_strdup (BOX_DEMO_FIENTA_KEY));
      base_url = box_demo_get_base_url (self->demo, "/fienta/api/v1");
      box_desk_add_account_async (self->desk, "fienta", _("Demo Fienta"), base_url, credentials,
                                  NULL, demo_account_added_cb, g_object_ref (self));
      break;
    case DEMO_EVENTYAY:
      g_hash_table_insert (credentials, "config", box_demo_get_eventyay_setup (self->demo));
      box_desk_add_account_async (self->desk, "eventyay", _("Demo Eventyay"), NULL, credentials,
                                  NULL, demo_account_added_cb, g_object_ref (self));
      break;
    case DEMO_TICKETING:
      /* A build without the TickeTing provider shows the others. */
      if (!box_provider_kind_is_known ("ticketing"))
        {
          g_message ("The demo goes on without its TickeTing account: this build has no TickeTing provider");
          self->demo_next++;
          add_next_demo_account (self);
          break;
        }
      g_hash_table_insert (credentials, "identification", g_strdup (BOX_DEMO_TICKETING_USER));
      g_hash_table_insert (credentials, "password", g_strdup (BOX_DEMO_TICKETING_PASSWORD));
      base_url = box_demo_get_base_url (self->demo, "/ticketing/v3");
      box_desk_add_account_async (self->desk, "ticketing", _("Demo TickeTing"), base_url, credentials,
                                  NULL, demo_account_added_cb, g_object_ref (self));
      break;
    case DEMO_FLOKTU:
      add_demo_oauth_account (self, "floktu", "{}");
      break;
    case DEMO_CURRINDA:
      add_demo_oauth_account (self, "currinda",
                              "{\"delegate\": \"" BOX_DEMO_CURRINDA_MEMBER "\","
                              " \"scope\": \"org-" BOX_DEMO_CURRINDA_ORGANISATION "\"}");
      break;
    case N_DEMO_ACCOUNTS:
    default:
      box_desk_sync_async (self->desk, NULL, NULL, TRUE, NULL, demo_synced_cb, g_object_ref (self));
      break;
    }
}

static void
demo_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BoxApplication) self = user_data;
  g_autoptr(BoxDemo) demo = NULL;
  g_autoptr(GError) error = NULL;
  GList *windows;

  self->starting_demo = FALSE;
  demo = box_demo_start_finish (result, &error);
  if (demo != NULL && !open_desk (self, box_demo_get_profile_dir (demo), &error))
    box_demo_stop (demo);
  if (error != NULL)
    {
      show_error (self, _("The Demo Could Not Start"), error->message);
      return;
    }
  self->demo = g_steal_pointer (&demo);

  /* The demo gets a window of its own desk: the windows of the other one close. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (box_window_new (self, self->desk)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);

  self->demo_next = 0;
  add_next_demo_account (self);
}

static void
start_demo (BoxApplication *self)
{
  if (self->demo != NULL || self->starting_demo)
    {
      present_window (self);
      return;
    }
  self->starting_demo = TRUE;
  box_demo_start_async (NULL, demo_started_cb, g_object_ref (self));
}

static void
demo_removed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BoxApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!box_desk_remove_account_finish (BOX_DESK (object), result, &error))
    g_warning ("Could not remove the demo account: %s", error->message);
  self->removing_demo = FALSE;
}

/* The demo's secret leaves the keyring with it; the profile goes with box_demo_stop(). */
static void
stop_demo (BoxApplication *self)
{
  if (self->demo == NULL)
    return;

  for (guint i = 0; self->desk != NULL && i < self->demo_account_ids->len; i++)
    {
      gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

      self->removing_demo = TRUE;
      box_desk_remove_account_async (self->desk, g_ptr_array_index (self->demo_account_ids, i), TRUE,
                                     NULL, demo_removed_cb, g_object_ref (self));
      while (self->removing_demo && g_get_monotonic_time () < deadline)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
    }
  g_ptr_array_set_size (self->demo_account_ids, 0);

  /* The store closes before its folder goes. */
  g_clear_object (&self->desk);
  box_demo_stop (self->demo);
  g_clear_object (&self->demo);
}

/* Actions ---------------------------------------------------------------------------- */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  BoxApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing (not destroying) the windows lets them save their size. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;
      windows = windows->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BoxApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (box_preferences_window_new (parent, self->desk, self->settings)));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BoxApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "Box Office contributors", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Box Office"),
                         "application-icon", APP_ID,
                         "developer-name", _("Box Office contributors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Find attendees, check them in and print their name tags, "
                                       "online or offline, for Fienta, Eventyay, TickeTing, "
                                       "Floktu and Currinda events."),
                         "website", "https://github.com/boxoffice/BoxOffice",
                         "issue-url", "https://github.com/boxoffice/BoxOffice/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* TRANSLATORS: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
help_shown_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (object), _("The Help Could Not Be Opened"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s. Install GNOME Help (Yelp) to read the user guide here, or read it at %s."),
                                  error->message, "https://github.com/boxoffice/BoxOffice/tree/main/help/C");
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The user guide (help/C) in the help viewer. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (parent == NULL)
    return;
  gtk_show_uri_full (parent, "help:boxoffice", GDK_CURRENT_TIME, NULL, help_shown_cb, NULL);
}

static void
demo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  start_demo (BOX_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "help", help_action },
  { "demo", demo_action },
};

/* GApplication ------------------------------------------------------------------------ */

static int
box_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  BoxApplication *self = BOX_APPLICATION (app);
  const char *profile = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("boxoffice %s\n", PACKAGE_VERSION);
      return 0;
    }
  /* G_OPTION_ARG_FILENAME arrives as a byte string. */
  if (g_variant_dict_lookup (options, "profile", "^&ay", &profile))
    self->profile_dir = g_strdup (profile);
  self->start_demo = g_variant_dict_contains (options, "demo");
  self->start_kiosk = g_variant_dict_contains (options, "kiosk");

  return G_APPLICATION_CLASS (box_application_parent_class)->handle_local_options (app, options);
}

/* SIGTERM or Ctrl+C in the terminal: quit properly, so the demo is cleaned up. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
box_application_startup (GApplication *app)
{
  BoxApplication *self = BOX_APPLICATION (app);
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *undo_accels[] = { "<Control>z", NULL };
  static const char *sync_accels[] = { "F5", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *checkin_accels[] = { "<Control>Return", NULL };
  static const char *attendees_accels[] = { "<Control>1", NULL };
  static const char *dashboard_accels[] = { "<Control>2", NULL };
  static const char *sidebar_accels[] = { "F9", NULL };
  static const char *print_accels[] = { "<Control>p", NULL };

  G_APPLICATION_CLASS (box_application_parent_class)->startup (app);

  g_set_application_name (_("Box Office"));
  g_unix_signal_add (SIGTERM, quit_signal_cb, self);
  g_unix_signal_add (SIGINT, quit_signal_cb, self);
  gtk_window_set_default_icon_name (APP_ID);
  box_providers_init ();

  self->settings = g_settings_new (BOX_SETTINGS_SCHEMA);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::desk-name",
                           G_CALLBACK (desk_name_changed_cb), self, G_CONNECT_SWAPPED);
  color_scheme_changed_cb (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.sync", sync_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.check-in-selected", checkin_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-attendees", attendees_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-dashboard", dashboard_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-sidebar", sidebar_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.print-batch", print_accels);
}

static void
box_application_activate (GApplication *app)
{
  BoxApplication *self = BOX_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (self->desk == NULL)
    {
      g_autofree char *profile = NULL;

      if (self->profile_dir != NULL)
        profile = g_strdup (self->profile_dir);
      else if (g_getenv ("BOXOFFICE_PROFILE") && *g_getenv ("BOXOFFICE_PROFILE"))
        profile = g_strdup (g_getenv ("BOXOFFICE_PROFILE"));
      else
        profile = g_build_filename (g_get_user_data_dir (), "boxoffice", NULL);

      if (!open_desk (self, profile, &error))
        {
          /* Without a store there is nothing to show: say why and stop. */
          GtkWidget *dialog = adw_message_dialog_new (NULL, _("Box Office Cannot Start"),
                                                      error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Quit"));
          gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
    }

  present_window (self);
  /* A kiosk comes back as a kiosk: also after a restart that nobody asked for. */
  if (self->start_kiosk || g_settings_get_boolean (self->settings, "kiosk-mode"))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      self->start_kiosk = FALSE;
      if (BOX_IS_WINDOW (window))
        box_window_set_kiosk (BOX_WINDOW (window), TRUE);
    }
  if (self->start_demo)
    {
      self->start_demo = FALSE;
      start_demo (self);
    }
}

static void
box_application_shutdown (GApplication *app)
{
  BoxApplication *self = BOX_APPLICATION (app);

  stop_demo (self);
  G_APPLICATION_CLASS (box_application_parent_class)->shutdown (app);
}

static void
box_application_finalize (GObject *object)
{
  BoxApplication *self = (BoxApplication *)object;

  g_clear_object (&self->demo);
  g_clear_object (&self->desk);
  g_clear_object (&self->settings);
  g_free (self->profile_dir);
  g_ptr_array_unref (self->demo_account_ids);

  G_OBJECT_CLASS (box_application_parent_class)->finalize (object);
}

static void
box_application_class_init (BoxApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = box_application_finalize;
  app_class->handle_local_options = box_application_handle_local_options;
  app_class->startup = box_application_startup;
  app_class->activate = box_application_activate;
  app_class->shutdown = box_application_shutdown;
}

static void
box_application_init (BoxApplication *self)
{
  static const GOptionEntry options[] = {
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the profile in DIR (default: the BOXOFFICE_PROFILE variable, or the user’s data folder)"),
      N_("DIR") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start the demo: sample events on a local demo server, in a throwaway profile"), NULL },
    { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start in kiosk mode on the last event: self-service check-in, left with the organiser’s PIN"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  self->demo_account_ids = g_ptr_array_new_with_free_func (g_free);
}
