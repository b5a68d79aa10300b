/* box-label-size.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Label and badge stock: the page a name tag is printed on. */
typedef struct
{
  const char *id;          /* "4x3in", "a6", "a7", "cr80", "89x36mm", "62x100mm", "54x90mm" */
  const char *label;       /* for people, translatable: "4 × 3 in (badge)" */
  double      width_mm;    /* portrait: width <= height is not required; as sold */
  double      height_mm;
} BoxLabelSize;

const BoxLabelSize *box_label_sizes      (guint       *n_sizes);
const BoxLabelSize *box_label_size_find  (const char  *id);
/* An id of the table, or "WxHmm" / "WxHin" (e.g. "100x70mm", "4x3in"). */
gboolean            box_label_size_parse (const char  *text,
                                          double      *width_mm,
                                          double      *height_mm,
                                          GError     **error);

G_END_DECLS
