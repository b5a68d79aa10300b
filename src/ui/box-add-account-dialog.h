/* box-add-account-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "box-desk.h"

G_BEGIN_DECLS

#define BOX_TYPE_ADD_ACCOUNT_DIALOG (box_add_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BoxAddAccountDialog, box_add_account_dialog, BOX, ADD_ACCOUNT_DIALOG, AdwWindow)

/* Emits ::account-added (BoxAccount *account) when an account was verified and saved. */
BoxAddAccountDialog *box_add_account_dialog_new (GtkWindow *parent,
                                                 BoxDesk   *desk);
BoxAddAccountDialog *box_add_account_dialog_new_reconnect (GtkWindow  *parent,
                                                           BoxDesk    *desk,
                                                           BoxAccount *account);

G_END_DECLS
