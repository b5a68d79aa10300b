/* box-attendee-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "box-attendee.h"
#include "box-attendee-status.h"
#include "box-attendee-view.h"
#include "box-event.h"
#include "box-key-translation.h"
#include "box-list-slot.h"
#include "box-scan-detector.h"
#include "box-slot-model.h"

/* The search entry and the list of attendees. Every keystroke searches at once (the
 * store answers in well under a millisecond); the list model holds row ids only, so a
 * list of 100,000 costs the rows on screen. The entry is also where a keyboard-wedge
 * scanner types: Enter after a ticket code, or the pause after a burst of characters
 * from a scanner that sends no Enter, reports the code. */

struct _BoxAttendeeView
{
  GtkWidget         parent_instance;

  BoxDesk          *desk;
  BoxAttendeeList  *list;
  BoxSlotModel     *slots;
  GtkSingleSelection *selection;
  BoxScanDetector  *detector;
  GString          *us_text;      /* the entry's text as read from a US keyboard */
  guint             last_keycode;
  gboolean          last_shift;
  gboolean          have_key;
  guint             last_length;
  guint             pause_id;
  gboolean          clearing;
  gboolean          list_is_local;  /* the event's list was downloaded */
  guint             remote_id;
  GCancellable     *remote_cancellable;

  GtkWidget        *box;
  GtkWidget        *search_entry;
  GtkWidget        *list_stack;
  GtkWidget        *column_view;
  GtkWidget        *empty_page;
  GtkWidget        *count_label;
};

G_DEFINE_FINAL_TYPE (BoxAttendeeView, box_attendee_view, GTK_TYPE_WIDGET)

enum {
  ATTENDEE_SELECTED,
  CODE_ENTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Columns ---------------------------------------------------------------------------- */

typedef enum
{
  COLUMN_NAME,
  COLUMN_COMPANY,
  COLUMN_TICKET_TYPE,
  COLUMN_ORDER,
  COLUMN_STATUS,
} Column;

static void
setup_text_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
setup_icon_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
set_state_class (GtkWidget  *widget,
                 const char *css_class)
{
  static const char *classes[] = { "status-checked-in", "status-attention", "status-refused" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (g_strcmp0 (classes[i], css_class) == 0)
        gtk_widget_add_css_class (widget, classes[i]);
      else
        gtk_widget_remove_css_class (widget, classes[i]);
    }
}

static void
bind_name (GtkListItem *item,
           BoxAttendee *a)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  gboolean attention = box_attendee_get_attention (a);

  gtk_label_set_text (GTK_LABEL (label), box_attendee_get_name (a) ? box_attendee_get_name (a) : "");
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), attention ? "dialog-warning-symbolic" : NULL);
  gtk_widget_set_visible (icon, attention);
  set_state_class (icon, attention ? "status-attention" : NULL);
  gtk_widget_set_tooltip_text (icon, attention ? _("Needs attention") : NULL);
  if (attention)
    gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Needs attention"), -1);
}

static void
bind_text (GtkListItem *item,
           BoxAttendee *a,
           Column       column)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = NULL;
  g_autofree char *order = NULL;

  switch (column)
    {
    case COLUMN_COMPANY:
      text = box_attendee_get_company (a);
      break;
    case COLUMN_TICKET_TYPE:
      text = box_attendee_get_ticket_type (a);
      break;
    case COLUMN_ORDER:
      if (box_attendee_get_order_code (a) && *box_attendee_get_order_code (a))
        text = order = g_strdup_printf ("%s / %s", box_attendee_get_order_code (a),
                                        box_attendee_get_code (a));
      else
        text = box_attendee_get_code (a);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
}

static void
bind_status (GtkListItem *item,
             BoxAttendee *a)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  g_auto(BoxAttendeeStatusText) status = { 0, };

  box_attendee_status_describe (a, TRUE, &status);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), status.icon_name);
  gtk_widget_set_visible (icon, status.icon_name != NULL);
  gtk_label_set_text (GTK_LABEL (label), status.text);
  set_state_class (box, status.css_class);
  if (status.css_class == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

/* Fills the cell of @item from the attendee its slot shows now. */
static void
update_cell (GtkListItem *item)
{
  BoxListSlot *slot = gtk_list_item_get_item (item);
  BoxAttendee *a = slot ? box_list_slot_get_attendee (slot) : NULL;
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "column"));
  g_autoptr(BoxAttendee) blank = NULL;

  if (a == NULL)
    a = blank = box_attendee_new ();

  switch (column)
    {
    case COLUMN_NAME:
      bind_name (item, a);
      break;
    case COLUMN_STATUS:
      bind_status (item, a);
      break;
    case COLUMN_COMPANY:
    case COLUMN_TICKET_TYPE:
    case COLUMN_ORDER:
    default:
      bind_text (item, a, column);
      break;
    }
}

static void
slot_changed_cb (BoxListSlot *slot,
                 GParamSpec  *pspec,
                 GtkListItem *item)
{
  update_cell (item);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gulong id;

  g_object_set_data (G_OBJECT (item), "column", user_data);
  id = g_signal_connect (gtk_list_item_get_item (item), "notify::attendee",
                         G_CALLBACK (slot_changed_cb), item);
  g_object_set_data (G_OBJECT (item), "slot-handler", GSIZE_TO_POINTER ((gsize)id));
  update_cell (item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  gulong id = (gulong)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "slot-handler"));

  if (id != 0)
    g_signal_handler_disconnect (gtk_list_item_get_item (item), id);
  g_object_set_data (G_OBJECT (item), "slot-handler", NULL);
}

static void
add_column (BoxAttendeeView *self,
            const char      *title,
            Column           column,
            gboolean         expand,
            int              fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  if (column == COLUMN_NAME || column == COLUMN_STATUS)
    g_signal_connect (factory, "setup", G_CALLBACK (setup_icon_cell), NULL);
  else
    g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);

  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (col, fixed_width);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), col);
  g_object_unref (col);
}

/* The list -------------------------------------------------------------------------- */

static void
update_count (BoxAttendeeView *self)
{
  g_autofree char *text = NULL;
  guint n = self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  gboolean searching = self->list && *box_attendee_list_get_query (self->list) != '\0';

  if (self->list == NULL)
    text = g_strdup ("");
  else if (box_attendee_list_get_truncated (self->list))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The first %u match; type more to narrow the search",
                                         "The first %u matches; type more to narrow the search", n),
                            n);
  else if (searching)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attendee", "%u attendees", n), n);
  gtk_label_set_text (GTK_LABEL (self->count_label), text);

  gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack),
                                    n == 0 && searching ? "empty" : "list");
}

static void
selection_changed_cb (BoxAttendeeView *self)
{
  BoxAttendee *attendee = box_attendee_view_get_selected (self);

  if (attendee != NULL && box_attendee_get_code (attendee) != NULL)
    g_signal_emit (self, signals[ATTENDEE_SELECTED], 0, attendee);
}

static void
activate_cb (BoxAttendeeView *self,
             guint            position)
{
  g_autoptr(BoxAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (attendee != NULL && box_attendee_get_code (attendee) != NULL)
    g_signal_emit (self, signals[ATTENDEE_SELECTED], 0, attendee);
}

/* Scanning --------------------------------------------------------------------------- */

static void
reset_scan (BoxAttendeeView *self)
{
  box_scan_detector_reset (self->detector);
  g_string_truncate (self->us_text, 0);
  g_clear_handle_id (&self->pause_id, g_source_remove);
}

/* The attendee a typed or scanned code names: as typed, or as a US keyboard would
 * have typed it (for scanners on other keyboard layouts). */
static BoxAttendee *
lookup_code (BoxAttendeeView *self,
             const char      *typed,
             const char      *us_typed)
{
  const char *candidates[2] = { typed, us_typed };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *code = g_strstrip (g_strdup (candidates[i] ? candidates[i] : ""));
      BoxAttendee *attendee;

      if (*code == '\0' || (i == 1 && g_strcmp0 (candidates[0], candidates[1]) == 0))
        continue;
      attendee = box_desk_get_attendee (self->desk, box_attendee_list_get_account_id (self->list),
                                        box_attendee_list_get_event_id (self->list), code, NULL);
      if (attendee != NULL)
        return attendee;
    }
  return NULL;
}

static void
report_code (BoxAttendeeView *self,
             gboolean         from_pause)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean burst = box_scan_detector_is_burst (self->detector);
  guint start = burst ? box_scan_detector_get_start (self->detector) : 0;
  g_autofree char *typed = NULL;
  g_autofree char *us_typed = NULL;
  g_autoptr(BoxAttendee) attendee = NULL;
  glong length = g_utf8_strlen (text, -1);

  if (self->list == NULL || self->desk == NULL)
    return;

  /* Only the burst is the code: what a person typed before it is not. */
  typed = g_utf8_substring (text, MIN ((glong)start, length), length);
  if ((glong)g_utf8_strlen (self->us_text->str, -1) == length)
    us_typed = g_utf8_substring (self->us_text->str, MIN ((glong)start, length), length);

  attendee = lookup_code (self, typed, us_typed);
  if (attendee == NULL && start > 0)
    {
      /* Enter after a whole code typed by hand, e.g. read off a printed ticket. */
      g_clear_pointer (&typed, g_free);
      typed = g_strdup (text);
      attendee = lookup_code (self, typed, self->us_text->str);
    }

  /* A pause ends a scan only for a burst long enough not to be a fast typist. */
  if (from_pause && attendee == NULL && (!burst || length - start < 6))
    return;
  if (!from_pause && attendee == NULL && !burst)
    return;

  g_strstrip (typed);
  g_signal_emit (self, signals[CODE_ENTERED], 0,
                 attendee ? box_attendee_get_code (attendee) : typed, attendee, burst);
}

static gboolean
pause_cb (gpointer user_data)
{
  BoxAttendeeView *self = user_data;

  self->pause_id = 0;
  if (box_scan_detector_is_burst (self->detector))
    report_code (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
remote_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BoxAttendeeView) self = user_data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = box_desk_search_remote_finish (BOX_DESK (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->list == NULL)
    return;
  if (found == NULL)
    gtk_label_set_text (GTK_LABEL (self->count_label), error->message);
  else if (found->len == 0)
    gtk_label_set_text (GTK_LABEL (self->count_label),
                        _("Not downloaded yet, and not found online either"));
  else
    /* Found tickets are now in the local list, which reloads by itself. */
    update_count (self);
}

static gboolean
remote_search_cb (gpointer user_data)
{
  BoxAttendeeView *self = user_data;

  self->remote_id = 0;
  if (self->list == NULL || self->desk == NULL)
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->remote_cancellable);
  g_clear_object (&self->remote_cancellable);
  self->remote_cancellable = g_cancellable_new ();
  gtk_label_set_text (GTK_LABEL (self->count_label), _("Not downloaded yet: searching online…"));
  box_desk_search_remote_async (self->desk, box_attendee_list_get_account_id (self->list),
                                box_attendee_list_get_event_id (self->list),
                                box_attendee_list_get_query (self->list), self->remote_cancellable,
                                remote_found_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* A new search: the rows show other people now, so nobody stays selected. While the
 * event's list is not downloaded yet, a search that finds nothing here asks the
 * provider (where it can search: Eventyay, 4 characters or more). */
static void
set_query (BoxAttendeeView *self,
           const char      *query)
{
  if (g_strcmp0 (box_attendee_list_get_query (self->list), query) == 0)
    return;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  box_attendee_list_set_query (self->list, query);

  g_clear_handle_id (&self->remote_id, g_source_remove);
  if (!self->list_is_local && g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0 &&
      g_utf8_strlen (query, -1) >= 4 &&
      (box_desk_get_account_flags (self->desk, box_attendee_list_get_account_id (self->list)) &
       BOX_PROVIDER_REMOTE_SEARCH))
    self->remote_id = g_timeout_add (300, remote_search_cb, self);
}

/* Notes the character a key just added at the end of the entry: when it came, and
 * which character a US keyboard has on that key. */
static void
note_appended (BoxAttendeeView *self,
               const char      *text,
               guint            length)
{
  const char *last = g_utf8_offset_to_pointer (text, length - 1);
  gunichar us = box_key_translation_us (self->last_keycode, self->last_shift);

  box_scan_detector_feed (self->detector, g_get_monotonic_time (), length - 1);
  g_string_append_unichar (self->us_text, us != 0 ? us : g_utf8_get_char (last));
  g_clear_handle_id (&self->pause_id, g_source_remove);
  if (box_scan_detector_is_burst (self->detector))
    self->pause_id = g_timeout_add (BOX_SCAN_PAUSE_MS, pause_cb, self);
}

static void
search_changed_cb (BoxAttendeeView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint length = g_utf8_strlen (text, -1);

  if (self->clearing)
    return;

  if (self->have_key && length == self->last_length + 1 &&
      gtk_editable_get_position (GTK_EDITABLE (self->search_entry)) >= (int)length - 1)
    note_appended (self, text, length);
  else if (self->have_key && length == 1)
    {
      /* The first key replaced the selected text: a fresh start. */
      reset_scan (self);
      note_appended (self, text, length);
    }
  else
    {
      /* Deleted, pasted or typed in the middle: no scan in progress, and the US reading
       * keeps step with the text. */
      reset_scan (self);
      g_string_assign (self->us_text, text);
    }
  self->have_key = FALSE;
  self->last_length = length;

  if (self->list != NULL)
    set_query (self, text);
}

static void
search_activate_cb (BoxAttendeeView *self)
{
  g_clear_handle_id (&self->pause_id, g_source_remove);
  report_code (self, FALSE);

  /* Enter on a search: open the best match. */
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION &&
      self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0 &&
      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    {
      gtk_single_selection_set_selected (self->selection, 0);
      activate_cb (self, 0);
    }
}

static void
stop_search_cb (BoxAttendeeView *self)
{
  box_attendee_view_clear_search (self);
}

/* Keys arrive at the window before the entry: box_attendee_view_note_key() is called
 * with the hardware keycode of each key press. */
void
box_attendee_view_note_key (BoxAttendeeView *self,
                            guint            keycode,
                            gboolean         shift)
{
  g_return_if_fail (BOX_IS_ATTENDEE_VIEW (self));
  self->last_keycode = keycode;
  self->last_shift = shift;
  self->have_key = TRUE;
}

/* Setup ------------------------------------------------------------------------------ */

static void
box_attendee_view_dispose (GObject *object)
{
  BoxAttendeeView *self = (BoxAttendeeView *)object;

  g_clear_handle_id (&self->pause_id, g_source_remove);
  g_clear_handle_id (&self->remote_id, g_source_remove);
  g_cancellable_cancel (self->remote_cancellable);
  g_clear_object (&self->remote_cancellable);
  if (self->column_view != NULL)
    gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->list);
  g_clear_object (&self->desk);
  gtk_widget_dispose_template (GTK_WIDGET (self), BOX_TYPE_ATTENDEE_VIEW);

  G_OBJECT_CLASS (box_attendee_view_parent_class)->dispose (object);
}

static void
box_attendee_view_finalize (GObject *object)
{
  BoxAttendeeView *self = (BoxAttendeeView *)object;

  g_clear_pointer (&self->detector, box_scan_detector_free);
  g_string_free (self->us_text, TRUE);

  G_OBJECT_CLASS (box_attendee_view_parent_class)->finalize (object);
}

static gboolean
box_attendee_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (BOX_ATTENDEE_VIEW (widget)->search_entry);
}

static void
box_attendee_view_class_init (BoxAttendeeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = box_attendee_view_dispose;
  object_class->finalize = box_attendee_view_finalize;
  widget_class->grab_focus = box_attendee_view_grab_focus;

  signals[ATTENDEE_SELECTED] =
    g_signal_new ("attendee-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, BOX_TYPE_ATTENDEE);
  signals[CODE_ENTERED] =
    g_signal_new ("code-entered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, BOX_TYPE_ATTENDEE,
                  G_TYPE_BOOLEAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/boxoffice/BoxOffice/box-attendee-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeView, box);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeView, column_view);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BoxAttendeeView, count_label);
}

static void
box_attendee_view_init (BoxAttendeeView *self)
{
  self->detector = box_scan_detector_new ();
  self->us_text = g_string_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->slots = box_slot_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view),
                             GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (activate_cb), self);

  /* The status right after the name: what the desk needs first. */
  add_column (self, _("Name"), COLUMN_NAME, TRUE, 190);
  add_column (self, _("Status"), COLUMN_STATUS, FALSE, 110);
  add_column (self, _("Company"), COLUMN_COMPANY, TRUE, 120);
  add_column (self, _("Ticket Type"), COLUMN_TICKET_TYPE, FALSE, 120);
  add_column (self, _("Order / Code"), COLUMN_ORDER, FALSE, 160);

  g_signal_connect_swapped (self->search_entry, "changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  update_count (self);
}

GtkWidget *
box_attendee_view_new (void)
{
  return g_object_new (BOX_TYPE_ATTENDEE_VIEW, NULL);
}

void
box_attendee_view_set_desk (BoxAttendeeView *self,
                            BoxDesk         *desk)
{
  g_return_if_fail (BOX_IS_ATTENDEE_VIEW (self));
  g_set_object (&self->desk, desk);
}

/**
 * box_attendee_view_set_event:
 * @account_id: (nullable): the account, or %NULL for no event
 */
void
box_attendee_view_set_event (BoxAttendeeView *self,
                             const char      *account_id,
                             const char      *event_id)
{
  g_return_if_fail (BOX_IS_ATTENDEE_VIEW (self));
  g_return_if_fail (self->desk != NULL);

  /* Nobody selected first: GTK 4.8's selection would look for its item among all the
   * new ones. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);

  if (account_id != NULL && event_id != NULL)
    {
      self->list_is_local = box_desk_event_is_downloaded (self->desk, account_id, event_id);
      self->list = box_desk_open_attendees (self->desk, account_id, event_id);
      box_attendee_list_set_query (self->list,
                                   gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_count), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->list, "notify::truncated", G_CALLBACK (update_count), self,
                               G_CONNECT_SWAPPED);
    }
  box_slot_model_set_model (self->slots, G_LIST_MODEL (self->list));
  gtk_widget_set_sensitive (self->search_entry, self->list != NULL);
  update_count (self);
}

BoxAttendeeList *
box_attendee_view_get_list (BoxAttendeeView *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE_VIEW (self), NULL);
  return self->list;
}

GtkWidget *
box_attendee_view_get_search_entry (BoxAttendeeView *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE_VIEW (self), NULL);
  return self->search_entry;
}

void
box_attendee_view_focus_search (BoxAttendeeView *self)
{
  g_return_if_fail (BOX_IS_ATTENDEE_VIEW (self));
  gtk_widget_grab_focus (self->search_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Empties the search, ready for the next scan. */
void
box_attendee_view_clear_search (BoxAttendeeView *self)
{
  g_return_if_fail (BOX_IS_ATTENDEE_VIEW (self));

  self->clearing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->clearing = FALSE;
  reset_scan (self);
  self->last_length = 0;
  if (self->list != NULL)
    set_query (self, "");
}

/* Selects the attendee with @code, if the list shows them, and scrolls to them. */
void
box_attendee_view_select_code (BoxAttendeeView *self,
                               const char      *code)
{
  guint position;

  g_return_if_fail (BOX_IS_ATTENDEE_VIEW (self));
  if (self->list == NULL)
    return;

  position = box_attendee_list_find_code (self->list, code);
  if (position == G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }
  g_signal_handlers_block_by_func (self->selection, selection_changed_cb, self);
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_handlers_unblock_by_func (self->selection, selection_changed_cb, self);
  /* GTK 4.8's column view has no scroll_to(); its inner list view has the action. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->column_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

/**
 * box_attendee_view_get_selected:
 *
 * Returns: (transfer none) (nullable): the selected attendee
 */
BoxAttendee *
box_attendee_view_get_selected (BoxAttendeeView *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE_VIEW (self), NULL);
  BoxListSlot *slot = gtk_single_selection_get_selected_item (self->selection);

  return slot ? box_list_slot_get_attendee (slot) : NULL;
}
