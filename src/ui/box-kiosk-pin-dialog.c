/* box-kiosk-pin-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-kiosk-pin-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "box-kiosk-pin.h"
#include "box-kiosk-pin-dialog.h"

/* The dialog's state, kept as the task's data. */
typedef struct
{
  GSettings *settings;
  GtkWidget *dialog;     /* weak: owned by GTK's toplevels */
  GtkWidget *pin_entry;
  GtkWidget *repeat_entry;
  GtkWidget *hint_label;
  gboolean   answered;
} PinDialog;

static void
pin_dialog_free (PinDialog *d)
{
  g_clear_object (&d->settings);
  g_free (d);
}

/* Set PIN is offered once both entries hold the same valid PIN; the hint says what is
 * missing. */
static void
entries_changed_cb (GTask *task)
{
  PinDialog *d = g_task_get_task_data (task);
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (d->pin_entry));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (d->repeat_entry));
  gboolean valid = box_kiosk_pin_is_valid (pin);
  gboolean same = g_str_equal (pin, repeat);
  const char *hint = NULL;

  if (*pin != '\0' && !valid)
    hint = _("Use digits only, at least four.");
  else if (valid && *repeat != '\0' && !same)
    hint = _("The two PINs are not the same.");
  gtk_label_set_text (GTK_LABEL (d->hint_label), hint ? hint : "");
  gtk_widget_set_visible (d->hint_label, hint != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (d->dialog), "set", valid && same);
}

/* Enter in the second entry sets the PIN, as the button does: answered, then closed. */
static void
repeat_activated_cb (GTask *task)
{
  PinDialog *d = g_task_get_task_data (task);

  if (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (d->dialog), "set"))
    return;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (d->dialog), "set");
  gtk_window_close (GTK_WINDOW (d->dialog));
}

static void
pin_activated_cb (GTask *task)
{
  PinDialog *d = g_task_get_task_data (task);

  gtk_widget_grab_focus (d->repeat_entry);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GTask            *task)
{
  PinDialog *d = g_task_get_task_data (task);
  g_autofree char *hash = NULL;

  /* Closing after an answer answers "cancel" once more. */
  if (d->answered)
    return;
  if (g_str_equal (response, "set"))
    hash = box_kiosk_pin_hash (gtk_editable_get_text (GTK_EDITABLE (d->pin_entry)));
  /* The PIN itself is kept nowhere, not even in the entries of a closing dialog. Focus
   * leaves them first: GTK 4.8 warns when a window goes with the focus in a password
   * entry. */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  gtk_editable_set_text (GTK_EDITABLE (d->pin_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (d->repeat_entry), "");
  if (hash != NULL)
    g_settings_set_string (d->settings, "kiosk-pin-hash", hash);
  d->answered = TRUE;
  g_task_return_boolean (task, hash != NULL);
}

/* The dialog is gone, perhaps with its parent and without an answer: no PIN was set. */
static void
dialog_gone_cb (gpointer  data,
                GClosure *closure)
{
  GTask *task = data;
  PinDialog *d = g_task_get_task_data (task);

  if (!d->answered)
    g_task_return_boolean (task, FALSE);
  g_object_unref (task);
}

static GtkWidget *
pin_entry_new (const char *placeholder,
               const char *accessible_label)
{
  GtkWidget *entry = gtk_password_entry_new ();
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "placeholder-text", placeholder, "activates-default", FALSE, NULL);
  if (GTK_IS_TEXT (text))
    gtk_text_set_input_purpose (GTK_TEXT (text), GTK_INPUT_PURPOSE_PIN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return entry;
}

/**
 * box_kiosk_pin_dialog_ask_async:
 * @parent: (nullable): the window the dialog is for
 * @settings: where the PIN's hash goes (kiosk-pin-hash)
 */
void
box_kiosk_pin_dialog_ask_async (GtkWindow           *parent,
                                GSettings           *settings,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *stored = NULL;
  GTask *task;
  PinDialog *d;
  GtkWidget *box;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_SETTINGS (settings));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_kiosk_pin_dialog_ask_async);
  d = g_new0 (PinDialog, 1);
  d->settings = g_object_ref (settings);
  g_task_set_task_data (task, d, (GDestroyNotify)pin_dialog_free);

  stored = g_settings_get_string (settings, "kiosk-pin-hash");
  d->dialog = adw_message_dialog_new (parent, *stored ? _("Change the Kiosk PIN") : _("Set a Kiosk PIN"),
                                      _("Kiosk mode is left with this PIN. Choose at least four digits and keep them to yourself."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (d->dialog),
                                    "cancel", _("_Cancel"),
                                    "set", _("_Set PIN"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (d->dialog), "set",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (d->dialog), "set", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (d->dialog), "set");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (d->dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  d->pin_entry = pin_entry_new (_("PIN"), _("New kiosk PIN"));
  d->repeat_entry = pin_entry_new (_("Repeat the PIN"), _("New kiosk PIN again"));
  d->hint_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (d->hint_label), TRUE);
  gtk_widget_add_css_class (d->hint_label, "error");
  gtk_widget_set_visible (d->hint_label, FALSE);
  gtk_box_append (GTK_BOX (box), d->pin_entry);
  gtk_box_append (GTK_BOX (box), d->repeat_entry);
  gtk_box_append (GTK_BOX (box), d->hint_label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (d->dialog), box);

  g_signal_connect_swapped (d->pin_entry, "changed", G_CALLBACK (entries_changed_cb), task);
  g_signal_connect_swapped (d->repeat_entry, "changed", G_CALLBACK (entries_changed_cb), task);
  g_signal_connect_swapped (d->pin_entry, "activate", G_CALLBACK (pin_activated_cb), task);
  g_signal_connect_swapped (d->repeat_entry, "activate", G_CALLBACK (repeat_activated_cb), task);
  /* The dialog holds the task until it answers. */
  g_signal_connect_data (d->dialog, "response", G_CALLBACK (response_cb), task,
                         dialog_gone_cb, 0);

  gtk_window_present (GTK_WINDOW (d->dialog));
  gtk_widget_grab_focus (d->pin_entry);
}

gboolean
box_kiosk_pin_dialog_ask_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
