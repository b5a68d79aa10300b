/* box-desk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-desk"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-attendee-list-private.h"
#include "box-checkin.h"
#include "box-csv.h"
#include "box-desk.h"
#include "box-error.h"
#include "box-event.h"
#include "box-oauth.h"
#include "box-provider.h"
#include "box-question.h"
#include "box-secrets.h"
#include "box-store.h"
#include "box-sync-engine.h"

/* The one object the window and the command line use. It is offline-first: a check-in
 * is decided from the local list and written to the store in one transaction before
 * anything is sent, so the person at the desk has an answer at once and nothing that
 * was answered is lost; then it is sent, and the provider's answer is recorded. */

struct _BoxDesk
{
  GObject        parent_instance;

  char          *profile_dir;
  char          *desk_name;
  BoxStore      *store;
  BoxSecrets    *secrets;
  BoxSyncEngine *engine;
  GHashTable    *providers;   /* account id -> BoxProvider */
  GHashTable    *flags;       /* account id -> BoxProviderFlags, as the kind says */
  GHashTable    *event_names; /* "account/event" -> name, for progress messages */
};

G_DEFINE_FINAL_TYPE (BoxDesk, box_desk, G_TYPE_OBJECT)

enum {
  CHECKIN_RECORDED,
  CHECKIN_UPDATED,
  ACCOUNT_STATE_CHANGED,
  SYNC_PROGRESS,
  EVENTS_CHANGED,
  ATTENDEES_CHANGED,
  ACCOUNTS_CHANGED,
  OPEN_URI,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
box_desk_finalize (GObject *object)
{
  BoxDesk *self = (BoxDesk *)object;

  g_clear_pointer (&self->providers, g_hash_table_unref);
  g_clear_pointer (&self->flags, g_hash_table_unref);
  g_clear_pointer (&self->event_names, g_hash_table_unref);
  g_clear_object (&self->engine);
  g_clear_object (&self->secrets);
  g_clear_object (&self->store);
  g_clear_pointer (&self->profile_dir, g_free);
  g_clear_pointer (&self->desk_name, g_free);

  G_OBJECT_CLASS (box_desk_parent_class)->finalize (object);
}

static void
box_desk_class_init (BoxDeskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = box_desk_finalize;

  /**
   * BoxDesk::checkin-recorded:
   *
   * A check-in or undo was written to the store; it may not have been sent yet.
   */
  signals[CHECKIN_RECORDED] =
    g_signal_new ("checkin-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  /**
   * BoxDesk::checkin-updated:
   *
   * The provider answered a check-in (or it stays queued).
   */
  signals[CHECKIN_UPDATED] =
    g_signal_new ("checkin-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  signals[ACCOUNT_STATE_CHANGED] =
    g_signal_new ("account-state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  /**
   * BoxDesk::sync-progress:
   * @account_id: the account
   * @event_id: (nullable): the event
   * @message: what is happening, for people
   */
  signals[SYNC_PROGRESS] =
    g_signal_new ("sync-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * BoxDesk::events-changed:
   * @account_id: the account whose events were saved again
   */
  signals[EVENTS_CHANGED] =
    g_signal_new ("events-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * BoxDesk::attendees-changed:
   * @account_id: the account
   * @event_id: the event whose attendees a sync saved
   */
  signals[ATTENDEES_CHANGED] =
    g_signal_new ("attendees-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * BoxDesk::accounts-changed:
   *
   * An account was added or removed.
   */
  signals[ACCOUNTS_CHANGED] =
    g_signal_new ("accounts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * BoxDesk::open-uri:
   * @uri: a provider's sign-in page, while an account is connected with OAuth
   *
   * A window shows @uri through the portal, a command prints it; a handler that did
   * returns %TRUE. Unhandled, the default browser is opened.
   *
   * Returns: whether the handler took care of @uri
   */
  signals[OPEN_URI] =
    g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
}

static void
box_desk_init (BoxDesk *self)
{
  self->providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->flags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->event_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->desk_name = g_strdup (g_get_host_name ());
}

/**
 * box_desk_new:
 * @profile_dir: the folder of the profile (created, private to the user)
 */
/* A provider that sends its list in pages: say how far the download is. The event's
 * name is remembered: reading the event from the store counts its attendees. */
static void
pull_progress_cb (BoxSyncEngine *engine,
                  const char    *account_id,
                  const char    *event_id,
                  guint          saved,
                  guint          total,
                  BoxDesk       *self)
{
  g_autofree char *key = g_strconcat (account_id, "/", event_id, NULL);
  const char *name = g_hash_table_lookup (self->event_names, key);
  g_autofree char *message = NULL;

  if (name == NULL)
    {
      g_autoptr(BoxEvent) event = box_store_get_event (self->store, account_id, event_id, NULL);

      name = event ? box_event_get_name (event) : event_id;
      g_hash_table_replace (self->event_names, g_strdup (key), g_strdup (name));
      name = g_hash_table_lookup (self->event_names, key);
    }

  if (total > 0)
    /* Translators: downloading attendees of “EVENT”: 5000 of 100000 */
    message = g_strdup_printf (_("Downloading attendees of “%s”: %u of %u"), name, saved, total);
  else
    message = g_strdup_printf (_("Downloading attendees of “%s”: %u so far"), name, saved);
  g_signal_emit (self, signals[SYNC_PROGRESS], 0, account_id, event_id, message);
}

BoxDesk *
box_desk_new (const char  *profile_dir,
              GError     **error)
{
  g_autoptr(BoxDesk) self = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GFile) dir = NULL;

  g_return_val_if_fail (profile_dir != NULL, NULL);

  dir = g_file_new_for_path (profile_dir);
  self = g_object_new (BOX_TYPE_DESK, NULL);
  self->profile_dir = g_file_get_path (dir);

  if (g_mkdir_with_parents (self->profile_dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, BOX_ERROR, BOX_ERROR_STORE,
                   _("Cannot create the profile folder “%s”: %s"), self->profile_dir,
                   g_strerror (errsv));
      return NULL;
    }

  db_path = g_build_filename (self->profile_dir, "boxoffice.db", NULL);
  self->store = box_store_open (db_path, error);
  if (self->store == NULL)
    return NULL;

  self->secrets = box_secrets_new (self->profile_dir);
  self->engine = box_sync_engine_new (self->store);
  g_signal_connect_object (self->engine, "pull-progress", G_CALLBACK (pull_progress_cb), self, 0);

  return g_steal_pointer (&self);
}

const char *
box_desk_get_profile_dir (BoxDesk *self)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return self->profile_dir;
}

const char *
box_desk_get_desk_name (BoxDesk *self)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return self->desk_name;
}

void
box_desk_set_desk_name (BoxDesk    *self,
                        const char *desk_name)
{
  g_return_if_fail (BOX_IS_DESK (self));
  g_free (self->desk_name);
  self->desk_name = g_strdup (desk_name && *desk_name ? desk_name : g_get_host_name ());
}

/* Account state ------------------------------------------------------------------------- */

static void
set_account_state (BoxDesk         *self,
                   const char      *account_id,
                   BoxAccountState  state)
{
  g_autoptr(BoxAccount) account = box_store_get_account (self->store, account_id, NULL);

  if (account == NULL || box_account_get_state (account) == state)
    return;
  if (box_store_set_account_state (self->store, account_id, state, NULL))
    g_signal_emit (self, signals[ACCOUNT_STATE_CHANGED], 0, account_id, (int)state);
}

/* What an operation's outcome says about the account's state. */
static void
note_outcome (BoxDesk      *self,
              const char   *account_id,
              const GError *error)
{
  if (error == NULL)
    set_account_state (self, account_id, BOX_ACCOUNT_STATE_OK);
  else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS) ||
           g_error_matches (error, BOX_ERROR, BOX_ERROR_SECRETS))
    set_account_state (self, account_id, BOX_ACCOUNT_STATE_AUTH_NEEDED);
  else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_OFFLINE))
    set_account_state (self, account_id, BOX_ACCOUNT_STATE_OFFLINE);
}

/* Providers ------------------------------------------------------------------------------ */

static void
renewed_secret_stored_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autofree char *account_id = user_data;
  g_autoptr(GError) error = NULL;

  /* The provider goes on with the renewed sign-in; only the next start would need the
   * account connected again. */
  if (!box_secrets_store_finish (BOX_SECRETS (object), result, &error))
    g_warning ("Could not keep the renewed sign-in of “%s” in the keyring: %s",
               account_id, error->message);
}

/* A provider renewed its sign-in (OAuth2 refresh): the keyring keeps the new secret. */
static void
provider_secret_changed_cb (BoxProvider *provider,
                            const char  *secret,
                            BoxDesk     *self)
{
  const char *account_id = g_object_get_data (G_OBJECT (provider), "box-account-id");
  g_autoptr(BoxAccount) account = NULL;
  g_autofree char *label = NULL;

  if (account_id == NULL || secret == NULL ||
      (account = box_store_get_account (self->store, account_id, NULL)) == NULL)
    return;
  label = g_strdup_printf (_("Box Office: %s account “%s”"),
                           box_provider_kind_get_label (box_account_get_provider (account)),
                           box_account_get_name (account));
  box_secrets_store_async (self->secrets, account_id, label, secret, NULL,
                           renewed_secret_stored_cb, g_strdup (account_id));
}

/* The account's provider, for the desk's later requests. */
static void
keep_provider (BoxDesk     *self,
               const char  *account_id,
               BoxProvider *provider)
{
  g_object_set_data_full (G_OBJECT (provider), "box-account-id", g_strdup (account_id), g_free);
  g_signal_connect_object (provider, "secret-changed", G_CALLBACK (provider_secret_changed_cb),
                           self, 0);
  g_hash_table_replace (self->providers, g_strdup (account_id), g_object_ref (provider));
}

static void
secret_looked_up_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  const char *account_id = g_task_get_task_data (task);
  g_autoptr(BoxAccount) account = NULL;
  g_autofree char *secret = NULL;
  BoxProvider *provider;
  GError *error = NULL;

  secret = box_secrets_lookup_finish (BOX_SECRETS (object), result, &error);
  if (secret == NULL)
    {
      note_outcome (self, account_id, error);
      g_task_return_error (task, error);
      return;
    }

  account = box_store_get_account (self->store, account_id, &error);
  provider = account ? box_provider_new_for_account (account, secret, &error) : NULL;
  if (provider == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  keep_provider (self, account_id, provider);
  g_task_return_pointer (task, provider, g_object_unref);
}

static void
get_provider_async (BoxDesk             *self,
                    const char          *account_id,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  BoxProvider *provider = g_hash_table_lookup (self->providers, account_id);
  g_autoptr(BoxAccount) account = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, get_provider_async);
  g_task_set_task_data (task, g_strdup (account_id), g_free);

  if (provider != NULL)
    {
      g_task_return_pointer (task, g_object_ref (provider), g_object_unref);
      g_object_unref (task);
      return;
    }

  account = box_store_get_account (self->store, account_id, &error);
  if (account == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  box_secrets_lookup_async (self->secrets, account_id, cancellable, secret_looked_up_cb, task);
}

static BoxProvider *
get_provider_finish (BoxDesk       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* What a provider kind can do, without its credential; asked once per account (the
 * window asks on every selection). */
static BoxProviderFlags
account_flags (BoxDesk    *self,
               const char *account_id)
{
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(BoxProvider) provider = NULL;
  gpointer cached;
  BoxProviderFlags flags;

  if (account_id == NULL)
    return 0;
  if (g_hash_table_lookup_extended (self->flags, account_id, NULL, &cached))
    return GPOINTER_TO_UINT (cached);

  account = box_store_get_account (self->store, account_id, NULL);
  if (account == NULL)
    return 0;
  provider = box_provider_new_for_account (account, NULL, NULL);
  flags = provider ? box_provider_get_flags (provider) : 0;
  g_hash_table_insert (self->flags, g_strdup (account_id), GUINT_TO_POINTER (flags));
  return flags;
}

/**
 * box_desk_event_is_downloaded:
 *
 * Returns: whether the event's list was synced to this computer at least once (a list
 *   with only tickets found online does not count)
 */
gboolean
box_desk_event_is_downloaded (BoxDesk    *self,
                              const char *account_id,
                              const char *event_id)
{
  g_return_val_if_fail (BOX_IS_DESK (self), FALSE);
  return box_store_get_synced_at (self->store, account_id, event_id) > 0;
}

/**
 * box_desk_get_account_flags:
 *
 * Returns: what the account's provider can do (check in, undo, questions, ...)
 */
BoxProviderFlags
box_desk_get_account_flags (BoxDesk    *self,
                            const char *account_id)
{
  g_return_val_if_fail (BOX_IS_DESK (self), 0);
  return account_flags (self, account_id);
}

/* Accounts ------------------------------------------------------------------------------ */

GPtrArray *
box_desk_list_accounts (BoxDesk  *self,
                        GError  **error)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return box_store_list_accounts (self->store, error);
}

BoxAccount *
box_desk_get_account (BoxDesk     *self,
                      const char  *account_id,
                      GError     **error)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return box_store_get_account (self->store, account_id, error);
}

typedef struct
{
  BoxAccount  *account;
  BoxProvider *provider;
  char        *wanted_id;
  char        *secret;
  GHashTable  *credentials;  /* OAuth: what was typed, then the token added */
  BoxOAuth    *oauth;
  gboolean     reconnect;    /* the account exists: a new secret for the same id */
} AddAccount;

static void
add_account_free (AddAccount *a)
{
  g_clear_object (&a->account);
  g_clear_object (&a->provider);
  g_free (a->wanted_id);
  g_clear_pointer (&a->credentials, g_hash_table_unref);
  g_clear_object (&a->oauth);
  if (a->secret != NULL)
    memset (a->secret, 0, strlen (a->secret));
  g_free (a->secret);
  g_free (a);
}

static void refresh_events_async (BoxDesk *self, BoxProvider *provider, const char *account_id,
                                  GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data);
static gboolean refresh_events_finish (BoxDesk *self, GAsyncResult *result, GError **error);

static void
add_account_events_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AddAccount *a = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The account works; a failure to list its events now is for the next sync. */
  if (!refresh_events_finish (BOX_DESK (object), result, &error))
    g_debug ("Listing the events of a new account failed: %s", error->message);

  g_signal_emit (object, signals[ACCOUNTS_CHANGED], 0);
  g_task_return_pointer (task, g_object_ref (a->account), g_object_unref);
}

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  AddAccount *a = g_task_get_task_data (task);
  g_autoptr(BoxProvider) provider = NULL;
  GError *error = NULL;

  if (!box_secrets_store_finish (BOX_SECRETS (object), result, &error) ||
      (!a->reconnect && !box_store_add_account (self->store, a->account, &error)))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (a->reconnect)
    set_account_state (self, box_account_get_id (a->account), BOX_ACCOUNT_STATE_OK);

  provider = box_provider_new_for_account (a->account, a->secret, NULL);
  if (provider != NULL)
    keep_provider (self, box_account_get_id (a->account), provider);

  refresh_events_async (self, provider, box_account_get_id (a->account),
                        g_task_get_cancellable (task), add_account_events_cb, task);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  AddAccount *a = g_task_get_task_data (task);
  g_autofree char *label = NULL;
  GError *error = NULL;

  a->secret = box_provider_sign_in_finish (BOX_PROVIDER (object), result, &error);
  if (a->secret == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* The id is chosen now, so that two accounts added at once get different ones. An
   * account signed in again keeps its id, and with it its events and queued check-ins. */
  if (!a->reconnect)
  {
    g_autofree char *id = box_store_make_account_id (self->store, a->wanted_id);
    BoxAccount *account = box_account_new (id, box_account_get_provider (a->account),
                                           box_account_get_name (a->account),
                                           box_account_get_base_url (a->account));
    g_set_object (&a->account, account);
    g_object_unref (account);
  }

  label = g_strdup_printf (_("Box Office: %s account “%s”"),
                           box_provider_kind_get_label (box_account_get_provider (a->account)),
                           box_account_get_name (a->account));
  box_secrets_store_async (self->secrets, box_account_get_id (a->account), label, a->secret,
                           g_task_get_cancellable (task), secret_stored_cb, task);
}

static gboolean
oauth_open_uri_cb (BoxOAuth   *oauth,
                   const char *uri,
                   BoxDesk    *self)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[OPEN_URI], 0, uri, &handled);
  return handled;
}

/* The end of an OAuth flow that @task waited for: the token answer joins @credentials
 * for the sign-in, or @task ends with the flow's error (and is released). */
static gboolean
take_token (BoxOAuth     *oauth,
            GAsyncResult *result,
            GTask        *task,
            GHashTable   *credentials)
{
  g_autoptr(GHashTable) token = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GError *error = NULL;

  g_signal_handlers_disconnect_by_data (oauth, g_task_get_source_object (task));
  token = box_oauth_authorize_finish (oauth, result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return FALSE;
    }
  g_hash_table_iter_init (&iter, token);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (credentials, g_strdup (key), g_strdup (value));
  return TRUE;
}

static void
oauth_authorized_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  AddAccount *a = g_task_get_task_data (task);

  if (take_token (BOX_OAUTH (object), result, task, a->credentials))
    box_provider_sign_in_async (a->provider, a->credentials, g_task_get_cancellable (task),
                                signed_in_cb, task);
}

/* Providers that connect in the browser: the flow first, then the sign-in checks the
 * token. Credentials that already hold an access token skip the browser. */
static void
authorize_then_sign_in (BoxDesk    *self,
                        GTask      *task,
                        const char *kind,
                        const char *base_url,
                        GHashTable *credentials)
{
  AddAccount *a = g_task_get_task_data (task);
  g_autoptr(BoxOAuthEndpoints) endpoints = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GError *error = NULL;

  a->credentials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, credentials);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (a->credentials, g_strdup (key), g_strdup (value));

  endpoints = box_provider_kind_oauth_setup (kind, base_url, a->credentials, &error);
  if (endpoints == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  a->oauth = box_oauth_new (box_provider_kind_get_label (kind), endpoints);
  g_signal_connect (a->oauth, "open-uri", G_CALLBACK (oauth_open_uri_cb), self);
  box_oauth_authorize_async (a->oauth, g_task_get_cancellable (task), oauth_authorized_cb, task);
}

/**
 * box_desk_add_account_async:
 * @kind: a provider kind ("fienta")
 * @name: (nullable): how the account is shown; the provider's name when %NULL
 * @base_url: (nullable): the API address, for self-hosted and test servers
 * @credentials: provider-specific: "token", or "email" and "password", ...
 *
 * Checks the credential with the provider, keeps the secret in the Secret Service and
 * the account in the store, and lists its events. For providers connected with OAuth
 * ("client_id", "client_secret", ...), the browser is sent to the provider's sign-in
 * page first (see #BoxDesk::open-uri).
 */
void
box_desk_add_account_async (BoxDesk             *self,
                            const char          *kind,
                            const char          *name,
                            const char          *base_url,
                            GHashTable          *credentials,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *setup_url = NULL;
  GTask *task;
  AddAccount *a;
  GError *error = NULL;
  const char *label;

  g_return_if_fail (BOX_IS_DESK (self));
  g_return_if_fail (credentials != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_desk_add_account_async);
  a = g_new0 (AddAccount, 1);
  g_task_set_task_data (task, a, (GDestroyNotify)add_account_free);

  if (!box_provider_kind_is_known (kind))
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                               _("Unknown provider “%s”."), kind ? kind : "");
      g_object_unref (task);
      return;
    }

  label = box_provider_kind_get_label (kind);
  /* A device setup names its own address. */
  if ((base_url == NULL || *base_url == '\0') && g_hash_table_contains (credentials, "config"))
    {
      setup_url = box_provider_kind_read_setup (kind, g_hash_table_lookup (credentials, "config"),
                                                &error);
      if (setup_url == NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      base_url = setup_url;
    }
  if (base_url == NULL || *base_url == '\0')
    base_url = box_provider_kind_get_default_base_url (kind);
  /* The id is a slug of the name, or the provider kind: fienta, fienta-2, ... */
  a->wanted_id = g_strdup (name && *name ? name : kind);
  if (name == NULL || *name == '\0')
    name = label;

  /* Its real id is chosen once the sign-in has worked. */
  a->account = box_account_new (a->wanted_id, kind, name, base_url);
  a->provider = box_provider_new_for_account (a->account, NULL, &error);
  if (a->provider == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (box_provider_kind_uses_oauth (kind) && !g_hash_table_contains (credentials, "access_token"))
    authorize_then_sign_in (self, task, kind, base_url, credentials);
  else
    box_provider_sign_in_async (a->provider, credentials, cancellable, signed_in_cb, task);
}

BoxAccount *
box_desk_add_account_finish (BoxDesk       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * box_desk_reconnect_account_async:
 * @credentials: as for box_desk_add_account_async(), for the account's provider
 *
 * Signs an account in again whose sign-in ended (a revoked key, a password changed):
 * the new secret replaces the old one under the same account, so its events, its
 * check-ins and the ones still waiting to be sent stay with it.
 */
void
box_desk_reconnect_account_async (BoxDesk             *self,
                                  const char          *account_id,
                                  GHashTable          *credentials,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  AddAccount *a;
  GError *error = NULL;
  const char *kind;

  g_return_if_fail (BOX_IS_DESK (self));
  g_return_if_fail (credentials != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_desk_add_account_async);
  a = g_new0 (AddAccount, 1);
  a->reconnect = TRUE;
  g_task_set_task_data (task, a, (GDestroyNotify)add_account_free);

  a->account = box_store_get_account (self->store, account_id, &error);
  a->provider = a->account ? box_provider_new_for_account (a->account, NULL, &error) : NULL;
  if (a->provider == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  kind = box_account_get_provider (a->account);
  if (box_provider_kind_uses_oauth (kind) && !g_hash_table_contains (credentials, "access_token"))
    authorize_then_sign_in (self, task, kind, box_account_get_base_url (a->account), credentials);
  else
    box_provider_sign_in_async (a->provider, credentials, cancellable, signed_in_cb, task);
}

typedef struct
{
  char        *account_id;
  BoxProvider *provider;
} RemoveAccount;

static void
remove_account_free (RemoveAccount *r)
{
  g_free (r->account_id);
  g_clear_object (&r->provider);
  g_free (r);
}

static void
secret_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* The account is gone from the store already; a keyring that is away keeps an
   * orphaned secret, which is only said, not an error. */
  if (!box_secrets_clear_finish (BOX_SECRETS (object), result, &error))
    g_warning ("Could not remove the account’s secret from the keyring: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  RemoveAccount *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* A session the provider ended already, or a provider out of reach, does not keep
   * the account: the secret goes anyway. */
  if (!box_provider_sign_out_finish (BOX_PROVIDER (object), result, &error))
    g_message ("Could not end the provider session of “%s”: %s", r->account_id, error->message);

  box_secrets_clear_async (self->secrets, r->account_id, NULL, secret_cleared_cb, task);
}

static void
remove_provider_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = BOX_DESK (object);
  RemoveAccount *r = g_task_get_task_data (task);
  g_autoptr(GError) provider_error = NULL;
  GError *error = NULL;

  /* No provider (no secret in the keyring): there is no session to end. */
  r->provider = get_provider_finish (self, result, &provider_error);

  if (!box_store_remove_account (self->store, r->account_id, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_hash_table_remove (self->providers, r->account_id);
  g_hash_table_remove (self->flags, r->account_id);
  g_signal_emit (self, signals[ACCOUNTS_CHANGED], 0);

  if (r->provider != NULL)
    box_provider_sign_out_async (r->provider, NULL, signed_out_cb, task);
  else
    box_secrets_clear_async (self->secrets, r->account_id, NULL, secret_cleared_cb, task);
}

/**
 * box_desk_remove_account_async:
 * @discard_queue: remove it even with check-ins the provider has not confirmed
 *
 * Removes the account, its data on this computer and its secret, and ends its session
 * at the provider where it has one. An account with check-ins still to send is kept,
 * with an error that says so, unless @discard_queue.
 */
void
box_desk_remove_account_async (BoxDesk             *self,
                               const char          *account_id,
                               gboolean             discard_queue,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GPtrArray) queue = NULL;
  GTask *task;
  RemoveAccount *r;
  GError *error = NULL;

  g_return_if_fail (BOX_IS_DESK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_desk_remove_account_async);
  r = g_new0 (RemoveAccount, 1);
  r->account_id = g_strdup (account_id);
  g_task_set_task_data (task, r, (GDestroyNotify)remove_account_free);

  queue = box_store_list_outbox (self->store, account_id, &error);
  if (queue == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (queue->len > 0 && !discard_queue)
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u check-in of this account is not sent yet. Sync first, or remove the account with --force to drop it.",
                                            "%u check-ins of this account are not sent yet. Sync first, or remove the account with --force to drop them.",
                                            queue->len),
                               queue->len);
      g_object_unref (task);
      return;
    }

  get_provider_async (self, account_id, NULL, remove_provider_cb, task);
}

gboolean
box_desk_remove_account_finish (BoxDesk       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Events --------------------------------------------------------------------------------- */

GPtrArray *
box_desk_list_events (BoxDesk  *self,
                      GError  **error)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return box_store_list_events (self->store, NULL, error);
}

static void
events_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  const char *account_id = g_task_get_task_data (task);
  g_autoptr(GPtrArray) events = NULL;
  GError *error = NULL;

  events = box_provider_list_events_finish (BOX_PROVIDER (object), result, &error);
  note_outcome (self, account_id, error);
  if (events == NULL || !box_store_put_events (self->store, account_id, events, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Names in progress messages follow a renamed event. */
  g_hash_table_remove_all (self->event_names);
  g_signal_emit (self, signals[EVENTS_CHANGED], 0, account_id);
  g_task_return_boolean (task, TRUE);
}

static void
refresh_events_async (BoxDesk             *self,
                      BoxProvider         *provider,
                      const char          *account_id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, refresh_events_async);
  g_task_set_task_data (task, g_strdup (account_id), g_free);

  if (provider == NULL)
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_FAILED, _("No provider"));
      g_object_unref (task);
      return;
    }

  g_signal_emit (self, signals[SYNC_PROGRESS], 0, account_id, NULL, _("Listing events"));
  box_provider_list_events_async (provider, cancellable, events_listed_cb, task);
}

static gboolean
refresh_events_finish (BoxDesk       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
events_refreshed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!refresh_events_finish (BOX_DESK (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
refresh_provider_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = BOX_DESK (object);
  g_autoptr(BoxProvider) provider = NULL;
  GError *error = NULL;

  provider = get_provider_finish (self, result, &error);
  if (provider == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  refresh_events_async (self, provider, g_task_get_task_data (task), g_task_get_cancellable (task),
                        events_refreshed_cb, task);
}

/**
 * box_desk_refresh_events_async:
 * @account_id: the account whose events to list again
 *
 * Asks the provider for the account's events and saves them; attendees are not pulled
 * and queued check-ins are not sent (that is box_desk_sync_async()).
 */
void
box_desk_refresh_events_async (BoxDesk             *self,
                               const char          *account_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BOX_IS_DESK (self));
  g_return_if_fail (account_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_desk_refresh_events_async);
  g_task_set_task_data (task, g_strdup (account_id), g_free);
  get_provider_async (self, account_id, cancellable, refresh_provider_cb, task);
}

gboolean
box_desk_refresh_events_finish (BoxDesk       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sync ----------------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray   *accounts;     /* BoxAccount */
  guint        next_account;
  char        *event_id;     /* only this one, or all */
  gboolean     full;
  BoxProvider *provider;
  GPtrArray   *events;       /* BoxEvent of the current account */
  guint        next_event;
  GError      *first_error;
} Sync;

static void
sync_free (Sync *s)
{
  g_clear_pointer (&s->accounts, g_ptr_array_unref);
  g_clear_pointer (&s->events, g_ptr_array_unref);
  g_clear_object (&s->provider);
  g_clear_error (&s->first_error);
  g_free (s->event_id);
  g_free (s);
}

static const char *
current_account_id (Sync *s)
{
  return box_account_get_id (g_ptr_array_index (s->accounts, s->next_account - 1));
}

static void
sync_keep_error (Sync   *s,
                 GError *error)
{
  if (s->first_error == NULL)
    s->first_error = error;
  else
    g_error_free (error);
}

static void sync_next_account (GTask *task);
static void sync_next_event (GTask *task);

static void
sync_pulled_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  Sync *s = g_task_get_task_data (task);
  GError *error = NULL;

  box_sync_engine_pull_finish (BOX_SYNC_ENGINE (object), result, &error);
  note_outcome (self, current_account_id (s), error);
  if (error == NULL)
    {
      BoxEvent *event = g_ptr_array_index (s->events, s->next_event - 1);
      g_signal_emit (self, signals[ATTENDEES_CHANGED], 0, current_account_id (s),
                     box_event_get_id (event));
    }
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      sync_keep_error (s, error);
    }

  sync_next_event (task);
}

static void
sync_next_event (GTask *task)
{
  BoxDesk *self = g_task_get_source_object (task);
  Sync *s = g_task_get_task_data (task);
  BoxEvent *event;
  g_autofree char *message = NULL;

  if (s->events == NULL || s->next_event >= s->events->len)
    {
      sync_next_account (task);
      return;
    }

  event = g_ptr_array_index (s->events, s->next_event++);
  if (s->event_id != NULL && g_strcmp0 (s->event_id, box_event_get_id (event)) != 0)
    {
      sync_next_event (task);
      return;
    }

  message = g_strdup_printf (_("Downloading attendees of “%s”"), box_event_get_name (event));
  g_signal_emit (self, signals[SYNC_PROGRESS], 0, current_account_id (s), box_event_get_id (event),
                 message);
  box_sync_engine_pull_async (self->engine, s->provider, current_account_id (s),
                              box_event_get_id (event), s->full, g_task_get_cancellable (task),
                              sync_pulled_cb, task);
}

static void
sync_events_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  Sync *s = g_task_get_task_data (task);
  GError *error = NULL;

  if (!refresh_events_finish (self, result, &error))
    {
      /* Pull what we know of, even if the event list failed. */
      sync_keep_error (s, error);
      error = NULL;
    }

  g_clear_pointer (&s->events, g_ptr_array_unref);
  s->events = box_store_list_events (self->store, current_account_id (s), &error);
  if (s->events == NULL)
    sync_keep_error (s, error);

  if (s->event_id != NULL && s->events != NULL)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < s->events->len; i++)
        found |= g_strcmp0 (box_event_get_id (g_ptr_array_index (s->events, i)), s->event_id) == 0;
      if (!found && s->first_error == NULL)
        s->first_error = g_error_new (BOX_ERROR, BOX_ERROR_NOT_FOUND,
                                      _("There is no event “%s/%s”. See “boxoffice-cli events”."),
                                      current_account_id (s), s->event_id);
    }

  sync_next_event (task);
}

static void
sync_pushed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  Sync *s = g_task_get_task_data (task);
  GError *error = NULL;

  box_sync_engine_push_finish (BOX_SYNC_ENGINE (object), result, &error);
  note_outcome (self, current_account_id (s), error);
  if (error != NULL &&
      (box_error_is_transient (error) ||
       g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS) ||
       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      /* Offline or signed out: the pull would fail the same way. */
      sync_keep_error (s, error);
      sync_next_account (task);
      return;
    }
  if (error != NULL)
    sync_keep_error (s, error);

  refresh_events_async (self, s->provider, current_account_id (s), g_task_get_cancellable (task),
                        sync_events_cb, task);
}

static void
sync_provider_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = BOX_DESK (object);
  Sync *s = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_object (&s->provider);
  s->provider = get_provider_finish (self, result, &error);
  if (s->provider == NULL)
    {
      sync_keep_error (s, error);
      sync_next_account (task);
      return;
    }

  g_signal_emit (self, signals[SYNC_PROGRESS], 0, current_account_id (s), NULL,
                 _("Sending queued check-ins"));
  box_sync_engine_push_async (self->engine, s->provider, current_account_id (s),
                              g_task_get_cancellable (task), sync_pushed_cb, task);
}

static void
sync_next_account (GTask *task)
{
  BoxDesk *self = g_task_get_source_object (task);
  Sync *s = g_task_get_task_data (task);
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (s->next_account >= s->accounts->len)
    {
      if (s->first_error != NULL)
        g_task_return_error (task, g_steal_pointer (&s->first_error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  s->next_account++;
  g_clear_pointer (&s->events, g_ptr_array_unref);
  s->next_event = 0;
  get_provider_async (self, current_account_id (s), g_task_get_cancellable (task),
                      sync_provider_cb, task);
}

/**
 * box_desk_sync_async:
 * @account_id: (nullable): one account, or all
 * @event_id: (nullable): one event of @account_id, or all
 * @full: download every attendee, not only changes
 *
 * For each account: sends the queued check-ins, refreshes the events, then pulls the
 * attendees. A failing account does not stop the others; the first error is returned.
 */
void
box_desk_sync_async (BoxDesk             *self,
                     const char          *account_id,
                     const char          *event_id,
                     gboolean             full,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;
  Sync *s;
  GError *error = NULL;

  g_return_if_fail (BOX_IS_DESK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_desk_sync_async);
  s = g_new0 (Sync, 1);
  s->full = full;
  s->event_id = g_strdup (event_id);
  g_task_set_task_data (task, s, (GDestroyNotify)sync_free);

  if (account_id != NULL)
    {
      BoxAccount *account = box_store_get_account (self->store, account_id, &error);
      if (account == NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      s->accounts = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (s->accounts, account);
    }
  else if ((s->accounts = box_store_list_accounts (self->store, &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  sync_next_account (task);
}

gboolean
box_desk_sync_finish (BoxDesk       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Attendees ------------------------------------------------------------------------------- */

/**
 * box_desk_parse_event_ref:
 * @ref: "ACCOUNT/EVENT_ID"
 */
gboolean
box_desk_parse_event_ref (const char  *ref,
                          char       **account_id,
                          char       **event_id,
                          GError     **error)
{
  const char *slash = ref ? strchr (ref, '/') : NULL;

  if (slash == NULL || slash == ref || slash[1] == '\0')
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("“%s” is not an event. Write it as ACCOUNT/EVENT_ID, for example fienta/10; see “boxoffice-cli events”."),
                   ref ? ref : "");
      return FALSE;
    }

  *account_id = g_strndup (ref, slash - ref);
  *event_id = g_strdup (slash + 1);
  return TRUE;
}

BoxEvent *
box_desk_get_event (BoxDesk     *self,
                    const char  *account_id,
                    const char  *event_id,
                    GError     **error)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return box_store_get_event (self->store, account_id, event_id, error);
}

GPtrArray *
box_desk_list_attendees (BoxDesk     *self,
                         const char  *account_id,
                         const char  *event_id,
                         GError     **error)
{
  g_autoptr(BoxEvent) event = NULL;

  g_return_val_if_fail (BOX_IS_DESK (self), NULL);

  if ((event = box_store_get_event (self->store, account_id, event_id, error)) == NULL)
    return NULL;
  return box_store_list_attendees (self->store, account_id, event_id, error);
}

/**
 * box_desk_export_csv:
 * @n_attendees: (out) (optional): how many rows were written
 *
 * The event's attendees as on this computer, as CSV (see box_csv_attendees()): check-ins
 * kept only here are exported with the rest.
 *
 * Returns: (transfer full): the CSV text, or %NULL with @error
 */
char *
box_desk_export_csv (BoxDesk     *self,
                     const char  *account_id,
                     const char  *event_id,
                     guint       *n_attendees,
                     GError     **error)
{
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) checkins = NULL;

  g_return_val_if_fail (BOX_IS_DESK (self), NULL);

  attendees = box_store_list_attendees (self->store, account_id, event_id, error);
  if (attendees == NULL)
    return NULL;
  checkins = box_store_list_latest_checkins (self->store, account_id, event_id, error);
  if (checkins == NULL)
    return NULL;
  if (n_attendees != NULL)
    *n_attendees = attendees->len;
  return box_csv_attendees (attendees, checkins);
}

GPtrArray *
box_desk_search (BoxDesk     *self,
                 const char  *account_id,
                 const char  *event_id,
                 const char  *query,
                 guint        limit,
                 GError     **error)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return box_store_search (self->store, account_id, event_id, query, limit, error);
}

/**
 * box_desk_open_attendees:
 *
 * A live list of the event's attendees for a window: box_attendee_list_set_query()
 * searches; check-ins and syncs update it.
 *
 * Returns: (transfer full): the list, with every attendee by name
 */
BoxAttendeeList *
box_desk_open_attendees (BoxDesk    *self,
                         const char *account_id,
                         const char *event_id)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return box_attendee_list_new (self, self->store, account_id, event_id);
}

/**
 * box_desk_get_attendee:
 *
 * Returns: (transfer full) (nullable): the attendee with ticket @code, as stored
 */
BoxAttendee *
box_desk_get_attendee (BoxDesk     *self,
                       const char  *account_id,
                       const char  *event_id,
                       const char  *code,
                       GError     **error)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return box_store_get_attendee (self->store, account_id, event_id, code, error);
}

/* Self-service ------------------------------------------------------------------------------- */

/* The last name, or the name's last word when the provider gives only a full name. */
static const char *
last_name_of (BoxAttendee *attendee)
{
  const char *last = box_attendee_get_last_name (attendee);
  const char *name = box_attendee_get_name (attendee);
  const char *space;

  if (last != NULL && *last != '\0')
    return last;
  if (name == NULL)
    return "";
  space = strrchr (name, ' ');
  return space != NULL ? space + 1 : name;
}

/**
 * box_desk_find_one:
 * @code: (nullable): a ticket code, scanned or typed
 * @email: (nullable): an e-mail address, used when @code is empty
 * @last_name_start: (nullable): with @email: the first letters of the last name
 *
 * Finds one person for a self-service screen, where nobody else's data may show: by
 * the exact ticket code, or by the exact e-mail address together with the start of the
 * last name (at least %BOX_DESK_FIND_MIN_LETTERS letters, accents optional). Nobody and
 * more than one person are the same answer, so that the screen tells a stranger
 * nothing.
 *
 * Returns: (transfer full) (nullable): the one attendee; %NULL with BOX_ERROR_NOT_FOUND
 *   when not exactly one matches, BOX_ERROR_INVALID_INPUT when too little was given
 */
BoxAttendee *
box_desk_find_one (BoxDesk     *self,
                   const char  *account_id,
                   const char  *event_id,
                   const char  *code,
                   const char  *email,
                   const char  *last_name_start,
                   GError     **error)
{
  g_autofree char *code_text = g_strstrip (g_strdup (code ? code : ""));
  g_autofree char *email_text = g_strstrip (g_strdup (email ? email : ""));
  g_autofree char *start = g_strstrip (g_strdup (last_name_start ? last_name_start : ""));
  g_autoptr(GPtrArray) same_email = NULL;
  BoxAttendee *found = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (BOX_IS_DESK (self), NULL);

  if (*code_text != '\0')
    {
      found = box_store_get_attendee (self->store, account_id, event_id, code_text, &local_error);
    }
  else if (*email_text == '\0' || strchr (email_text, '@') == NULL)
    {
      g_set_error_literal (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                           _("Scan your ticket, or enter the e-mail address you booked with."));
      return NULL;
    }
  else if (g_utf8_strlen (start, -1) < BOX_DESK_FIND_MIN_LETTERS)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Enter at least the first letter of your last name.",
                                "Enter at least the first %d letters of your last name.",
                                BOX_DESK_FIND_MIN_LETTERS),
                   BOX_DESK_FIND_MIN_LETTERS);
      return NULL;
    }
  else
    {
      guint matching = 0;

      /* One buyer's e-mail may be on many tickets: only the name tells them apart. */
      same_email = box_store_list_attendees_by_email (self->store, account_id, event_id,
                                                      email_text, 10000, &local_error);
      for (guint i = 0; same_email != NULL && i < same_email->len; i++)
        {
          BoxAttendee *a = g_ptr_array_index (same_email, i);

          if (g_str_match_string (start, last_name_of (a), TRUE) && matching++ == 0)
            found = g_object_ref (a);
        }
      if (matching != 1)
        g_clear_object (&found);
    }

  if (local_error != NULL)
    {
      g_clear_object (&found);
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (found == NULL)
    g_set_error_literal (error, BOX_ERROR, BOX_ERROR_NOT_FOUND,
                         _("We could not find exactly one ticket for that. Check what you entered, or ask at the desk."));
  return found;
}

typedef struct
{
  char        *account_id;
  char        *event_id;
  BoxProvider *provider;    /* the account's */
  BoxProvider *delegate;    /* the delegate's own sign-in, never kept */
  BoxOAuth    *oauth;
  GHashTable  *credentials;
  char        *secret;
  GPtrArray   *to_fetch;    /* event ids: the one asked for, then the account's others */
  guint        next;
  GPtrArray   *records;     /* BoxAttendee, as fetched, for to_fetch[i] or NULL */
  BoxAttendee *registration;
  GPtrArray   *others;      /* the delegate's records in the other events (membership) */
} DelegateSignIn;

static void
wipe_and_free (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

static void
delegate_sign_in_free (DelegateSignIn *d)
{
  g_free (d->account_id);
  g_free (d->event_id);
  g_clear_object (&d->provider);
  g_clear_object (&d->delegate);
  g_clear_object (&d->oauth);
  g_clear_pointer (&d->credentials, g_hash_table_unref);
  wipe_and_free (d->secret);
  g_clear_pointer (&d->to_fetch, g_ptr_array_unref);
  g_clear_pointer (&d->records, g_ptr_array_unref);
  g_clear_object (&d->registration);
  g_clear_pointer (&d->others, g_ptr_array_unref);
  g_free (d);
}

static void delegate_fetch_next (GTask *task);

static void
delegate_fetched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  DelegateSignIn *d = g_task_get_task_data (task);
  const char *event_id = g_ptr_array_index (d->to_fetch, d->next);
  gboolean asked_for = d->next == 0;
  g_autoptr(BoxAttendeePage) page = NULL;
  GError *error = NULL;

  d->next++;
  page = box_provider_fetch_attendees_finish (BOX_PROVIDER (object), result, &error);
  if (page == NULL || page->attendees == NULL || page->attendees->len == 0)
    {
      /* Without the registration asked for there is nothing to do; without a record in
       * another event (no membership) there is only less to show. */
      if (asked_for || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (error == NULL || g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
            {
              g_clear_error (&error);
              error = g_error_new_literal (BOX_ERROR, BOX_ERROR_NOT_FOUND,
                                           _("Your account has no registration for this event. Please ask at the desk."));
            }
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      if (error != NULL)
        g_debug ("A delegate’s record in %s: %s", event_id, error->message);
      g_clear_error (&error);
      g_ptr_array_add (d->records, NULL);
    }
  else
    g_ptr_array_add (d->records, g_object_ref (g_ptr_array_index (page->attendees, 0)));
  delegate_fetch_next (task);
}

/* Such a provider names each record after its event ("event-42": the account holds one
 * person). On a shared screen many people sign in, so each one's records get a code of
 * their own, the same every time: from their e-mail where any record has it, else from
 * their name. */
static void
key_delegate_records (GPtrArray *records)
{
  g_autofree char *who = NULL;
  g_autofree char *digest = NULL;
  const char *email = NULL;

  for (guint i = 0; i < records->len && email == NULL; i++)
    {
      BoxAttendee *a = g_ptr_array_index (records, i);

      if (a != NULL && box_attendee_get_email (a) != NULL && *box_attendee_get_email (a) != '\0')
        email = box_attendee_get_email (a);
    }
  if (email != NULL)
    who = g_utf8_casefold (email, -1);
  else
    {
      BoxAttendee *first = g_ptr_array_index (records, 0);
      g_autofree char *name = g_strdup_printf ("%s|%s", box_attendee_get_first_name (first) ?: "",
                                               box_attendee_get_last_name (first) ?: "");
      who = g_utf8_casefold (name, -1);
    }
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, who, -1);
  digest[12] = '\0';

  for (guint i = 0; i < records->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (records, i);
      g_autofree char *code = NULL;

      if (a == NULL)
        continue;
      code = g_strdup_printf ("%s-%s", box_attendee_get_code (a), digest);
      box_attendee_set_code (a, code);
      /* The e-mail finds the person again at the screen (the registration has none). */
      if (email != NULL && (box_attendee_get_email (a) == NULL || *box_attendee_get_email (a) == '\0'))
        box_attendee_set_email (a, email);
    }
}

/* Everything fetched: keyed, kept with the events on this computer (so a check-in is
 * kept, counted and exported with the others), returned. */
static void
delegate_store_records (GTask *task)
{
  BoxDesk *self = g_task_get_source_object (task);
  DelegateSignIn *d = g_task_get_task_data (task);
  GError *error = NULL;

  key_delegate_records (d->records);
  for (guint i = 0; i < d->records->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (d->records, i);
      const char *event_id = g_ptr_array_index (d->to_fetch, i);
      BoxAttendee *stored;

      if (a == NULL)
        continue;
      if (!box_store_put_attendee (self->store, d->account_id, event_id, a, &error) ||
          (stored = box_store_get_attendee (self->store, d->account_id, event_id,
                                            box_attendee_get_code (a), &error)) == NULL)
        {
          if (error == NULL)
            error = g_error_new_literal (BOX_ERROR, BOX_ERROR_STORE,
                                         _("The registration could not be kept on this computer."));
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      if (i == 0)
        d->registration = stored;
      else
        g_ptr_array_add (d->others, stored);
      g_signal_emit (self, signals[ATTENDEES_CHANGED], 0, d->account_id, event_id);
    }
  g_task_return_pointer (task, g_steal_pointer (&d->registration), g_object_unref);
  g_object_unref (task);
}

static void
delegate_fetch_next (GTask *task)
{
  DelegateSignIn *d = g_task_get_task_data (task);

  if (d->next >= d->to_fetch->len)
    delegate_store_records (task);
  else
    box_provider_fetch_attendees_async (d->delegate, g_ptr_array_index (d->to_fetch, d->next),
                                        NULL, g_task_get_cancellable (task), delegate_fetched_cb,
                                        task);
}

static void
delegate_signed_in_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  DelegateSignIn *d = g_task_get_task_data (task);
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GError *error = NULL;

  d->secret = box_provider_sign_in_finish (BOX_PROVIDER (object), result, &error);
  account = d->secret ? box_store_get_account (self->store, d->account_id, &error) : NULL;
  d->delegate = account ? box_provider_new_for_account (account, d->secret, &error) : NULL;
  if (d->delegate == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* Every event of such an account is the signed-in person's own record: the
   * registration asked for first, then the others (Currinda: the membership). */
  events = box_store_list_events (self->store, d->account_id, NULL);
  d->to_fetch = g_ptr_array_new_with_free_func (g_free);
  d->others = g_ptr_array_new_with_free_func (g_object_unref);
  d->records = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (d->to_fetch, g_strdup (d->event_id));
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const char *id = box_event_get_id (g_ptr_array_index (events, i));

      if (g_strcmp0 (id, d->event_id) != 0)
        g_ptr_array_add (d->to_fetch, g_strdup (id));
    }
  delegate_fetch_next (task);
}

static void
delegate_authorized_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  DelegateSignIn *d = g_task_get_task_data (task);

  /* A fresh provider checks the token, so the account's own is never touched. */
  if (take_token (BOX_OAUTH (object), result, task, d->credentials))
    box_provider_sign_in_async (d->provider, d->credentials, g_task_get_cancellable (task),
                                delegate_signed_in_cb, task);
}

static void
delegate_provider_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = BOX_DESK (object);
  DelegateSignIn *d = g_task_get_task_data (task);
  g_autoptr(BoxProvider) provider = NULL;
  g_autoptr(BoxOAuthEndpoints) endpoints = NULL;
  g_autoptr(BoxAccount) account = NULL;
  GError *error = NULL;

  provider = get_provider_finish (self, result, &error);
  endpoints = provider ? box_provider_get_delegate_oauth (provider, &error) : NULL;
  account = endpoints ? box_store_get_account (self->store, d->account_id, &error) : NULL;
  d->provider = account ? box_provider_new_for_account (account, NULL, &error) : NULL;
  if (d->provider == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  d->credentials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)wipe_and_free);
  g_hash_table_insert (d->credentials, g_strdup ("client_id"), g_strdup (endpoints->client_id));
  g_hash_table_insert (d->credentials, g_strdup ("client_secret"),
                       g_strdup (endpoints->client_secret));
  g_hash_table_insert (d->credentials, g_strdup ("scope"), g_strdup (endpoints->scope));

  d->oauth = box_oauth_new (box_provider_kind_get_label (box_account_get_provider (account)),
                            endpoints);
  g_signal_connect (d->oauth, "open-uri", G_CALLBACK (oauth_open_uri_cb), self);
  box_oauth_authorize_async (d->oauth, g_task_get_cancellable (task), delegate_authorized_cb, task);
}

/**
 * box_desk_sign_in_delegate_async:
 *
 * One delegate signs in with their own account at the provider's site (Currinda), on a
 * self-service screen: the sign-in page goes out through #BoxDesk::open-uri, the
 * delegate's registration comes back and is added to the event on this computer. The
 * delegate's token lives only for this call: it is never stored.
 */
void
box_desk_sign_in_delegate_async (BoxDesk             *self,
                                 const char          *account_id,
                                 const char          *event_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  DelegateSignIn *d;

  g_return_if_fail (BOX_IS_DESK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_desk_sign_in_delegate_async);
  d = g_new0 (DelegateSignIn, 1);
  d->account_id = g_strdup (account_id);
  d->event_id = g_strdup (event_id);
  g_task_set_task_data (task, d, (GDestroyNotify)delegate_sign_in_free);

  if (!(account_flags (self, account_id) & BOX_PROVIDER_DELEGATE_ONLY))
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                               _("This provider has no sign-in for attendees."));
      g_object_unref (task);
      return;
    }
  get_provider_async (self, account_id, cancellable, delegate_provider_cb, task);
}

/**
 * box_desk_sign_in_delegate_finish:
 * @others: (out) (optional) (transfer container) (element-type BoxAttendee): the
 *   delegate's records in the account's other events, such as a membership
 *
 * Returns: (transfer full): the delegate's registration, as stored for the event
 */
BoxAttendee *
box_desk_sign_in_delegate_finish (BoxDesk       *self,
                                  GAsyncResult  *result,
                                  GPtrArray    **others,
                                  GError       **error)
{
  BoxAttendee *registration;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  registration = g_task_propagate_pointer (G_TASK (result), error);
  if (others != NULL)
    {
      DelegateSignIn *d = g_task_get_task_data (G_TASK (result));

      *others = registration != NULL && d->others != NULL ? g_ptr_array_ref (d->others) : NULL;
    }
  return registration;
}

/**
 * box_desk_get_logout_uri:
 * @redirect: (nullable): where the browser goes afterwards
 *
 * Returns: (transfer full) (nullable): the page of the account's site that ends the
 *   browser's session there (Currinda), once the account's provider is loaded
 */
char *
box_desk_get_logout_uri (BoxDesk    *self,
                         const char *account_id,
                         const char *redirect)
{
  BoxProvider *provider;

  g_return_val_if_fail (BOX_IS_DESK (self), NULL);

  provider = g_hash_table_lookup (self->providers, account_id);
  return provider != NULL ? box_provider_get_logout_uri (provider, redirect) : NULL;
}

/**
 * box_desk_list_recent_checkins:
 * @limit: the most to return
 *
 * Returns: (transfer container) (element-type BoxCheckin): the event's latest check-ins
 *   and undos, newest first, each with its attendee's name
 */
GPtrArray *
box_desk_list_recent_checkins (BoxDesk     *self,
                               const char  *account_id,
                               const char  *event_id,
                               guint        limit,
                               GError     **error)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return box_store_list_recent_checkins (self->store, account_id, event_id, limit, error);
}

/**
 * box_desk_record_print:
 * @target: "printer" or "pdf"
 *
 * Notes that the name tag of @code was printed now, at this desk.
 */
gboolean
box_desk_record_print (BoxDesk     *self,
                       const char  *account_id,
                       const char  *event_id,
                       const char  *code,
                       const char  *target,
                       GError     **error)
{
  g_return_val_if_fail (BOX_IS_DESK (self), FALSE);
  return box_store_record_print (self->store, account_id, event_id, code,
                                 g_get_real_time () / G_USEC_PER_SEC, self->desk_name, target,
                                 error);
}

/**
 * box_desk_get_last_print:
 * @printed_at: (out) (optional): when, Unix time
 * @desk: (out) (optional) (transfer full): which desk printed it
 *
 * Returns: whether the name tag of @code was printed before
 */
gboolean
box_desk_get_last_print (BoxDesk     *self,
                         const char  *account_id,
                         const char  *event_id,
                         const char  *code,
                         gint64      *printed_at,
                         char       **desk)
{
  g_return_val_if_fail (BOX_IS_DESK (self), FALSE);
  return box_store_get_last_print (self->store, account_id, event_id, code, printed_at, desk);
}

/**
 * box_desk_list_to_print:
 * @since: checked in at or after this Unix time (0: ever)
 * @unprinted: leave out those whose tag was printed
 *
 * The attendees for a batch of name tags, e.g. "checked in today, not yet printed".
 *
 * Returns: (transfer container) (element-type BoxAttendee): in the order they came in
 */
GPtrArray *
box_desk_list_to_print (BoxDesk     *self,
                        const char  *account_id,
                        const char  *event_id,
                        gint64       since,
                        gboolean     unprinted,
                        GError     **error)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return box_store_list_to_print (self->store, account_id, event_id, since, unprinted, error);
}

/* Remote search ---------------------------------------------------------------------------- */

typedef struct
{
  char *account_id;
  char *event_id;
  char *query;
} RemoteSearch;

static void
remote_search_free (RemoteSearch *r)
{
  g_free (r->account_id);
  g_free (r->event_id);
  g_free (r->query);
  g_free (r);
}

static void
remote_searched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  RemoteSearch *r = g_task_get_task_data (task);
  g_autoptr(GPtrArray) found = NULL;
  GError *error = NULL;

  found = box_provider_search_finish (BOX_PROVIDER (object), result, &error);
  note_outcome (self, r->account_id, error);
  if (found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* What the server found is kept: the next search finds it here. */
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr(GError) store_error = NULL;

      if (!box_store_put_attendee (self->store, r->account_id, r->event_id,
                                   g_ptr_array_index (found, i), &store_error))
        g_warning ("Could not keep a ticket found online: %s", store_error->message);
    }
  if (found->len > 0)
    g_signal_emit (self, signals[ATTENDEES_CHANGED], 0, r->account_id, r->event_id);
  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify)g_ptr_array_unref);
}

static void
remote_search_provider_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxDesk *self = BOX_DESK (object);
  RemoteSearch *r = g_task_get_task_data (task);
  g_autoptr(BoxProvider) provider = NULL;
  GError *error = NULL;

  provider = get_provider_finish (self, result, &error);
  if (provider == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!(box_provider_get_flags (provider) & BOX_PROVIDER_REMOTE_SEARCH))
    {
      g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                             (GDestroyNotify)g_ptr_array_unref);
      return;
    }
  box_provider_search_async (provider, r->event_id, r->query, g_task_get_cancellable (task),
                             remote_searched_cb, g_object_ref (task));
}

/**
 * box_desk_search_remote_async:
 *
 * Asks the provider's own search (Eventyay: 4 characters or more, 25 tickets at most),
 * for an event whose list is not on this computer yet. The tickets found are kept in the
 * local list. A provider without one finds nothing.
 */
void
box_desk_search_remote_async (BoxDesk             *self,
                              const char          *account_id,
                              const char          *event_id,
                              const char          *query,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  RemoteSearch *r;

  g_return_if_fail (BOX_IS_DESK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_desk_search_remote_async);
  r = g_new0 (RemoteSearch, 1);
  r->account_id = g_strdup (account_id);
  r->event_id = g_strdup (event_id);
  r->query = g_strstrip (g_strdup (query ? query : ""));
  g_task_set_task_data (task, r, (GDestroyNotify)remote_search_free);
  get_provider_async (self, account_id, cancellable, remote_search_provider_cb, task);
}

/**
 * box_desk_search_remote_finish:
 *
 * Returns: (transfer container) (element-type BoxAttendee): what the provider found
 */
GPtrArray *
box_desk_search_remote_finish (BoxDesk       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
box_desk_list_queue (BoxDesk  *self,
                     GError  **error)
{
  g_return_val_if_fail (BOX_IS_DESK (self), NULL);
  return box_store_list_outbox (self->store, NULL, error);
}

BoxEventStats *
box_desk_get_stats (BoxDesk     *self,
                    const char  *account_id,
                    const char  *event_id,
                    GError     **error)
{
  g_autoptr(BoxEvent) event = NULL;

  g_return_val_if_fail (BOX_IS_DESK (self), NULL);

  if ((event = box_store_get_event (self->store, account_id, event_id, error)) == NULL)
    return NULL;
  return box_store_get_stats (self->store, account_id, event_id, error);
}

static void
provider_stats_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  BoxEventStats *stats;
  GError *error = NULL;

  stats = box_provider_fetch_statistics_finish (BOX_PROVIDER (object), result, &error);
  if (stats == NULL)
    {
      if (!g_error_matches (error, BOX_ERROR, BOX_ERROR_UNSUPPORTED) &&
          !g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION))
        note_outcome (self, g_task_get_task_data (task), error);
      g_task_return_error (task, error);
      return;
    }
  note_outcome (self, g_task_get_task_data (task), NULL);
  g_task_return_pointer (task, stats, g_object_unref);
}

static void
stats_provider_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(BoxProvider) provider = NULL;
  GError *error = NULL;

  provider = get_provider_finish (BOX_DESK (object), result, &error);
  if (provider == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  box_provider_fetch_statistics_async (provider, g_object_get_data (G_OBJECT (task), "event-id"),
                                       g_task_get_cancellable (task), provider_stats_cb, task);
}

/**
 * box_desk_fetch_provider_stats_async:
 *
 * Asks the provider for its own figures of an event (TickeTing: tickets sold, capacity,
 * revenue), as the figures of a #BoxEventStats. Fails with %BOX_ERROR_UNSUPPORTED for a
 * provider without them.
 */
void
box_desk_fetch_provider_stats_async (BoxDesk             *self,
                                     const char          *account_id,
                                     const char          *event_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BOX_IS_DESK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_desk_fetch_provider_stats_async);
  g_task_set_task_data (task, g_strdup (account_id), g_free);
  g_object_set_data_full (G_OBJECT (task), "event-id", g_strdup (event_id), g_free);

  if (!(account_flags (self, account_id) & BOX_PROVIDER_STATISTICS))
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                               _("This provider reports no statistics of its own."));
      g_object_unref (task);
      return;
    }
  get_provider_async (self, account_id, cancellable, stats_provider_cb, task);
}

/**
 * box_desk_fetch_provider_stats_finish:
 *
 * Returns: (transfer full): the provider's figures
 */
BoxEventStats *
box_desk_fetch_provider_stats_finish (BoxDesk       *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Check-in ------------------------------------------------------------------------------- */

typedef struct
{
  BoxCheckin      *checkin;
  BoxCheckinFlags  flags;
  GHashTable      *answers;
  gboolean         recorded;   /* FALSE: a ticket not in the local list, asked online */
} CheckIn;

static void
check_in_free (CheckIn *c)
{
  g_clear_object (&c->checkin);
  g_clear_pointer (&c->answers, g_hash_table_unref);
  g_free (c);
}

static void
refresh_attendee (BoxDesk    *self,
                  BoxCheckin *checkin)
{
  g_autoptr(BoxAttendee) attendee = box_store_get_attendee (self->store,
                                                            box_checkin_get_account_id (checkin),
                                                            box_checkin_get_event_id (checkin),
                                                            box_checkin_get_code (checkin), NULL);
  if (attendee != NULL)
    box_checkin_set_attendee (checkin, attendee);
}

static void
return_checkin (GTask *task)
{
  BoxDesk *self = g_task_get_source_object (task);
  CheckIn *c = g_task_get_task_data (task);

  refresh_attendee (self, c->checkin);
  g_signal_emit (self, signals[CHECKIN_UPDATED], 0, c->checkin);
  g_task_return_pointer (task, g_object_ref (c->checkin), g_object_unref);
  g_object_unref (task);
}

static void
queue_for_later (BoxDesk    *self,
                 BoxCheckin *checkin,
                 GError     *error)
{
  g_autofree char *message = NULL;
  g_autoptr(BoxAccount) account = box_store_get_account (self->store, box_checkin_get_account_id (checkin), NULL);
  const char *label = account ? box_provider_kind_get_label (box_account_get_provider (account)) : "";

  box_checkin_set_result (checkin, BOX_CHECKIN_RESULT_QUEUED);
  if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS) ||
      g_error_matches (error, BOX_ERROR, BOX_ERROR_SECRETS))
    message = g_strdup_printf (_("Saved here; it will be sent after you sign in to %s again. (%s)"),
                               label, error->message);
  else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_OFFLINE))
    message = g_strdup_printf (_("Saved here; %s cannot be reached now, it will be sent when the connection is back. (%s)"),
                               label, error->message);
  else
    message = g_strdup_printf (_("Saved here; %s could not take it now, it will be sent again with the next sync. (%s)"),
                               label, error->message);
  box_checkin_set_message (checkin, message);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  CheckIn *c = g_task_get_task_data (task);
  GError *error = NULL;

  if (!box_sync_engine_send_finish (BOX_SYNC_ENGINE (object), result, &error))
    {
      note_outcome (self, box_checkin_get_account_id (c->checkin), error);
      queue_for_later (self, c->checkin, error);
      g_error_free (error);
    }
  else
    note_outcome (self, box_checkin_get_account_id (c->checkin), NULL);

  return_checkin (task);
}

static void
online_checked_in_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = g_task_get_source_object (task);
  CheckIn *c = g_task_get_task_data (task);
  BoxAttendee *attendee;
  GError *error = NULL;

  if (!box_provider_check_in_finish (BOX_PROVIDER (object), result, &error))
    {
      g_autofree char *message = NULL;

      note_outcome (self, box_checkin_get_account_id (c->checkin), error);
      /* Nothing is queued for a ticket we have never seen: say so. */
      box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_UNKNOWN);
      message = g_strdup_printf (_("This ticket is not in the list on this computer, and it could not be checked online: %s"),
                                 error->message);
      box_checkin_set_message (c->checkin, message);
      g_error_free (error);
      g_signal_emit (self, signals[CHECKIN_UPDATED], 0, c->checkin);
      g_task_return_pointer (task, g_object_ref (c->checkin), g_object_unref);
      g_object_unref (task);
      return;
    }

  note_outcome (self, box_checkin_get_account_id (c->checkin), NULL);

  /* A ticket sold since the last sync: keep what the provider told us about it. */
  attendee = box_checkin_get_attendee (c->checkin);
  if (attendee != NULL)
    {
      g_autoptr(GError) store_error = NULL;

      if (!box_store_put_attendee (self->store, box_checkin_get_account_id (c->checkin),
                                   box_checkin_get_event_id (c->checkin), attendee, &store_error))
        g_warning ("Could not save a new attendee: %s", store_error->message);
      else if (box_checkin_get_result (c->checkin) == BOX_CHECKIN_RESULT_OK)
        {
          box_checkin_set_state (c->checkin, BOX_CHECKIN_STATE_CONFIRMED);
          if (!box_store_record_checkin (self->store, c->checkin, &store_error))
            g_warning ("Could not record a check-in: %s", store_error->message);
        }
    }

  return_checkin (task);
}

static void
check_in_provider_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  BoxDesk *self = BOX_DESK (object);
  CheckIn *c = g_task_get_task_data (task);
  g_autoptr(BoxProvider) provider = NULL;
  GError *error = NULL;

  provider = get_provider_finish (self, result, &error);
  if (provider == NULL)
    {
      if (!c->recorded)
        {
          box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_UNKNOWN);
          box_checkin_set_message (c->checkin, error->message);
          g_error_free (error);
          g_task_return_pointer (task, g_object_ref (c->checkin), g_object_unref);
          g_object_unref (task);
          return;
        }
      queue_for_later (self, c->checkin, error);
      g_error_free (error);
      return_checkin (task);
      return;
    }

  if (!c->recorded)
    {
      box_provider_check_in_async (provider, c->checkin, c->answers,
                                   (c->flags & BOX_CHECKIN_FLAGS_FORCE) != 0,
                                   (c->flags & BOX_CHECKIN_FLAGS_IGNORE_UNPAID) != 0,
                                   g_task_get_cancellable (task), online_checked_in_cb, task);
      return;
    }

  box_sync_engine_send_async (self->engine, provider, c->checkin, c->answers,
                              (c->flags & BOX_CHECKIN_FLAGS_FORCE) != 0,
                              /* The desk accepted it: a pending order was let in on purpose. */
                              TRUE,
                              g_task_get_cancellable (task), sent_cb, task);
}

static BoxCheckin *
new_checkin (BoxDesk          *self,
             const char       *account_id,
             const char       *event_id,
             const char       *code,
             BoxCheckinAction  action)
{
  BoxCheckin *checkin = box_checkin_new ();
  g_autofree char *nonce = g_uuid_string_random ();

  box_checkin_set_account_id (checkin, account_id);
  box_checkin_set_event_id (checkin, event_id);
  box_checkin_set_code (checkin, code);
  box_checkin_set_action (checkin, action);
  box_checkin_set_created_at (checkin, g_get_real_time () / G_USEC_PER_SEC);
  box_checkin_set_desk (checkin, self->desk_name);
  box_checkin_set_nonce (checkin, nonce);
  return checkin;
}

/* Ends the task with a decision taken from the local list alone. */
static void
return_local_decision (GTask            *task,
                       BoxCheckinResult  result,
                       const char       *message)
{
  CheckIn *c = g_task_get_task_data (task);

  box_checkin_set_result (c->checkin, result);
  box_checkin_set_message (c->checkin, message);
  g_task_return_pointer (task, g_object_ref (c->checkin), g_object_unref);
  g_object_unref (task);
}

/* While the provider cannot be reached it cannot ask its questions: the desk asks the
 * ones it downloaded for the attendee's ticket, when one of them is required.
 * Returns: (transfer container) (nullable): the questions to ask */
static GPtrArray *
questions_to_ask_offline (BoxDesk     *self,
                          BoxAttendee *attendee)
{
  g_autoptr(BoxAccount) account = box_store_get_account (self->store, box_attendee_get_account_id (attendee), NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) asked = NULL;
  g_autofree char *item_id = NULL;
  gboolean required = FALSE;

  if (account == NULL || box_account_get_state (account) != BOX_ACCOUNT_STATE_OFFLINE ||
      !(account_flags (self, box_account_get_id (account)) & BOX_PROVIDER_HAS_QUESTIONS))
    return NULL;

  all = box_store_list_questions (self->store, box_attendee_get_account_id (attendee),
                                  box_attendee_get_event_id (attendee), NULL);
  if (all == NULL || all->len == 0)
    return NULL;

  item_id = box_attendee_dup_detail (attendee, "_item_id");
  asked = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      BoxQuestion *q = g_ptr_array_index (all, i);

      if (item_id != NULL && !box_question_applies_to_item (q, item_id))
        continue;
      required |= box_question_get_required (q);
      g_ptr_array_add (asked, g_object_ref (q));
    }
  return required ? g_steal_pointer (&asked) : NULL;
}

/* Records @c's check-in and sends it (or keeps it local). */
static void
record_and_send (GTask *task)
{
  BoxDesk *self = g_task_get_source_object (task);
  CheckIn *c = g_task_get_task_data (task);
  BoxProviderFlags flags = account_flags (self, box_checkin_get_account_id (c->checkin));
  gboolean local = !(flags & BOX_PROVIDER_CAN_CHECK_IN);
  GError *error = NULL;

  box_checkin_set_state (c->checkin, local ? BOX_CHECKIN_STATE_LOCAL : BOX_CHECKIN_STATE_PENDING);
  box_checkin_set_result (c->checkin, local ? BOX_CHECKIN_RESULT_LOCAL : BOX_CHECKIN_RESULT_QUEUED);
  if (!box_store_record_checkin (self->store, c->checkin, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  c->recorded = TRUE;
  refresh_attendee (self, c->checkin);
  g_signal_emit (self, signals[CHECKIN_RECORDED], 0, c->checkin);

  if (local)
    {
      box_checkin_set_message (c->checkin,
                               box_checkin_get_action (c->checkin) == BOX_CHECKIN_ACTION_CHECK_IN
                               ? _("Checked in on this computer (the provider has no check-in).")
                               : _("Check-in undone on this computer."));
      return_checkin (task);
      return;
    }

  get_provider_async (self, box_checkin_get_account_id (c->checkin), g_task_get_cancellable (task),
                      check_in_provider_cb, task);
}

/**
 * box_desk_check_in_async:
 * @code: the ticket code as scanned or typed
 * @answers: (nullable): question id -> answer, for providers that ask questions
 *
 * Decides from the local list (already in? paid?), records the check-in, then sends
 * it. The result is in the returned #BoxCheckin: `ok`, `queued` when the provider
 * cannot be reached, `local`, or a refusal (`already_checked_in`, `unpaid`, ...). An
 * error means nothing was recorded (the event is unknown, the disk is full).
 */
void
box_desk_check_in_async (BoxDesk             *self,
                         const char          *account_id,
                         const char          *event_id,
                         const char          *code,
                         BoxCheckinFlags      flags,
                         GHashTable          *answers,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(BoxEvent) event = NULL;
  g_autoptr(BoxAttendee) attendee = NULL;
  g_autofree char *trimmed = NULL;
  GError *error = NULL;
  GTask *task;
  CheckIn *c;

  g_return_if_fail (BOX_IS_DESK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_desk_check_in_async);

  trimmed = g_strstrip (g_strdup (code ? code : ""));
  c = g_new0 (CheckIn, 1);
  c->flags = flags;
  c->answers = answers ? g_hash_table_ref (answers) : NULL;
  g_task_set_task_data (task, c, (GDestroyNotify)check_in_free);

  if ((event = box_store_get_event (self->store, account_id, event_id, &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (*trimmed == '\0')
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_INPUT, _("The ticket code is empty."));
      g_object_unref (task);
      return;
    }

  attendee = box_store_get_attendee (self->store, account_id, event_id, trimmed, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* The code as the store spells it, whatever case the scanner typed. */
  c->checkin = new_checkin (self, account_id, event_id,
                            attendee ? box_attendee_get_code (attendee) : trimmed,
                            BOX_CHECKIN_ACTION_CHECK_IN);
  /* Someone waits for this answer; from the queue later, nobody does. */
  box_checkin_set_interactive (c->checkin, !(flags & BOX_CHECKIN_FLAGS_SKIP_QUESTIONS));

  if (attendee == NULL)
    {
      /* Perhaps sold since the last sync: ask the provider. */
      if (!(account_flags (self, account_id) & BOX_PROVIDER_CAN_CHECK_IN))
        {
          return_local_decision (task, BOX_CHECKIN_RESULT_UNKNOWN,
                                 _("No ticket with this code. Check the code, or sync to get the latest list."));
          return;
        }
      get_provider_async (self, account_id, cancellable, check_in_provider_cb, task);
      return;
    }

  box_checkin_set_attendee (c->checkin, attendee);

  /* Another section's ticket (TickeTing's admission token): no use asking the server. */
  if (!box_attendee_get_valid_here (attendee))
    {
      g_autofree char *message = NULL;

      if (box_attendee_get_ticket_type (attendee) != NULL)
        message = g_strdup_printf (_("Not valid at this entrance: this is a “%s” ticket. Send the person to the right entrance."),
                                   box_attendee_get_ticket_type (attendee));
      else
        message = g_strdup (_("Not valid at this entrance. Send the person to the right entrance."));
      return_local_decision (task, BOX_CHECKIN_RESULT_PRODUCT, message);
      return;
    }

  if (box_attendee_get_checked_in (attendee) && !(flags & BOX_CHECKIN_FLAGS_FORCE))
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (box_attendee_get_checked_in_at (attendee));
      g_autofree char *when = at ? g_date_time_format (at, "%H:%M") : NULL;
      g_autofree char *by = box_attendee_dup_detail (attendee, "_checked_in_by");
      g_autofree char *message = NULL;

      if (when != NULL && box_attendee_get_checked_in_at (attendee) > 0)
        message = by != NULL && *by != '\0'
          /* Translators: already checked in at 18:05 by Gate 1 (a desk or device) */
          ? g_strdup_printf (_("Already checked in at %s by %s."), when, by)
          : g_strdup_printf (_("Already checked in at %s."), when);
      else
        message = g_strdup (_("Already checked in."));
      return_local_decision (task, BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN, message);
      return;
    }

  if (box_attendee_get_status (attendee) == BOX_ATTENDEE_STATUS_CANCELLED)
    {
      return_local_decision (task, BOX_CHECKIN_RESULT_UNPAID,
                             _("This ticket was refunded or cancelled. It does not allow entry."));
      return;
    }

  if (box_attendee_get_status (attendee) == BOX_ATTENDEE_STATUS_PENDING &&
      !(flags & (BOX_CHECKIN_FLAGS_IGNORE_UNPAID | BOX_CHECKIN_FLAGS_FORCE)))
    {
      return_local_decision (task, BOX_CHECKIN_RESULT_UNPAID,
                             _("This order is not paid yet. Check in anyway only if the payment is settled."));
      return;
    }

  /* The answers are kept with the check-in and sent with it, also from the queue. */
  if (answers != NULL && g_hash_table_size (answers) > 0)
    box_checkin_set_answers (c->checkin, answers);
  else if (!(flags & (BOX_CHECKIN_FLAGS_FORCE | BOX_CHECKIN_FLAGS_SKIP_QUESTIONS)))
    {
      g_autoptr(GPtrArray) questions = questions_to_ask_offline (self, attendee);

      if (questions != NULL)
        {
          box_checkin_set_questions (c->checkin, questions);
          return_local_decision (task, BOX_CHECKIN_RESULT_QUESTIONS,
                                 _("The server cannot be reached to ask its questions: answer them here, and they are sent with the check-in."));
          return;
        }
    }

  record_and_send (task);
}

/**
 * box_desk_check_in_finish:
 *
 * Returns: (transfer full): the check-in with its result, message and attendee
 */
BoxCheckin *
box_desk_check_in_finish (BoxDesk       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * box_desk_undo_async:
 *
 * Puts a checked-in attendee back to not checked in. A check-in that has not been sent
 * yet is simply taken back; otherwise the undo is recorded and sent like a check-in.
 * Errors: no such ticket, not checked in, or the provider cannot undo.
 */
void
box_desk_undo_async (BoxDesk             *self,
                     const char          *account_id,
                     const char          *event_id,
                     const char          *code,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(BoxAttendee) attendee = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autofree char *trimmed = NULL;
  BoxProviderFlags flags;
  GError *error = NULL;
  gboolean dropped = FALSE;
  GTask *task;
  CheckIn *c;

  g_return_if_fail (BOX_IS_DESK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_desk_undo_async);
  c = g_new0 (CheckIn, 1);
  g_task_set_task_data (task, c, (GDestroyNotify)check_in_free);
  trimmed = g_strstrip (g_strdup (code ? code : ""));

  if ((event = box_store_get_event (self->store, account_id, event_id, &error)) == NULL ||
      (attendee = box_store_get_attendee (self->store, account_id, event_id, trimmed, &error)) == NULL)
    {
      if (error == NULL)
        error = g_error_new (BOX_ERROR, BOX_ERROR_NOT_FOUND,
                             _("No ticket “%s” in %s/%s. Check the code, or sync first."),
                             trimmed, account_id, event_id);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (!box_attendee_get_checked_in (attendee))
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                               _("%s (%s) is not checked in, so there is nothing to undo."),
                               box_attendee_get_name (attendee) ? box_attendee_get_name (attendee) : trimmed,
                               box_attendee_get_code (attendee));
      g_object_unref (task);
      return;
    }

  flags = account_flags (self, account_id);
  if ((flags & BOX_PROVIDER_CAN_CHECK_IN) && !(flags & BOX_PROVIDER_CAN_UNDO))
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                               _("This provider cannot undo a check-in."));
      g_object_unref (task);
      return;
    }

  c->checkin = new_checkin (self, account_id, event_id, box_attendee_get_code (attendee),
                            BOX_CHECKIN_ACTION_UNDO);

  if (!box_store_drop_pending_checkin (self->store, account_id, event_id,
                                       box_attendee_get_code (attendee), &dropped, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (dropped)
    {
      box_checkin_set_state (c->checkin, BOX_CHECKIN_STATE_CONFIRMED);
      box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_OK);
      box_checkin_set_message (c->checkin, _("Check-in undone before it was sent."));
      return_checkin (task);
      return;
    }

  record_and_send (task);
}

BoxCheckin *
box_desk_undo_finish (BoxDesk       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
