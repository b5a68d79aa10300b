/* box-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#ifdef __linux__
#include <signal.h>
#include <sys/prctl.h>
#endif

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <libsoup/soup.h>

#include "box-test-util.h"

static char *tmp_root;

static const char *
root (void)
{
  if (tmp_root == NULL)
    {
      g_autoptr(GError) error = NULL;
      tmp_root = g_dir_make_tmp ("boxoffice-test-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return tmp_root;
}

char *
box_test_make_dir (const char *name)
{
  static guint n;
  g_autofree char *leaf = g_strdup_printf ("%s-%u", name, ++n);
  char *path = g_build_filename (root (), leaf, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                   NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

void
box_test_cleanup (void)
{
  if (tmp_root != NULL && g_getenv ("BOX_TEST_KEEP") == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (tmp_root);
      remove_tree (file);
    }
  g_clear_pointer (&tmp_root, g_free);
}

gboolean
box_test_have_secret_service (void)
{
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, NULL);
  return service != NULL && g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

BoxTestEmulator *
box_test_emulator_start (guint       attendees,
                         const char *first_extra_arg,
                         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *port_file = NULL;
  BoxTestEmulator *emu = g_new0 (BoxTestEmulator, 1);
  const char *binary = g_getenv ("BOX_EMULATOR");
  va_list args;

  g_assert_nonnull (binary);
  emu->dir = box_test_make_dir ("emulator");
  port_file = g_build_filename (emu->dir, "port", NULL);

  g_ptr_array_add (argv, g_strdup (binary));
  g_ptr_array_add (argv, g_strdup ("--quiet"));
  g_ptr_array_add (argv, g_strdup_printf ("--attendees=%u", attendees));
  g_ptr_array_add (argv, g_strdup_printf ("--port-file=%s", port_file));
  va_start (args, first_extra_arg);
  for (const char *arg = first_extra_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  /* A failed assertion aborts the test: the emulator must not outlive it, or the test
   * runner waits for its output until the time-out. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  emu->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  /* The port file appears once the server listens. */
  for (guint i = 0; i < 1000 && emu->port == 0; i++)
    {
      g_autofree char *text = NULL;
      if (g_file_get_contents (port_file, &text, NULL, NULL))
        emu->port = (guint)g_ascii_strtoull (text, NULL, 10);
      else
        g_usleep (10 * 1000);
    }
  g_assert_cmpuint (emu->port, >, 0);
  emu->url = g_strdup_printf ("http://127.0.0.1:%u", emu->port);
  return emu;
}

void
box_test_emulator_stop (BoxTestEmulator *emu)
{
  if (emu == NULL)
    return;
  if (emu->process != NULL)
    {
      g_subprocess_send_signal (emu->process, SIGTERM);
      g_subprocess_wait (emu->process, NULL, NULL);
      g_clear_object (&emu->process);
    }
  g_free (emu->url);
  g_free (emu->dir);
  g_free (emu);
}

char *
box_test_emulator_fienta_url (BoxTestEmulator *emu)
{
  return g_strdup_printf ("%s/fienta/api/v1", emu->url);
}

typedef struct
{
  char   *method;
  char   *url;
  char   *json;
  guint   status;
  GBytes *body;
  GError *error;
} Control;

/* Runs in a thread of its own with a session of its own: a blocking request on the
 * main thread would iterate the main context under the code being tested. */
static gpointer
control_thread (gpointer data)
{
  Control *c = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  msg = soup_message_new (c->method, c->url);
  if (c->json != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (c->json, strlen (c->json));
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  c->body = soup_session_send_and_read (session, msg, NULL, &c->error);
  c->status = soup_message_get_status (msg);
  g_clear_object (&msg);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return NULL;
}

/* A reply body as JSON; fails the test if it is not. (Bodies are not NUL-terminated.) */
JsonNode *
box_test_json_from_bytes (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);

  json_parser_load_from_data (parser, data, (gssize)len, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static JsonNode *
control (BoxTestEmulator *emu,
         const char      *method,
         const char      *path,
         const char      *json)
{
  Control c = { 0 };
  JsonNode *node;

  c.method = (char *)method;
  c.url = g_strdup_printf ("%s%s", emu->url, path);
  c.json = (char *)json;
  g_thread_join (g_thread_new ("emulator-control", control_thread, &c));
  g_free (c.url);

  g_assert_no_error (c.error);
  g_assert_cmpuint (c.status, ==, 200);
  node = box_test_json_from_bytes (c.body);
  g_bytes_unref (c.body);
  return node;
}

JsonNode *
box_test_emulator_get (BoxTestEmulator *emu,
                       const char      *path)
{
  return control (emu, "GET", path, NULL);
}

JsonNode *
box_test_emulator_post (BoxTestEmulator *emu,
                        const char      *path,
                        const char      *json)
{
  return control (emu, "POST", path, json);
}

void
box_test_emulator_fault (BoxTestEmulator *emu,
                         const char      *mode,
                         int              count)
{
  g_autofree char *json = g_strdup_printf ("{\"mode\":\"%s\",\"count\":%d,\"delay_ms\":3000,\"retry_after\":1}",
                                           mode, count);
  g_autoptr(JsonNode) reply = box_test_emulator_post (emu, "/_control/fault", json);
  g_assert_nonnull (reply);
}

guint
box_test_emulator_used_count (BoxTestEmulator *emu,
                              const char      *code,
                              guint           *unused)
{
  g_autofree char *escaped = g_uri_escape_string (code, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/_control/checkins?code=%s", escaped);
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, path);
  JsonObject *obj = json_node_get_object (reply);

  if (unused != NULL)
    *unused = json_object_get_int_member_with_default (obj, "unused", 0);
  return json_object_get_int_member_with_default (obj, "used", 0);
}

char *
box_test_emulator_sample_code (BoxTestEmulator *emu,
                               const char      *status,
                               guint            index)
{
  g_autofree char *path = g_strdup_printf ("/_control/sample?event_id=10&n=%u&status=%s", index + 1, status);
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, path);
  JsonArray *tickets = json_object_get_array_member (json_node_get_object (reply), "tickets");

  g_assert_cmpuint (json_array_get_length (tickets), >, index);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (tickets, index), "code"));
}

void
box_test_got_result (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

GAsyncResult *
box_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

void
box_test_run_free (BoxTestRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_clear_pointer (&run->json, json_node_unref);
  g_free (run);
}

/* boxoffice-cli --profile PROFILE ARGS... (NULL-terminated), as an argv array. */
GPtrArray *
box_test_cli_argv (const char *profile,
                   va_list     args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (g_getenv ("BOX_CLI")));
  g_ptr_array_add (argv, g_strdup ("--profile"));
  g_ptr_array_add (argv, g_strdup (profile));
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* Runs boxoffice-cli --profile PROFILE ARGS... to the end, feeding @input on stdin. */
BoxTestRun *
box_test_cli (const char *profile,
              const char *input,
              ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  BoxTestRun *run = g_new0 (BoxTestRun, 1);
  gboolean json = FALSE;
  va_list args;

  va_start (args, input);
  argv = box_test_cli_argv (profile, args);
  va_end (args);
  for (guint i = 0; i + 1 < argv->len; i++)
    json |= g_str_equal (g_ptr_array_index (argv, i), "--json");

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;

  if (run->status == -1 || (run->status != 0 && run->status != 3))
    g_test_message ("%s %s: exit %d, stderr: %s", (char *)g_ptr_array_index (argv, 3),
                    argv->len > 5 ? (char *)g_ptr_array_index (argv, 4) : "", run->status, run->err);

  if (json && (run->status == 0 || run->status == 3 || run->status == 4))
    {
      run->json = json_from_string (run->out, &error);
      g_assert_no_error (error);
      g_assert_nonnull (run->json);
    }
  return run;
}
