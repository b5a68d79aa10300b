/* bench-common.h: what the benchmarks share: clocks, percentiles, memory figures and
 * generated attendees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "box-store.h"

G_BEGIN_DECLS

#define BENCH_ACCOUNT_ID "bench"
#define BENCH_EVENT_ID   "10"
#define BENCH_TOKEN      "0123456789abcdef0123456789abcdef"

/* Fails the benchmark (exit 1) on a real error; timings are never checked. */
#define bench_check_no_error(error) \
  G_STMT_START { \
    if ((error) != NULL) \
      { \
        g_printerr ("%s:%d: error: %s\n", __FILE__, __LINE__, (error)->message); \
        exit (1); \
      } \
  } G_STMT_END

#define bench_check(cond, ...) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        g_printerr ("%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
        g_printerr (__VA_ARGS__); \
        g_printerr ("\n"); \
        exit (1); \
      } \
  } G_STMT_END

double      bench_seconds_since     (gint64        start_us);
double      bench_ms_since          (gint64        start_us);
/* A field of /proc/self/status in kB ("VmHWM", "VmRSS"); -1 when unknown. */
gint64      bench_proc_status_kb    (const char   *field);
/* @values sorted in place; @p in 0..100, nearest rank. */
double      bench_percentile        (double       *values,
                                     guint         n,
                                     double        p);
void        bench_sort              (double       *values,
                                     guint         n);

/* Prints "database N MB, WAL M MB" of the store's file; returns the WAL's MB. */
double      bench_print_db_size     (BoxStore     *store,
                                     const char   *label);

/* @n attendees with realistic names (non-ASCII included), companies, e-mails, 10-char
 * codes, order codes, a name tag and details, the same for the same @seed. */
GPtrArray  *bench_generate_attendees (guint        n,
                                      guint32      seed);

/* A fresh store in @dir with account BENCH_ACCOUNT_ID (Fienta, @base_url) and event
 * BENCH_EVENT_ID. */
BoxStore   *bench_open_store        (const char   *dir,
                                     const char   *base_url);

G_END_DECLS
