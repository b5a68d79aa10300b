/* box-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <unistd.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-error.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-question.h"
#include "box-store.h"

/* The local database of one profile: SQLite in WAL mode with synchronous=FULL, so a
 * check-in that was acknowledged survives a crash or a power cut. Two connections: the
 * main one, used from the thread that opened the store, and a bulk one that sync uses
 * from a worker thread, so a long import never holds the main thread's connection in the
 * middle of a transaction. */

struct _BoxStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *stmts;       /* SQL text -> sqlite3_stmt, for db */
  GMutex      bulk_lock;
  sqlite3    *bulk;
};

G_DEFINE_FINAL_TYPE (BoxStore, box_store, G_TYPE_OBJECT)

/* Rows per sync transaction: short, because a check-in on the main connection waits
 * for the one in progress. */
#define BATCH_SIZE 2000

static const char *migrations[] = {
  /* 1: the first schema */
  "CREATE TABLE accounts ("
  "  id TEXT PRIMARY KEY,"
  "  provider TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  base_url TEXT,"
  "  state TEXT NOT NULL DEFAULT 'ok',"
  "  settings TEXT NOT NULL DEFAULT '{}',"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE events ("
  "  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  id TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  starts_at INTEGER NOT NULL DEFAULT 0,"
  "  ends_at INTEGER NOT NULL DEFAULT 0,"
  "  cursor TEXT,"
  "  synced_at INTEGER NOT NULL DEFAULT 0,"
  "  sync_gen INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (account_id, id));"
  "CREATE TABLE attendees ("
  "  rowid INTEGER PRIMARY KEY,"
  "  account_id TEXT NOT NULL,"
  "  event_id TEXT NOT NULL,"
  "  code TEXT NOT NULL COLLATE NOCASE,"
  "  name TEXT, first_name TEXT, last_name TEXT, email TEXT, company TEXT,"
  "  ticket_type TEXT, order_code TEXT,"
  "  status INTEGER NOT NULL DEFAULT 0,"
  "  checked_in INTEGER NOT NULL DEFAULT 0,"
  "  checked_in_at INTEGER NOT NULL DEFAULT 0,"
  "  quantity INTEGER NOT NULL DEFAULT 1,"
  "  attention INTEGER NOT NULL DEFAULT 0,"
  "  nametag_html TEXT,"
  "  details TEXT NOT NULL DEFAULT '{}',"
  "  updated_at INTEGER NOT NULL DEFAULT 0,"
  "  folded TEXT,"
  "  folded_company TEXT,"
  "  sync_gen INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (account_id, event_id, code),"
  "  FOREIGN KEY (account_id, event_id) REFERENCES events(account_id, id) ON DELETE CASCADE);"
  /* Search: every word of name, e-mail, company, codes, plus an ASCII folding of names
   * (Ø -> O, ß -> ss) that unicode61's remove_diacritics does not do. */
  "CREATE VIRTUAL TABLE attendees_fts USING fts5("
  "  name, email, company, code, order_code, folded, folded_company,"
  "  content='attendees', content_rowid='rowid',"
  "  tokenize=\"unicode61 remove_diacritics 2\", prefix='1 2 3');"
  "CREATE TRIGGER attendees_ai AFTER INSERT ON attendees BEGIN"
  "  INSERT INTO attendees_fts (rowid, name, email, company, code, order_code, folded, folded_company)"
  "  VALUES (new.rowid, new.name, new.email, new.company, new.code, new.order_code, new.folded, new.folded_company);"
  "END;"
  "CREATE TRIGGER attendees_ad AFTER DELETE ON attendees BEGIN"
  "  INSERT INTO attendees_fts (attendees_fts, rowid, name, email, company, code, order_code, folded, folded_company)"
  "  VALUES ('delete', old.rowid, old.name, old.email, old.company, old.code, old.order_code, old.folded, old.folded_company);"
  "END;"
  /* A sync saves every attendee again; only a real change touches the index. */
  "CREATE TRIGGER attendees_au AFTER UPDATE OF name, email, company, code, order_code, folded, folded_company ON attendees"
  "  WHEN old.name IS NOT new.name OR old.email IS NOT new.email OR old.company IS NOT new.company"
  "    OR old.code IS NOT new.code OR old.order_code IS NOT new.order_code OR old.folded IS NOT new.folded"
  "    OR old.folded_company IS NOT new.folded_company"
  " BEGIN"
  "  INSERT INTO attendees_fts (attendees_fts, rowid, name, email, company, code, order_code, folded, folded_company)"
  "  VALUES ('delete', old.rowid, old.name, old.email, old.company, old.code, old.order_code, old.folded, old.folded_company);"
  "  INSERT INTO attendees_fts (rowid, name, email, company, code, order_code, folded, folded_company)"
  "  VALUES (new.rowid, new.name, new.email, new.company, new.code, new.order_code, new.folded, new.folded_company);"
  "END;"
  "CREATE TABLE checkins ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  account_id TEXT NOT NULL,"
  "  event_id TEXT NOT NULL,"
  "  code TEXT NOT NULL COLLATE NOCASE,"
  "  action INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  desk TEXT,"
  "  nonce TEXT NOT NULL,"
  "  state INTEGER NOT NULL,"
  "  result INTEGER NOT NULL DEFAULT 0,"
  "  message TEXT,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  prev_checked_in INTEGER NOT NULL DEFAULT 0,"
  "  prev_checked_in_at INTEGER NOT NULL DEFAULT 0,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX checkins_open ON checkins (state) WHERE state IN (0, 1);"
  "CREATE INDEX checkins_event ON checkins (account_id, event_id, code);",
  /* 2: the whole list by name, from the index alone, for the window's list */
  "CREATE INDEX attendees_by_name ON attendees (account_id, event_id, name COLLATE NOCASE, code);",
  /* 3: every name tag printed: who, when, at which desk, to what */
  "CREATE TABLE prints ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  account_id TEXT NOT NULL,"
  "  event_id TEXT NOT NULL,"
  "  code TEXT NOT NULL COLLATE NOCASE,"
  "  printed_at INTEGER NOT NULL,"
  "  desk TEXT,"
  "  target TEXT NOT NULL,"
  "  FOREIGN KEY (account_id, event_id) REFERENCES events(account_id, id) ON DELETE CASCADE);"
  "CREATE INDEX prints_code ON prints (account_id, event_id, code);",
  /* 4: questions asked at check-in, for an offline desk; the answers given at the desk
   * go with a queued check-in */
  "CREATE TABLE questions ("
  "  account_id TEXT NOT NULL,"
  "  event_id TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  type TEXT NOT NULL,"
  "  question TEXT NOT NULL,"
  "  required INTEGER NOT NULL,"
  "  options TEXT NOT NULL,"
  "  items TEXT,"
  "  PRIMARY KEY (account_id, event_id, id),"
  "  FOREIGN KEY (account_id, event_id) REFERENCES events(account_id, id) ON DELETE CASCADE);"
  "ALTER TABLE checkins ADD COLUMN answers TEXT;",
  /* 5: tickets this desk may not admit (TickeTing: another section than its token's) */
  "ALTER TABLE attendees ADD COLUMN not_here INTEGER NOT NULL DEFAULT 0;",
  /* 6: a self-service screen finds people by their e-mail address */
  "CREATE INDEX attendees_email ON attendees (account_id, event_id, email COLLATE NOCASE);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BOX_STORE_SCHEMA_VERSION);

static gboolean
set_sqlite_error (sqlite3  *db,
                  GError  **error,
                  const char *what)
{
  int code = sqlite3_extended_errcode (db);

  if ((code & 0xff) == SQLITE_FULL)
    g_set_error (error, BOX_ERROR, BOX_ERROR_STORE,
                 _("The disk is full, so Box Office could not save (%s). Free some space and try again; nothing was changed."),
                 what);
  else if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN ||
           (code & 0xff) == SQLITE_PERM)
    g_set_error (error, BOX_ERROR, BOX_ERROR_STORE,
                 _("Box Office cannot write its database (%s: %s). Check the permissions of the profile folder."),
                 what, sqlite3_errmsg (db));
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    g_set_error (error, BOX_ERROR, BOX_ERROR_STORE,
                 _("The database is damaged (%s: %s). Move the profile folder away and sync again."),
                 what, sqlite3_errmsg (db));
  else
    g_set_error (error, BOX_ERROR, BOX_ERROR_STORE,
                 _("The local database failed (%s: %s)."), what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      set_sqlite_error (db, error, sql);
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

static void
rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* A statement left after SQLITE_ROW keeps its read transaction, and with it an old
 * snapshot of a database that the sync thread writes to. Every public call therefore
 * starts by resetting the statements the last one used. */
static void
reset_statements (BoxStore *self)
{
  GHashTableIter iter;
  gpointer stmt;

  g_hash_table_iter_init (&iter, self->stmts);
  while (g_hash_table_iter_next (&iter, NULL, &stmt))
    if (sqlite3_stmt_busy (stmt))
      sqlite3_reset (stmt);
}

/* Cached statements of the main connection, reset and with bindings cleared. */
static sqlite3_stmt *
prepare (BoxStore    *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self->db, error, "prepare");
      return NULL;
    }
  g_hash_table_insert (self->stmts, (gpointer)sql, stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           idx,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, idx);
}

static const char *
col_text (sqlite3_stmt *stmt,
          int           idx)
{
  return (const char *)sqlite3_column_text (stmt, idx);
}

static sqlite3 *
open_connection (const char  *path,
                 gboolean     bulk,
                 GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_STORE,
                   _("Cannot open the database “%s”: %s"), path,
                   db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, 10000);
  /* The bulk connection only saves what a sync fetched: after a power cut the sync is
   * simply done again, so it need not wait for the disk at each commit. A check-in,
   * on the main connection, is on the disk before it is acknowledged. */
  if (!exec (db, bulk ? "PRAGMA synchronous=NORMAL;" : "PRAGMA synchronous=FULL;", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  if (!exec (db,
             "PRAGMA journal_mode=WAL;"
             "PRAGMA foreign_keys=ON;"
             "PRAGMA temp_store=MEMORY;"
             "PRAGMA journal_size_limit=16777216;",
             error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static void
box_store_finalize (GObject *object)
{
  BoxStore *self = (BoxStore *)object;

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  if (self->bulk != NULL)
    sqlite3_close (self->bulk);
  g_mutex_clear (&self->bulk_lock);
  g_free (self->path);

  G_OBJECT_CLASS (box_store_parent_class)->finalize (object);
}

static void
box_store_class_init (BoxStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = box_store_finalize;
}

static void
box_store_init (BoxStore *self)
{
  self->stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify)sqlite3_finalize);
  g_mutex_init (&self->bulk_lock);
}

static gboolean
migrate (BoxStore  *self,
         GError   **error)
{
  int version = box_store_get_schema_version (self);

  if (version > BOX_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_STORE,
                   _("The database was written by a newer Box Office (schema %d). Update Box Office."),
                   version);
      return FALSE;
    }

  for (int v = version; v < BOX_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version=%d", v + 1);

      if (!exec (self->db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec (self->db, migrations[v], error) || !exec (self->db, bump, error))
        {
          rollback (self->db);
          return FALSE;
        }
      if (!exec (self->db, "COMMIT", error))
        {
          rollback (self->db);
          return FALSE;
        }
      g_debug ("Migrated %s to schema %d", self->path, v + 1);
    }

  return TRUE;
}

/**
 * box_store_open:
 * @path: the database file; created (mode 0600) when missing
 *
 * Returns: (transfer full): the store, migrated to the current schema
 */
BoxStore *
box_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(BoxStore) self = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* Create the file ourselves so that it is private from the first byte; SQLite gives
   * its -wal and -shm files the same mode. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, BOX_ERROR, BOX_ERROR_STORE,
                   _("Cannot open the database “%s”: %s"), path, g_strerror (errsv));
      return NULL;
    }
  fchmod (fd, 0600);
  close (fd);

  self = g_object_new (BOX_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = open_connection (path, FALSE, error);
  if (self->db == NULL)
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

int
box_store_get_schema_version (BoxStore *self)
{
  sqlite3_stmt *stmt;
  int version = 0;

  g_return_val_if_fail (BOX_IS_STORE (self), -1);
  reset_statements (self);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

const char *
box_store_get_path (BoxStore *self)
{
  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);
  return self->path;
}

/* Runs @stmt to the end and makes an object of every row. */
typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

static GPtrArray *
collect_rows (BoxStore     *self,
              sqlite3_stmt *stmt,
              RowFunc       from_row,
              const char   *what,
              GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self->db, error, what);
      sqlite3_reset (stmt);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
step_done (BoxStore     *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self->db, error, what);
  return TRUE;
}

/* Accounts ---------------------------------------------------------------------------- */

static gboolean
account_id_taken (BoxStore   *self,
                  const char *id)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM accounts WHERE id = ?", NULL);
  gboolean taken;

  if (stmt == NULL)
    return TRUE;
  bind_text (stmt, 1, id);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return taken;
}

/**
 * box_store_make_account_id:
 * @wanted: a provider kind or a name
 *
 * Returns: (transfer full): a short, free id from @wanted: "fienta", "fienta-2", ...
 */
char *
box_store_make_account_id (BoxStore   *self,
                           const char *wanted)
{
  g_autofree char *ascii = g_str_to_ascii (wanted ? wanted : "account", "C");
  GString *slug = g_string_new (NULL);

  reset_statements (self);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  /* Cut before trimming, so that the id never ends on a dash. */
  if (slug->len > 32)
    g_string_truncate (slug, 32);
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_assign (slug, "account");

  if (!account_id_taken (self, slug->str))
    return g_string_free (slug, FALSE);

  for (guint n = 2;; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%u", slug->str, n);
      if (!account_id_taken (self, candidate))
        {
          g_string_free (slug, TRUE);
          return g_steal_pointer (&candidate);
        }
    }
}

gboolean
box_store_add_account (BoxStore    *self,
                       BoxAccount  *account,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  g_return_val_if_fail (BOX_IS_ACCOUNT (account), FALSE);
  reset_statements (self);

  stmt = prepare (self,
                  "INSERT INTO accounts (id, provider, name, base_url, state, settings, created_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, box_account_get_id (account));
  bind_text (stmt, 2, box_account_get_provider (account));
  bind_text (stmt, 3, box_account_get_name (account));
  bind_text (stmt, 4, box_account_get_base_url (account));
  bind_text (stmt, 5, box_account_state_to_string (box_account_get_state (account)));
  bind_text (stmt, 6, box_account_get_settings (account));
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
        {
          g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                       _("An account “%s” exists already. Choose another name."),
                       box_account_get_id (account));
          return FALSE;
        }
      return set_sqlite_error (self->db, error, "add account");
    }

  return TRUE;
}

static BoxAccount *
account_from_row (sqlite3_stmt *stmt)
{
  BoxAccount *account = box_account_new (col_text (stmt, 0), col_text (stmt, 1),
                                         col_text (stmt, 2), col_text (stmt, 3));

  box_account_set_state (account, box_account_state_from_string (col_text (stmt, 4)));
  box_account_set_settings (account, col_text (stmt, 5));
  return account;
}

#define ACCOUNT_COLUMNS "id, provider, name, base_url, state, settings"

GPtrArray *
box_store_list_accounts (BoxStore  *self,
                         GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY created_at, id", error);
  if (stmt == NULL)
    return NULL;

  return collect_rows (self, stmt, (RowFunc)account_from_row, "list accounts", error);
}

/**
 * box_store_get_account:
 *
 * Returns: (transfer full): the account; %NULL with %BOX_ERROR_NOT_FOUND when none
 */
BoxAccount *
box_store_get_account (BoxStore    *self,
                       const char  *account_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      {
        BoxAccount *account = account_from_row (stmt);
        sqlite3_reset (stmt);
        return account;
      }
    case SQLITE_DONE:
      g_set_error (error, BOX_ERROR, BOX_ERROR_NOT_FOUND,
                   _("There is no account “%s”. See “boxoffice-cli accounts list”."),
                   account_id);
      return NULL;
    default:
      set_sqlite_error (self->db, error, "get account");
      return NULL;
    }
}

gboolean
box_store_remove_account (BoxStore    *self,
                          const char  *account_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  const char *deletes[] = {
    "DELETE FROM checkins WHERE account_id = ?",
    "DELETE FROM prints WHERE account_id = ?",
    "DELETE FROM questions WHERE account_id = ?",
    "DELETE FROM attendees WHERE account_id = ?",
    "DELETE FROM events WHERE account_id = ?",
    "DELETE FROM accounts WHERE id = ?",
  };

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  reset_statements (self);

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      stmt = prepare (self, deletes[i], error);
      if (stmt == NULL)
        goto failed;
      bind_text (stmt, 1, account_id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_sqlite_error (self->db, error, "remove account");
          goto failed;
        }
    }

  if (sqlite3_changes (self->db) == 0)
    {
      rollback (self->db);
      g_set_error (error, BOX_ERROR, BOX_ERROR_NOT_FOUND,
                   _("There is no account “%s”. See “boxoffice-cli accounts list”."), account_id);
      return FALSE;
    }

  return exec (self->db, "COMMIT", error) || (rollback (self->db), FALSE);

failed:
  rollback (self->db);
  return FALSE;
}

gboolean
box_store_set_account_state (BoxStore         *self,
                             const char       *account_id,
                             BoxAccountState   state,
                             GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  reset_statements (self);

  stmt = prepare (self, "UPDATE accounts SET state = ? WHERE id = ? AND state <> ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, box_account_state_to_string (state));
  bind_text (stmt, 2, account_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self->db, error, "set account state");
  return TRUE;
}

/* Events ------------------------------------------------------------------------------ */

/**
 * box_store_put_events:
 * @events: (element-type BoxEvent): every event the provider lists for the account
 *
 * Adds and updates the events; events the provider no longer lists are removed unless
 * they hold check-ins not yet sent.
 */
gboolean
box_store_put_events (BoxStore    *self,
                      const char  *account_id,
                      GPtrArray   *events,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  reset_statements (self);

  if (!exec (self->db, "BEGIN IMMEDIATE; CREATE TEMP TABLE IF NOT EXISTS seen_events (id TEXT PRIMARY KEY); DELETE FROM seen_events;", error))
    {
      rollback (self->db);
      return FALSE;
    }

  for (guint i = 0; i < events->len; i++)
    {
      BoxEvent *event = g_ptr_array_index (events, i);

      stmt = prepare (self,
                      "INSERT INTO events (account_id, id, name, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)"
                      " ON CONFLICT (account_id, id) DO UPDATE SET"
                      " name = excluded.name, starts_at = excluded.starts_at, ends_at = excluded.ends_at",
                      error);
      if (stmt == NULL)
        goto failed;
      bind_text (stmt, 1, account_id);
      bind_text (stmt, 2, box_event_get_id (event));
      bind_text (stmt, 3, box_event_get_name (event));
      sqlite3_bind_int64 (stmt, 4, box_event_get_starts_at (event));
      sqlite3_bind_int64 (stmt, 5, box_event_get_ends_at (event));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_sqlite_error (self->db, error, "store event");
          goto failed;
        }

      stmt = prepare (self, "INSERT OR IGNORE INTO seen_events (id) VALUES (?)", error);
      if (stmt == NULL)
        goto failed;
      bind_text (stmt, 1, box_event_get_id (event));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_sqlite_error (self->db, error, "store event");
          goto failed;
        }
    }

  stmt = prepare (self,
                  "DELETE FROM events WHERE account_id = ?1 AND id NOT IN (SELECT id FROM seen_events)"
                  " AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.account_id = ?1"
                  "                 AND c.event_id = events.id AND c.state IN (0, 1))",
                  error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, account_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (self->db, error, "store events");
      goto failed;
    }

  if (!exec (self->db, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  rollback (self->db);
  return FALSE;
}

#define EVENT_SELECT \
  "SELECT e.account_id, e.id, e.name, e.starts_at, e.ends_at," \
  " (SELECT count(*) FROM attendees a WHERE a.account_id = e.account_id AND a.event_id = e.id)," \
  " (SELECT count(*) FROM attendees a WHERE a.account_id = e.account_id AND a.event_id = e.id AND a.checked_in)" \
  " FROM events e"

static BoxEvent *
event_from_row (sqlite3_stmt *stmt)
{
  BoxEvent *event = box_event_new (col_text (stmt, 0), col_text (stmt, 1), col_text (stmt, 2));

  box_event_set_starts_at (event, sqlite3_column_int64 (stmt, 3));
  box_event_set_ends_at (event, sqlite3_column_int64 (stmt, 4));
  box_event_set_attendee_count (event, sqlite3_column_int (stmt, 5));
  box_event_set_checked_in_count (event, sqlite3_column_int (stmt, 6));
  return event;
}

/**
 * box_store_list_events:
 * @account_id: (nullable): one account's, or every account's
 *
 * Returns: (transfer container) (element-type BoxEvent): events by start time
 */
GPtrArray *
box_store_list_events (BoxStore    *self,
                       const char  *account_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self,
                  EVENT_SELECT " WHERE ?1 IS NULL OR e.account_id = ?1"
                  " ORDER BY e.starts_at, e.account_id, e.id", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);

  return collect_rows (self, stmt, (RowFunc)event_from_row, "list events", error);
}

BoxEvent *
box_store_get_event (BoxStore    *self,
                     const char  *account_id,
                     const char  *event_id,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self, EVENT_SELECT " WHERE e.account_id = ? AND e.id = ?", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      {
        BoxEvent *event = event_from_row (stmt);
        sqlite3_reset (stmt);
        return event;
      }
    case SQLITE_DONE:
      g_set_error (error, BOX_ERROR, BOX_ERROR_NOT_FOUND,
                   _("There is no event “%s/%s”. See “boxoffice-cli events”."),
                   account_id, event_id);
      return NULL;
    default:
      set_sqlite_error (self->db, error, "get event");
      return NULL;
    }
}

char *
box_store_get_sync_cursor (BoxStore   *self,
                           const char *account_id,
                           const char *event_id)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self, "SELECT cursor FROM events WHERE account_id = ? AND id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *cursor = g_strdup (col_text (stmt, 0));
      sqlite3_reset (stmt);
      return cursor;
    }
  return NULL;
}

gint64
box_store_get_synced_at (BoxStore   *self,
                         const char *account_id,
                         const char *event_id)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), 0);
  reset_statements (self);

  stmt = prepare (self, "SELECT synced_at FROM events WHERE account_id = ? AND id = ?", NULL);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 synced_at = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return synced_at;
    }
  return 0;
}

/* Attendees --------------------------------------------------------------------------- */

/* The ASCII spelling of a name or company where it differs (Øster -> Oster), for
 * search; NULL when it is plain ASCII already. */
static char *
fold_for_search (const char *joined)
{
  g_autofree char *ascii = NULL;
  g_autofree char *plain_letters = NULL;
  g_autoptr(GString) base = NULL;
  gboolean plain = TRUE;

  if (joined == NULL)
    return NULL;
  for (const char *p = joined; *p; p++)
    if ((guchar)*p >= 0x80)
      plain = FALSE;
  if (plain)
    return NULL;

  /* g_str_to_ascii() spells Ø as "OE" (and Đ as "?"); people without the letter on
   * their keyboard type "O" ("D"), so index that spelling as well. */
  base = g_string_new (NULL);
  for (const char *p = joined; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0x00D8: g_string_append_c (base, 'O'); break;
        case 0x00F8: g_string_append_c (base, 'o'); break;
        case 0x0110: g_string_append_c (base, 'D'); break;
        case 0x0111: g_string_append_c (base, 'd'); break;
        default: g_string_append_unichar (base, c); break;
        }
    }

  ascii = g_str_to_ascii (joined, "C");
  plain_letters = g_str_to_ascii (base->str, "C");
  if (g_strcmp0 (ascii, plain_letters) == 0)
    return g_steal_pointer (&ascii);
  return g_strjoin (" ", plain_letters, ascii, NULL);
}

static gboolean
bulk_step (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (db, error, "save attendees");
  return TRUE;
}

/* Adds or updates one attendee: ?1 account, ?2 event, ?3.. the fields (bind_attendee()). */
static const char upsert_sql[] =
    "INSERT INTO attendees (account_id, event_id, code, name, first_name, last_name, email, company,"
    "  ticket_type, order_code, status, checked_in, checked_in_at, quantity, attention,"
    "  nametag_html, details, updated_at, folded, folded_company, sync_gen, not_here)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,"
    "  ?22)"
    " ON CONFLICT (account_id, event_id, code) DO UPDATE SET"
    "  name = excluded.name, first_name = excluded.first_name, last_name = excluded.last_name,"
    "  email = excluded.email, company = excluded.company, ticket_type = excluded.ticket_type,"
    "  order_code = excluded.order_code, status = excluded.status,"
    /* Kept as the desk set it: while a check-in is unsent (0, 1), and for check-ins
     * only this computer knows (4: the provider has no check-in API). */
    "  checked_in = CASE WHEN EXISTS (SELECT 1 FROM checkins c WHERE c.account_id = ?1 AND c.event_id = ?2"
    "               AND c.code = excluded.code AND c.state IN (0, 1, 4)) THEN attendees.checked_in"
    "               ELSE excluded.checked_in END,"
    "  checked_in_at = CASE WHEN EXISTS (SELECT 1 FROM checkins c WHERE c.account_id = ?1 AND c.event_id = ?2"
    "               AND c.code = excluded.code AND c.state IN (0, 1, 4)) THEN attendees.checked_in_at"
    /* A provider that says "checked in" without a time (Eventyay) keeps the one we know. */
    "               WHEN excluded.checked_in AND excluded.checked_in_at = 0 AND attendees.checked_in"
    "               THEN attendees.checked_in_at"
    "               ELSE excluded.checked_in_at END,"
    "  quantity = excluded.quantity, attention = excluded.attention,"
    "  nametag_html = excluded.nametag_html, details = excluded.details,"
    "  updated_at = excluded.updated_at, folded = excluded.folded,"
    "  folded_company = excluded.folded_company, sync_gen = excluded.sync_gen,"
    "  not_here = excluded.not_here";

static void
bind_attendee (sqlite3_stmt *stmt,
               BoxAttendee  *a,
               const char   *account_id,
               const char   *event_id,
               gint64        gen)
{
  g_autofree char *folded = fold_for_search (box_attendee_get_name (a));
  g_autofree char *folded_company = fold_for_search (box_attendee_get_company (a));

  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  bind_text (stmt, 3, box_attendee_get_code (a));
  bind_text (stmt, 4, box_attendee_get_name (a));
  bind_text (stmt, 5, box_attendee_get_first_name (a));
  bind_text (stmt, 6, box_attendee_get_last_name (a));
  bind_text (stmt, 7, box_attendee_get_email (a));
  bind_text (stmt, 8, box_attendee_get_company (a));
  bind_text (stmt, 9, box_attendee_get_ticket_type (a));
  bind_text (stmt, 10, box_attendee_get_order_code (a));
  sqlite3_bind_int (stmt, 11, box_attendee_get_status (a));
  sqlite3_bind_int (stmt, 12, box_attendee_get_checked_in (a));
  sqlite3_bind_int64 (stmt, 13, box_attendee_get_checked_in_at (a));
  sqlite3_bind_int (stmt, 14, box_attendee_get_quantity (a));
  sqlite3_bind_int (stmt, 15, box_attendee_get_attention (a));
  bind_text (stmt, 16, box_attendee_get_nametag_html (a));
  bind_text (stmt, 17, box_attendee_get_details (a));
  sqlite3_bind_int64 (stmt, 18, box_attendee_get_updated_at (a));
  bind_text (stmt, 19, folded);
  bind_text (stmt, 20, folded_company);
  sqlite3_bind_int64 (stmt, 21, gen);
  sqlite3_bind_int (stmt, 22, !box_attendee_get_valid_here (a));
}

/**
 * box_store_put_attendee:
 * @attendee: one attendee the provider described (a ticket sold since the last sync)
 *
 * Adds or updates one attendee on the main connection, without waiting for a sync that
 * is saving in the background (only for its current batch).
 */
gboolean
box_store_put_attendee (BoxStore     *self,
                        const char   *account_id,
                        const char   *event_id,
                        BoxAttendee  *attendee,
                        GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 gen = 0;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  g_return_val_if_fail (box_attendee_get_code (attendee) != NULL, FALSE);
  reset_statements (self);

  /* The generation of the last sync: a full sync that does not list it removes it. */
  stmt = prepare (self, "SELECT sync_gen FROM events WHERE account_id = ? AND id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    gen = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = prepare (self, upsert_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_attendee (stmt, attendee, account_id, event_id, gen);
  return step_done (self, stmt, "save attendee", error);
}

/**
 * box_store_put_attendees:
 * @attendees: (element-type BoxAttendee): what the provider sent
 * @complete: %TRUE when @attendees is the whole list: attendees missing from it are
 *   removed (except those with check-ins not yet sent)
 * @cursor: (nullable): the provider's cursor, saved with the last batch
 *
 * Adds or updates attendees in batches of a few thousand per transaction. The check-in
 * state of an attendee with a check-in not yet confirmed stays as the desk set it.
 * Safe to call from a worker thread; the store must stay alive meanwhile.
 */
gboolean
box_store_put_attendees (BoxStore    *self,
                         const char  *account_id,
                         const char  *event_id,
                         GPtrArray   *attendees,
                         gboolean     complete,
                         const char  *cursor,
                         GError     **error)
{
  gint64 gen = 0;

  return box_store_put_attendees_part (self, account_id, event_id, attendees, &gen, TRUE,
                                       complete, cursor, error);
}

/**
 * box_store_put_attendees_part:
 * @gen: (inout): the sync's generation: 0 on the first part, which starts a new one
 * @last: %TRUE for the last part of the list: only then are attendees missing from the
 *   whole list removed (with @complete) and the cursor saved
 *
 * box_store_put_attendees() for a list that arrives in parts (pages), so that a crash
 * between parts leaves the saved ones and an unmoved cursor.
 */
gboolean
box_store_put_attendees_part (BoxStore    *self,
                              const char  *account_id,
                              const char  *event_id,
                              GPtrArray   *attendees,
                              gint64      *gen_inout,
                              gboolean     last,
                              gboolean     complete,
                              const char  *cursor,
                              GError     **error)
{
  sqlite3_stmt *upsert = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 gen = *gen_inout;
  gboolean ok = FALSE;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);

  g_mutex_lock (&self->bulk_lock);

  if (self->bulk == NULL && (self->bulk = open_connection (self->path, TRUE, error)) == NULL)
    goto out;

  if (sqlite3_prepare_v2 (self->bulk, upsert_sql, -1, &upsert, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self->bulk, error, "save attendees");
      goto out;
    }

  /* A new generation marks every attendee this sync saw. */
  if (gen == 0)
    {
      if (sqlite3_prepare_v2 (self->bulk,
                              "UPDATE events SET sync_gen = sync_gen + 1 WHERE account_id = ? AND id = ?"
                              " RETURNING sync_gen", -1, &stmt, NULL) != SQLITE_OK)
        {
          set_sqlite_error (self->bulk, error, "save attendees");
          goto out;
        }
      bind_text (stmt, 1, account_id);
      bind_text (stmt, 2, event_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_set_error (error, BOX_ERROR, BOX_ERROR_NOT_FOUND,
                       _("There is no event “%s/%s”. See “boxoffice-cli events”."), account_id, event_id);
          goto out;
        }
      gen = *gen_inout = sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  for (guint start = 0; start < attendees->len || start == 0; start += BATCH_SIZE)
    {
      guint end = MIN (start + BATCH_SIZE, attendees->len);

      if (!exec (self->bulk, "BEGIN IMMEDIATE", error))
        goto out;

      for (guint i = start; i < end; i++)
        {
          BoxAttendee *a = g_ptr_array_index (attendees, i);
          bind_attendee (upsert, a, account_id, event_id, gen);

          if (box_attendee_get_code (a) == NULL)
            continue;
          if (!bulk_step (self->bulk, upsert, error))
            goto out;
        }

      /* The last transaction also removes what is gone and moves the cursor, so a
       * crash never leaves a cursor ahead of the attendees it covers. */
      if (end >= attendees->len && last)
        {
          if (complete)
            {
              if (sqlite3_prepare_v2 (self->bulk,
                                      "DELETE FROM attendees WHERE account_id = ?1 AND event_id = ?2"
                                      " AND sync_gen <> ?3 AND NOT EXISTS (SELECT 1 FROM checkins c"
                                      " WHERE c.account_id = ?1 AND c.event_id = ?2 AND c.code = attendees.code"
                                      " AND c.state IN (0, 1, 4))", -1, &stmt, NULL) != SQLITE_OK)
                {
                  set_sqlite_error (self->bulk, error, "save attendees");
                  goto out;
                }
              sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 2, event_id, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (stmt, 3, gen);
              if (!bulk_step (self->bulk, stmt, error))
                goto out;
              g_clear_pointer (&stmt, sqlite3_finalize);
            }

          if (sqlite3_prepare_v2 (self->bulk,
                                  "UPDATE events SET cursor = ?, synced_at = ? WHERE account_id = ? AND id = ?",
                                  -1, &stmt, NULL) != SQLITE_OK)
            {
              set_sqlite_error (self->bulk, error, "save attendees");
              goto out;
            }
          bind_text (stmt, 1, cursor);
          sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
          sqlite3_bind_text (stmt, 3, account_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, event_id, -1, SQLITE_STATIC);
          if (!bulk_step (self->bulk, stmt, error))
            goto out;
          g_clear_pointer (&stmt, sqlite3_finalize);
        }

      if (!exec (self->bulk, "COMMIT", error))
        goto out;

      if (end >= attendees->len)
        break;
    }

  ok = TRUE;

out:
  if (self->bulk != NULL && !ok)
    rollback (self->bulk);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&upsert, sqlite3_finalize);
  g_mutex_unlock (&self->bulk_lock);
  return ok;
}

#define ATTENDEE_COLUMNS \
  "a.account_id, a.event_id, a.code, a.name, a.first_name, a.last_name, a.email, a.company," \
  " a.ticket_type, a.order_code, a.status, a.checked_in, a.checked_in_at, a.quantity," \
  " a.attention, a.nametag_html, a.details, a.updated_at, a.not_here"

static BoxAttendee *
attendee_from_row (sqlite3_stmt *stmt)
{
  BoxAttendee *a = box_attendee_new ();

  box_attendee_set_account_id (a, col_text (stmt, 0));
  box_attendee_set_event_id (a, col_text (stmt, 1));
  box_attendee_set_code (a, col_text (stmt, 2));
  box_attendee_set_name (a, col_text (stmt, 3));
  box_attendee_set_first_name (a, col_text (stmt, 4));
  box_attendee_set_last_name (a, col_text (stmt, 5));
  box_attendee_set_email (a, col_text (stmt, 6));
  box_attendee_set_company (a, col_text (stmt, 7));
  box_attendee_set_ticket_type (a, col_text (stmt, 8));
  box_attendee_set_order_code (a, col_text (stmt, 9));
  box_attendee_set_status (a, sqlite3_column_int (stmt, 10));
  box_attendee_set_checked_in (a, sqlite3_column_int (stmt, 11));
  box_attendee_set_checked_in_at (a, sqlite3_column_int64 (stmt, 12));
  box_attendee_set_quantity (a, sqlite3_column_int (stmt, 13));
  box_attendee_set_attention (a, sqlite3_column_int (stmt, 14));
  box_attendee_set_nametag_html (a, col_text (stmt, 15));
  box_attendee_set_details (a, col_text (stmt, 16));
  box_attendee_set_updated_at (a, sqlite3_column_int64 (stmt, 17));
  box_attendee_set_valid_here (a, !sqlite3_column_int (stmt, 18));
  return a;
}

/* The one attendee @stmt selects, or NULL (without an error) when there is none. */
static BoxAttendee *
step_attendee (BoxStore      *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      BoxAttendee *attendee = attendee_from_row (stmt);
      sqlite3_reset (stmt);
      return attendee;
    }
  if (rc != SQLITE_DONE)
    set_sqlite_error (self->db, error, "get attendee");
  return NULL;
}

/**
 * box_store_list_attendees:
 *
 * Returns: (transfer container) (element-type BoxAttendee): attendees by name
 */
GPtrArray *
box_store_list_attendees (BoxStore    *self,
                          const char  *account_id,
                          const char  *event_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self,
                  "SELECT " ATTENDEE_COLUMNS " FROM attendees a WHERE a.account_id = ? AND a.event_id = ?"
                  " ORDER BY a.name COLLATE NOCASE, a.code", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);

  return collect_rows (self, stmt, (RowFunc)attendee_from_row, "list attendees", error);
}

/**
 * box_store_list_attendees_by_email:
 * @email: an e-mail address, in any letter case
 * @limit: at most this many
 *
 * Returns: (transfer container) (element-type BoxAttendee): the attendees of the event
 *   whose e-mail address is @email
 */
GPtrArray *
box_store_list_attendees_by_email (BoxStore    *self,
                                   const char  *account_id,
                                   const char  *event_id,
                                   const char  *email,
                                   guint        limit,
                                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self,
                  "SELECT " ATTENDEE_COLUMNS " FROM attendees a WHERE a.account_id = ? AND a.event_id = ?"
                  " AND a.email = ? COLLATE NOCASE ORDER BY a.code LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  bind_text (stmt, 3, email);
  sqlite3_bind_int64 (stmt, 4, limit);

  return collect_rows (self, stmt, (RowFunc)attendee_from_row, "list attendees by e-mail", error);
}

/**
 * box_store_get_attendee:
 * @code: the ticket code, in any letter case
 *
 * Returns: (transfer full) (nullable): the attendee, or %NULL (without an error) when
 *   the event has no such code
 */
BoxAttendee *
box_store_get_attendee (BoxStore    *self,
                        const char  *account_id,
                        const char  *event_id,
                        const char  *code,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self,
                  "SELECT " ATTENDEE_COLUMNS " FROM attendees a"
                  " WHERE a.account_id = ? AND a.event_id = ? AND a.code = ?", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  bind_text (stmt, 3, code);

  return step_attendee (self, stmt, error);
}

/**
 * box_store_build_fts_query:
 * @query: what the person typed
 * @scope: where the words must match
 *
 * Turns free text into an FTS5 query in which every word is a prefix that must match:
 * `jo mül` -> `"jo"* "mül"*`. Punctuation separates words, as it does in the index, so
 * no FTS5 syntax can come through from the text.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when @query has no word
 */
char *
box_store_build_fts_query (const char     *query,
                           BoxSearchScope  scope)
{
  GString *out = g_string_new (NULL);
  GString *word = g_string_new (NULL);
  guint n_words = 0;

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    query = "";

  for (const char *p = query;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (n_words > 0)
            g_string_append_c (out, ' ');
          if (n_words == 0 && scope == BOX_SEARCH_NAME_START)
            g_string_append (out, "name : ^");
          else if (scope == BOX_SEARCH_NAME_WORDS)
            g_string_append (out, "{name folded} : ");
          g_string_append_printf (out, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
          n_words++;
        }

      if (c == 0)
        break;
    }

  g_string_free (word, TRUE);
  if (n_words == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
collect_ids (BoxStore     *self,
             sqlite3_stmt *stmt,
             GArray       *ids,
             GHashTable   *seen,
             guint         limit,
             GError      **error)
{
  int rc;

  while (ids->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (seen != NULL)
        {
          if (g_hash_table_contains (seen, &rowid))
            continue;
          g_hash_table_add (seen, g_memdup2 (&rowid, sizeof rowid));
        }
      g_array_append_val (ids, rowid);
    }

  if (ids->len < limit && rc != SQLITE_DONE)
    return set_sqlite_error (self->db, error, "search");
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * box_store_search_ids:
 * @query: what the person typed: the start of any word of a name, e-mail or company,
 *   or the start of an order or ticket code; case and accents do not matter. Empty:
 *   every attendee of the event, by name.
 * @limit: the most rows to return; 0 for no limit
 *
 * Best matches first: the exact ticket code, then names that begin with the first word,
 * then names with every word, then every other match. Each step stops at @limit rows,
 * so the cost does not grow with the number of attendees that match.
 *
 * Returns: (transfer full) (element-type gint64): the attendees' row ids, for
 *   box_store_get_attendee_by_id()
 */
GArray *
box_store_search_ids (BoxStore    *self,
                      const char  *account_id,
                      const char  *event_id,
                      const char  *query,
                      guint        limit,
                      GError     **error)
{
  /* CROSS JOIN keeps the full-text index as the outer loop: otherwise SQLite walks
   * every attendee of the event and runs the MATCH once per row. */
  static const char fts_sql[] =
    "SELECT a.rowid FROM attendees_fts f CROSS JOIN attendees a ON a.rowid = f.rowid"
    " WHERE attendees_fts MATCH ?3 AND a.account_id = ?1 AND a.event_id = ?2 LIMIT ?4";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = NULL;
  char *phases[3] = { NULL, };
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  if (limit == 0)
    limit = G_MAXUINT;

  trimmed = g_strstrip (g_strdup (query ? query : ""));
  if (*trimmed == '\0')
    {
      stmt = prepare (self,
                      "SELECT rowid FROM attendees WHERE account_id = ?1 AND event_id = ?2"
                      " ORDER BY name COLLATE NOCASE, code LIMIT ?3", error);
      if (stmt == NULL)
        return NULL;
      bind_text (stmt, 1, account_id);
      bind_text (stmt, 2, event_id);
      sqlite3_bind_int64 (stmt, 3, limit);
      if (!collect_ids (self, stmt, ids, NULL, limit, error))
        return NULL;
      return g_steal_pointer (&ids);
    }

  phases[0] = box_store_build_fts_query (trimmed, BOX_SEARCH_NAME_START);
  phases[1] = box_store_build_fts_query (trimmed, BOX_SEARCH_NAME_WORDS);
  phases[2] = box_store_build_fts_query (trimmed, BOX_SEARCH_ANYWHERE);
  if (phases[2] == NULL)
    return g_steal_pointer (&ids);
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* 1. The exact ticket code: a scanned or typed code comes first. */
  stmt = prepare (self,
                  "SELECT rowid FROM attendees"
                  " WHERE account_id = ?1 AND event_id = ?2 AND code = ?3", error);
  if (stmt == NULL || (bind_text (stmt, 1, account_id), bind_text (stmt, 2, event_id),
                       bind_text (stmt, 3, trimmed),
                       !collect_ids (self, stmt, ids, seen, limit, error)))
    goto failed;

  /* 2. Names that start with the first word; 3. names with the words anywhere;
   * 4. every other match (e-mail, company, codes). */
  for (guint pass = 0; pass < G_N_ELEMENTS (phases) && ids->len < limit; pass++)
    {
      stmt = prepare (self, fts_sql, error);
      if (stmt == NULL)
        goto failed;
      bind_text (stmt, 1, account_id);
      bind_text (stmt, 2, event_id);
      bind_text (stmt, 3, phases[pass]);
      sqlite3_bind_int64 (stmt, 4, limit == G_MAXUINT ? -1 : (gint64)limit + ids->len);
      if (!collect_ids (self, stmt, ids, seen, limit, error))
        goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    g_free (phases[i]);
  return g_steal_pointer (&ids);

failed:
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    g_free (phases[i]);
  return NULL;
}

/**
 * box_store_get_attendee_by_id:
 * @id: a row id from box_store_search_ids()
 *
 * Returns: (transfer full) (nullable): the attendee, or %NULL (without an error) when
 *   it is gone
 */
BoxAttendee *
box_store_get_attendee_by_id (BoxStore    *self,
                              gint64       id,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self, "SELECT " ATTENDEE_COLUMNS " FROM attendees a WHERE a.rowid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  return step_attendee (self, stmt, error);
}

/**
 * box_store_get_attendee_id:
 *
 * Returns: the row id of the attendee with @code, or 0 when there is none
 */
gint64
box_store_get_attendee_id (BoxStore   *self,
                           const char *account_id,
                           const char *event_id,
                           const char *code)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (BOX_IS_STORE (self), 0);
  reset_statements (self);

  stmt = prepare (self, "SELECT rowid FROM attendees WHERE account_id = ? AND event_id = ? AND code = ?",
                  NULL);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  bind_text (stmt, 3, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/**
 * box_store_search:
 *
 * box_store_search_ids() with the attendees themselves; an empty query finds nobody.
 *
 * Returns: (transfer container) (element-type BoxAttendee): up to @limit attendees
 *   (50 when @limit is 0)
 */
GPtrArray *
box_store_search (BoxStore    *self,
                  const char  *account_id,
                  const char  *event_id,
                  const char  *query,
                  guint        limit,
                  GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (query ? query : ""));

  if (*trimmed == '\0')
    return g_steal_pointer (&results);
  ids = box_store_search_ids (self, account_id, event_id, trimmed, limit ? limit : 50, error);
  if (ids == NULL)
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      BoxAttendee *attendee = box_store_get_attendee_by_id (self, g_array_index (ids, gint64, i),
                                                            error);
      if (attendee == NULL)
        return NULL;
      g_ptr_array_add (results, attendee);
    }
  return g_steal_pointer (&results);
}

/* Questions asked at check-in ------------------------------------------------------------ */

static char *
strv_to_json (const char * const *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    json_builder_add_string_value (builder, items[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* question id -> answer, as a JSON object; NULL for none */
static char *
answers_to_json (GHashTable *answers)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (answers == NULL || g_hash_table_size (answers) == 0)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static GHashTable *
answers_from_json (const char *text)
{
  GHashTable *answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonNode) root = text ? json_from_string (text, NULL) : NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return answers;
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &key, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
      g_hash_table_insert (answers, g_strdup (key), g_strdup (json_node_get_string (value)));
  return answers;
}

/**
 * box_store_put_questions:
 * @questions: (element-type BoxQuestion): every question of the event
 *
 * Replaces the event's questions.
 */
gboolean
box_store_put_questions (BoxStore    *self,
                         const char  *account_id,
                         const char  *event_id,
                         GPtrArray   *questions,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  reset_statements (self);

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = prepare (self, "DELETE FROM questions WHERE account_id = ? AND event_id = ?", error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  if (!step_done (self, stmt, "save questions", error))
    goto failed;

  for (guint i = 0; i < questions->len; i++)
    {
      BoxQuestion *q = g_ptr_array_index (questions, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *options = NULL;
      g_autofree char *items = NULL;

      json_builder_begin_array (builder);
      for (guint o = 0; o < box_question_get_n_options (q); o++)
        {
          json_builder_begin_array (builder);
          json_builder_add_string_value (builder, box_question_get_option_id (q, o));
          json_builder_add_string_value (builder, box_question_get_option_answer (q, o));
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      options = json_to_string (root, FALSE);
      items = box_question_get_items (q) ? strv_to_json (box_question_get_items (q)) : NULL;

      stmt = prepare (self,
                      "INSERT OR REPLACE INTO questions (account_id, event_id, id, position, type,"
                      " question, required, options, items) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto failed;
      bind_text (stmt, 1, account_id);
      bind_text (stmt, 2, event_id);
      bind_text (stmt, 3, box_question_get_id (q));
      sqlite3_bind_int (stmt, 4, i);
      bind_text (stmt, 5, box_question_get_question_type (q));
      bind_text (stmt, 6, box_question_get_question (q));
      sqlite3_bind_int (stmt, 7, box_question_get_required (q));
      bind_text (stmt, 8, options);
      bind_text (stmt, 9, items);
      if (!step_done (self, stmt, "save questions", error))
        goto failed;
    }

  if (!exec (self->db, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  exec (self->db, "ROLLBACK", NULL);
  return FALSE;
}

static BoxQuestion *
question_from_row (sqlite3_stmt *stmt)
{
  BoxQuestion *q = box_question_new (col_text (stmt, 0), col_text (stmt, 1), col_text (stmt, 2),
                                     sqlite3_column_int (stmt, 3));
  g_autoptr(JsonNode) options = json_from_string (col_text (stmt, 4), NULL);
  g_autoptr(JsonNode) items = col_text (stmt, 5) ? json_from_string (col_text (stmt, 5), NULL) : NULL;

  if (options != NULL && JSON_NODE_HOLDS_ARRAY (options))
    {
      JsonArray *array = json_node_get_array (options);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonArray *pair = json_array_get_array_element (array, i);
          if (pair != NULL && json_array_get_length (pair) == 2)
            box_question_add_option (q, json_array_get_string_element (pair, 0),
                                     json_array_get_string_element (pair, 1));
        }
    }
  if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
    {
      JsonArray *array = json_node_get_array (items);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (builder, json_array_get_string_element (array, i));
      strv = g_strv_builder_end (builder);
      box_question_set_items (q, (const char * const *)strv);
    }
  return q;
}

/**
 * box_store_list_questions:
 *
 * Returns: (transfer container) (element-type BoxQuestion): the event's questions, in
 *   the provider's order
 */
GPtrArray *
box_store_list_questions (BoxStore    *self,
                          const char  *account_id,
                          const char  *event_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self,
                  "SELECT id, type, question, required, options, items FROM questions"
                  " WHERE account_id = ? AND event_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  return collect_rows (self, stmt, (RowFunc)question_from_row, "list questions", error);
}

/* Name tags ----------------------------------------------------------------------------- */

/**
 * box_store_record_print:
 * @printed_at: Unix time
 * @desk: (nullable): the desk that printed
 * @target: where to: "printer" or "pdf"
 *
 * Notes that the name tag of @code was printed.
 */
gboolean
box_store_record_print (BoxStore    *self,
                        const char  *account_id,
                        const char  *event_id,
                        const char  *code,
                        gint64       printed_at,
                        const char  *desk,
                        const char  *target,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  reset_statements (self);

  stmt = prepare (self,
                  "INSERT INTO prints (account_id, event_id, code, printed_at, desk, target)"
                  " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  bind_text (stmt, 3, code);
  sqlite3_bind_int64 (stmt, 4, printed_at);
  bind_text (stmt, 5, desk);
  bind_text (stmt, 6, target);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self->db, error, "record a printed name tag");
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * box_store_get_last_print:
 * @printed_at: (out) (optional): when
 * @desk: (out) (optional) (transfer full): at which desk
 *
 * Returns: whether the name tag of @code was printed before
 */
gboolean
box_store_get_last_print (BoxStore    *self,
                          const char  *account_id,
                          const char  *event_id,
                          const char  *code,
                          gint64      *printed_at,
                          char       **desk)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  reset_statements (self);

  stmt = prepare (self,
                  "SELECT printed_at, desk FROM prints WHERE account_id = ? AND event_id = ? AND code = ?"
                  " ORDER BY printed_at DESC, id DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  bind_text (stmt, 3, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (printed_at != NULL)
        *printed_at = sqlite3_column_int64 (stmt, 0);
      if (desk != NULL)
        *desk = g_strdup (col_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return found;
}

/**
 * box_store_list_to_print:
 * @since: only attendees checked in at or after this Unix time
 * @unprinted: only those whose tag was never printed
 *
 * Returns: (transfer container) (element-type BoxAttendee): checked-in attendees in the
 *   order they came in
 */
GPtrArray *
box_store_list_to_print (BoxStore    *self,
                         const char  *account_id,
                         const char  *event_id,
                         gint64       since,
                         gboolean     unprinted,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self,
                  "SELECT " ATTENDEE_COLUMNS " FROM attendees a"
                  " WHERE a.account_id = ?1 AND a.event_id = ?2 AND a.checked_in AND a.checked_in_at >= ?3"
                  " AND (NOT ?4 OR NOT EXISTS (SELECT 1 FROM prints p WHERE p.account_id = ?1"
                  "  AND p.event_id = ?2 AND p.code = a.code))"
                  " ORDER BY a.checked_in_at, a.name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  sqlite3_bind_int64 (stmt, 3, since);
  sqlite3_bind_int (stmt, 4, unprinted);
  return collect_rows (self, stmt, (RowFunc)attendee_from_row, "list name tags to print", error);
}

/* Check-ins --------------------------------------------------------------------------- */


/**
 * box_store_record_checkin:
 * @checkin: a new check-in or undo, with account, event, code, action, time and nonce
 *
 * In one transaction: the attendee is marked (or unmarked) as checked in and the
 * check-in joins the outbox (or, with state LOCAL, the record). Sets the check-in's id.
 */
gboolean
box_store_record_checkin (BoxStore    *self,
                          BoxCheckin  *checkin,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean check_in;
  gboolean prev_checked_in = FALSE;
  gint64 prev_checked_in_at = 0;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  g_return_val_if_fail (BOX_IS_CHECKIN (checkin), FALSE);
  reset_statements (self);

  check_in = box_checkin_get_action (checkin) == BOX_CHECKIN_ACTION_CHECK_IN;

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = prepare (self,
                  "SELECT checked_in, checked_in_at FROM attendees"
                  " WHERE account_id = ? AND event_id = ? AND code = ?", error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, box_checkin_get_account_id (checkin));
  bind_text (stmt, 2, box_checkin_get_event_id (checkin));
  bind_text (stmt, 3, box_checkin_get_code (checkin));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      prev_checked_in = sqlite3_column_int (stmt, 0);
      prev_checked_in_at = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  stmt = prepare (self,
                  "UPDATE attendees SET checked_in = ?, checked_in_at = ?"
                  " WHERE account_id = ? AND event_id = ? AND code = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, check_in);
  sqlite3_bind_int64 (stmt, 2, check_in ? box_checkin_get_created_at (checkin) : 0);
  bind_text (stmt, 3, box_checkin_get_account_id (checkin));
  bind_text (stmt, 4, box_checkin_get_event_id (checkin));
  bind_text (stmt, 5, box_checkin_get_code (checkin));
  if (!step_done (self, stmt, "record check-in", error))
    goto failed;

  stmt = prepare (self,
                  "INSERT INTO checkins (account_id, event_id, code, action, created_at, desk, nonce,"
                  " state, result, message, attempts, prev_checked_in, prev_checked_in_at, updated_at,"
                  " answers)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, box_checkin_get_account_id (checkin));
  bind_text (stmt, 2, box_checkin_get_event_id (checkin));
  bind_text (stmt, 3, box_checkin_get_code (checkin));
  sqlite3_bind_int (stmt, 4, box_checkin_get_action (checkin));
  sqlite3_bind_int64 (stmt, 5, box_checkin_get_created_at (checkin));
  bind_text (stmt, 6, box_checkin_get_desk (checkin));
  bind_text (stmt, 7, box_checkin_get_nonce (checkin));
  sqlite3_bind_int (stmt, 8, box_checkin_get_state (checkin));
  sqlite3_bind_int (stmt, 9, box_checkin_get_result (checkin));
  bind_text (stmt, 10, box_checkin_get_message (checkin));
  sqlite3_bind_int (stmt, 11, prev_checked_in);
  sqlite3_bind_int64 (stmt, 12, prev_checked_in_at);
  sqlite3_bind_int64 (stmt, 13, g_get_real_time () / G_USEC_PER_SEC);
  {
    g_autofree char *answers = answers_to_json (box_checkin_get_answers (checkin));
    bind_text (stmt, 14, answers);
  }
  if (!step_done (self, stmt, "record check-in", error))
    goto failed;

  box_checkin_set_id (checkin, sqlite3_last_insert_rowid (self->db));

  if (!exec (self->db, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  rollback (self->db);
  return FALSE;
}

/**
 * box_store_update_checkin:
 * @provider_attendee: (nullable): the ticket as the provider now describes it
 *
 * Saves the state, result, message and attempts of a recorded check-in. When the
 * provider refused it, the attendee gets back the check-in state it had before, unless
 * @provider_attendee says otherwise; when the provider answered with the ticket, its
 * check-in state is taken over.
 */
gboolean
box_store_update_checkin (BoxStore     *self,
                          BoxCheckin   *checkin,
                          BoxAttendee  *provider_attendee,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  BoxCheckinState state;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  g_return_val_if_fail (BOX_IS_CHECKIN (checkin), FALSE);
  reset_statements (self);

  state = box_checkin_get_state (checkin);

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = prepare (self,
                  "UPDATE checkins SET state = ?, result = ?, message = ?, attempts = ?, updated_at = ?"
                  " WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_int (stmt, 2, box_checkin_get_result (checkin));
  bind_text (stmt, 3, box_checkin_get_message (checkin));
  sqlite3_bind_int (stmt, 4, box_checkin_get_attempts (checkin));
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 6, box_checkin_get_id (checkin));
  if (!step_done (self, stmt, "update check-in", error))
    goto failed;

  if (provider_attendee != NULL)
    {
      g_autofree char *by = box_attendee_dup_detail (provider_attendee, "_checked_in_by");

      /* The device that let the ticket in, where the provider said (TickeTing), is kept
       * among the details; the rest of them stays as the last sync saved it. */
      stmt = prepare (self,
                      "UPDATE attendees SET checked_in = ?1, checked_in_at = ?2, status = ?3,"
                      " details = CASE WHEN ?7 IS NULL OR json_valid (details) = 0 THEN details"
                      "   ELSE json_set (details, '$._checked_in_by', ?7) END"
                      " WHERE account_id = ?4 AND event_id = ?5 AND code = ?6", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int (stmt, 1, box_attendee_get_checked_in (provider_attendee));
      sqlite3_bind_int64 (stmt, 2, box_attendee_get_checked_in_at (provider_attendee));
      sqlite3_bind_int (stmt, 3, box_attendee_get_status (provider_attendee));
      bind_text (stmt, 4, box_checkin_get_account_id (checkin));
      bind_text (stmt, 5, box_checkin_get_event_id (checkin));
      bind_text (stmt, 6, box_checkin_get_code (checkin));
      bind_text (stmt, 7, by);
      if (!step_done (self, stmt, "update check-in", error))
        goto failed;
    }
  else if (state == BOX_CHECKIN_STATE_REJECTED)
    {
      stmt = prepare (self,
                      "UPDATE attendees SET (checked_in, checked_in_at) ="
                      " (SELECT prev_checked_in, prev_checked_in_at FROM checkins WHERE id = ?1)"
                      " WHERE account_id = ?2 AND event_id = ?3 AND code = ?4", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, box_checkin_get_id (checkin));
      bind_text (stmt, 2, box_checkin_get_account_id (checkin));
      bind_text (stmt, 3, box_checkin_get_event_id (checkin));
      bind_text (stmt, 4, box_checkin_get_code (checkin));
      if (!step_done (self, stmt, "update check-in", error))
        goto failed;
    }

  if (!exec (self->db, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  rollback (self->db);
  return FALSE;
}

/**
 * box_store_drop_pending_checkin:
 * @dropped: (out): whether a check-in not yet sent was taken back
 *
 * For an undo right after a check-in that has not left this computer: the check-in is
 * removed from the outbox and the attendee gets back the state it had, so the provider
 * is never told of either.
 */
gboolean
box_store_drop_pending_checkin (BoxStore    *self,
                                const char  *account_id,
                                const char  *event_id,
                                const char  *code,
                                gboolean    *dropped,
                                GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  reset_statements (self);

  *dropped = FALSE;
  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = prepare (self,
                  "SELECT id FROM checkins WHERE account_id = ? AND event_id = ? AND code = ?"
                  " AND state = 0 AND action = 0 ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  bind_text (stmt, 3, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id != 0)
    {
      stmt = prepare (self,
                      "UPDATE attendees SET (checked_in, checked_in_at) ="
                      " (SELECT prev_checked_in, prev_checked_in_at FROM checkins WHERE id = ?1)"
                      " WHERE account_id = ?2 AND event_id = ?3 AND code = ?4", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, account_id);
      bind_text (stmt, 3, event_id);
      bind_text (stmt, 4, code);
      if (!step_done (self, stmt, "undo check-in", error))
        goto failed;

      stmt = prepare (self, "DELETE FROM checkins WHERE id = ?", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!step_done (self, stmt, "undo check-in", error))
        goto failed;
      *dropped = TRUE;
    }

  if (!exec (self->db, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  rollback (self->db);
  return FALSE;
}

/**
 * box_store_drop_later_undos:
 * @checkin: a check-in the provider refused
 *
 * An undo recorded after @checkin and not sent yet undid a check-in that never
 * happened at the provider; sent, it would undo someone else's. It is removed.
 */
gboolean
box_store_drop_later_undos (BoxStore    *self,
                            BoxCheckin  *checkin,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  reset_statements (self);

  stmt = prepare (self,
                  "DELETE FROM checkins WHERE account_id = ? AND event_id = ? AND code = ?"
                  " AND action = 1 AND state = 0 AND id > ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, box_checkin_get_account_id (checkin));
  bind_text (stmt, 2, box_checkin_get_event_id (checkin));
  bind_text (stmt, 3, box_checkin_get_code (checkin));
  sqlite3_bind_int64 (stmt, 4, box_checkin_get_id (checkin));
  return step_done (self, stmt, "drop undo", error);
}

/**
 * box_store_get_checkin_state:
 * @state: (out): its state
 *
 * Returns: %FALSE when there is no such check-in (any more: an undo took it back)
 */
gboolean
box_store_get_checkin_state (BoxStore        *self,
                             gint64           checkin_id,
                             BoxCheckinState *state)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (BOX_IS_STORE (self), FALSE);
  reset_statements (self);

  stmt = prepare (self, "SELECT state FROM checkins WHERE id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, checkin_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *state = sqlite3_column_int (stmt, 0);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

static BoxCheckin *
checkin_from_row (sqlite3_stmt *stmt)
{
  BoxCheckin *c = box_checkin_new ();

  box_checkin_set_id (c, sqlite3_column_int64 (stmt, 0));
  box_checkin_set_account_id (c, col_text (stmt, 1));
  box_checkin_set_event_id (c, col_text (stmt, 2));
  box_checkin_set_code (c, col_text (stmt, 3));
  box_checkin_set_action (c, sqlite3_column_int (stmt, 4));
  box_checkin_set_created_at (c, sqlite3_column_int64 (stmt, 5));
  box_checkin_set_desk (c, col_text (stmt, 6));
  box_checkin_set_nonce (c, col_text (stmt, 7));
  box_checkin_set_state (c, sqlite3_column_int (stmt, 8));
  box_checkin_set_result (c, sqlite3_column_int (stmt, 9));
  box_checkin_set_message (c, col_text (stmt, 10));
  box_checkin_set_attempts (c, sqlite3_column_int (stmt, 11));
  if (sqlite3_column_type (stmt, 12) != SQLITE_NULL)
    {
      g_autoptr(GHashTable) answers = answers_from_json (col_text (stmt, 12));
      box_checkin_set_answers (c, answers);
    }
  return c;
}

#define CHECKIN_COLUMNS \
  "c.id, c.account_id, c.event_id, c.code, c.action, c.created_at, c.desk, c.nonce, c.state," \
  " c.result, c.message, c.attempts, c.answers"

/* A check-in row with the attendee's name (column 13) when the attendee is known. */
static BoxCheckin *
checkin_with_name_from_row (sqlite3_stmt *stmt)
{
  BoxCheckin *c = checkin_from_row (stmt);

  if (sqlite3_column_type (stmt, 13) != SQLITE_NULL)
    {
      g_autoptr(BoxAttendee) a = box_attendee_new ();
      box_attendee_set_account_id (a, box_checkin_get_account_id (c));
      box_attendee_set_event_id (a, box_checkin_get_event_id (c));
      box_attendee_set_code (a, box_checkin_get_code (c));
      box_attendee_set_name (a, col_text (stmt, 13));
      box_checkin_set_attendee (c, a);
    }
  return c;
}

/**
 * box_store_list_outbox:
 * @account_id: (nullable): one account's, or all
 *
 * Returns: (transfer container) (element-type BoxCheckin): check-ins not yet confirmed
 *   by the provider (pending, or sent without a recorded answer), oldest first
 */
GPtrArray *
box_store_list_outbox (BoxStore    *self,
                       const char  *account_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self,
                  "SELECT " CHECKIN_COLUMNS ", a.name FROM checkins c"
                  " LEFT JOIN attendees a ON a.account_id = c.account_id AND a.event_id = c.event_id"
                  "  AND a.code = c.code"
                  " WHERE c.state IN (0, 1) AND (?1 IS NULL OR c.account_id = ?1) ORDER BY c.id", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  return collect_rows (self, stmt, (RowFunc)checkin_with_name_from_row, "list check-ins", error);
}

GPtrArray *
box_store_list_recent_checkins (BoxStore    *self,
                                const char  *account_id,
                                const char  *event_id,
                                guint        limit,
                                GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self,
                  "SELECT " CHECKIN_COLUMNS ", a.name FROM checkins c"
                  " LEFT JOIN attendees a ON a.account_id = c.account_id AND a.event_id = c.event_id"
                  "  AND a.code = c.code"
                  " WHERE c.account_id = ? AND c.event_id = ? ORDER BY c.id DESC LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  sqlite3_bind_int (stmt, 3, limit);
  return collect_rows (self, stmt, (RowFunc)checkin_with_name_from_row, "list check-ins", error);
}

/**
 * box_store_list_latest_checkins:
 *
 * Returns: (transfer container) (element-type BoxCheckin): for each ticket of the event
 *   that was checked in or undone at this desk, the last thing done, in code order
 */
GPtrArray *
box_store_list_latest_checkins (BoxStore    *self,
                                const char  *account_id,
                                const char  *event_id,
                                GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self,
                  "SELECT " CHECKIN_COLUMNS " FROM checkins c"
                  " WHERE c.id IN (SELECT max(id) FROM checkins WHERE account_id = ?1 AND event_id = ?2"
                  "               GROUP BY code)"
                  " ORDER BY c.code", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  return collect_rows (self, stmt, (RowFunc)checkin_from_row, "list check-ins", error);
}

/**
 * box_store_get_stats:
 *
 * Counts from the local list: tickets that may enter (not cancelled), those checked
 * in, check-ins queued, per ticket type, and arrivals per 15 minutes.
 */
BoxEventStats *
box_store_get_stats (BoxStore    *self,
                     const char  *account_id,
                     const char  *event_id,
                     GError     **error)
{
  g_autoptr(BoxEventStats) stats = box_event_stats_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BOX_IS_STORE (self), NULL);
  reset_statements (self);

  stmt = prepare (self,
                  "SELECT count(*), coalesce(sum(checked_in), 0),"
                  " (SELECT count(*) FROM checkins c WHERE c.account_id = ?1 AND c.event_id = ?2 AND c.state IN (0, 1))"
                  " FROM attendees WHERE account_id = ?1 AND event_id = ?2 AND status <> ?3", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  sqlite3_bind_int (stmt, 3, BOX_ATTENDEE_STATUS_CANCELLED);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (self->db, error, "statistics");
      return NULL;
    }
  box_event_stats_set_total (stats, sqlite3_column_int (stmt, 0));
  box_event_stats_set_checked_in (stats, sqlite3_column_int (stmt, 1));
  box_event_stats_set_queued (stats, sqlite3_column_int (stmt, 2));
  sqlite3_reset (stmt);

  stmt = prepare (self,
                  "SELECT coalesce(ticket_type, ''), count(*), sum(checked_in) FROM attendees"
                  " WHERE account_id = ? AND event_id = ? AND status <> ?"
                  " GROUP BY 1 ORDER BY 1", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  sqlite3_bind_int (stmt, 3, BOX_ATTENDEE_STATUS_CANCELLED);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    box_event_stats_add_ticket_type (stats, col_text (stmt, 0),
                                     sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self->db, error, "statistics");
      return NULL;
    }

  stmt = prepare (self,
                  "SELECT (checked_in_at / 900) * 900 AS b, count(*) FROM attendees"
                  " WHERE account_id = ? AND event_id = ? AND checked_in AND checked_in_at > 0"
                  " GROUP BY b ORDER BY b", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  bind_text (stmt, 2, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 from = sqlite3_column_int64 (stmt, 0);
      box_event_stats_add_arrivals (stats, from, from + 900, sqlite3_column_int (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self->db, error, "statistics");
      return NULL;
    }

  return g_steal_pointer (&stats);
}
