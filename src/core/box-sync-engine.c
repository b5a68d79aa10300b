/* box-sync-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "box-attendee.h"
#include "box-checkin.h"
#include "box-error.h"
#include "box-provider.h"
#include "box-store.h"
#include "box-sync-engine.h"

/* Moves data between providers and the store: pulls attendees (full or from a cursor)
 * and sends recorded check-ins. Sends go through one queue, one at a time, so a check-in
 * and its undo, or a live check-in and the replay of the outbox, never race. Before a
 * check-in is handed to a provider it is marked SENDING in the store; one found SENDING
 * after a crash is sent again, and providers make that retry harmless. */

struct _BoxSyncEngine
{
  GObject   parent_instance;

  BoxStore   *store;
  GQueue      sends;      /* GTask, the head is in flight */
  GHashTable *queued;     /* ids of the check-ins in sends */
};

G_DEFINE_FINAL_TYPE (BoxSyncEngine, box_sync_engine, G_TYPE_OBJECT)

/* Attendees from pages saved in one transaction. */
#define PULL_BATCH 5000

enum {
  PULL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
box_sync_engine_dispose (GObject *object)
{
  BoxSyncEngine *self = (BoxSyncEngine *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (box_sync_engine_parent_class)->dispose (object);
}

static void
box_sync_engine_finalize (GObject *object)
{
  BoxSyncEngine *self = (BoxSyncEngine *)object;

  g_clear_pointer (&self->queued, g_hash_table_unref);
  G_OBJECT_CLASS (box_sync_engine_parent_class)->finalize (object);
}

static void
box_sync_engine_class_init (BoxSyncEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = box_sync_engine_dispose;
  G_OBJECT_CLASS (klass)->finalize = box_sync_engine_finalize;

  /**
   * BoxSyncEngine::pull-progress:
   * @account_id: the account
   * @event_id: the event
   * @saved: attendees saved so far in this pull
   * @total: how many the pull brings, 0 when the provider does not say
   *
   * Emitted after each page of a provider that sends its list in pages.
   */
  signals[PULL_PROGRESS] =
    g_signal_new ("pull-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT);
}

static void
box_sync_engine_init (BoxSyncEngine *self)
{
  g_queue_init (&self->sends);
  self->queued = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

BoxSyncEngine *
box_sync_engine_new (BoxStore *store)
{
  BoxSyncEngine *self = g_object_new (BOX_TYPE_SYNC_ENGINE, NULL);

  self->store = g_object_ref (store);
  return self;
}

/* Sending ------------------------------------------------------------------------------ */

typedef struct
{
  BoxProvider *provider;
  BoxCheckin  *checkin;
  GHashTable  *answers;
  gboolean     force;
  gboolean     ignore_unpaid;
  BoxAttendee *known;       /* the desk's copy of the ticket, while it is sent */
} Send;

static void
send_free (Send *s)
{
  g_clear_object (&s->provider);
  g_clear_object (&s->checkin);
  g_clear_pointer (&s->answers, g_hash_table_unref);
  g_clear_object (&s->known);
  g_free (s);
}

static void process_next_send (BoxSyncEngine *self);

static void
finish_send (BoxSyncEngine *self,
             GTask         *task,
             GError        *error)
{
  Send *s = g_task_get_task_data (task);
  gint64 id = box_checkin_get_id (s->checkin);

  /* The task may hold the last reference to us. */
  g_object_ref (self);
  g_queue_remove (&self->sends, task);
  g_hash_table_remove (self->queued, &id);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);

  process_next_send (self);
  g_object_unref (self);
}

static void
provider_checked_in_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  BoxSyncEngine *self = g_task_get_source_object (task);
  Send *s = g_task_get_task_data (task);
  GError *error = NULL;
  GError *store_error = NULL;
  gboolean done;

  done = box_provider_check_in_finish (BOX_PROVIDER (object), result, &error);
  /* The desk's own copy is not the provider's answer. */
  if (s->known != NULL && box_checkin_get_attendee (s->checkin) == s->known)
    box_checkin_set_attendee (s->checkin, NULL);
  g_clear_object (&s->known);

  if (!done)
    {
      gboolean refused = g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION) ||
                         g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND) ||
                         g_error_matches (error, BOX_ERROR, BOX_ERROR_CONFLICT) ||
                         g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT) ||
                         g_error_matches (error, BOX_ERROR, BOX_ERROR_UNSUPPORTED) ||
                         g_error_matches (error, BOX_ERROR, BOX_ERROR_FAILED);

      box_checkin_set_message (s->checkin, error->message);
      if (refused)
        {
          /* The provider will not take it, now or later: say so, and do not let it
           * hold back the check-ins queued after it. */
          box_checkin_set_state (s->checkin, BOX_CHECKIN_STATE_REJECTED);
          box_checkin_set_result (s->checkin, BOX_CHECKIN_RESULT_UNKNOWN);
          g_clear_error (&error);
        }
      else
        /* Offline, signed out, a bad reply: we cannot know whether it arrived, so it
         * stays for the next try (which looks before it sends). */
        box_checkin_set_state (s->checkin, BOX_CHECKIN_STATE_PENDING);

      if (!box_store_update_checkin (self->store, s->checkin, NULL, &store_error) ||
          (refused && box_checkin_get_action (s->checkin) == BOX_CHECKIN_ACTION_CHECK_IN &&
           !box_store_drop_later_undos (self->store, s->checkin, &store_error)))
        {
          g_warning ("Could not save the state of a check-in: %s", store_error->message);
          if (error == NULL)
            error = g_steal_pointer (&store_error);
        }
      g_clear_error (&store_error);
      finish_send (self, task, error);
      return;
    }

  if (box_checkin_get_result (s->checkin) == BOX_CHECKIN_RESULT_OK)
    box_checkin_set_state (s->checkin, BOX_CHECKIN_STATE_CONFIRMED);
  else
    box_checkin_set_state (s->checkin, BOX_CHECKIN_STATE_REJECTED);

  if (!box_store_update_checkin (self->store, s->checkin, box_checkin_get_attendee (s->checkin),
                                 &store_error))
    {
      finish_send (self, task, store_error);
      return;
    }

  if (box_checkin_get_state (s->checkin) == BOX_CHECKIN_STATE_REJECTED &&
      box_checkin_get_action (s->checkin) == BOX_CHECKIN_ACTION_CHECK_IN &&
      !box_store_drop_later_undos (self->store, s->checkin, &store_error))
    {
      finish_send (self, task, store_error);
      return;
    }

  finish_send (self, task, NULL);
}

static void
process_next_send (BoxSyncEngine *self)
{
  GTask *task = g_queue_peek_head (&self->sends);
  BoxCheckinState state;
  Send *s;
  GError *error = NULL;

  if (task == NULL || g_object_get_data (G_OBJECT (task), "box-started") != NULL)
    return;

  g_object_set_data (G_OBJECT (task), "box-started", GINT_TO_POINTER (TRUE));
  s = g_task_get_task_data (task);

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      finish_send (self, task, error);
      return;
    }

  /* While it waited in the queue, an undo may have taken it back, or another copy of
   * it (a sync's) may have been sent already. */
  if (!box_store_get_checkin_state (self->store, box_checkin_get_id (s->checkin), &state))
    {
      box_checkin_set_state (s->checkin, BOX_CHECKIN_STATE_CONFIRMED);
      box_checkin_set_result (s->checkin, BOX_CHECKIN_RESULT_OK);
      box_checkin_set_message (s->checkin, _("Taken back before it was sent."));
      finish_send (self, task, NULL);
      return;
    }
  if (state != BOX_CHECKIN_STATE_PENDING && state != BOX_CHECKIN_STATE_SENDING)
    {
      finish_send (self, task, NULL);
      return;
    }

  /* What the provider says about the ticket, not the desk's own copy, goes back to the
   * store; without an answer the store restores what the attendee had. The provider may
   * read the desk's copy meanwhile (TickeTing tells a refusal of a voided ticket, or of
   * one in transfer, by the status the desk knew). */
  g_clear_object (&s->known);
  s->known = box_store_get_attendee (self->store, box_checkin_get_account_id (s->checkin),
                                     box_checkin_get_event_id (s->checkin),
                                     box_checkin_get_code (s->checkin), NULL);
  box_checkin_set_attendee (s->checkin, s->known);

  /* Committed before the request leaves: after a crash, this says "maybe sent". */
  box_checkin_set_state (s->checkin, BOX_CHECKIN_STATE_SENDING);
  box_checkin_set_attempts (s->checkin, box_checkin_get_attempts (s->checkin) + 1);
  if (!box_store_update_checkin (self->store, s->checkin, NULL, &error))
    {
      finish_send (self, task, error);
      return;
    }

  box_provider_check_in_async (s->provider, s->checkin, s->answers, s->force, s->ignore_unpaid,
                               g_task_get_cancellable (task), provider_checked_in_cb, task);
}

/**
 * box_sync_engine_send_async:
 * @checkin: a check-in recorded in the store
 *
 * Sends @checkin to @provider when the check-ins queued before it have been sent.
 * The provider's answer goes into @checkin (result, message, attendee) and the store.
 * An error means it stays queued.
 */
void
box_sync_engine_send_async (BoxSyncEngine       *self,
                            BoxProvider         *provider,
                            BoxCheckin          *checkin,
                            GHashTable          *answers,
                            gboolean             force,
                            gboolean             ignore_unpaid,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Send *s;

  g_return_if_fail (BOX_IS_SYNC_ENGINE (self));
  g_return_if_fail (BOX_IS_PROVIDER (provider));
  g_return_if_fail (BOX_IS_CHECKIN (checkin));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_sync_engine_send_async);
  s = g_new0 (Send, 1);
  s->provider = g_object_ref (provider);
  s->checkin = g_object_ref (checkin);
  s->answers = answers ? g_hash_table_ref (answers) : NULL;
  s->force = force;
  s->ignore_unpaid = ignore_unpaid;
  g_task_set_task_data (task, s, (GDestroyNotify)send_free);

  /* Queued already (a sync replaying the outbox while a check-in is in flight): the
   * copy ahead of this one delivers it. */
  if (g_hash_table_contains (self->queued, &(gint64) { box_checkin_get_id (checkin) }))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  g_hash_table_add (self->queued, g_memdup2 (&(gint64) { box_checkin_get_id (checkin) }, sizeof (gint64)));
  g_queue_push_tail (&self->sends, task);
  process_next_send (self);
}

gboolean
box_sync_engine_send_finish (BoxSyncEngine  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Pushing the outbox -------------------------------------------------------------------- */

typedef struct
{
  BoxProvider *provider;
  GPtrArray   *outbox;
  guint        next;
  guint        sent;
} Push;

static void
push_free (Push *p)
{
  g_clear_object (&p->provider);
  g_clear_pointer (&p->outbox, g_ptr_array_unref);
  g_free (p);
}

static void push_next (GTask *task);

static void
pushed_one_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Push *p = g_task_get_task_data (task);
  GError *error = NULL;

  if (!box_sync_engine_send_finish (BOX_SYNC_ENGINE (object), result, &error))
    {
      /* The provider is away or refuses us: the rest would fail the same way. */
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  p->sent++;
  push_next (task);
}

static void
push_next (GTask *task)
{
  BoxSyncEngine *self = g_task_get_source_object (task);
  Push *p = g_task_get_task_data (task);

  if (p->next >= p->outbox->len)
    {
      g_task_return_int (task, p->sent);
      g_object_unref (task);
      return;
    }

  /* A queued check-in was accepted at the desk already: only a cancelled ticket stops it.
   * The answers given at the desk go with it. */
  {
    BoxCheckin *checkin = g_ptr_array_index (p->outbox, p->next++);

    box_sync_engine_send_async (self, p->provider, checkin, box_checkin_get_answers (checkin),
                                FALSE, TRUE, g_task_get_cancellable (task), pushed_one_cb, task);
  }
}

/**
 * box_sync_engine_push_async:
 *
 * Sends every check-in of @account_id that the provider has not confirmed, oldest
 * first, and stops at the first that cannot be sent.
 */
void
box_sync_engine_push_async (BoxSyncEngine       *self,
                            BoxProvider         *provider,
                            const char          *account_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Push *p;
  GError *error = NULL;

  g_return_if_fail (BOX_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_sync_engine_push_async);
  p = g_new0 (Push, 1);
  p->provider = g_object_ref (provider);
  g_task_set_task_data (task, p, (GDestroyNotify)push_free);

  p->outbox = box_store_list_outbox (self->store, account_id, &error);
  if (p->outbox == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  push_next (task);
}

/**
 * box_sync_engine_push_finish:
 *
 * Returns: how many check-ins got an answer from the provider
 */
guint
box_sync_engine_push_finish (BoxSyncEngine  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  return (guint)g_task_propagate_int (G_TASK (result), error);
}

/* Pulling attendees --------------------------------------------------------------------- */

typedef struct
{
  BoxProvider     *provider;
  char            *account_id;
  char            *event_id;
  BoxAttendeePage *page;
  gint64           gen;       /* the store's generation of this pull, once started */
  guint            saved;     /* attendees saved by earlier pages */
  guint            total;     /* what the provider says the pull brings, or 0 */
  GPtrArray       *batch;     /* pages fetched but not saved yet */
  char            *next;      /* the cursor of the next page */
} Pull;

static void
pull_free (Pull *p)
{
  g_clear_object (&p->provider);
  g_free (p->account_id);
  g_free (p->event_id);
  g_clear_pointer (&p->page, box_attendee_page_free);
  g_clear_pointer (&p->batch, g_ptr_array_unref);
  g_free (p->next);
  g_free (p);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BoxSyncEngine *self = source_object;
  Pull *p = task_data;
  GError *error = NULL;
  guint n = p->page->attendees->len;
  gboolean more = p->page->more;

  /* A page's cursor is the provider's place in the list: it is saved only with the last
   * page, so that a crash midway starts the list again. */
  if (!box_store_put_attendees_part (self->store, p->account_id, p->event_id, p->page->attendees,
                                     &p->gen, !more, p->page->complete,
                                     more ? NULL : p->page->cursor, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  p->saved += n;
  g_free (p->next);
  p->next = more ? g_strdup (p->page->cursor) : NULL;

  /* The attendees are saved; give their memory back before the main thread wakes. */
  g_clear_pointer (&p->page, box_attendee_page_free);
#ifdef __GLIBC__
  /* A full sync of a large event freed hundreds of MB of JSON tree and models. */
  if (n > 10000)
    malloc_trim (0);
#endif
  g_task_return_int (task, more);
}

static void fetch_page (GTask *task);

static void
page_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxSyncEngine *self = g_task_get_source_object (task);
  Pull *p = g_task_get_task_data (task);
  GError *error = NULL;
  gssize more;

  more = g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!more)
    {
      g_task_return_int (task, p->saved);
      return;
    }

  g_signal_emit (self, signals[PULL_PROGRESS], 0, p->account_id, p->event_id, p->saved,
                 p->total);
  if (g_task_return_error_if_cancelled (task))
    return;
  fetch_page (g_steal_pointer (&task));
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxSyncEngine *self = g_task_get_source_object (task);
  Pull *p = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;
  GTask *save;

  p->page = box_provider_fetch_attendees_finish (BOX_PROVIDER (object), result, &error);
  if (p->page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (p->page->total > 0)
    p->total = p->page->total;

  /* The questions asked at check-in, for a desk that is offline later. */
  if (p->page->questions != NULL &&
      !box_store_put_questions (self->store, p->account_id, p->event_id, p->page->questions, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Small pages are saved a few thousand at a time: each transaction costs SQLite (and
   * its full-text index) about as much as thousands of rows. */
  if (p->page->more)
    {
      guint pending = p->batch ? p->batch->len : 0;

      if (pending + p->page->attendees->len < PULL_BATCH && p->page->attendees->len > 0)
        {
          if (p->batch == NULL)
            p->batch = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_extend_and_steal (p->batch, g_steal_pointer (&p->page->attendees));
          g_free (p->next);
          p->next = g_strdup (p->page->cursor);
          g_clear_pointer (&p->page, box_attendee_page_free);
          if (g_task_return_error_if_cancelled (task))
            return;
          fetch_page (g_steal_pointer (&task));
          return;
        }
    }
  if (p->batch != NULL)
    {
      g_ptr_array_extend_and_steal (p->batch, g_steal_pointer (&p->page->attendees));
      p->page->attendees = g_steal_pointer (&p->batch);
    }

  /* Each batch is saved in a worker thread; the pull goes on when it is. */
  cancellable = g_task_get_cancellable (task);
  save = g_task_new (self, cancellable, page_saved_cb, g_steal_pointer (&task));
  g_task_set_task_data (save, p, NULL);
  g_task_run_in_thread (save, save_in_thread);
  g_object_unref (save);
}

static void
fetch_page (GTask *task)
{
  Pull *p = g_task_get_task_data (task);

  box_provider_fetch_attendees_async (p->provider, p->event_id, p->next,
                                      g_task_get_cancellable (task), fetched_cb, task);
}

/**
 * box_sync_engine_pull_async:
 * @full: fetch every attendee, not only those changed since the last pull
 *
 * Fetches attendees of one event, page after page where the provider sends pages, and
 * saves each in a worker thread.
 */
void
box_sync_engine_pull_async (BoxSyncEngine       *self,
                            BoxProvider         *provider,
                            const char          *account_id,
                            const char          *event_id,
                            gboolean             full,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Pull *p;

  g_return_if_fail (BOX_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_sync_engine_pull_async);
  p = g_new0 (Pull, 1);
  p->provider = g_object_ref (provider);
  p->account_id = g_strdup (account_id);
  p->event_id = g_strdup (event_id);
  g_task_set_task_data (task, p, (GDestroyNotify)pull_free);

  if (!full && (box_provider_get_flags (provider) & BOX_PROVIDER_INCREMENTAL))
    p->next = box_store_get_sync_cursor (self->store, account_id, event_id);

  fetch_page (task);
}

/**
 * box_sync_engine_pull_finish:
 *
 * Returns: how many attendees the provider sent
 */
guint
box_sync_engine_pull_finish (BoxSyncEngine  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  return (guint)g_task_propagate_int (G_TASK (result), error);
}
