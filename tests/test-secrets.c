/* test-secrets.c: BoxSecrets against a real Secret Service (gnome-keyring)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-error.h"
#include "box-secrets.h"
#include "box-test-util.h"

static char *
lookup (BoxSecrets  *secrets,
        const char  *account,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  box_secrets_lookup_async (secrets, account, NULL, box_test_got_result, &result);
  return box_secrets_lookup_finish (secrets, box_test_wait (&result), error);
}

static void
store (BoxSecrets *secrets,
       const char *account,
       const char *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  box_secrets_store_async (secrets, account, "Box Office test", secret, NULL, box_test_got_result, &result);
  g_assert_true (box_secrets_store_finish (secrets, box_test_wait (&result), &error));
  g_assert_no_error (error);
}

static void
clear (BoxSecrets *secrets,
       const char *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  box_secrets_clear_async (secrets, account, NULL, box_test_got_result, &result);
  g_assert_true (box_secrets_clear_finish (secrets, box_test_wait (&result), &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autoptr(BoxSecrets) secrets = box_secrets_new ("/profiles/a");
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  store (secrets, "fienta", "s3cret-täht");
  got = lookup (secrets, "fienta", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "s3cret-täht");

  /* Storing again replaces. */
  store (secrets, "fienta", "second");
  g_clear_pointer (&got, g_free);
  got = lookup (secrets, "fienta", &error);
  g_assert_cmpstr (got, ==, "second");

  clear (secrets, "fienta");
  g_clear_pointer (&got, g_free);
  got = lookup (secrets, "fienta", &error);
  g_assert_null (got);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_SECRETS);
  g_assert_nonnull (strstr (error->message, "add it again"));
}

static void
test_profiles_apart (void)
{
  g_autoptr(BoxSecrets) a = box_secrets_new ("/profiles/a");
  g_autoptr(BoxSecrets) b = box_secrets_new ("/profiles/b");
  g_autoptr(GError) error = NULL;
  g_autofree char *from_a = NULL;
  g_autofree char *from_b = NULL;

  store (a, "fienta", "key-a");
  store (b, "fienta", "key-b");
  from_a = lookup (a, "fienta", &error);
  g_assert_no_error (error);
  from_b = lookup (b, "fienta", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_a, ==, "key-a");
  g_assert_cmpstr (from_b, ==, "key-b");

  clear (a, "fienta");
  g_clear_pointer (&from_b, g_free);
  from_b = lookup (b, "fienta", &error);
  g_assert_cmpstr (from_b, ==, "key-b");
  clear (b, "fienta");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!box_test_have_secret_service ())
    {
      /* These tests are about the real Secret Service: missing it is a failure. */
      g_printerr ("No Secret Service: run this test through tests/with-keyring.sh\n");
      return 1;
    }

  g_test_add_func ("/secrets/round-trip", test_round_trip);
  g_test_add_func ("/secrets/profiles-apart", test_profiles_apart);
  return g_test_run ();
}
