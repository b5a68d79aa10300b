/* box-label-size.c: the label and badge stock a name tag is printed on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "box-error.h"
#include "box-label-size.h"

#define MM_PER_INCH 25.4
#define MIN_MM 10.0
#define MAX_MM 500.0

static const BoxLabelSize label_sizes[] = {
  { "4x3in", N_("4 × 3 in (badge)"), 101.6, 76.2 },
  { "a6", N_("A6 (105 × 148 mm)"), 105.0, 148.0 },
  { "a7", N_("A7 (74 × 105 mm)"), 74.0, 105.0 },
  { "cr80", N_("CR80 card (85.6 × 54 mm)"), 85.6, 53.98 },
  { "89x36mm", N_("Address label (89 × 36 mm)"), 89.0, 36.0 },
  { "62x100mm", N_("62 mm roll (62 × 100 mm)"), 62.0, 100.0 },
  { "54x90mm", N_("Name badge label (54 × 90 mm)"), 54.0, 90.0 },
};

/* The table with its labels translated, built once: callers show ->label as is. */
const BoxLabelSize *
box_label_sizes (guint *n_sizes)
{
  static BoxLabelSize *translated = NULL;

  if (g_once_init_enter (&translated))
    {
      BoxLabelSize *table = g_new (BoxLabelSize, G_N_ELEMENTS (label_sizes));

      for (guint i = 0; i < G_N_ELEMENTS (label_sizes); i++)
        {
          table[i] = label_sizes[i];
          table[i].label = _(label_sizes[i].label);
        }
      g_once_init_leave (&translated, table);
    }

  if (n_sizes != NULL)
    *n_sizes = G_N_ELEMENTS (label_sizes);
  return translated;
}

const BoxLabelSize *
box_label_size_find (const char *id)
{
  const BoxLabelSize *sizes;
  guint n;

  if (id == NULL)
    return NULL;

  sizes = box_label_sizes (&n);
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (sizes[i].id, id) == 0)
      return &sizes[i];
  return NULL;
}

/* A positive decimal number with '.' as the separator, whatever the locale. */
static gboolean
parse_number (const char  *start,
              const char  *end,
              double      *value)
{
  g_autofree char *text = g_strndup (start, end - start);
  char *stop = NULL;

  if (*text == '\0' || !(g_ascii_isdigit (*text) || *text == '.'))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.')
      return FALSE;

  *value = g_ascii_strtod (text, &stop);
  return stop != NULL && *stop == '\0';
}

gboolean
box_label_size_parse (const char  *text,
                      double      *width_mm,
                      double      *height_mm,
                      GError     **error)
{
  const BoxLabelSize *size;
  g_autofree char *clean = NULL;
  const char *x;
  const char *unit;
  double factor;
  double w, h;
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || *g_strstrip (clean = g_strdup (text)) == '\0')
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("No label size given: use a size such as “a6” or “100x70mm”"));
      return FALSE;
    }

  size = box_label_size_find (clean);
  if (size != NULL)
    {
      if (width_mm != NULL)
        *width_mm = size->width_mm;
      if (height_mm != NULL)
        *height_mm = size->height_mm;
      return TRUE;
    }

  /* "WxHmm" or "WxHin"; "×" and spaces around the numbers are accepted. */
  for (char *p = clean; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);
  {
    g_autofree char *no_spaces = g_strdup (clean);
    char *o = no_spaces;

    for (const char *p = clean; *p != '\0'; p++)
      if (*p != ' ')
        *o++ = *p;
    *o = '\0';
    g_free (clean);
    clean = g_steal_pointer (&no_spaces);
  }
  {
    /* U+00D7 MULTIPLICATION SIGN -> 'x' */
    char *times;

    while ((times = strstr (clean, "\xc3\x97")) != NULL)
      {
        *times = 'x';
        memmove (times + 1, times + 2, strlen (times + 2) + 1);
      }
  }

  len = strlen (clean);
  if (len > 2 && g_str_has_suffix (clean, "mm"))
    factor = 1.0;
  else if (len > 2 && g_str_has_suffix (clean, "in"))
    factor = MM_PER_INCH;
  else
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("Unknown label size “%s”: use one of the listed sizes, or a width and "
                     "height such as “100x70mm” or “4x3in”"), text);
      return FALSE;
    }
  unit = clean + len - 2;

  x = strchr (clean, 'x');
  if (x == NULL || x >= unit || !parse_number (clean, x, &w) || !parse_number (x + 1, unit, &h))
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("Cannot read the label size “%s”: write the width and height, such as "
                     "“100x70mm” or “4x3in”"), text);
      return FALSE;
    }

  w *= factor;
  h *= factor;
  if (!(w >= MIN_MM && w <= MAX_MM && h >= MIN_MM && h <= MAX_MM))
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("The label size “%s” is out of range: each side must be between %g and %g mm"),
                   text, MIN_MM, MAX_MM);
      return FALSE;
    }

  if (width_mm != NULL)
    *width_mm = w;
  if (height_mm != NULL)
    *height_mm = h;
  return TRUE;
}
