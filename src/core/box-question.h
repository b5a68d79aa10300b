/* box-question.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-types.h"

G_BEGIN_DECLS

#define BOX_TYPE_QUESTION (box_question_get_type ())
G_DECLARE_FINAL_TYPE (BoxQuestion, box_question, BOX, QUESTION, GObject)


BoxQuestion  *box_question_new             (const char   *id,
                                            const char   *type,
                                            const char   *question,
                                            gboolean      required);
const char   *box_question_get_id          (BoxQuestion  *self);
/* The provider's type letter or word (pretix: N S T B C M F D H W). */
const char   *box_question_get_question_type (BoxQuestion *self);
const char   *box_question_get_question    (BoxQuestion  *self);
gboolean      box_question_get_required    (BoxQuestion  *self);
void          box_question_add_option      (BoxQuestion  *self,
                                            const char   *id,
                                            const char   *answer);
guint         box_question_get_n_options   (BoxQuestion  *self);
const char   *box_question_get_option_id   (BoxQuestion  *self,
                                            guint         index);
const char   *box_question_get_option_answer (BoxQuestion *self,
                                            guint         index);
/* The provider's ids of the items (products) the question is asked for; NULL when the
 * provider does not say, which means every ticket. */
void          box_question_set_items       (BoxQuestion  *self,
                                            const char * const *items);
const char * const *box_question_get_items (BoxQuestion  *self);
/* TRUE when the question is asked for tickets of @item_id (always when no items are
 * known, and for a NULL @item_id). */
gboolean      box_question_applies_to_item (BoxQuestion  *self,
                                            const char   *item_id);

G_END_DECLS
