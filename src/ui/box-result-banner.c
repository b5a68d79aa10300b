/* box-result-banner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "box-result-banner.h"

/* The answer to the last scan, across the whole window: green admitted, amber already
 * in, red refused, blue queued. It says it in words and with an icon too, for people
 * who do not see the colours, and it stays until the next scan. */

struct _BoxResultBanner
{
  GtkWidget   parent_instance;

  GtkWidget  *revealer;
  GtkWidget  *box;
  GtkWidget  *icon;
  GtkWidget  *title;
  GtkWidget  *subtitle;
  GtkWidget  *action_button;
  GtkWidget  *close_button;
  const char *css_class;
};

G_DEFINE_FINAL_TYPE (BoxResultBanner, box_result_banner, GTK_TYPE_WIDGET)

static void
box_result_banner_dispose (GObject *object)
{
  BoxResultBanner *self = (BoxResultBanner *)object;

  g_clear_pointer (&self->revealer, gtk_widget_unparent);

  G_OBJECT_CLASS (box_result_banner_parent_class)->dispose (object);
}

static void
box_result_banner_class_init (BoxResultBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = box_result_banner_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "resultbanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
close_clicked_cb (BoxResultBanner *self)
{
  box_result_banner_clear (self);
}

static void
box_result_banner_init (BoxResultBanner *self)
{
  GtkWidget *labels;

  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_transition_duration (GTK_REVEALER (self->revealer), 150);
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_add_css_class (self->box, "result");
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), self->box);

  self->icon = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (self->icon), 48);
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), self->icon);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), labels);

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_widget_add_css_class (self->title, "result-title");
  gtk_box_append (GTK_BOX (labels), self->title);

  self->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (self->subtitle), TRUE);
  gtk_widget_add_css_class (self->subtitle, "result-subtitle");
  gtk_box_append (GTK_BOX (labels), self->subtitle);

  /* What the desk can do about this result, when there is something (hidden otherwise). */
  self->action_button = gtk_button_new ();
  gtk_button_set_use_underline (GTK_BUTTON (self->action_button), TRUE);
  gtk_widget_set_valign (self->action_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->action_button, "pill");
  gtk_widget_set_visible (self->action_button, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->action_button);

  self->close_button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_valign (self->close_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->close_button, "flat");
  gtk_widget_add_css_class (self->close_button, "circular");
  gtk_widget_set_tooltip_text (self->close_button, _("Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->close_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss the result"), -1);
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (close_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->close_button);
}

GtkWidget *
box_result_banner_new (void)
{
  return g_object_new (BOX_TYPE_RESULT_BANNER, NULL);
}

/**
 * box_result_banner_show:
 * @result: decides colour and icon
 * @title: what happened, with the person's name
 * @subtitle: (nullable): what to do, or details
 *
 * Shows a new result; an action button of the one before goes away.
 */
void
box_result_banner_show (BoxResultBanner  *self,
                        BoxCheckinResult  result,
                        const char       *title,
                        const char       *subtitle)
{
  const char *css_class;
  const char *icon_name;
  g_autofree char *announcement = NULL;

  g_return_if_fail (BOX_IS_RESULT_BANNER (self));

  switch (result)
    {
    case BOX_CHECKIN_RESULT_OK:
    case BOX_CHECKIN_RESULT_LOCAL:
      css_class = "result-ok";
      icon_name = "emblem-ok-symbolic";
      break;
    case BOX_CHECKIN_RESULT_QUEUED:
      css_class = "result-queued";
      icon_name = "network-offline-symbolic";
      break;
    case BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN:
    case BOX_CHECKIN_RESULT_QUESTIONS:
      css_class = "result-warning";
      icon_name = "dialog-warning-symbolic";
      break;
    case BOX_CHECKIN_RESULT_UNPAID:
    case BOX_CHECKIN_RESULT_UNKNOWN:
    case BOX_CHECKIN_RESULT_PRODUCT:
    default:
      css_class = "result-error";
      icon_name = "dialog-error-symbolic";
      break;
    }

  if (self->css_class != NULL)
    gtk_widget_remove_css_class (self->box, self->css_class);
  self->css_class = css_class;
  gtk_widget_add_css_class (self->box, css_class);

  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icon_name);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_label_set_text (GTK_LABEL (self->subtitle), subtitle ? subtitle : "");
  gtk_widget_set_visible (self->subtitle, subtitle != NULL && *subtitle != '\0');
  box_result_banner_set_action (self, NULL, NULL, NULL);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);

  announcement = subtitle && *subtitle ? g_strdup_printf ("%s. %s", title, subtitle) : g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  announcement, -1);
}

/**
 * box_result_banner_set_action:
 * @label: (nullable): the button's label, with a mnemonic; %NULL hides the button
 * @action_name: (nullable): the action the button activates
 * @target: (nullable): the action's parameter; a floating reference is sunk
 *
 * Offers a way out of the shown result, such as checking in an unpaid order anyway.
 * The next result shown takes the button away.
 */
void
box_result_banner_set_action (BoxResultBanner *self,
                              const char      *label,
                              const char      *action_name,
                              GVariant        *target)
{
  g_autoptr(GVariant) owned_target = target ? g_variant_ref_sink (target) : NULL;

  g_return_if_fail (BOX_IS_RESULT_BANNER (self));

  gtk_widget_set_visible (self->action_button, label != NULL);
  gtk_button_set_label (GTK_BUTTON (self->action_button), label ? label : "");
  /* Name and target must agree on the parameter type at every step: the old action
   * goes first, the new target comes before the new action. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->action_button),
                                          label ? owned_target : NULL);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), label ? action_name : NULL);
}

/* The label of the action button, or %NULL when there is none. */
const char *
box_result_banner_get_action_label (BoxResultBanner *self)
{
  g_return_val_if_fail (BOX_IS_RESULT_BANNER (self), NULL);

  if (!gtk_widget_get_visible (self->action_button))
    return NULL;
  return gtk_button_get_label (GTK_BUTTON (self->action_button));
}

void
box_result_banner_clear (BoxResultBanner *self)
{
  g_return_if_fail (BOX_IS_RESULT_BANNER (self));
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
}

const char *
box_result_banner_get_title (BoxResultBanner *self)
{
  g_return_val_if_fail (BOX_IS_RESULT_BANNER (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->title));
}

gboolean
box_result_banner_get_shown (BoxResultBanner *self)
{
  g_return_val_if_fail (BOX_IS_RESULT_BANNER (self), FALSE);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (self->revealer));
}
