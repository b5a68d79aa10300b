/* box-print-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "box-desk.h"
#include "box-tag-jobs.h"

G_BEGIN_DECLS

#define BOX_TYPE_PRINT_DIALOG (box_print_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BoxPrintDialog, box_print_dialog, BOX, PRINT_DIALOG, AdwWindow)

/* Prints a batch of an event's name tags: those checked in today, all checked in,
 * or the attendees of @current_results (nullable; BoxAttendee items, the list as
 * searched now). Emits ::printed (guint count, const char *pdf_path or NULL) when the
 * tags went to the printer or the file, then closes by itself. */
BoxPrintDialog *box_print_dialog_new (GtkWindow  *parent,
                                      BoxDesk    *desk,
                                      BoxTagJobs *jobs,
                                      const char *account_id,
                                      const char *event_id,
                                      const char *event_name,
                                      GListModel *current_results);

G_END_DECLS
