/* box-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "box-account.h"
#include "box-add-account-dialog.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-error.h"
#include "box-kiosk-pin-dialog.h"
#include "box-label-size.h"
#include "box-preferences-window.h"
#include "box-provider.h"
#include "box-tag-jobs.h"
#include "box-tag-printer.h"
#include "box-tag-renderer.h"

/* The box the name-tag preview fits in, in pixels: the label keeps its shape. */
#define PREVIEW_WIDTH 360
#define PREVIEW_HEIGHT 300

/* WebKit lays the label out at CSS pixels: 96 to the inch. */
#define CSS_PX_PER_MM (96.0 / 25.4)

/* How long the preview waits for more changes before it renders again, in ms. */
#define PREVIEW_DELAY 150

struct _BoxPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  BoxDesk              *desk;
  GSettings            *settings;
  GCancellable         *cancellable;
  GPtrArray            *account_rows;

  BoxTagJobs           *tag_jobs;
  BoxAttendee          *sample;        /* the attendee of the preview */
  GtkWidget            *preview;
  GtkFileChooserNative *template_chooser;
  guint                 preview_source;

  AdwEntryRow          *desk_name_row;
  AdwComboRow          *scan_row;
  GtkSwitch            *sound_switch;
  AdwComboRow          *sync_row;
  AdwComboRow          *style_row;
  AdwPreferencesGroup  *accounts_group;
  GtkSwitch            *kiosk_mode_switch;
  GtkSpinButton        *kiosk_idle_spin;
  AdwActionRow         *kiosk_pin_row;

  AdwComboRow          *size_row;
  AdwActionRow         *width_row;
  AdwActionRow         *height_row;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;
  GtkSwitch            *landscape_switch;
  GtkSpinButton        *margin_spin;
  AdwPreferencesGroup  *design_group;
  AdwComboRow          *source_row;
  AdwActionRow         *template_row;
  AdwPreferencesGroup  *preview_group;
  GtkImage             *template_error_icon;
  GtkButton            *builtin_button;
  GtkAspectFrame       *preview_frame;
  GtkSwitch            *print_on_check_in_switch;
  AdwActionRow         *printer_row;
  GtkButton            *forget_printer_button;
};

G_DEFINE_FINAL_TYPE (BoxPreferencesWindow, box_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The choices of the sync row, in seconds, in the order of its model. */
static const guint sync_intervals[] = { 0, 30, 60, 300, 900 };

/* The choices of the style row, as the color-scheme key's nicks. */
static const char * const color_schemes[] = { "default", "light", "dark" };

/* The choices of the scan row, as the scan-action key's nicks. */
static const char * const scan_actions[] = { "check-in", "show", "print", NULL };

/* The choices of the name-tag source row, as the tag-source key's values. */
static const char * const tag_sources[] = { "auto", "template", NULL };

/* The settings the name-tag preview depends on. */
static const char * const preview_keys[] = {
  "label-size",
  "label-width-mm",
  "label-height-mm",
  "label-landscape",
  "label-margin-mm",
  "tag-template",
  "tag-source",
};

/* An account to remove, kept while the questions are asked. */
typedef struct
{
  BoxPreferencesWindow *self;
  char                 *account_id;
  char                 *name;
  char                 *provider;
} RemoveRequest;

static void
remove_request_free (RemoveRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->account_id);
  g_free (request->name);
  g_free (request->provider);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoveRequest, remove_request_free)

static void
add_toast (BoxPreferencesWindow *self,
           const char           *message)
{
  /* Toast titles are markup on libadwaita 1.2. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

/* Settings mappings ----------------------------------------------------------------------- */

/* Maps a string or enum key to the position of its value in a table of @user_data's
 * strings (NULL-terminated), for the combo rows. An unknown value shows the first. */
static gboolean
nick_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, 0);
  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nick, nicks[i]) == 0)
      g_value_set_uint (value, i);
  return TRUE;
}

static GVariant *
nick_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[i]);
}

static gboolean
sync_interval_get_mapping (GValue   *value,
                           GVariant *variant,
                           gpointer  user_data)
{
  guint seconds = g_variant_get_uint32 (variant);
  guint best = 0;

  /* Another value (set with gsettings) shows as the nearest choice that is not off. */
  if (seconds > 0)
    {
      best = 1;
      for (guint i = 2; i < G_N_ELEMENTS (sync_intervals); i++)
        if (ABS ((gint64) sync_intervals[i] - seconds) < ABS ((gint64) sync_intervals[best] - seconds))
          best = i;
    }

  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
sync_interval_set_mapping (const GValue       *value,
                           const GVariantType *expected_type,
                           gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (sync_intervals))
    return NULL;
  return g_variant_new_uint32 (sync_intervals[i]);
}

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_strcmp0 (nick, color_schemes[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (color_schemes))
    return NULL;
  return g_variant_new_string (color_schemes[i]);
}

static void
desk_name_changed_cb (BoxPreferencesWindow *self,
                      const char           *key,
                      GSettings            *settings)
{
  g_autofree char *desk_name = g_settings_get_string (settings, "desk-name");

  box_desk_set_desk_name (self->desk, g_strstrip (desk_name));
}

/* Accounts -------------------------------------------------------------------------------- */

static guint
count_unsent (BoxPreferencesWindow *self,
              const char           *account_id)
{
  g_autoptr(GPtrArray) queue = box_desk_list_queue (self->desk, NULL);
  guint n = 0;

  for (guint i = 0; queue != NULL && i < queue->len; i++)
    if (g_strcmp0 (box_checkin_get_account_id (g_ptr_array_index (queue, i)), account_id) == 0)
      n++;

  return n;
}

static void
ask_to_discard (RemoveRequest *request,
                guint          n_unsent);

static void
account_removed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RemoveRequest) request = user_data;
  BoxPreferencesWindow *self = request->self;
  g_autoptr(GError) error = NULL;
  guint n_unsent;
  gboolean removed;

  removed = box_desk_remove_account_finish (BOX_DESK (object), result, &error);

  /* The window was closed meanwhile: there is no one to tell. */
  if (self->desk == NULL)
    return;

  if (removed)
    {
      g_autofree char *message = g_strdup_printf (_("Removed “%s”"), request->name);

      add_toast (self, message);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The desk keeps an account whose check-ins are not all sent, and says so with an
   * invalid-input error: ask before dropping them. */
  if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT) &&
      (n_unsent = count_unsent (self, request->account_id)) > 0)
    {
      ask_to_discard (g_steal_pointer (&request), n_unsent);
      return;
    }

  add_toast (self, error->message);
}

static void
remove_account (RemoveRequest *request,
                gboolean       discard_queue)
{
  BoxPreferencesWindow *self = request->self;

  box_desk_remove_account_async (self->desk, request->account_id, discard_queue,
                                 self->cancellable, account_removed_cb, request);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  RemoveRequest *request = user_data;

  if (g_strcmp0 (response, "discard") == 0)
    remove_account (request, TRUE);
  else
    remove_request_free (request);
}

static void
ask_to_discard (RemoveRequest *request,
                guint          n_unsent)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (request->self), NULL, NULL));
  adw_message_dialog_format_heading (dialog,
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "%u check-in was not sent yet",
                                                  "%u check-ins were not sent yet",
                                                  n_unsent),
                                     n_unsent);
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "It was recorded at this desk, but %s has not received it. Sync first to send it, or remove “%s” anyway and discard it.",
                                               "They were recorded at this desk, but %s has not received them. Sync first to send them, or remove “%s” anyway and discard them.",
                                               n_unsent),
                                  request->provider, request->name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("Remove and _Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  RemoveRequest *request = user_data;

  if (g_strcmp0 (response, "remove") == 0)
    remove_account (request, FALSE);
  else
    remove_request_free (request);
}

static void
ask_to_remove (RemoveRequest *request)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (request->self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Remove “%s”?"), request->name);
  adw_message_dialog_format_body (dialog,
                                  _("Its events, attendees and check-in history are removed from this computer. The account itself stays at %s."),
                                  request->provider);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (remove_response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_clicked_cb (GtkButton            *button,
                   BoxPreferencesWindow *self)
{
  BoxAccount *account = g_object_get_data (G_OBJECT (button), "box-account");
  const char *kind = box_account_get_provider (account);
  RemoveRequest *request;

  request = g_new0 (RemoveRequest, 1);
  request->self = g_object_ref (self);
  request->account_id = g_strdup (box_account_get_id (account));
  request->name = g_strdup (box_account_get_name (account));
  request->provider = g_strdup (box_provider_kind_is_known (kind) ? box_provider_kind_get_label (kind)
                                                                  : kind);
  ask_to_remove (request);
}

static const char *
describe_state (BoxAccountState  state,
                const char     **icon_name)
{
  switch (state)
    {
    case BOX_ACCOUNT_STATE_OFFLINE:
      *icon_name = "network-offline-symbolic";
      return _("Offline — check-ins are queued");

    case BOX_ACCOUNT_STATE_AUTH_NEEDED:
      *icon_name = "dialog-password-symbolic";
      return _("Sign-in needed");

    case BOX_ACCOUNT_STATE_OK:
    default:
      *icon_name = "emblem-ok-symbolic";
      return _("Online");
    }
}

static GtkWidget *
create_account_row (BoxPreferencesWindow *self,
                    BoxAccount           *account)
{
  const char *kind = box_account_get_provider (account);
  const char *name = box_account_get_name (account);
  const char *icon_name = NULL;
  const char *state = describe_state (box_account_get_state (account), &icon_name);
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *row;
  GtkWidget *icon;
  GtkWidget *button;

  subtitle = g_strdup_printf ("%s · %s",
                              box_provider_kind_is_known (kind) ? box_provider_kind_get_label (kind)
                                                                : kind,
                              state);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, state, -1);
  gtk_widget_set_tooltip_text (icon, state);
  if (box_account_get_state (account) == BOX_ACCOUNT_STATE_OK)
    gtk_widget_add_css_class (icon, "success");
  else
    gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* Translators: %s is the name of an account */
  remove_label = g_strdup_printf (_("Remove account %s"), name);
  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "box-account",
                          g_object_ref (account), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
refresh_accounts (BoxPreferencesWindow *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->account_rows->len; i++)
    adw_preferences_group_remove (self->accounts_group, g_ptr_array_index (self->account_rows, i));
  g_ptr_array_set_size (self->account_rows, 0);

  accounts = box_desk_list_accounts (self->desk, &error);
  if (accounts == NULL)
    {
      adw_preferences_group_set_description (self->accounts_group, error->message);
      return;
    }

  if (accounts->len == 0)
    adw_preferences_group_set_description (self->accounts_group,
                                           _("No accounts yet. Add the ticketing account your events are sold with."));
  else
    adw_preferences_group_set_description (self->accounts_group,
                                           _("Where this desk gets its events and sends its check-ins"));

  for (guint i = 0; i < accounts->len; i++)
    {
      GtkWidget *row = create_account_row (self, g_ptr_array_index (accounts, i));

      adw_preferences_group_add (self->accounts_group, row);
      g_ptr_array_add (self->account_rows, row);
    }
}

static void
accounts_changed_cb (BoxPreferencesWindow *self)
{
  refresh_accounts (self);
}

static void
account_state_changed_cb (BoxPreferencesWindow *self,
                          const char           *account_id,
                          int                   state)
{
  refresh_accounts (self);
}

static void
account_added_cb (BoxPreferencesWindow *self,
                  BoxAccount           *account)
{
  g_autofree char *message = g_strdup_printf (_("Added “%s”"), box_account_get_name (account));

  add_toast (self, message);
}

static void
add_account_activated_cb (BoxPreferencesWindow *self)
{
  BoxAddAccountDialog *dialog = box_add_account_dialog_new (GTK_WINDOW (self), self->desk);

  g_signal_connect_object (dialog, "account-added", G_CALLBACK (account_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Name tags ------------------------------------------------------------------------------- */

/* The label-size key as the position in the size row: the sizes of the table, then
 * Custom. A size the table does not know (set with gsettings) shows as Custom. */
static gboolean
label_size_get_mapping (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  const char *id = g_variant_get_string (variant, NULL);
  guint n_sizes = 0;
  const BoxLabelSize *sizes = box_label_sizes (&n_sizes);

  g_value_set_uint (value, n_sizes);
  for (guint i = 0; i < n_sizes; i++)
    if (g_strcmp0 (id, sizes[i].id) == 0)
      g_value_set_uint (value, i);
  return TRUE;
}

static GVariant *
label_size_set_mapping (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint i = g_value_get_uint (value);
  guint n_sizes = 0;
  const BoxLabelSize *sizes = box_label_sizes (&n_sizes);

  if (i < n_sizes)
    return g_variant_new_string (sizes[i].id);
  if (i == n_sizes)
    return g_variant_new_string ("custom");
  return NULL;
}

static GListModel *
create_size_model (void)
{
  guint n_sizes = 0;
  const BoxLabelSize *sizes = box_label_sizes (&n_sizes);
  GtkStringList *model = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_sizes; i++)
    gtk_string_list_append (model, sizes[i].label);
  gtk_string_list_append (model, _("Custom"));

  return G_LIST_MODEL (model);
}

static void
update_custom_size (BoxPreferencesWindow *self)
{
  guint n_sizes = 0;
  gboolean custom;

  box_label_sizes (&n_sizes);
  custom = adw_combo_row_get_selected (self->size_row) == n_sizes;
  gtk_widget_set_visible (GTK_WIDGET (self->width_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->height_row), custom);
}

static BoxAttendee *
create_sample_attendee (void)
{
  BoxAttendee *attendee = box_attendee_new ();

  box_attendee_set_code (attendee, "BX7Q-4K2M-9P");
  box_attendee_set_first_name (attendee, "Anna-Liisa");
  box_attendee_set_last_name (attendee, "Tamm");
  box_attendee_set_email (attendee, "anna-liisa@example.com");
  /* The markup in the company shows that values are escaped. */
  box_attendee_set_company (attendee, "Vaarikas OÜ & <Sons>");
  box_attendee_set_ticket_type (attendee, _("Speaker"));
  box_attendee_set_order_code (attendee, "1042");
  box_attendee_set_details (attendee, "{\"T-shirt\":\"M\"}");
  box_attendee_set_checked_in (attendee, TRUE);

  return attendee;
}

static void
show_template_state (BoxPreferencesWindow *self,
                     const GError         *error)
{
  g_autofree char *path = g_settings_get_string (self->settings, "tag-template");
  g_autofree char *basename = NULL;
  g_autofree char *subtitle = NULL;
  gboolean builtin = path[0] == '\0';

  if (!builtin)
    basename = g_path_get_basename (path);

  if (error != NULL)
    /* Translators: the name of a template file, then what is wrong with it */
    subtitle = g_strdup_printf (_("%s: %s"), builtin ? _("Built-in") : basename, error->message);
  else
    subtitle = g_strdup (builtin ? _("Built-in") : basename);

  adw_action_row_set_subtitle (self->template_row, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->template_row), builtin ? NULL : path);
  gtk_widget_set_visible (GTK_WIDGET (self->template_error_icon), error != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->builtin_button), !builtin);
}

/* Shows the label at its shape, as large as fits the preview's box, by zooming the
 * page WebKit lays out at its real size. */
static void
size_preview (BoxPreferencesWindow *self,
              double                width_mm,
              double                height_mm)
{
  double scale;
  int width;
  int height;

  if (width_mm <= 0 || height_mm <= 0)
    return;

  scale = MIN (PREVIEW_WIDTH / width_mm, PREVIEW_HEIGHT / height_mm);
  width = (int) (width_mm * scale + 0.5);
  height = (int) (height_mm * scale + 0.5);

  gtk_aspect_frame_set_ratio (self->preview_frame, width_mm / height_mm);
  gtk_widget_set_size_request (self->preview, width, height);
  webkit_web_view_set_zoom_level (WEBKIT_WEB_VIEW (self->preview), scale / CSS_PX_PER_MM);
}

static gboolean
render_preview_cb (gpointer user_data)
{
  BoxPreferencesWindow *self = user_data;
  g_autoptr(BoxTagRenderer) renderer = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  double width_mm = 0;
  double height_mm = 0;

  self->preview_source = 0;

  renderer = box_tag_jobs_make_renderer (self->tag_jobs, _("Sample event"),
                                         BOX_TAG_LAYOUT_ONE_PER_PAGE, &error);
  show_template_state (self, error);

  /* No tag is better than one the printer will not print. */
  gtk_widget_set_visible (GTK_WIDGET (self->preview_frame), renderer != NULL);
  adw_preferences_group_set_description (self->preview_group,
                                         renderer == NULL ? _("No preview: the template cannot be used")
                                                          : NULL);
  if (renderer == NULL)
    return G_SOURCE_REMOVE;

  box_tag_renderer_get_page_size (renderer, &width_mm, &height_mm);
  size_preview (self, width_mm, height_mm);

  attendees = g_ptr_array_new ();
  g_ptr_array_add (attendees, self->sample);
  html = box_tag_renderer_render (renderer, attendees);
  box_tag_printer_preview_load (self->preview, html);

  return G_SOURCE_REMOVE;
}

/* Several settings change at once (a size and its orientation, a spin button's every
 * step): render once they settle. */
static void
queue_preview (BoxPreferencesWindow *self)
{
  if (self->preview_source != 0)
    g_source_remove (self->preview_source);
  self->preview_source = g_timeout_add (PREVIEW_DELAY, render_preview_cb, self);
}

static void
tag_setting_changed_cb (BoxPreferencesWindow *self,
                        const char           *key,
                        GSettings            *settings)
{
  if (key != NULL && !g_strv_contains (preview_keys, key))
    return;
  queue_preview (self);
}

static void
template_chosen_cb (GtkNativeDialog      *chooser,
                    int                   response,
                    BoxPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(BoxTagRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *html = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->template_chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      add_toast (self, _("Choose a template file on this computer"));
      return;
    }

  /* Check it here, so a broken file never becomes the template. */
  renderer = box_tag_renderer_new ();
  if (!g_file_get_contents (path, &html, NULL, &error) ||
      !box_tag_renderer_set_template (renderer, html, &error))
    {
      g_autofree char *basename = g_path_get_basename (path);
      /* Translators: the name of a template file, then what is wrong with it */
      g_autofree char *message = g_strdup_printf (_("Cannot use “%s”: %s"), basename, error->message);

      add_toast (self, message);
      return;
    }

  g_settings_set_string (self->settings, "tag-template", path);
}

static void
choose_template_clicked_cb (BoxPreferencesWindow *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "tag-template");
  g_autoptr(GtkFileFilter) html_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  if (self->template_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->template_chooser));
      return;
    }

  self->template_chooser = gtk_file_chooser_native_new (_("Choose a Name-Tag Template"),
                                                        GTK_WINDOW (self),
                                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                                        _("_Choose"),
                                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->template_chooser), TRUE);

  gtk_file_filter_set_name (html_filter, _("HTML templates"));
  gtk_file_filter_add_pattern (html_filter, "*.html");
  gtk_file_filter_add_pattern (html_filter, "*.htm");
  gtk_file_filter_add_mime_type (html_filter, "text/html");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->template_chooser), html_filter);
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->template_chooser), all_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->template_chooser), html_filter);

  if (current[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->template_chooser), file, NULL);
    }

  g_signal_connect_object (self->template_chooser, "response",
                           G_CALLBACK (template_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->template_chooser));
}

/* Kiosk ------------------------------------------------------------------------------------ */

static gboolean
seconds_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
seconds_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32)g_value_get_double (value));
}

static void
kiosk_pin_changed_cb (BoxPreferencesWindow *self)
{
  g_autofree char *hash = g_settings_get_string (self->settings, "kiosk-pin-hash");

  adw_action_row_set_subtitle (self->kiosk_pin_row,
                               *hash ? _("Set") : _("Not set yet: asked for when kiosk mode starts"));
}

static void
pin_set_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BoxPreferencesWindow) self = user_data;

  if (box_kiosk_pin_dialog_ask_finish (result, NULL) && self->settings != NULL)
    add_toast (self, _("The kiosk PIN was changed"));
}

static void
change_pin_clicked_cb (BoxPreferencesWindow *self)
{
  box_kiosk_pin_dialog_ask_async (GTK_WINDOW (self), self->settings, NULL, pin_set_cb, g_object_ref (self));
}

static void
builtin_clicked_cb (BoxPreferencesWindow *self)
{
  g_settings_reset (self->settings, "tag-template");
}

static void
printer_name_changed_cb (BoxPreferencesWindow *self)
{
  g_autofree char *printer = g_settings_get_string (self->settings, "printer-name");
  gboolean chosen = printer[0] != '\0';

  adw_action_row_set_subtitle (self->printer_row,
                               chosen ? printer : _("Ask with the print dialog"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->forget_printer_button), chosen);
}

static void
forget_printer_clicked_cb (BoxPreferencesWindow *self)
{
  g_settings_reset (self->settings, "printer-name");
}

static void
setup_name_tags (BoxPreferencesWindow *self)
{
  g_autoptr(GListModel) sizes = create_size_model ();
  g_autofree char *placeholders = NULL;

  adw_combo_row_set_model (self->size_row, sizes);
  g_settings_bind_with_mapping (self->settings, "label-size", self->size_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                label_size_get_mapping, label_size_set_mapping, NULL, NULL);
  g_signal_connect_object (self->size_row, "notify::selected",
                           G_CALLBACK (update_custom_size), self, G_CONNECT_SWAPPED);
  update_custom_size (self);

  g_settings_bind (self->settings, "label-width-mm",
                   gtk_spin_button_get_adjustment (self->width_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "label-height-mm",
                   gtk_spin_button_get_adjustment (self->height_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "label-landscape", self->landscape_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "label-margin-mm",
                   gtk_spin_button_get_adjustment (self->margin_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);

  g_settings_bind_with_mapping (self->settings, "tag-source", self->source_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                nick_get_mapping, nick_set_mapping, (gpointer) tag_sources, NULL);

  /* Translators: the placeholders stay as they are; “…” stands for a question's name */
  placeholders = g_strdup_printf (_("An HTML file for attendees without the provider’s own tag. It can use %s."),
                                  "{{first_name}} {{last_name}} {{name}} {{nametag}} {{company}} "
                                  "{{ticket_type}} {{order}} {{code}} {{event}} {{answer:…}}");
  adw_preferences_group_set_description (self->design_group, placeholders);

  g_settings_bind (self->settings, "print-on-check-in", self->print_on_check_in_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::printer-name",
                           G_CALLBACK (printer_name_changed_cb), self, G_CONNECT_SWAPPED);
  printer_name_changed_cb (self);

  self->tag_jobs = box_tag_jobs_new (self->desk, self->settings);
  self->sample = create_sample_attendee ();
  self->preview = box_tag_printer_new_preview ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name tag preview"),
                                  -1);
  /* The label as a card: the frame around it may be wider than the label is. */
  gtk_widget_add_css_class (self->preview, "card");
  gtk_widget_set_overflow (self->preview, GTK_OVERFLOW_HIDDEN);
  gtk_aspect_frame_set_child (self->preview_frame, self->preview);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (tag_setting_changed_cb), self, G_CONNECT_SWAPPED);
  render_preview_cb (self);
}

/* Life cycle ------------------------------------------------------------------------------ */

static void
box_preferences_window_dispose (GObject *object)
{
  BoxPreferencesWindow *self = BOX_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->template_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->template_chooser));
  g_clear_object (&self->template_chooser);
  g_clear_object (&self->sample);
  g_clear_object (&self->tag_jobs);
  g_clear_object (&self->settings);
  g_clear_object (&self->desk);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOX_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (box_preferences_window_parent_class)->dispose (object);
}

static void
box_preferences_window_class_init (BoxPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = box_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/boxoffice/BoxOffice/box-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, desk_name_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, scan_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, sound_switch);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, sync_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, kiosk_mode_switch);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, kiosk_idle_spin);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, kiosk_pin_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, size_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, width_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, height_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, width_spin);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, height_spin);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, landscape_switch);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, margin_spin);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, design_group);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, source_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, template_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, template_error_icon);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, builtin_button);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, preview_frame);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, preview_group);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, print_on_check_in_switch);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, printer_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPreferencesWindow, forget_printer_button);
  gtk_widget_class_bind_template_callback (widget_class, add_account_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_template_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, builtin_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, forget_printer_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_pin_clicked_cb);
}

static void
box_preferences_window_init (BoxPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->account_rows = g_ptr_array_new ();
}

static void
bind_settings (BoxPreferencesWindow *self)
{
  GtkEditable *delegate;

  g_settings_bind (self->settings, "desk-name", self->desk_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::desk-name",
                           G_CALLBACK (desk_name_changed_cb), self, G_CONNECT_SWAPPED);

  /* The row's own text field is what a screen reader lands on. */
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->desk_name_row));
  if (delegate != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Desk name"),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Recorded with every check-in"),
                                    -1);

  g_settings_bind_with_mapping (self->settings, "scan-action", self->scan_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                nick_get_mapping, nick_set_mapping, (gpointer) scan_actions, NULL);
  g_settings_bind (self->settings, "sound", self->sound_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "sync-interval", self->sync_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                sync_interval_get_mapping, sync_interval_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping, color_scheme_set_mapping, NULL, NULL);

  g_settings_bind (self->settings, "kiosk-mode", self->kiosk_mode_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "kiosk-idle-seconds",
                                gtk_spin_button_get_adjustment (self->kiosk_idle_spin), "value",
                                G_SETTINGS_BIND_DEFAULT, seconds_get_mapping, seconds_set_mapping,
                                NULL, NULL);
  g_signal_connect_object (self->settings, "changed::kiosk-pin-hash",
                           G_CALLBACK (kiosk_pin_changed_cb), self, G_CONNECT_SWAPPED);
  kiosk_pin_changed_cb (self);
}

/**
 * box_preferences_window_new:
 * @parent: (nullable): the main window
 * @desk: the desk whose accounts are shown
 * @settings: the application's settings
 *
 * Returns: (transfer none): the window, owned by GTK's list of toplevels; present it
 */
BoxPreferencesWindow *
box_preferences_window_new (GtkWindow *parent,
                            BoxDesk   *desk,
                            GSettings *settings)
{
  BoxPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOX_IS_DESK (desk), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BOX_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->desk = g_object_ref (desk);
  self->settings = g_object_ref (settings);

  bind_settings (self);
  setup_name_tags (self);

  g_signal_connect_object (desk, "accounts-changed",
                           G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (desk, "account-state-changed",
                           G_CALLBACK (account_state_changed_cb), self, G_CONNECT_SWAPPED);
  refresh_accounts (self);

  return self;
}
