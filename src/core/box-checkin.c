/* box-checkin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-checkin"

#include "config.h"

#include "box-attendee.h"
#include "box-checkin.h"
#include "box-question.h"

struct _BoxCheckin
{
  GObject           parent_instance;

  gint64            id;
  char             *account_id;
  char             *event_id;
  char             *code;
  gint64            created_at;
  char             *desk;
  char             *nonce;
  char             *message;
  BoxAttendee      *attendee;
  GPtrArray        *questions;
  GHashTable       *answers;       /* question id -> answer, kept with a queued check-in */
  gboolean          interactive;   /* a person waits for the answer and can answer questions */
  BoxCheckinAction  action;
  BoxCheckinState   state;
  BoxCheckinResult  result;
  guint             attempts;
};

G_DEFINE_FINAL_TYPE (BoxCheckin, box_checkin, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_EVENT_ID,
  PROP_CODE,
  PROP_ACTION,
  PROP_CREATED_AT,
  PROP_DESK,
  PROP_NONCE,
  PROP_STATE,
  PROP_RESULT,
  PROP_MESSAGE,
  PROP_ATTEMPTS,
  PROP_ATTENDEE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const checkin_state_names[] = {
  [BOX_CHECKIN_STATE_PENDING]   = "pending",
  [BOX_CHECKIN_STATE_SENDING]   = "sending",
  [BOX_CHECKIN_STATE_CONFIRMED] = "confirmed",
  [BOX_CHECKIN_STATE_REJECTED]  = "rejected",
  [BOX_CHECKIN_STATE_LOCAL]     = "local",
};

const char *
box_checkin_state_to_string (BoxCheckinState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (checkin_state_names),
                        checkin_state_names[0]);

  return checkin_state_names[state];
}

BoxCheckinState
box_checkin_state_from_string (const char *str)
{
  if (str == NULL)
    return BOX_CHECKIN_STATE_PENDING;

  for (guint i = 0; i < G_N_ELEMENTS (checkin_state_names); i++)
    {
      if (g_str_equal (checkin_state_names[i], str))
        return (BoxCheckinState) i;
    }

  return BOX_CHECKIN_STATE_PENDING;
}

static void
box_checkin_finalize (GObject *object)
{
  BoxCheckin *self = (BoxCheckin *)object;

  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->desk, g_free);
  g_clear_pointer (&self->nonce, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_object (&self->attendee);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->answers, g_hash_table_unref);

  G_OBJECT_CLASS (box_checkin_parent_class)->finalize (object);
}

static void
box_checkin_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BoxCheckin *self = BOX_CHECKIN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, box_checkin_get_id (self));
      break;

    case PROP_ACCOUNT_ID:
      g_value_set_string (value, box_checkin_get_account_id (self));
      break;

    case PROP_EVENT_ID:
      g_value_set_string (value, box_checkin_get_event_id (self));
      break;

    case PROP_CODE:
      g_value_set_string (value, box_checkin_get_code (self));
      break;

    case PROP_ACTION:
      g_value_set_int (value, box_checkin_get_action (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, box_checkin_get_created_at (self));
      break;

    case PROP_DESK:
      g_value_set_string (value, box_checkin_get_desk (self));
      break;

    case PROP_NONCE:
      g_value_set_string (value, box_checkin_get_nonce (self));
      break;

    case PROP_STATE:
      g_value_set_int (value, box_checkin_get_state (self));
      break;

    case PROP_RESULT:
      g_value_set_int (value, box_checkin_get_result (self));
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, box_checkin_get_message (self));
      break;

    case PROP_ATTEMPTS:
      g_value_set_uint (value, box_checkin_get_attempts (self));
      break;

    case PROP_ATTENDEE:
      g_value_set_object (value, box_checkin_get_attendee (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_checkin_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BoxCheckin *self = BOX_CHECKIN (object);

  switch (prop_id)
    {
    case PROP_ID:
      box_checkin_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_ACCOUNT_ID:
      box_checkin_set_account_id (self, g_value_get_string (value));
      break;

    case PROP_EVENT_ID:
      box_checkin_set_event_id (self, g_value_get_string (value));
      break;

    case PROP_CODE:
      box_checkin_set_code (self, g_value_get_string (value));
      break;

    case PROP_ACTION:
      box_checkin_set_action (self, g_value_get_int (value));
      break;

    case PROP_CREATED_AT:
      box_checkin_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_DESK:
      box_checkin_set_desk (self, g_value_get_string (value));
      break;

    case PROP_NONCE:
      box_checkin_set_nonce (self, g_value_get_string (value));
      break;

    case PROP_STATE:
      box_checkin_set_state (self, g_value_get_int (value));
      break;

    case PROP_RESULT:
      box_checkin_set_result (self, g_value_get_int (value));
      break;

    case PROP_MESSAGE:
      box_checkin_set_message (self, g_value_get_string (value));
      break;

    case PROP_ATTEMPTS:
      box_checkin_set_attempts (self, g_value_get_uint (value));
      break;

    case PROP_ATTENDEE:
      box_checkin_set_attendee (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_checkin_class_init (BoxCheckinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = box_checkin_finalize;
  object_class->get_property = box_checkin_get_property;
  object_class->set_property = box_checkin_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_EVENT_ID] =
    g_param_spec_string ("event-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTION] =
    g_param_spec_int ("action", NULL, NULL,
                      BOX_CHECKIN_ACTION_CHECK_IN,
                      BOX_CHECKIN_ACTION_UNDO,
                      BOX_CHECKIN_ACTION_CHECK_IN,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_DESK] =
    g_param_spec_string ("desk", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_NONCE] =
    g_param_spec_string ("nonce", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      BOX_CHECKIN_STATE_PENDING,
                      BOX_CHECKIN_STATE_LOCAL,
                      BOX_CHECKIN_STATE_PENDING,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  properties[PROP_RESULT] =
    g_param_spec_int ("result", NULL, NULL,
                      BOX_CHECKIN_RESULT_OK,
                      BOX_CHECKIN_RESULT_QUESTIONS,
                      BOX_CHECKIN_RESULT_OK,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_ATTENDEE] =
    g_param_spec_object ("attendee", NULL, NULL,
                         BOX_TYPE_ATTENDEE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
box_checkin_init (BoxCheckin *self)
{
  self->action = BOX_CHECKIN_ACTION_CHECK_IN;
  self->state = BOX_CHECKIN_STATE_PENDING;
  self->result = BOX_CHECKIN_RESULT_OK;
  self->questions = g_ptr_array_new_with_free_func (g_object_unref);
}

BoxCheckin *
box_checkin_new (void)
{
  return g_object_new (BOX_TYPE_CHECKIN, NULL);
}

gint64
box_checkin_get_id (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), 0);

  return self->id;
}

void
box_checkin_set_id (BoxCheckin *self,
                    gint64      id)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
box_checkin_get_account_id (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), NULL);

  return self->account_id;
}

void
box_checkin_set_account_id (BoxCheckin *self,
                            const char *account_id)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (g_strcmp0 (self->account_id, account_id) == 0)
    return;

  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
}

const char *
box_checkin_get_event_id (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), NULL);

  return self->event_id;
}

void
box_checkin_set_event_id (BoxCheckin *self,
                          const char *event_id)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (g_strcmp0 (self->event_id, event_id) == 0)
    return;

  g_free (self->event_id);
  self->event_id = g_strdup (event_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}

const char *
box_checkin_get_code (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), NULL);

  return self->code;
}

void
box_checkin_set_code (BoxCheckin *self,
                      const char *code)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (g_strcmp0 (self->code, code) == 0)
    return;

  g_free (self->code);
  self->code = g_strdup (code);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

BoxCheckinAction
box_checkin_get_action (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), BOX_CHECKIN_ACTION_CHECK_IN);

  return self->action;
}

void
box_checkin_set_action (BoxCheckin       *self,
                        BoxCheckinAction  action)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (self->action == action)
    return;

  self->action = action;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION]);
}

gint64
box_checkin_get_created_at (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), 0);

  return self->created_at;
}

void
box_checkin_set_created_at (BoxCheckin *self,
                            gint64      created_at)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

const char *
box_checkin_get_desk (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), NULL);

  return self->desk;
}

void
box_checkin_set_desk (BoxCheckin *self,
                      const char *desk)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (g_strcmp0 (self->desk, desk) == 0)
    return;

  g_free (self->desk);
  self->desk = g_strdup (desk);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESK]);
}

const char *
box_checkin_get_nonce (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), NULL);

  return self->nonce;
}

void
box_checkin_set_nonce (BoxCheckin *self,
                       const char *nonce)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (g_strcmp0 (self->nonce, nonce) == 0)
    return;

  g_free (self->nonce);
  self->nonce = g_strdup (nonce);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NONCE]);
}

BoxCheckinState
box_checkin_get_state (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), BOX_CHECKIN_STATE_PENDING);

  return self->state;
}

void
box_checkin_set_state (BoxCheckin      *self,
                       BoxCheckinState  state)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

BoxCheckinResult
box_checkin_get_result (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), BOX_CHECKIN_RESULT_OK);

  return self->result;
}

void
box_checkin_set_result (BoxCheckin       *self,
                        BoxCheckinResult  result)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (self->result == result)
    return;

  self->result = result;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

const char *
box_checkin_get_message (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), NULL);

  return self->message;
}

void
box_checkin_set_message (BoxCheckin *self,
                         const char *message)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (g_strcmp0 (self->message, message) == 0)
    return;

  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

guint
box_checkin_get_attempts (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), 0);

  return self->attempts;
}

void
box_checkin_set_attempts (BoxCheckin *self,
                          guint       attempts)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (self->attempts == attempts)
    return;

  self->attempts = attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
}

/**
 * box_checkin_get_attendee:
 *
 * Returns: (transfer none) (nullable): the attendee after the check-in
 */
BoxAttendee *
box_checkin_get_attendee (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), NULL);

  return self->attendee;
}

void
box_checkin_set_attendee (BoxCheckin  *self,
                          BoxAttendee *attendee)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));
  g_return_if_fail (!attendee || BOX_IS_ATTENDEE (attendee));

  if (g_set_object (&self->attendee, attendee))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENDEE]);
}

/**
 * box_checkin_get_questions:
 *
 * Returns: (transfer none) (element-type BoxQuestion): the questions to
 *   answer before the check-in can go through; never %NULL
 */
GPtrArray *
box_checkin_get_questions (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), NULL);

  return self->questions;
}

/**
 * box_checkin_set_questions:
 * @questions: (nullable) (element-type BoxQuestion): an array of
 *   #BoxQuestion that owns its elements, or %NULL for none
 *
 * Keeps a reference to @questions.
 */
void
box_checkin_set_questions (BoxCheckin *self,
                           GPtrArray  *questions)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (questions == self->questions)
    return;

  g_clear_pointer (&self->questions, g_ptr_array_unref);

  if (questions != NULL)
    self->questions = g_ptr_array_ref (questions);
  else
    self->questions = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * box_checkin_get_answers:
 *
 * Returns: (transfer none) (nullable): question id -> answer given at the desk
 */
GHashTable *
box_checkin_get_answers (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), NULL);
  return self->answers;
}

/**
 * box_checkin_set_answers:
 * @answers: (nullable): question id -> answer; a reference is kept
 */
void
box_checkin_set_answers (BoxCheckin *self,
                         GHashTable *answers)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));

  if (answers != NULL)
    g_hash_table_ref (answers);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  self->answers = answers;
}

/**
 * box_checkin_get_interactive:
 *
 * Returns: whether a person at the desk waits for this check-in's answer and can answer
 *   questions now; %FALSE for check-ins sent from the queue (never stored)
 */
gboolean
box_checkin_get_interactive (BoxCheckin *self)
{
  g_return_val_if_fail (BOX_IS_CHECKIN (self), FALSE);
  return self->interactive;
}

void
box_checkin_set_interactive (BoxCheckin *self,
                             gboolean    interactive)
{
  g_return_if_fail (BOX_IS_CHECKIN (self));
  self->interactive = interactive;
}
