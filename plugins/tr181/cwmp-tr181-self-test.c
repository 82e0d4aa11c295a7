/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/timex.h>
#include <sys/utsname.h>

#include "cwmp-config.h"
#include "cwmp-plugin-context-private.h"
#include "cwmp-tr181-private.h"
#include "cwmp-tr181-test-netns.h"

const CwmpPluginDesc *
cwmp_plugin_tr181_get_info(void);

/* --- helpers ------------------------------------------------------------- */

static gchar *
cwmp_tr181_self_test_call_getter(CwmpTr181Plugin       *state,
				 const CwmpDmObjectDef *object,
				 const gchar	       *name,
				 GError		      **error)
{
	for (guint i = 0; object->params[i].name != NULL; i++) {
		const CwmpDmParamDef *def = &object->params[i];
		if (g_strcmp0(def->name, name) != 0)
			continue;
		g_assert_nonnull(def->get);
		return def->get(NULL, name, state, error);
	}
	g_assert_not_reached();
	return NULL;
}

static void
cwmp_tr181_self_test_assert_getter(CwmpTr181Plugin *state, const gchar *name, const gchar *expected)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *value =
	    cwmp_tr181_self_test_call_getter(state, &cwmp_tr181_device_info_object, name, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(value, ==, expected);
}

static void
cwmp_tr181_self_test_assert_getter_fault(CwmpTr181Plugin *state,
					 const gchar	 *name,
					 const gchar	 *message_part)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *value =
	    cwmp_tr181_self_test_call_getter(state, &cwmp_tr181_device_info_object, name, &error);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_assert_null(value);
	if (g_strstr_len(error->message, -1, message_part) == NULL)
		g_error("%s: '%s' does not mention '%s'", name, error->message, message_part);
}

/* whole seconds since boot, read independently of the plugin */
static guint64
cwmp_tr181_self_test_read_uptime(void)
{
	g_autofree gchar *text = NULL;
	g_assert_true(g_file_get_contents("/proc/uptime", &text, NULL, NULL));
	return (guint64) g_ascii_strtod(text, NULL);
}

/* a key of the system's os-release, read independently of the plugin */
static gchar *
cwmp_tr181_self_test_os_release(const gchar *key)
{
	g_autofree gchar *text = NULL;
	g_auto(GStrv) lines = NULL;
	g_autofree gchar *prefix = g_strconcat(key, "=", NULL);

	if (!g_file_get_contents("/etc/os-release", &text, NULL, NULL) &&
	    !g_file_get_contents("/usr/lib/os-release", &text, NULL, NULL))
		return NULL;
	lines = g_strsplit(text, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		if (g_str_has_prefix(lines[i], prefix)) {
			gchar *value = g_strstrip(lines[i] + strlen(prefix));
			gsize  len = strlen(value);
			if (len >= 2 && (value[0] == '"' || value[0] == '\'') &&
			    value[len - 1] == value[0]) {
				value[len - 1] = '\0';
				value++;
			}
			return value[0] != '\0' ? g_strdup(value) : NULL;
		}
	}
	return NULL;
}

/* ModelName as the system says it: firmware, device tree, then the OS name */
static gchar *
cwmp_tr181_self_test_model_name(void)
{
	const gchar *sources[] = {"/sys/class/dmi/id/product_name", "/proc/device-tree/model"};

	for (guint i = 0; i < G_N_ELEMENTS(sources); i++) {
		g_autofree gchar *text = NULL;
		if (g_file_get_contents(sources[i], &text, NULL, NULL) &&
		    !cwmp_tr181_system_is_placeholder(g_strstrip(text)))
			return g_steal_pointer(&text);
	}
	{
		gchar *name = cwmp_tr181_self_test_os_release("NAME");
		return name != NULL ? name : g_strdup("EX-Gateway");
	}
}

/* --- pure logic ---------------------------------------------------------- */

static void
cwmp_tr181_self_test_serial_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *filename =
	    g_test_build_filename(G_TEST_DIST, "tests", "machine-id", NULL);
	g_autofree gchar *bad = NULL;
	g_autofree gchar *missing = NULL;
	g_autofree gchar *serial = NULL;
	g_autofree gchar *serial2 = NULL;

	serial = cwmp_tr181_device_info_serial_from_machine_id(filename, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(serial, ==, "A1B2C3D4E5F60718");

	/* stable: the same file gives the same serial */
	serial2 = cwmp_tr181_device_info_serial_from_machine_id(filename, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(serial, ==, serial2);

	/* a first-boot placeholder is not an identity */
	bad = g_test_build_filename(G_TEST_DIST, "tests", "machine-id-uninitialized", NULL);
	g_assert_null(cwmp_tr181_device_info_serial_from_machine_id(bad, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_assert_nonnull(strstr(error->message, bad));
	g_clear_error(&error);

	/* a missing file names the file and the errno text */
	missing = g_test_build_filename(G_TEST_DIST, "tests", "no-such-machine-id", NULL);
	g_assert_null(cwmp_tr181_device_info_serial_from_machine_id(missing, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_assert_nonnull(strstr(error->message, missing));
	g_assert_nonnull(strstr(error->message, g_strerror(ENOENT)));
}

static void
cwmp_tr181_self_test_os_release_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) pc = NULL;
	g_autoptr(GHashTable) arm = NULL;
	g_autoptr(GHashTable) none = NULL;
	g_autoptr(GHashTable) only_codename = NULL;
	g_autofree gchar *pc_root = g_test_build_filename(G_TEST_DIST, "tests", "sysroot-pc", NULL);
	g_autofree gchar *arm_root =
	    g_test_build_filename(G_TEST_DIST, "tests", "sysroot-arm", NULL);
	g_autofree gchar *version = NULL;
	g_autofree gchar *version_arm = NULL;
	g_autofree gchar *version_kernel = NULL;
	g_autofree gchar *version_none = NULL;

	/* etc/os-release, with shell quoting and junk lines */
	g_assert_true(cwmp_tr181_system_load_os_release(pc_root, &pc, &error));
	g_assert_no_error(error);
	g_assert_nonnull(pc);
	g_assert_cmpstr(g_hash_table_lookup(pc, "PRETTY_NAME"), ==, "Example OS 12 (gateway)");
	g_assert_cmpstr(g_hash_table_lookup(pc, "HOME_URL"), ==, "https://example.org/");
	g_assert_cmpstr(g_hash_table_lookup(pc, "BUILD_ID"), ==, "20260301.1");
	g_assert_null(g_hash_table_lookup(pc, "this line is not KEY"));
	version = cwmp_tr181_device_info_software_version(pc, "6.1.0", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(version, ==, "12.20260301.1");

	/* usr/lib/os-release when etc/ has none; a rolling release has only BUILD_ID */
	g_assert_true(cwmp_tr181_system_load_os_release(arm_root, &arm, &error));
	g_assert_no_error(error);
	g_assert_nonnull(arm);
	version_arm = cwmp_tr181_device_info_software_version(arm, "6.6.20", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(version_arm, ==, "rolling");

	/* no os-release at all is no error; the kernel release is the last resort */
	g_assert_true(cwmp_tr181_system_load_os_release("/nonexistent-sysroot", &none, &error));
	g_assert_no_error(error);
	g_assert_null(none);
	version_kernel = cwmp_tr181_device_info_software_version(NULL, "6.1.0-18-amd64", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(version_kernel, ==, "6.1.0-18-amd64");

	only_codename = cwmp_tr181_system_parse_os_release("VERSION_CODENAME=trixie\nVERSION_ID="
							   "\n");
	version_none = cwmp_tr181_device_info_software_version(only_codename, NULL, &error);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_assert_null(version_none);
}

static void
cwmp_tr181_self_test_uptime_func(void)
{
	const gchar *bad[] = {"", "abc", "-1.0 2.0", "12x.5 1.0", "4294967296.00 1.00"};
	guint32	     seconds = 0;

	g_assert_true(cwmp_tr181_system_parse_uptime("12345.67 23456.78", &seconds, NULL));
	g_assert_cmpuint(seconds, ==, 12345);
	g_assert_true(cwmp_tr181_system_parse_uptime("4294967295.99 1.00", &seconds, NULL));
	g_assert_cmpuint(seconds, ==, G_MAXUINT32);
	g_assert_true(cwmp_tr181_system_parse_uptime("7", &seconds, NULL));
	g_assert_cmpuint(seconds, ==, 7);
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_assert_false(cwmp_tr181_system_parse_uptime(bad[i], &seconds, &error));
		g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	}
}

static void
cwmp_tr181_self_test_time_zone_func(void)
{
	g_autofree gchar *too_long = g_strnfill(257, 'A');
	g_autofree gchar *padding = g_strnfill(252, 'x');
	g_autofree gchar *longest = g_strconcat("UTC0", padding, NULL);
	const gchar	 *good[] = {
		 "UTC0",
		 "EST5EDT",
		 "EST+5 EDT,M4.1.0/2,M10.5.0/2", /* the schema's own example */
		 "CET-1CEST,M3.5.0,M10.5.0/3",
		 "<+0330>-3:30",
		 ":Europe/Paris",
	     };
	const gchar *bad[] = {
	    "",	   "Europe/Paris", /* an Olson name is not a POSIX TZ string */
	    "UT0", "CET",	   "<+3>-3", ":", "CET-1\tCEST", "CET-1CEST\n",
	};

	for (guint i = 0; i < G_N_ELEMENTS(good); i++) {
		g_autoptr(GError) error = NULL;
		if (!cwmp_tr181_time_check_time_zone(good[i], &error))
			g_error("'%s' refused: %s", good[i], error->message);
	}
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		if (cwmp_tr181_time_check_time_zone(bad[i], &error))
			g_error("'%s' accepted", bad[i]);
		g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	}
	{
		g_autoptr(GError) error = NULL;
		g_assert_false(cwmp_tr181_time_check_time_zone(too_long, &error));
		g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	}
	g_assert_true(cwmp_tr181_time_check_time_zone(longest, NULL));
}

static void
cwmp_tr181_self_test_format_local_func(void)
{
	g_autoptr(GDateTime) winter = g_date_time_new_utc(2026, 1, 15, 12, 0, 0);
	g_autoptr(GDateTime) summer = g_date_time_new_utc(2026, 7, 15, 12, 0, 30);
	g_autofree gchar *w = cwmp_tr181_time_format_local(winter, "EST+5 EDT,M4.1.0/2,M10.5.0/2");
	g_autofree gchar *s = cwmp_tr181_time_format_local(summer, "EST+5 EDT,M4.1.0/2,M10.5.0/2");
	g_autofree gchar *cet = cwmp_tr181_time_format_local(summer, "CET-1CEST,M3.5.0,M10.5.0/3");
	g_autofree gchar *utc = cwmp_tr181_time_format_local(winter, "UTC0");
	g_autofree gchar *local = cwmp_tr181_time_format_local(winter, NULL);
	g_autoptr(GDateTime) parsed = NULL;
	g_autoptr(GError) error = NULL;

	g_assert_cmpstr(w, ==, "2026-01-15T07:00:00-05:00");
	g_assert_cmpstr(s, ==, "2026-07-15T08:00:30-04:00");
	g_assert_cmpstr(cet, ==, "2026-07-15T14:00:30+02:00");
	g_assert_cmpstr(utc, ==, "2026-01-15T12:00:00+00:00");

	/* whatever the machine's zone, the text is the same instant */
	parsed = cwmp_value_parse_date_time(local, &error);
	g_assert_no_error(error);
	g_assert_nonnull(parsed);
	g_assert_cmpint(g_date_time_to_unix(parsed), ==, g_date_time_to_unix(winter));
}

/* --- getters against fixture system roots -------------------------------- */

static void
cwmp_tr181_self_test_sysroot_pc_func(void)
{
	g_autofree gchar *root = g_test_build_filename(G_TEST_DIST, "tests", "sysroot-pc", NULL);
	g_autoptr(CwmpTr181Plugin) state = cwmp_tr181_plugin_new(NULL, root);

	/* no configuration: every value comes from the system files */
	cwmp_tr181_self_test_assert_getter(state, "ModelName", "EX-1000 Home Gateway");
	cwmp_tr181_self_test_assert_getter(state, "Description", "Example OS 12 (gateway)");
	cwmp_tr181_self_test_assert_getter(state, "ProductClass", "");
	cwmp_tr181_self_test_assert_getter(state, "SerialNumber", "0123456789ABCDEF");
	/* the product_version filler is skipped for the board version */
	cwmp_tr181_self_test_assert_getter(state, "HardwareVersion", "rev-B2");
	cwmp_tr181_self_test_assert_getter(state, "SoftwareVersion", "12.20260301.1");
	cwmp_tr181_self_test_assert_getter(state, "AdditionalSoftwareVersion", "6.1.0-18-amd64");
	cwmp_tr181_self_test_assert_getter(state, "UpTime", "12345");
	cwmp_tr181_self_test_assert_getter(state, "HostName", "gw-test");
	/* identity the firmware cannot tell comes from the configuration only */
	cwmp_tr181_self_test_assert_getter_fault(state, "ManufacturerOUI", "[device] oui");
	cwmp_tr181_self_test_assert_getter_fault(state, "Manufacturer", "[device] manufacturer");
}

static void
cwmp_tr181_self_test_sysroot_arm_func(void)
{
	g_autofree gchar *root = g_test_build_filename(G_TEST_DIST, "tests", "sysroot-arm", NULL);
	g_autoptr(CwmpTr181Plugin) state = cwmp_tr181_plugin_new(NULL, root);

	/* the device-tree model ends in NUL; os-release only in usr/lib */
	cwmp_tr181_self_test_assert_getter(state, "ModelName", "Raspberry Pi 4 Model B Rev 1.4");
	cwmp_tr181_self_test_assert_getter(state, "Description", "Rolling Linux");
	cwmp_tr181_self_test_assert_getter(state, "SoftwareVersion", "rolling");
	cwmp_tr181_self_test_assert_getter(state, "SerialNumber", "FEDCBA9876543210");
	cwmp_tr181_self_test_assert_getter(state, "HardwareVersion", "");
	cwmp_tr181_self_test_assert_getter(state, "HostName", "pi");
	cwmp_tr181_self_test_assert_getter_fault(state, "UpTime", "out of range");
}

static void
cwmp_tr181_self_test_sysroot_empty_func(void)
{
	g_autofree gchar *root = g_dir_make_tmp("cwmp-tr181-empty-XXXXXX", NULL);
	g_autoptr(CwmpTr181Plugin) state = NULL;
	g_autofree gchar *machine_id = NULL;
	g_autofree gchar *uptime = NULL;
	g_autofree gchar *hostname = NULL;

	g_assert_nonnull(root);
	state = cwmp_tr181_plugin_new(NULL, root);
	machine_id = g_build_filename(root, "etc", "machine-id", NULL);
	uptime = g_build_filename(root, "proc", "uptime", NULL);
	hostname = g_build_filename(root, "proc", "sys", "kernel", "hostname", NULL);

	/* faults name the file they could not read */
	cwmp_tr181_self_test_assert_getter_fault(state, "SerialNumber", machine_id);
	cwmp_tr181_self_test_assert_getter_fault(state, "UpTime", uptime);
	cwmp_tr181_self_test_assert_getter_fault(state, "HostName", hostname);
	cwmp_tr181_self_test_assert_getter_fault(state, "SoftwareVersion", "no software version");
	/* optional sources: nothing to say is an empty string */
	cwmp_tr181_self_test_assert_getter(state, "ModelName", "");
	cwmp_tr181_self_test_assert_getter(state, "Description", "");
	cwmp_tr181_self_test_assert_getter(state, "HardwareVersion", "");
	cwmp_tr181_test_rm_rf(root);
}

/* --- the plugin in a data model, against the running system -------------- */

typedef struct {
	gchar		  *directory;
	CwmpConfig	  *config;
	CwmpDm		  *dm;
	CwmpStore	  *store;
	CwmpPluginContext *ctx;
} CwmpTr181SelfTestAgent;

static void
cwmp_tr181_self_test_agent_start(CwmpTr181SelfTestAgent *agent,
				 const gchar		*directory,
				 CwmpConfig		*config)
{
	const CwmpPluginDesc *desc = cwmp_plugin_tr181_get_info();
	CwmpDmRegistry	     *registry;
	g_autoptr(GError) error = NULL;

	g_assert_cmpuint(desc->abi_major, ==, CWMP_PLUGIN_ABI_MAJOR);
	g_assert_cmpuint(desc->size, ==, sizeof(CwmpPluginDesc));
	g_assert_cmpstr(desc->name, ==, "tr181");

	agent->directory = g_strdup(directory);
	agent->config = g_object_ref(config);
	agent->dm = cwmp_dm_new(cwmp_schema_get_default());
	agent->store = cwmp_store_new(directory, "dm.state", "dm");
	cwmp_dm_set_store(agent->dm, agent->store);
	agent->ctx = cwmp_plugin_context_new(agent->dm, config, desc->name, directory);

	g_assert_true(desc->load(agent->ctx, &error));
	g_assert_no_error(error);
	registry = cwmp_dm_registry_new(agent->dm, desc->name);
	if (!desc->register_dm(agent->ctx, registry, &error))
		g_error("register_dm: %s", error->message);
	cwmp_dm_registry_free(registry);
	g_assert_true(cwmp_dm_freeze(agent->dm, &error));
	g_assert_no_error(error);
	g_assert_true(desc->start(agent->ctx, &error));
	g_assert_no_error(error);
}

static void
cwmp_tr181_self_test_agent_stop(CwmpTr181SelfTestAgent *agent)
{
	const CwmpPluginDesc *desc = cwmp_plugin_tr181_get_info();

	desc->stop(agent->ctx);
	g_assert_null(cwmp_plugin_context_get_data(agent->ctx));
	cwmp_dm_unregister_owner(agent->dm, desc->name);
	g_clear_pointer(&agent->ctx, cwmp_plugin_context_free);
	g_clear_object(&agent->dm);
	g_clear_object(&agent->store);
	g_clear_object(&agent->config);
	g_clear_pointer(&agent->directory, g_free);
}

static gchar *
cwmp_tr181_self_test_get(CwmpTr181SelfTestAgent *agent, const gchar *path)
{
	g_autoptr(GError) error = NULL;
	gchar *value = cwmp_dm_get_value(agent->dm, path, &error);
	if (value == NULL)
		g_error("%s: %s", path, error->message);
	return value;
}

static CwmpConfig *
cwmp_tr181_self_test_config_new(void)
{
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autofree gchar *filename =
	    g_test_build_filename(G_TEST_DIST, "tests", "cwmpd.conf", NULL);
	g_autoptr(GError) error = NULL;

	if (!cwmp_config_load_file(config, filename, &error))
		g_error("%s: %s", filename, error->message);
	return g_steal_pointer(&config);
}

static void
cwmp_tr181_self_test_system_func(void)
{
	CwmpTr181SelfTestAgent agent = {NULL};
	g_autofree gchar      *directory = g_dir_make_tmp("cwmp-tr181-XXXXXX", NULL);
	g_autoptr(CwmpConfig) config = cwmp_tr181_self_test_config_new();
	g_autoptr(GError) error = NULL;
	struct utsname	  uts;
	struct timex	  tx = {.modes = 0};
	gint		  rc;
	g_autofree gchar *version_id = cwmp_tr181_self_test_os_release("VERSION_ID");
	g_autofree gchar *build_id = cwmp_tr181_self_test_os_release("BUILD_ID");
	g_autofree gchar *pretty_name = cwmp_tr181_self_test_os_release("PRETTY_NAME");
	g_autofree gchar *expected_sw = NULL;
	g_autofree gchar *expected_model = cwmp_tr181_self_test_model_name();
	g_autofree gchar *machine_id = NULL;
	g_autofree gchar *value = NULL;
	guint64		  before;
	guint64		  after;
	guint64		  uptime;

	g_assert_nonnull(directory);
	cwmp_tr181_self_test_agent_start(&agent, directory, config);

	value = cwmp_tr181_self_test_get(&agent, "Device.RootDataModelVersion");
	g_assert_cmpstr(value, ==, "2.19");
	g_clear_pointer(&value, g_free);

	/* from the configuration */
	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.Manufacturer");
	g_assert_cmpstr(value, ==, "Example Networks");
	g_clear_pointer(&value, g_free);
	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.ManufacturerOUI");
	g_assert_cmpstr(value, ==, "00A0C9");
	g_clear_pointer(&value, g_free);
	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.ProductClass");
	g_assert_cmpstr(value, ==, "EX-Gateway");
	g_clear_pointer(&value, g_free);
	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.HardwareVersion");
	g_assert_cmpstr(value, ==, "HW 1.2");
	g_clear_pointer(&value, g_free);

	/* from the system */
	if (!g_file_get_contents("/etc/machine-id", &machine_id, NULL, NULL))
		g_file_get_contents("/var/lib/dbus/machine-id", &machine_id, NULL, NULL);
	value = cwmp_dm_get_value(agent.dm, "Device.DeviceInfo.SerialNumber", &error);
	if (machine_id != NULL && strlen(g_strstrip(machine_id)) == 32) {
		g_autofree gchar *expected = g_ascii_strup(machine_id, 16);
		g_assert_no_error(error);
		g_assert_cmpstr(value, ==, expected);
	} else {
		g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
		g_clear_error(&error);
	}
	g_clear_pointer(&value, g_free);

	if (version_id != NULL && build_id != NULL)
		expected_sw = g_strdup_printf("%s.%s", version_id, build_id);
	else if (version_id != NULL || build_id != NULL)
		expected_sw = g_strdup(version_id != NULL ? version_id : build_id);
	else
		g_assert_true(
		    g_file_get_contents("/proc/sys/kernel/osrelease", &expected_sw, NULL, NULL));
	g_strstrip(expected_sw);
	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.SoftwareVersion");
	g_assert_cmpstr(value, ==, expected_sw);
	g_clear_pointer(&value, g_free);

	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.Description");
	g_assert_cmpstr(value, ==, pretty_name != NULL ? pretty_name : "");
	g_clear_pointer(&value, g_free);

	g_assert_cmpint(uname(&uts), ==, 0);
	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.HostName");
	g_assert_cmpstr(value, ==, uts.nodename);
	g_clear_pointer(&value, g_free);
	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.AdditionalSoftwareVersion");
	g_assert_cmpstr(value, ==, uts.release);
	g_clear_pointer(&value, g_free);

	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.ModelName");
	g_assert_cmpstr(value, ==, expected_model);
	g_clear_pointer(&value, g_free);

	/* bracketed by two readings of our own, so scheduling delays cannot fail it */
	before = cwmp_tr181_self_test_read_uptime();
	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.UpTime");
	after = cwmp_tr181_self_test_read_uptime();
	uptime = g_ascii_strtoull(value, NULL, 10);
	g_assert_cmpuint(uptime, >=, before);
	g_assert_cmpuint(uptime, <=, after);
	g_clear_pointer(&value, g_free);

	/* the kernel's own view of its clock; a sandbox may forbid even reading it */
	rc = ntp_adjtime(&tx);
	value = cwmp_dm_get_value(agent.dm, "Device.Time.Status", &error);
	if (rc < 0) {
		g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
		g_clear_error(&error);
	} else {
		g_assert_no_error(error);
		g_assert_cmpstr(value, ==,
				rc != TIME_ERROR && (tx.status & STA_UNSYNC) == 0 ? "Synchronized"
										  : "Unsynchronize"
										    "d");
	}
	g_clear_pointer(&value, g_free);

	{
		gint64 t0 = g_get_real_time() / G_USEC_PER_SEC;
		g_autoptr(GDateTime) parsed = NULL;
		gint64 t1;
		value = cwmp_tr181_self_test_get(&agent, "Device.Time.CurrentLocalTime");
		t1 = g_get_real_time() / G_USEC_PER_SEC;
		parsed = cwmp_value_parse_date_time(value, &error);
		g_assert_no_error(error);
		g_assert_nonnull(parsed);
		g_assert_cmpint(g_date_time_to_unix(parsed), >=, t0);
		g_assert_cmpint(g_date_time_to_unix(parsed), <=, t1);
		/* local time with its offset, no fraction */
		g_assert_true(g_regex_match_simple("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+"
						   "-]\\d\\d:\\d\\d)$",
						   value, 0, 0));
		g_clear_pointer(&value, g_free);
	}

	cwmp_tr181_self_test_agent_stop(&agent);
	cwmp_tr181_test_rm_rf(directory);
}

/* the transaction refused @path with @code */
static void
cwmp_tr181_self_test_assert_fault(CwmpDmTxn *txn, const gchar *path, gint code)
{
	GPtrArray *faults = cwmp_dm_txn_get_faults(txn);

	g_assert_nonnull(faults);
	for (guint i = 0; i < faults->len; i++) {
		CwmpDmFault *fault = g_ptr_array_index(faults, i);
		g_test_message("fault %s: %d %s", fault->path, fault->code, fault->message);
		if (g_strcmp0(fault->path, path) == 0 && fault->code == code)
			return;
	}
	g_error("no fault %d for %s", code, path);
}

static void
cwmp_tr181_self_test_persistence_func(void)
{
	CwmpTr181SelfTestAgent agent = {NULL};
	g_autofree gchar      *directory = g_dir_make_tmp("cwmp-tr181-XXXXXX", NULL);
	g_autoptr(CwmpConfig) config = cwmp_tr181_self_test_config_new();
	g_autoptr(GError) error = NULL;
	g_autofree gchar *value = NULL;

	g_assert_nonnull(directory);
	cwmp_tr181_self_test_agent_start(&agent, directory, config);

	/* write through a transaction, as SetParameterValues does */
	{
		g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(agent.dm);
		g_assert_true(cwmp_dm_txn_set(txn, "Device.DeviceInfo.ProvisioningCode",
					      "ABCD.1234", CWMP_TYPE_STRING));
		g_assert_true(cwmp_dm_txn_set(txn, "Device.Time.LocalTimeZone",
					      "CET-1CEST,M3.5.0,M10.5.0/3", CWMP_TYPE_STRING));
		g_assert_true(
		    cwmp_dm_txn_set(txn, "Device.Time.Enable", "true", CWMP_TYPE_BOOLEAN));
		if (!cwmp_dm_txn_commit(txn, &error))
			g_error("commit: %s", error->message);
	}
	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.ProvisioningCode");
	g_assert_cmpstr(value, ==, "ABCD.1234");
	g_clear_pointer(&value, g_free);
	value = cwmp_tr181_self_test_get(&agent, "Device.Time.LocalTimeZone");
	g_assert_cmpstr(value, ==, "CET-1CEST,M3.5.0,M10.5.0/3");
	g_clear_pointer(&value, g_free);

	/* CurrentLocalTime follows the configured zone */
	value = cwmp_tr181_self_test_get(&agent, "Device.Time.CurrentLocalTime");
	g_assert_true(g_str_has_suffix(value, "+01:00") || g_str_has_suffix(value, "+02:00"));
	g_clear_pointer(&value, g_free);

	/* a value the validator refuses changes nothing */
	{
		g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(agent.dm);
		gboolean ok = cwmp_dm_txn_set(txn, "Device.Time.LocalTimeZone", "Europe/Paris",
					      CWMP_TYPE_STRING);
		if (ok)
			ok = cwmp_dm_txn_commit(txn, &error);
		g_assert_false(ok);
		g_clear_error(&error);
		cwmp_tr181_self_test_assert_fault(txn, "Device.Time.LocalTimeZone",
						  CWMP_FAULT_INVALID_PARAMETER_VALUE);
	}
	value = cwmp_tr181_self_test_get(&agent, "Device.Time.LocalTimeZone");
	g_assert_cmpstr(value, ==, "CET-1CEST,M3.5.0,M10.5.0/3");
	g_clear_pointer(&value, g_free);

	/* read-only parameters stay read-only */
	{
		g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(agent.dm);
		gboolean ok =
		    cwmp_dm_txn_set(txn, "Device.DeviceInfo.HostName", "other", CWMP_TYPE_STRING);
		if (ok)
			ok = cwmp_dm_txn_commit(txn, &error);
		g_assert_false(ok);
		g_clear_error(&error);
		cwmp_tr181_self_test_assert_fault(txn, "Device.DeviceInfo.HostName",
						  CWMP_FAULT_NON_WRITABLE_PARAMETER);
	}
	cwmp_tr181_self_test_agent_stop(&agent);

	/* a second agent on the same state directory sees what the first stored */
	cwmp_tr181_self_test_agent_start(&agent, directory, config);
	value = cwmp_tr181_self_test_get(&agent, "Device.DeviceInfo.ProvisioningCode");
	g_assert_cmpstr(value, ==, "ABCD.1234");
	g_clear_pointer(&value, g_free);
	value = cwmp_tr181_self_test_get(&agent, "Device.Time.LocalTimeZone");
	g_assert_cmpstr(value, ==, "CET-1CEST,M3.5.0,M10.5.0/3");
	g_clear_pointer(&value, g_free);
	value = cwmp_tr181_self_test_get(&agent, "Device.Time.Enable");
	g_assert_true(g_strcmp0(value, "true") == 0 || g_strcmp0(value, "1") == 0);
	g_clear_pointer(&value, g_free);
	cwmp_tr181_self_test_agent_stop(&agent);

	cwmp_tr181_test_rm_rf(directory);
}

typedef struct {
	CwmpDm	   *dm;
	GHashTable *types; /* path -> CwmpType, from GetParameterValues */
	guint	    n_checked;
} CwmpTr181SelfTestSchemaHelper;

static void
cwmp_tr181_self_test_value_cb(const gchar *path,
			      const gchar *value,
			      CwmpType	   type,
			      gpointer	   user_data)
{
	GHashTable *types = user_data;
	g_test_message("%s = %s (%s)", path, value, cwmp_type_to_string(type));
	g_hash_table_insert(types, g_strdup(path), GINT_TO_POINTER(type));
	/* tables are registered as "{i}" paths: served once is enough */
	{
		g_autofree gchar *general = cwmp_schema_path_generalize(path);
		g_hash_table_insert(types, g_strconcat("{g}", general, NULL),
				    GINT_TO_POINTER(type));
	}
}

static void
cwmp_tr181_self_test_name_cb(const gchar *path, gboolean writable, gpointer user_data)
{
	CwmpTr181SelfTestSchemaHelper *helper = user_data;
	const CwmpSchema	      *schema = cwmp_schema_get_default();
	g_autofree gchar	      *generic = NULL;
	const CwmpSchemaParam	      *param;

	if (g_str_has_suffix(path, "."))
		return;
	generic = cwmp_schema_path_generalize(path);
	param = cwmp_schema_lookup_param(schema, generic);
	if (param == NULL)
		g_error("%s is not in the schema", path);
	/* writable only where the schema allows it */
	if (writable && param->access != CWMP_ACCESS_READ_WRITE)
		g_error("%s is writable but %s is readOnly in the schema", path, generic);
	if (g_hash_table_contains(helper->types, path)) {
		CwmpType type = GPOINTER_TO_INT(g_hash_table_lookup(helper->types, path));
		if (type != param->type)
			g_error("%s is served as %s but the schema says %s", path,
				cwmp_type_to_string(type), cwmp_type_to_string(param->type));
	}
	helper->n_checked++;
}

static void
cwmp_tr181_self_test_schema_func(void)
{
	CwmpTr181SelfTestAgent agent = {NULL};
	g_autofree gchar      *directory = g_dir_make_tmp("cwmp-tr181-XXXXXX", NULL);
	g_autoptr(CwmpConfig) config = cwmp_tr181_self_test_config_new();
	g_autoptr(GHashTable) types = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	CwmpTr181SelfTestSchemaHelper helper = {.types = types};
	g_autoptr(GPtrArray) object_list = cwmp_tr181_plugin_list_objects();
	const CwmpDmObjectDef *const *objects = (const CwmpDmObjectDef *const *) object_list->pdata;
	g_autoptr(GError) error = NULL;

	g_assert_nonnull(directory);
	cwmp_tr181_self_test_agent_start(&agent, directory, config);
	helper.dm = agent.dm;

	/* every value served, with the type the data model reports */
	if (!cwmp_dm_get_values_foreach(agent.dm, "Device.", cwmp_tr181_self_test_value_cb, types,
					&error))
		g_error("GetParameterValues: %s", error->message);
	if (!cwmp_dm_get_names(agent.dm, "Device.", FALSE, cwmp_tr181_self_test_name_cb, &helper,
			       &error))
		g_error("GetParameterNames: %s", error->message);

	/* and everything we register is there, typed and accessed as the schema says */
	for (guint i = 0; i < object_list->len; i++) {
		for (guint j = 0; objects[i]->params != NULL && objects[i]->params[j].name != NULL;
		     j++) {
			const CwmpDmParamDef *def = &objects[i]->params[j];
			g_autofree gchar     *path = g_strconcat(objects[i]->path, def->name, NULL);
			const CwmpSchemaParam *param =
			    cwmp_schema_lookup_param(cwmp_schema_get_default(), path);
			g_assert_nonnull(param);
			g_assert_cmpint(def->type, ==, CWMP_TYPE_NONE);
			g_assert_cmpint(def->access, ==, CWMP_ACCESS_NONE);
			/* a table may have no instance on this machine (no IPv6 host,
			 * say); everything outside tables must be served */
			g_autofree gchar *served_as = g_strconcat("{g}", path, NULL);
			if (!g_hash_table_contains(types, path) && strstr(path, "{i}") == NULL)
				g_error("%s is registered but not served", path);
			if (strstr(path, "{i}") != NULL && !g_hash_table_contains(types, served_as))
				g_test_message("%s: no instance on this machine", path);
			if (param->access == CWMP_ACCESS_READ_WRITE)
				g_assert_true((def->flags & CWMP_DM_PARAM_FLAG_STORED) != 0 ||
					      def->set != NULL || def->read_only_reason != NULL);
		}
	}
	{
		/* every concrete value served was also named */
		GHashTableIter iter;
		gpointer       key;
		guint	       n_concrete = 0;
		g_hash_table_iter_init(&iter, types);
		while (g_hash_table_iter_next(&iter, &key, NULL))
			n_concrete += !g_str_has_prefix(key, "{g}");
		g_assert_cmpuint(helper.n_checked, >=, n_concrete);
	}

	cwmp_tr181_self_test_agent_stop(&agent);
	cwmp_tr181_test_rm_rf(directory);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/tr181/serial-machine-id", cwmp_tr181_self_test_serial_func);
	g_test_add_func("/cwmp/tr181/os-release", cwmp_tr181_self_test_os_release_func);
	g_test_add_func("/cwmp/tr181/uptime", cwmp_tr181_self_test_uptime_func);
	g_test_add_func("/cwmp/tr181/time-zone", cwmp_tr181_self_test_time_zone_func);
	g_test_add_func("/cwmp/tr181/format-local", cwmp_tr181_self_test_format_local_func);
	g_test_add_func("/cwmp/tr181/sysroot-pc", cwmp_tr181_self_test_sysroot_pc_func);
	g_test_add_func("/cwmp/tr181/sysroot-arm", cwmp_tr181_self_test_sysroot_arm_func);
	g_test_add_func("/cwmp/tr181/sysroot-empty", cwmp_tr181_self_test_sysroot_empty_func);
	g_test_add_func("/cwmp/tr181/system", cwmp_tr181_self_test_system_func);
	g_test_add_func("/cwmp/tr181/persistence", cwmp_tr181_self_test_persistence_func);
	g_test_add_func("/cwmp/tr181/schema", cwmp_tr181_self_test_schema_func);
	return g_test_run();
}
