/* box-tag-printer.c: name tags printed with WebKitGTK 6.0, to PDF or a printer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HTML is untrusted (a provider's nametag_html, an organiser's template). The web
 * view that prints it:
 * - runs no JavaScript (nor javascript: URLs), has no plugins, media, WebGL, storage or
 *   developer tools;
 * - lives in an ephemeral network session of its own (no cookies, no cache, no disk);
 * - loads through a content filter that blocks every URL but data: (and about:), so no
 *   image, style sheet, font, frame or script reaches the network; the filter is
 *   compiled once per process, and nothing is loaded before it is in place;
 * - navigates nowhere but to the document it was given (decide-policy);
 * - and the document itself carries a Content-Security-Policy with default-src 'none'
 *   (BoxTagRenderer), should any of that fail.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <webkit/webkit.h>

#include "box-error.h"
#include "box-tag-printer.h"

#define FILTER_ID "boxoffice-tags-v1"
#define BASE_URI "about:blank"

/* WebKit content-blocker rules: block everything, then let data: and about: through. */
static const char filter_rules[] =
  "[{\"trigger\": {\"url-filter\": \".*\"}, \"action\": {\"type\": \"block\"}},"
  " {\"trigger\": {\"url-filter\": \"^data:\"}, \"action\": {\"type\": \"ignore-previous-rules\"}},"
  " {\"trigger\": {\"url-filter\": \"^about:\"}, \"action\": {\"type\": \"ignore-previous-rules\"}}]";

/* ---- the content filter, once per process --------------------------------------- */

typedef enum
{
  FILTER_NONE,
  FILTER_COMPILING,
  FILTER_READY,
  FILTER_FAILED,
} FilterState;

static FilterState filter_state = FILTER_NONE;
static WebKitUserContentFilter *filter = NULL;
static GError *filter_error = NULL;
static GPtrArray *filter_waiters = NULL;   /* GTask, completed when the filter is known */

static void
filter_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&filter_waiters);
  g_autoptr(GError) error = NULL;

  filter = webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (object),
                                                         result, &error);
  g_object_unref (object);
  if (filter == NULL)
    {
      filter_state = FILTER_FAILED;
      filter_error = g_error_new (BOX_ERROR, BOX_ERROR_FAILED,
                                  _("Cannot set up the blocking of network loads for name tags: %s"),
                                  error->message);
    }
  else
    filter_state = FILTER_READY;

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (filter_state == FILTER_READY)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_error_copy (filter_error));
    }
}

/* Completes when the filter is compiled (or failed: then nothing may be loaded). */
static void
filter_ensure_async (GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_source_tag (task, filter_ensure_async);

  switch (filter_state)
    {
    case FILTER_READY:
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    case FILTER_FAILED:
      g_task_return_error (task, g_error_copy (filter_error));
      g_object_unref (task);
      return;
    case FILTER_COMPILING:
      g_ptr_array_add (filter_waiters, task);
      return;
    case FILTER_NONE:
    default:
      break;
    }

  {
    g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "boxoffice",
                                             "content-filters", NULL);
    g_autoptr(GBytes) rules = g_bytes_new_static (filter_rules, sizeof filter_rules - 1);
    WebKitUserContentFilterStore *store;

    filter_state = FILTER_COMPILING;
    filter_waiters = g_ptr_array_new_with_free_func (g_object_unref);
    g_ptr_array_add (filter_waiters, task);

    g_mkdir_with_parents (dir, 0700);
    store = webkit_user_content_filter_store_new (dir);
    webkit_user_content_filter_store_save (store, FILTER_ID, rules, NULL, filter_saved_cb, NULL);
  }
}

/* ---- a safe web view ------------------------------------------------------------- */

static void
set_if_exists (GObject    *object,
               const char *property,
               gboolean    value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);

  /* Deprecated settings do nothing any more (and say so). */
  if (pspec != NULL && (pspec->flags & G_PARAM_DEPRECATED) == 0)
    g_object_set (object, property, value, NULL);
}

static WebKitSettings *
safe_settings (void)
{
  WebKitSettings *settings = webkit_settings_new ();
  static const char * const off[] = {
    "enable-javascript",
    "enable-javascript-markup",
    "javascript-can-open-windows-automatically",
    "javascript-can-access-clipboard",
    "enable-developer-extras",
    "enable-plugins",
    "enable-java",
    "enable-html5-local-storage",
    "enable-html5-database",
    "enable-offline-web-application-cache",
    "enable-page-cache",
    "enable-dns-prefetching",
    "enable-hyperlink-auditing",
    "enable-media",
    "enable-media-stream",
    "enable-mediasource",
    "enable-encrypted-media",
    "enable-webaudio",
    "enable-webgl",
    "enable-webrtc",
    "enable-fullscreen",
    "enable-site-specific-quirks",
    "enable-back-forward-navigation-gestures",
    "enable-spatial-navigation",
    "enable-caret-browsing",
    "allow-file-access-from-file-urls",
    "allow-universal-access-from-file-urls",
    "allow-top-navigation-to-data-urls",
    "allow-modal-dialogs",
    "enable-resizable-text-areas",
    "enable-tabs-to-links",
    "media-playback-allows-inline",
    "print-backgrounds",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (off); i++)
    set_if_exists (G_OBJECT (settings), off[i], FALSE);
  /* data: images must show; backgrounds (colours, data: images) print. */
  set_if_exists (G_OBJECT (settings), "auto-load-images", TRUE);
  set_if_exists (G_OBJECT (settings), "print-backgrounds", TRUE);
  return settings;
}

/* TRUE while the view may navigate: only to the document it was just given. */
#define ALLOW_LOAD_KEY "box-tag-printer-allow-load"

static gboolean
decide_policy_cb (WebKitWebView            *view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  gpointer                  user_data)
{
  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
      {
        WebKitNavigationAction *action =
          webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
        WebKitURIRequest *request = webkit_navigation_action_get_request (action);
        const char *uri = webkit_uri_request_get_uri (request);

        if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), ALLOW_LOAD_KEY)) &&
            g_strcmp0 (uri, BASE_URI) == 0 &&
            webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER)
          {
            g_object_set_data (G_OBJECT (view), ALLOW_LOAD_KEY, GINT_TO_POINTER (FALSE));
            webkit_policy_decision_use (decision);
          }
        else
          webkit_policy_decision_ignore (decision);
      }
      return TRUE;

    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      webkit_policy_decision_ignore (decision);
      return TRUE;

    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
    default:
      return FALSE;
    }
}

static gboolean
refuse_cb (void)
{
  return TRUE;
}

static GtkWidget *
new_safe_view (void)
{
  g_autoptr(WebKitSettings) settings = safe_settings ();
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autoptr(WebKitUserContentManager) content = webkit_user_content_manager_new ();
  GtkWidget *view;

  view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                       "network-session", session,
                       "settings", settings,
                       "user-content-manager", content,
                       NULL);
  g_signal_connect (view, "decide-policy", G_CALLBACK (decide_policy_cb), NULL);
  /* No permission (geolocation, notifications...), no context menu, no script dialogs. */
  g_signal_connect (view, "permission-request", G_CALLBACK (refuse_cb), NULL);
  g_signal_connect (view, "context-menu", G_CALLBACK (refuse_cb), NULL);
  g_signal_connect (view, "script-dialog", G_CALLBACK (refuse_cb), NULL);
  return view;
}

static void
view_add_filter (GtkWidget *view)
{
  WebKitUserContentManager *content = webkit_web_view_get_user_content_manager (WEBKIT_WEB_VIEW (view));

  g_return_if_fail (filter != NULL);
  webkit_user_content_manager_remove_all_filters (content);
  webkit_user_content_manager_add_filter (content, filter);
}

static void
view_load (GtkWidget  *view,
           const char *html)
{
  g_object_set_data (G_OBJECT (view), ALLOW_LOAD_KEY, GINT_TO_POINTER (TRUE));
  webkit_web_view_load_html (WEBKIT_WEB_VIEW (view), html, BASE_URI);
}

/* ---- the printer ----------------------------------------------------------------- */

typedef struct
{
  char             *html;
  double            width_mm;
  double            height_mm;
  char             *pdf_path;    /* to PDF when set */
  GtkPrintSettings *settings;
  GtkWindow        *parent;
  gulong            cancelled_id;
  gboolean          loading;
  GError           *print_error;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->html);
  g_free (job->pdf_path);
  g_clear_object (&job->settings);
  g_clear_object (&job->parent);
  g_clear_error (&job->print_error);
  g_free (job);
}

struct _BoxTagPrinter
{
  GObject           parent_instance;

  GtkWidget        *window;     /* never shown: it gives the view a toplevel */
  GtkWidget        *view;
  GQueue            queue;      /* GTask, the jobs waiting; the head runs */
  GTask            *current;
  WebKitPrintOperation *operation;
  guint             finish_id;  /* the job's end, after "finished" */
  GtkPrintSettings *print_settings;
};

G_DEFINE_FINAL_TYPE (BoxTagPrinter, box_tag_printer, G_TYPE_OBJECT)

static void run_next (BoxTagPrinter *self);

static void
finish_current (BoxTagPrinter *self,
                GError        *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->current);
  Job *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (job->cancelled_id != 0)
    {
      g_cancellable_disconnect (cancellable, job->cancelled_id);
      job->cancelled_id = 0;
    }
  if (self->operation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->operation, self);
      g_clear_object (&self->operation);
    }

  if (error == NULL && g_cancellable_is_cancelled (cancellable))
    {
      /* Too late to stop the printer; a PDF written after the cancel is removed. */
      if (job->pdf_path != NULL)
        g_unlink (job->pdf_path);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Printing was cancelled"));
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);

  run_next (self);
}

static void
print_failed_cb (WebKitPrintOperation *operation,
                 GError               *error,
                 BoxTagPrinter        *self)
{
  Job *job = g_task_get_task_data (self->current);

  if (job->print_error == NULL)
    job->print_error = g_error_new (BOX_ERROR, BOX_ERROR_FAILED,
                                    _("Cannot print the name tags: %s"), error->message);
}

static gboolean
finish_after_print_cb (gpointer user_data)
{
  BoxTagPrinter *self = user_data;
  Job *job;

  self->finish_id = 0;
  if (self->current == NULL)
    return G_SOURCE_REMOVE;
  job = g_task_get_task_data (self->current);
  finish_current (self, g_steal_pointer (&job->print_error));
  return G_SOURCE_REMOVE;
}

/* WebKit still holds on to the operation while it says "finished": the operation is let
 * go, and the next job started, once the signal is over. */
static void
print_finished_cb (WebKitPrintOperation *operation,
                   BoxTagPrinter        *self)
{
  Job *job = g_task_get_task_data (self->current);
  GtkPrintSettings *settings = webkit_print_operation_get_print_settings (operation);

  if (settings != NULL && job->pdf_path == NULL)
    g_set_object (&self->print_settings, settings);
  if (self->finish_id == 0)
    self->finish_id = g_idle_add (finish_after_print_cb, self);
}

static GtkPageSetup *
page_setup_for (double width_mm,
                double height_mm)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autofree char *name = NULL;
  char w[G_ASCII_DTOSTR_BUF_SIZE];
  char h[G_ASCII_DTOSTR_BUF_SIZE];
  GtkPaperSize *paper;

  g_ascii_formatd (w, sizeof w, "%.1f", width_mm);
  g_ascii_formatd (h, sizeof h, "%.1f", height_mm);
  name = g_strdup_printf ("custom_boxoffice_%sx%smm", w, h);
  paper = gtk_paper_size_new_custom (name, name, width_mm, height_mm, GTK_UNIT_MM);

  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_paper_size (setup, paper);
  /* The renderer puts the margins in its CSS. */
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_MM);
  gtk_paper_size_free (paper);
  return setup;
}

static void
start_printing (BoxTagPrinter *self)
{
  Job *job = g_task_get_task_data (self->current);
  g_autoptr(GtkPageSetup) setup = page_setup_for (job->width_mm, job->height_mm);
  g_autoptr(GtkPrintSettings) settings = NULL;

  self->operation = webkit_print_operation_new (WEBKIT_WEB_VIEW (self->view));
  webkit_print_operation_set_page_setup (self->operation, setup);
  g_signal_connect (self->operation, "failed", G_CALLBACK (print_failed_cb), self);
  g_signal_connect (self->operation, "finished", G_CALLBACK (print_finished_cb), self);

  if (job->pdf_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (job->pdf_path);
      g_autofree char *uri = g_file_get_uri (file);

      settings = gtk_print_settings_new ();
      gtk_print_settings_set_printer (settings, "Print to File");
      gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
      gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
    }
  else if (job->settings != NULL)
    settings = gtk_print_settings_copy (job->settings);
  else
    settings = gtk_print_settings_new ();

  gtk_print_settings_set_orientation (settings, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_settings_set_paper_size (settings, gtk_page_setup_get_paper_size (setup));
  gtk_print_settings_set_scale (settings, 100.0);
  gtk_print_settings_set_n_copies (settings, MAX (1, gtk_print_settings_get_n_copies (settings)));
  webkit_print_operation_set_print_settings (self->operation, settings);

  if (job->pdf_path == NULL && job->parent != NULL)
    {
      WebKitPrintOperationResponse response;

      response = webkit_print_operation_run_dialog (self->operation, job->parent);
      if (response == WEBKIT_PRINT_OPERATION_RESPONSE_CANCEL)
        {
          finish_current (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _("Printing was cancelled")));
          return;
        }
      /* Printing goes on; "finished" ends the job. */
    }
  else
    webkit_print_operation_print (self->operation);
}

static void
load_changed_cb (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 BoxTagPrinter   *self)
{
  Job *job;

  if (event != WEBKIT_LOAD_FINISHED || self->current == NULL)
    return;
  job = g_task_get_task_data (self->current);
  if (!job->loading)
    return;
  job->loading = FALSE;

  if (job->print_error != NULL)
    {
      finish_current (self, g_steal_pointer (&job->print_error));
      return;
    }
  if (g_task_return_error_if_cancelled (self->current))
    {
      GTask *task = g_steal_pointer (&self->current);

      if (job->cancelled_id != 0)
        g_cancellable_disconnect (g_task_get_cancellable (task), job->cancelled_id);
      job->cancelled_id = 0;
      g_object_unref (task);
      run_next (self);
      return;
    }
  start_printing (self);
}

static gboolean
load_failed_cb (WebKitWebView   *view,
                WebKitLoadEvent  event,
                const char      *uri,
                GError          *error,
                BoxTagPrinter   *self)
{
  Job *job;

  if (self->current == NULL)
    return TRUE;
  job = g_task_get_task_data (self->current);
  /* The cancel handler stops the load: that is not a failure. */
  if (job->loading && job->print_error == NULL &&
      !g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
    job->print_error = g_error_new (BOX_ERROR, BOX_ERROR_FAILED,
                                    _("Cannot lay out the name tags: %s"), error->message);
  /* load-changed FINISHED follows and ends the job. */
  return TRUE;
}

static gboolean
stop_loading_idle (gpointer user_data)
{
  BoxTagPrinter *self = user_data;

  if (self->current != NULL && self->view != NULL &&
      ((Job *) g_task_get_task_data (self->current))->loading)
    webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (self->view));
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
job_cancelled_cb (GCancellable  *cancellable,
                  BoxTagPrinter *self)
{
  /* May run in the cancelling thread: the load is stopped from the main context. */
  g_idle_add_full (G_PRIORITY_HIGH, stop_loading_idle, g_object_ref (self), NULL);
}

static void
filter_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BoxTagPrinter) self = user_data;
  GError *error = NULL;
  Job *job;

  if (self->current == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      finish_current (self, error);
      return;
    }
  if (g_task_get_cancellable (self->current) != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (self->current)))
    {
      finish_current (self, NULL);
      return;
    }

  job = g_task_get_task_data (self->current);
  view_add_filter (self->view);
  job->loading = TRUE;
  view_load (self->view, job->html);
}

static void
run_next (BoxTagPrinter *self)
{
  if (self->current != NULL)
    return;

  while ((self->current = g_queue_pop_head (&self->queue)) != NULL)
    {
      GCancellable *cancellable = g_task_get_cancellable (self->current);

      if (g_task_return_error_if_cancelled (self->current))
        {
          g_clear_object (&self->current);
          continue;
        }
      if (cancellable != NULL)
        ((Job *) g_task_get_task_data (self->current))->cancelled_id =
          g_cancellable_connect (cancellable, G_CALLBACK (job_cancelled_cb), self, NULL);
      filter_ensure_async (filter_ready_cb, g_object_ref (self));
      return;
    }
}

static void
box_tag_printer_dispose (GObject *object)
{
  BoxTagPrinter *self = BOX_TAG_PRINTER (object);

  g_clear_handle_id (&self->finish_id, g_source_remove);
  if (self->operation != NULL)
    g_signal_handlers_disconnect_by_data (self->operation, self);
  g_clear_object (&self->operation);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  self->view = NULL;
  if (self->window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->window));
  self->window = NULL;
  g_clear_object (&self->print_settings);

  G_OBJECT_CLASS (box_tag_printer_parent_class)->dispose (object);
}

static void
box_tag_printer_class_init (BoxTagPrinterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = box_tag_printer_dispose;
}

static void
box_tag_printer_init (BoxTagPrinter *self)
{
  g_queue_init (&self->queue);

  self->view = new_safe_view ();
  g_signal_connect (self->view, "load-changed", G_CALLBACK (load_changed_cb), self);
  g_signal_connect (self->view, "load-failed", G_CALLBACK (load_failed_cb), self);

  self->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (self->window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (self->window), self->view);
}

BoxTagPrinter *
box_tag_printer_new (void)
{
  return g_object_new (BOX_TYPE_TAG_PRINTER, NULL);
}

static void
queue_job (BoxTagPrinter       *self,
           Job                 *job,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, box_tag_printer_print_async);
  g_task_set_task_data (task, job, job_free);
  g_queue_push_tail (&self->queue, g_steal_pointer (&task));
  run_next (self);
}

void
box_tag_printer_print_pdf_async (BoxTagPrinter       *self,
                                 const char          *html,
                                 double               page_width_mm,
                                 double               page_height_mm,
                                 const char          *pdf_path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Job *job;

  g_return_if_fail (BOX_IS_TAG_PRINTER (self));
  g_return_if_fail (html != NULL);
  g_return_if_fail (pdf_path != NULL);
  g_return_if_fail (page_width_mm > 0 && page_height_mm > 0);

  job = g_new0 (Job, 1);
  job->html = g_strdup (html);
  job->width_mm = page_width_mm;
  job->height_mm = page_height_mm;
  job->pdf_path = g_strdup (pdf_path);
  queue_job (self, job, cancellable, callback, user_data);
}

void
box_tag_printer_print_async (BoxTagPrinter       *self,
                             const char          *html,
                             double               page_width_mm,
                             double               page_height_mm,
                             GtkPrintSettings    *settings,
                             GtkWindow           *parent,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Job *job;

  g_return_if_fail (BOX_IS_TAG_PRINTER (self));
  g_return_if_fail (html != NULL);
  g_return_if_fail (settings == NULL || GTK_IS_PRINT_SETTINGS (settings));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (page_width_mm > 0 && page_height_mm > 0);

  job = g_new0 (Job, 1);
  job->html = g_strdup (html);
  job->width_mm = page_width_mm;
  job->height_mm = page_height_mm;
  job->settings = settings != NULL ? g_object_ref (settings) : NULL;
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  queue_job (self, job, cancellable, callback, user_data);
}

gboolean
box_tag_printer_print_finish (BoxTagPrinter  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (BOX_IS_TAG_PRINTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GtkPrintSettings *
box_tag_printer_get_print_settings (BoxTagPrinter *self)
{
  g_return_val_if_fail (BOX_IS_TAG_PRINTER (self), NULL);

  return self->print_settings;
}

/* ---- the preview ------------------------------------------------------------------ */

#define PREVIEW_HTML_KEY "box-tag-preview-html"

static void
preview_filter_ready_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GtkWidget) preview = user_data;
  g_autoptr(GError) error = NULL;
  const char *html;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("%s", error->message);
      return;
    }

  html = g_object_get_data (G_OBJECT (preview), PREVIEW_HTML_KEY);
  view_add_filter (preview);
  g_object_set_data (G_OBJECT (preview), "box-tag-preview-ready", GINT_TO_POINTER (TRUE));
  if (html != NULL)
    view_load (preview, html);
}

GtkWidget *
box_tag_printer_new_preview (void)
{
  GtkWidget *preview = new_safe_view ();

  filter_ensure_async (preview_filter_ready_cb, g_object_ref (preview));
  return preview;
}

void
box_tag_printer_preview_load (GtkWidget  *preview,
                              const char *html)
{
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (preview));
  g_return_if_fail (html != NULL);

  /* Nothing loads before the filter is in place: the last document waits for it. */
  g_object_set_data_full (G_OBJECT (preview), PREVIEW_HTML_KEY, g_strdup (html), g_free);
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (preview), "box-tag-preview-ready")))
    view_load (preview, html);
}
