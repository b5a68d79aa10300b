/* box-providers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-currinda.h"
#include "box-eventyay.h"
#include "box-fienta.h"
#include "box-floktu.h"
#include "box-providers.h"
#include "box-ticketing.h"

/**
 * box_providers_init:
 *
 * Registers every provider this build knows with box_provider_register(). The core
 * knows providers only through that registry.
 */
void
box_providers_init (void)
{
  box_provider_register ("fienta", "Fienta", BOX_FIENTA_DEFAULT_BASE_URL, box_fienta_new);
  box_provider_register ("eventyay", "Eventyay", NULL, box_eventyay_new);
  box_provider_set_setup_reader ("eventyay", box_eventyay_read_setup);
  box_provider_register ("ticketing", "TickeTing", BOX_TICKETING_DEFAULT_BASE_URL, box_ticketing_new);
  box_provider_register ("currinda", "Currinda", NULL, box_currinda_new);
  box_provider_set_oauth_setup ("currinda", box_currinda_oauth_setup);
  box_provider_register ("floktu", "Floktu", BOX_FLOKTU_DEFAULT_BASE_URL, box_floktu_new);
  box_provider_set_oauth_setup ("floktu", box_floktu_oauth_setup);
}
