/* box-add-account-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-add-account-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "box-account.h"
#include "box-add-account-dialog.h"
#include "box-error.h"
#include "box-provider.h"

/* Asks which provider, then for that provider's credential, and has the desk check it
 * with the provider before anything is saved. Each provider has a page in the stack,
 * named by its kind; a kind the core knows but this dialog has no page for is not
 * offered. */

struct _BoxAddAccountDialog
{
  AdwWindow             parent_instance;

  BoxDesk              *desk;
  GCancellable         *cancellable;   /* set while the desk checks the credential */
  guint                 n_kinds;

  GtkButton            *add_button;
  GtkButton            *back_button;
  GtkSpinner           *spinner;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkStack             *stack;
  GtkListBox           *kind_list;

  AdwEntryRow          *fienta_name_row;
  AdwPreferencesGroup  *fienta_sign_in_group;
  AdwComboRow          *fienta_method_row;
  AdwEntryRow          *fienta_key_row;
  AdwEntryRow          *fienta_email_row;
  AdwEntryRow          *fienta_password_row;
  AdwExpanderRow       *fienta_advanced_row;
  AdwEntryRow          *fienta_server_row;

  AdwEntryRow          *ticketing_name_row;
  AdwPreferencesGroup  *ticketing_sign_in_group;
  AdwComboRow          *ticketing_method_row;
  AdwEntryRow          *ticketing_identification_row;
  AdwEntryRow          *ticketing_password_row;
  AdwEntryRow          *ticketing_key_row;
  AdwEntryRow          *ticketing_admission_token_row;
  AdwExpanderRow       *ticketing_advanced_row;
  AdwEntryRow          *ticketing_server_row;

  AdwEntryRow          *eventyay_name_row;
  GtkTextView          *eventyay_setup_view;
  GtkButton            *eventyay_open_button;
  GtkFileChooserNative *eventyay_chooser;
};

G_DEFINE_FINAL_TYPE (BoxAddAccountDialog, box_add_account_dialog, ADW_TYPE_WINDOW)

enum {
  ACCOUNT_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A setup code is a few hundred bytes; a bigger file is not one. */
#define MAX_SETUP_FILE_SIZE (64 * 1024)

/* Every kind a page may exist for, in the order they are offered. */
static const char * const provider_kinds[] = {
  "fienta",
  "eventyay",
  "ticketing",
  "floktu",
  "currinda",
};

static gboolean
is_blank_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (AdwEntryRow *row)
{
  return is_blank_text (gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* The setup code as pasted, without the blank lines around it. */
static char *
dup_setup_code (BoxAddAccountDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->eventyay_setup_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/* What each provider asks for, under its name on the first page. */
static const char *
kind_description (const char *kind)
{
  if (g_str_equal (kind, "fienta"))
    return _("Sign in with an API key, or with e-mail and password");
  if (g_str_equal (kind, "eventyay"))
    return _("Set up with the setup code of a check-in device");
  if (g_str_equal (kind, "ticketing"))
    return _("Sign in with a password, or with an integration key");
  return NULL;
}

static char *
dup_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
is_busy (BoxAddAccountDialog *self)
{
  return self->cancellable != NULL;
}

static const char *
current_kind (BoxAddAccountDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  return g_strcmp0 (page, "kind") == 0 ? NULL : page;
}

static gboolean
fienta_uses_key (BoxAddAccountDialog *self)
{
  /* The first choice of the method row is the API key. */
  return adw_combo_row_get_selected (self->fienta_method_row) == 0;
}

static gboolean
ticketing_uses_key (BoxAddAccountDialog *self)
{
  /* The second choice of the method row is the integration key. */
  return adw_combo_row_get_selected (self->ticketing_method_row) == 1;
}

static gboolean
form_is_complete (BoxAddAccountDialog *self)
{
  if (g_strcmp0 (current_kind (self), "ticketing") == 0)
    {
      /* The admission token is optional. */
      if (is_blank (self->ticketing_name_row))
        return FALSE;
      if (ticketing_uses_key (self))
        return !is_blank (self->ticketing_key_row);
      return !is_blank (self->ticketing_identification_row) &&
             gtk_editable_get_text (GTK_EDITABLE (self->ticketing_password_row))[0] != '\0';
    }

  if (g_strcmp0 (current_kind (self), "eventyay") == 0)
    {
      g_autofree char *setup = dup_setup_code (self);

      return !is_blank (self->eventyay_name_row) && *setup != '\0';
    }

  if (g_strcmp0 (current_kind (self), "fienta") != 0)
    return FALSE;

  if (is_blank (self->fienta_name_row))
    return FALSE;
  if (fienta_uses_key (self))
    return !is_blank (self->fienta_key_row);
  return !is_blank (self->fienta_email_row) &&
         gtk_editable_get_text (GTK_EDITABLE (self->fienta_password_row))[0] != '\0';
}

static void
update_add_button (BoxAddAccountDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            !is_busy (self) && form_is_complete (self));
}

static void
set_busy (BoxAddAccountDialog *self,
          gboolean             busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_add_button (self);
}

static void
show_error (BoxAddAccountDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
show_page (BoxAddAccountDialog *self,
           const char          *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          self->n_kinds > 1 && g_strcmp0 (name, "kind") != 0);
  /* Nothing to add before a provider is chosen. */
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), g_strcmp0 (name, "kind") != 0);
  show_error (self, NULL);
  update_add_button (self);

  if (g_strcmp0 (name, "fienta") == 0)
    gtk_widget_grab_focus (fienta_uses_key (self) ? GTK_WIDGET (self->fienta_key_row)
                                                  : GTK_WIDGET (self->fienta_email_row));
  else if (g_strcmp0 (name, "ticketing") == 0)
    gtk_widget_grab_focus (ticketing_uses_key (self) ? GTK_WIDGET (self->ticketing_key_row)
                                                     : GTK_WIDGET (self->ticketing_identification_row));
  else if (g_strcmp0 (name, "eventyay") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->eventyay_setup_view));
}

/* A title as read out: without the underline that marks its mnemonic. */
static char *
strip_mnemonic (const char *title)
{
  GString *text = g_string_new (NULL);

  for (const char *p = title; *p != '\0'; p++)
    {
      /* "__" is a literal underline. */
      if (*p == '_' && *++p == '\0')
        break;
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* Screen readers name an entry row's text field after the row. */
static void
label_entry_row (AdwEntryRow *row)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  const char *raw_title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *title = NULL;

  if (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)))
    title = strip_mnemonic (raw_title);
  else
    title = g_strdup (raw_title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  if (delegate != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    -1);
}

/* Puts the cursor where the fix goes: the password or key the server refused, or an
 * admission token it does not know. Other errors leave the cursor where it is. */
static void
ticketing_focus_error (BoxAddAccountDialog *self,
                       const GError        *error)
{
  if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS))
    gtk_widget_grab_focus (ticketing_uses_key (self) ? GTK_WIDGET (self->ticketing_key_row)
                                                     : GTK_WIDGET (self->ticketing_password_row));
  else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT) &&
           !is_blank (self->ticketing_admission_token_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->ticketing_admission_token_row));
}

static void
account_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BoxAddAccountDialog) self = user_data;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = box_desk_add_account_finish (BOX_DESK (object), result, &error);
  g_clear_object (&self->cancellable);

  /* Closed meanwhile: the desk tells the windows about a new account itself. */
  if (self->desk == NULL)
    return;

  if (account == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_busy (self, FALSE);
      show_error (self, error->message);

      /* A bad setup code or a key the server refused: the code is what to fix. */
      if (g_strcmp0 (current_kind (self), "eventyay") == 0)
        gtk_widget_grab_focus (GTK_WIDGET (self->eventyay_setup_view));
      else if (g_strcmp0 (current_kind (self), "ticketing") == 0)
        ticketing_focus_error (self, error);
      else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS))
        gtk_widget_grab_focus (fienta_uses_key (self) ? GTK_WIDGET (self->fienta_key_row)
                                                      : GTK_WIDGET (self->fienta_password_row));
      return;
    }

  g_signal_emit (self, signals[ACCOUNT_ADDED], 0, account);

  /* Unfocus first: GTK 4.8 warns when a focused text field's window goes away. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_fienta (BoxAddAccountDialog *self)
{
  g_autoptr(GHashTable) credentials = NULL;
  g_autofree char *name = dup_stripped (self->fienta_name_row);
  g_autofree char *base_url = dup_stripped (self->fienta_server_row);

  credentials = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  if (fienta_uses_key (self))
    {
      g_hash_table_insert (credentials, "token", dup_stripped (self->fienta_key_row));
    }
  else
    {
      g_hash_table_insert (credentials, "email", dup_stripped (self->fienta_email_row));
      /* A password is taken as typed: spaces may be part of it. */
      g_hash_table_insert (credentials, "password",
                           g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->fienta_password_row))));
    }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  show_error (self, NULL);

  box_desk_add_account_async (self->desk, "fienta", name,
                              *base_url != '\0' ? base_url : NULL,
                              credentials, self->cancellable,
                              account_added_cb, g_object_ref (self));
}

static void
add_ticketing (BoxAddAccountDialog *self)
{
  g_autoptr(GHashTable) credentials = NULL;
  g_autofree char *name = dup_stripped (self->ticketing_name_row);
  g_autofree char *base_url = dup_stripped (self->ticketing_server_row);
  g_autofree char *admission_token = dup_stripped (self->ticketing_admission_token_row);

  credentials = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  if (ticketing_uses_key (self))
    {
      g_hash_table_insert (credentials, "token", dup_stripped (self->ticketing_key_row));
    }
  else
    {
      g_hash_table_insert (credentials, "identification",
                           dup_stripped (self->ticketing_identification_row));
      /* A password is taken as typed: spaces may be part of it. */
      g_hash_table_insert (credentials, "password",
                           g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ticketing_password_row))));
    }
  if (*admission_token != '\0')
    g_hash_table_insert (credentials, "admission_token", g_steal_pointer (&admission_token));

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  show_error (self, NULL);

  box_desk_add_account_async (self->desk, "ticketing", name,
                              *base_url != '\0' ? base_url : NULL,
                              credentials, self->cancellable,
                              account_added_cb, g_object_ref (self));
}

/* The desk reads the server address and the key from the setup code itself. */
static void
add_eventyay (BoxAddAccountDialog *self)
{
  g_autoptr(GHashTable) credentials = NULL;
  g_autofree char *name = dup_stripped (self->eventyay_name_row);

  credentials = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (credentials, "config", dup_setup_code (self));

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  show_error (self, NULL);

  box_desk_add_account_async (self->desk, "eventyay", name, NULL,
                              credentials, self->cancellable,
                              account_added_cb, g_object_ref (self));
}

static void
add_clicked_cb (BoxAddAccountDialog *self)
{
  if (is_busy (self) || !form_is_complete (self))
    return;

  if (g_strcmp0 (current_kind (self), "fienta") == 0)
    add_fienta (self);
  else if (g_strcmp0 (current_kind (self), "ticketing") == 0)
    add_ticketing (self);
  else if (g_strcmp0 (current_kind (self), "eventyay") == 0)
    add_eventyay (self);
}

static void
setup_file_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(BoxAddAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (self->desk != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  if (self->desk == NULL)
    return;

  if (length > MAX_SETUP_FILE_SIZE || !g_utf8_validate_len (contents, length, NULL))
    {
      show_error (self, _("This file is not a setup code. Choose the JSON file saved from the check-in device settings, or a text file with a pretixdesk:// link."));
      return;
    }

  g_strstrip (contents);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->eventyay_setup_view), contents, -1);
  show_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
setup_file_chosen_cb (BoxAddAccountDialog  *self,
                      int                   response,
                      GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->eventyay_chooser);

  if (file != NULL && self->desk != NULL)
    g_file_load_contents_async (file, NULL, setup_file_loaded_cb, g_object_ref (self));
}

static void
eventyay_open_clicked_cb (BoxAddAccountDialog *self)
{
  GtkFileFilter *filter;

  if (self->eventyay_chooser != NULL)
    return;

  self->eventyay_chooser = gtk_file_chooser_native_new (_("Open Setup Code"), GTK_WINDOW (self),
                                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->eventyay_chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Setup codes (JSON or text)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->eventyay_chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->eventyay_chooser), filter);
  g_object_unref (filter);

  g_signal_connect_swapped (self->eventyay_chooser, "response", G_CALLBACK (setup_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->eventyay_chooser));
}

static void
entry_activated_cb (BoxAddAccountDialog *self)
{
  /* Enter in a field adds when nothing is missing; otherwise it moves on, so the form
   * can be filled from the keyboard without reaching for Tab. */
  if (form_is_complete (self))
    add_clicked_cb (self);
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
form_changed_cb (BoxAddAccountDialog *self)
{
  update_add_button (self);
}

static void
method_changed_cb (BoxAddAccountDialog *self)
{
  gboolean key = fienta_uses_key (self);

  gtk_widget_set_visible (GTK_WIDGET (self->fienta_key_row), key);
  gtk_widget_set_visible (GTK_WIDGET (self->fienta_email_row), !key);
  gtk_widget_set_visible (GTK_WIDGET (self->fienta_password_row), !key);

  if (key)
    adw_preferences_group_set_description (self->fienta_sign_in_group,
                                           _("Create a key in Fienta: Settings › Integration › API keys."));
  else
    adw_preferences_group_set_description (self->fienta_sign_in_group,
                                           _("The password is used once to get a key for this desk; it is not stored."));
  update_add_button (self);
}

static void
ticketing_method_changed_cb (BoxAddAccountDialog *self)
{
  gboolean key = ticketing_uses_key (self);

  gtk_widget_set_visible (GTK_WIDGET (self->ticketing_identification_row), !key);
  gtk_widget_set_visible (GTK_WIDGET (self->ticketing_password_row), !key);
  gtk_widget_set_visible (GTK_WIDGET (self->ticketing_key_row), key);

  if (key)
    adw_preferences_group_set_description (self->ticketing_sign_in_group,
                                           _("Ask the administrator of the TickeTing account for an integration key."));
  else
    adw_preferences_group_set_description (self->ticketing_sign_in_group,
                                           _("The password is used once to start a session for this desk; it is not stored."));
  update_add_button (self);
}

static void
back_clicked_cb (BoxAddAccountDialog *self)
{
  show_page (self, "kind");
}

static void
kind_row_activated_cb (BoxAddAccountDialog *self,
                       GtkListBoxRow       *row)
{
  show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static gboolean
box_add_account_dialog_close_request (GtkWindow *window)
{
  BoxAddAccountDialog *self = BOX_ADD_ACCOUNT_DIALOG (window);

  /* Closing while the provider is asked gives up on the account. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (box_add_account_dialog_parent_class)->close_request (window);
}

static void
add_kind_rows (BoxAddAccountDialog *self)
{
  const char *only_kind = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (provider_kinds); i++)
    {
      const char *kind = provider_kinds[i];
      const char *label;
      GtkWidget *row;

      if (!box_provider_kind_is_known (kind) || gtk_stack_get_child_by_name (self->stack, kind) == NULL)
        continue;

      label = box_provider_kind_get_label (kind);
      row = adw_action_row_new ();
      gtk_widget_set_name (row, kind);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      if (kind_description (kind) != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind_description (kind));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_list_box_append (self->kind_list, row);

      only_kind = kind;
      self->n_kinds++;
    }

  /* With a single provider there is nothing to choose. */
  if (self->n_kinds == 1)
    show_page (self, only_kind);
  else
    show_page (self, "kind");
}

static void
box_add_account_dialog_dispose (GObject *object)
{
  BoxAddAccountDialog *self = BOX_ADD_ACCOUNT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->desk);
  if (self->eventyay_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->eventyay_chooser));
  g_clear_object (&self->eventyay_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOX_TYPE_ADD_ACCOUNT_DIALOG);

  G_OBJECT_CLASS (box_add_account_dialog_parent_class)->dispose (object);
}

static void
box_add_account_dialog_class_init (BoxAddAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = box_add_account_dialog_dispose;
  window_class->close_request = box_add_account_dialog_close_request;

  /**
   * BoxAddAccountDialog::account-added:
   * @account: the #BoxAccount, checked with the provider and saved
   */
  signals[ACCOUNT_ADDED] =
    g_signal_new ("account-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/boxoffice/BoxOffice/box-add-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, kind_list);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, fienta_name_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, fienta_sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, fienta_method_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, fienta_key_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, fienta_email_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, fienta_password_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, fienta_advanced_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, fienta_server_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, ticketing_name_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, ticketing_sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, ticketing_method_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, ticketing_identification_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, ticketing_password_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, ticketing_key_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, ticketing_admission_token_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, ticketing_advanced_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, ticketing_server_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, eventyay_name_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, eventyay_setup_view);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, eventyay_open_button);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, eventyay_open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, method_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ticketing_method_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* The account name starts as the provider's name, and an empty server address means
 * the provider's own server, which the field shows greyed out. */
static void
set_up_provider_page (const char     *kind,
                      AdwEntryRow    *name_row,
                      AdwExpanderRow *advanced_row,
                      AdwEntryRow    *server_row)
{
  const char *default_url;
  GtkEditable *server_text;

  if (!box_provider_kind_is_known (kind))
    return;

  gtk_editable_set_text (GTK_EDITABLE (name_row), box_provider_kind_get_label (kind));

  default_url = box_provider_kind_get_default_base_url (kind);
  server_text = gtk_editable_get_delegate (GTK_EDITABLE (server_row));
  if (default_url != NULL && GTK_IS_TEXT (server_text))
    gtk_text_set_placeholder_text (GTK_TEXT (server_text), default_url);
  if (default_url != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Leave the server address empty to use %s"),
                                                   default_url);
      adw_expander_row_set_subtitle (advanced_row, subtitle);
    }
}

static void
box_add_account_dialog_init (BoxAddAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  label_entry_row (self->fienta_name_row);
  label_entry_row (self->fienta_key_row);
  label_entry_row (self->fienta_email_row);
  label_entry_row (self->fienta_password_row);
  label_entry_row (self->fienta_server_row);
  label_entry_row (self->ticketing_name_row);
  label_entry_row (self->ticketing_identification_row);
  label_entry_row (self->ticketing_password_row);
  label_entry_row (self->ticketing_key_row);
  label_entry_row (self->ticketing_admission_token_row);
  label_entry_row (self->ticketing_server_row);
  label_entry_row (self->eventyay_name_row);

  /* The explanation the sighted read above the admission token field. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ticketing_admission_token_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The code from the event’s host that lets this desk admit to some sections. Leave empty to use all events of the account."),
                                  -1);

  if (box_provider_kind_is_known ("eventyay"))
    gtk_editable_set_text (GTK_EDITABLE (self->eventyay_name_row),
                           box_provider_kind_get_label ("eventyay"));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->eventyay_setup_view), "changed",
                            G_CALLBACK (form_changed_cb), self);

  set_up_provider_page ("fienta", self->fienta_name_row,
                        self->fienta_advanced_row, self->fienta_server_row);
  set_up_provider_page ("ticketing", self->ticketing_name_row,
                        self->ticketing_advanced_row, self->ticketing_server_row);

  method_changed_cb (self);
  ticketing_method_changed_cb (self);
}

/**
 * box_add_account_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @desk: the desk to add the account to
 *
 * Returns: (transfer none): a modal window, owned by GTK's list of toplevels; present it
 */
BoxAddAccountDialog *
box_add_account_dialog_new (GtkWindow *parent,
                            BoxDesk   *desk)
{
  BoxAddAccountDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOX_IS_DESK (desk), NULL);

  self = g_object_new (BOX_TYPE_ADD_ACCOUNT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->desk = g_object_ref (desk);
  add_kind_rows (self);

  return self;
}
