/* box-print-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-print-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "box-application.h"
#include "box-attendee.h"
#include "box-label-size.h"
#include "box-print-dialog.h"
#include "box-tag-renderer.h"

/* Prints a batch of name tags: the person picks which attendees (each choice says how
 * many tags it makes), the layout and where they go, and BoxTagJobs does the rest. The
 * sets are read once, when the dialog opens. */

/* The attendees in the list are taken only up to this many: more is a search gone
 * wrong, not a batch of tags. */
#define MAX_LIST_TAGS 5000

/* How long the dialog says it is done before it closes, in seconds. */
#define DONE_DELAY 2

typedef enum
{
  SET_TODAY = 0,     /* checked in today, not printed yet */
  SET_UNPRINTED,     /* checked in any time, not printed yet */
  SET_EVERYONE,      /* checked in any time */
  SET_LIST,          /* the attendee list as searched now */
  N_SETS
} TagSet;

struct _BoxPrintDialog
{
  AdwWindow             parent_instance;

  BoxDesk              *desk;
  BoxTagJobs           *jobs;
  GSettings            *settings;
  char                 *account_id;
  char                 *event_id;
  char                 *event_name;
  GPtrArray            *sets[N_SETS];  /* (element-type BoxAttendee) (nullable) */
  gboolean              renderer_ok;   /* the template and label make tags */
  GCancellable         *cancellable;   /* set while printing */
  char                 *pdf_path;      /* of the print under way */
  gboolean              close_after_cancel;
  GtkFileChooserNative *pdf_chooser;
  guint                 close_source;

  GtkButton            *cancel_button;
  GtkButton            *print_button;
  GtkSpinner           *spinner;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkStack             *stack;
  AdwPreferencesPage   *form_page;
  AdwStatusPage        *done_page;
  AdwPreferencesGroup  *which_group;
  AdwActionRow         *today_row;
  AdwActionRow         *unprinted_row;
  AdwActionRow         *everyone_row;
  AdwActionRow         *list_row;
  GtkCheckButton       *today_check;
  GtkCheckButton       *unprinted_check;
  GtkCheckButton       *everyone_check;
  GtkCheckButton       *list_check;
  AdwActionRow         *label_row;
  AdwActionRow         *sheet_row;
  GtkCheckButton       *label_check;
  GtkCheckButton       *sheet_check;
  AdwActionRow         *printer_row;
  AdwActionRow         *dialog_row;
  AdwActionRow         *pdf_row;
  GtkCheckButton       *printer_check;
  GtkCheckButton       *dialog_check;
  GtkCheckButton       *pdf_check;
};

G_DEFINE_FINAL_TYPE (BoxPrintDialog, box_print_dialog, ADW_TYPE_WINDOW)

enum {
  PRINTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (BoxPrintDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* The form ---------------------------------------------------------------------------- */

static TagSet
get_chosen_set (BoxPrintDialog *self)
{
  if (gtk_check_button_get_active (self->list_check))
    return SET_LIST;
  if (gtk_check_button_get_active (self->everyone_check))
    return SET_EVERYONE;
  if (gtk_check_button_get_active (self->unprinted_check))
    return SET_UNPRINTED;
  return SET_TODAY;
}

static guint
count_set (BoxPrintDialog *self,
           TagSet          set)
{
  return self->sets[set] != NULL ? self->sets[set]->len : 0;
}

static BoxTagLayout
get_chosen_layout (BoxPrintDialog *self)
{
  return gtk_check_button_get_active (self->sheet_check) ? BOX_TAG_LAYOUT_A4_SHEET
                                                         : BOX_TAG_LAYOUT_ONE_PER_PAGE;
}

static BoxTagTarget
get_chosen_target (BoxPrintDialog *self)
{
  if (gtk_check_button_get_active (self->pdf_check))
    return BOX_TAG_TARGET_PDF;
  if (gtk_check_button_get_active (self->dialog_check))
    return BOX_TAG_TARGET_DIALOG;
  return BOX_TAG_TARGET_PRINTER;
}

static void
update_form (BoxPrintDialog *self)
{
  gboolean printing = self->cancellable != NULL;
  gboolean done = self->close_source != 0;
  guint n = count_set (self, get_chosen_set (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->form_page), !printing && !done);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button),
                            !printing && !done && n > 0 && self->renderer_ok);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), printing);
  gtk_spinner_set_spinning (self->spinner, printing);

  adw_preferences_group_set_description (self->which_group,
                                         n == 0 ? _("Nothing to print") : NULL);
}

static void
choice_toggled_cb (BoxPrintDialog *self)
{
  update_form (self);
}

static char *
describe_count (guint n)
{
  if (n == 0)
    return g_strdup (_("No tags"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tag", "%u tags", n), n);
}

static gint64
get_start_of_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now),
                                                         0, 0, 0);

  return g_date_time_to_unix (midnight);
}

static void
load_set (BoxPrintDialog *self,
          TagSet          set,
          AdwActionRow   *row,
          gint64          since,
          gboolean        unprinted)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  self->sets[set] = box_desk_list_to_print (self->desk, self->account_id, self->event_id,
                                            since, unprinted, &error);
  if (self->sets[set] == NULL)
    {
      adw_action_row_set_subtitle (row, error->message);
      return;
    }

  subtitle = describe_count (self->sets[set]->len);
  adw_action_row_set_subtitle (row, subtitle);
}

static void
load_list (BoxPrintDialog *self,
           GListModel     *results)
{
  g_autofree char *subtitle = NULL;
  guint n_items = results != NULL ? g_list_model_get_n_items (results) : 0;

  if (n_items == 0)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->list_row), TRUE);

  if (n_items > MAX_LIST_TAGS)
    {
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u attendee: too many, search to narrow the list",
                                               "%u attendees: too many, search to narrow the list",
                                               n_items),
                                  n_items);
      adw_action_row_set_subtitle (self->list_row, subtitle);
      gtk_widget_set_sensitive (GTK_WIDGET (self->list_row), FALSE);
      return;
    }

  self->sets[SET_LIST] = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);

      if (BOX_IS_ATTENDEE (item))
        g_ptr_array_add (self->sets[SET_LIST], g_steal_pointer (&item));
    }

  subtitle = describe_count (self->sets[SET_LIST]->len);
  adw_action_row_set_subtitle (self->list_row, subtitle);
}

static char *
describe_label (BoxPrintDialog *self,
                BoxTagRenderer *renderer)
{
  g_autofree char *id = g_settings_get_string (self->settings, "label-size");
  const BoxLabelSize *size = box_label_size_find (id);
  double width_mm = 0;
  double height_mm = 0;

  if (size != NULL)
    return g_strdup (size->label);

  box_tag_renderer_get_page_size (renderer, &width_mm, &height_mm);
  /* Translators: a label size in millimetres, width × height */
  return g_strdup_printf (_("%g × %g mm"), width_mm, height_mm);
}

static void
load_layouts (BoxPrintDialog *self)
{
  g_autoptr(BoxTagRenderer) label = NULL;
  g_autoptr(BoxTagRenderer) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label_subtitle = NULL;
  g_autofree char *sheet_subtitle = NULL;
  guint per_sheet;

  label = box_tag_jobs_make_renderer (self->jobs, self->event_name,
                                      BOX_TAG_LAYOUT_ONE_PER_PAGE, &error);
  /* The message names the template and says what to do. */
  if (error != NULL)
    show_error (self, error->message);
  self->renderer_ok = label != NULL;
  if (label == NULL)
    return;

  label_subtitle = describe_label (self, label);
  adw_action_row_set_subtitle (self->label_row, label_subtitle);

  sheet = box_tag_jobs_make_renderer (self->jobs, self->event_name,
                                      BOX_TAG_LAYOUT_A4_SHEET, NULL);
  per_sheet = sheet != NULL ? box_tag_renderer_get_tags_per_page (sheet) : 0;
  if (per_sheet == 0)
    {
      adw_action_row_set_subtitle (self->sheet_row, _("The label is larger than A4"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->sheet_row), FALSE);
      return;
    }

  sheet_subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u tag a sheet, with cut marks",
                                                 "%u tags a sheet, with cut marks",
                                                 per_sheet),
                                    per_sheet);
  adw_action_row_set_subtitle (self->sheet_row, sheet_subtitle);
}

static void
load_targets (BoxPrintDialog *self)
{
  g_autofree char *printer = g_settings_get_string (self->settings, "printer-name");

  adw_action_row_set_subtitle (self->pdf_row, _("To print later or elsewhere; you choose where to save it"));

  if (printer[0] == '\0')
    {
      adw_action_row_set_subtitle (self->printer_row, _("Choose one in the print dialog"));
      return;
    }

  adw_action_row_set_subtitle (self->printer_row, printer);
  gtk_widget_set_visible (GTK_WIDGET (self->dialog_row), TRUE);
  adw_action_row_set_subtitle (self->dialog_row, _("Choose it and its settings in the print dialog"));
}

/* Printing ---------------------------------------------------------------------------- */

static gboolean
close_cb (gpointer user_data)
{
  BoxPrintDialog *self = user_data;

  self->close_source = 0;
  gtk_window_destroy (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
show_done (BoxPrintDialog *self,
           guint           n)
{
  g_autofree char *title = NULL;

  if (self->pdf_path != NULL)
    {
      g_autofree char *display = g_filename_display_name (self->pdf_path);
      g_autofree char *description = g_strdup_printf (_("Saved to %s"), display);

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u name tag saved",
                                            "%u name tags saved",
                                            n),
                               n);
      adw_status_page_set_description (self->done_page, description);
    }
  else
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u name tag printed",
                                            "%u name tags printed",
                                            n),
                               n);
    }

  adw_status_page_set_title (self->done_page, title);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->print_button), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

static void
printed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BoxPrintDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n;

  n = box_tag_jobs_print_finish (BOX_TAG_JOBS (object), result, &error);
  g_clear_object (&self->cancellable);

  /* Closed meanwhile: the job was cancelled and there is no one to tell. */
  if (self->jobs == NULL)
    return;

  update_form (self);

  /* Cancelled here or in the print dialog: back to the form, as it was. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->close_after_cancel)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (error != NULL)
    {
      /* Translators: %s says why, e.g. what is wrong with the template */
      message = g_strdup_printf (_("Nothing was printed: %s"), error->message);
      show_error (self, message);
      return;
    }

  g_signal_emit (self, signals[PRINTED], 0, n, self->pdf_path);

  self->close_source = g_timeout_add_seconds (DONE_DELAY, close_cb, self);
  show_done (self, n);
  update_form (self);
}

static void
start_print (BoxPrintDialog *self,
             const char     *pdf_path)
{
  GPtrArray *attendees = self->sets[get_chosen_set (self)];

  if (attendees == NULL || attendees->len == 0 || self->cancellable != NULL)
    return;

  g_free (self->pdf_path);
  self->pdf_path = g_strdup (pdf_path);
  self->cancellable = g_cancellable_new ();
  self->close_after_cancel = FALSE;
  show_error (self, NULL);
  update_form (self);

  box_tag_jobs_print_async (self->jobs, attendees, self->event_name,
                            get_chosen_layout (self), get_chosen_target (self), pdf_path,
                            GTK_WINDOW (self), self->cancellable,
                            printed_cb, g_object_ref (self));
}

static void
pdf_chosen_cb (GtkNativeDialog *chooser,
               int              response,
               BoxPrintDialog  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->pdf_chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("Choose a folder on this computer for the PDF file"));
      return;
    }

  start_print (self, path);
}

/* A file name for the event's tags: no path separators, nothing a file system minds. */
static char *
make_pdf_name (const char *event_name)
{
  g_autofree char *safe = g_strdup (event_name != NULL ? event_name : "");

  for (char *p = safe; *p != '\0'; p++)
    if (strchr ("/\\:*?\"<>|", *p) != NULL || g_ascii_iscntrl (*p))
      *p = '-';
  g_strstrip (safe);

  if (safe[0] == '\0' || safe[0] == '.')
    return g_strdup (_("name-tags.pdf"));

  /* Translators: the suggested file name of a PDF of name tags; %s is the event's name */
  return g_strdup_printf (_("name-tags-%s.pdf"), safe);
}

static void
choose_pdf (BoxPrintDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = make_pdf_name (self->event_name);
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (self->pdf_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->pdf_chooser));
      return;
    }

  self->pdf_chooser = gtk_file_chooser_native_new (_("Save Name Tags"),
                                                   GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SAVE,
                                                   _("_Save"),
                                                   _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->pdf_chooser), TRUE);

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->pdf_chooser), filter);

  if (documents != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->pdf_chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->pdf_chooser), name);

  g_signal_connect_object (self->pdf_chooser, "response", G_CALLBACK (pdf_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->pdf_chooser));
}

static void
print_clicked_cb (BoxPrintDialog *self)
{
  if (get_chosen_target (self) == BOX_TAG_TARGET_PDF)
    choose_pdf (self);
  else
    start_print (self, NULL);
}

static void
cancel_clicked_cb (BoxPrintDialog *self)
{
  /* Cancel while printing stops the job and keeps the form; otherwise it closes. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* Life cycle -------------------------------------------------------------------------- */

static gboolean
box_print_dialog_close_request (GtkWindow *window)
{
  BoxPrintDialog *self = BOX_PRINT_DIALOG (window);

  /* Closing while printing cancels the job; the window goes when it has stopped. */
  if (self->cancellable != NULL)
    {
      self->close_after_cancel = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (box_print_dialog_parent_class)->close_request (window);
}

static void
box_print_dialog_dispose (GObject *object)
{
  BoxPrintDialog *self = BOX_PRINT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->close_source, g_source_remove);
  if (self->pdf_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->pdf_chooser));
  g_clear_object (&self->pdf_chooser);
  for (guint i = 0; i < N_SETS; i++)
    g_clear_pointer (&self->sets[i], g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->jobs);
  g_clear_object (&self->desk);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOX_TYPE_PRINT_DIALOG);

  G_OBJECT_CLASS (box_print_dialog_parent_class)->dispose (object);
}

static void
box_print_dialog_finalize (GObject *object)
{
  BoxPrintDialog *self = BOX_PRINT_DIALOG (object);

  g_free (self->account_id);
  g_free (self->event_id);
  g_free (self->event_name);
  g_free (self->pdf_path);

  G_OBJECT_CLASS (box_print_dialog_parent_class)->finalize (object);
}

static void
box_print_dialog_class_init (BoxPrintDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = box_print_dialog_dispose;
  object_class->finalize = box_print_dialog_finalize;
  window_class->close_request = box_print_dialog_close_request;

  /**
   * BoxPrintDialog::printed:
   * @count: how many name tags were printed
   * @pdf_path: (nullable): the file they were saved to, or %NULL for a printer
   */
  signals[PRINTED] = g_signal_new ("printed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/boxoffice/BoxOffice/box-print-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, form_page);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, which_group);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, today_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, unprinted_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, everyone_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, list_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, today_check);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, unprinted_check);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, everyone_check);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, list_check);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, label_check);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, sheet_check);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, printer_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, dialog_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, pdf_row);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, printer_check);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, dialog_check);
  gtk_widget_class_bind_template_child (widget_class, BoxPrintDialog, pdf_check);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
box_print_dialog_init (BoxPrintDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * box_print_dialog_new:
 * @parent: (nullable): the main window
 * @desk: the desk the attendees and the record of prints come from
 * @jobs: what prints the tags
 * @account_id: the event's account
 * @event_id: the event
 * @event_name: the event's name, for {{event}} and the PDF file's name
 * @current_results: (nullable): the attendee list as searched now (BoxAttendee items)
 *
 * Returns: (transfer none): the dialog, owned by GTK's list of toplevels; present it
 */
BoxPrintDialog *
box_print_dialog_new (GtkWindow  *parent,
                      BoxDesk    *desk,
                      BoxTagJobs *jobs,
                      const char *account_id,
                      const char *event_id,
                      const char *event_name,
                      GListModel *current_results)
{
  BoxPrintDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOX_IS_DESK (desk), NULL);
  g_return_val_if_fail (BOX_IS_TAG_JOBS (jobs), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (event_id != NULL, NULL);
  g_return_val_if_fail (current_results == NULL || G_IS_LIST_MODEL (current_results), NULL);

  self = g_object_new (BOX_TYPE_PRINT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->desk = g_object_ref (desk);
  self->jobs = g_object_ref (jobs);
  self->settings = g_settings_new (BOX_SETTINGS_SCHEMA);
  self->account_id = g_strdup (account_id);
  self->event_id = g_strdup (event_id);
  self->event_name = g_strdup (event_name != NULL ? event_name : "");

  load_set (self, SET_TODAY, self->today_row, get_start_of_today (), TRUE);
  load_set (self, SET_UNPRINTED, self->unprinted_row, 0, TRUE);
  load_set (self, SET_EVERYONE, self->everyone_row, 0, FALSE);
  load_list (self, current_results);
  load_layouts (self);
  load_targets (self);
  update_form (self);

  return self;
}
