/* box-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-account"

#include "config.h"

#include "box-account.h"

struct _BoxAccount
{
  GObject          parent_instance;

  char            *id;
  char            *provider;
  char            *name;
  char            *base_url;
  char            *settings;
  BoxAccountState  state;
};

G_DEFINE_FINAL_TYPE (BoxAccount, box_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PROVIDER,
  PROP_NAME,
  PROP_BASE_URL,
  PROP_STATE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
box_account_finalize (GObject *object)
{
  BoxAccount *self = (BoxAccount *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->settings, g_free);

  G_OBJECT_CLASS (box_account_parent_class)->finalize (object);
}

static void
box_account_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BoxAccount *self = BOX_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, box_account_get_id (self));
      break;

    case PROP_PROVIDER:
      g_value_set_string (value, box_account_get_provider (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, box_account_get_name (self));
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, box_account_get_base_url (self));
      break;

    case PROP_STATE:
      g_value_set_int (value, box_account_get_state (self));
      break;

    case PROP_SETTINGS:
      g_value_set_string (value, box_account_get_settings (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_account_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BoxAccount *self = BOX_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_PROVIDER:
      self->provider = g_value_dup_string (value);
      break;

    case PROP_NAME:
      box_account_set_name (self, g_value_get_string (value));
      break;

    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;

    case PROP_STATE:
      box_account_set_state (self, g_value_get_int (value));
      break;

    case PROP_SETTINGS:
      box_account_set_settings (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_account_class_init (BoxAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = box_account_finalize;
  object_class->get_property = box_account_get_property;
  object_class->set_property = box_account_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      BOX_ACCOUNT_STATE_OK,
                      BOX_ACCOUNT_STATE_AUTH_NEEDED,
                      BOX_ACCOUNT_STATE_OK,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_string ("settings", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
box_account_init (BoxAccount *self)
{
  self->state = BOX_ACCOUNT_STATE_OK;
}

BoxAccount *
box_account_new (const char *id,
                 const char *provider,
                 const char *name,
                 const char *base_url)
{
  return g_object_new (BOX_TYPE_ACCOUNT,
                       "id", id,
                       "provider", provider,
                       "name", name,
                       "base-url", base_url,
                       NULL);
}

const char *
box_account_get_id (BoxAccount *self)
{
  g_return_val_if_fail (BOX_IS_ACCOUNT (self), NULL);

  return self->id;
}

const char *
box_account_get_provider (BoxAccount *self)
{
  g_return_val_if_fail (BOX_IS_ACCOUNT (self), NULL);

  return self->provider;
}

const char *
box_account_get_name (BoxAccount *self)
{
  g_return_val_if_fail (BOX_IS_ACCOUNT (self), NULL);

  return self->name;
}

void
box_account_set_name (BoxAccount *self,
                      const char *name)
{
  g_return_if_fail (BOX_IS_ACCOUNT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
box_account_get_base_url (BoxAccount *self)
{
  g_return_val_if_fail (BOX_IS_ACCOUNT (self), NULL);

  return self->base_url;
}

BoxAccountState
box_account_get_state (BoxAccount *self)
{
  g_return_val_if_fail (BOX_IS_ACCOUNT (self), BOX_ACCOUNT_STATE_OK);

  return self->state;
}

void
box_account_set_state (BoxAccount      *self,
                       BoxAccountState  state)
{
  g_return_if_fail (BOX_IS_ACCOUNT (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
box_account_get_settings (BoxAccount *self)
{
  g_return_val_if_fail (BOX_IS_ACCOUNT (self), NULL);

  if (self->settings == NULL || self->settings[0] == '\0')
    return "{}";

  return self->settings;
}

void
box_account_set_settings (BoxAccount *self,
                          const char *settings)
{
  g_return_if_fail (BOX_IS_ACCOUNT (self));

  if (g_strcmp0 (self->settings, settings) == 0)
    return;

  g_free (self->settings);
  self->settings = g_strdup (settings);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}
