/* fuzz-main.c: drives a fuzz target without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs LLVMFuzzerTestOneInput() over every file given (directories: their files, in
 * name order) and over deterministic pseudo-random mutations of each: bit flips, byte
 * changes, truncations, deletions, insertions of bytes and of JSON/HTML tokens,
 * duplicated ranges, splices with the other seeds and long repeats (deep nesting).
 * The same arguments always run the same inputs. When a target crashes or aborts, the
 * input is written to crash-<target>-<pid>.bin in the current directory (or in
 * $FUZZ_CRASH_DIR) so that it can be replayed alone:
 *
 *   fuzz-fienta-tickets-replay --mutations 0 crash-fuzz-fienta-tickets-replay-1234.bin
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "fuzz-common.h"

#define FUZZ_MAX_INPUT (256 * 1024)

typedef struct
{
  char  *name;
  guint8 *data;
  gsize  size;
} Seed;

/* What the crash handler writes out. */
static const guint8 *current_data;
static gsize current_size;
static char current_what[512];
static char crash_path[4096];

static void
write_all (int         fd,
           const void *buf,
           size_t      len)
{
  const char *p = buf;

  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n <= 0)
        {
          if (n < 0 && errno == EINTR)
            continue;
          return;
        }
      p += n;
      len -= (size_t)n;
    }
}

static void
on_crash (int sig)
{
  static const char head[] = "\n*** fuzz target crashed on ";
  static const char saved[] = "\n*** input saved to ";
  int fd;

  write_all (STDERR_FILENO, head, sizeof head - 1);
  write_all (STDERR_FILENO, current_what, strlen (current_what));
  fd = open (crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0)
    {
      write_all (fd, current_data, current_size);
      close (fd);
      write_all (STDERR_FILENO, saved, sizeof saved - 1);
      write_all (STDERR_FILENO, crash_path, strlen (crash_path));
    }
  write_all (STDERR_FILENO, "\n", 1);
  signal (sig, SIG_DFL);
  raise (sig);
}

static void
install_crash_handler (const char *argv0)
{
  static char alt_stack[64 * 1024];
  stack_t ss = { .ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0 };
  struct sigaction sa;
  const char *dir = g_getenv ("FUZZ_CRASH_DIR");
  g_autofree char *base = g_path_get_basename (argv0);
  const int signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP };

  g_snprintf (crash_path, sizeof crash_path, "%s/crash-%s-%d.bin",
              dir ? dir : ".", base, (int)getpid ());

  /* A stack overflow can only be reported from another stack. */
  sigaltstack (&ss, NULL);
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_crash;
  sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
  sigemptyset (&sa.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &sa, NULL);
}

static void
run_one (const guint8 *data,
         gsize         size)
{
  /* A copy of exactly @size bytes, so that a sanitizer sees any read past the end. */
  guint8 *copy = g_memdup2 (data, size);

  current_data = copy;
  current_size = size;
  LLVMFuzzerTestOneInput (copy, size);
  current_data = NULL;
  g_free (copy);
}

/* splitmix64: small, fast, and the same everywhere. */
static guint64
next_random (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static gsize
below (guint64 *state,
       gsize    n)
{
  return n == 0 ? 0 : (gsize)(next_random (state) % n);
}

static const char interesting_chars[] = "[]{}\"'\\/:,0123456789-+.eE \n\t<>&#;xu";

static const char * const tokens[] = {
  "[", "{", "]", "}", "\"", "'", "/", "\\", ",", ":", "null", "true", "false", "0", "-1",
  "1e400", "-1e400", "99999999999999999999", "2.5", "\"\"", "\"   \"", "\"\\u0000\"",
  "\"\\377\"", "\"\\ud83d\\ude00\"", "\"\\udc00\"", "\"M\\u00fcller\"", "\"\xe6\x9d\x8e\"",
  "\xff", "\xc3", "\"tickets\"", "\"ticket\"", "\"code\"", "\"status\"", "\"USED\"", "\"UNUSED\"",
  "\"PENDING\"", "\"REFUND_REQUESTED\"", "\"used_at\"", "\"updated_at\"", "\"qty\"",
  "\"attendee\"", "\"attendees\"", "\"rows\"", "\"name\"", "\"first_name\"", "\"last_name\"",
  "\"mail\"", "\"order_email\"", "\"company\"", "\"contents_html\"", "\"nametag_html\"",
  "\"time\"", "\"gmt\"", "\"+0300\"", "\"-05:30\"", "\"+9999\"", "\"timestamp\"",
  "\"full_datetime\"", "\"2018-05-04 15:20:23\"", "\"2018-05-04T15:20:23+03:00\"",
  "\"events\"", "\"data\"", "\"translations\"", "\"en\"", "\"title\"", "\"starts_at\"",
  "\"id\"", "\"a/b\"", "\"organizers\"", "\"token\"", "\"errors\"", "\"user_message\"",
  "\"internal_message\"", "\"retry_after\"", "<h1>", "</h1>", "<h2>", "</h2>", "<h1",
  "<b>", "&amp;", "&#252;", "&#x1F600;", "&#0;", "&#xD800;", "&lt;", "&", ";", " x ",
  "1 x ", "2018-05-04", "15:20:23", "T", "Z", "+03:00", "-12:00", "+14:00",
};

/* @bytes must not point into @buf. */
static void
insert_bytes (GByteArray   *buf,
              guint         pos,
              const guint8 *bytes,
              guint         n)
{
  guint old_len = buf->len;

  g_byte_array_set_size (buf, old_len + n);
  memmove (buf->data + pos + n, buf->data + pos, old_len - pos);
  memcpy (buf->data + pos, bytes, n);
}

static void
mutate_once (GByteArray *buf,
             guint64    *rng,
             const Seed *seeds,
             guint       n_seeds)
{
  gsize len = buf->len;
  gsize pos = below (rng, len + 1);

  switch (below (rng, 10))
    {
    case 0: /* flip a bit */
      if (len > 0)
        buf->data[below (rng, len)] ^= (guint8)(1u << below (rng, 8));
      break;

    case 1: /* any byte */
      if (len > 0)
        buf->data[below (rng, len)] = (guint8)next_random (rng);
      break;

    case 2: /* a byte that matters to JSON or HTML */
      if (len > 0)
        buf->data[below (rng, len)] = (guint8)interesting_chars[below (rng, sizeof interesting_chars - 1)];
      break;

    case 3: /* truncate */
      g_byte_array_set_size (buf, pos);
      break;

    case 4: /* delete a range */
      if (pos < len)
        {
          gsize n = 1 + below (rng, 16);
          g_byte_array_remove_range (buf, (guint)pos, (guint)MIN (len - pos, n));
        }
      break;

    case 5: /* insert random bytes */
      {
        guint8 bytes[8];
        gsize n = 1 + below (rng, sizeof bytes);
        for (gsize i = 0; i < n; i++)
          bytes[i] = (guint8)next_random (rng);
        insert_bytes (buf, (guint)pos, bytes, (guint)n);
      }
      break;

    case 6: /* insert a token */
    case 7:
      {
        const char *token = tokens[below (rng, G_N_ELEMENTS (tokens))];
        insert_bytes (buf, (guint)pos, (const guint8 *)token, (guint)strlen (token));
      }
      break;

    case 8: /* duplicate a range, or splice in the tail of another seed */
      if (below (rng, 2) == 0 && len > 0)
        {
          gsize from = below (rng, len);
          gsize n = 1 + below (rng, MIN (len - from, 64));
          g_autofree guint8 *chunk = g_memdup2 (buf->data + from, n);
          insert_bytes (buf, (guint)pos, chunk, (guint)n);
        }
      else if (n_seeds > 0)
        {
          const Seed *other = &seeds[below (rng, n_seeds)];
          gsize from = below (rng, other->size + 1);
          g_byte_array_set_size (buf, pos);
          g_byte_array_append (buf, other->data + from, (guint)(other->size - from));
        }
      break;

    case 9: /* repeat a short chunk many times: deep nesting, long strings */
    default:
      {
        const char *chunk = below (rng, 2) ? tokens[below (rng, 6)] : "[\"";
        /* Now and then deep enough to overflow a recursive parser's stack. */
        gsize n = below (rng, 16) == 0 ? 100000 + below (rng, 20000)
                                      : 1 + below (rng, 4) * 1000 + below (rng, 1000);
        GByteArray *rep = g_byte_array_new ();
        for (gsize i = 0; i < n; i++)
          g_byte_array_append (rep, (const guint8 *)chunk, (guint)strlen (chunk));
        insert_bytes (buf, (guint)pos, rep->data, rep->len);
        g_byte_array_unref (rep);
      }
      break;
    }

  if (buf->len > FUZZ_MAX_INPUT)
    g_byte_array_set_size (buf, FUZZ_MAX_INPUT);
}

static guint64
hash_name (const char *name)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (const char *p = name; *p; p++)
    h = (h ^ (guchar)*p) * G_GUINT64_CONSTANT (1099511628211);
  return h;
}

static void
add_seed (GArray     *seeds,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  Seed seed = { 0 };
  char *contents = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &contents, &size, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }
  seed.name = g_path_get_basename (path);
  seed.data = (guint8 *)contents;
  seed.size = size;
  g_array_append_val (seeds, seed);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

static void
add_path (GArray     *seeds,
          const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      add_seed (seeds, path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    if (g_file_test (g_ptr_array_index (names, i), G_FILE_TEST_IS_REGULAR))
      add_seed (seeds, g_ptr_array_index (names, i));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) seeds = g_array_new (FALSE, TRUE, sizeof (Seed));
  g_autoptr(GTimer) timer = g_timer_new ();
  guint mutations = 2000;
  guint64 base_seed = 1;
  double max_seconds = 0;
  guint64 runs = 0;
  gboolean stopped = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--mutations") && i + 1 < argc)
        mutations = (guint)g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
        base_seed = g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--max-seconds") && i + 1 < argc)
        max_seconds = g_ascii_strtod (argv[++i], NULL);
      else if (g_str_has_prefix (argv[i], "-"))
        {
          g_printerr ("Usage: %s [--mutations N] [--seed S] [--max-seconds T] FILE|DIR...\n", argv[0]);
          return 2;
        }
      else
        add_path (seeds, argv[i]);
    }

  if (seeds->len == 0)
    {
      g_printerr ("%s: no inputs\n", argv[0]);
      return 2;
    }

  install_crash_handler (argv[0]);

  for (guint s = 0; s < seeds->len && !stopped; s++)
    {
      const Seed *seed = &g_array_index (seeds, Seed, s);
      guint64 rng = base_seed ^ hash_name (seed->name);
      GByteArray *buf = g_byte_array_new ();

      g_snprintf (current_what, sizeof current_what, "%s (as is)", seed->name);
      run_one (seed->data, seed->size);
      runs++;

      for (guint m = 0; m < mutations; m++)
        {
          guint n_ops = 1 + (guint)below (&rng, 4);

          g_byte_array_set_size (buf, 0);
          g_byte_array_append (buf, seed->data, (guint)seed->size);
          for (guint k = 0; k < n_ops; k++)
            mutate_once (buf, &rng, (const Seed *)(void *)seeds->data, seeds->len);

          g_snprintf (current_what, sizeof current_what, "%s, mutation %u (--seed %" G_GUINT64_FORMAT ")",
                      seed->name, m, base_seed);
          run_one (buf->data, buf->len);
          runs++;

          if (max_seconds > 0 && (m & 63) == 0 && g_timer_elapsed (timer, NULL) > max_seconds)
            {
              g_printerr ("%s: stopping after %.1f s (--max-seconds)\n", argv[0], g_timer_elapsed (timer, NULL));
              stopped = TRUE;
              break;
            }
        }
      g_byte_array_unref (buf);
    }

  g_print ("%s: %u seeds, %" G_GUINT64_FORMAT " inputs, %.2f s, no crash\n",
           argv[0], seeds->len, runs, g_timer_elapsed (timer, NULL));

  for (guint s = 0; s < seeds->len; s++)
    {
      g_free (g_array_index (seeds, Seed, s).name);
      g_free (g_array_index (seeds, Seed, s).data);
    }
  return 0;
}
