/* box-questions-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BOX_TYPE_QUESTIONS_DIALOG (box_questions_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BoxQuestionsDialog, box_questions_dialog, BOX, QUESTIONS_DIALOG, AdwWindow)

/* Emits ::answered (GHashTable *answers: question id -> answer as typed) when the person
 * at the desk checks in with the answers, or ::skip when they continue without a file
 * the desk cannot upload; either closes the dialog. */
BoxQuestionsDialog *box_questions_dialog_new            (GtkWindow          *parent,
                                                         const char         *name,
                                                         GPtrArray          *questions);
gboolean            box_questions_dialog_get_can_answer (BoxQuestionsDialog *self);

G_END_DECLS
