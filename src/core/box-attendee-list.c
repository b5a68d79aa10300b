/* box-attendee-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-attendee-list"

#include "config.h"

#include "box-attendee.h"
#include "box-attendee-list-private.h"
#include "box-checkin.h"

/* The attendees of one event that match a search, as a GListModel for the window's
 * list. It holds only the row ids of the matches (8 bytes each); an attendee is read
 * from the store when the list asks for its row, and a few hundred are kept, so
 * 100,000 attendees cost the rows on screen. It follows the desk: a check-in updates
 * its row, a sync reloads the search. */

#define CACHE_MAX 1024

struct _BoxAttendeeList
{
  GObject     parent_instance;

  BoxStore   *store;
  char       *account_id;
  char       *event_id;
  char       *query;
  GArray     *ids;        /* gint64 row ids, best match first */
  GHashTable *cache;      /* row id -> BoxAttendee */
  gboolean    truncated;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoxAttendeeList, box_attendee_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_QUERY,
  PROP_TRUNCATED,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
box_attendee_list_get_item_type (GListModel *model)
{
  return BOX_TYPE_ATTENDEE;
}

static guint
box_attendee_list_get_n_items (GListModel *model)
{
  return BOX_ATTENDEE_LIST (model)->ids->len;
}

static gpointer
box_attendee_list_get_item (GListModel *model,
                            guint       position)
{
  BoxAttendeeList *self = BOX_ATTENDEE_LIST (model);
  g_autoptr(GError) error = NULL;
  BoxAttendee *attendee;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  if ((attendee = g_hash_table_lookup (self->cache, &id)) != NULL)
    return g_object_ref (attendee);

  attendee = box_store_get_attendee_by_id (self->store, id, &error);
  if (attendee == NULL)
    {
      /* Removed by a sync that has not reached us yet: a blank row until the reload. */
      if (error != NULL)
        g_warning ("Cannot read attendee %" G_GINT64_FORMAT ": %s", id, error->message);
      attendee = box_attendee_new ();
      box_attendee_set_account_id (attendee, self->account_id);
      box_attendee_set_event_id (attendee, self->event_id);
      return attendee;
    }

  if (g_hash_table_size (self->cache) >= CACHE_MAX)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (attendee));
  return attendee;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = box_attendee_list_get_item_type;
  iface->get_n_items = box_attendee_list_get_n_items;
  iface->get_item = box_attendee_list_get_item;
}

static void
box_attendee_list_finalize (GObject *object)
{
  BoxAttendeeList *self = (BoxAttendeeList *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (box_attendee_list_parent_class)->finalize (object);
}

static void
box_attendee_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BoxAttendeeList *self = BOX_ATTENDEE_LIST (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_TRUNCATED:
      g_value_set_boolean (value, self->truncated);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_attendee_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BoxAttendeeList *self = BOX_ATTENDEE_LIST (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      box_attendee_list_set_query (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_attendee_list_class_init (BoxAttendeeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = box_attendee_list_finalize;
  object_class->get_property = box_attendee_list_get_property;
  object_class->set_property = box_attendee_list_set_property;

  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BoxAttendeeList:truncated:
   *
   * More attendees match the search than the list shows.
   */
  properties[PROP_TRUNCATED] =
    g_param_spec_boolean ("truncated", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
box_attendee_list_init (BoxAttendeeList *self)
{
  self->query = g_strdup ("");
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

static void
row_changed (BoxAttendeeList *self,
             const char      *code)
{
  gint64 id = box_store_get_attendee_id (self->store, self->account_id, self->event_id, code);

  if (id == 0)
    return;
  g_hash_table_remove (self->cache, &id);
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      {
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
        return;
      }
}

static void
checkin_cb (BoxDesk         *desk,
            BoxCheckin      *checkin,
            BoxAttendeeList *self)
{
  if (g_strcmp0 (box_checkin_get_account_id (checkin), self->account_id) == 0 &&
      g_strcmp0 (box_checkin_get_event_id (checkin), self->event_id) == 0)
    row_changed (self, box_checkin_get_code (checkin));
}

static void
attendees_changed_cb (BoxDesk         *desk,
                      const char      *account_id,
                      const char      *event_id,
                      BoxAttendeeList *self)
{
  if (g_strcmp0 (account_id, self->account_id) == 0 &&
      g_strcmp0 (event_id, self->event_id) == 0)
    box_attendee_list_reload (self);
}

BoxAttendeeList *
box_attendee_list_new (BoxDesk    *desk,
                       BoxStore   *store,
                       const char *account_id,
                       const char *event_id)
{
  BoxAttendeeList *self = g_object_new (BOX_TYPE_ATTENDEE_LIST, NULL);

  self->store = g_object_ref (store);
  self->account_id = g_strdup (account_id);
  self->event_id = g_strdup (event_id);
  g_signal_connect_object (desk, "checkin-recorded", G_CALLBACK (checkin_cb), self, 0);
  g_signal_connect_object (desk, "checkin-updated", G_CALLBACK (checkin_cb), self, 0);
  g_signal_connect_object (desk, "attendees-changed", G_CALLBACK (attendees_changed_cb), self, 0);
  box_attendee_list_reload (self);
  return self;
}

const char *
box_attendee_list_get_account_id (BoxAttendeeList *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE_LIST (self), NULL);
  return self->account_id;
}

const char *
box_attendee_list_get_event_id (BoxAttendeeList *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE_LIST (self), NULL);
  return self->event_id;
}

const char *
box_attendee_list_get_query (BoxAttendeeList *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE_LIST (self), NULL);
  return self->query;
}

gboolean
box_attendee_list_get_truncated (BoxAttendeeList *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE_LIST (self), FALSE);
  return self->truncated;
}

/**
 * box_attendee_list_set_query:
 * @query: (nullable): what the person typed; empty for every attendee
 *
 * Runs the search at once (it takes well under a millisecond on 100,000 attendees)
 * and replaces the items.
 */
void
box_attendee_list_set_query (BoxAttendeeList *self,
                             const char      *query)
{
  g_return_if_fail (BOX_IS_ATTENDEE_LIST (self));

  if (query == NULL)
    query = "";
  if (g_strcmp0 (self->query, query) == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (query);
  box_attendee_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

/**
 * box_attendee_list_reload:
 *
 * Runs the search again, after the attendees changed.
 */
void
box_attendee_list_reload (BoxAttendeeList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean searching;
  gboolean truncated;
  guint removed;

  g_return_if_fail (BOX_IS_ATTENDEE_LIST (self));

  {
    g_autofree char *trimmed = g_strstrip (g_strdup (self->query));
    searching = *trimmed != '\0';
  }

  /* One more than shown tells whether there are more. */
  ids = box_store_search_ids (self->store, self->account_id, self->event_id, self->query,
                              searching ? BOX_ATTENDEE_LIST_SEARCH_LIMIT + 1 : 0, &error);
  if (ids == NULL)
    {
      g_warning ("Cannot search the attendees: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  truncated = searching && ids->len > BOX_ATTENDEE_LIST_SEARCH_LIMIT;
  if (truncated)
    g_array_set_size (ids, BOX_ATTENDEE_LIST_SEARCH_LIMIT);

  removed = self->ids->len;
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (self->cache);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->ids->len);

  if (removed != self->ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (truncated != self->truncated)
    {
      self->truncated = truncated;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUNCATED]);
    }
}

/**
 * box_attendee_list_find_code:
 *
 * Returns: the position of the attendee with ticket @code, or %GTK_INVALID_LIST_POSITION
 *   (G_MAXUINT) when the list does not show it
 */
guint
box_attendee_list_find_code (BoxAttendeeList *self,
                             const char      *code)
{
  gint64 id;

  g_return_val_if_fail (BOX_IS_ATTENDEE_LIST (self), G_MAXUINT);

  id = box_store_get_attendee_id (self->store, self->account_id, self->event_id, code);
  if (id == 0)
    return G_MAXUINT;
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}
