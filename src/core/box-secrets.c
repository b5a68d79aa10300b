/* box-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "box-error.h"
#include "box-secrets.h"

/* Account tokens and keys live in the Secret Service (or, inside Flatpak, libsecret's
 * portal-backed local storage) and nowhere else. An item is keyed by the profile (its
 * folder) and the account id, so two profiles never see each other's secrets. */

struct _BoxSecrets
{
  GObject  parent_instance;
  char    *profile;
};

G_DEFINE_FINAL_TYPE (BoxSecrets, box_secrets, G_TYPE_OBJECT)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Account", SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static void
box_secrets_finalize (GObject *object)
{
  BoxSecrets *self = (BoxSecrets *)object;

  g_clear_pointer (&self->profile, g_free);
  G_OBJECT_CLASS (box_secrets_parent_class)->finalize (object);
}

static void
box_secrets_class_init (BoxSecretsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = box_secrets_finalize;
}

static void
box_secrets_init (BoxSecrets *self)
{
}

/**
 * box_secrets_new:
 * @profile: what tells this profile apart (its folder)
 */
BoxSecrets *
box_secrets_new (const char *profile)
{
  BoxSecrets *self = g_object_new (BOX_TYPE_SECRETS, NULL);

  self->profile = g_strdup (profile);
  return self;
}

static GError *
wrap_error (GError *error)
{
  GError *wrapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  wrapped = g_error_new (BOX_ERROR, BOX_ERROR_SECRETS,
                         _("The keyring (Secret Service) is not available: %s. Unlock or start it, and try again."),
                         error->message);
  g_error_free (error);
  return wrapped;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, wrap_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
box_secrets_store_async (BoxSecrets          *self,
                         const char          *account_id,
                         const char          *label,
                         const char          *secret,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BOX_IS_SECRETS (self));
  g_return_if_fail (account_id != NULL && secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_secrets_store_async);

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, stored_cb, task,
                         "profile", self->profile,
                         "account", account_id,
                         NULL);
}

gboolean
box_secrets_store_finish (BoxSecrets    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, wrap_error (error));
  else if (secret == NULL)
    g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_SECRETS,
                             _("The keyring holds no secret for this account. Remove the account and add it again."));
  else
    {
      /* Copy out of secure memory into ordinary memory the caller can g_free(). */
      char *copy = g_strdup (secret);
      secret_password_free (secret);
      g_task_return_pointer (task, copy, g_free);
    }
}

void
box_secrets_lookup_async (BoxSecrets          *self,
                          const char          *account_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BOX_IS_SECRETS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_secrets_lookup_async);

  secret_password_lookup (get_schema (), cancellable, looked_up_cb, task,
                          "profile", self->profile,
                          "account", account_id,
                          NULL);
}

/**
 * box_secrets_lookup_finish:
 *
 * Returns: (transfer full): the secret; an error with %BOX_ERROR_SECRETS when none
 */
char *
box_secrets_lookup_finish (BoxSecrets    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, wrap_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
box_secrets_clear_async (BoxSecrets          *self,
                         const char          *account_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BOX_IS_SECRETS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_secrets_clear_async);

  secret_password_clear (get_schema (), cancellable, cleared_cb, task,
                         "profile", self->profile,
                         "account", account_id,
                         NULL);
}

gboolean
box_secrets_clear_finish (BoxSecrets    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
