/* box-kiosk-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "box-desk.h"
#include "box-tag-jobs.h"

G_BEGIN_DECLS

#define BOX_TYPE_KIOSK_VIEW (box_kiosk_view_get_type ())
G_DECLARE_FINAL_TYPE (BoxKioskView, box_kiosk_view, BOX, KIOSK_VIEW, GtkWidget)

/* A self-service screen for one event: attendees find themselves (ticket code, or
 * e-mail and the start of the last name), check in and take their name tag; delegates
 * of a provider with its own sign-in (Currinda) sign in on an embedded page. Emits
 * ::leave when the organiser's PIN is entered. */
GtkWidget            *box_kiosk_view_new                 (void);
void                  box_kiosk_view_set_desk            (BoxKioskView *self,
                                                          BoxDesk      *desk);
void                  box_kiosk_view_set_settings        (BoxKioskView *self,
                                                          GSettings    *settings);
void                  box_kiosk_view_set_tag_jobs        (BoxKioskView *self,
                                                          BoxTagJobs   *tag_jobs);
void                  box_kiosk_view_set_account_id      (BoxKioskView *self,
                                                          const char   *account_id);
void                  box_kiosk_view_set_event_id        (BoxKioskView *self,
                                                          const char   *event_id);
guint                 box_kiosk_view_get_idle_seconds    (BoxKioskView *self);
void                  box_kiosk_view_set_idle_seconds    (BoxKioskView *self,
                                                          guint         idle_seconds);
/* Back to the start screen with nothing of the last person left. */
void                  box_kiosk_view_reset               (BoxKioskView *self);

/* What is on screen: "start", "busy", "confirm", "done", "delegate", "registration"
 * or "pin". */
const char           *box_kiosk_view_get_page            (BoxKioskView *self);
/* For the tests: the delegate's sign-in page and its session while it is open, and
 * how many web views are left (the open one and those still signing out). */
WebKitWebView        *box_kiosk_view_get_web_view        (BoxKioskView *self);
WebKitNetworkSession *box_kiosk_view_get_network_session (BoxKioskView *self);
guint                 box_kiosk_view_get_n_web_views     (BoxKioskView *self);

G_END_DECLS
