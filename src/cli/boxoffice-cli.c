/* boxoffice-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "boxoffice-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-cli-output.h"
#include "box-desk.h"
#include "box-error.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-label-size.h"
#include "box-providers.h"
#include "box-tag-printer.h"
#include "box-tag-renderer.h"

/* boxoffice-cli: the desk from a terminal. The contract (commands, options, JSON keys,
 * exit codes) is in CLI.md; scripts and the acceptance tests depend on it. */

enum {
  EXIT_OK        = 0,
  EXIT_ERROR     = 1,
  EXIT_USAGE     = 2,
  EXIT_REFUSED   = 3,
  EXIT_QUESTIONS = 4,
};

typedef struct
{
  BoxDesk      *desk;
  GCancellable *cancellable;
} Cli;

typedef int (*CommandFunc) (Cli *cli, int argc, char **argv);

static int
fail (const GError *error)
{
  g_autofree char *one_line = g_strdup (error->message);

  g_strdelimit (one_line, "\r\n", ' ');
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    fprintf (stderr, "error: %s\n", _("Cancelled. Nothing that was saved is lost."));
  else
    fprintf (stderr, "error: %s\n", one_line);
  return EXIT_ERROR;
}

static int
usage (const char *message)
{
  fprintf (stderr, "error: %s\n", message);
  return EXIT_USAGE;
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

/* The CLI is a script: it waits for each operation, with the main loop running. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
interrupted_cb (gpointer user_data)
{
  Cli *cli = user_data;
  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

static char *
read_stdin_secret (GError **error)
{
  GString *text = g_string_new (NULL);
  char buf[4096];
  size_t n;

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    {
      g_string_append_len (text, buf, n);
      if (text->len > 64 * 1024)
        break;
    }

  g_strstrip (text->str);
  if (text->str[0] == '\0' || text->len > 64 * 1024 || !g_utf8_validate (text->str, -1, NULL))
    {
      g_string_free (text, TRUE);
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("Nothing usable came on standard input. Pipe the secret in, for example: echo \"$KEY\" | boxoffice-cli accounts add fienta --token-stdin"));
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static gboolean
parse_options (int           *argc,
               char        ***argv,
               const char    *parameters,
               GOptionEntry  *entries,
               int           *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = usage (error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_event (const char  *ref,
             char       **account_id,
             char       **event_id,
             int         *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (!box_desk_parse_event_ref (ref, account_id, event_id, &error))
    {
      *exit_code = usage (error->message);
      return FALSE;
    }
  return TRUE;
}

typedef void (*AddFunc) (JsonBuilder *builder,
                         gpointer     item);

static void
print_json_list (GPtrArray *items,
                 AddFunc    add)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    add (builder, g_ptr_array_index (items, i));
  json_builder_end_array (builder);
  box_cli_print_json (builder);
}

/* accounts ------------------------------------------------------------------------------ */

/* OAuth: the sign-in page goes to stdout with --no-browser, else to the browser (and,
 * should none open, to stderr so that it can be opened by hand). */
static gboolean
open_uri_cb (BoxDesk    *desk,
             const char *uri,
             gpointer    user_data)
{
  gboolean no_browser = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;

  if (no_browser)
    {
      printf ("%s\n", uri);
      fflush (stdout);
      fprintf (stderr, "%s\n", _("Open the address above in a browser and sign in; waiting for the answer (Ctrl+C cancels)…"));
      return TRUE;
    }
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    fprintf (stderr, _("warning: could not open a web browser (%s). Open this address in a browser and sign in:\n%s\n"),
             error->message, uri);
  else
    fprintf (stderr, "%s\n", _("Sign in in the browser window that opened; waiting for the answer (Ctrl+C cancels)…"));
  return TRUE;
}

/* Floktu and Currinda: the client's id and secret, and for Currinda the site and the
 * scope. Returns an exit code, or -1 when @credentials are ready. */
static int
read_oauth_credentials (const char  *kind,
                        const char  *client_id,
                        gboolean     client_secret_stdin,
                        const char  *site,
                        const char  *event,
                        const char  *organisation,
                        char       **base_url,
                        GHashTable  *credentials)
{
  g_autoptr(GError) error = NULL;
  char *secret;

  if (client_id == NULL || !client_secret_stdin)
    return usage (_("Give the OAuth client: --client-id ID, and pipe the client secret in with --client-secret-stdin."));
  if (g_str_equal (kind, "currinda"))
    {
      if (site == NULL)
        return usage (_("accounts add currinda needs --site URL, the address of the Currinda site (https://NAME.currinda.com)."));
      if ((event == NULL) == (organisation == NULL))
        return usage (_("Give either --event ID (a delegate’s registration) or --organisation ID (membership)."));
      g_free (*base_url);
      *base_url = g_strdup (site);
      if (event != NULL)
        g_hash_table_insert (credentials, "event", g_strdup (event));
      if (organisation != NULL)
        g_hash_table_insert (credentials, "organisation", g_strdup (organisation));
    }
  else if (site != NULL || event != NULL || organisation != NULL)
    return usage (_("--site, --event and --organisation are for Currinda accounts."));

  secret = read_stdin_secret (&error);
  if (secret == NULL)
    return fail (error);
  g_hash_table_insert (credentials, "client_secret", secret);
  g_hash_table_insert (credentials, "client_id", g_strdup (client_id));
  return -1;
}

static int
accounts_add (Cli   *cli,
              int    argc,
              char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *identification = NULL;
  g_autofree char *admission_token = NULL;
  gboolean token_stdin = FALSE;
  gboolean key_stdin = FALSE;
  gboolean password_stdin = FALSE;
  g_autofree char *client_id = NULL;
  g_autofree char *site = NULL;
  g_autofree char *event = NULL;
  g_autofree char *organisation = NULL;
  gboolean client_secret_stdin = FALSE;
  gboolean no_browser = FALSE;
  gulong open_uri_id = 0;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("How the account is shown"), "N" },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path, N_("Eventyay: the device setup (JSON or pretixdesk:// link) in a file, or - for standard input"), "FILE" },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url, N_("API address (self-hosted or test servers)"), "URL" },
    { "token-stdin", 0, 0, G_OPTION_ARG_NONE, &token_stdin, N_("Read the API key from standard input"), NULL },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("Sign in with this e-mail address"), "E" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from standard input"), NULL },
    { "identification", 0, 0, G_OPTION_ARG_STRING, &identification, N_("TickeTing: sign in with this username or e-mail address"), "ID" },
    { "key-stdin", 0, 0, G_OPTION_ARG_NONE, &key_stdin, N_("TickeTing: read an integration key from standard input"), NULL },
    { "admission-token", 0, 0, G_OPTION_ARG_STRING, &admission_token, N_("TickeTing: the admission token code that limits this desk to some sections of one event"), "CODE" },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id, N_("Floktu, Currinda: the OAuth client ID"), "ID" },
    { "client-secret-stdin", 0, 0, G_OPTION_ARG_NONE, &client_secret_stdin, N_("Floktu, Currinda: read the OAuth client secret from standard input"), NULL },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, N_("Currinda: the site’s address"), "URL" },
    { "event", 0, 0, G_OPTION_ARG_STRING, &event, N_("Currinda: the event whose registration to read"), "ID" },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, N_("Currinda: the organisation whose membership to read"), "ID" },
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &no_browser, N_("Floktu, Currinda: print the sign-in address instead of opening a browser"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GHashTable) credentials = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;
  const char *kind;

  if (!parse_options (&argc, &argv, "fienta|eventyay|ticketing|floktu|currinda", entries, &code))
    return code;
  if (argc != 2)
    return usage (_("Say which provider: accounts add fienta [--name N] (--token-stdin | --email E --password-stdin), accounts add eventyay [--name N] --config FILE|-, accounts add ticketing [--name N] (--identification ID --password-stdin | --key-stdin) [--admission-token CODE], accounts add floktu [--name N] --client-id ID --client-secret-stdin [--no-browser], or accounts add currinda [--name N] --site URL --client-id ID --client-secret-stdin (--event ID | --organisation ID) [--no-browser]"));
  kind = argv[1];

  if (g_strcmp0 (kind, "floktu") == 0 || g_strcmp0 (kind, "currinda") == 0)
    {
      code = read_oauth_credentials (kind, client_id, client_secret_stdin, site, event,
                                     organisation, &base_url, credentials);
      if (code >= 0)
        return code;
      open_uri_id = g_signal_connect (cli->desk, "open-uri", G_CALLBACK (open_uri_cb),
                                      GINT_TO_POINTER (no_browser));
    }
  else if (g_strcmp0 (kind, "eventyay") == 0)
    {
      g_autofree char *config_text = NULL;

      if (config_path == NULL)
        return usage (_("accounts add eventyay needs --config FILE (or - to read the setup from standard input)."));
      if (g_str_equal (config_path, "-"))
        {
          GString *text = g_string_new (NULL);
          char chunk[4096];
          size_t n;

          while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0 && text->len < 64 * 1024)
            g_string_append_len (text, chunk, n);
          config_text = g_string_free (text, FALSE);
        }
      else if (!g_file_get_contents (config_path, &config_text, NULL, &error))
        return fail (error);

      /* The desk reads the server's address from the setup. */
      g_hash_table_insert (credentials, "config", g_strdup (config_text));
      g_clear_pointer (&base_url, g_free);
    }
  else if (g_strcmp0 (kind, "ticketing") == 0)
    {
      char *secret;

      if (key_stdin == (identification != NULL))
        return usage (_("Give either --key-stdin, or --identification with --password-stdin."));
      if (identification != NULL && !password_stdin)
        return usage (_("With --identification, pipe the password in and add --password-stdin."));

      secret = read_stdin_secret (&error);
      if (secret == NULL)
        return fail (error);
      if (key_stdin)
        g_hash_table_insert (credentials, "token", secret);
      else
        {
          g_hash_table_insert (credentials, "password", secret);
          g_hash_table_insert (credentials, "identification", g_strdup (identification));
        }
      if (admission_token != NULL)
        g_hash_table_insert (credentials, "admission_token", g_strdup (admission_token));
    }
  else if (g_strcmp0 (kind, "fienta") != 0)
    return usage (_("Unknown provider: give fienta, eventyay, ticketing, floktu or currinda."));
  else

  {
    char *secret;

    if (token_stdin == (email != NULL))
      return usage (_("Give either --token-stdin, or --email with --password-stdin."));
    if (email != NULL && !password_stdin)
      return usage (_("With --email, pipe the password in and add --password-stdin."));

    secret = read_stdin_secret (&error);
    if (secret == NULL)
      return fail (error);
    if (token_stdin)
      g_hash_table_insert (credentials, "token", secret);
    else
      {
        g_hash_table_insert (credentials, "password", secret);
        g_hash_table_insert (credentials, "email", g_strdup (email));
      }
  }

  box_desk_add_account_async (cli->desk, kind, name, base_url, credentials, cli->cancellable,
                              got_result_cb, &result);
  account = box_desk_add_account_finish (cli->desk, wait_for (&result), &error);
  g_clear_signal_handler (&open_uri_id, cli->desk);
  if (account == NULL)
    return fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      box_cli_add_account (builder, account);
      box_cli_print_json (builder);
    }
  else
    printf (_("Added %s account “%s” as %s.\n"), box_account_get_provider (account),
            box_account_get_name (account), box_account_get_id (account));
  return EXIT_OK;
}

static int
accounts_list (Cli   *cli,
               int    argc,
               char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "", entries, &code))
    return code;

  accounts = box_desk_list_accounts (cli->desk, &error);
  if (accounts == NULL)
    return fail (error);

  if (json)
    {
      print_json_list (accounts, (AddFunc)box_cli_add_account);
      return EXIT_OK;
    }

  if (accounts->len == 0)
    printf ("%s\n", _("No accounts. Add one with: boxoffice-cli accounts add fienta --token-stdin"));
  for (guint i = 0; i < accounts->len; i++)
    {
      BoxAccount *a = g_ptr_array_index (accounts, i);
      printf ("%-16s %-10s %-12s %s\n", box_account_get_id (a), box_account_get_provider (a),
              box_account_state_to_string (box_account_get_state (a)), box_account_get_name (a));
    }
  return EXIT_OK;
}

static int
accounts_remove (Cli   *cli,
                 int    argc,
                 char **argv)
{
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Also drop check-ins not sent yet"), NULL },
    { NULL }
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "ACCOUNT", entries, &code))
    return code;
  if (argc != 2)
    return usage (_("Say which account: accounts remove ACCOUNT (see accounts list)"));

  box_desk_remove_account_async (cli->desk, argv[1], force, cli->cancellable, got_result_cb, &result);
  if (!box_desk_remove_account_finish (cli->desk, wait_for (&result), &error))
    return fail (error);

  printf (_("Removed account %s and its data on this computer.\n"), argv[1]);
  return EXIT_OK;
}

static int
cmd_accounts (Cli   *cli,
              int    argc,
              char **argv)
{
  if (argc < 2)
    return usage (_("accounts add | list | remove"));
  if (g_str_equal (argv[1], "add"))
    return accounts_add (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return accounts_list (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "remove"))
    return accounts_remove (cli, argc - 1, argv + 1);
  return usage (_("accounts add | list | remove"));
}

/* events, sync -------------------------------------------------------------------------- */

static void
print_events (Cli       *cli,
              GPtrArray *events,
              gboolean   json)
{
  if (json)
    {
      /* The provider kind is the account's; box_cli_add_event() reads it from here. */
      for (guint i = 0; i < events->len; i++)
        {
          BoxEvent *event = g_ptr_array_index (events, i);
          g_autoptr(BoxAccount) account = box_desk_get_account (cli->desk, box_event_get_account_id (event), NULL);
          if (account != NULL)
            g_object_set_data_full (G_OBJECT (event), "provider",
                                    g_strdup (box_account_get_provider (account)), g_free);
        }
      print_json_list (events, (AddFunc)box_cli_add_event);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    {
      BoxEvent *event = g_ptr_array_index (events, i);
      g_autofree char *ref = g_strdup_printf ("%s/%s", box_event_get_account_id (event),
                                              box_event_get_id (event));
      g_autoptr(GDateTime) start = box_event_get_starts_at (event) > 0
        ? g_date_time_new_from_unix_local (box_event_get_starts_at (event)) : NULL;
      g_autofree char *when = start ? g_date_time_format (start, "%Y-%m-%d %H:%M") : g_strdup ("");

      printf ("%-20s %-16s %6u/%-6u %s\n", ref, when, box_event_get_checked_in_count (event),
              box_event_get_attendee_count (event), box_event_get_name (event));
    }
}

static void
sync_progress_cb (BoxDesk    *desk,
                  const char *account_id,
                  const char *event_id,
                  const char *message,
                  gpointer    user_data)
{
  fprintf (stderr, "%s%s%s: %s\n", account_id, event_id ? "/" : "", event_id ? event_id : "", message);
}

static int
cmd_events (Cli   *cli,
            int    argc,
            char **argv)
{
  gboolean json = FALSE;
  gboolean offline = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Only what is saved on this computer"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "", entries, &code))
    return code;

  accounts = box_desk_list_accounts (cli->desk, &error);
  if (accounts == NULL)
    return fail (error);
  if (accounts->len == 0 && !json)
    {
      fprintf (stderr, "%s\n", _("No accounts. Add one with: boxoffice-cli accounts add fienta --token-stdin"));
      return EXIT_OK;
    }

  /* Fresh from the providers when they answer; what is saved here otherwise. */
  for (guint i = 0; !offline && i < accounts->len; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) sync_error = NULL;
      BoxAccount *account = g_ptr_array_index (accounts, i);

      box_desk_refresh_events_async (cli->desk, box_account_get_id (account), cli->cancellable,
                                     got_result_cb, &result);
      if (!box_desk_refresh_events_finish (cli->desk, wait_for (&result), &sync_error))
        fprintf (stderr, _("warning: %s: %s (showing the events saved on this computer)\n"),
                 box_account_get_id (account), sync_error->message);
    }

  events = box_desk_list_events (cli->desk, &error);
  if (events == NULL)
    return fail (error);
  print_events (cli, events, json);
  return EXIT_OK;
}

static int
cmd_sync (Cli   *cli,
          int    argc,
          char **argv)
{
  gboolean json = FALSE;
  gboolean full = FALSE;
  GOptionEntry entries[] = {
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, N_("Download every attendee, not only changes"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GError *first_error = NULL;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "[EVENT...]", entries, &code))
    return code;

  if (isatty (STDERR_FILENO))
    g_signal_connect (cli->desk, "sync-progress", G_CALLBACK (sync_progress_cb), NULL);

  if (argc <= 1)
    {
      g_autoptr(GAsyncResult) result = NULL;

      box_desk_sync_async (cli->desk, NULL, NULL, full, cli->cancellable, got_result_cb, &result);
      box_desk_sync_finish (cli->desk, wait_for (&result), &first_error);
    }

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *account_id = NULL;
      g_autofree char *event_id = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      GError *sync_error = NULL;

      if (!parse_event (argv[i], &account_id, &event_id, &code))
        {
          g_clear_error (&first_error);
          return code;
        }

      box_desk_sync_async (cli->desk, account_id, event_id, full, cli->cancellable,
                           got_result_cb, &result);
      if (!box_desk_sync_finish (cli->desk, wait_for (&result), &sync_error))
        {
          if (first_error == NULL)
            first_error = sync_error;
          else
            g_error_free (sync_error);
        }
    }

  events = box_desk_list_events (cli->desk, &error);
  if (events == NULL)
    return fail (error);
  print_events (cli, events, json);

  if (first_error != NULL)
    {
      code = fail (first_error);
      g_error_free (first_error);
    }
  return code;
}

/* attendees, search ---------------------------------------------------------------------- */

static void
print_attendees (GPtrArray *attendees,
                 gboolean   json)
{
  if (json)
    {
      print_json_list (attendees, (AddFunc)box_cli_add_attendee);
      return;
    }

  for (guint i = 0; i < attendees->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (attendees, i);
      const char *status = box_attendee_status_to_string (box_attendee_get_status (a));

      printf ("%-12s %s %-30s %-24s %-20s %s\n",
              box_attendee_get_code (a),
              box_attendee_get_checked_in (a) ? "✔" : " ",
              box_attendee_get_name (a) ? box_attendee_get_name (a) : "",
              box_attendee_get_company (a) ? box_attendee_get_company (a) : "",
              box_attendee_get_ticket_type (a) ? box_attendee_get_ticket_type (a) : "",
              status);
    }
}

static int
cmd_attendees (Cli   *cli,
               int    argc,
               char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autofree char *account_id = NULL;
  g_autofree char *event_id = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "EVENT", entries, &code))
    return code;
  if (argc != 2)
    return usage (_("Say which event: attendees ACCOUNT/EVENT_ID"));
  if (!parse_event (argv[1], &account_id, &event_id, &code))
    return code;

  attendees = box_desk_list_attendees (cli->desk, account_id, event_id, &error);
  if (attendees == NULL)
    return fail (error);
  print_attendees (attendees, json);
  return EXIT_OK;
}

static int
cmd_search (Cli   *cli,
            int    argc,
            char **argv)
{
  gboolean json = FALSE;
  int limit = 50;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many results"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autofree char *account_id = NULL;
  g_autofree char *event_id = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "EVENT QUERY", entries, &code))
    return code;
  if (argc != 3)
    return usage (_("search ACCOUNT/EVENT_ID QUERY"));
  if (limit < 1 || limit > 10000)
    return usage (_("--limit takes a number from 1 to 10000"));
  if (!parse_event (argv[1], &account_id, &event_id, &code))
    return code;

  event = box_desk_get_event (cli->desk, account_id, event_id, &error);
  if (event == NULL)
    return fail (error);
  attendees = box_desk_search (cli->desk, account_id, event_id, argv[2], limit, &error);
  if (attendees == NULL)
    return fail (error);

  /* The list is not here yet (never synced): the provider's own search, where it has one. */
  if (attendees->len == 0 && !box_desk_event_is_downloaded (cli->desk, account_id, event_id))
    {
      g_autoptr(GAsyncResult) result = NULL;
      GPtrArray *found;

      box_desk_search_remote_async (cli->desk, account_id, event_id, argv[2], cli->cancellable,
                                    got_result_cb, &result);
      found = box_desk_search_remote_finish (cli->desk, wait_for (&result), &error);
      if (found == NULL)
        return fail (error);
      g_ptr_array_unref (attendees);
      attendees = found;
    }
  print_attendees (attendees, json);
  return EXIT_OK;
}

/* check-in ------------------------------------------------------------------------------- */

static int
exit_code_for (BoxCheckinResult result)
{
  switch (result)
    {
    case BOX_CHECKIN_RESULT_OK:
    case BOX_CHECKIN_RESULT_QUEUED:
    case BOX_CHECKIN_RESULT_LOCAL:
      return EXIT_OK;
    case BOX_CHECKIN_RESULT_QUESTIONS:
      return EXIT_QUESTIONS;
    case BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN:
    case BOX_CHECKIN_RESULT_UNPAID:
    case BOX_CHECKIN_RESULT_UNKNOWN:
    case BOX_CHECKIN_RESULT_PRODUCT:
    default:
      return EXIT_REFUSED;
    }
}

static int
print_checkin (BoxCheckin *checkin,
               gboolean    json)
{
  BoxCheckinResult result = box_checkin_get_result (checkin);
  BoxAttendee *attendee = box_checkin_get_attendee (checkin);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      box_cli_add_checkin (builder, checkin);
      box_cli_print_json (builder);
    }
  else
    {
      g_autofree char *label = g_ascii_strup (box_checkin_result_to_string (result), -1);
      g_strdelimit (label, "_", ' ');
      printf ("%s  %s%s%s%s — %s\n", label,
              attendee && box_attendee_get_name (attendee) ? box_attendee_get_name (attendee) : box_checkin_get_code (checkin),
              attendee && box_attendee_get_ticket_type (attendee) ? " (" : "",
              attendee && box_attendee_get_ticket_type (attendee) ? box_attendee_get_ticket_type (attendee) : "",
              attendee && box_attendee_get_ticket_type (attendee) ? ")" : "",
              box_checkin_get_message (checkin) ? box_checkin_get_message (checkin) : "");
      if (attendee && box_attendee_get_quantity (attendee) > 1)
        printf (_("  This ticket admits %u people.\n"), box_attendee_get_quantity (attendee));
    }

  return exit_code_for (result);
}

static int
cmd_checkin (Cli   *cli,
             int    argc,
             char **argv)
{
  gboolean json = FALSE;
  gboolean force = FALSE;
  gboolean ignore_unpaid = FALSE;
  g_auto(GStrv) answers = NULL;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Check in even if already checked in"), NULL },
    { "ignore-unpaid", 0, 0, G_OPTION_ARG_NONE, &ignore_unpaid, N_("Check in an order that is not paid yet"), NULL },
    { "answer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &answers, N_("Answer a question"), "QUESTION_ID=VALUE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GHashTable) answer_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *account_id = NULL;
  g_autofree char *event_id = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxCheckin) checkin = NULL;
  g_autoptr(GError) error = NULL;
  BoxCheckinFlags flags = BOX_CHECKIN_FLAGS_NONE;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "EVENT CODE", entries, &code))
    return code;
  if (argc != 3)
    return usage (_("checkin ACCOUNT/EVENT_ID CODE"));
  if (!parse_event (argv[1], &account_id, &event_id, &code))
    return code;

  for (guint i = 0; answers != NULL && answers[i] != NULL; i++)
    {
      const char *eq = strchr (answers[i], '=');
      if (eq == NULL || eq == answers[i])
        return usage (_("--answer takes QUESTION_ID=VALUE"));
      g_hash_table_insert (answer_table, g_strndup (answers[i], eq - answers[i]), g_strdup (eq + 1));
    }

  if (force)
    flags |= BOX_CHECKIN_FLAGS_FORCE;
  if (ignore_unpaid)
    flags |= BOX_CHECKIN_FLAGS_IGNORE_UNPAID;

  box_desk_check_in_async (cli->desk, account_id, event_id, argv[2], flags,
                           g_hash_table_size (answer_table) ? answer_table : NULL,
                           cli->cancellable, got_result_cb, &result);
  checkin = box_desk_check_in_finish (cli->desk, wait_for (&result), &error);
  if (checkin == NULL)
    return fail (error);
  return print_checkin (checkin, json);
}

static int
cmd_undo (Cli   *cli,
          int    argc,
          char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autofree char *account_id = NULL;
  g_autofree char *event_id = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxCheckin) checkin = NULL;
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "EVENT CODE", entries, &code))
    return code;
  if (argc != 3)
    return usage (_("undo ACCOUNT/EVENT_ID CODE"));
  if (!parse_event (argv[1], &account_id, &event_id, &code))
    return code;

  box_desk_undo_async (cli->desk, account_id, event_id, argv[2], cli->cancellable,
                       got_result_cb, &result);
  checkin = box_desk_undo_finish (cli->desk, wait_for (&result), &error);
  if (checkin == NULL)
    return fail (error);

  /* The provider refusing an undo is an error for the caller (exit 1). */
  code = print_checkin (checkin, json);
  return code == EXIT_OK ? EXIT_OK : EXIT_ERROR;
}

static int
cmd_queue (Cli   *cli,
           int    argc,
           char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "", entries, &code))
    return code;

  queue = box_desk_list_queue (cli->desk, &error);
  if (queue == NULL)
    return fail (error);

  if (json)
    {
      print_json_list (queue, (AddFunc)box_cli_add_queue_item);
      return EXIT_OK;
    }

  if (queue->len == 0)
    printf ("%s\n", _("Nothing queued: the providers have every check-in made here."));
  for (guint i = 0; i < queue->len; i++)
    {
      BoxCheckin *c = g_ptr_array_index (queue, i);
      BoxAttendee *a = box_checkin_get_attendee (c);
      g_autofree char *at = box_cli_format_time (box_checkin_get_created_at (c));

      printf ("%s %s/%s %-12s %-7s %-24s %s\n", at ? at : "",
              box_checkin_get_account_id (c), box_checkin_get_event_id (c),
              box_checkin_get_code (c),
              box_checkin_get_action (c) == BOX_CHECKIN_ACTION_CHECK_IN ? "checkin" : "undo",
              a && box_attendee_get_name (a) ? box_attendee_get_name (a) : "",
              box_checkin_get_message (c) ? box_checkin_get_message (c) : "");
    }
  return EXIT_OK;
}

static int
cmd_stats (Cli   *cli,
           int    argc,
           char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autofree char *account_id = NULL;
  g_autofree char *event_id = NULL;
  g_autoptr(BoxEventStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  GArray *types;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "EVENT", entries, &code))
    return code;
  if (argc != 2)
    return usage (_("stats ACCOUNT/EVENT_ID"));
  if (!parse_event (argv[1], &account_id, &event_id, &code))
    return code;

  stats = box_desk_get_stats (cli->desk, account_id, event_id, &error);
  if (stats == NULL)
    return fail (error);

  /* The provider's own figures, where it has them; an offline desk still counts. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(BoxEventStats) remote = NULL;
    g_autoptr(GError) remote_error = NULL;

    box_desk_fetch_provider_stats_async (cli->desk, account_id, event_id, cli->cancellable,
                                         got_result_cb, &result);
    remote = box_desk_fetch_provider_stats_finish (cli->desk, wait_for (&result), &remote_error);
    if (remote != NULL)
      {
        GArray *figures = box_event_stats_get_figures (remote);

        for (guint i = 0; i < figures->len; i++)
          {
            BoxStatFigure *f = &g_array_index (figures, BoxStatFigure, i);
            box_event_stats_add_figure (stats, f->key, f->label, f->value);
          }
      }
    /* A door account (admission token only) may not see the host's figures. */
    else if (!g_error_matches (remote_error, BOX_ERROR, BOX_ERROR_UNSUPPORTED) &&
             !g_error_matches (remote_error, BOX_ERROR, BOX_ERROR_PERMISSION))
      fprintf (stderr, _("warning: %s\n"), remote_error->message);
  }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      box_cli_add_stats (builder, stats);
      box_cli_print_json (builder);
      return EXIT_OK;
    }

  printf (_("Checked in: %u of %u (%u queued)\n"), box_event_stats_get_checked_in (stats),
          box_event_stats_get_total (stats), box_event_stats_get_queued (stats));
  types = box_event_stats_get_by_ticket_type (stats);
  for (guint i = 0; i < types->len; i++)
    {
      BoxTicketTypeCount *t = &g_array_index (types, BoxTicketTypeCount, i);
      printf ("  %-30s %6u / %u\n", t->name, t->checked_in, t->total);
    }
  for (guint i = 0; i < box_event_stats_get_figures (stats)->len; i++)
    {
      BoxStatFigure *f = &g_array_index (box_event_stats_get_figures (stats), BoxStatFigure, i);
      printf ("%s: %s\n", f->label, f->value);
    }
  return EXIT_OK;
}

static int
cmd_export (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autofree char *csv_path = NULL;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, N_("Write CSV to this file (- for standard output)"), "FILE" },
    { NULL }
  };
  g_autofree char *account_id = NULL;
  g_autofree char *event_id = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  guint n_attendees = 0;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "EVENT --csv FILE", entries, &code))
    return code;
  if (argc != 2 || csv_path == NULL)
    return usage (_("export ACCOUNT/EVENT_ID --csv FILE"));
  if (!parse_event (argv[1], &account_id, &event_id, &code))
    return code;

  event = box_desk_get_event (cli->desk, account_id, event_id, &error);
  if (event == NULL)
    return fail (error);
  csv = box_desk_export_csv (cli->desk, account_id, event_id, &n_attendees, &error);
  if (csv == NULL)
    return fail (error);
  if (g_str_equal (csv_path, "-"))
    {
      fputs (csv, stdout);
      return EXIT_OK;
    }
  /* Written to a temporary file and renamed: a full disk never leaves half a file. */
  if (!g_file_set_contents_full (csv_path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    return fail (error);

  fprintf (stderr, _("Exported %u attendees to %s.\n"), n_attendees, csv_path);
  return EXIT_OK;
}

/* Label margin of `badge`: what the window uses by default. */
#define BADGE_MARGIN_MM 3.0

static int
cmd_badge (Cli   *cli,
           int    argc,
           char **argv)
{
  g_autofree char *pdf_path = NULL;
  g_autofree char *size = NULL;
  g_autofree char *template_path = NULL;
  GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("Write the name tags to this PDF file"), "FILE" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("Label size: 4x3in, a6, a7, cr80, 89x36mm, 62x100mm, 54x90mm or WxHmm"), "SIZE" },
    { "template", 0, 0, G_OPTION_ARG_FILENAME, &template_path, N_("HTML template for tags the provider does not design"), "FILE" },
    { NULL }
  };
  g_autofree char *account_id = NULL;
  g_autofree char *event_id = NULL;
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BoxTagRenderer) renderer = NULL;
  g_autoptr(BoxTagPrinter) printer = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  double width, height, page_width, page_height;
  int code = EXIT_OK;

  if (!parse_options (&argc, &argv, "EVENT CODE... --pdf FILE", entries, &code))
    return code;
  if (argc < 3 || pdf_path == NULL)
    return usage (_("badge ACCOUNT/EVENT_ID CODE... --pdf FILE [--size SIZE] [--template FILE]"));
  if (!parse_event (argv[1], &account_id, &event_id, &code))
    return code;
  if (!box_label_size_parse (size ? size : "4x3in", &width, &height, &error))
    {
      fprintf (stderr, "error: %s\n", error->message);
      return EXIT_USAGE;
    }

  event = box_desk_get_event (cli->desk, account_id, event_id, &error);
  if (event == NULL)
    return fail (error);
  for (int i = 2; i < argc; i++)
    {
      BoxAttendee *attendee = box_desk_get_attendee (cli->desk, account_id, event_id, argv[i], &error);

      if (attendee == NULL)
        {
          if (error != NULL)
            return fail (error);
          fprintf (stderr, "error: ");
          fprintf (stderr, _("There is no ticket “%s” in %s. Nothing was written; see “boxoffice-cli search”."),
                   argv[i], argv[1]);
          fprintf (stderr, "\n");
          return EXIT_ERROR;
        }
      g_ptr_array_add (attendees, attendee);
    }

  renderer = box_tag_renderer_new ();
  if (template_path != NULL)
    {
      g_autofree char *template_html = NULL;

      if (!g_file_get_contents (template_path, &template_html, NULL, &error) ||
          !box_tag_renderer_set_template (renderer, template_html, &error))
        return fail (error);
    }
  box_tag_renderer_set_event_name (renderer, box_event_get_name (event));
  box_tag_renderer_set_label (renderer, width, height, BADGE_MARGIN_MM);
  box_tag_renderer_set_layout (renderer, BOX_TAG_LAYOUT_ONE_PER_PAGE);
  html = box_tag_renderer_render (renderer, attendees);
  box_tag_renderer_get_page_size (renderer, &page_width, &page_height);

  /* WebKit renders the tags: a display is needed from here on. */
  if (!gtk_init_check ())
    {
      fprintf (stderr, "error: %s\n",
               _("badge needs a display: WebKitGTK renders the name tags. Run it in a desktop session, or under xvfb-run on a server."));
      return EXIT_ERROR;
    }

  printer = box_tag_printer_new ();
  box_tag_printer_print_pdf_async (printer, html, page_width, page_height, pdf_path,
                                   cli->cancellable, got_result_cb, &result);
  if (!box_tag_printer_print_finish (printer, wait_for (&result), &error))
    return fail (error);

  for (guint i = 0; i < attendees->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (attendees, i);
      g_autoptr(GError) record_error = NULL;

      if (!box_desk_record_print (cli->desk, account_id, event_id, box_attendee_get_code (a), "pdf",
                                  &record_error))
        fprintf (stderr, "warning: %s\n", record_error->message);
    }

  fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "Wrote %u name tag to %s.\n",
                                "Wrote %u name tags to %s.\n", attendees->len),
           attendees->len, pdf_path);
  return EXIT_OK;
}

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "accounts", cmd_accounts, N_("accounts add fienta|eventyay|ticketing|floktu|currinda | list | remove ACCOUNT") },
  { "events", cmd_events, N_("every event of every account") },
  { "sync", cmd_sync, N_("pull attendees, push queued check-ins") },
  { "attendees", cmd_attendees, N_("the attendees of an event") },
  { "search", cmd_search, N_("find attendees by name, e-mail, company or code") },
  { "checkin", cmd_checkin, N_("check a ticket in") },
  { "undo", cmd_undo, N_("undo a check-in") },
  { "queue", cmd_queue, N_("check-ins not yet confirmed by the provider") },
  { "stats", cmd_stats, N_("checked in vs expected") },
  { "export", cmd_export, N_("write the attendee list as CSV") },
  { "badge", cmd_badge, N_("name tags to PDF (needs a display)") },
};

static void
print_help (void)
{
  printf ("%s\n\n", _("Usage: boxoffice-cli [--profile DIR] COMMAND ..."));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    printf ("  %-10s %s\n", commands[i].name, _(commands[i].summary));
  printf ("\n%s\n", _("Exit status: 0 done, 1 error, 2 usage, 3 refused (already in, unpaid, unknown), 4 questions to answer."));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  Cli cli = { 0 };
  int first = 1;
  int code;

  /* GLib 2.74's slice allocator keeps what a large sync used (hundreds of MB of JSON
   * nodes) for the life of the process; plain malloc gives it back. GLib 2.76 and
   * later do this anyway. Before any GLib allocation. */
  g_setenv ("G_SLICE", "always-malloc", FALSE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command. */
  while (first < argc && argv[first][0] == '-')
    {
      if (g_str_equal (argv[first], "--profile") && first + 1 < argc)
        {
          g_free (profile);
          profile = g_strdup (argv[first + 1]);
          first += 2;
        }
      else if (g_str_has_prefix (argv[first], "--profile="))
        {
          g_free (profile);
          profile = g_strdup (argv[first] + strlen ("--profile="));
          first++;
        }
      else if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h"))
        {
          print_help ();
          return EXIT_OK;
        }
      else if (g_str_equal (argv[first], "--version"))
        {
          printf ("boxoffice-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      else
        return usage (_("Unknown option before the command. See boxoffice-cli --help."));
    }

  if (first >= argc)
    {
      print_help ();
      return EXIT_USAGE;
    }

  if (profile == NULL && g_getenv ("BOXOFFICE_PROFILE") && *g_getenv ("BOXOFFICE_PROFILE"))
    profile = g_strdup (g_getenv ("BOXOFFICE_PROFILE"));
  if (profile == NULL)
    profile = g_build_filename (g_get_user_data_dir (), "boxoffice", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[first], commands[i].name))
        continue;

      box_providers_init ();
      cli.desk = box_desk_new (profile, &error);
      if (cli.desk == NULL)
        return fail (error);
      if (g_getenv ("BOXOFFICE_DESK"))
        box_desk_set_desk_name (cli.desk, g_getenv ("BOXOFFICE_DESK"));

      cli.cancellable = g_cancellable_new ();
      g_unix_signal_add (SIGINT, interrupted_cb, &cli);
      g_unix_signal_add (SIGTERM, interrupted_cb, &cli);

      code = commands[i].func (&cli, argc - first, argv + first);

      g_clear_object (&cli.desk);
      g_clear_object (&cli.cancellable);
      return code;
    }

  return usage (_("Unknown command. See boxoffice-cli --help."));
}
