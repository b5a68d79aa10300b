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
 * offered.
 *
 * Floktu and Currinda sign in in the browser (OAuth): while the desk waits for it, the
 * "browser" page shows the sign-in address the desk asked to open (BoxDesk::open-uri),
 * to copy or open again, and Cancel Sign-in goes back to the form as it was. */

struct _BoxAddAccountDialog
{
  AdwWindow             parent_instance;

  BoxDesk              *desk;
  GCancellable         *cancellable;   /* set while the desk checks the credential */
  guint                 n_kinds;
  char                 *reconnect_id;   /* signing this account in again, or NULL */

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

  AdwEntryRow          *floktu_name_row;
  AdwEntryRow          *floktu_client_id_row;
  AdwEntryRow          *floktu_client_secret_row;
  AdwExpanderRow       *floktu_advanced_row;
  AdwEntryRow          *floktu_server_row;

  AdwEntryRow          *currinda_name_row;
  AdwEntryRow          *currinda_site_row;
  AdwEntryRow          *currinda_client_id_row;
  AdwEntryRow          *currinda_client_secret_row;
  AdwComboRow          *currinda_scope_row;
  AdwEntryRow          *currinda_target_row;

  /* The browser sign-in of Floktu and Currinda */
  gboolean              open_browser;
  char                 *oauth_kind;     /* the page to go back to */
  char                 *oauth_uri;      /* the sign-in address, once the desk gave it */
  gulong                open_uri_id;    /* BoxDesk::open-uri, while an account is added */
  GtkSpinner           *browser_spinner;
  GtkLabel             *browser_title;
  GtkWidget            *browser_link_box;
  GtkLabel             *browser_link_label;
  AdwButtonContent     *copy_link_content;
};

G_DEFINE_FINAL_TYPE (BoxAddAccountDialog, box_add_account_dialog, ADW_TYPE_WINDOW)

enum {
  ACCOUNT_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_OPEN_BROWSER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  if (g_str_equal (kind, "floktu"))
    return _("Sign in in the browser, with the client ID from Floktu support");
  if (g_str_equal (kind, "currinda"))
    return _("Sign in in the browser to read an event registration or a membership");
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

  if (g_strcmp0 (page, "browser") == 0)
    return self->oauth_kind;
  return g_strcmp0 (page, "kind") == 0 ? NULL : page;
}

static gboolean
is_oauth_kind (const char *kind)
{
  return g_strcmp0 (kind, "floktu") == 0 || g_strcmp0 (kind, "currinda") == 0;
}

static gboolean
currinda_reads_organisation (BoxAddAccountDialog *self)
{
  /* The second choice of the scope row is the organisation's membership. */
  return adw_combo_row_get_selected (self->currinda_scope_row) == 1;
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

  /* The secrets are taken as typed; the API address is optional. */
  if (g_strcmp0 (current_kind (self), "floktu") == 0)
    return !is_blank (self->floktu_name_row) && !is_blank (self->floktu_client_id_row) &&
           gtk_editable_get_text (GTK_EDITABLE (self->floktu_client_secret_row))[0] != '\0';

  if (g_strcmp0 (current_kind (self), "currinda") == 0)
    return !is_blank (self->currinda_name_row) && !is_blank (self->currinda_site_row) &&
           !is_blank (self->currinda_client_id_row) &&
           gtk_editable_get_text (GTK_EDITABLE (self->currinda_client_secret_row))[0] != '\0' &&
           !is_blank (self->currinda_target_row);

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
                          self->n_kinds > 1 && self->reconnect_id == NULL &&
                          g_strcmp0 (name, "kind") != 0);
  /* Nothing to add before a provider is chosen. */
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), g_strcmp0 (name, "kind") != 0);
  /* Those that sign in in the browser go on there. */
  gtk_button_set_label (self->add_button, is_oauth_kind (name) ? _("_Continue in Browser")
                                         : self->reconnect_id != NULL ? _("_Sign In")
                                         : _("_Add"));
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
  else if (g_strcmp0 (name, "floktu") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->floktu_client_id_row));
  else if (g_strcmp0 (name, "currinda") == 0)
    gtk_widget_grab_focus (is_blank (self->currinda_site_row) ? GTK_WIDGET (self->currinda_site_row)
                                                              : GTK_WIDGET (self->currinda_client_id_row));
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

/* Puts the cursor on the field a browser sign-in error is about. */
static void
oauth_focus_error (BoxAddAccountDialog *self,
                   const GError        *error)
{
  gboolean currinda = g_strcmp0 (self->oauth_kind, "currinda") == 0;

  if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS))
    gtk_widget_grab_focus (currinda ? GTK_WIDGET (self->currinda_client_id_row)
                                    : GTK_WIDGET (self->floktu_client_id_row));
  else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT) && currinda)
    gtk_widget_grab_focus (GTK_WIDGET (self->currinda_site_row));
}

static void
stop_waiting_for_browser (BoxAddAccountDialog *self)
{
  if (self->open_uri_id != 0 && self->desk != NULL)
    g_signal_handler_disconnect (self->desk, self->open_uri_id);
  self->open_uri_id = 0;
  gtk_spinner_set_spinning (self->browser_spinner, FALSE);
}

/* Back from the browser page to the form, every field as it was. */
static void
back_to_form (BoxAddAccountDialog *self)
{
  stop_waiting_for_browser (self);
  if (self->oauth_kind != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "browser") == 0)
    show_page (self, self->oauth_kind);
}

typedef struct
{
  BoxAddAccountDialog *self;
  GCancellable        *cancellable;
} AddRequest;

static void
add_request_free (AddRequest *request)
{
  g_object_unref (request->self);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddRequest, add_request_free)

static void
account_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AddRequest) request = user_data;
  BoxAddAccountDialog *self = request->self;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = box_desk_add_account_finish (BOX_DESK (object), result, &error);

  /* Given up on: the dialog closed (the desk tells the windows about a new account
   * itself), or Cancel Sign-in went back to the form, perhaps to start again. */
  if (self->desk == NULL || self->cancellable != request->cancellable)
    return;
  g_clear_object (&self->cancellable);
  stop_waiting_for_browser (self);

  if (account == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      back_to_form (self);
      set_busy (self, FALSE);
      show_error (self, error->message);

      /* A bad setup code or a key the server refused: the code is what to fix. */
      if (g_strcmp0 (current_kind (self), "eventyay") == 0)
        gtk_widget_grab_focus (GTK_WIDGET (self->eventyay_setup_view));
      else if (g_strcmp0 (current_kind (self), "ticketing") == 0)
        ticketing_focus_error (self, error);
      else if (is_oauth_kind (current_kind (self)))
        oauth_focus_error (self, error);
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

/* Has the desk add the account; account_added_cb() takes the answer. */
static void
start_adding (BoxAddAccountDialog *self,
              const char          *kind,
              const char          *name,
              const char          *base_url,
              GHashTable          *credentials)
{
  AddRequest *request = g_new0 (AddRequest, 1);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->cancellable);

  if (self->reconnect_id != NULL)
    box_desk_reconnect_account_async (self->desk, self->reconnect_id, credentials,
                                      self->cancellable, account_added_cb, request);
  else
    box_desk_add_account_async (self->desk, kind, name,
                                base_url != NULL && *base_url != '\0' ? base_url : NULL,
                                credentials, self->cancellable,
                                account_added_cb, request);
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

  start_adding (self, "fienta", name, base_url, credentials);
  set_busy (self, TRUE);
  show_error (self, NULL);
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

  start_adding (self, "ticketing", name, base_url, credentials);
  set_busy (self, TRUE);
  show_error (self, NULL);
}

/* The desk reads the server address and the key from the setup code itself. */
static void
add_eventyay (BoxAddAccountDialog *self)
{
  g_autoptr(GHashTable) credentials = NULL;
  g_autofree char *name = dup_stripped (self->eventyay_name_row);

  credentials = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (credentials, "config", dup_setup_code (self));

  start_adding (self, "eventyay", name, NULL, credentials);
  set_busy (self, TRUE);
  show_error (self, NULL);
}

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BoxAddAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) || self->desk == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("Opening the sign-in page failed: %s", error->message);
  show_error (self, _("No browser could be opened. Copy the link below and open it in a browser on this computer."));
}

static void
open_sign_in_page (BoxAddAccountDialog *self)
{
  if (self->oauth_uri == NULL)
    return;
  /* Through the portal in a sandbox. */
  gtk_show_uri_full (GTK_WINDOW (self), self->oauth_uri, GDK_CURRENT_TIME, NULL,
                     show_uri_cb, g_object_ref (self));
}

/* The desk has the listener waiting: the browser goes to @uri. */
static gboolean
desk_open_uri_cb (BoxAddAccountDialog *self,
                  const char          *uri)
{
  g_free (self->oauth_uri);
  self->oauth_uri = g_strdup (uri);
  gtk_label_set_text (self->browser_link_label, uri);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->browser_link_label), uri);
  gtk_widget_set_visible (self->browser_link_box, TRUE);
  adw_button_content_set_label (self->copy_link_content, _("Co_py Link"));

  if (self->open_browser)
    open_sign_in_page (self);
  return TRUE;
}

static void
copy_link_clicked_cb (BoxAddAccountDialog *self)
{
  if (self->oauth_uri == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->oauth_uri);
  /* TRANSLATORS: the Copy Link button once the address is on the clipboard */
  adw_button_content_set_label (self->copy_link_content, _("Co_pied"));
}

static void
open_again_clicked_cb (BoxAddAccountDialog *self)
{
  show_error (self, NULL);
  open_sign_in_page (self);
}

/* Gives up on this sign-in: the listener closes, nothing is stored, the form stays. */
static void
browser_cancel_clicked_cb (BoxAddAccountDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  back_to_form (self);
  set_busy (self, FALSE);
}

/* The browser page, until the desk has the account or gives up. */
static void
wait_for_browser (BoxAddAccountDialog *self,
                  const char          *kind)
{
  g_autofree char *title = NULL;

  g_free (self->oauth_kind);
  self->oauth_kind = g_strdup (kind);
  g_clear_pointer (&self->oauth_uri, g_free);
  gtk_label_set_text (self->browser_link_label, "");
  gtk_widget_set_visible (self->browser_link_box, FALSE);
  /* TRANSLATORS: %s is the provider, "Sign in to Floktu in your browser" */
  title = g_strdup_printf (_("Sign in to %s in your browser"), box_provider_kind_get_label (kind));
  gtk_label_set_text (self->browser_title, title);
  gtk_spinner_set_spinning (self->browser_spinner, TRUE);

  gtk_stack_set_visible_child_name (self->stack, "browser");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), FALSE);
  show_error (self, NULL);

  if (self->open_uri_id == 0)
    self->open_uri_id = g_signal_connect_swapped (self->desk, "open-uri",
                                                  G_CALLBACK (desk_open_uri_cb), self);
}

/* Shows @message at the top and puts the cursor in @row: what to fix before starting. */
static void
refuse_field (BoxAddAccountDialog *self,
              AdwEntryRow         *row,
              const char          *message)
{
  show_error (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static gboolean
is_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static GHashTable *
new_client_credentials (AdwEntryRow *client_id_row,
                        AdwEntryRow *client_secret_row)
{
  GHashTable *credentials = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (credentials, "client_id", dup_stripped (client_id_row));
  /* A secret is taken as typed. */
  g_hash_table_insert (credentials, "client_secret",
                       g_strdup (gtk_editable_get_text (GTK_EDITABLE (client_secret_row))));
  return credentials;
}

static void
add_floktu (BoxAddAccountDialog *self)
{
  g_autoptr(GHashTable) credentials = NULL;
  g_autofree char *name = dup_stripped (self->floktu_name_row);
  g_autofree char *base_url = dup_stripped (self->floktu_server_row);

  if (*base_url != '\0' && !g_str_has_prefix (base_url, "https://") && !g_str_has_prefix (base_url, "http://"))
    {
      adw_expander_row_set_expanded (self->floktu_advanced_row, TRUE);
      refuse_field (self, self->floktu_server_row,
                    _("The API address starts with https://. Leave it empty to use Floktu’s own."));
      return;
    }

  credentials = new_client_credentials (self->floktu_client_id_row, self->floktu_client_secret_row);
  wait_for_browser (self, "floktu");
  start_adding (self, "floktu", name, base_url, credentials);
}

/* "asn.currinda.com" is taken as "https://asn.currinda.com". */
static char *
dup_site_address (BoxAddAccountDialog *self)
{
  g_autofree char *site = dup_stripped (self->currinda_site_row);

  if (*site != '\0' && strstr (site, "://") == NULL)
    return g_strconcat ("https://", site, NULL);
  return g_steal_pointer (&site);
}

static void
add_currinda (BoxAddAccountDialog *self)
{
  g_autoptr(GHashTable) credentials = NULL;
  g_autofree char *name = dup_stripped (self->currinda_name_row);
  g_autofree char *site = dup_site_address (self);
  g_autofree char *target = dup_stripped (self->currinda_target_row);
  gboolean organisation = currinda_reads_organisation (self);

  if (!g_str_has_prefix (site, "https://") && !g_str_has_prefix (site, "http://"))
    {
      refuse_field (self, self->currinda_site_row,
                    _("Enter the address of the Currinda site, like https://NAME.currinda.com."));
      return;
    }
  if (!is_digits (target))
    {
      refuse_field (self, self->currinda_target_row,
                    organisation
                    ? _("The organisation ID is a number, like 19: enter its digits only.")
                    : _("The event ID is a number, like 42: enter its digits only."));
      return;
    }

  credentials = new_client_credentials (self->currinda_client_id_row, self->currinda_client_secret_row);
  g_hash_table_insert (credentials, organisation ? "organisation" : "event", g_steal_pointer (&target));
  wait_for_browser (self, "currinda");
  start_adding (self, "currinda", name, site, credentials);
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
  else if (g_strcmp0 (current_kind (self), "floktu") == 0)
    add_floktu (self);
  else if (g_strcmp0 (current_kind (self), "currinda") == 0)
    add_currinda (self);
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
currinda_scope_changed_cb (BoxAddAccountDialog *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->currinda_target_row),
                                 currinda_reads_organisation (self) ? _("_Organisation ID") : _("E_vent ID"));
  label_entry_row (self->currinda_target_row);
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

  g_clear_pointer (&self->reconnect_id, g_free);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_waiting_for_browser (self);
  g_clear_object (&self->desk);
  g_clear_pointer (&self->oauth_kind, g_free);
  g_clear_pointer (&self->oauth_uri, g_free);
  if (self->eventyay_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->eventyay_chooser));
  g_clear_object (&self->eventyay_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOX_TYPE_ADD_ACCOUNT_DIALOG);

  G_OBJECT_CLASS (box_add_account_dialog_parent_class)->dispose (object);
}

static void
box_add_account_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BoxAddAccountDialog *self = BOX_ADD_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_OPEN_BROWSER:
      g_value_set_boolean (value, self->open_browser);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_add_account_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  BoxAddAccountDialog *self = BOX_ADD_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_OPEN_BROWSER:
      self->open_browser = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_add_account_dialog_class_init (BoxAddAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = box_add_account_dialog_dispose;
  object_class->get_property = box_add_account_dialog_get_property;
  object_class->set_property = box_add_account_dialog_set_property;
  window_class->close_request = box_add_account_dialog_close_request;

  /**
   * BoxAddAccountDialog:open-browser:
   *
   * Whether a browser sign-in (Floktu, Currinda) opens the browser by itself; without,
   * the page shows the address to open. Tests turn it off.
   */
  properties[PROP_OPEN_BROWSER] =
    g_param_spec_boolean ("open-browser", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, floktu_name_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, floktu_client_id_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, floktu_client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, floktu_advanced_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, floktu_server_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, currinda_name_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, currinda_site_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, currinda_client_id_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, currinda_client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, currinda_scope_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, currinda_target_row);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, browser_spinner);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, browser_title);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, browser_link_box);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, browser_link_label);
  gtk_widget_class_bind_template_child (widget_class, BoxAddAccountDialog, copy_link_content);
  gtk_widget_class_bind_template_callback (widget_class, browser_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_link_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, currinda_scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_again_clicked_cb);
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
  GtkEditable *site_text;

  self->open_browser = TRUE;
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
  label_entry_row (self->floktu_name_row);
  label_entry_row (self->floktu_client_id_row);
  label_entry_row (self->floktu_client_secret_row);
  label_entry_row (self->floktu_server_row);
  label_entry_row (self->currinda_name_row);
  label_entry_row (self->currinda_site_row);
  label_entry_row (self->currinda_client_id_row);
  label_entry_row (self->currinda_client_secret_row);
  label_entry_row (self->currinda_target_row);

  /* What the sighted read in the field and above it. */
  site_text = gtk_editable_get_delegate (GTK_EDITABLE (self->currinda_site_row));
  if (GTK_IS_TEXT (site_text))
    gtk_text_set_placeholder_text (GTK_TEXT (site_text), "https://NAME.currinda.com");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->currinda_site_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The address of the Currinda site, like https://NAME.currinda.com"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->floktu_client_id_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Floktu support gives the client ID and secret of the application registered for you. Sign-in continues in your browser."),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->currinda_client_id_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The administrator of the Currinda site gives the client ID and secret. Sign-in continues in your browser."),
                                  -1);

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
  set_up_provider_page ("floktu", self->floktu_name_row,
                        self->floktu_advanced_row, self->floktu_server_row);
  if (box_provider_kind_get_default_base_url ("floktu") != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Leave the API address empty to use %s"),
                                                   box_provider_kind_get_default_base_url ("floktu"));
      adw_expander_row_set_subtitle (self->floktu_advanced_row, subtitle);
    }
  if (box_provider_kind_is_known ("currinda"))
    gtk_editable_set_text (GTK_EDITABLE (self->currinda_name_row),
                           box_provider_kind_get_label ("currinda"));

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

/* The name and address of an account signed in again are the account's own. */
static void
fix_row (AdwEntryRow *row,
         const char  *text)
{
  if (row == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
}

/**
 * box_add_account_dialog_new_reconnect:
 * @account: an account whose sign-in ended
 *
 * The same form for the account's provider, to sign the account in again: it keeps its
 * id, its events and the check-ins waiting to be sent.
 *
 * Returns: (transfer none): a modal window, owned by GTK's list of toplevels; present it
 */
BoxAddAccountDialog *
box_add_account_dialog_new_reconnect (GtkWindow  *parent,
                                      BoxDesk    *desk,
                                      BoxAccount *account)
{
  BoxAddAccountDialog *self = box_add_account_dialog_new (parent, desk);
  const char *kind = box_account_get_provider (account);
  const char *name = box_account_get_name (account);
  const char *base_url = box_account_get_base_url (account);
  g_autofree char *title = NULL;

  self->reconnect_id = g_strdup (box_account_get_id (account));
  /* TRANSLATORS: the title of the form that signs an account in again; %s is its name */
  title = g_strdup_printf (_("Sign In to “%s” Again"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (g_strcmp0 (kind, "fienta") == 0)
    {
      fix_row (self->fienta_name_row, name);
      fix_row (self->fienta_server_row, base_url);
    }
  else if (g_strcmp0 (kind, "ticketing") == 0)
    {
      fix_row (self->ticketing_name_row, name);
      fix_row (self->ticketing_server_row, base_url);
    }
  else if (g_strcmp0 (kind, "eventyay") == 0)
    fix_row (self->eventyay_name_row, name);
  else if (g_strcmp0 (kind, "floktu") == 0)
    {
      fix_row (self->floktu_name_row, name);
      fix_row (self->floktu_server_row, base_url);
    }
  else if (g_strcmp0 (kind, "currinda") == 0)
    {
      fix_row (self->currinda_name_row, name);
      fix_row (self->currinda_site_row, base_url);
    }
  if (gtk_stack_get_child_by_name (self->stack, kind) != NULL)
    show_page (self, kind);
  return self;
}
