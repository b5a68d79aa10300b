/* box-tag-printer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Prints a name-tag document (from BoxTagRenderer) with WebKitGTK 6.0: to a PDF file, to
 * a printer straight away, or through the GTK print dialog. The HTML is untrusted:
 * JavaScript off, every network load blocked (only data: gets through), no navigation,
 * an ephemeral network session. Needs a display. */

#define BOX_TYPE_TAG_PRINTER (box_tag_printer_get_type ())
G_DECLARE_FINAL_TYPE (BoxTagPrinter, box_tag_printer, BOX, TAG_PRINTER, GObject)

BoxTagPrinter *box_tag_printer_new                (void);

void           box_tag_printer_print_pdf_async    (BoxTagPrinter        *self,
                                                   const char           *html,
                                                   double                page_width_mm,
                                                   double                page_height_mm,
                                                   const char           *pdf_path,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
/* @settings: (nullable): the printer and its settings; with @parent, the print dialog
 * is shown first (and the settings chosen there are returned by
 * box_tag_printer_get_print_settings()). */
void           box_tag_printer_print_async        (BoxTagPrinter        *self,
                                                   const char           *html,
                                                   double                page_width_mm,
                                                   double                page_height_mm,
                                                   GtkPrintSettings     *settings,
                                                   GtkWindow            *parent,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
/* FALSE with G_IO_ERROR_CANCELLED when the person cancelled the dialog. */
gboolean       box_tag_printer_print_finish       (BoxTagPrinter        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
GtkPrintSettings *box_tag_printer_get_print_settings (BoxTagPrinter     *self);

/* A safe web view (same rules) for the live preview of a tag. */
GtkWidget     *box_tag_printer_new_preview        (void);
void           box_tag_printer_preview_load       (GtkWidget            *preview,
                                                   const char           *html);

G_END_DECLS
