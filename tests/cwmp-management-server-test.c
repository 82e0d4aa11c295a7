/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmp-dm-txn.h"
#include "cwmp-error.h"
#include "cwmp-management-server.h"
#include "cwmp-test-utils.h"

#define MS "Device.ManagementServer."

/* 2024-06-01T12:00:00Z */
#define TEST_NOW G_GINT64_CONSTANT(1717243200)

static const gchar *test_config_data = "[acs]\n"
				       "url=http://acs.example.com:7547/cwmp\n"
				       "username=cpe-user\n"
				       "password=cpe-secret\n"
				       "[connection-request]\n"
				       "username=cr-user\n"
				       "password=cr-secret\n";

typedef struct {
	gchar		     *dir;
	CwmpConfig	     *config;
	CwmpDm		     *dm;
	CwmpManagementServer *ms;
	CwmpEventQueue	     *queue;
	CwmpScheduler	     *scheduler;
	gint64		      now;
	guint		      bootstrap;
	guint		      periodic;
	guint		      heartbeat;
	guint		      acs_credentials;
	guint		      cr_credentials;
} Fixture;

static void
test_count_cb(CwmpManagementServer *ms, gpointer user_data)
{
	guint *counter = user_data;
	(*counter)++;
}

/* a data model with only Device.ManagementServer., on the store in fx->dir */
static void
test_start(Fixture *fx)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpStore) store = cwmp_store_new(fx->dir, "dm.state", "dm");

	fx->dm = cwmp_dm_new(cwmp_schema_get_default());
	cwmp_dm_set_store(fx->dm, store);
	fx->ms = cwmp_management_server_new(fx->dm, fx->config);
	g_assert_true(cwmp_management_server_register(fx->ms, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_dm_freeze(fx->dm, &error));
	g_assert_no_error(error);

	fx->queue = cwmp_test_utils_event_queue_new(fx->dir);
	fx->scheduler = cwmp_test_utils_scheduler_new(fx->queue, fx->dir, &fx->now);
	cwmp_management_server_set_scheduler(fx->ms, fx->scheduler);

	g_assert_true(cwmp_management_server_start(fx->ms, &error));
	g_assert_no_error(error);
	fx->bootstrap = fx->periodic = fx->heartbeat = 0;
	fx->acs_credentials = fx->cr_credentials = 0;
	g_signal_connect(fx->ms, "bootstrap-needed", G_CALLBACK(test_count_cb), &fx->bootstrap);
	g_signal_connect(fx->ms, "periodic-changed", G_CALLBACK(test_count_cb), &fx->periodic);
	g_signal_connect(fx->ms, "heartbeat-changed", G_CALLBACK(test_count_cb), &fx->heartbeat);
	g_signal_connect(fx->ms, "acs-credentials-changed", G_CALLBACK(test_count_cb),
			 &fx->acs_credentials);
	g_signal_connect(fx->ms, "cr-credentials-changed", G_CALLBACK(test_count_cb),
			 &fx->cr_credentials);
}

static void
test_stop(Fixture *fx)
{
	g_clear_object(&fx->ms);
	g_clear_object(&fx->scheduler);
	g_clear_object(&fx->queue);
	g_clear_object(&fx->dm);
	cwmp_test_utils_iterate();
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	fx->dir = cwmp_test_utils_mkdtemp("cwmp-ms-test-XXXXXX");
	fx->now = TEST_NOW;
	fx->config = cwmp_test_utils_config_new("test.conf", test_config_data);
	test_start(fx);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	test_stop(fx);
	g_clear_object(&fx->config);
	cwmp_test_utils_rm_rf(fx->dir, NULL);
	g_free(fx->dir);
}

static void
assert_value(Fixture *fx, const gchar *path, const gchar *expected)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *value = cwmp_dm_get_value(fx->dm, path, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(value, ==, expected);
}

/* one SetParameterValues; returns the fault of the parameter, 0 on success */
static gint
test_spv(Fixture *fx, const gchar *path, const gchar *value)
{
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);
	g_autoptr(GError) error = NULL;
	GPtrArray *faults;

	cwmp_dm_txn_set(txn, path, value, CWMP_TYPE_NONE);
	if (cwmp_dm_txn_commit(txn, &error))
		return 0;
	faults = cwmp_dm_txn_get_faults(txn);
	if (faults->len > 0)
		return ((CwmpDmFault *) g_ptr_array_index(faults, 0))->code;
	return error->code;
}

static void
test_defaults(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *password = NULL;
	g_autofree gchar *cr_password = NULL;

	assert_value(fx, MS "URL", "http://acs.example.com:7547/cwmp");
	assert_value(fx, MS "Username", "cpe-user");
	/* hidden: read back empty, the core still knows it */
	assert_value(fx, MS "Password", "");
	password = cwmp_management_server_get_password(fx->ms);
	g_assert_cmpstr(password, ==, "cpe-secret");
	assert_value(fx, MS "PeriodicInformEnable", "true");
	assert_value(fx, MS "PeriodicInformInterval", "86400");
	assert_value(fx, MS "PeriodicInformTime", "0001-01-01T00:00:00Z");
	assert_value(fx, MS "ParameterKey", "");
	assert_value(fx, MS "ConnectionRequestURL", "");
	assert_value(fx, MS "ConnectionRequestUsername", "cr-user");
	assert_value(fx, MS "ConnectionRequestPassword", "");
	cr_password = cwmp_management_server_get_cr_password(fx->ms);
	g_assert_cmpstr(cr_password, ==, "cr-secret");
	assert_value(fx, MS "CWMPRetryMinimumWaitInterval", "5");
	assert_value(fx, MS "CWMPRetryIntervalMultiplier", "2000");
	assert_value(fx, MS "DefaultActiveNotificationThrottle", "0");
	assert_value(fx, MS "AliasBasedAddressing", "false");
	assert_value(fx, MS "HeartbeatPolicy.Enable", "false");
	assert_value(fx, MS "HeartbeatPolicy.ReportingInterval", "86400");
	assert_value(fx, MS "HeartbeatPolicy.InitiationTime", "0001-01-01T00:00:00Z");
	assert_value(fx, MS "InformParameterNumberOfEntries", "0");

	/* the forced-inform parameters of ManagementServer are all there */
	{
		g_autoptr(GPtrArray) forced = cwmp_dm_get_forced_inform_paths(fx->dm);
		guint n = 0;
		for (guint i = 0; i < forced->len; i++) {
			if (g_str_has_prefix(g_ptr_array_index(forced, i), MS))
				n++;
		}
		g_assert_cmpuint(n, ==, 3);
	}

	/* and the scheduler runs with them: daily, phase from now */
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==, TEST_NOW + 86400);
	g_assert_cmpint(cwmp_scheduler_get_next_heartbeat(fx->scheduler), ==, CWMP_SCHEDULER_NEVER);
}

static void
test_validation(Fixture *fx, gconstpointer data)
{
	g_assert_cmpint(test_spv(fx, MS "PeriodicInformInterval", "0"), ==, 9007);
	g_assert_cmpint(test_spv(fx, MS "PeriodicInformInterval", "abc"), ==, 9006);
	g_assert_cmpint(test_spv(fx, MS "PeriodicInformTime", "soon"), ==, 9006);
	g_assert_cmpint(test_spv(fx, MS "ParameterKey", "k"), ==, 9008);
	g_assert_cmpint(test_spv(fx, MS "ConnectionRequestURL", "http://x/"), ==, 9008);
	g_assert_cmpint(test_spv(fx, MS "AliasBasedAddressing", "true"), ==, 9008);
	g_assert_cmpint(test_spv(fx, MS "CWMPRetryMinimumWaitInterval", "0"), ==, 9007);
	g_assert_cmpint(test_spv(fx, MS "CWMPRetryIntervalMultiplier", "999"), ==, 9007);
	g_assert_cmpint(test_spv(fx, MS "HeartbeatPolicy.ReportingInterval", "29"), ==, 9007);
	g_assert_cmpint(test_spv(fx, MS "NoSuchParameter", "1"), ==, 9005);
	/* nothing of it changed anything */
	assert_value(fx, MS "PeriodicInformInterval", "86400");
	g_assert_cmpuint(fx->periodic, ==, 0);

	g_assert_cmpint(test_spv(fx, MS "PeriodicInformInterval", "1800"), ==, 0);
	assert_value(fx, MS "PeriodicInformInterval", "1800");
	g_assert_cmpint(test_spv(fx, MS "HeartbeatPolicy.ReportingInterval", "30"), ==, 0);
}

static void
test_side_effects(Fixture *fx, gconstpointer data)
{
	/* URL change: BOOTSTRAP */
	g_assert_cmpint(test_spv(fx, MS "URL", "https://acs2.example.com/cwmp"), ==, 0);
	g_assert_cmpuint(fx->bootstrap, ==, 1);
	g_assert_true(cwmp_event_queue_contains(fx->queue, "0 BOOTSTRAP", NULL));
	g_assert_true(cwmp_scheduler_is_session_wanted(fx->scheduler));
	/* the same URL again is no change */
	g_assert_cmpint(test_spv(fx, MS "URL", "https://acs2.example.com/cwmp"), ==, 0);
	g_assert_cmpuint(fx->bootstrap, ==, 1);

	/* periodic settings: rescheduled, aligned to the new time */
	g_assert_cmpint(test_spv(fx, MS "PeriodicInformTime", "2024-01-01T00:10:00Z"), ==, 0);
	g_assert_cmpuint(fx->periodic, ==, 1);
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==,
			cwmp_scheduler_parse_time("2024-06-02T00:10:00Z", NULL));
	g_assert_cmpint(test_spv(fx, MS "PeriodicInformInterval", "1800"), ==, 0);
	g_assert_cmpuint(fx->periodic, ==, 2);
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==, TEST_NOW + 600);
	g_assert_cmpint(test_spv(fx, MS "PeriodicInformEnable", "false"), ==, 0);
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==, CWMP_SCHEDULER_NEVER);

	/* heartbeat */
	g_assert_cmpint(test_spv(fx, MS "HeartbeatPolicy.ReportingInterval", "60"), ==, 0);
	g_assert_cmpint(test_spv(fx, MS "HeartbeatPolicy.Enable", "true"), ==, 0);
	g_assert_cmpuint(fx->heartbeat, ==, 2);
	g_assert_cmpint(cwmp_scheduler_get_next_heartbeat(fx->scheduler), ==, TEST_NOW + 60);

	/* retry policy reaches the scheduler */
	g_assert_cmpint(test_spv(fx, MS "CWMPRetryMinimumWaitInterval", "100"), ==, 0);
	cwmp_scheduler_session_started(fx->scheduler);
	cwmp_scheduler_session_finished(fx->scheduler, FALSE);
	g_assert_cmpint(cwmp_scheduler_get_next_retry(fx->scheduler), >=, TEST_NOW + 100);
	g_assert_cmpint(cwmp_scheduler_get_next_retry(fx->scheduler), <=, TEST_NOW + 200);

	/* credentials */
	g_assert_cmpuint(fx->cr_credentials, ==, 0);
	g_assert_cmpint(test_spv(fx, MS "ConnectionRequestPassword", "new-secret"), ==, 0);
	g_assert_cmpuint(fx->cr_credentials, ==, 1);
	{
		g_autofree gchar *password = cwmp_management_server_get_cr_password(fx->ms);
		g_assert_cmpstr(password, ==, "new-secret");
	}
	g_assert_cmpint(test_spv(fx, MS "Username", "someone"), ==, 0);
	g_assert_cmpuint(fx->acs_credentials, ==, 1);
	g_assert_cmpuint(fx->cr_credentials, ==, 1);
	g_assert_cmpuint(fx->bootstrap, ==, 1);
}

static void
test_parameter_key(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *key = NULL;

	g_assert_true(cwmp_management_server_set_parameter_key(fx->ms, "pk-1", &error));
	g_assert_no_error(error);
	assert_value(fx, MS "ParameterKey", "pk-1");
	key = cwmp_management_server_get_parameter_key(fx->ms);
	g_assert_cmpstr(key, ==, "pk-1");
	/* readOnly to the ACS */
	g_assert_cmpint(test_spv(fx, MS "ParameterKey", "from-acs"), ==, 9008);
	assert_value(fx, MS "ParameterKey", "pk-1");
	/* string(32) */
	g_assert_false(cwmp_management_server_set_parameter_key(
	    fx->ms, "012345678901234567890123456789012", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	assert_value(fx, MS "ParameterKey", "pk-1");

	/* on disk at once */
	test_stop(fx);
	test_start(fx);
	assert_value(fx, MS "ParameterKey", "pk-1");
}

static void
test_persistence(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;

	g_assert_cmpint(test_spv(fx, MS "URL", "https://acs2.example.com/cwmp"), ==, 0);
	g_assert_cmpint(test_spv(fx, MS "PeriodicInformInterval", "600"), ==, 0);
	g_assert_cmpint(test_spv(fx, MS "HeartbeatPolicy.Enable", "true"), ==, 0);
	g_assert_cmpint(test_spv(fx, MS "ConnectionRequestUsername", "acs-chosen"), ==, 0);

	/* a restart with another configuration: what was set stays */
	test_stop(fx);
	g_clear_object(&fx->config);
	fx->config = cwmp_test_utils_config_new("test.conf", "[acs]\nurl=http://other.example.com/"
							     "\n"
							     "[data-model]\nalias-based-addressing="
							     "true\n");
	test_start(fx);
	assert_value(fx, MS "URL", "https://acs2.example.com/cwmp");
	url = cwmp_management_server_get_url(fx->ms);
	g_assert_cmpstr(url, ==, "https://acs2.example.com/cwmp");
	assert_value(fx, MS "PeriodicInformInterval", "600");
	assert_value(fx, MS "HeartbeatPolicy.Enable", "true");
	assert_value(fx, MS "ConnectionRequestUsername", "acs-chosen");
	assert_value(fx, MS "Username", "cpe-user");
	assert_value(fx, MS "AliasBasedAddressing", "true");
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==, TEST_NOW + 600);
	g_assert_cmpuint(fx->bootstrap, ==, 0);
}

static void
test_inform_parameters(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) periodic = NULL;
	g_autoptr(GPtrArray) boot = NULL;
	const gchar *periodic_codes[] = {"2 PERIODIC", NULL};
	const gchar *boot_codes[] = {"1 BOOT", "0 BOOTSTRAP", NULL};
	guint32	     a = 0;
	guint32	     b = 0;
	guint32	     c = 0;

	g_assert_true(cwmp_dm_add_object(fx->dm, MS "InformParameter.", &a, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_dm_add_object(fx->dm, MS "InformParameter.", &b, &error));
	g_assert_true(cwmp_dm_add_object(fx->dm, MS "InformParameter.", &c, &error));
	assert_value(fx, MS "InformParameterNumberOfEntries", "3");
	{
		g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);
		g_autofree gchar *a_enable = g_strdup_printf(MS "InformParameter.%u.Enable", a);
		g_autofree gchar *a_name =
		    g_strdup_printf(MS "InformParameter.%u.ParameterName", a);
		g_autofree gchar *a_list = g_strdup_printf(MS "InformParameter.%u.EventList", a);
		g_autofree gchar *b_enable = g_strdup_printf(MS "InformParameter.%u.Enable", b);
		g_autofree gchar *b_name =
		    g_strdup_printf(MS "InformParameter.%u.ParameterName", b);
		g_autofree gchar *c_name =
		    g_strdup_printf(MS "InformParameter.%u.ParameterName", c);
		g_assert_true(cwmp_dm_txn_set(txn, a_enable, "true", CWMP_TYPE_NONE));
		g_assert_true(
		    cwmp_dm_txn_set(txn, a_name, "Device.DeviceInfo.UpTime", CWMP_TYPE_NONE));
		g_assert_true(
		    cwmp_dm_txn_set(txn, a_list, "2 PERIODIC,14 HEARTBEAT", CWMP_TYPE_NONE));
		g_assert_true(cwmp_dm_txn_set(txn, b_enable, "true", CWMP_TYPE_NONE));
		g_assert_true(cwmp_dm_txn_set(txn, b_name, "Device.DeviceInfo.", CWMP_TYPE_NONE));
		/* disabled: never listed */
		g_assert_true(cwmp_dm_txn_set(txn, c_name, "Device.Time.", CWMP_TYPE_NONE));
		g_assert_true(cwmp_dm_txn_commit(txn, &error));
		g_assert_no_error(error);
	}
	{
		g_autofree gchar *bad = g_strdup_printf(MS "InformParameter.%u.EventList", b);
		g_autofree gchar *bad_name =
		    g_strdup_printf(MS "InformParameter.%u.ParameterName", b);
		g_assert_cmpint(test_spv(fx, bad, "2 PERIODIC,NOT AN EVENT"), ==, 9007);
		g_assert_cmpint(test_spv(fx, bad_name, "InternetGatewayDevice.Foo"), ==, 9007);
	}
	periodic = cwmp_management_server_get_inform_parameters(fx->ms, periodic_codes);
	g_assert_cmpuint(periodic->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(periodic, 0), ==, "Device.DeviceInfo.UpTime");
	g_assert_cmpstr(g_ptr_array_index(periodic, 1), ==, "Device.DeviceInfo.");
	boot = cwmp_management_server_get_inform_parameters(fx->ms, boot_codes);
	g_assert_cmpuint(boot->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(boot, 0), ==, "Device.DeviceInfo.");

	/* the table is stored */
	test_stop(fx);
	test_start(fx);
	assert_value(fx, MS "InformParameterNumberOfEntries", "3");
	{
		g_autoptr(GPtrArray) again =
		    cwmp_management_server_get_inform_parameters(fx->ms, periodic_codes);
		g_assert_cmpuint(again->len, ==, 2);
	}
}

static void
test_connection_request_url(Fixture *fx, gconstpointer data)
{
	cwmp_management_server_set_connection_request_url(fx->ms, "http://192.0.2.1:7547/abcdef");
	assert_value(fx, MS "ConnectionRequestURL", "http://192.0.2.1:7547/abcdef");
	g_assert_cmpstr(cwmp_management_server_get_connection_request_url(fx->ms), ==,
			"http://192.0.2.1:7547/abcdef");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define ADD(name, func)                                                                            \
	g_test_add("/cwmp/management-server/" name, Fixture, NULL, fixture_setup, func,            \
		   fixture_teardown)
	ADD("defaults", test_defaults);
	ADD("validation", test_validation);
	ADD("side-effects", test_side_effects);
	ADD("parameter-key", test_parameter_key);
	ADD("persistence", test_persistence);
	ADD("inform-parameters", test_inform_parameters);
	ADD("connection-request-url", test_connection_request_url);
#undef ADD
	return g_test_run();
}
