/* box-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>

#include "box-sign-in-page.h"

#define LOGOUT_SECONDS 5   /* the most a logout visit may take */

static gboolean
context_menu_cb (WebKitWebView       *page,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 gpointer             user_data)
{
  return TRUE;
}

static gboolean
refuse_cb (WebKitWebView *page,
           GObject       *request,
           gpointer       user_data)
{
  return TRUE;
}

static gboolean
permission_request_cb (WebKitWebView           *page,
                       WebKitPermissionRequest *request,
                       gpointer                 user_data)
{
  webkit_permission_request_deny (request);
  return TRUE;
}

/* A sign-in page, not a browser: no new windows, no other schemes, no downloads. */
static gboolean
decide_policy_cb (WebKitWebView            *page,
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
        const char *uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
        g_autofree char *scheme = uri != NULL ? g_uri_parse_scheme (uri) : NULL;

        if (scheme == NULL || (g_ascii_strcasecmp (scheme, "https") != 0 &&
                               g_ascii_strcasecmp (scheme, "http") != 0 &&
                               g_ascii_strcasecmp (scheme, "about") != 0))
          {
            webkit_policy_decision_ignore (decision);
            return TRUE;
          }
        return FALSE;
      }
    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      webkit_policy_decision_ignore (decision);
      return TRUE;
    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      if (!webkit_response_policy_decision_is_mime_type_supported (WEBKIT_RESPONSE_POLICY_DECISION (decision)))
        {
          webkit_policy_decision_ignore (decision);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
}

/**
 * box_sign_in_page_new:
 *
 * Returns: (transfer full): a new page in a new ephemeral network session
 */
WebKitWebView *
box_sign_in_page_new (void)
{
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  WebKitWebView *page = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                                         "network-session", session,
                                                         NULL));
  WebKitSettings *settings = webkit_web_view_get_settings (page);

  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);

  g_signal_connect (page, "context-menu", G_CALLBACK (context_menu_cb), NULL);
  g_signal_connect (page, "decide-policy", G_CALLBACK (decide_policy_cb), NULL);
  g_signal_connect (page, "permission-request", G_CALLBACK (permission_request_cb), NULL);
  g_signal_connect (page, "run-file-chooser", G_CALLBACK (refuse_cb), NULL);
  g_signal_connect (page, "print", G_CALLBACK (refuse_cb), NULL);

  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (page), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sign-in page"), -1);
  return page;
}

/* A page on its way out: visiting the site's logout page. */
typedef struct
{
  WebKitWebView *page;
  guint          source_id;
  gboolean       started;    /* the logout page's load began */
  gboolean       done;
} Retiring;

static gboolean
retire_now_cb (gpointer user_data)
{
  Retiring *r = user_data;
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (r->page));

  g_signal_handlers_disconnect_by_data (r->page, r);
  if (GTK_IS_BOX (parent))
    gtk_box_remove (GTK_BOX (parent), GTK_WIDGET (r->page));
  else if (parent != NULL)
    gtk_widget_unparent (GTK_WIDGET (r->page));
  /* The last reference: the view goes, and its session with it. */
  g_object_unref (r->page);
  g_free (r);
  return G_SOURCE_REMOVE;
}

/* From an idle: not inside one of the view's own signals. */
static void
retire_soon (Retiring *r)
{
  if (r->done)
    return;
  r->done = TRUE;
  g_clear_handle_id (&r->source_id, g_source_remove);
  r->source_id = g_idle_add (retire_now_cb, r);
}

static void
load_changed_cb (WebKitWebView   *page,
                 WebKitLoadEvent  event,
                 Retiring        *r)
{
  if (event == WEBKIT_LOAD_STARTED)
    r->started = TRUE;
  else if (event == WEBKIT_LOAD_FINISHED && r->started)
    retire_soon (r);
}

/* The redirect after the logout (about:blank) may well be refused: the site has
 * answered by then. */
static gboolean
load_failed_cb (WebKitWebView   *page,
                WebKitLoadEvent  event,
                const char      *uri,
                GError          *error,
                Retiring        *r)
{
  if (r->started)
    {
      g_debug ("The logout went as far as %s: %s", uri, error->message);
      retire_soon (r);
    }
  /* No error page. */
  return TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  Retiring *r = user_data;

  g_debug ("The logout page took too long: the sign-in page goes without it");
  r->source_id = 0;
  retire_soon (r);
  return G_SOURCE_REMOVE;
}

/**
 * box_sign_in_page_retire:
 * @page: (transfer full): a page from box_sign_in_page_new()
 * @logout_uri: (nullable): the site's page that ends the person's session there
 */
void
box_sign_in_page_retire (WebKitWebView *page,
                         const char    *logout_uri)
{
  Retiring *r;

  g_return_if_fail (WEBKIT_IS_WEB_VIEW (page));

  r = g_new0 (Retiring, 1);
  r->page = page;
  gtk_widget_set_visible (GTK_WIDGET (page), FALSE);
  if (logout_uri == NULL)
    {
      retire_soon (r);
      return;
    }
  g_signal_connect (page, "load-changed", G_CALLBACK (load_changed_cb), r);
  g_signal_connect (page, "load-failed", G_CALLBACK (load_failed_cb), r);
  r->source_id = g_timeout_add_seconds (LOGOUT_SECONDS, timeout_cb, r);
  webkit_web_view_load_uri (page, logout_uri);
}
