/* box-account.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-types.h"

G_BEGIN_DECLS

#define BOX_TYPE_ACCOUNT (box_account_get_type ())
G_DECLARE_FINAL_TYPE (BoxAccount, box_account, BOX, ACCOUNT, GObject)


BoxAccount      *box_account_new          (const char      *id,
                                           const char      *provider,
                                           const char      *name,
                                           const char      *base_url);
const char      *box_account_get_id       (BoxAccount      *self);
const char      *box_account_get_provider (BoxAccount      *self);
const char      *box_account_get_name     (BoxAccount      *self);
void             box_account_set_name     (BoxAccount      *self,
                                           const char      *name);
const char      *box_account_get_base_url (BoxAccount      *self);
BoxAccountState  box_account_get_state    (BoxAccount      *self);
void             box_account_set_state    (BoxAccount      *self,
                                           BoxAccountState  state);
/* Provider-specific settings that are not secret, as a JSON object text ("{}" when none). */
const char      *box_account_get_settings (BoxAccount      *self);
void             box_account_set_settings (BoxAccount      *self,
                                           const char      *settings);

G_END_DECLS
