/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cwmp-dm-txn.h"
#include "cwmp-dm.h"
#include "cwmp-error.h"
#include "cwmp-schema.h"
#include "cwmp-store.h"
#include "cwmp-test-utils.h"

/* two fake plugins that keep their "system" values in a hash table */
typedef struct {
	const gchar *name;
	GHashTable  *values;  /* what the system holds */
	GPtrArray   *set_log; /* "name=value" for each set call */
	guint	     prepares, commits, aborts;
	gboolean     fail_prepare;
	gboolean     fail_commit_hook;
	gchar	    *fail_set_value;	    /* set() of this value fails with 9007 */
	gchar	    *silent_fail_set_value; /* set() of this value fails without a GError */
} FakePlugin;

typedef struct {
	gchar	  *dir;
	FakePlugin a, b;
	CwmpDm	  *dm;
} Fixture;

static gchar *
fake_get(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	FakePlugin  *p = user_data;
	const gchar *v = g_hash_table_lookup(p->values, name);
	return g_strdup(v != NULL ? v : "");
}

static gboolean
fake_set(CwmpDmObject *object,
	 const gchar  *name,
	 const gchar  *value,
	 gpointer      user_data,
	 GError	     **error)
{
	FakePlugin *p = user_data;
	g_ptr_array_add(p->set_log, g_strdup_printf("%s=%s", name, value));
	if (g_strcmp0(value, p->silent_fail_set_value) == 0)
		return FALSE;
	if (g_strcmp0(value, p->fail_set_value) == 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "the system refuses %s", value);
		return FALSE;
	}
	g_hash_table_insert(p->values, g_strdup(name), g_strdup(value));
	return TRUE;
}

static gboolean
fake_validate_url(CwmpDmObject *object,
		  const gchar  *name,
		  const gchar  *value,
		  gpointer	user_data,
		  GError      **error)
{
	if (g_str_has_prefix(value, "ftp:")) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "the ACS URL must be http or https");
		return FALSE;
	}
	return TRUE;
}

static gboolean
fake_prepare(const CwmpDmChange *changes, guint n, gpointer user_data, GError **error)
{
	FakePlugin *p = user_data;
	p->prepares++;
	if (p->fail_prepare) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED, "%s is busy", p->name);
		return FALSE;
	}
	return TRUE;
}

static gboolean
fake_commit(const CwmpDmChange *changes, guint n, gpointer user_data, GError **error)
{
	FakePlugin *p = user_data;
	p->commits++;
	if (p->fail_commit_hook) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: restart failed", p->name);
		return FALSE;
	}
	return TRUE;
}

static void
fake_abort(const CwmpDmChange *changes, guint n, gpointer user_data)
{
	FakePlugin *p = user_data;
	p->aborts++;
}

static const CwmpDmTxnHooks fake_hooks = {
    .prepare = fake_prepare,
    .commit = fake_commit,
    .abort = fake_abort,
};

static const CwmpDmParamDef ms_params[] = {
    {.name = "PeriodicInformInterval", .get = fake_get, .set = fake_set},
    {.name = "PeriodicInformEnable", .get = fake_get, .set = fake_set},
    {.name = "URL", .get = fake_get, .set = fake_set, .validate = fake_validate_url},
    {.name = "ParameterKey", .get = fake_get},
    {.name = NULL},
};
static const CwmpDmObjectDef ms_object = {.path = "Device.ManagementServer.", .params = ms_params};

static const CwmpDmParamDef time_params[] = {
    {.name = "Enable", .get = fake_get, .set = fake_set},
    {.name = "LocalTimeZone", .get = fake_get, .set = fake_set},
    {.name = NULL},
};
static const CwmpDmObjectDef time_object = {.path = "Device.Time.", .params = time_params};

static const CwmpDmParamDef info_params[] = {
    {.name = "ProvisioningCode", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = NULL},
};
static const CwmpDmObjectDef info_object = {.path = "Device.DeviceInfo.", .params = info_params};

static void
fake_init(FakePlugin *p, const gchar *name)
{
	p->name = name;
	p->values = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	p->set_log = g_ptr_array_new_with_free_func(g_free);
}

static void
fake_clear(FakePlugin *p)
{
	g_hash_table_unref(p->values);
	g_ptr_array_unref(p->set_log);
	g_free(p->fail_set_value);
	g_free(p->silent_fail_set_value);
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpStore) store = NULL;
	CwmpDmRegistry *reg;

	fx->dir = cwmp_test_utils_mkdtemp("cwmp-txn-test-XXXXXX");
	fake_init(&fx->a, "a");
	fake_init(&fx->b, "b");
	g_hash_table_insert(fx->a.values, g_strdup("PeriodicInformInterval"), g_strdup("300"));
	g_hash_table_insert(fx->a.values, g_strdup("PeriodicInformEnable"), g_strdup("true"));
	g_hash_table_insert(fx->a.values, g_strdup("URL"), g_strdup("http://acs.example/"));
	g_hash_table_insert(fx->a.values, g_strdup("ParameterKey"), g_strdup("k0"));
	g_hash_table_insert(fx->b.values, g_strdup("Enable"), g_strdup("false"));
	g_hash_table_insert(fx->b.values, g_strdup("LocalTimeZone"), g_strdup("UTC0"));

	fx->dm = cwmp_dm_new(cwmp_schema_get_default());
	store = cwmp_store_new(fx->dir, "dm.state", "dm");
	cwmp_dm_set_store(fx->dm, store);
	reg = cwmp_dm_registry_new(fx->dm, "a");
	g_assert_true(cwmp_dm_registry_add_object(reg, &ms_object, &fx->a, &error));
	g_assert_true(cwmp_dm_registry_add_object(reg, &info_object, &fx->a, &error));
	cwmp_dm_registry_set_txn_hooks(reg, &fake_hooks, &fx->a);
	cwmp_dm_registry_free(reg);
	reg = cwmp_dm_registry_new(fx->dm, "b");
	g_assert_true(cwmp_dm_registry_add_object(reg, &time_object, &fx->b, &error));
	cwmp_dm_registry_set_txn_hooks(reg, &fake_hooks, &fx->b);
	cwmp_dm_registry_free(reg);
	g_assert_true(cwmp_dm_freeze(fx->dm, &error));
	g_assert_no_error(error);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	g_clear_object(&fx->dm);
	fake_clear(&fx->a);
	fake_clear(&fx->b);
	cwmp_test_utils_rm_rf(fx->dir, NULL);
	g_free(fx->dir);
}

static void
assert_value(Fixture *fx, const gchar *path, const gchar *expected)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *v = cwmp_dm_get_value(fx->dm, path, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(v, ==, expected);
}

static void
assert_unchanged(Fixture *fx)
{
	assert_value(fx, "Device.ManagementServer.PeriodicInformInterval", "300");
	assert_value(fx, "Device.ManagementServer.PeriodicInformEnable", "true");
	assert_value(fx, "Device.Time.Enable", "false");
	assert_value(fx, "Device.Time.LocalTimeZone", "UTC0");
	assert_value(fx, "Device.DeviceInfo.ProvisioningCode", "");
}

static void
test_commit_success(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);

	g_assert_true(cwmp_dm_txn_set(txn, "Device.ManagementServer.PeriodicInformInterval",
				      "+0600", CWMP_TYPE_UNSIGNED_INT));
	g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.Enable", "1", CWMP_TYPE_NONE));
	g_assert_true(
	    cwmp_dm_txn_set(txn, "Device.DeviceInfo.ProvisioningCode", "PC-1", CWMP_TYPE_STRING));
	/* nothing happens before commit */
	g_assert_cmpuint(fx->a.set_log->len, ==, 0);
	g_assert_true(cwmp_dm_txn_commit(txn, &error));
	g_assert_no_error(error);
	/* values reach the system in canonical wire form */
	assert_value(fx, "Device.ManagementServer.PeriodicInformInterval", "600");
	assert_value(fx, "Device.Time.Enable", "true");
	assert_value(fx, "Device.DeviceInfo.ProvisioningCode", "PC-1");
	g_assert_cmpuint(fx->a.prepares, ==, 1);
	g_assert_cmpuint(fx->a.commits, ==, 1);
	g_assert_cmpuint(fx->b.commits, ==, 1);
	g_assert_cmpuint(fx->a.aborts + fx->b.aborts, ==, 0);
}

static void
test_second_fails_in_commit(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);

	fx->b.fail_commit_hook = TRUE;
	g_assert_true(
	    cwmp_dm_txn_set(txn, "Device.ManagementServer.PeriodicInformInterval", "600", 0));
	g_assert_true(
	    cwmp_dm_txn_set(txn, "Device.ManagementServer.PeriodicInformEnable", "false", 0));
	g_assert_true(cwmp_dm_txn_set(txn, "Device.DeviceInfo.ProvisioningCode", "PC-2", 0));
	g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.Enable", "true", 0));
	g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.LocalTimeZone", "CET-1", 0));
	g_assert_false(cwmp_dm_txn_commit(txn, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_assert_nonnull(strstr(error->message, "restart failed"));

	/* a was committed, then got its old values back, and its hook saw them */
	g_assert_cmpuint(fx->a.commits, ==, 2);
	g_assert_cmpuint(fx->a.set_log->len, ==, 4);
	g_assert_cmpstr(g_ptr_array_index(fx->a.set_log, 2), ==, "PeriodicInformEnable=true");
	g_assert_cmpstr(g_ptr_array_index(fx->a.set_log, 3), ==, "PeriodicInformInterval=300");
	/* b applied both, failed in its hook, and was put back */
	g_assert_cmpuint(fx->b.set_log->len, ==, 4);
	g_assert_cmpstr(g_ptr_array_index(fx->b.set_log, 3), ==, "Enable=false");
	assert_unchanged(fx);

	/* and the store did not keep the stored value either, across a restart */
	g_clear_object(&fx->dm);
	{
		g_autoptr(CwmpStore) store = cwmp_store_new(fx->dir, "dm.state", "dm");
		CwmpDmRegistry *reg;
		fx->dm = cwmp_dm_new(cwmp_schema_get_default());
		cwmp_dm_set_store(fx->dm, store);
		reg = cwmp_dm_registry_new(fx->dm, "a");
		g_assert_true(cwmp_dm_registry_add_object(reg, &info_object, &fx->a, NULL));
		cwmp_dm_registry_free(reg);
		g_assert_true(cwmp_dm_freeze(fx->dm, NULL));
		assert_value(fx, "Device.DeviceInfo.ProvisioningCode", "");
	}
}

static void
test_set_fails_in_commit(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);
	GPtrArray *faults;

	fx->b.fail_set_value = g_strdup("EST+5");
	g_assert_true(
	    cwmp_dm_txn_set(txn, "Device.ManagementServer.PeriodicInformInterval", "600", 0));
	g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.Enable", "true", 0));
	g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.LocalTimeZone", "EST+5", 0));
	g_assert_false(cwmp_dm_txn_commit(txn, &error));
	/* a per-parameter refusal from the system: 9003 with that parameter's fault */
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	faults = cwmp_dm_txn_get_faults(txn);
	g_assert_cmpuint(faults->len, ==, 1);
	g_assert_cmpstr(((CwmpDmFault *) g_ptr_array_index(faults, 0))->path, ==,
			"Device.Time.LocalTimeZone");
	g_assert_cmpint(((CwmpDmFault *) g_ptr_array_index(faults, 0))->code, ==, 9007);
	assert_unchanged(fx);
}

static void
test_restore_fails_silently(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);

	/* b fails in commit; a cannot take its old value back and says not why */
	fx->b.fail_commit_hook = TRUE;
	fx->a.silent_fail_set_value = g_strdup("300");
	g_assert_true(
	    cwmp_dm_txn_set(txn, "Device.ManagementServer.PeriodicInformInterval", "600", 0));
	g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.Enable", "true", 0));
	g_test_expect_message("CwmpCore", G_LOG_LEVEL_WARNING,
			      "*PeriodicInformInterval: cannot restore the old value*");
	g_assert_false(cwmp_dm_txn_commit(txn, &error));
	g_test_assert_expected_messages();
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	assert_value(fx, "Device.Time.Enable", "false");
}

static void
test_prepare_refused(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);

	fx->b.fail_prepare = TRUE;
	g_assert_true(
	    cwmp_dm_txn_set(txn, "Device.ManagementServer.PeriodicInformInterval", "600", 0));
	g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.Enable", "true", 0));
	g_assert_false(cwmp_dm_txn_commit(txn, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED);
	/* a was prepared and is told to let go; nothing was applied anywhere */
	g_assert_cmpuint(fx->a.aborts, ==, 1);
	g_assert_cmpuint(fx->a.set_log->len + fx->b.set_log->len, ==, 0);
	assert_unchanged(fx);
}

static void
test_each_fault(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);
	struct {
		const gchar *path;
		const gchar *value;
		CwmpType     declared;
		gint	     code;
	} cases[] = {
	    {"Device.ManagementServer.NoSuchThing", "1", 0, 9005},
	    {"Device.ManagementServer.", "1", 0, 9005},
	    {"Device.ManagementServer.PeriodicInformInterval", "abc", 0, 9006},
	    {"Device.ManagementServer.PeriodicInformEnable", "yes", 0, 9006},
	    {"Device.Time.LocalTimeZone", "UTC0", CWMP_TYPE_INT, 9006},
	    {"Device.Time.Enable", "0", 0, 0},
	    {"Device.ManagementServer.ParameterKey", "x", 0, 9008},
	    {"Device.ManagementServer.URL", "ftp://acs.example/", 0, 9007},
	    {"Device.Time.Enable", "1", 0, 9003}, /* twice in one request */
	};
	GPtrArray *faults;
	guint	   expected_faults = 0;

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		gboolean ok =
		    cwmp_dm_txn_set(txn, cases[i].path, cases[i].value, cases[i].declared);
		g_assert_cmpint(ok, ==, cases[i].code == 0);
		if (cases[i].code != 0)
			expected_faults++;
	}
	g_assert_false(cwmp_dm_txn_commit(txn, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	faults = cwmp_dm_txn_get_faults(txn);
	g_assert_cmpuint(faults->len, ==, expected_faults);
	for (guint i = 0, f = 0; i < G_N_ELEMENTS(cases); i++) {
		CwmpDmFault *fault;
		if (cases[i].code == 0)
			continue;
		fault = g_ptr_array_index(faults, f++);
		g_assert_cmpstr(fault->path, ==, cases[i].path);
		g_assert_cmpint(fault->code, ==, cases[i].code);
		g_assert_nonnull(fault->message);
	}
	/* the good one in the batch was not applied either */
	assert_unchanged(fx);
	g_assert_cmpuint(fx->a.prepares + fx->b.prepares, ==, 0);

	/* a range facet from the schema: PeriodicInformInterval has minimum 1 */
	{
		g_autoptr(CwmpDmTxn) txn2 = cwmp_dm_txn_new(fx->dm);
		g_assert_false(cwmp_dm_txn_set(
		    txn2, "Device.ManagementServer.PeriodicInformInterval", "0", 0));
		faults = cwmp_dm_txn_get_faults(txn2);
		g_assert_cmpint(((CwmpDmFault *) g_ptr_array_index(faults, 0))->code, ==, 9007);
	}
}

static void
test_dropped_without_commit(Fixture *fx, gconstpointer data)
{
	CwmpDmTxn *txn = cwmp_dm_txn_new(fx->dm);
	g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.Enable", "true", 0));
	g_assert_true(cwmp_dm_txn_set(txn, "Device.DeviceInfo.ProvisioningCode", "x", 0));
	g_object_unref(txn);
	assert_unchanged(fx);
	g_assert_cmpuint(fx->b.set_log->len, ==, 0);
}

static void
test_save_fails(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);
	g_autofree gchar *file = g_build_filename(fx->dir, "dm.state", NULL);

	/* the state directory becomes a file: every write fails */
	g_unlink(file);
	g_assert_cmpint(g_rmdir(fx->dir), ==, 0);
	g_assert_true(g_file_set_contents(fx->dir, "not a directory", -1, &error));

	g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.Enable", "true", 0));
	g_assert_true(cwmp_dm_txn_set(txn, "Device.DeviceInfo.ProvisioningCode", "x", 0));
	g_assert_false(cwmp_dm_txn_commit(txn, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_assert_nonnull(strstr(error->message, "persist"));
	assert_unchanged(fx);
	g_unlink(fx->dir);
	g_mkdir(fx->dir, 0700);
}

static void
local_value_changed_cb(CwmpDm *dm, const gchar *path, guint notification, gpointer user_data)
{
	guint *count = user_data;
	(*count)++;
}

/* the ACS's own change is not reported back; a local client's is */
static void
test_local_change_reported(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	CwmpDmAttributeRequest req = {.path = "Device.Time.LocalTimeZone",
				      .notification_change = TRUE,
				      .notification = CWMP_DM_NOTIFICATION_PASSIVE};
	guint		       seen = 0;

	g_assert_true(cwmp_dm_set_attributes(fx->dm, &req, 1, &error));
	g_assert_no_error(error);
	g_signal_connect(fx->dm, "value-changed", G_CALLBACK(local_value_changed_cb), &seen);
	{
		g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);
		g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.LocalTimeZone", "CET-1", 0));
		g_assert_true(cwmp_dm_txn_commit(txn, &error));
	}
	g_assert_cmpuint(seen, ==, 0);
	{
		g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);
		cwmp_dm_txn_set_local(txn, TRUE);
		g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.LocalTimeZone", "EST+5", 0));
		g_assert_true(cwmp_dm_txn_commit(txn, &error));
	}
	g_assert_cmpuint(seen, ==, 1);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/cwmp/dm-txn/commit", Fixture, NULL, fixture_setup, test_commit_success,
		   fixture_teardown);
	g_test_add("/cwmp/dm-txn/second-fails-in-commit", Fixture, NULL, fixture_setup,
		   test_second_fails_in_commit, fixture_teardown);
	g_test_add("/cwmp/dm-txn/set-fails-in-commit", Fixture, NULL, fixture_setup,
		   test_set_fails_in_commit, fixture_teardown);
	g_test_add("/cwmp/dm-txn/restore-fails-silently", Fixture, NULL, fixture_setup,
		   test_restore_fails_silently, fixture_teardown);
	g_test_add("/cwmp/dm-txn/prepare-refused", Fixture, NULL, fixture_setup,
		   test_prepare_refused, fixture_teardown);
	g_test_add("/cwmp/dm-txn/each-fault", Fixture, NULL, fixture_setup, test_each_fault,
		   fixture_teardown);
	g_test_add("/cwmp/dm-txn/dropped", Fixture, NULL, fixture_setup,
		   test_dropped_without_commit, fixture_teardown);
	g_test_add("/cwmp/dm-txn/save-fails", Fixture, NULL, fixture_setup, test_save_fails,
		   fixture_teardown);
	g_test_add("/cwmp/dm-txn/local-change-reported", Fixture, NULL, fixture_setup,
		   test_local_change_reported, fixture_teardown);
	return g_test_run();
}
