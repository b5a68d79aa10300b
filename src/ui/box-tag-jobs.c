/* box-tag-jobs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "boxoffice"

#include "config.h"

#include <glib/gi18n.h>

#include "box-attendee.h"
#include "box-label-size.h"
#include "box-tag-jobs.h"
#include "box-tag-printer.h"

struct _BoxTagJobs
{
  GObject        parent_instance;

  BoxDesk       *desk;
  GSettings     *settings;
  BoxTagPrinter *printer;     /* made on the first print: it needs a display */
};

G_DEFINE_FINAL_TYPE (BoxTagJobs, box_tag_jobs, G_TYPE_OBJECT)

typedef struct
{
  GPtrArray    *attendees;
  BoxTagTarget  target;
  gboolean      used_dialog;
} Job;

static void
job_free (Job *job)
{
  g_ptr_array_unref (job->attendees);
  g_free (job);
}

static void
box_tag_jobs_dispose (GObject *object)
{
  BoxTagJobs *self = (BoxTagJobs *)object;

  g_clear_object (&self->printer);
  g_clear_object (&self->desk);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (box_tag_jobs_parent_class)->dispose (object);
}

static void
box_tag_jobs_class_init (BoxTagJobsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = box_tag_jobs_dispose;
}

static void
box_tag_jobs_init (BoxTagJobs *self)
{
}

BoxTagJobs *
box_tag_jobs_new (BoxDesk   *desk,
                  GSettings *settings)
{
  BoxTagJobs *self = g_object_new (BOX_TYPE_TAG_JOBS, NULL);

  self->desk = g_object_ref (desk);
  self->settings = g_object_ref (settings);
  return self;
}

/* The label as it comes out of the printer, from the settings. */
static void
label_from_settings (BoxTagJobs *self,
                     double     *width_mm,
                     double     *height_mm,
                     double     *margin_mm)
{
  g_autofree char *id = g_settings_get_string (self->settings, "label-size");
  const BoxLabelSize *size = box_label_size_find (id);
  gboolean landscape = g_settings_get_boolean (self->settings, "label-landscape");

  if (g_str_equal (id, "custom") || size == NULL)
    {
      *width_mm = g_settings_get_double (self->settings, "label-width-mm");
      *height_mm = g_settings_get_double (self->settings, "label-height-mm");
      if (size == NULL && !g_str_equal (id, "custom"))
        g_warning ("Unknown label size “%s”; using the custom size", id);
    }
  else
    {
      *width_mm = size->width_mm;
      *height_mm = size->height_mm;
    }

  /* Landscape: the long side across. */
  if ((landscape && *width_mm < *height_mm) || (!landscape && *width_mm > *height_mm))
    {
      double w = *width_mm;
      *width_mm = *height_mm;
      *height_mm = w;
    }
  *margin_mm = g_settings_get_double (self->settings, "label-margin-mm");
}

/**
 * box_tag_jobs_make_renderer:
 *
 * Returns: (transfer full) (nullable): the renderer, or %NULL when the template file
 *   cannot be read or is not a valid template
 */
BoxTagRenderer *
box_tag_jobs_make_renderer (BoxTagJobs    *self,
                            const char    *event_name,
                            BoxTagLayout   layout,
                            GError       **error)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autofree char *template_path = NULL;
  g_autofree char *source = NULL;
  double width, height, margin;

  g_return_val_if_fail (BOX_IS_TAG_JOBS (self), NULL);

  template_path = g_settings_get_string (self->settings, "tag-template");
  if (*template_path != '\0')
    {
      g_autofree char *html = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!g_file_get_contents (template_path, &html, NULL, &local_error))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Cannot read the name-tag template “%s”: %s. Choose another one in Preferences › Name Tags."),
                       template_path, local_error->message);
          return NULL;
        }
      if (!box_tag_renderer_set_template (renderer, html, error))
        return NULL;
    }

  source = g_settings_get_string (self->settings, "tag-source");
  box_tag_renderer_set_source (renderer, g_str_equal (source, "template")
                                         ? BOX_TAG_SOURCE_TEMPLATE : BOX_TAG_SOURCE_AUTO);
  box_tag_renderer_set_event_name (renderer, event_name);
  label_from_settings (self, &width, &height, &margin);
  box_tag_renderer_set_label (renderer, width, height, margin);
  box_tag_renderer_set_layout (renderer, layout);
  return g_steal_pointer (&renderer);
}

static void
printed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxTagJobs *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  const char *target = job->target == BOX_TAG_TARGET_PDF ? "pdf" : "printer";

  if (!box_tag_printer_print_finish (BOX_TAG_PRINTER (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The printer chosen in the dialog is where the next tags go without asking. */
  if (job->used_dialog && job->target == BOX_TAG_TARGET_PRINTER)
    {
      GtkPrintSettings *settings = box_tag_printer_get_print_settings (self->printer);
      const char *name = settings ? gtk_print_settings_get_printer (settings) : NULL;

      if (name != NULL && *name != '\0')
        g_settings_set_string (self->settings, "printer-name", name);
    }

  for (guint i = 0; i < job->attendees->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (job->attendees, i);
      g_autoptr(GError) record_error = NULL;

      if (!box_desk_record_print (self->desk, box_attendee_get_account_id (a),
                                  box_attendee_get_event_id (a), box_attendee_get_code (a), target,
                                  &record_error))
        g_warning ("Could not record the printed tag of %s: %s", box_attendee_get_code (a),
                   record_error->message);
    }

  g_task_return_int (task, job->attendees->len);
}

void
box_tag_jobs_print_async (BoxTagJobs          *self,
                          GPtrArray           *attendees,
                          const char          *event_name,
                          BoxTagLayout         layout,
                          BoxTagTarget         target,
                          const char          *pdf_path,
                          GtkWindow           *parent,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(BoxTagRenderer) renderer = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autofree char *html = NULL;
  g_autofree char *printer_name = NULL;
  GError *error = NULL;
  double width, height;
  Job *job;

  g_return_if_fail (BOX_IS_TAG_JOBS (self));
  g_return_if_fail (attendees != NULL);
  g_return_if_fail (target != BOX_TAG_TARGET_PDF || pdf_path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_tag_jobs_print_async);
  job = g_new0 (Job, 1);
  job->attendees = g_ptr_array_ref (attendees);
  job->target = target;
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);

  if (attendees->len == 0)
    {
      g_task_return_int (task, 0);
      return;
    }

  renderer = box_tag_jobs_make_renderer (self, event_name, layout, &error);
  if (renderer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  html = box_tag_renderer_render (renderer, attendees);
  box_tag_renderer_get_page_size (renderer, &width, &height);

  if (self->printer == NULL)
    self->printer = box_tag_printer_new ();

  if (target == BOX_TAG_TARGET_PDF)
    {
      box_tag_printer_print_pdf_async (self->printer, html, width, height, pdf_path, cancellable,
                                       printed_cb, g_steal_pointer (&task));
      return;
    }

  printer_name = g_settings_get_string (self->settings, "printer-name");
  if (*printer_name != '\0')
    {
      settings = gtk_print_settings_new ();
      gtk_print_settings_set_printer (settings, printer_name);
    }
  job->used_dialog = target == BOX_TAG_TARGET_DIALOG || settings == NULL;
  box_tag_printer_print_async (self->printer, html, width, height, settings,
                               job->used_dialog ? parent : NULL, cancellable, printed_cb,
                               g_steal_pointer (&task));
}

guint
box_tag_jobs_print_finish (BoxTagJobs    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint)n;
}
