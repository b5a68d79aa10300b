/* box-attendee-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "box-attendee-details.h"
#include "box-attendee-status.h"

/* Everything the provider gives about one attendee, with the big check-in button. */

struct _BoxAttendeeDetails
{
  GtkWidget    parent_instance;

  BoxAttendee *attendee;
  gboolean     busy;
  gboolean     cannot_undo;

  GtkWidget   *stack;
  GtkWidget   *name_label;
  GtkWidget   *status_icon;
  GtkWidget   *status_label;
  GtkWidget   *attention_box;
  GtkWidget   *checkin_button;
  GtkWidget   *undo_button;
  GtkWidget   *print_button;
  GtkWidget   *print_label;
  GtkWidget   *fields;
  GtkWidget   *more_heading;
  GtkWidget   *more_fields;
};

G_DEFINE_FINAL_TYPE (BoxAttendeeDetails, box_attendee_details, GTK_TYPE_WIDGET)

enum {
  CHECK_IN,
  UNDO,
  PRINT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
box_attendee_details_dispose (GObject *object)
{
  BoxAttendeeDetails *self = (BoxAttendeeDetails *)object;

  g_clear_object (&self->attendee);
  gtk_widget_dispose_template (GTK_WIDGET (self), BOX_TYPE_ATTENDEE_DETAILS);

  G_OBJECT_CLASS (box_attendee_details_parent_class)->dispose (object);
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[CHECK_IN], 0);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[UNDO], 0);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[PRINT], 0);
}

static void
box_attendee_details_class_init (BoxAttendeeDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = box_attendee_details_dispose;

  signals[CHECK_IN] = g_signal_new ("check-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[UNDO] = g_signal_new ("undo", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PRINT] = g_signal_new ("print", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "details.check-in", NULL, check_in_action);
  gtk_widget_class_install_action (widget_class, "details.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "details.print", NULL, print_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/boxoffice/BoxOffice/box-attendee-details.ui");
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, name_label);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, status_icon);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, status_label);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, attention_box);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, checkin_button);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, undo_button);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, print_button);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, print_label);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, fields);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, more_heading);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, more_fields);
}

static void
box_attendee_details_init (BoxAttendeeDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
box_attendee_details_new (void)
{
  return g_object_new (BOX_TYPE_ATTENDEE_DETAILS, NULL);
}

BoxAttendee *
box_attendee_details_get_attendee (BoxAttendeeDetails *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE_DETAILS (self), NULL);
  return self->attendee;
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static void
add_field (GtkWidget  *list,
           const char *title,
           const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;

  /* Values are text as given ("Café <Noir> & Co"), never markup: say so first. */
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

/* The provider's own status of the ticket as of the last sync: the status line above
 * says it as of now. */
static gboolean
is_shown_above (const char *key)
{
  return g_str_equal (key, "fienta_status");
}

/* Keys starting with "_" are for the desk itself (Eventyay's item id), not for people. */
static gboolean
is_internal (const char *key)
{
  return key[0] == '_';
}

static void
update_actions (BoxAttendeeDetails *self)
{
  gboolean checked_in = self->attendee && box_attendee_get_checked_in (self->attendee);
  gboolean refused = self->attendee &&
                     (box_attendee_get_status (self->attendee) == BOX_ATTENDEE_STATUS_CANCELLED ||
                      !box_attendee_get_valid_here (self->attendee));

  gtk_widget_set_visible (self->checkin_button, !checked_in);
  gtk_widget_set_visible (self->undo_button, checked_in && !self->cannot_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.check-in",
                                 self->attendee != NULL && !self->busy && !checked_in && !refused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.undo",
                                 self->attendee != NULL && !self->busy && checked_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.print", self->attendee != NULL);
}

static void
update_status (BoxAttendeeDetails *self)
{
  g_auto(BoxAttendeeStatusText) status = { 0, };

  box_attendee_status_describe (self->attendee, FALSE, &status);
  gtk_widget_remove_css_class (self->status_label, "status-checked-in");
  gtk_widget_remove_css_class (self->status_label, "status-refused");
  gtk_widget_remove_css_class (self->status_icon, "status-checked-in");
  gtk_widget_remove_css_class (self->status_icon, "status-refused");

  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), status.icon_name);
  gtk_label_set_text (GTK_LABEL (self->status_label), status.text);
  if (status.css_class != NULL)
    {
      gtk_widget_add_css_class (self->status_label, status.css_class);
      gtk_widget_add_css_class (self->status_icon, status.css_class);
    }
}

static void
fill_more_fields (BoxAttendeeDetails *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *details = box_attendee_get_details (self->attendee);
  JsonObject *object;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  clear_list (self->more_fields);
  if (details == NULL || !json_parser_load_from_data (parser, details, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (is_shown_above (key) || is_internal (key))
        continue;
      if (JSON_NODE_HOLDS_VALUE (value))
        {
          g_autofree char *text = NULL;

          if (json_node_get_value_type (value) == G_TYPE_STRING)
            text = g_strdup (json_node_get_string (value));
          else
            text = json_to_string (value, FALSE);
          add_field (self->more_fields, key, text);
        }
      else if (!JSON_NODE_HOLDS_NULL (value))
        {
          g_autofree char *text = json_to_string (value, FALSE);
          add_field (self->more_fields, key, text);
        }
    }
}

/**
 * box_attendee_details_set_attendee:
 * @attendee: (nullable): whom to show
 */
void
box_attendee_details_set_attendee (BoxAttendeeDetails *self,
                                   BoxAttendee        *attendee)
{
  g_autofree char *quantity = NULL;
  gboolean has_more;

  g_return_if_fail (BOX_IS_ATTENDEE_DETAILS (self));

  g_set_object (&self->attendee, attendee);
  if (attendee == NULL || box_attendee_get_code (attendee) == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      update_actions (self);
      return;
    }

  gtk_label_set_text (GTK_LABEL (self->name_label),
                      box_attendee_get_name (attendee) && *box_attendee_get_name (attendee)
                        ? box_attendee_get_name (attendee) : _("No name given"));
  update_status (self);
  gtk_widget_set_visible (self->attention_box, box_attendee_get_attention (attendee));

  clear_list (self->fields);
  add_field (self->fields, _("E-mail"), box_attendee_get_email (attendee));
  add_field (self->fields, _("Company"), box_attendee_get_company (attendee));
  add_field (self->fields, _("Ticket type"), box_attendee_get_ticket_type (attendee));
  if (box_attendee_get_quantity (attendee) > 1)
    {
      quantity = g_strdup_printf ("%u", box_attendee_get_quantity (attendee));
      add_field (self->fields, _("Quantity"), quantity);
    }
  add_field (self->fields, _("Order"), box_attendee_get_order_code (attendee));
  add_field (self->fields, _("Ticket code"), box_attendee_get_code (attendee));

  fill_more_fields (self);
  has_more = gtk_widget_get_first_child (self->more_fields) != NULL;
  gtk_widget_set_visible (self->more_heading, has_more);
  gtk_widget_set_visible (self->more_fields, has_more);

  update_actions (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "attendee");
}

/**
 * box_attendee_details_set_last_print:
 * @text: (nullable): when the tag was printed, for people; %NULL: never
 */
void
box_attendee_details_set_last_print (BoxAttendeeDetails *self,
                                     const char         *text)
{
  g_return_if_fail (BOX_IS_ATTENDEE_DETAILS (self));
  gtk_label_set_text (GTK_LABEL (self->print_label), text ? text : "");
  gtk_widget_set_visible (self->print_label, text != NULL);
}

/* Whether the provider can take a check-in back (Eventyay's devices cannot). */
void
box_attendee_details_set_can_undo (BoxAttendeeDetails *self,
                                   gboolean            can_undo)
{
  g_return_if_fail (BOX_IS_ATTENDEE_DETAILS (self));
  self->cannot_undo = !can_undo;
  update_actions (self);
}

/* While a check-in of this attendee is under way, the buttons wait. */
void
box_attendee_details_set_busy (BoxAttendeeDetails *self,
                               gboolean            busy)
{
  g_return_if_fail (BOX_IS_ATTENDEE_DETAILS (self));
  self->busy = busy;
  update_actions (self);
}
