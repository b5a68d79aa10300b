/* bench-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-event.h"
#include "bench-common.h"

double
bench_seconds_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / (double)G_USEC_PER_SEC;
}

double
bench_ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

gint64
bench_proc_status_kb (const char *field)
{
  g_autofree char *text = NULL;
  gsize field_len = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;

  for (const char *line = text; line != NULL && *line; )
    {
      const char *next = strchr (line, '\n');

      if (strncmp (line, field, field_len) == 0 && line[field_len] == ':')
        return g_ascii_strtoll (line + field_len + 1, NULL, 10);
      line = next ? next + 1 : NULL;
    }
  return -1;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y ? 1 : 0;
}

void
bench_sort (double *values,
            guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
}

double
bench_percentile (double *values,
                  guint   n,
                  double  p)
{
  guint rank;

  if (n == 0)
    return 0;
  bench_sort (values, n);
  /* Nearest rank: the smallest value with at least p% of the values at or below it. */
  rank = (guint)((p / 100.0) * n + 0.999999);
  rank = CLAMP (rank, 1, n);
  return values[rank - 1];
}

/* Generated people ------------------------------------------------------------------- */

static const char *const first_names[] = {
  "Jüri", "Mari", "Kadri", "Tõnu", "Anna", "John", "Mary", "Peter", "Łukasz", "José",
  "François", "Zoë", "Søren", "Ólafur", "Siobhán", "Jiří", "Chloé", "Björn", "Agnieszka",
  "Mikko", "Ilze", "Émile", "Renée", "Ahmed", "Sarah", "David", "Laura", "Maria", "Liis",
  "Märt", "Ülle", "Kristjan", "Emma", "Oliver", "Sofia", "Lucas", "Mia", "Noah", "Hanna",
  "Jan", "Katarzyna", "Małgorzata", "Tomás", "Íñigo", "Ævar", "Þórunn", "Dóra", "Gréta",
  "Jürgen", "Günther", "Dörte", "Ines", "Aino", "Eeva", "Väinö", "Pekka", "Jānis", "Līga",
  "Rūta", "Žygimantas", "Vytautas", "Ieva", "Andrzej", "Paweł", "Zuzana", "Tereza",
  "Ondřej", "Miloš", "Ana", "Ivan", "Dmitri", "Olga", "Nikolai", "Yusuf", "Fatima",
  "Aisha", "Mohammed", "Wei", "Li", "Hiroshi", "Yuki", "Min-jun", "Seo-yeon", "Priya",
  "Arjun", "Rahul", "Ananya", "Carlos", "Lucía", "Martín", "Camila", "João", "Inês",
  "Gonçalo", "Luca", "Giulia", "Matteo", "Chiara", "Sven", "Astrid", "Ingrid", "Lars",
  "Kaisa", "Rasmus", "Karl", "Kertu", "Triin", "Rein", "Helena", "Elise", "Mathilde",
  "Théo", "Léa", "Noé", "Bruno", "Nora", "Ella", "Leo", "Oskar", "Aleksander", "Aurelia",
  "Benedikt", "Cecilia", "Dominik", "Edith", "Felix", "Gustav", "Hedvig", "Isak", "Julia",
};

static const char *const last_names[] = {
  "Müller", "Jõgi", "Šťastný", "Øster", "Ólafsdóttir", "O'Brien", "Tamm", "Kask",
  "Smith", "Johnson", "García", "Dvořák", "Kowalski", "Wiśniewski", "Lefèvre", "Nguyễn",
  "Virtanen", "Bērziņš", "Saar", "Brown", "Lee", "Mägi", "Ström", "Sepp", "Williams",
  "Rebane", "Novák", "Jones", "Ilves", "Põder", "Schmidt", "Schneider", "Fischer",
  "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer",
  "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun",
  "Krüger", "Hofmann", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler",
  "Nowak", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
  "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk",
  "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
  "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen",
  "Kalniņš", "Ozoliņš", "Jansons", "Liepiņš", "Kazlauskas", "Jankauskas", "Petrauskas",
  "Stankevičius", "Vasiliauskas", "Žukauskas", "Andersson", "Johansson", "Karlsson",
  "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson",
  "Hansen", "Jensen", "Nielsen", "Pedersen", "Christensen", "Sørensen", "Rasmussen",
  "Jónsson", "Sigurðsson", "Guðmundsdóttir", "Martin", "Bernard", "Dubois", "Thomas",
  "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent",
  "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
  "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins",
  "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov", "Sokolov", "Mikhailov",
  "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sato",
  "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Kim", "Park", "Choi", "Jung", "Kang",
  "Patel", "Sharma", "Singh", "Kumar", "Gupta", "Yılmaz", "Kaya", "Demir", "Şahin",
};

/* Surname parts: combined, they give tens of thousands of distinct words, as a real
 * list of attendees has. */
static const char *const syllables_a[] = {
  "Ka", "Ta", "Mä", "Lõ", "Ru", "Vi", "Sa", "Pe", "Ko", "Ha", "Jä", "Le", "Ni", "Ro",
  "Ze", "Bo", "Dü", "Fa", "Gu", "Wi", "Ös", "Ül", "Ar", "El", "In", "Ur", "Šu", "Ča",
};
static const char *const syllables_b[] = {
  "ri", "lo", "nen", "mi", "sk", "ber", "del", "gar", "han", "kel", "lin", "mar", "nor",
  "per", "ran", "sel", "tor", "vas", "wen", "zen", "ği", "õu", "äk", "ür", "ys",
};
static const char *const syllables_c[] = {
  "", "son", "sen", "berg", "mann", "ski", "ová", "ienė", "nen", "stein", "oja", "aru",
  "vili", "escu", "ić", "ez", "eau", "ini", "dóttir", "man", "ström",
};

static const char *const companies[] = {
  "Acme Corp", "Jõgi & Partnerid OÜ", "Müller GmbH", "Łódź Software Sp. z o.o.",
  "Nordic Design AB", "Café Noir SARL", "Smith & Sons Ltd", "Tallinna Ülikool",
  "Example Labs", "Freelancer", "Universität Wien", "北京科技有限公司", "O'Reilly Media",
  "Straße Consulting", "Øresund Logistics", "Tartu Startup Day", "Open Source Collective",
  "Nordea", "Bolt", "Wise", "Skype", "Pipedrive", "Veriff", "Starship Technologies",
  "Eesti Energia", "Telia Eesti", "Swedbank", "SEB", "LHV Pank", "Elisa", "Nokia",
  "Ericsson", "Spotify", "Siemens AG", "Bosch", "Škoda Auto", "Żabka", "Allegro",
  "Société Générale", "Crédit Agricole", "BBVA", "Banco Santander", "Fiat", "Zalando",
  "Rovio", "Supercell", "Wolt", "Kühne + Nagel", "Maersk", "Novo Nordisk", "Lego",
  "IKEA", "Volvo", "Saab", "Tieto", "Accenture", "Deloitte", "KPMG", "PwC", "EY",
  "Tartu Ülikool", "TalTech", "Aalto-yliopisto", "Københavns Universitet", "Ministry of Economic Affairs",
};

static const char *const mail_domains[] = {
  "example.com", "example.org", "example.net", "mail.example.ee", "gmail.example",
  "outlook.example", "company.example", "uni.example.ee",
};

static const char *const ticket_types[] = {
  "General admission", "VIP", "Student", "Speaker", "Volunteer", "Early bird",
};

static const char *const countries[] = {
  "Estonia", "Finland", "Latvia", "Lithuania", "Germany", "Poland", "Czechia", "Sweden",
  "Norway", "Denmark", "Iceland", "Ireland", "France", "Spain", "United Kingdom", "China",
};

#define PICK(r, array) (array[g_rand_int_range ((r), 0, G_N_ELEMENTS (array))])

/* Lower-case ASCII for the e-mail address: "Jõgi" -> "jogi". */
static char *
mail_part (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  if (out->len == 0)
    g_string_append (out, "guest");
  return g_string_free (out, FALSE);
}

static char *
random_last_name (GRand *r)
{
  /* Two in five from the composed surnames, so the index has many distinct words. */
  if (g_rand_int_range (r, 0, 5) < 2)
    return g_strconcat (PICK (r, syllables_a), PICK (r, syllables_b), PICK (r, syllables_b),
                        PICK (r, syllables_c), NULL);
  return g_strdup (PICK (r, last_names));
}

GPtrArray *
bench_generate_attendees (guint   n,
                          guint32 seed)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  g_autoptr(GRand) r = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *attendees = g_ptr_array_new_full (n, g_object_unref);
  guint order = 5000000;
  guint left_in_order = 0;
  g_autofree char *order_email = NULL;

  for (guint i = 0; i < n; i++)
    {
      BoxAttendee *a = box_attendee_new ();
      const char *first = PICK (r, first_names);
      g_autofree char *last = random_last_name (r);
      g_autofree char *name = NULL;
      g_autofree char *first_mail = mail_part (first);
      g_autofree char *last_mail = mail_part (last);
      g_autofree char *email = NULL;
      g_autofree char *order_code = NULL;
      g_autofree char *nametag = NULL;
      g_autofree char *details = NULL;
      g_autofree char *escaped_name = NULL;
      const char *company = g_rand_int_range (r, 0, 100) < 15 ? NULL : PICK (r, companies);
      char code[11];

      do
        {
          for (guint k = 0; k < 10; k++)
            code[k] = alphabet[g_rand_int_range (r, 0, 36)];
          code[10] = '\0';
        }
      while (g_hash_table_contains (codes, code));
      g_hash_table_add (codes, g_strdup (code));

      if (g_rand_int_range (r, 0, 10) == 0)
        name = g_strdup_printf ("%s %s %s", first, PICK (r, first_names), last);
      else
        name = g_strdup_printf ("%s %s", first, last);

      if (g_rand_int_range (r, 0, 3) == 0)
        email = g_strdup_printf ("%s.%s%d@%s", first_mail, last_mail, g_rand_int_range (r, 1, 100),
                                 PICK (r, mail_domains));
      else
        email = g_strdup_printf ("%c%s@%s", first_mail[0], last_mail, PICK (r, mail_domains));

      /* Orders of one to three tickets share an order code and an e-mail. */
      if (left_in_order == 0)
        {
          int roll = g_rand_int_range (r, 0, 10);
          left_in_order = roll < 7 ? 1 : roll < 9 ? 2 : 3;
          order++;
          g_free (order_email);
          order_email = g_strdup (email);
        }
      left_in_order--;
      order_code = g_strdup_printf ("%u", order);

      escaped_name = g_markup_escape_text (name, -1);
      if (company != NULL)
        {
          g_autofree char *escaped_company = g_markup_escape_text (company, -1);
          nametag = g_strdup_printf ("<!DOCTYPE html><html><body><p class=\"name\">%s</p>"
                                     "<p class=\"company\">%s</p></body></html>",
                                     escaped_name, escaped_company);
        }
      else
        nametag = g_strdup_printf ("<!DOCTYPE html><html><body><p class=\"name\">%s</p></body></html>",
                                   escaped_name);
      details = g_strdup_printf ("{\"country\":\"%s\",\"order_email\":\"%s\",\"fienta_status\":\"UNUSED\"}",
                                 PICK (r, countries), order_email);

      box_attendee_set_code (a, code);
      box_attendee_set_name (a, name);
      box_attendee_set_first_name (a, first);
      box_attendee_set_last_name (a, last);
      box_attendee_set_email (a, email);
      box_attendee_set_company (a, company);
      box_attendee_set_ticket_type (a, PICK (r, ticket_types));
      box_attendee_set_order_code (a, order_code);
      box_attendee_set_quantity (a, 1);
      box_attendee_set_nametag_html (a, nametag);
      box_attendee_set_details (a, details);
      box_attendee_set_updated_at (a, 1700000000 + g_rand_int_range (r, 0, 5000000));
      if (g_rand_int_range (r, 0, 100) < 8)
        {
          box_attendee_set_checked_in (a, TRUE);
          box_attendee_set_checked_in_at (a, 1705000000 + g_rand_int_range (r, 0, 10000));
        }
      g_ptr_array_add (attendees, a);
    }

  return attendees;
}

double
bench_print_db_size (BoxStore   *store,
                     const char *label)
{
  double wal_mb = 0;
  g_autofree char *path = g_strdup (box_store_get_path (store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  g_print ("%s", label);
  if (g_stat (path, &st) == 0)
    g_print ("database %.1f MB", st.st_size / 1e6);
  if (g_stat (wal, &st) == 0)
    {
      wal_mb = st.st_size / 1e6;
      g_print (", WAL %.1f MB", wal_mb);
    }
  g_print ("\n");
  return wal_mb;
}

BoxStore *
bench_open_store (const char *dir,
                  const char *base_url)
{
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  store = box_store_open (path, &error);
  bench_check_no_error (error);

  account = box_account_new (BENCH_ACCOUNT_ID, "fienta", "Benchmark", base_url);
  box_store_add_account (store, account, &error);
  bench_check_no_error (error);

  g_ptr_array_add (events, box_event_new (BENCH_ACCOUNT_ID, BENCH_EVENT_ID, "Big event"));
  box_store_put_events (store, BENCH_ACCOUNT_ID, events, &error);
  bench_check_no_error (error);

  return g_steal_pointer (&store);
}
