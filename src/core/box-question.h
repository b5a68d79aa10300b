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

G_END_DECLS
