/* box-kiosk-pin-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Asks the organiser for the PIN that leaves kiosk mode, twice, and keeps its hash in
 * the kiosk-pin-hash setting. Finishes with TRUE when a PIN was set, FALSE when the
 * dialog was cancelled. */
void      box_kiosk_pin_dialog_ask_async  (GtkWindow           *parent,
                                           GSettings           *settings,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  box_kiosk_pin_dialog_ask_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
