/* box-question.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-question"

#include "config.h"

#include "box-question.h"

struct _BoxQuestion
{
  GObject    parent_instance;

  char      *id;
  char      *question_type;
  char      *question;

  /* Parallel arrays of strings, one entry per option. */
  GPtrArray *option_ids;
  GPtrArray *option_answers;

  /* NULL: asked for every item. */
  GStrv      items;

  guint      required : 1;
};

G_DEFINE_FINAL_TYPE (BoxQuestion, box_question, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_QUESTION_TYPE,
  PROP_QUESTION,
  PROP_REQUIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
box_question_finalize (GObject *object)
{
  BoxQuestion *self = (BoxQuestion *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->question_type, g_free);
  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->option_ids, g_ptr_array_unref);
  g_clear_pointer (&self->option_answers, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_strfreev);

  G_OBJECT_CLASS (box_question_parent_class)->finalize (object);
}

static void
box_question_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BoxQuestion *self = BOX_QUESTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, box_question_get_id (self));
      break;

    case PROP_QUESTION_TYPE:
      g_value_set_string (value, box_question_get_question_type (self));
      break;

    case PROP_QUESTION:
      g_value_set_string (value, box_question_get_question (self));
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, box_question_get_required (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_question_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BoxQuestion *self = BOX_QUESTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_QUESTION_TYPE:
      self->question_type = g_value_dup_string (value);
      break;

    case PROP_QUESTION:
      self->question = g_value_dup_string (value);
      break;

    case PROP_REQUIRED:
      self->required = !!g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_question_class_init (BoxQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = box_question_finalize;
  object_class->get_property = box_question_get_property;
  object_class->set_property = box_question_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_QUESTION_TYPE] =
    g_param_spec_string ("question-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
box_question_init (BoxQuestion *self)
{
  self->option_ids = g_ptr_array_new_with_free_func (g_free);
  self->option_answers = g_ptr_array_new_with_free_func (g_free);
}

BoxQuestion *
box_question_new (const char *id,
                  const char *type,
                  const char *question,
                  gboolean    required)
{
  return g_object_new (BOX_TYPE_QUESTION,
                       "id", id,
                       "question-type", type,
                       "question", question,
                       "required", required,
                       NULL);
}

const char *
box_question_get_id (BoxQuestion *self)
{
  g_return_val_if_fail (BOX_IS_QUESTION (self), NULL);

  return self->id;
}

const char *
box_question_get_question_type (BoxQuestion *self)
{
  g_return_val_if_fail (BOX_IS_QUESTION (self), NULL);

  return self->question_type;
}

const char *
box_question_get_question (BoxQuestion *self)
{
  g_return_val_if_fail (BOX_IS_QUESTION (self), NULL);

  return self->question;
}

gboolean
box_question_get_required (BoxQuestion *self)
{
  g_return_val_if_fail (BOX_IS_QUESTION (self), FALSE);

  return self->required;
}

void
box_question_add_option (BoxQuestion *self,
                         const char  *id,
                         const char  *answer)
{
  g_return_if_fail (BOX_IS_QUESTION (self));

  g_ptr_array_add (self->option_ids, g_strdup (id));
  g_ptr_array_add (self->option_answers, g_strdup (answer));
}

guint
box_question_get_n_options (BoxQuestion *self)
{
  g_return_val_if_fail (BOX_IS_QUESTION (self), 0);

  return self->option_ids->len;
}

const char *
box_question_get_option_id (BoxQuestion *self,
                            guint        index)
{
  g_return_val_if_fail (BOX_IS_QUESTION (self), NULL);

  if (index >= self->option_ids->len)
    return NULL;

  return g_ptr_array_index (self->option_ids, index);
}

const char *
box_question_get_option_answer (BoxQuestion *self,
                                guint        index)
{
  g_return_val_if_fail (BOX_IS_QUESTION (self), NULL);

  if (index >= self->option_answers->len)
    return NULL;

  return g_ptr_array_index (self->option_answers, index);
}

void
box_question_set_items (BoxQuestion        *self,
                        const char * const *items)
{
  g_return_if_fail (BOX_IS_QUESTION (self));

  g_clear_pointer (&self->items, g_strfreev);
  self->items = g_strdupv ((char **)items);
}

/**
 * box_question_get_items:
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the item ids
 */
const char * const *
box_question_get_items (BoxQuestion *self)
{
  g_return_val_if_fail (BOX_IS_QUESTION (self), NULL);

  return (const char * const *)self->items;
}

gboolean
box_question_applies_to_item (BoxQuestion *self,
                              const char  *item_id)
{
  g_return_val_if_fail (BOX_IS_QUESTION (self), FALSE);

  if (self->items == NULL || item_id == NULL)
    return TRUE;
  return g_strv_contains ((const char * const *)self->items, item_id);
}
