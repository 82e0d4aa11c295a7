/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cwmp-dm-txn.h"
#include "cwmp-dm.h"
#include "cwmp-error.h"
#include "cwmp-schema.h"
#include "cwmp-store.h"
#include "cwmp-test-utils.h"

/* a fake "system" the test plugin reads from, one per fixture */
typedef struct {
	guint	   uptime;
	gchar	  *software_version;
	GPtrArray *hosts; /* MAC addresses that exist now */
	guint	   enumerate_calls;
	gboolean   fail_enumerate;
	gboolean   fail_enumerate_silently; /* returns FALSE without a GError */
	gchar	  *vanish_while_read;	    /* a host that goes while its Active is read */
} TestSystem;

typedef struct {
	gchar	  *dir;
	TestSystem sys;
	CwmpDm	  *dm;
} Fixture;

static gchar *
test_get_uptime(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	TestSystem *sys = user_data;
	return g_strdup_printf("%u", sys->uptime);
}

static gchar *
test_get_software_version(CwmpDmObject *object,
			  const gchar  *name,
			  gpointer	user_data,
			  GError      **error)
{
	TestSystem *sys = user_data;
	return g_strdup(sys->software_version);
}

static gchar *
test_get_failing(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot read /nonexistent");
	return NULL;
}

static gboolean
test_set_noop(CwmpDmObject *object,
	      const gchar  *name,
	      const gchar  *value,
	      gpointer	    user_data,
	      GError	  **error)
{
	return TRUE;
}

static gchar *
test_get_host_mac(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	return g_strdup(cwmp_dm_object_get_key(object));
}

static gchar *
test_get_host_active(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	TestSystem  *sys = user_data;
	const gchar *key = cwmp_dm_object_get_key(object);

	/* like a netlink notification dispatched from inside a getter: the host
	 * being read is removed from its table while the core walks it */
	if (sys != NULL && g_strcmp0(key, sys->vanish_while_read) == 0) {
		CwmpDmObject *hosts = cwmp_dm_object_get_parent(object);
		g_assert_true(cwmp_dm_object_remove_instance(hosts, "Host", key));
		/* still usable until the request ends */
		g_assert_cmpstr(cwmp_dm_object_get_key(object), ==, key);
	}
	return g_strdup("true");
}

static gboolean
test_enumerate_hosts(CwmpDmObject	*parent,
		     const gchar	*table,
		     CwmpDmInstanceList *list,
		     gpointer		 user_data,
		     GError	       **error)
{
	TestSystem *sys = user_data;
	sys->enumerate_calls++;
	if (sys->fail_enumerate) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "netlink dump failed");
		return FALSE;
	}
	if (sys->fail_enumerate_silently)
		return FALSE;
	for (guint i = 0; i < sys->hosts->len; i++)
		cwmp_dm_instance_list_add(list, g_ptr_array_index(sys->hosts, i), NULL, NULL);
	return TRUE;
}

static const CwmpDmParamDef device_info_params[] = {
    {.name = "UpTime", .get = test_get_uptime, .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "SoftwareVersion", .get = test_get_software_version},
    {.name = "ProvisioningCode", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "HardwareVersion", .get = test_get_failing},
    {.name = NULL},
};
static const CwmpDmObjectDef device_info = {
    .path = "Device.DeviceInfo.",
    .params = device_info_params,
};

static const CwmpDmParamDef host_params[] = {
    {.name = "PhysAddress", .get = test_get_host_mac},
    {.name = "Active", .get = test_get_host_active},
    {.name = NULL},
};
static const CwmpDmObjectDef hosts_host = {
    .path = "Device.Hosts.Host.{i}.",
    .params = host_params,
    .enumerate = test_enumerate_hosts,
};

static const gchar *const   vendor_modes[] = {"Fast", "Slow", NULL};
static const CwmpDmParamDef vendor_params[] = {
    {.name = "Mode",
     .flags = CWMP_DM_PARAM_FLAG_STORED,
     .type = CWMP_TYPE_STRING,
     .access = CWMP_ACCESS_READ_WRITE,
     .enumerations = vendor_modes,
     .default_value = "Fast"},
    {.name = "Level",
     .flags = CWMP_DM_PARAM_FLAG_STORED,
     .type = CWMP_TYPE_INT,
     .access = CWMP_ACCESS_READ_WRITE,
     .has_range = TRUE,
     .min = -5,
     .max = 5},
    {.name = NULL},
};
static const CwmpDmObjectDef vendor_object = {
    .path = "Device.X_000000_Test.",
    .params = vendor_params,
    .access = CWMP_ACCESS_READ_ONLY,
};
static const CwmpDmParamDef vendor_item_params[] = {
    {.name = "Name",
     .flags = CWMP_DM_PARAM_FLAG_STORED,
     .type = CWMP_TYPE_STRING,
     .access = CWMP_ACCESS_READ_WRITE},
    {.name = NULL},
};
static const CwmpDmObjectDef vendor_items = {
    .path = "Device.X_000000_Test.Item.{i}.",
    .params = vendor_item_params,
    .flags = CWMP_DM_OBJECT_FLAG_STORED,
    .access = CWMP_ACCESS_READ_WRITE,
    .max_entries = 2,
};

static CwmpDm *
fixture_make_dm(Fixture *fx, gboolean freeze)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpStore) store = cwmp_store_new(fx->dir, "dm.state", "dm");
	CwmpDm			    *dm = cwmp_dm_new(cwmp_schema_get_default());
	CwmpDmRegistry		    *registry = cwmp_dm_registry_new(dm, "test");
	const CwmpDmObjectDef *const defs[] = {&device_info,  &cwmp_test_utils_users_user,
					       &hosts_host,   &vendor_object,
					       &vendor_items, NULL};

	cwmp_dm_set_store(dm, store);
	g_assert_true(cwmp_dm_registry_add_objects(registry, defs, &fx->sys, &error));
	g_assert_no_error(error);
	cwmp_dm_registry_free(registry);
	if (freeze) {
		g_assert_true(cwmp_dm_freeze(dm, &error));
		g_assert_no_error(error);
	}
	return dm;
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	fx->dir = cwmp_test_utils_mkdtemp("cwmp-dm-test-XXXXXX");
	fx->sys.uptime = 42;
	fx->sys.software_version = g_strdup("1.0");
	fx->sys.hosts = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(fx->sys.hosts, g_strdup("02:00:00:00:00:01"));
	g_ptr_array_add(fx->sys.hosts, g_strdup("02:00:00:00:00:02"));
	fx->dm = fixture_make_dm(fx, TRUE);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	g_clear_object(&fx->dm);
	g_ptr_array_unref(fx->sys.hosts);
	g_free(fx->sys.software_version);
	cwmp_test_utils_rm_rf(fx->dir, NULL);
	g_free(fx->dir);
}

static gchar *
get1(CwmpDm *dm, const gchar *path)
{
	g_autoptr(GError) error = NULL;
	gchar *value = cwmp_dm_get_value(dm, path, &error);
	g_assert_no_error(error);
	return value;
}

static void
set1(CwmpDm *dm, const gchar *path, const gchar *value)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(dm);
	g_assert_true(cwmp_dm_txn_set(txn, path, value, CWMP_TYPE_NONE));
	g_assert_true(cwmp_dm_txn_commit(txn, &error));
	g_assert_no_error(error);
}

static void
collect_cb(const gchar *path, const gchar *value, CwmpType type, gpointer user_data)
{
	GHashTable *out = user_data;
	g_hash_table_insert(out, g_strdup(path), g_strdup(value));
}

static GHashTable *
get_all(CwmpDm *dm, const gchar *path, GError **error)
{
	g_autoptr(GHashTable) out = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (!cwmp_dm_get_values_foreach(dm, path, collect_cb, out, error))
		return NULL;
	return g_steal_pointer(&out);
}

/* --- registration ------------------------------------------------------- */

static void
assert_register_fails(const CwmpDmObjectDef *def, GQuark domain, gint code, const gchar *needle)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDm) dm = cwmp_dm_new(cwmp_schema_get_default());
	CwmpDmRegistry *registry = cwmp_dm_registry_new(dm, "bad");
	g_assert_false(cwmp_dm_registry_add_object(registry, def, NULL, &error));
	g_assert_error(error, domain, code);
	if (needle != NULL && strstr(error->message, needle) == NULL)
		g_error("message \"%s\" lacks \"%s\"", error->message, needle);
	cwmp_dm_registry_free(registry);
}

static void
test_register_refusals(void)
{
	static const CwmpDmParamDef unknown_param[] = {
	    {.name = "NoSuchThing", .get = test_get_uptime}, {.name = NULL}};
	static const CwmpDmParamDef wrong_type[] = {
	    {.name = "UpTime", .get = test_get_uptime, .type = CWMP_TYPE_STRING}, {.name = NULL}};
	static const CwmpDmParamDef wrong_access[] = {
	    {.name = "UpTime", .get = test_get_uptime, .access = CWMP_ACCESS_READ_WRITE},
	    {.name = NULL}};
	static const CwmpDmParamDef setter_on_ro[] = {
	    {.name = "UpTime", .get = test_get_uptime, .set = test_set_noop}, {.name = NULL}};
	static const CwmpDmParamDef rw_without_setter[] = {
	    {.name = "ProvisioningCode", .get = test_get_uptime}, {.name = NULL}};
	static const CwmpDmParamDef vendor_no_type[] = {
	    {.name = "X_000000_Foo", .flags = CWMP_DM_PARAM_FLAG_STORED}, {.name = NULL}};
	static const CwmpDmParamDef no_source[] = {{.name = "UpTime"}, {.name = NULL}};
	const CwmpDmObjectDef	    unknown_object = {.path = "Device.NoSuchObject.",
						      .params = unknown_param};
	const CwmpDmObjectDef	    def_unknown_param = {.path = "Device.DeviceInfo.",
							 .params = unknown_param};
	const CwmpDmObjectDef def_wrong_type = {.path = "Device.DeviceInfo.", .params = wrong_type};
	const CwmpDmObjectDef def_wrong_access = {.path = "Device.DeviceInfo.",
						  .params = wrong_access};
	const CwmpDmObjectDef def_setter_on_ro = {.path = "Device.DeviceInfo.",
						  .params = setter_on_ro};
	const CwmpDmObjectDef def_rw_no_setter = {.path = "Device.DeviceInfo.",
						  .params = rw_without_setter};
	const CwmpDmObjectDef def_vendor_no_type = {.path = "Device.DeviceInfo.",
						    .params = vendor_no_type};
	const CwmpDmObjectDef def_no_source = {.path = "Device.DeviceInfo.", .params = no_source};
	const CwmpDmObjectDef table_without_callbacks = {.path = "Device.Hosts.Host.{i}."};
	const CwmpDmObjectDef callbacks_on_single = {.path = "Device.DeviceInfo.",
						     .flags = CWMP_DM_OBJECT_FLAG_STORED};
	const CwmpDmObjectDef stored_ro_table = {.path = "Device.Hosts.Host.{i}.",
						 .flags = CWMP_DM_OBJECT_FLAG_STORED};
	const CwmpDmObjectDef single_as_table = {.path = "Device.DeviceInfo.{i}.",
						 .flags = CWMP_DM_OBJECT_FLAG_STORED};
	const CwmpDmObjectDef table_as_single = {.path = "Device.Hosts.Host."};
	const CwmpDmObjectDef not_device = {.path = "InternetGatewayDevice.DeviceInfo."};

	assert_register_fails(&unknown_object, CWMP_ERROR, CWMP_ERROR_SCHEMA,
			      "not in the Device:2.19");
	assert_register_fails(&def_unknown_param, CWMP_ERROR, CWMP_ERROR_SCHEMA, "NoSuchThing");
	assert_register_fails(&def_wrong_type, CWMP_ERROR, CWMP_ERROR_SCHEMA, "unsignedInt");
	assert_register_fails(&def_wrong_access, CWMP_ERROR, CWMP_ERROR_SCHEMA, "readOnly");
	assert_register_fails(&def_setter_on_ro, CWMP_ERROR, CWMP_ERROR_SCHEMA, "setter");
	assert_register_fails(&def_rw_no_setter, CWMP_ERROR, CWMP_ERROR_SCHEMA, "readWrite");
	assert_register_fails(&def_vendor_no_type, CWMP_ERROR, CWMP_ERROR_SCHEMA, "type");
	assert_register_fails(&def_no_source, CWMP_ERROR, CWMP_ERROR_SCHEMA, "getter");
	assert_register_fails(&table_without_callbacks, CWMP_ERROR, CWMP_ERROR_SCHEMA, "enumerate");
	assert_register_fails(&callbacks_on_single, CWMP_ERROR, CWMP_ERROR_SCHEMA, "not a table");
	assert_register_fails(&stored_ro_table, CWMP_ERROR, CWMP_ERROR_SCHEMA, "readOnly");
	assert_register_fails(&single_as_table, CWMP_ERROR, CWMP_ERROR_SCHEMA, NULL);
	assert_register_fails(&table_as_single, CWMP_ERROR, CWMP_ERROR_SCHEMA, "multi-instance");
	assert_register_fails(&not_device, CWMP_ERROR, CWMP_ERROR_SCHEMA, "Device.");
}

static void
test_register_duplicate(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDm) dm = cwmp_dm_new(cwmp_schema_get_default());
	CwmpDmRegistry *a = cwmp_dm_registry_new(dm, "a");
	CwmpDmRegistry *b = cwmp_dm_registry_new(dm, "b");
	TestSystem	sys = {0};

	g_assert_true(cwmp_dm_registry_add_object(a, &device_info, &sys, &error));
	g_assert_no_error(error);
	g_assert_false(cwmp_dm_registry_add_object(b, &device_info, &sys, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_EXISTS);
	g_assert_nonnull(strstr(error->message, "already registered by a"));
	g_clear_error(&error);
	g_assert_true(cwmp_dm_registry_add_object(a, &hosts_host, &sys, &error));
	g_assert_false(cwmp_dm_registry_add_object(b, &hosts_host, &sys, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_EXISTS);
	cwmp_dm_registry_free(a);
	cwmp_dm_registry_free(b);
}

static void
test_register_after_freeze(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	CwmpDmRegistry *late = cwmp_dm_registry_new(fx->dm, "late");
	g_assert_false(cwmp_dm_registry_add_object(late, &vendor_object, NULL, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA);
	g_assert_nonnull(strstr(error->message, "frozen"));
	cwmp_dm_registry_free(late);
}

static void
test_unregister_owner(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDm) dm = cwmp_dm_new(cwmp_schema_get_default());
	CwmpDmRegistry	 *good = cwmp_dm_registry_new(dm, "good");
	CwmpDmRegistry	 *bad = cwmp_dm_registry_new(dm, "bad");
	TestSystem	  sys = {.uptime = 7};
	g_autofree gchar *uptime = NULL;

	g_assert_true(cwmp_dm_registry_add_object(good, &device_info, &sys, &error));
	g_assert_true(cwmp_dm_registry_add_object(bad, &vendor_object, &sys, &error));
	g_assert_true(cwmp_dm_unregister_owner(dm, "bad"));
	g_assert_false(cwmp_dm_unregister_owner(dm, "never-registered"));
	g_assert_true(cwmp_dm_freeze(dm, &error));
	uptime = cwmp_dm_get_value(dm, "Device.DeviceInfo.UpTime", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(uptime, ==, "7");
	g_assert_null(cwmp_dm_get_value(dm, "Device.X_000000_Test.Mode", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	cwmp_dm_registry_free(good);
	cwmp_dm_registry_free(bad);
}

/* --- values and paths ---------------------------------------------------- */

static void
test_get_values(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) all = NULL;
	g_autofree gchar *v = NULL;

	v = get1(fx->dm, "Device.DeviceInfo.UpTime");
	g_assert_cmpstr(v, ==, "42");
	g_free(v);
	/* read when asked, never cached */
	fx->sys.uptime = 43;
	v = get1(fx->dm, "Device.DeviceInfo.UpTime");
	g_assert_cmpstr(v, ==, "43");
	g_free(v);
	/* an unset stored value reads as its default */
	v = get1(fx->dm, "Device.DeviceInfo.ProvisioningCode");
	g_assert_cmpstr(v, ==, "");
	g_free(v);
	v = get1(fx->dm, "Device.X_000000_Test.Mode");
	g_assert_cmpstr(v, ==, "Fast");
	g_free(v);
	v = get1(fx->dm, "Device.X_000000_Test.Level");
	g_assert_cmpstr(v, ==, "0");
	g_clear_pointer(&v, g_free);

	/* a getter that fails is a 9002 naming the parameter */
	g_assert_null(cwmp_dm_get_value(fx->dm, "Device.DeviceInfo.HardwareVersion", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_assert_nonnull(strstr(error->message, "HardwareVersion"));
	g_clear_error(&error);

	all = get_all(fx->dm, "Device.Hosts.", &error);
	g_assert_no_error(error);
	/* Device:2.19 deleted Host.{i}.Alias: the core adds none */
	g_assert_cmpuint(g_hash_table_size(all), ==, 1 + 2 * 2);
	g_assert_cmpstr(g_hash_table_lookup(all, "Device.Hosts.HostNumberOfEntries"), ==, "2");
	g_assert_cmpstr(g_hash_table_lookup(all, "Device.Hosts.Host.1.PhysAddress"), ==,
			"02:00:00:00:00:01");
	g_assert_false(g_hash_table_contains(all, "Device.Hosts.Host.2.Alias"));
}

static void
test_get_values_faults(Fixture *fx, gconstpointer data)
{
	const gchar *bad[] = {
	    "Device.NoSuch.",
	    "Device.DeviceInfo.NoSuch",
	    "Device.DeviceInfo",	 /* object without the dot */
	    "Device.DeviceInfo.UpTime.", /* parameter with a dot */
	    "Device.Hosts.Host.9.",	 /* no such instance */
	    "Device.Hosts.Host.0.",	 /* never an instance */
	    "Device.Hosts.Host.abc.",
	    "Device.Hosts.Host",
	    "Device..DeviceInfo.",
	    "InternetGatewayDevice.",
	    "Device.Hosts.Host.[a].", /* alias-based addressing is off */
	    "Device.DeviceInfo.1.",
	};
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(GHashTable) all = get_all(fx->dm, bad[i], &error);
		g_assert_null(all);
		g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	}
}

static void
test_wildcard_and_alias(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) all = NULL;
	g_autofree gchar *v = NULL;

	all = get_all(fx->dm, "Device.Hosts.Host.*.PhysAddress", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_hash_table_size(all), ==, 2);
	g_assert_true(g_hash_table_contains(all, "Device.Hosts.Host.2.PhysAddress"));
	g_clear_pointer(&all, g_hash_table_unref);
	all = get_all(fx->dm, "Device.Hosts.Host.*.", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_hash_table_size(all), ==, 4);
	g_clear_pointer(&all, g_hash_table_unref);

	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.Users.User.", NULL, &error));
	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.Users.User.", NULL, &error));
	set1(fx->dm, "Device.Users.User.2.Alias", "printer");
	set1(fx->dm, "Device.Users.User.2.Username", "lp");
	all = get_all(fx->dm, "Device.Users.User.[printer].", &error);
	g_assert_null(all);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	cwmp_dm_set_alias_based_addressing(fx->dm, TRUE);
	v = get1(fx->dm, "Device.Users.User.[printer].Username");
	g_assert_cmpstr(v, ==, "lp");
	all = get_all(fx->dm, "Device.Users.User.[nobody].", &error);
	g_assert_null(all);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	/* an alias stays unique within its table */
	{
		g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);
		g_assert_false(cwmp_dm_txn_set(txn, "Device.Users.User.1.Alias", "printer", 0));
		g_assert_false(cwmp_dm_txn_commit(txn, &error));
		g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	}
}

/* --- names ---------------------------------------------------------------- */

static void
names_cb(const gchar *path, gboolean writable, gpointer user_data)
{
	GHashTable *out = user_data;
	g_assert_false(g_hash_table_contains(out, path));
	g_hash_table_insert(out, g_strdup(path), GINT_TO_POINTER(writable ? 2 : 1));
}

static GHashTable *
names(CwmpDm *dm, const gchar *path, gboolean next_level, GError **error)
{
	g_autoptr(GHashTable) out = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (!cwmp_dm_get_names(dm, path, next_level, names_cb, out, error))
		return NULL;
	return g_steal_pointer(&out);
}

static void
test_get_names(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) out = NULL;

	out = names(fx->dm, "", TRUE, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_hash_table_size(out), ==, 1);
	g_assert_true(g_hash_table_contains(out, "Device."));
	g_clear_pointer(&out, g_hash_table_unref);

	out = names(fx->dm, "Device.", TRUE, &error);
	g_assert_no_error(error);
	g_assert_true(g_hash_table_contains(out, "Device.DeviceInfo."));
	g_assert_true(g_hash_table_contains(out, "Device.Users."));
	g_assert_false(g_hash_table_contains(out, "Device."));
	g_assert_false(g_hash_table_contains(out, "Device.DeviceInfo.UpTime"));
	g_clear_pointer(&out, g_hash_table_unref);

	out = names(fx->dm, "Device.Users.", TRUE, &error);
	g_assert_no_error(error);
	/* a table the ACS may add to is writable */
	g_assert_cmpint(GPOINTER_TO_INT(g_hash_table_lookup(out, "Device.Users.User.")), ==, 2);
	g_assert_cmpint(GPOINTER_TO_INT(g_hash_table_lookup(out, "Device.Users."
								 "UserNumberOfEntries")),
			==, 1);
	g_assert_cmpuint(g_hash_table_size(out), ==, 2);
	g_clear_pointer(&out, g_hash_table_unref);

	out = names(fx->dm, "Device.Hosts.Host.", TRUE, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_hash_table_size(out), ==, 2);
	g_assert_cmpint(GPOINTER_TO_INT(g_hash_table_lookup(out, "Device.Hosts.Host.1.")), ==, 1);
	g_clear_pointer(&out, g_hash_table_unref);

	out = names(fx->dm, "Device.Hosts.", FALSE, &error);
	g_assert_no_error(error);
	g_assert_true(g_hash_table_contains(out, "Device.Hosts."));
	g_assert_true(g_hash_table_contains(out, "Device.Hosts.Host."));
	g_assert_true(g_hash_table_contains(out, "Device.Hosts.Host.2."));
	g_assert_cmpint(GPOINTER_TO_INT(g_hash_table_lookup(out, "Device.Hosts.Host.2.Active")), ==,
			1);
	g_clear_pointer(&out, g_hash_table_unref);

	out = names(fx->dm, "Device.DeviceInfo.UpTime", FALSE, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_hash_table_size(out), ==, 1);
	g_clear_pointer(&out, g_hash_table_unref);

	/* NextLevel true on a parameter is invalid */
	out = names(fx->dm, "Device.DeviceInfo.UpTime", TRUE, &error);
	g_assert_null(out);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	g_clear_error(&error);
	out = names(fx->dm, "Device.Nope.", FALSE, &error);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
}

/* --- add and delete ------------------------------------------------------ */

static void
test_add_delete(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *v = NULL;
	guint32		  n = 0;

	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.Users.User.", &n, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(n, ==, 1);
	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.Users.User.", &n, &error));
	g_assert_cmpuint(n, ==, 2);
	v = get1(fx->dm, "Device.Users.User.2.Alias");
	g_assert_cmpstr(v, ==, "cpe-2");
	g_clear_pointer(&v, g_free);
	v = get1(fx->dm, "Device.Users.UserNumberOfEntries");
	g_assert_cmpstr(v, ==, "2");
	g_clear_pointer(&v, g_free);
	set1(fx->dm, "Device.Users.User.2.Username", "alice");

	g_assert_true(cwmp_dm_delete_object(fx->dm, "Device.Users.User.2.", &error));
	g_assert_no_error(error);
	/* never reused while the table lives */
	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.Users.User.", &n, &error));
	g_assert_cmpuint(n, ==, 3);
	v = get1(fx->dm, "Device.Users.User.3.Username");
	g_assert_cmpstr(v, ==, "");
	g_clear_pointer(&v, g_free);

	/* refusals */
	g_assert_false(cwmp_dm_add_object(fx->dm, "Device.Hosts.Host.", &n, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	g_assert_false(cwmp_dm_add_object(fx->dm, "Device.Users.", &n, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	g_assert_false(cwmp_dm_add_object(fx->dm, "Device.Users.User", &n, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	g_assert_false(cwmp_dm_delete_object(fx->dm, "Device.Users.User.2.", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	g_assert_false(cwmp_dm_delete_object(fx->dm, "Device.Users.User.", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	g_assert_false(cwmp_dm_delete_object(fx->dm, "Device.Hosts.Host.1.", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);

	/* maxEntries of a vendor table */
	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.X_000000_Test.Item.", &n, &error));
	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.X_000000_Test.Item.", &n, &error));
	g_assert_false(cwmp_dm_add_object(fx->dm, "Device.X_000000_Test.Item.", &n, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_RESOURCES_EXCEEDED);
	g_clear_error(&error);

	/* alias-based AddObject */
	g_assert_false(cwmp_dm_add_object(fx->dm, "Device.Users.User.[bob].", &n, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	cwmp_dm_set_alias_based_addressing(fx->dm, TRUE);
	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.Users.User.[bob].", &n, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(n, ==, 4);
	v = get1(fx->dm, "Device.Users.User.[bob].Alias");
	g_assert_cmpstr(v, ==, "bob");
	g_assert_false(cwmp_dm_add_object(fx->dm, "Device.Users.User.[bob].", &n, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_clear_error(&error);
	g_assert_true(cwmp_dm_delete_object(fx->dm, "Device.Users.User.[bob].", &error));
	g_assert_no_error(error);
}

static void
test_persistence(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDm) dm2 = NULL;
	g_autofree gchar *v = NULL;
	guint32		  n = 0;

	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.Users.User.", &n, &error));
	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.Users.User.", &n, &error));
	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.Users.User.", &n, &error));
	g_assert_true(cwmp_dm_delete_object(fx->dm, "Device.Users.User.3.", &error));
	set1(fx->dm, "Device.Users.User.2.Username", "tab\there\nnewline");
	set1(fx->dm, "Device.DeviceInfo.ProvisioningCode", "ABC.1");
	set1(fx->dm, "Device.Users.User.2.Alias", "admin");
	/* the first look at the hosts table numbers them, and that is saved */
	{
		g_autoptr(GHashTable) all = get_all(fx->dm, "Device.Hosts.", &error);
		g_assert_no_error(error);
		g_assert_nonnull(all);
	}
	g_clear_object(&fx->dm);

	/* the system changed meanwhile: host 1 left, a new one came */
	g_ptr_array_remove_index(fx->sys.hosts, 0);
	g_ptr_array_add(fx->sys.hosts, g_strdup("02:00:00:00:00:03"));

	dm2 = fixture_make_dm(fx, TRUE);
	v = get1(dm2, "Device.Users.User.2.Username");
	g_assert_cmpstr(v, ==, "tab\there\nnewline");
	g_clear_pointer(&v, g_free);
	v = get1(dm2, "Device.DeviceInfo.ProvisioningCode");
	g_assert_cmpstr(v, ==, "ABC.1");
	g_clear_pointer(&v, g_free);
	v = get1(dm2, "Device.Users.UserNumberOfEntries");
	g_assert_cmpstr(v, ==, "2");
	g_clear_pointer(&v, g_free);
	v = get1(dm2, "Device.Users.User.2.Alias");
	g_assert_cmpstr(v, ==, "admin");
	g_clear_pointer(&v, g_free);
	/* instance numbers follow the key */
	v = get1(dm2, "Device.Hosts.Host.2.PhysAddress");
	g_assert_cmpstr(v, ==, "02:00:00:00:00:02");
	g_clear_pointer(&v, g_free);
	v = get1(dm2, "Device.Hosts.Host.3.PhysAddress");
	g_assert_cmpstr(v, ==, "02:00:00:00:00:03");
	g_clear_pointer(&v, g_free);
	g_assert_null(cwmp_dm_get_value(dm2, "Device.Hosts.Host.1.PhysAddress", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	/* number 3 was used before the restart: not reused */
	g_assert_true(cwmp_dm_add_object(dm2, "Device.Users.User.", &n, &error));
	g_assert_cmpuint(n, ==, 4);
	/* host 1 comes back under its old number */
	g_ptr_array_add(fx->sys.hosts, g_strdup("02:00:00:00:00:01"));
	v = get1(dm2, "Device.Hosts.Host.1.PhysAddress");
	g_assert_cmpstr(v, ==, "02:00:00:00:00:01");
}

static void
test_enumerate_once_per_request(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) all = NULL;
	guint before = fx->sys.enumerate_calls;

	/* HostNumberOfEntries and the table itself: one dump of the system */
	all = get_all(fx->dm, "Device.Hosts.", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(fx->sys.enumerate_calls - before, ==, 1);
	g_clear_pointer(&all, g_hash_table_unref);

	fx->sys.fail_enumerate = TRUE;
	all = get_all(fx->dm, "Device.Hosts.", &error);
	g_assert_null(all);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_assert_nonnull(strstr(error->message, "netlink dump failed"));
}

static void
test_enumerate_fails_silently(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) all = NULL;
	g_autoptr(CwmpDmTxn) txn = NULL;
	GPtrArray    *faults;
	CwmpDmObject *hosts = cwmp_dm_lookup_object(fx->dm, "Device.Hosts.");

	/* a plugin that fails without saying why still gives a fault, not a crash */
	fx->sys.fail_enumerate_silently = TRUE;
	all = get_all(fx->dm, "Device.Hosts.", &error);
	g_assert_null(all);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_clear_error(&error);

	txn = cwmp_dm_txn_new(fx->dm);
	g_assert_false(cwmp_dm_txn_set(txn, "Device.Hosts.Host.1.Active", "false", 0));
	faults = cwmp_dm_txn_get_faults(txn);
	g_assert_cmpuint(faults->len, ==, 1);
	g_assert_cmpint(((CwmpDmFault *) g_ptr_array_index(faults, 0))->code, ==,
			CWMP_FAULT_INTERNAL_ERROR);

	/* new request, so the table is enumerated again */
	g_assert_nonnull(hosts);
	cwmp_dm_set_poll_budget(fx->dm, 1);
	cwmp_dm_poll(fx->dm);
	g_assert_null(cwmp_dm_object_lookup_instance(hosts, "Host", "02:00:00:00:00:01"));
}

static gboolean
test_add_silent_fail(CwmpDmObject *instance, gpointer user_data, GError **error)
{
	gboolean *fail = user_data;
	return !*fail;
}

static gboolean
test_del_silent_fail(CwmpDmObject *instance, gpointer user_data, GError **error)
{
	gboolean *fail = user_data;
	return !*fail;
}

static void
test_add_delete_fail_silently(void)
{
	static const CwmpDmObjectDef things = {
	    .path = "Device.X_000000_Thing.{i}.",
	    .access = CWMP_ACCESS_READ_WRITE,
	    .add = test_add_silent_fail,
	    .del = test_del_silent_fail,
	};
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDm) dm = cwmp_dm_new(cwmp_schema_get_default());
	CwmpDmRegistry *registry = cwmp_dm_registry_new(dm, "test");
	gboolean	fail = FALSE;
	guint32		number = 0;

	g_assert_true(cwmp_dm_registry_add_object(registry, &things, &fail, &error));
	g_assert_no_error(error);
	cwmp_dm_registry_free(registry);
	g_assert_true(cwmp_dm_freeze(dm, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_dm_add_object(dm, "Device.X_000000_Thing.", &number, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(number, ==, 1);

	/* a plugin that refuses without a GError: a fault, not a crash */
	fail = TRUE;
	g_assert_false(cwmp_dm_add_object(dm, "Device.X_000000_Thing.", &number, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_clear_error(&error);
	g_assert_false(cwmp_dm_delete_object(dm, "Device.X_000000_Thing.1.", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_clear_error(&error);
	g_assert_nonnull(cwmp_dm_lookup_object(dm, "Device.X_000000_Thing.1."));
}

static void
test_set_sees_current_table(Fixture *fx, gconstpointer data)
{
	g_autoptr(GHashTable) all = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDmTxn) txn = NULL;
	GPtrArray *faults;

	all = get_all(fx->dm, "Device.Hosts.", &error);
	g_assert_no_error(error);
	/* a host appears after the last request: SetParameterValues is a new
	 * request and must see it (9008 read-only, not 9005 no such instance) */
	g_ptr_array_add(fx->sys.hosts, g_strdup("02:00:00:00:00:03"));
	txn = cwmp_dm_txn_new(fx->dm);
	g_assert_false(cwmp_dm_txn_set(txn, "Device.Hosts.Host.3.Active", "false", 0));
	faults = cwmp_dm_txn_get_faults(txn);
	g_assert_cmpuint(faults->len, ==, 1);
	g_assert_cmpint(((CwmpDmFault *) g_ptr_array_index(faults, 0))->code, ==,
			CWMP_FAULT_NON_WRITABLE_PARAMETER);
}

/* --- attributes and value changes --------------------------------------- */

typedef struct {
	GHashTable *values;
} AttrOut;

static void
attr_cb(const gchar	   *path,
	CwmpDmNotification  notification,
	const gchar *const *access_list,
	gpointer	    user_data)
{
	GHashTable	 *out = user_data;
	g_autofree gchar *joined = g_strjoinv(",", (gchar **) access_list);
	g_hash_table_insert(out, g_strdup(path), g_strdup_printf("%u/%s", notification, joined));
}

static GHashTable *
attrs(CwmpDm *dm, const gchar *path)
{
	g_autoptr(GError) error = NULL;
	GHashTable *out = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_assert_true(cwmp_dm_get_attributes(dm, path, attr_cb, out, &error));
	g_assert_no_error(error);
	return out;
}

static void
test_attributes(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) out = NULL;
	g_autoptr(CwmpDm) dm2 = NULL;
	const gchar *const     subscriber[] = {"Subscriber", NULL};
	const gchar *const     bogus[] = {"Everybody", NULL};
	CwmpDmAttributeRequest req[2] = {{0}};

	out = attrs(fx->dm, "Device.DeviceInfo.");
	g_assert_cmpstr(g_hash_table_lookup(out, "Device.DeviceInfo.UpTime"), ==, "0/");
	/* forceEnabled */
	g_assert_cmpstr(g_hash_table_lookup(out, "Device.DeviceInfo.SoftwareVersion"), ==, "2/");
	g_clear_pointer(&out, g_hash_table_unref);

	req[0].path = "Device.Users.";
	req[0].notification_change = TRUE;
	req[0].notification = CWMP_DM_NOTIFICATION_PASSIVE;
	g_assert_true(cwmp_dm_add_object(fx->dm, "Device.Users.User.", NULL, &error));
	g_assert_true(cwmp_dm_set_attributes(fx->dm, req, 1, &error));
	g_assert_no_error(error);
	out = attrs(fx->dm, "Device.Users.");
	g_assert_cmpstr(g_hash_table_lookup(out, "Device.Users.User.1.Username"), ==, "1/");
	g_assert_cmpstr(g_hash_table_lookup(out, "Device.Users.UserNumberOfEntries"), ==, "1/");
	g_clear_pointer(&out, g_hash_table_unref);

	/* refusals: forceEnabled off, canDeny active, lightweight, undefined, bad access list */
	req[0].path = "Device.DeviceInfo.SoftwareVersion";
	req[0].notification = CWMP_DM_NOTIFICATION_OFF;
	g_assert_false(cwmp_dm_set_attributes(fx->dm, req, 1, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_NOTIFICATION_REJECTED);
	g_clear_error(&error);
	req[0].path = "Device.DeviceInfo.UpTime";
	req[0].notification = CWMP_DM_NOTIFICATION_ACTIVE;
	g_assert_false(cwmp_dm_set_attributes(fx->dm, req, 1, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_NOTIFICATION_REJECTED);
	g_clear_error(&error);
	req[0].notification = 4;
	g_assert_false(cwmp_dm_set_attributes(fx->dm, req, 1, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_NOTIFICATION_REJECTED);
	g_clear_error(&error);
	req[0].notification = 7;
	g_assert_false(cwmp_dm_set_attributes(fx->dm, req, 1, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	g_clear_error(&error);
	req[0].path = "Device.DeviceInfo.Nope";
	req[0].notification = 1;
	g_assert_false(cwmp_dm_set_attributes(fx->dm, req, 1, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);

	/* all or nothing: the good first request is not applied */
	req[0].path = "Device.X_000000_Test.Mode";
	req[0].notification = CWMP_DM_NOTIFICATION_PASSIVE;
	req[0].access_list_change = TRUE;
	req[0].access_list = subscriber;
	req[1].path = "Device.DeviceInfo.UpTime";
	req[1].access_list_change = TRUE;
	req[1].access_list = bogus;
	g_assert_false(cwmp_dm_set_attributes(fx->dm, req, 2, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	g_clear_error(&error);
	out = attrs(fx->dm, "Device.X_000000_Test.Mode");
	g_assert_cmpstr(g_hash_table_lookup(out, "Device.X_000000_Test.Mode"), ==, "0/");
	g_clear_pointer(&out, g_hash_table_unref);

	g_assert_true(cwmp_dm_set_attributes(fx->dm, req, 1, &error));
	g_assert_no_error(error);
	g_clear_object(&fx->dm);
	dm2 = fixture_make_dm(fx, TRUE);
	out = attrs(dm2, "Device.X_000000_Test.Mode");
	g_assert_cmpstr(g_hash_table_lookup(out, "Device.X_000000_Test.Mode"), ==, "1/Subscriber");
}

static void
value_changed_cb(CwmpDm *dm, const gchar *path, guint notification, gpointer user_data)
{
	GHashTable *seen = user_data;
	g_hash_table_insert(seen, g_strdup(path), GUINT_TO_POINTER(notification));
}

static void
test_value_change(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GPtrArray) changed = NULL;
	g_autoptr(CwmpDm) dm2 = NULL;
	CwmpDmAttributeRequest req = {.path = "Device.X_000000_Test.Level",
				      .notification_change = TRUE,
				      .notification = CWMP_DM_NOTIFICATION_PASSIVE};

	g_signal_connect(fx->dm, "value-changed", G_CALLBACK(value_changed_cb), seen);
	g_assert_true(cwmp_dm_set_attributes(fx->dm, &req, 1, &error));
	g_assert_no_error(error);

	/* first poll: baselines only */
	cwmp_dm_poll(fx->dm);
	g_assert_cmpuint(g_hash_table_size(seen), ==, 0);

	/* the ACS's own change is not reported back */
	set1(fx->dm, "Device.X_000000_Test.Level", "3");
	g_assert_cmpuint(cwmp_dm_poll(fx->dm), ==, 0);
	changed = cwmp_dm_get_changed(fx->dm);
	g_assert_cmpuint(changed->len, ==, 0);
	g_clear_pointer(&changed, g_ptr_array_unref);

	/* a change from the system: SoftwareVersion is forceEnabled (active) */
	g_free(fx->sys.software_version);
	fx->sys.software_version = g_strdup("2.0");
	g_assert_cmpuint(cwmp_dm_poll(fx->dm), ==, 1);
	g_assert_cmpuint(GPOINTER_TO_UINT(g_hash_table_lookup(seen, "Device.DeviceInfo."
								    "SoftwareVersion")),
			 ==, 2);
	/* polling again does not report it twice */
	g_assert_cmpuint(cwmp_dm_poll(fx->dm), ==, 0);
	changed = cwmp_dm_get_changed(fx->dm);
	g_assert_cmpuint(changed->len, ==, 1);
	g_assert_cmpstr(((CwmpDmParamValue *) g_ptr_array_index(changed, 0))->value, ==, "2.0");
	g_clear_pointer(&changed, g_ptr_array_unref);

	/* reported in an Inform, then the ACS sets the parameter in the same
	 * session: the acknowledgement must not bring back the reported value */
	{
		g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);
		cwmp_dm_txn_set_local(txn, TRUE);
		g_assert_true(cwmp_dm_txn_set(txn, "Device.X_000000_Test.Level", "1", 0));
		g_assert_true(cwmp_dm_txn_commit(txn, &error));
		g_assert_no_error(error);
		changed = cwmp_dm_get_changed(fx->dm);
		g_assert_cmpuint(changed->len, ==, 2);
		g_clear_pointer(&changed, g_ptr_array_unref);
		set1(fx->dm, "Device.X_000000_Test.Level", "4");
		g_assert_true(cwmp_dm_ack_changed(fx->dm, &error));
		g_assert_no_error(error);
		g_assert_cmpuint(cwmp_dm_poll(fx->dm), ==, 0);
		changed = cwmp_dm_get_changed(fx->dm);
		g_assert_cmpuint(changed->len, ==, 0);
		g_clear_pointer(&changed, g_ptr_array_unref);
	}
	g_free(fx->sys.software_version);
	fx->sys.software_version = g_strdup("3.0");
	g_assert_cmpuint(cwmp_dm_poll(fx->dm), ==, 1);
	changed = cwmp_dm_get_changed(fx->dm);
	g_assert_cmpuint(changed->len, ==, 1);
	g_assert_cmpstr(((CwmpDmParamValue *) g_ptr_array_index(changed, 0))->value, ==, "3.0");
	g_clear_pointer(&changed, g_ptr_array_unref);

	/* not acknowledged, then a restart: the change is still pending */
	g_assert_true(cwmp_dm_save(fx->dm, &error));
	g_clear_object(&fx->dm);
	dm2 = fixture_make_dm(fx, TRUE);
	cwmp_dm_poll(dm2);
	changed = cwmp_dm_get_changed(dm2);
	g_assert_cmpuint(changed->len, ==, 1);
	g_clear_pointer(&changed, g_ptr_array_unref);
	g_assert_true(cwmp_dm_ack_changed(dm2, &error));
	g_assert_no_error(error);
	changed = cwmp_dm_get_changed(dm2);
	g_assert_cmpuint(changed->len, ==, 0);
	g_clear_pointer(&changed, g_ptr_array_unref);
	g_assert_cmpuint(cwmp_dm_poll(dm2), ==, 0);
}

static void
test_push_change(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	CwmpDmObject	      *hosts = cwmp_dm_lookup_object(fx->dm, "Device.Hosts.");
	CwmpDmObject	      *info = cwmp_dm_lookup_object(fx->dm, "Device.DeviceInfo.");
	CwmpDmObject	      *host;
	CwmpDmAttributeRequest req = {.path = "Device.DeviceInfo.UpTime",
				      .notification_change = TRUE,
				      .notification = CWMP_DM_NOTIFICATION_PASSIVE};
	g_autofree gchar      *v = NULL;
	g_autofree gchar      *path = NULL;

	g_assert_nonnull(hosts);
	g_assert_nonnull(info);
	g_assert_null(cwmp_dm_lookup_object(fx->dm, "Device.Hosts.Host."));
	g_assert_null(cwmp_dm_lookup_object(fx->dm, "Device.DeviceInfo.UpTime"));
	g_signal_connect(fx->dm, "value-changed", G_CALLBACK(value_changed_cb), seen);

	v = get1(fx->dm, "Device.Hosts.HostNumberOfEntries");
	g_assert_cmpstr(v, ==, "2");
	g_clear_pointer(&v, g_free);
	/* a plugin pushes a new instance: it gets the next number at once */
	g_ptr_array_add(fx->sys.hosts, g_strdup("02:00:00:00:00:09"));
	host = cwmp_dm_object_push_instance(hosts, "Host", "02:00:00:00:00:09", NULL, NULL);
	g_assert_nonnull(host);
	g_assert_cmpuint(cwmp_dm_object_get_instance(host), ==, 3);
	path = cwmp_dm_object_dup_path(host);
	g_assert_cmpstr(path, ==, "Device.Hosts.Host.3.");
	v = get1(fx->dm, "Device.Hosts.HostNumberOfEntries");
	g_assert_cmpstr(v, ==, "3");
	g_clear_pointer(&v, g_free);
	g_assert_true(cwmp_dm_object_remove_instance(hosts, "Host", "02:00:00:00:00:09"));
	g_assert_false(cwmp_dm_object_remove_instance(hosts, "Host", "02:00:00:00:00:09"));
	g_ptr_array_remove_index(fx->sys.hosts, 2);
	v = get1(fx->dm, "Device.Hosts.HostNumberOfEntries");
	g_assert_cmpstr(v, ==, "2");
	g_clear_pointer(&v, g_free);

	/* a pushed value change is reported without polling */
	g_assert_true(cwmp_dm_set_attributes(fx->dm, &req, 1, &error));
	g_assert_no_error(error);
	cwmp_dm_object_notify_changed(info, "UpTime");
	g_assert_cmpuint(g_hash_table_size(seen), ==, 0);
	fx->sys.uptime = 1000;
	cwmp_dm_object_notify_changed(info, "UpTime");
	g_assert_cmpuint(GPOINTER_TO_UINT(g_hash_table_lookup(seen, "Device.DeviceInfo.UpTime")),
			 ==, 1);

	/* reported in an Inform, then pushed again during the session: the second
	 * change is not lost when the first is acknowledged (push parameters are
	 * not polled) */
	{
		g_autoptr(GPtrArray) changed = cwmp_dm_get_changed(fx->dm);
		g_assert_cmpuint(changed->len, ==, 1);
		g_assert_cmpstr(((CwmpDmParamValue *) g_ptr_array_index(changed, 0))->value, ==,
				"1000");
	}
	g_hash_table_remove_all(seen);
	fx->sys.uptime = 2000;
	cwmp_dm_object_notify_changed(info, "UpTime");
	g_assert_true(g_hash_table_contains(seen, "Device.DeviceInfo.UpTime"));
	g_assert_true(cwmp_dm_ack_changed(fx->dm, &error));
	g_assert_no_error(error);
	cwmp_dm_poll(fx->dm);
	{
		g_autoptr(GPtrArray) changed = cwmp_dm_get_changed(fx->dm);
		g_assert_cmpuint(changed->len, ==, 1);
		g_assert_cmpstr(((CwmpDmParamValue *) g_ptr_array_index(changed, 0))->value, ==,
				"2000");
	}
	g_assert_true(cwmp_dm_ack_changed(fx->dm, &error));
	{
		g_autoptr(GPtrArray) changed = cwmp_dm_get_changed(fx->dm);
		g_assert_cmpuint(changed->len, ==, 0);
	}
}

static void
test_push_change_across_restart(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) changed = NULL;
	CwmpDmObject	      *info = cwmp_dm_lookup_object(fx->dm, "Device.DeviceInfo.");
	CwmpDmAttributeRequest req = {.path = "Device.DeviceInfo.UpTime",
				      .notification_change = TRUE,
				      .notification = CWMP_DM_NOTIFICATION_PASSIVE};

	g_assert_true(cwmp_dm_set_attributes(fx->dm, &req, 1, &error));
	g_assert_no_error(error);
	/* pushed, not yet reported, then cwmpd restarts: the plugin does not push
	 * it again, the first poll after the start must still see it */
	fx->sys.uptime = 1000;
	cwmp_dm_object_notify_changed(info, "UpTime");
	g_assert_true(cwmp_dm_save(fx->dm, &error));
	g_assert_no_error(error);
	g_clear_object(&fx->dm);
	fx->dm = fixture_make_dm(fx, TRUE);
	g_assert_cmpuint(cwmp_dm_poll(fx->dm), ==, 1);
	changed = cwmp_dm_get_changed(fx->dm);
	g_assert_cmpuint(changed->len, ==, 1);
	g_assert_cmpstr(((CwmpDmParamValue *) g_ptr_array_index(changed, 0))->value, ==, "1000");
	g_clear_pointer(&changed, g_ptr_array_unref);
	/* from then on the plugin pushes: no polling of it */
	g_assert_true(cwmp_dm_ack_changed(fx->dm, &error));
	fx->sys.uptime = 2000;
	g_assert_cmpuint(cwmp_dm_poll(fx->dm), ==, 0);
}

/* --- the store ----------------------------------------------------------- */

static void
test_truncated_state(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *file = g_build_filename(fx->dir, "dm.state", NULL);
	g_autofree gchar *contents = NULL;
	gsize		  len = 0;
	CwmpDm		 *dm2;

	set1(fx->dm, "Device.DeviceInfo.ProvisioningCode", "keep-me");
	g_clear_object(&fx->dm);
	g_assert_true(g_file_get_contents(file, &contents, &len, &error));
	g_assert_true(g_file_set_contents(file, contents, len / 2, &error));

	dm2 = fixture_make_dm(fx, FALSE);
	g_assert_false(cwmp_dm_freeze(dm2, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT);
	g_assert_false(cwmp_dm_is_frozen(dm2));
	/* the evidence is untouched */
	{
		g_autofree gchar *after = NULL;
		gsize		  after_len = 0;
		g_clear_error(&error);
		g_assert_true(g_file_get_contents(file, &after, &after_len, &error));
		g_assert_cmpuint(after_len, ==, len / 2);
	}
	/* the file repaired (the agent moves it aside), a second freeze works and
	 * leaks nothing of the first attempt (run under valgrind) */
	g_assert_true(g_file_set_contents(file, contents, len, &error));
	g_assert_true(cwmp_dm_freeze(dm2, &error));
	g_assert_no_error(error);
	{
		g_autofree gchar *v = get1(dm2, "Device.DeviceInfo.ProvisioningCode");
		g_assert_cmpstr(v, ==, "keep-me");
	}
	g_object_unref(dm2);
}

static void
test_orphans_kept(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpStore) store = cwmp_store_new(fx->dir, "dm.state", "dm");
	g_autoptr(CwmpDm) dm2 = cwmp_dm_new(cwmp_schema_get_default());
	g_autoptr(CwmpDm) dm3 = NULL;
	CwmpDmRegistry	 *registry;
	g_autofree gchar *v = NULL;

	set1(fx->dm, "Device.X_000000_Test.Mode", "Slow");
	g_clear_object(&fx->dm);

	/* a data model without the vendor object (plugin disabled) */
	cwmp_dm_set_store(dm2, store);
	registry = cwmp_dm_registry_new(dm2, "test");
	g_assert_true(cwmp_dm_registry_add_object(registry, &device_info, &fx->sys, &error));
	cwmp_dm_registry_free(registry);
	g_assert_true(cwmp_dm_freeze(dm2, &error));
	set1(dm2, "Device.DeviceInfo.ProvisioningCode", "x");
	g_clear_object(&dm2);

	/* the vendor value survived a save by a data model that did not know it */
	dm3 = fixture_make_dm(fx, TRUE);
	v = get1(dm3, "Device.X_000000_Test.Mode");
	g_assert_cmpstr(v, ==, "Slow");
}

static void
test_instance_numbers_exhausted(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpStore) store = cwmp_store_new(fx->dir, "dm.state", "dm");
	g_autoptr(CwmpStoreWriter) writer = NULL;
	g_autoptr(GHashTable) all = NULL;
	g_autofree gchar *v = NULL;

	/* a table that handed out the last number once: numbers are never reused,
	 * so a key loaded after that one must not wind the counter back */
	g_clear_object(&fx->dm);
	writer = cwmp_store_writer_new(store, &error);
	g_assert_no_error(error);
	g_assert_true(cwmp_store_writer_add3(writer, 'k', "Device.Hosts.Host.", "02:00:00:00:00:01",
					     "2", &error));
	g_assert_true(cwmp_store_writer_add3(writer, 'k', "Device.Hosts.Host.", "02:00:00:00:00:02",
					     "4294967295", &error));
	g_assert_true(
	    cwmp_store_writer_add3(writer, 'k', "Device.Hosts.Host.", "gone", "1", &error));
	g_assert_true(cwmp_store_writer_commit(writer, &error));
	g_assert_no_error(error);
	fx->dm = fixture_make_dm(fx, TRUE);

	g_ptr_array_add(fx->sys.hosts, g_strdup("02:00:00:00:00:03"));
	/* the third host cannot be numbered, in each request */
	g_test_expect_message("CwmpCore", G_LOG_LEVEL_WARNING, "*no instance number left*");
	g_test_expect_message("CwmpCore", G_LOG_LEVEL_WARNING, "*no instance number left*");
	all = get_all(fx->dm, "Device.Hosts.", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(g_hash_table_lookup(all, "Device.Hosts.Host.2.PhysAddress"), ==,
			"02:00:00:00:00:01");
	g_assert_cmpstr(g_hash_table_lookup(all, "Device.Hosts.Host.4294967295.PhysAddress"), ==,
			"02:00:00:00:00:02");
	v = get1(fx->dm, "Device.Hosts.HostNumberOfEntries");
	g_test_assert_expected_messages();
	g_assert_cmpstr(v, ==, "2");
}

static void
test_forced_inform(Fixture *fx, gconstpointer data)
{
	g_autoptr(GPtrArray) paths = cwmp_dm_get_forced_inform_paths(fx->dm);
	/* of the seven in the schema, the ones this data model registers */
	g_assert_cmpuint(paths->len, ==, 3);
	g_assert_cmpstr(g_ptr_array_index(paths, 0), ==, "Device.DeviceInfo.HardwareVersion");
	g_assert_cmpstr(g_ptr_array_index(paths, 1), ==, "Device.DeviceInfo.ProvisioningCode");
	g_assert_cmpstr(g_ptr_array_index(paths, 2), ==, "Device.DeviceInfo.SoftwareVersion");
}

/* an instance removed while the core walks it is freed only after the request */
static void
test_remove_during_walk(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) all = NULL;

	all = get_all(fx->dm, "Device.Hosts.", &error);
	g_assert_no_error(error);
	g_clear_pointer(&all, g_hash_table_unref);
	fx->sys.vanish_while_read = g_strdup("02:00:00:00:00:01");
	all = get_all(fx->dm, "Device.Hosts.", &error);
	g_assert_no_error(error);
	g_assert_true(g_hash_table_contains(all, "Device.Hosts.Host.1.Active"));
	g_free(fx->sys.vanish_while_read);
	fx->sys.vanish_while_read = NULL;
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/dm/register/refusals", test_register_refusals);
	g_test_add_func("/cwmp/dm/register/duplicate", test_register_duplicate);
	g_test_add_func("/cwmp/dm/register/unregister-owner", test_unregister_owner);
	g_test_add("/cwmp/dm/register/after-freeze", Fixture, NULL, fixture_setup,
		   test_register_after_freeze, fixture_teardown);
	g_test_add("/cwmp/dm/get/values", Fixture, NULL, fixture_setup, test_get_values,
		   fixture_teardown);
	g_test_add("/cwmp/dm/get/faults", Fixture, NULL, fixture_setup, test_get_values_faults,
		   fixture_teardown);
	g_test_add("/cwmp/dm/get/wildcard-alias", Fixture, NULL, fixture_setup,
		   test_wildcard_and_alias, fixture_teardown);
	g_test_add("/cwmp/dm/get/enumerate-once", Fixture, NULL, fixture_setup,
		   test_enumerate_once_per_request, fixture_teardown);
	g_test_add("/cwmp/dm/get/enumerate-fails-silently", Fixture, NULL, fixture_setup,
		   test_enumerate_fails_silently, fixture_teardown);
	g_test_add_func("/cwmp/dm/add/fails-silently", test_add_delete_fail_silently);
	g_test_add("/cwmp/dm/push-change-across-restart", Fixture, NULL, fixture_setup,
		   test_push_change_across_restart, fixture_teardown);
	g_test_add("/cwmp/dm/txn/sees-current-table", Fixture, NULL, fixture_setup,
		   test_set_sees_current_table, fixture_teardown);
	g_test_add("/cwmp/dm/names", Fixture, NULL, fixture_setup, test_get_names,
		   fixture_teardown);
	g_test_add("/cwmp/dm/add-delete", Fixture, NULL, fixture_setup, test_add_delete,
		   fixture_teardown);
	g_test_add("/cwmp/dm/persistence", Fixture, NULL, fixture_setup, test_persistence,
		   fixture_teardown);
	g_test_add("/cwmp/dm/attributes", Fixture, NULL, fixture_setup, test_attributes,
		   fixture_teardown);
	g_test_add("/cwmp/dm/value-change", Fixture, NULL, fixture_setup, test_value_change,
		   fixture_teardown);
	g_test_add("/cwmp/dm/push-change", Fixture, NULL, fixture_setup, test_push_change,
		   fixture_teardown);
	g_test_add("/cwmp/dm/store/truncated", Fixture, NULL, fixture_setup, test_truncated_state,
		   fixture_teardown);
	g_test_add("/cwmp/dm/store/orphans", Fixture, NULL, fixture_setup, test_orphans_kept,
		   fixture_teardown);
	g_test_add("/cwmp/dm/store/instance-numbers-exhausted", Fixture, NULL, fixture_setup,
		   test_instance_numbers_exhausted, fixture_teardown);
	g_test_add("/cwmp/dm/forced-inform", Fixture, NULL, fixture_setup, test_forced_inform,
		   fixture_teardown);
	g_test_add("/cwmp/dm/get/remove-during-walk", Fixture, NULL, fixture_setup,
		   test_remove_during_walk, fixture_teardown);
	return g_test_run();
}
