/* box-tag-renderer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "box-attendee.h"

G_BEGIN_DECLS

/* Name tags as HTML documents, ready for WebKit to print: the provider's nametag_html
 * as given, or the template filled with HTML-escaped values; always with a
 * Content-Security-Policy that allows no network load, and sized to the label.
 * No GTK: tests and fuzzers call it directly. */

typedef enum
{
  BOX_TAG_LAYOUT_ONE_PER_PAGE = 0,  /* a page per tag, the page is the label */
  BOX_TAG_LAYOUT_A4_SHEET,          /* as many tags as fit on A4 (4 x A6, 8 x A7), cut marks */
} BoxTagLayout;

typedef enum
{
  BOX_TAG_SOURCE_AUTO = 0,          /* nametag_html when the attendee has it, else the template */
  BOX_TAG_SOURCE_TEMPLATE,          /* always the template */
} BoxTagSource;

#define BOX_TYPE_TAG_RENDERER (box_tag_renderer_get_type ())
G_DECLARE_FINAL_TYPE (BoxTagRenderer, box_tag_renderer, BOX, TAG_RENDERER, GObject)

BoxTagRenderer *box_tag_renderer_new                  (void);
const char     *box_tag_renderer_get_default_template (void);
/* @html: (nullable): the organiser's template; NULL for the default. Placeholders:
 * {{first_name}} {{last_name}} {{name}} {{company}} {{ticket_type}} {{order}} {{code}}
 * {{event}} {{answer:KEY}} (any key of the attendee's details). Unknown ones: error. */
gboolean        box_tag_renderer_set_template         (BoxTagRenderer  *self,
                                                       const char      *html,
                                                       GError         **error);
void            box_tag_renderer_set_source           (BoxTagRenderer  *self,
                                                       BoxTagSource     source);
void            box_tag_renderer_set_event_name       (BoxTagRenderer  *self,
                                                       const char      *event_name);
/* The label, in millimetres, as it comes out of the printer. */
void            box_tag_renderer_set_label            (BoxTagRenderer  *self,
                                                       double           width_mm,
                                                       double           height_mm,
                                                       double           margin_mm);
void            box_tag_renderer_set_layout           (BoxTagRenderer  *self,
                                                       BoxTagLayout     layout);
/* The page WebKit must print on for the layout: the label, or A4. */
void            box_tag_renderer_get_page_size        (BoxTagRenderer  *self,
                                                       double          *width_mm,
                                                       double          *height_mm);
guint           box_tag_renderer_get_tags_per_page    (BoxTagRenderer  *self);
/* One document for @attendees (element-type BoxAttendee), one tag each. */
char           *box_tag_renderer_render               (BoxTagRenderer  *self,
                                                       GPtrArray       *attendees);

G_END_DECLS
