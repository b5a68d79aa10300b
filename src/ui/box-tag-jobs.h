/* box-tag-jobs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "box-desk.h"
#include "box-tag-renderer.h"

G_BEGIN_DECLS

/* Where a job's tags go. */
typedef enum
{
  BOX_TAG_TARGET_PRINTER = 0,   /* the chosen printer; the print dialog when none is chosen */
  BOX_TAG_TARGET_DIALOG,        /* always through the print dialog */
  BOX_TAG_TARGET_PDF,           /* a PDF file */
} BoxTagTarget;

/* Name tags for the window: the renderer set up from the settings (label, margins,
 * orientation, template, source), the WebKit printer, and a record of every print in
 * the desk. One job at a time; later ones wait. */
#define BOX_TYPE_TAG_JOBS (box_tag_jobs_get_type ())
G_DECLARE_FINAL_TYPE (BoxTagJobs, box_tag_jobs, BOX, TAG_JOBS, GObject)

BoxTagJobs     *box_tag_jobs_new            (BoxDesk         *desk,
                                             GSettings       *settings);
/* The renderer as the settings say now (for the preview); @error says what is wrong
 * with a template file. */
BoxTagRenderer *box_tag_jobs_make_renderer  (BoxTagJobs      *self,
                                             const char      *event_name,
                                             BoxTagLayout     layout,
                                             GError         **error);
/* @attendees: (element-type BoxAttendee) of one event; @pdf_path for BOX_TAG_TARGET_PDF;
 * @parent for the dialog. Records a print for each attendee when done. */
void            box_tag_jobs_print_async    (BoxTagJobs      *self,
                                             GPtrArray       *attendees,
                                             const char      *event_name,
                                             BoxTagLayout     layout,
                                             BoxTagTarget     target,
                                             const char      *pdf_path,
                                             GtkWindow       *parent,
                                             GCancellable    *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer         user_data);
/* Returns: the number of tags printed; 0 with G_IO_ERROR_CANCELLED when the person
 * cancelled the print dialog. */
guint           box_tag_jobs_print_finish   (BoxTagJobs      *self,
                                             GAsyncResult    *result,
                                             GError         **error);

G_END_DECLS
