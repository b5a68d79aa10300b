/* box-currinda-parser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-currinda"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "box-attendee.h"
#include "box-currinda-parser.h"
#include "box-error.h"
#include "box-json-read.h"

/* Currinda's API v0.1 answers with the signed-in person's own data only: a registration
 * for an event, or a membership of an organisation. Read liberally:
 *
 * - Numbers come as strings ("100.000", "31807"), sometimes as numbers, sometimes null.
 *   Money is never read as a double: before json-glib sees the text, every bare number
 *   outside strings is put in quotes (box_currinda_quote_numbers()), so 100.000 stays
 *   "100.000", as it came.
 * - The API text's own membership example has trailing commas ("Country":"Australia",}),
 *   which is not JSON. A reply json-glib refuses is read once more with the commas just
 *   before a } or ] removed (box_currinda_repair_json(), which knows strings and their
 *   escapes and nothing else); anything else that is not JSON stays an error.
 * - Any member may be missing or null; an Addons or Extras that is not an array is none.
 *
 * Choices:
 * - There is one attendee per scope, the signed-in person, so the attendee's code is the
 *   scope: "event-42" or "org-19". It stays the same across syncs whatever changes in the
 *   registration (Registration.ID is the registration item's id, not the person's: it
 *   changes when the delegate changes item).
 * - BoxAttendee has no plain-text name tag: "Nametag" goes in the details, under
 *   "_nametag" (for name tag templates: {{answer:_nametag}}) and "Name tag" (shown).
 * - A registration with nothing outstanding ("0", "0.00", empty, null or missing) is
 *   paid, else pending. A membership "current" is paid; unapproved, pending,
 *   outstanding and expire(d) are pending; anything else is unknown. */

#define MAX_TEXT 300

static void
set_malformed (GError     **error,
               const char  *detail)
{
  g_set_error (error, BOX_ERROR, BOX_ERROR_MALFORMED,
               _("Currinda sent a reply Box Office cannot read (%s). Try again later; if it keeps happening, tell the site’s organisers."),
               detail);
}

/* ---- JSON text ----------------------------------------------------------------------- */

/**
 * box_currinda_quote_numbers:
 * @data: JSON text
 * @len: its length
 * @out_len: (out): the length of the result
 *
 * Outside strings ("…" with backslash escapes, '…' without, as json-glib 1.6 reads
 * them), puts every bare number ("-12.50e3") in double quotes, so that json-glib keeps
 * its text instead of a double.
 *
 * Returns: (transfer full): the copy, NUL-terminated
 */
char *
box_currinda_quote_numbers (const char *data,
                            gsize       len,
                            gsize      *out_len)
{
  GString *out = g_string_sized_new (len + len / 4 + 1);
  char quote = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (quote != 0)
        {
          g_string_append_c (out, c);
          if (c == '\\' && quote == '"' && i + 1 < len)
            g_string_append_c (out, data[++i]);
          else if (c == quote)
            quote = 0;
          continue;
        }

      if (c == '"' || c == '\'')
        quote = c;
      else if ((c == '-' || g_ascii_isdigit (c)) &&
               (i == 0 || !(g_ascii_isalnum (data[i - 1]) || data[i - 1] == '_' || data[i - 1] == '.')))
        {
          gsize end = i + 1;

          while (end < len && (g_ascii_isalnum (data[end]) || data[end] == '.' ||
                               data[end] == '+' || data[end] == '-' || data[end] == '_'))
            end++;
          g_string_append_c (out, '"');
          g_string_append_len (out, data + i, end - i);
          g_string_append_c (out, '"');
          i = end - 1;
          continue;
        }
      g_string_append_c (out, c);
    }

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

/**
 * box_currinda_repair_json:
 * @data: JSON text
 * @len: its length
 * @out_len: (out) (optional): the length of the result (always @len)
 *
 * Outside strings, blanks a comma that comes just before } or ] (whitespace between
 * them allowed). Everything keeps its place, so json-glib's positions in an error still
 * point at the input.
 *
 * Returns: (transfer full) (nullable): the repaired copy (@len bytes and a NUL), or
 *   %NULL when there is no such comma
 */
char *
box_currinda_repair_json (const char *data,
                          gsize       len,
                          gsize      *out_len)
{
  g_autofree char *copy = g_malloc (len + 1);
  gboolean changed = FALSE;
  char quote = 0;

  if (len > 0)
    memcpy (copy, data, len);
  copy[len] = '\0';
  if (out_len != NULL)
    *out_len = len;

  for (gsize i = 0; i < len; i++)
    {
      char c = copy[i];

      if (quote != 0)
        {
          if (c == '\\' && quote == '"')
            i++;
          else if (c == quote)
            quote = 0;
          continue;
        }

      if (c == '"' || c == '\'')
        quote = c;
      else if (c == ',')
        {
          gsize j = i + 1;

          while (j < len && g_ascii_isspace (copy[j]))
            j++;
          if (j < len && (copy[j] == '}' || copy[j] == ']'))
            {
              copy[i] = ' ';
              changed = TRUE;
            }
        }
    }

  return changed ? g_steal_pointer (&copy) : NULL;
}

/* The root object of @data, numbers kept as text; or else of its repaired copy. */
static JsonNode *
parse_object (const char  *data,
              gssize       len,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *repaired = NULL;
  gsize length;
  gsize quoted_len = 0;
  JsonNode *root;

  if (data == NULL)
    {
      set_malformed (error, _("empty"));
      return NULL;
    }
  length = len < 0 ? strlen (data) : (gsize)len;
  if (length == 0)
    {
      set_malformed (error, _("empty"));
      return NULL;
    }
  if (box_json_too_deep (data, length))
    {
      set_malformed (error, _("nested too deep"));
      return NULL;
    }

  quoted = box_currinda_quote_numbers (data, length, &quoted_len);
  if (!json_parser_load_from_data (parser, quoted, quoted_len, &local_error))
    {
      gsize repaired_len = 0;

      repaired = box_currinda_repair_json (quoted, quoted_len, &repaired_len);
      if (repaired != NULL)
        {
          g_clear_error (&local_error);
          g_clear_object (&parser);
          parser = json_parser_new_immutable ();
          json_parser_load_from_data (parser, repaired, repaired_len, &local_error);
        }
    }
  if (local_error != NULL)
    {
      /* json-glib quotes the offending token, which need not be UTF-8. */
      g_autofree char *detail = g_utf8_make_valid (local_error->message, -1);

      set_malformed (error, detail);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      set_malformed (error, _("empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      json_node_unref (root);
      set_malformed (error, _("not a JSON object"));
      return NULL;
    }
  return root;
}

/* ---- Values ---------------------------------------------------------------------------- */

/* A member as trimmed, non-empty, one-line text, or NULL. */
static char *
member_text (JsonObject *object,
             const char *name)
{
  char *text = box_json_member_text (object, name);

  if (text == NULL)
    return NULL;
  g_strdelimit (text, "\r\n\t", ' ');
  if (*g_strstrip (text) == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* Like member_text(), for an array's element: an array of values reads as "a, b". */
static char *
node_text (JsonNode *node)
{
  char *text = NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *joined = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = box_json_node_text (json_array_get_element (array, i));

          if (item == NULL || *g_strstrip (item) == '\0')
            continue;
          if (joined->len > 0)
            g_string_append (joined, ", ");
          g_string_append (joined, item);
        }
      text = g_string_free (joined, FALSE);
    }
  else
    text = box_json_node_text (node);

  if (text == NULL)
    return NULL;
  g_strdelimit (text, "\r\n\t", ' ');
  if (*g_strstrip (text) == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/**
 * box_currinda_amount_is_zero:
 *
 * Returns: whether @amount is no money: %NULL, empty, or a decimal whose digits are all
 *   zero ("0", "0.00", "-0.0"). Any other text is not zero.
 */
gboolean
box_currinda_amount_is_zero (const char *amount)
{
  const char *p = amount;
  gboolean digits = FALSE;
  gboolean point = FALSE;

  if (p == NULL)
    return TRUE;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    return TRUE;
  if (*p == '-' || *p == '+')
    p++;
  for (; *p != '\0' && !g_ascii_isspace (*p); p++)
    {
      if (*p == '0')
        digits = TRUE;
      else if (*p == '.' && !point)
        point = TRUE;
      else
        return FALSE;
    }
  while (g_ascii_isspace (*p))
    p++;
  return digits && *p == '\0';
}

/* "100.00 NZD", or the amount alone without a currency. */
static char *
money (const char *amount,
       const char *currency)
{
  if (amount == NULL)
    return NULL;
  if (currency == NULL)
    return g_strdup (amount);
  return g_strdup_printf ("%s %s", amount, currency);
}

/**
 * box_currinda_membership_status:
 *
 * Returns: what a membership's status means at the desk
 */
BoxAttendeeStatus
box_currinda_membership_status (const char *status)
{
  static const char * const pending[] = { "unapproved", "pending", "outstanding", "expire", "expired", NULL };

  if (status == NULL)
    return BOX_ATTENDEE_STATUS_UNKNOWN;
  if (g_ascii_strcasecmp (status, "current") == 0)
    return BOX_ATTENDEE_STATUS_PAID;
  for (guint i = 0; pending[i] != NULL; i++)
    if (g_ascii_strcasecmp (status, pending[i]) == 0)
      return BOX_ATTENDEE_STATUS_PENDING;
  return BOX_ATTENDEE_STATUS_UNKNOWN;
}

/**
 * box_currinda_membership_status_label:
 *
 * Returns: (nullable): the status in words ("Expired" for "expire"), translated; %NULL
 *   for a status Currinda does not document
 */
const char *
box_currinda_membership_status_label (const char *status)
{
  if (status == NULL)
    return NULL;
  if (g_ascii_strcasecmp (status, "unapproved") == 0)
    return C_("Currinda membership", "Unapproved");
  if (g_ascii_strcasecmp (status, "pending") == 0)
    return C_("Currinda membership", "Pending");
  if (g_ascii_strcasecmp (status, "outstanding") == 0)
    return C_("Currinda membership", "Outstanding");
  if (g_ascii_strcasecmp (status, "expire") == 0 || g_ascii_strcasecmp (status, "expired") == 0)
    return C_("Currinda membership", "Expired");
  if (g_ascii_strcasecmp (status, "current") == 0)
    return C_("Currinda membership", "Current");
  return NULL;
}

/**
 * box_currinda_logout_url:
 * @site: the Currinda site ("https://asn.currinda.com")
 * @return_url: (nullable): where the site sends the browser afterwards
 *
 * Returns: (transfer full) (nullable): "SITE/logout?redirect=RETURN" (escaped), the
 *   page that ends the person's session at the site; %NULL without a site
 */
char *
box_currinda_logout_url (const char *site,
                         const char *return_url)
{
  g_autofree char *escaped = NULL;
  gsize len;

  if (site == NULL || *site == '\0')
    return NULL;
  len = strlen (site);
  while (len > 0 && site[len - 1] == '/')
    len--;
  if (return_url == NULL || *return_url == '\0')
    return g_strdup_printf ("%.*s/logout", (int)len, site);
  escaped = g_uri_escape_string (return_url, NULL, FALSE);
  return g_strdup_printf ("%.*s/logout?redirect=%s", (int)len, site, escaped);
}

/* ---- Scopes ------------------------------------------------------------------------------ */

static gboolean
all_digits (const char *text)
{
  if (text == NULL || *text == '\0' || strlen (text) > 18)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/**
 * box_currinda_make_scope:
 * @event: (nullable): the event's number, digits
 * @organisation: (nullable): the organisation's number, digits
 *
 * Returns: (transfer full) (nullable): "event-42", "org-19", or both joined with ","
 *   (as league/oauth2-client joins scopes)
 */
char *
box_currinda_make_scope (const char  *event,
                         const char  *organisation,
                         GError     **error)
{
  g_autofree char *event_id = event ? g_strstrip (g_strdup (event)) : NULL;
  g_autofree char *org_id = organisation ? g_strstrip (g_strdup (organisation)) : NULL;

  if (event_id != NULL && *event_id == '\0')
    g_clear_pointer (&event_id, g_free);
  if (org_id != NULL && *org_id == '\0')
    g_clear_pointer (&org_id, g_free);

  if (event_id == NULL && org_id == NULL)
    {
      g_set_error_literal (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                           _("Enter the number of the Currinda event or of the organisation to connect to."));
      return NULL;
    }
  if (event_id != NULL && !all_digits (event_id))
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("“%s” is not a Currinda event number. Enter its digits only, like 42."), event_id);
      return NULL;
    }
  if (org_id != NULL && !all_digits (org_id))
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("“%s” is not a Currinda organisation number. Enter its digits only, like 19."), org_id);
      return NULL;
    }

  if (event_id != NULL && org_id != NULL)
    return g_strdup_printf ("event-%s,org-%s", event_id, org_id);
  if (event_id != NULL)
    return g_strdup_printf ("event-%s", event_id);
  return g_strdup_printf ("org-%s", org_id);
}

/**
 * box_currinda_split_scope:
 *
 * Returns: (transfer full) (nullable): the scopes ("event-42", "org-19"), each once, in
 *   their order
 */
char **
box_currinda_split_scope (const char  *scope,
                          GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  if (scope == NULL)
    scope = "";
  parts = g_strsplit_set (scope, ", ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];

      if (*part == '\0')
        continue;
      if (!(g_str_has_prefix (part, "event-") && all_digits (part + strlen ("event-"))) &&
          !(g_str_has_prefix (part, "org-") && all_digits (part + strlen ("org-"))))
        {
          g_autofree char *shown = g_utf8_make_valid (part, -1);

          g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                       _("“%s” is not a Currinda scope. Use event-NUMBER or org-NUMBER."), shown);
          return NULL;
        }
      if (g_ptr_array_find_with_equal_func (seen, part, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer)part);
      g_strv_builder_add (builder, part);
    }
  if (seen->len == 0)
    {
      g_set_error_literal (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                           _("Enter the number of the Currinda event or of the organisation to connect to."));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* ---- Details ----------------------------------------------------------------------------- */

/* What the attendee's details will hold, in order; a key is never repeated (a second,
 * different value joins the first: "a; b"). */
typedef struct
{
  GPtrArray  *keys;
  GHashTable *values;
} Details;

static void
details_init (Details *d)
{
  d->keys = g_ptr_array_new_with_free_func (g_free);
  d->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static void
details_add (Details    *d,
             const char *key,
             const char *value)
{
  const char *old;

  if (key == NULL || *key == '\0' || value == NULL || *value == '\0')
    return;
  if ((old = g_hash_table_lookup (d->values, key)) == NULL)
    {
      char *copy = g_strdup (key);

      g_ptr_array_add (d->keys, copy);
      g_hash_table_insert (d->values, copy, g_strdup (value));
      return;
    }
  if (g_str_equal (old, value) || strlen (old) > 4 * MAX_TEXT)
    return;
  {
    /* The key as stored (the array owns it); the old value goes with the insert. */
    gpointer stored = NULL;
    gpointer previous = NULL;
    char *joined;

    g_hash_table_lookup_extended (d->values, key, &stored, &previous);
    joined = g_strdup_printf ("%s; %s", (char *)previous, value);
    g_hash_table_insert (d->values, stored, joined);
  }
}

/* The details as a flat JSON object of strings; frees @d. */
static char *
details_finish (Details *d)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < d->keys->len; i++)
    {
      const char *key = g_ptr_array_index (d->keys, i);

      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, g_hash_table_lookup (d->values, key));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  g_hash_table_unref (d->values);
  g_ptr_array_unref (d->keys);
  return json_to_string (root, FALSE);
}

/* The question/answer pairs of an "Extras" array, as answers. A question is what the
 * person sees: one that starts with "_" (the desk's own keys) loses the "_". */
static void
add_extras (Details    *d,
            JsonObject *object)
{
  JsonArray *extras = box_json_member_array (object, "Extras");

  for (guint i = 0; extras != NULL && i < json_array_get_length (extras); i++)
    {
      JsonNode *node = json_array_get_element (extras, i);
      g_autofree char *question = NULL;
      g_autofree char *answer = NULL;
      const char *key;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      question = member_text (json_node_get_object (node), "Question");
      answer = node_text (json_object_get_member (json_node_get_object (node), "Answer"));
      if (question == NULL || answer == NULL)
        continue;
      key = question;
      while (*key == '_')
        key++;
      while (g_ascii_isspace (*key))
        key++;
      details_add (d, key, answer);
    }
}

/* "2 × Workshop A (50.00); 1 × Dinner": each add-on with its quantity and cost; the
 * add-ons' own extras are answers. */
static void
add_addons (Details    *d,
            JsonObject *object)
{
  JsonArray *addons = box_json_member_array (object, "Addons");
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; addons != NULL && i < json_array_get_length (addons); i++)
    {
      JsonNode *node = json_array_get_element (addons, i);
      g_autofree char *quantity = NULL;
      g_autofree char *name = NULL;
      g_autofree char *cost = NULL;
      JsonObject *entry;
      JsonObject *addon;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      addon = box_json_member_object (entry, "Addon");
      quantity = member_text (entry, "Quantity");
      name = member_text (addon, "Name");
      cost = member_text (addon, "Cost");
      add_extras (d, entry);
      if (name == NULL)
        continue;
      if (list->len > 0)
        g_string_append (list, "; ");
      /* TRANSLATORS: an add-on: its quantity, "×" and its name, as in "2 × Workshop A" */
      g_string_append_printf (list, _("%s × %s"), quantity ? quantity : "1", name);
      if (cost != NULL)
        g_string_append_printf (list, " (%s)", cost);
    }
  details_add (d, _("Add-ons"), list->str);
}

/* ---- Attendees --------------------------------------------------------------------------- */

static void
set_person (BoxAttendee *attendee,
            JsonObject  *object,
            const char  *nametag)
{
  g_autofree char *first = member_text (object, "FirstName");
  g_autofree char *last = member_text (object, "LastName");

  box_attendee_set_first_name (attendee, first);
  box_attendee_set_last_name (attendee, last);
  /* No name at all: the name tag's, which is at least what the person chose. */
  if (first == NULL && last == NULL)
    box_attendee_set_name (attendee, nametag);
}

/* A reply that holds no person: Currinda's own words when it gave some. */
static void
set_no_person (GError     **error,
               JsonObject  *object,
               const char  *what)
{
  g_autofree char *said = member_text (object, "error_description");

  if (said == NULL)
    said = member_text (object, "error");
  if (said == NULL)
    said = member_text (object, "message");
  if (said != NULL && g_utf8_strlen (said, -1) > MAX_TEXT)
    *g_utf8_offset_to_pointer (said, MAX_TEXT) = '\0';
  if (said != NULL)
    {
      g_autofree char *detail = g_strdup_printf ("%s: %s", what, said);
      set_malformed (error, detail);
    }
  else
    set_malformed (error, what);
}

/**
 * box_currinda_parse_registration:
 * @event_id: the event's number, for the code
 *
 * Returns: (transfer full): the delegate, code "event-{@event_id}"
 */
BoxAttendee *
box_currinda_parse_registration (const char  *data,
                                 gssize       len,
                                 const char  *event_id,
                                 GError     **error)
{
  g_autoptr(JsonNode) root = parse_object (data, len, error);
  g_autofree char *nametag = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *outstanding = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  JsonObject *registration;
  BoxAttendee *attendee;
  Details details;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);

  nametag = member_text (object, "Nametag");
  first = member_text (object, "FirstName");
  last = member_text (object, "LastName");
  registration = box_json_member_object (object, "Registration");
  if (nametag == NULL && first == NULL && last == NULL && registration == NULL)
    {
      set_no_person (error, object, _("no registration in it"));
      return NULL;
    }

  outstanding = member_text (object, "Outstanding");
  currency = member_text (object, "Currency");
  code = g_strdup_printf ("event-%s", event_id ? event_id : "");

  attendee = box_attendee_new ();
  box_attendee_set_code (attendee, code);
  set_person (attendee, object, nametag);
  box_attendee_set_status (attendee, box_currinda_amount_is_zero (outstanding)
                                     ? BOX_ATTENDEE_STATUS_PAID : BOX_ATTENDEE_STATUS_PENDING);

  details_init (&details);
  details_add (&details, "_nametag", nametag);
  details_add (&details, _("Name tag"), nametag);
  if (registration != NULL)
    {
      g_autofree char *name = member_text (registration, "Name");
      g_autofree char *cost = member_text (registration, "Cost");
      g_autofree char *cost_text = money (cost, currency);
      g_autofree char *id = member_text (registration, "ID");

      box_attendee_set_ticket_type (attendee, name);
      details_add (&details, _("Registration cost"), cost_text);
      details_add (&details, "_registration_id", id);
    }
  add_addons (&details, object);
  {
    g_autofree char *shown = money (outstanding, currency);
    details_add (&details, _("Outstanding"), shown);
    /* The same in the desk's own key, which reads alike in every language. */
    details_add (&details, "_outstanding", shown);
  }
  if (registration != NULL)
    add_extras (&details, registration);
  add_extras (&details, object);

  text = details_finish (&details);
  box_attendee_set_details (attendee, text);
  return attendee;
}

/**
 * box_currinda_parse_membership:
 * @organisation_id: the organisation's number, for the code
 * @organisation: (out) (optional) (transfer full): the payload's "Organisation"
 *
 * Returns: (transfer full): the member, code "org-{@organisation_id}"
 */
BoxAttendee *
box_currinda_parse_membership (const char  *data,
                               gssize       len,
                               const char  *organisation_id,
                               char       **organisation,
                               GError     **error)
{
  g_autoptr(JsonNode) root = parse_object (data, len, error);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *email = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *code = NULL;
  g_autofree char *invoice = NULL;
  g_autofree char *payment = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  JsonObject *membership;
  BoxAttendee *attendee;
  Details details;

  if (organisation != NULL)
    *organisation = NULL;
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);

  first = member_text (object, "FirstName");
  last = member_text (object, "LastName");
  email = member_text (object, "Email");
  membership = box_json_member_object (object, "Membership");
  if (first == NULL && last == NULL && email == NULL && membership == NULL)
    {
      set_no_person (error, object, _("no membership in it"));
      return NULL;
    }

  currency = member_text (object, "Currency");
  code = g_strdup_printf ("org-%s", organisation_id ? organisation_id : "");

  attendee = box_attendee_new ();
  box_attendee_set_code (attendee, code);
  set_person (attendee, object, email);
  box_attendee_set_email (attendee, email);
  box_attendee_set_status (attendee, BOX_ATTENDEE_STATUS_UNKNOWN);

  details_init (&details);
  if (membership != NULL)
    {
      g_autofree char *status = member_text (membership, "Status");
      g_autofree char *number = member_text (membership, "MembershipNumber");
      g_autofree char *expiry = member_text (membership, "ExpiryDate");
      g_autofree char *joined = member_text (membership, "JoiningDate");
      g_autofree char *chapter = member_text (membership, "Chapter");
      g_autofree char *amount = member_text (membership, "AmountOutstanding");
      g_autofree char *amount_text = money (amount, currency);
      g_autofree char *type_name = NULL;
      JsonObject *type = box_json_member_object (membership, "MembershipType");
      JsonNode *expired = json_object_get_member (membership, "Expired");
      const char *label = box_currinda_membership_status_label (status);

      if (type != NULL)
        type_name = member_text (type, "Type");
      box_attendee_set_ticket_type (attendee, type_name);
      box_attendee_set_status (attendee, box_currinda_membership_status (status));

      details_add (&details, _("Membership status"), label ? label : status);
      /* The desk's own keys: what the window reads, whatever language the sync ran in. */
      details_add (&details, "_membership_status", status);
      details_add (&details, "_expires", expiry);
      details_add (&details, "_amount_outstanding", amount_text);
      details_add (&details, _("Membership number"), number);
      details_add (&details, _("Membership type"), type_name);
      details_add (&details, _("Expires"), expiry);
      details_add (&details, _("Joined"), joined);
      details_add (&details, _("Chapter"), chapter);
      details_add (&details, _("Amount outstanding"), amount_text);
      if (expired != NULL && JSON_NODE_HOLDS_VALUE (expired) &&
          json_node_get_value_type (expired) == G_TYPE_BOOLEAN && json_node_get_boolean (expired))
        {
          details_add (&details, _("Membership expired"), _("Yes"));
          details_add (&details, "_membership_expired", "true");
        }
      add_addons (&details, membership);
      if (type != NULL)
        add_extras (&details, type);
      add_extras (&details, membership);
    }

  invoice = member_text (object, "InvoiceURL");
  payment = member_text (object, "PaymentURL");
  details_add (&details, _("Invoice URL"), invoice);
  details_add (&details, _("Payment URL"), payment);
  details_add (&details, "_invoice_url", invoice);
  details_add (&details, "_payment_url", payment);
  add_extras (&details, object);

  text = details_finish (&details);
  box_attendee_set_details (attendee, text);

  if (organisation != NULL)
    *organisation = member_text (object, "Organisation");
  return attendee;
}

/* ---- Errors ------------------------------------------------------------------------------ */

/**
 * box_currinda_read_error:
 *
 * Gives the server's own words: OAuth's "error_description" or "error", or "message";
 * or the first line of a body that is not JSON (not of an HTML page).
 */
void
box_currinda_read_error (guint    status,
                         GBytes  *body,
                         char   **message,
                         int     *retry_after)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *data;
  gsize len = 0;
  JsonNode *root;

  *message = NULL;
  *retry_after = -1;
  if (body == NULL)
    return;

  data = g_bytes_get_data (body, &len);
  if (data == NULL || len == 0 || len > 64 * 1024 || box_json_too_deep (data, len))
    return;

  if (json_parser_load_from_data (parser, data, len, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      char *text = member_text (object, "error_description");

      if (text == NULL)
        text = member_text (object, "error");
      if (text == NULL)
        text = member_text (object, "message");
      if (text != NULL && g_utf8_strlen (text, -1) > MAX_TEXT)
        *g_utf8_offset_to_pointer (text, MAX_TEXT) = '\0';
      *message = text;
      return;
    }

  /* A proxy's page: its first line, if it is text. */
  if (g_utf8_validate (data, MIN (len, 200), NULL))
    {
      g_autofree char *start = g_strndup (data, MIN (len, 200));
      char *newline = strchr (start, '\n');

      if (newline != NULL)
        *newline = '\0';
      g_strdelimit (start, "\r\t", ' ');
      g_strstrip (start);
      if (*start != '\0' && *start != '<' && g_utf8_validate (start, -1, NULL))
        *message = g_steal_pointer (&start);
    }
}
