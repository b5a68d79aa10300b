/* box-kiosk-pin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "box-kiosk-pin.h"

#define ROUNDS 20000

/* A PIN is digits only, at least four, at most sixteen. */
gboolean
box_kiosk_pin_is_valid (const char *pin)
{
  gsize len;

  if (pin == NULL)
    return FALSE;
  len = strlen (pin);
  if (len < BOX_KIOSK_PIN_MIN_LENGTH || len > 16)
    return FALSE;
  for (const char *p = pin; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static char *
stretch (const char *salt,
         const char *pin,
         guint       rounds)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (sum, (const guchar *)salt, -1);
  g_checksum_update (sum, (const guchar *)"$", 1);
  g_checksum_update (sum, (const guchar *)pin, -1);
  g_checksum_get_digest (sum, digest, &len);
  for (guint i = 1; i < rounds; i++)
    {
      g_checksum_reset (sum);
      g_checksum_update (sum, digest, sizeof digest);
      g_checksum_update (sum, (const guchar *)pin, -1);
      len = sizeof digest;
      g_checksum_get_digest (sum, digest, &len);
    }
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, digest, sizeof digest);
}

/**
 * box_kiosk_pin_hash:
 *
 * Returns: (transfer full) (nullable): what to keep for @pin, or %NULL when @pin is
 *   not a valid PIN
 */
char *
box_kiosk_pin_hash (const char *pin)
{
  g_autofree char *salt = NULL;
  g_autofree char *hash = NULL;

  if (!box_kiosk_pin_is_valid (pin))
    return NULL;
  salt = g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
  hash = stretch (salt, pin, ROUNDS);
  return g_strdup_printf ("sha256$%u$%s$%s", ROUNDS, salt, hash);
}

/* Whether @pin is the one @stored was made from; a damaged @stored matches nothing. */
gboolean
box_kiosk_pin_verify (const char *pin,
                      const char *stored)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *hash = NULL;
  guint64 rounds;
  guint8 diff = 0;

  if (pin == NULL || stored == NULL)
    return FALSE;
  parts = g_strsplit (stored, "$", -1);
  if (g_strv_length (parts) != 4 || !g_str_equal (parts[0], "sha256") ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 1000000, &rounds, NULL) ||
      *parts[2] == '\0' || strlen (parts[3]) != 64)
    return FALSE;
  hash = stretch (parts[2], pin, (guint)rounds);
  /* Compared in constant time. */
  for (gsize i = 0; i < 64; i++)
    diff |= (guint8)(hash[i] ^ parts[3][i]);
  return diff == 0;
}
