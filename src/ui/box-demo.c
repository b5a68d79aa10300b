/* box-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-demo"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#ifdef __linux__
#include <signal.h>
#include <sys/prctl.h>
#endif

#include "box-demo.h"

/* "Try the demo": the demo server (the emulator the tests use, with sample events for
 * every provider) on a free loopback port, and a throwaway profile. Stopping it ends
 * the server and deletes the profile. */

#define START_TIMEOUT_MS 10000
#define POLL_MS          50

struct _BoxDemo
{
  GObject      parent_instance;

  GSubprocess *server;
  char        *dir;
  char        *profile_dir;
  char        *port_file;
  guint        port;
};

G_DEFINE_FINAL_TYPE (BoxDemo, box_demo, G_TYPE_OBJECT)

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

void
box_demo_stop (BoxDemo *self)
{
  g_return_if_fail (BOX_IS_DEMO (self));

  if (self->server != NULL)
    {
      g_subprocess_force_exit (self->server);
      g_clear_object (&self->server);
    }
  if (self->dir != NULL)
    {
      remove_tree (self->dir);
      g_clear_pointer (&self->dir, g_free);
    }
}

static void
box_demo_finalize (GObject *object)
{
  BoxDemo *self = (BoxDemo *)object;

  box_demo_stop (self);
  g_free (self->profile_dir);
  g_free (self->port_file);

  G_OBJECT_CLASS (box_demo_parent_class)->finalize (object);
}

static void
box_demo_class_init (BoxDemoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = box_demo_finalize;
}

static void
box_demo_init (BoxDemo *self)
{
}

static const char *
find_server (void)
{
  const char *env = g_getenv ("BOXOFFICE_DEMO_SERVER");

  if (env != NULL && *env != '\0')
    return env;
  if (g_file_test (BOX_DEMO_SERVER_BUILD, G_FILE_TEST_IS_EXECUTABLE))
    return BOX_DEMO_SERVER_BUILD;
  return BOX_DEMO_SERVER_INSTALLED;
}

static gboolean
poll_port_cb (gpointer user_data)
{
  GTask *task = user_data;
  BoxDemo *self = g_task_get_task_data (task);
  g_autofree char *contents = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      box_demo_stop (self);
      goto done;
    }

  if (g_file_get_contents (self->port_file, &contents, NULL, NULL) && *g_strstrip (contents))
    {
      self->port = (guint)g_ascii_strtoull (contents, NULL, 10);
      if (self->port > 0)
        {
          g_task_return_pointer (task, g_object_ref (self), g_object_unref);
          goto done;
        }
    }

  if (g_get_monotonic_time () - GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "started"))
      < START_TIMEOUT_MS * 1000)
    return G_SOURCE_CONTINUE;

  box_demo_stop (self);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           _("The demo server did not start within %d seconds."),
                           START_TIMEOUT_MS / 1000);

done:
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
server_exited_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  g_debug ("The demo server stopped");
}

/* In the server, before it runs: it ends with the app, even when the app is killed. */
static void
server_child_setup (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

void
box_demo_start_async (GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(BoxDemo) self = g_object_new (BOX_TYPE_DEMO, NULL);
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GError *error = NULL;
  const char *server = find_server ();

  g_task_set_source_tag (task, box_demo_start_async);
  g_task_set_task_data (task, g_object_ref (self), g_object_unref);

  self->dir = g_dir_make_tmp ("boxoffice-demo-XXXXXX", &error);
  if (self->dir == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  self->profile_dir = g_build_filename (self->dir, "profile", NULL);
  self->port_file = g_build_filename (self->dir, "port", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, server_child_setup, NULL, NULL);
  self->server = g_subprocess_launcher_spawn (launcher, &error, server, "--quiet",
                                              "--attendees", "2000", "--port-file", self->port_file,
                                              NULL);
  if (self->server == NULL)
    {
      box_demo_stop (self);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("Cannot start the demo server “%s”: %s"), server, error->message);
      g_error_free (error);
      g_object_unref (task);
      return;
    }
  g_subprocess_wait_async (self->server, NULL, server_exited_cb, NULL);

  g_object_set_data (G_OBJECT (task), "started", GSIZE_TO_POINTER ((gsize)g_get_monotonic_time ()));
  g_timeout_add (POLL_MS, poll_port_cb, task);
}

/**
 * box_demo_start_finish:
 *
 * Returns: (transfer full): the running demo; unref or box_demo_stop() ends it
 */
BoxDemo *
box_demo_start_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
box_demo_get_profile_dir (BoxDemo *self)
{
  g_return_val_if_fail (BOX_IS_DEMO (self), NULL);
  return self->profile_dir;
}

/**
 * box_demo_get_base_url:
 * @provider_path: the provider's API below the server, e.g. "/fienta/api/v1"
 */
char *
box_demo_get_base_url (BoxDemo    *self,
                       const char *provider_path)
{
  g_return_val_if_fail (BOX_IS_DEMO (self), NULL);
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, provider_path);
}

/**
 * box_demo_get_eventyay_setup:
 *
 * Returns: (transfer full): the setup code of a check-in device of the demo server's
 *   Eventyay event, as its QR code would give it
 */
char *
box_demo_get_eventyay_setup (BoxDemo *self)
{
  g_return_val_if_fail (BOX_IS_DEMO (self), NULL);
  return g_strdup_printf ("{\"version\": 3, \"url\": \"http://127.0.0.1:%u/eventyaydroid/api/demoorga/democon/\","
                          " \"key\": \"%s\", \"allow_search\": true, \"show_info\": true}",
                          self->port, BOX_DEMO_EVENTYAY_KEY);
}

static void
token_minted_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) token = NULL;
  GError *error = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (soup_message_get_status (msg) == SOUP_STATUS_OK)
    root = json_from_string (g_bytes_get_data (body, NULL), NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "access_token"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The demo server gave no sign-in for its sample account (HTTP %u)."),
                               soup_message_get_status (msg));
      return;
    }

  token = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &name, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
      g_hash_table_insert (token, g_strdup (name), g_strdup (json_node_get_string (value)));
  g_task_return_pointer (task, g_steal_pointer (&token), (GDestroyNotify)g_hash_table_unref);
}

/**
 * box_demo_mint_token_async:
 * @provider: "floktu" or "currinda"
 * @request: the JSON the demo server's control endpoint takes: "{}" for Floktu,
 *   {"delegate": EMAIL, "scope": "org-19"} for Currinda
 *
 * Has the demo server make the token its sign-in page would give, so that the demo's
 * accounts need no browser.
 */
void
box_demo_mint_token_async (BoxDemo             *self,
                           const char          *provider,
                           const char          *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  GTask *task;

  g_return_if_fail (BOX_IS_DEMO (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_demo_mint_token_async);

  url = g_strdup_printf ("http://127.0.0.1:%u/_control/%s/token", self->port, provider);
  msg = soup_message_new ("POST", url);
  body = g_bytes_new (request, strlen (request));
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  session = soup_session_new ();
  /* The session lives as long as the request. */
  g_task_set_task_data (task, g_object_ref (session), g_object_unref);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    token_minted_cb, task);
}

/**
 * box_demo_mint_token_finish:
 *
 * Returns: (transfer full): the token's string members: "access_token", and
 *   "refresh_token" when there is one
 */
GHashTable *
box_demo_mint_token_finish (BoxDemo       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
