/* box-sign-in-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

/* A provider's sign-in page for one person on a shared screen (a kiosk's delegate): a
 * web view in an ephemeral network session of its own, so that no cookie, cache or
 * history reaches the disk or the next person, and locked down to signing in: no
 * context menu, developer tools, new windows, other schemes, downloads, file choosers,
 * printing or permissions. */
WebKitWebView *box_sign_in_page_new    (void);
/* Takes @page over: it visits @logout_uri (nullable) so that the site ends the
 * person's session there, then leaves its parent and goes, with its network session;
 * after a few seconds without an answer it goes anyway. */
void           box_sign_in_page_retire (WebKitWebView *page,
                                        const char    *logout_uri);

G_END_DECLS
