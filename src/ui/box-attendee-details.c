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
#include "box-membership.h"
#include "box-provider.h"

/* Everything the provider gives about one attendee, with the big check-in button. */

struct _BoxAttendeeDetails
{
  GtkWidget    parent_instance;

  BoxAttendee *attendee;
  gboolean     busy;
  gboolean     cannot_undo;
  char        *kind;             /* the account's provider */
  gboolean     local_checkins;   /* the provider has no check-in: the desk keeps them */
  gboolean     checked_in_here;  /* the check-in shown is one this desk made */

  GtkWidget   *stack;
  GtkWidget   *name_label;
  GtkWidget   *status_icon;
  GtkWidget   *status_label;
  GtkWidget   *local_label;
  GtkWidget   *attention_box;
  GtkWidget   *membership_box;
  GtkWidget   *membership_heading;
  GtkWidget   *membership_fields;
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
  g_clear_pointer (&self->kind, g_free);
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
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not open the link: %s", error->message);
}

/* A link row of the membership: its address opens in the browser. */
static void
membership_row_activated_cb (BoxAttendeeDetails *self,
                             GtkListBoxRow      *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (uri != NULL)
    gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME,
                       NULL, show_uri_cb, NULL);
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
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, local_label);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, attention_box);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, membership_box);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, membership_heading);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeDetails, membership_fields);
  gtk_widget_class_bind_template_callback (widget_class, membership_row_activated_cb);
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
 * says it as of now. Currinda's membership has a group of its own. */
static gboolean
is_shown_above (BoxAttendeeDetails *self,
                const char         *key)
{
  if (g_strcmp0 (self->kind, "currinda") == 0 && box_membership_is_key (key))
    return TRUE;
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

  /* A check-in the desk keeps itself, the provider having none, says where it is. */
  if (self->local_checkins && self->checked_in_here && box_attendee_get_checked_in (self->attendee) &&
      g_strcmp0 (status.css_class, "status-checked-in") == 0)
    {
      g_autofree char *time = box_format_clock_time (box_attendee_get_checked_in_at (self->attendee));

      g_free (status.text);
      if (time != NULL)
        /* TRANSLATORS: "Checked in at 11:29 on this computer" */
        status.text = g_strdup_printf (_("Checked in at %s on this computer"), time);
      else
        status.text = g_strdup (_("Checked in on this computer"));
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), status.icon_name);
  gtk_label_set_text (GTK_LABEL (self->status_label), status.text);
  if (status.css_class != NULL)
    {
      gtk_widget_add_css_class (self->status_label, status.css_class);
      gtk_widget_add_css_class (self->status_icon, status.css_class);
    }
}

/* The membership's status word, coloured by what it means for the person at the desk. */
static void
add_status_row (BoxAttendeeDetails *self,
                const char         *title,
                const char         *value,
                const char         *style_class)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "title-3");
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
  gtk_list_box_append (GTK_LIST_BOX (self->membership_fields), row);
}

/* A row that opens @uri in the browser; only web addresses are offered. */
static void
add_link_row (BoxAttendeeDetails *self,
              const char         *title,
              const char         *uri)
{
  GtkWidget *row;

  if (uri == NULL || (g_ascii_strncasecmp (uri, "https://", 8) != 0 &&
                      g_ascii_strncasecmp (uri, "http://", 7) != 0))
    {
      add_field (self->membership_fields, title, uri);
      return;
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), uri);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, uri);
  g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);
  gtk_list_box_append (GTK_LIST_BOX (self->membership_fields), row);
}

/* Currinda: the member's membership, or the delegate's registration, on top. */
static void
fill_membership (BoxAttendeeDetails *self)
{
  g_auto(BoxMembership) membership = { 0, };

  clear_list (self->membership_fields);
  gtk_widget_set_visible (self->membership_box, FALSE);
  if (g_strcmp0 (self->kind, "currinda") != 0)
    return;

  box_membership_read (self->attendee, &membership);
  switch (membership.kind)
    {
    case BOX_MEMBERSHIP_MEMBER:
      gtk_label_set_text (GTK_LABEL (self->membership_heading), _("Membership"));
      add_status_row (self, _("Status"), membership.status, membership.style_class);
      add_field (self->membership_fields, _("Expires"), membership.expires);
      add_field (self->membership_fields, _("Amount outstanding"), membership.amount);
      if (membership.invoice != NULL)
        add_link_row (self, _("Invoice"), membership.invoice);
      if (membership.payment != NULL)
        add_link_row (self, _("Pay online"), membership.payment);
      break;
    case BOX_MEMBERSHIP_REGISTRATION:
      gtk_label_set_text (GTK_LABEL (self->membership_heading), _("Registration"));
      add_field (self->membership_fields, _("Outstanding"), membership.outstanding);
      add_field (self->membership_fields, _("Name tag"), membership.nametag);
      break;
    case BOX_MEMBERSHIP_NONE:
    default:
      return;
    }

  gtk_widget_set_visible (self->membership_box,
                          gtk_widget_get_first_child (self->membership_fields) != NULL);
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
      if (is_shown_above (self, key) || is_internal (key))
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
  fill_membership (self);

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
 * box_attendee_details_set_provider:
 * @kind: (nullable): the provider of the account of the attendee shown next
 * @local_checkins: the provider has no check-in: this desk keeps them
 * @checked_in_here: the attendee's check-in is one this desk made
 *
 * Call before box_attendee_details_set_attendee().
 */
void
box_attendee_details_set_provider (BoxAttendeeDetails *self,
                                   const char         *kind,
                                   gboolean            local_checkins,
                                   gboolean            checked_in_here)
{
  g_return_if_fail (BOX_IS_ATTENDEE_DETAILS (self));

  g_free (self->kind);
  self->kind = g_strdup (kind);
  self->local_checkins = local_checkins;
  self->checked_in_here = checked_in_here;

  if (local_checkins && kind != NULL && box_provider_kind_is_known (kind))
    {
      /* TRANSLATORS: %s is the provider, "Floktu has no check-in: ..." */
      g_autofree char *text = g_strdup_printf (_("%s has no check-in: check-ins are kept on this computer and exported with the list."),
                                               box_provider_kind_get_label (kind));
      gtk_label_set_text (GTK_LABEL (self->local_label), text);
    }
  gtk_widget_set_visible (self->local_label, local_checkins && kind != NULL && box_provider_kind_is_known (kind));
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
