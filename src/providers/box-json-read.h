/* box-json-read.h: reading providers' JSON liberally (numbers as strings and strings as
 * numbers, members missing or null), shared by the parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean    box_json_too_deep      (const char *data,
                                    gsize       len);
JsonNode   *box_json_parse_root    (const char *label,
                                    const char *data,
                                    gssize      len,
                                    GError    **error);
char       *box_json_node_text     (JsonNode   *node);
char       *box_json_member_text   (JsonObject *object,
                                    const char *name);
gboolean    box_json_member_int    (JsonObject *object,
                                    const char *name,
                                    gint64     *value);
JsonObject *box_json_member_object (JsonObject *object,
                                    const char *name);
JsonArray  *box_json_member_array  (JsonObject *object,
                                    const char *name);
char       *box_json_strings_object (const char *first_name,
                                     ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
