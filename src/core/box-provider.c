/* box-provider.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-provider"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "box-account.h"
#include "box-error.h"
#include "box-provider.h"

G_DEFINE_INTERFACE (BoxProvider, box_provider, G_TYPE_OBJECT)

typedef struct
{
  char               *kind;
  char               *label;
  char               *default_base_url;
  BoxProviderFactory  factory;
  BoxProviderSetupReader setup_reader;
  BoxProviderOAuthSetup oauth_setup;
} Registration;

static GMutex registry_lock;
static GPtrArray *registry;

static void
box_provider_default_init (BoxProviderInterface *iface)
{
  /**
   * BoxProvider::secret-changed:
   * @secret: the account's secret from now on
   *
   * The provider renewed its sign-in (an OAuth2 refresh): whoever keeps the account's
   * secret keeps this one instead, or the next start signs in with a used-up token.
   */
  g_signal_new ("secret-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

void
box_attendee_page_free (BoxAttendeePage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->attendees, g_ptr_array_unref);
  g_clear_pointer (&page->questions, g_ptr_array_unref);
  g_free (page->cursor);
  g_free (page);
}

/**
 * box_provider_register:
 * @kind: the short name used in account ids and on the command line ("fienta")
 * @label: the name people know it by ("Fienta")
 * @default_base_url: (nullable): the public API address
 */
void
box_provider_register (const char         *kind,
                       const char         *label,
                       const char         *default_base_url,
                       BoxProviderFactory  factory)
{
  Registration *reg;

  g_return_if_fail (kind != NULL && label != NULL && factory != NULL);

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_ptr_array_new ();
  for (guint i = 0; i < registry->len; i++)
    {
      if (g_str_equal (((Registration *)g_ptr_array_index (registry, i))->kind, kind))
        {
          g_mutex_unlock (&registry_lock);
          return;
        }
    }
  reg = g_new0 (Registration, 1);
  reg->kind = g_strdup (kind);
  reg->label = g_strdup (label);
  reg->default_base_url = g_strdup (default_base_url);
  reg->factory = factory;
  g_ptr_array_add (registry, reg);
  g_mutex_unlock (&registry_lock);
}

/**
 * box_provider_set_setup_reader:
 * @reader: turns a device setup (a QR-code JSON, a link) into the account's API address
 *
 * For providers whose accounts are set up from a code rather than an address.
 */
void
box_provider_set_setup_reader (const char            *kind,
                               BoxProviderSetupReader  reader)
{
  g_mutex_lock (&registry_lock);
  for (guint i = 0; registry != NULL && i < registry->len; i++)
    {
      Registration *reg = g_ptr_array_index (registry, i);
      if (g_str_equal (reg->kind, kind))
        reg->setup_reader = reader;
    }
  g_mutex_unlock (&registry_lock);
}

static const Registration *
lookup (const char *kind)
{
  const Registration *found = NULL;

  if (kind == NULL)
    return NULL;

  g_mutex_lock (&registry_lock);
  for (guint i = 0; registry != NULL && i < registry->len; i++)
    {
      const Registration *reg = g_ptr_array_index (registry, i);
      if (g_str_equal (reg->kind, kind))
        {
          found = reg;
          break;
        }
    }
  g_mutex_unlock (&registry_lock);

  return found;
}

/**
 * box_provider_kind_read_setup:
 * @setup: the setup as pasted
 *
 * Returns: (transfer full) (nullable): the API address the setup names, or %NULL with
 *   @error (also when @kind is not set up from a code)
 */
char *
box_provider_kind_read_setup (const char  *kind,
                              const char  *setup,
                              GError     **error)
{
  const Registration *reg = lookup (kind);

  if (reg == NULL || reg->setup_reader == NULL)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("%s accounts are not set up from a setup code."), kind);
      return NULL;
    }
  return reg->setup_reader (setup, error);
}

/**
 * box_provider_set_oauth_setup:
 * @setup: says where the authorization-code flow of an account goes
 *
 * For providers whose accounts are connected with OAuth2 in the browser.
 */
void
box_provider_set_oauth_setup (const char            *kind,
                              BoxProviderOAuthSetup  setup)
{
  g_mutex_lock (&registry_lock);
  for (guint i = 0; registry != NULL && i < registry->len; i++)
    {
      Registration *reg = g_ptr_array_index (registry, i);
      if (g_str_equal (reg->kind, kind))
        reg->oauth_setup = setup;
    }
  g_mutex_unlock (&registry_lock);
}

gboolean
box_provider_kind_uses_oauth (const char *kind)
{
  const Registration *reg = lookup (kind);
  return reg != NULL && reg->oauth_setup != NULL;
}

/**
 * box_provider_kind_oauth_setup:
 * @base_url: the account's address (the provider's default when none was given)
 * @credentials: what the person typed
 *
 * Returns: (transfer full) (nullable): where the flow goes, or %NULL with @error
 */
BoxOAuthEndpoints *
box_provider_kind_oauth_setup (const char  *kind,
                               const char  *base_url,
                               GHashTable  *credentials,
                               GError     **error)
{
  const Registration *reg = lookup (kind);

  if (reg == NULL || reg->oauth_setup == NULL)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("%s accounts are not connected in the browser."), kind);
      return NULL;
    }
  return reg->oauth_setup (base_url, credentials, error);
}

gboolean
box_provider_kind_is_known (const char *kind)
{
  return lookup (kind) != NULL;
}

const char *
box_provider_kind_get_label (const char *kind)
{
  const Registration *reg = lookup (kind);
  return reg ? reg->label : kind;
}

const char *
box_provider_kind_get_default_base_url (const char *kind)
{
  const Registration *reg = lookup (kind);
  return reg ? reg->default_base_url : NULL;
}

/**
 * box_provider_new_for_account:
 * @secret: (nullable): the account's secret, %NULL before signing in
 *
 * Returns: (transfer full): a provider that speaks for @account
 */
BoxProvider *
box_provider_new_for_account (BoxAccount  *account,
                              const char  *secret,
                              GError     **error)
{
  const Registration *reg;

  g_return_val_if_fail (BOX_IS_ACCOUNT (account), NULL);

  reg = lookup (box_account_get_provider (account));
  if (reg == NULL)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                   _("This version of Box Office does not know the provider “%s”."),
                   box_account_get_provider (account));
      return NULL;
    }

  return reg->factory (account, secret, error);
}

BoxProviderFlags
box_provider_get_flags (BoxProvider *self)
{
  g_return_val_if_fail (BOX_IS_PROVIDER (self), 0);
  return BOX_PROVIDER_GET_IFACE (self)->get_flags (self);
}

void
box_provider_sign_in_async (BoxProvider         *self,
                            GHashTable          *credentials,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BOX_IS_PROVIDER (self));
  BOX_PROVIDER_GET_IFACE (self)->sign_in_async (self, credentials, cancellable, callback, user_data);
}

char *
box_provider_sign_in_finish (BoxProvider   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (BOX_IS_PROVIDER (self), NULL);
  return BOX_PROVIDER_GET_IFACE (self)->sign_in_finish (self, result, error);
}

void
box_provider_list_events_async (BoxProvider         *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (BOX_IS_PROVIDER (self));
  BOX_PROVIDER_GET_IFACE (self)->list_events_async (self, cancellable, callback, user_data);
}

GPtrArray *
box_provider_list_events_finish (BoxProvider   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (BOX_IS_PROVIDER (self), NULL);
  return BOX_PROVIDER_GET_IFACE (self)->list_events_finish (self, result, error);
}

void
box_provider_fetch_attendees_async (BoxProvider         *self,
                                    const char          *event_id,
                                    const char          *cursor,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (BOX_IS_PROVIDER (self));
  BOX_PROVIDER_GET_IFACE (self)->fetch_attendees_async (self, event_id, cursor, cancellable,
                                                        callback, user_data);
}

BoxAttendeePage *
box_provider_fetch_attendees_finish (BoxProvider   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (BOX_IS_PROVIDER (self), NULL);
  return BOX_PROVIDER_GET_IFACE (self)->fetch_attendees_finish (self, result, error);
}

void
box_provider_check_in_async (BoxProvider         *self,
                             BoxCheckin          *checkin,
                             GHashTable          *answers,
                             gboolean             force,
                             gboolean             ignore_unpaid,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (BOX_IS_PROVIDER (self));

  if (BOX_PROVIDER_GET_IFACE (self)->check_in_async == NULL)
    {
      g_task_report_new_error (self, callback, user_data, box_provider_check_in_async,
                               BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                               _("This provider has no check-in; check-ins are kept on this computer."));
      return;
    }

  BOX_PROVIDER_GET_IFACE (self)->check_in_async (self, checkin, answers, force, ignore_unpaid,
                                                 cancellable, callback, user_data);
}

gboolean
box_provider_check_in_finish (BoxProvider   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (BOX_IS_PROVIDER (self), FALSE);

  if (g_async_result_is_tagged (result, box_provider_check_in_async))
    return g_task_propagate_boolean (G_TASK (result), error);

  return BOX_PROVIDER_GET_IFACE (self)->check_in_finish (self, result, error);
}

/**
 * box_provider_search_async:
 *
 * The provider's own search, where it has one (%BOX_PROVIDER_REMOTE_SEARCH).
 */
void
box_provider_search_async (BoxProvider         *self,
                           const char          *event_id,
                           const char          *query,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  BoxProviderInterface *iface;

  g_return_if_fail (BOX_IS_PROVIDER (self));

  iface = BOX_PROVIDER_GET_IFACE (self);
  if (iface->search_async == NULL)
    {
      GTask *task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, box_provider_search_async);
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                               _("This provider cannot search its tickets online."));
      g_object_unref (task);
      return;
    }
  iface->search_async (self, event_id, query, cancellable, callback, user_data);
}

/**
 * box_provider_search_finish:
 *
 * Returns: (transfer container) (element-type BoxAttendee): what the provider found
 */
GPtrArray *
box_provider_search_finish (BoxProvider   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (BOX_IS_PROVIDER (self), NULL);

  if (g_async_result_is_tagged (result, box_provider_search_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return BOX_PROVIDER_GET_IFACE (self)->search_finish (self, result, error);
}

/**
 * box_provider_fetch_statistics_async:
 *
 * The provider's own figures for an event, where it has them (%BOX_PROVIDER_STATISTICS).
 */
void
box_provider_fetch_statistics_async (BoxProvider         *self,
                                     const char          *event_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  BoxProviderInterface *iface;

  g_return_if_fail (BOX_IS_PROVIDER (self));

  iface = BOX_PROVIDER_GET_IFACE (self);
  if (iface->fetch_statistics_async == NULL)
    {
      GTask *task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, box_provider_fetch_statistics_async);
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                               _("This provider reports no statistics of its own."));
      g_object_unref (task);
      return;
    }
  iface->fetch_statistics_async (self, event_id, cancellable, callback, user_data);
}

/**
 * box_provider_fetch_statistics_finish:
 *
 * Returns: (transfer full): the provider's figures
 */
BoxEventStats *
box_provider_fetch_statistics_finish (BoxProvider   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (BOX_IS_PROVIDER (self), NULL);

  if (g_async_result_is_tagged (result, box_provider_fetch_statistics_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return BOX_PROVIDER_GET_IFACE (self)->fetch_statistics_finish (self, result, error);
}

/**
 * box_provider_get_delegate_oauth:
 *
 * Returns: (transfer full) (nullable): where one delegate signs in on a self-service
 *   screen, or %NULL with BOX_ERROR_UNSUPPORTED when the provider has no such sign-in
 */
BoxOAuthEndpoints *
box_provider_get_delegate_oauth (BoxProvider  *self,
                                 GError      **error)
{
  BoxProviderInterface *iface;

  g_return_val_if_fail (BOX_IS_PROVIDER (self), NULL);

  iface = BOX_PROVIDER_GET_IFACE (self);
  if (iface->get_delegate_oauth == NULL)
    {
      g_set_error_literal (error, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                           _("This provider has no sign-in for attendees."));
      return NULL;
    }
  return iface->get_delegate_oauth (self, error);
}

/**
 * box_provider_get_logout_uri:
 * @redirect: (nullable): where the browser goes afterwards
 *
 * Returns: (transfer full) (nullable): the page that ends the browser's session at the
 *   provider's site, or %NULL when there is none
 */
char *
box_provider_get_logout_uri (BoxProvider *self,
                             const char  *redirect)
{
  BoxProviderInterface *iface;

  g_return_val_if_fail (BOX_IS_PROVIDER (self), NULL);

  iface = BOX_PROVIDER_GET_IFACE (self);
  return iface->get_logout_uri != NULL ? iface->get_logout_uri (self, redirect) : NULL;
}

/**
 * box_provider_sign_out_async:
 *
 * Ends the provider session of the account's secret, where there is one; succeeds
 * without a request otherwise.
 */
void
box_provider_sign_out_async (BoxProvider         *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  BoxProviderInterface *iface;

  g_return_if_fail (BOX_IS_PROVIDER (self));

  iface = BOX_PROVIDER_GET_IFACE (self);
  if (iface->sign_out_async == NULL)
    {
      GTask *task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, box_provider_sign_out_async);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  iface->sign_out_async (self, cancellable, callback, user_data);
}

gboolean
box_provider_sign_out_finish (BoxProvider   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (BOX_IS_PROVIDER (self), FALSE);

  if (g_async_result_is_tagged (result, box_provider_sign_out_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return BOX_PROVIDER_GET_IFACE (self)->sign_out_finish (self, result, error);
}
