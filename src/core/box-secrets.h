/* box-secrets.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "box-types.h"

G_BEGIN_DECLS

#define BOX_TYPE_SECRETS (box_secrets_get_type ())
G_DECLARE_FINAL_TYPE (BoxSecrets, box_secrets, BOX, SECRETS, GObject)

BoxSecrets *box_secrets_new           (const char           *profile);
void        box_secrets_store_async   (BoxSecrets           *self,
                                       const char           *account_id,
                                       const char           *label,
                                       const char           *secret,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean    box_secrets_store_finish  (BoxSecrets           *self,
                                       GAsyncResult         *result,
                                       GError              **error);
void        box_secrets_lookup_async  (BoxSecrets           *self,
                                       const char           *account_id,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
char       *box_secrets_lookup_finish (BoxSecrets           *self,
                                       GAsyncResult         *result,
                                       GError              **error);
void        box_secrets_clear_async   (BoxSecrets           *self,
                                       const char           *account_id,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean    box_secrets_clear_finish  (BoxSecrets           *self,
                                       GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
