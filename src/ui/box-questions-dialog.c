/* box-questions-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-questions-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "box-question.h"
#include "box-questions-dialog.h"

/* The questions the organiser asks at check-in, one row each by type, answered by the
 * person at the desk. Answers are handed on as typed (the provider formats them);
 * this dialog only checks what can be checked here, so that a mistake shows beside the
 * field and not as a refusal from the server. Check In waits until every required
 * question has an answer and no answer is malformed. */

typedef struct
{
  BoxQuestionsDialog *dialog;      /* unowned: the dialog owns the field */
  BoxQuestion        *question;
  char                type;
  GtkWidget          *row;
  GtkWidget          *input;       /* the widget the question's label and state go on */
  GtkWidget          *entry;       /* N, D, H, W (date), S (the entry row) */
  GtkWidget          *time_entry;  /* W */
  GtkWidget          *text_view;   /* T */
  GtkWidget          *yes;         /* B */
  GtkWidget          *no;
  GPtrArray          *checks;      /* M: a GtkCheckButton per option */
  GtkWidget          *calendar;    /* D, W */
  GtkWidget          *subtitle;    /* T, M: their own subtitle label */
  GtkWidget          *skip_button; /* F */
  char               *hint;        /* the subtitle while the answer is fine */
} Field;

struct _BoxQuestionsDialog
{
  AdwWindow            parent_instance;

  GPtrArray           *fields;
  gboolean             done;

  AdwWindowTitle      *window_title;
  GtkWidget           *check_in_button;
  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (BoxQuestionsDialog, box_questions_dialog, ADW_TYPE_WINDOW)

enum {
  ANSWERED,
  SKIP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_free (Field *f)
{
  g_clear_object (&f->question);
  g_clear_pointer (&f->checks, g_ptr_array_unref);
  g_free (f->hint);
  g_free (f);
}

/* Reading answers ---------------------------------------------------------------------- */

static char *
dup_stripped_text (GtkWidget *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

/* "12", "-3", "2.5" or "2,5" (as a number is written in many places): with a dot. */
static char *
parse_number (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;
  gboolean point = FALSE;
  char *normal;

  if (*p == '-' || *p == '+')
    p++;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if ((*p == '.' || *p == ',') && !point)
        point = TRUE;
      else
        return NULL;
    }
  if (!digits)
    return NULL;

  normal = g_strdup (text);
  g_strdelimit (normal, ",", '.');
  return normal;
}

/* "2025-03-14" (or "2025-3-14"), a real day: as YYYY-MM-DD. */
static char *
parse_date (const char *text)
{
  int year, month, day, end = -1;

  if (sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &end) != 3 || text[end] != '\0' ||
      !g_ascii_isdigit (text[0]) || year < 1 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* "9:05" or "09:05": as HH:MM. */
static char *
parse_time (const char *text)
{
  int hour, minute, end = -1;

  if (sscanf (text, "%2d:%2d%n", &hour, &minute, &end) != 2 || text[end] != '\0' ||
      !g_ascii_isdigit (text[0]) || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return NULL;
  return g_strdup_printf ("%02d:%02d", hour, minute);
}

/* The answer as it goes to the provider, or %NULL when there is none; @problem says
 * what is wrong with a malformed one. */
static char *
field_read (Field       *f,
            const char **problem)
{
  *problem = NULL;

  switch (f->type)
    {
    case 'N':
      {
        g_autofree char *text = dup_stripped_text (f->entry);
        char *number;

        if (*text == '\0')
          return NULL;
        if ((number = parse_number (text)) == NULL)
          *problem = _("Not a number: use digits only, such as 12 or 2.5");
        return number;
      }

    case 'S':
      {
        char *text = dup_stripped_text (f->entry);

        if (*text == '\0')
          g_clear_pointer (&text, g_free);
        return text;
      }

    case 'T':
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->text_view));
        GtkTextIter start, end;
        char *text;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
        if (*text == '\0')
          g_clear_pointer (&text, g_free);
        return text;
      }

    case 'B':
      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (f->yes)))
        return g_strdup ("yes");
      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (f->no)))
        return g_strdup ("no");
      return NULL;

    case 'C':
      {
        /* The first choice is the placeholder. */
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (f->row));

        if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
          return NULL;
        return g_strdup (box_question_get_option_id (f->question, selected - 1));
      }

    case 'M':
      {
        g_autoptr(GString) ids = g_string_new (NULL);

        for (guint i = 0; i < f->checks->len; i++)
          {
            if (!gtk_check_button_get_active (g_ptr_array_index (f->checks, i)))
              continue;
            if (ids->len > 0)
              g_string_append_c (ids, ',');
            g_string_append (ids, box_question_get_option_id (f->question, i));
          }
        return ids->len > 0 ? g_string_free (g_steal_pointer (&ids), FALSE) : NULL;
      }

    case 'D':
      {
        g_autofree char *text = dup_stripped_text (f->entry);
        char *date;

        if (*text == '\0')
          return NULL;
        if ((date = parse_date (text)) == NULL)
          *problem = _("Not a date: write it as year-month-day, such as 2025-03-14");
        return date;
      }

    case 'H':
      {
        g_autofree char *text = dup_stripped_text (f->entry);
        char *time;

        if (*text == '\0')
          return NULL;
        if ((time = parse_time (text)) == NULL)
          *problem = _("Not a time: write it as hours:minutes, such as 09:30");
        return time;
      }

    case 'W':
      {
        g_autofree char *date_text = dup_stripped_text (f->entry);
        g_autofree char *time_text = dup_stripped_text (f->time_entry);
        g_autofree char *date = NULL;
        g_autofree char *time = NULL;

        if (*date_text == '\0' && *time_text == '\0')
          return NULL;
        if (*date_text == '\0' || *time_text == '\0')
          {
            *problem = _("Give both the date and the time");
            return NULL;
          }
        if ((date = parse_date (date_text)) == NULL)
          {
            *problem = _("Not a date: write it as year-month-day, such as 2025-03-14");
            return NULL;
          }
        if ((time = parse_time (time_text)) == NULL)
          {
            *problem = _("Not a time: write it as hours:minutes, such as 09:30");
            return NULL;
          }
        return g_strdup_printf ("%sT%s", date, time);
      }

    case 'F':
    default:
      return NULL;
    }
}

/* The state of the dialog ------------------------------------------------------------- */

static gboolean
field_is_file (Field *f)
{
  return f->type == 'F';
}

/* TRUE when every question but the files has a fine answer, or none when optional. */
static gboolean
answers_are_complete (BoxQuestionsDialog *self,
                      gboolean            files_too)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      g_autofree char *value = NULL;
      const char *problem = NULL;

      if (field_is_file (f))
        {
          if (files_too && box_question_get_required (f->question))
            return FALSE;
          continue;
        }
      value = field_read (f, &problem);
      if (problem != NULL || (value == NULL && box_question_get_required (f->question)))
        return FALSE;
    }
  return TRUE;
}

static void
update_buttons (BoxQuestionsDialog *self)
{
  gboolean others_fine = answers_are_complete (self, FALSE);

  gtk_widget_set_sensitive (self->check_in_button, answers_are_complete (self, TRUE));

  /* Continuing without a file still needs the answers the desk can give. */
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);

      if (f->skip_button != NULL)
        gtk_widget_set_sensitive (f->skip_button, others_fine);
    }
}

static void
set_subtitle (Field      *f,
              const char *text)
{
  if (f->subtitle != NULL)
    {
      gtk_label_set_text (GTK_LABEL (f->subtitle), text ? text : "");
      gtk_widget_set_visible (f->subtitle, text != NULL && *text != '\0');
    }
  else if (ADW_IS_ACTION_ROW (f->row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (f->row), text ? text : "");
}

/* Shows why the answer is malformed, beside it, in words and not only in red. */
static void
field_update (Field *f)
{
  g_autofree char *value = NULL;
  const char *problem = NULL;
  GtkWidget *marked[] = { f->entry, f->time_entry };
  gboolean bad[] = { FALSE, FALSE };

  value = field_read (f, &problem);
  bad[0] = bad[1] = problem != NULL;

  /* Of a date and a time, only the one missing or malformed is marked. */
  if (problem != NULL && f->type == 'W')
    {
      g_autofree char *date_text = dup_stripped_text (f->entry);
      g_autofree char *time_text = dup_stripped_text (f->time_entry);
      g_autofree char *date = parse_date (date_text);
      g_autofree char *time = parse_time (time_text);

      bad[0] = date == NULL;
      bad[1] = time == NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (marked); i++)
    {
      if (marked[i] == NULL)
        continue;
      if (bad[i])
        gtk_widget_add_css_class (marked[i], "error");
      else
        gtk_widget_remove_css_class (marked[i], "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (marked[i]), GTK_ACCESSIBLE_STATE_INVALID,
                                   bad[i] ? GTK_ACCESSIBLE_INVALID_TRUE
                                                   : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }

  if (problem != NULL)
    {
      set_subtitle (f, problem);
      gtk_accessible_update_property (GTK_ACCESSIBLE (f->input), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      problem, -1);
    }
  else
    {
      set_subtitle (f, f->hint);
      gtk_accessible_update_property (GTK_ACCESSIBLE (f->input), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      f->hint ? f->hint : "", -1);
    }

  update_buttons (f->dialog);
}

static GHashTable *
collect_answers (BoxQuestionsDialog *self)
{
  GHashTable *answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      const char *problem = NULL;
      char *value = field_read (f, &problem);

      /* An optional question left empty is answered "" (no answer): the server asks
       * again about any question without one, required or not. */
      if (value != NULL && problem == NULL)
        g_hash_table_insert (answers, g_strdup (box_question_get_id (f->question)), value);
      else
        {
          g_free (value);
          if (problem == NULL && !box_question_get_required (f->question))
            g_hash_table_insert (answers, g_strdup (box_question_get_id (f->question)), g_strdup (""));
        }
    }
  return answers;
}

static void
finish (BoxQuestionsDialog *self,
        guint               signal_id)
{
  g_autoptr(GHashTable) answers = NULL;

  if (self->done)
    return;
  self->done = TRUE;

  answers = collect_answers (self);
  g_signal_emit (self, signals[signal_id], 0, answers);

  /* Unfocus first: GTK 4.8 warns when a focused text field's window goes away. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static void
check_in_clicked_cb (BoxQuestionsDialog *self)
{
  if (answers_are_complete (self, TRUE))
    finish (self, ANSWERED);
}

static void
skip_clicked_cb (BoxQuestionsDialog *self)
{
  if (answers_are_complete (self, FALSE))
    finish (self, SKIP);
}

/* Building the rows -------------------------------------------------------------------- */

static void
label_input (Field     *f,
             GtkWidget *widget)
{
  const char *question = box_question_get_question (f->question);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, question,
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, box_question_get_required (f->question),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, f->hint ? f->hint : "",
                                  -1);
}

static GtkWidget *
new_action_row (Field *f)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), box_question_get_question (f->question));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), f->hint ? f->hint : "");
  return row;
}

/* A row with the question above its input, for inputs too big to sit beside it. */
static GtkWidget *
new_stacked_row (Field     *f,
                 GtkWidget *content)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (box_question_get_question (f->question));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), box_question_get_question (f->question));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "title");
  gtk_box_append (GTK_BOX (box), title);

  f->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (f->subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (f->subtitle), TRUE);
  gtk_widget_add_css_class (f->subtitle, "subtitle");
  gtk_widget_add_css_class (f->subtitle, "dim-label");
  gtk_widget_add_css_class (f->subtitle, "caption");
  gtk_box_append (GTK_BOX (box), f->subtitle);

  gtk_widget_set_margin_top (content, 6);
  gtk_box_append (GTK_BOX (box), content);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
new_suffix_entry (Field      *f,
                  const char *placeholder,
                  int         width_chars)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), width_chars);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (field_update), f);
  return entry;
}

static void
day_selected_cb (Field       *f,
                 GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (f->entry), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* The calendar opens on the date typed, if any. */
static void
calendar_shown_cb (Field *f)
{
  g_autofree char *text = dup_stripped_text (f->entry);
  g_autofree char *date = parse_date (text);
  g_autoptr(GDateTime) day = NULL;
  int year, month, mday;

  if (date == NULL || sscanf (date, "%d-%d-%d", &year, &month, &mday) != 3)
    return;
  day = g_date_time_new_local (year, month, mday, 0, 0, 0);
  g_signal_handlers_block_by_func (f->calendar, day_selected_cb, f);
  gtk_calendar_select_day (GTK_CALENDAR (f->calendar), day);
  g_signal_handlers_unblock_by_func (f->calendar, day_selected_cb, f);
}

static GtkWidget *
new_calendar_button (Field *f)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  g_autofree char *label = g_strdup_printf (_("Pick a date: %s"), box_question_get_question (f->question));

  f->calendar = gtk_calendar_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), f->calendar);
  g_signal_connect_swapped (f->calendar, "day-selected", G_CALLBACK (day_selected_cb), f);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (calendar_shown_cb), f);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Pick a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static char *
make_hint (gboolean    required,
           const char *hint)
{
  if (required && hint != NULL)
    /* TRANSLATORS: "Required · year-month-day" under a question */
    return g_strdup_printf (_("Required · %s"), hint);
  if (required)
    return g_strdup (_("Required"));
  return g_strdup (hint);
}

static void
entry_row_activated_cb (BoxQuestionsDialog *self)
{
  gtk_widget_activate_default (GTK_WIDGET (self));
}

static void
add_question (BoxQuestionsDialog *self,
              BoxQuestion        *question)
{
  Field *f = g_new0 (Field, 1);
  const char *type = box_question_get_question_type (question);
  gboolean required = box_question_get_required (question);

  f->dialog = self;
  f->question = g_object_ref (question);
  /* A type the desk does not know is asked as text. */
  f->type = type && type[0] && !type[1] && strchr ("NSTBCMFDHW", type[0]) ? type[0] : 'S';

  switch (f->type)
    {
    case 'N':
      f->hint = make_hint (required, _("A number"));
      f->row = new_action_row (f);
      f->entry = f->input = new_suffix_entry (f, NULL, 8);
      gtk_entry_set_input_purpose (GTK_ENTRY (f->entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_editable_set_alignment (GTK_EDITABLE (f->entry), 1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), f->entry);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (f->row), f->entry);
      break;

    case 'S':
      f->hint = make_hint (required, NULL);
      f->row = f->entry = f->input = adw_entry_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (f->row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->row), box_question_get_question (question));
      if (required)
        {
          GtkWidget *mark = gtk_label_new (_("Required"));

          gtk_widget_add_css_class (mark, "dim-label");
          gtk_widget_add_css_class (mark, "caption");
          gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Required"), -1);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (f->row), mark);
        }
      g_signal_connect_swapped (f->row, "changed", G_CALLBACK (field_update), f);
      g_signal_connect_swapped (f->row, "entry-activated", G_CALLBACK (entry_row_activated_cb), self);
      {
        /* Screen readers name the entry row's text field after the row. */
        GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (f->row));

        if (delegate != NULL)
          label_input (f, GTK_WIDGET (delegate));
      }
      break;

    case 'T':
      {
        GtkWidget *frame = gtk_frame_new (NULL);

        f->hint = make_hint (required, NULL);
        f->text_view = f->input = gtk_text_view_new ();
        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (f->text_view), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (f->text_view), FALSE);
        gtk_text_view_set_top_margin (GTK_TEXT_VIEW (f->text_view), 8);
        gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (f->text_view), 8);
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (f->text_view), 8);
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (f->text_view), 8);
        gtk_widget_set_size_request (f->text_view, -1, 72);
        gtk_frame_set_child (GTK_FRAME (frame), f->text_view);
        g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->text_view)), "changed",
                                  G_CALLBACK (field_update), f);
        f->row = new_stacked_row (f, frame);
      }
      break;

    case 'B':
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
        g_autofree char *yes_label = g_strdup_printf (_("%s: Yes"), box_question_get_question (question));
        g_autofree char *no_label = g_strdup_printf (_("%s: No"), box_question_get_question (question));

        /* Nothing chosen at first: a required yes-or-no needs a choice made. */
        f->hint = make_hint (required, NULL);
        f->row = new_action_row (f);
        f->yes = f->input = gtk_toggle_button_new_with_mnemonic (_("_Yes"));
        f->no = gtk_toggle_button_new_with_mnemonic (_("_No"));
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (f->no), GTK_TOGGLE_BUTTON (f->yes));
        gtk_widget_add_css_class (box, "linked");
        gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
        gtk_box_append (GTK_BOX (box), f->yes);
        gtk_box_append (GTK_BOX (box), f->no);
        g_signal_connect_swapped (f->yes, "toggled", G_CALLBACK (field_update), f);
        g_signal_connect_swapped (f->no, "toggled", G_CALLBACK (field_update), f);
        adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), box);
        label_input (f, f->no);
        gtk_accessible_update_property (GTK_ACCESSIBLE (f->no), GTK_ACCESSIBLE_PROPERTY_LABEL, no_label, -1);
        label_input (f, f->yes);
        gtk_accessible_update_property (GTK_ACCESSIBLE (f->yes), GTK_ACCESSIBLE_PROPERTY_LABEL, yes_label, -1);
      }
      break;

    case 'C':
      {
        GtkStringList *choices = gtk_string_list_new (NULL);

        f->hint = make_hint (required, NULL);
        gtk_string_list_append (choices, required ? _("Choose…") : _("No answer"));
        for (guint i = 0; i < box_question_get_n_options (question); i++)
          gtk_string_list_append (choices, box_question_get_option_answer (question, i));

        f->row = f->input = adw_combo_row_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (f->row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->row), box_question_get_question (question));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (f->row), f->hint ? f->hint : "");
        adw_combo_row_set_model (ADW_COMBO_ROW (f->row), G_LIST_MODEL (choices));
        g_object_unref (choices);
        g_signal_connect_swapped (f->row, "notify::selected", G_CALLBACK (field_update), f);
      }
      break;

    case 'M':
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

        f->hint = make_hint (required, required ? _("Tick at least one") : _("Tick any that apply"));
        f->checks = g_ptr_array_new ();
        for (guint i = 0; i < box_question_get_n_options (question); i++)
          {
            GtkWidget *check = gtk_check_button_new_with_label (box_question_get_option_answer (question, i));

            gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                            box_question_get_question (question), -1);
            g_signal_connect_swapped (check, "toggled", G_CALLBACK (field_update), f);
            gtk_box_append (GTK_BOX (box), check);
            g_ptr_array_add (f->checks, check);
          }
        f->input = box;
        gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        box_question_get_question (question), -1);
        f->row = new_stacked_row (f, box);
      }
      break;

    case 'D':
      f->hint = make_hint (required, _("Year-month-day"));
      f->row = new_action_row (f);
      f->entry = f->input = new_suffix_entry (f, _("YYYY-MM-DD"), 11);
      adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), f->entry);
      adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), new_calendar_button (f));
      break;

    case 'H':
      f->hint = make_hint (required, _("Hours:minutes"));
      f->row = new_action_row (f);
      f->entry = f->input = new_suffix_entry (f, _("HH:MM"), 6);
      adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), f->entry);
      break;

    case 'W':
      {
        g_autofree char *time_label = g_strdup_printf (_("%s: time"), box_question_get_question (question));

        f->hint = make_hint (required, _("Date and time"));
        f->row = new_action_row (f);
        f->entry = f->input = new_suffix_entry (f, _("YYYY-MM-DD"), 11);
        f->time_entry = new_suffix_entry (f, _("HH:MM"), 6);
        adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), f->entry);
        adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), new_calendar_button (f));
        adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), f->time_entry);
        label_input (f, f->time_entry);
        gtk_accessible_update_property (GTK_ACCESSIBLE (f->time_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        time_label, -1);
      }
      break;

    case 'F':
    default:
      f->hint = g_strdup (required
                          ? _("A file cannot be uploaded at the desk. Continue without it, or cancel.")
                          : _("A file cannot be uploaded at the desk; this one can be left out."));
      f->row = f->input = new_action_row (f);
      if (required)
        {
          f->skip_button = gtk_button_new_with_mnemonic (_("C_ontinue Without It"));
          gtk_widget_set_valign (f->skip_button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (f->skip_button,
                                       _("Check in with the other answers; the file is not asked for"));
          g_signal_connect_swapped (f->skip_button, "clicked", G_CALLBACK (skip_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), f->skip_button);
        }
      break;
    }

  if (f->type != 'S' && f->type != 'B')
    label_input (f, f->input);

  adw_preferences_group_add (self->group, f->row);
  g_ptr_array_add (self->fields, f);
}

/* GObject ------------------------------------------------------------------------------- */

static void
box_questions_dialog_dispose (GObject *object)
{
  BoxQuestionsDialog *self = BOX_QUESTIONS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOX_TYPE_QUESTIONS_DIALOG);

  G_OBJECT_CLASS (box_questions_dialog_parent_class)->dispose (object);
}

static void
box_questions_dialog_finalize (GObject *object)
{
  BoxQuestionsDialog *self = BOX_QUESTIONS_DIALOG (object);

  g_ptr_array_unref (self->fields);

  G_OBJECT_CLASS (box_questions_dialog_parent_class)->finalize (object);
}

static void
box_questions_dialog_class_init (BoxQuestionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = box_questions_dialog_dispose;
  object_class->finalize = box_questions_dialog_finalize;

  /**
   * BoxQuestionsDialog::answered:
   * @answers: (element-type utf8 utf8): question id -> answer as typed; optional
   *   questions left empty are not in it
   */
  signals[ANSWERED] =
    g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_HASH_TABLE);

  /**
   * BoxQuestionsDialog::skip:
   * @answers: (element-type utf8 utf8): the answers the desk could give
   *
   * Check in without the answers that cannot be given here (files): with
   * %BOX_CHECKIN_FLAGS_FORCE, so the provider lets the missing ones go.
   */
  signals[SKIP] =
    g_signal_new ("skip", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_HASH_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/boxoffice/BoxOffice/box-questions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BoxQuestionsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BoxQuestionsDialog, check_in_button);
  gtk_widget_class_bind_template_child (widget_class, BoxQuestionsDialog, group);
  gtk_widget_class_bind_template_callback (widget_class, check_in_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
box_questions_dialog_init (BoxQuestionsDialog *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify)field_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->check_in_button);
}

/**
 * box_questions_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @name: the attendee's name (or the ticket code)
 * @questions: (element-type BoxQuestion): what to ask
 *
 * Returns: (transfer none): a modal window, owned by GTK's list of toplevels; present it
 */
BoxQuestionsDialog *
box_questions_dialog_new (GtkWindow  *parent,
                          const char *name,
                          GPtrArray  *questions)
{
  BoxQuestionsDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (questions != NULL, NULL);

  self = g_object_new (BOX_TYPE_QUESTIONS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);

  title = g_strdup_printf (_("Questions for %s"), name ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, _("Check-In Questions"));
  adw_window_title_set_subtitle (self->window_title, name ? name : "");

  for (guint i = 0; i < questions->len; i++)
    add_question (self, g_ptr_array_index (questions, i));

  for (guint i = 0; i < self->fields->len; i++)
    field_update (g_ptr_array_index (self->fields, i));
  update_buttons (self);

  /* Typing starts in the first question. */
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      GtkWidget *first = f->entry ? f->entry : f->text_view ? f->text_view : f->yes;

      if (first != NULL)
        {
          gtk_widget_grab_focus (first);
          break;
        }
    }

  return self;
}

/* TRUE when Check In can be pressed: every required question answered, none malformed. */
gboolean
box_questions_dialog_get_can_answer (BoxQuestionsDialog *self)
{
  g_return_val_if_fail (BOX_IS_QUESTIONS_DIALOG (self), FALSE);
  return answers_are_complete (self, TRUE);
}
