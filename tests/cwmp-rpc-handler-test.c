/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cwmp-dm-txn.h"
#include "cwmp-error.h"
#include "cwmp-event-queue.h"
#include "cwmp-management-server.h"
#include "cwmp-rpc-handler.h"
#include "cwmp-scheduler.h"
#include "cwmp-soap-message.h"
#include "cwmp-test-utils.h"

#define V10 CWMP_SOAP_VERSION_1_0
#define V14 CWMP_SOAP_VERSION_1_4

/* 2024-06-01T12:00:00Z */
#define TEST_NOW G_GINT64_CONSTANT(1717243200)

#define BENCH_INSTANCES 1000
#define BENCH_PARAMS	10

static const gchar *test_config_data = "[acs]\n"
				       "url=http://127.0.0.1:7547/cwmp\n";

typedef struct {
	gchar		     *dir;
	gboolean	      bench; /* no store: 1000 AddObjects would each rewrite it */
	CwmpConfig	     *config;
	CwmpDm		     *dm;
	CwmpManagementServer *ms;
	CwmpEventQueue	     *events;
	CwmpScheduler	     *scheduler;
	CwmpRpcHandler	     *handler;
	gint64		      now;
	guint		      uptime;
	guint		      n_requests;
	guint		      n_reboot;
	gchar		     *reboot_key;
	guint		      n_factory_reset;
} Fixture;

/* the data model: small registrations as in cwmp-dm-test.c */

static gchar *
test_get_uptime(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	Fixture *fx = user_data;
	return g_strdup_printf("%u", fx->uptime);
}

static gchar *
test_get_software_version(CwmpDmObject *object,
			  const gchar  *name,
			  gpointer	user_data,
			  GError      **error)
{
	return g_strdup("1.2.3");
}

static const CwmpDmParamDef device_info_params[] = {
    {.name = "UpTime", .get = test_get_uptime},
    {.name = "SoftwareVersion", .get = test_get_software_version},
    {.name = "ProvisioningCode", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = NULL},
};
static const CwmpDmObjectDef device_info = {
    .path = "Device.DeviceInfo.",
    .params = device_info_params,
};

static const CwmpDmParamDef  bench_params[] = {{.name = NULL}};
static const CwmpDmObjectDef bench_object = {
    .path = "Device.X_000000_Bench.",
    .params = bench_params,
    .access = CWMP_ACCESS_READ_ONLY,
};

#define BENCH_PARAM(n, t, v)                                                                       \
	{                                                                                          \
		.name = n, .flags = CWMP_DM_PARAM_FLAG_STORED, .type = t,                          \
		.access = CWMP_ACCESS_READ_WRITE, .default_value = v                               \
	}
static const CwmpDmParamDef bench_item_params[] = {
    BENCH_PARAM("Name", CWMP_TYPE_STRING, "bench item"),
    BENCH_PARAM("Description", CWMP_TYPE_STRING, "a parameter & some <markup>"),
    BENCH_PARAM("Counter", CWMP_TYPE_UNSIGNED_INT, "4294967295"),
    BENCH_PARAM("Offset", CWMP_TYPE_INT, "-42"),
    BENCH_PARAM("Bytes", CWMP_TYPE_UNSIGNED_LONG, "18446744073709551615"),
    BENCH_PARAM("Enabled", CWMP_TYPE_BOOLEAN, "true"),
    BENCH_PARAM("Seen", CWMP_TYPE_DATE_TIME, "2024-06-01T12:00:00Z"),
    BENCH_PARAM("Blob", CWMP_TYPE_BASE64, "AAECAw=="),
    BENCH_PARAM("Hex", CWMP_TYPE_HEX_BINARY, "00ff"),
    BENCH_PARAM("Level", CWMP_TYPE_LONG, "-9000000000"),
    {.name = NULL},
};
static const CwmpDmObjectDef bench_items = {
    .path = "Device.X_000000_Bench.Item.{i}.",
    .params = bench_item_params,
    .flags = CWMP_DM_OBJECT_FLAG_STORED,
    .access = CWMP_ACCESS_READ_WRITE,
};

static void
test_reboot_cb(CwmpRpcHandler *handler, const gchar *command_key, gpointer user_data)
{
	Fixture *fx = user_data;
	fx->n_reboot++;
	g_free(fx->reboot_key);
	fx->reboot_key = g_strdup(command_key);
}

static void
test_factory_reset_cb(CwmpRpcHandler *handler, gpointer user_data)
{
	Fixture *fx = user_data;
	fx->n_factory_reset++;
}

/* everything on fx->dir, as the agent puts it together */
static void
test_start(Fixture *fx)
{
	g_autoptr(GError) error = NULL;
	CwmpDmRegistry		    *registry;
	const CwmpDmObjectDef *const defs[] = {&device_info, &cwmp_test_utils_users_user,
					       &bench_object, &bench_items, NULL};

	fx->dm = cwmp_dm_new(cwmp_schema_get_default());
	if (!fx->bench) {
		g_autoptr(CwmpStore) store = cwmp_store_new(fx->dir, "dm.state", "dm");
		cwmp_dm_set_store(fx->dm, store);
	}
	registry = cwmp_dm_registry_new(fx->dm, "test");
	g_assert_true(cwmp_dm_registry_add_objects(registry, defs, fx, &error));
	g_assert_no_error(error);
	cwmp_dm_registry_free(registry);
	fx->ms = cwmp_management_server_new(fx->dm, fx->config);
	g_assert_true(cwmp_management_server_register(fx->ms, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_dm_freeze(fx->dm, &error));
	g_assert_no_error(error);

	fx->events = cwmp_test_utils_event_queue_new(fx->dir);
	fx->scheduler = cwmp_test_utils_scheduler_new(fx->events, fx->dir, &fx->now);
	cwmp_management_server_set_scheduler(fx->ms, fx->scheduler);
	g_assert_true(cwmp_management_server_start(fx->ms, &error));
	g_assert_no_error(error);

	fx->handler = cwmp_rpc_handler_new(fx->dm, fx->ms, fx->events, fx->scheduler);
	g_signal_connect(fx->handler, "reboot-requested", G_CALLBACK(test_reboot_cb), fx);
	g_signal_connect(fx->handler, "factory-reset-requested", G_CALLBACK(test_factory_reset_cb),
			 fx);
}

static void
test_stop(Fixture *fx)
{
	g_clear_object(&fx->handler);
	g_clear_object(&fx->ms);
	g_clear_object(&fx->scheduler);
	g_clear_object(&fx->events);
	g_clear_object(&fx->dm);
	cwmp_test_utils_iterate();
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	fx->dir = cwmp_test_utils_mkdtemp("cwmp-rpc-handler-test-XXXXXX");
	fx->bench = GPOINTER_TO_INT(data);
	fx->now = TEST_NOW;
	fx->uptime = 4242;
	fx->config = cwmp_test_utils_config_new("test.conf", test_config_data);
	test_start(fx);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	test_stop(fx);
	g_clear_object(&fx->config);
	g_free(fx->reboot_key);
	cwmp_test_utils_rm_rf(fx->dir, NULL);
	g_free(fx->dir);
}

/* requests and responses */

/* hands @request to the handler; the response must validate, echo the ID
 * and parse back; returns its body */
static CwmpRpc *
test_handle(Fixture *fx, CwmpSoapMessage *request)
{
	g_autoptr(GBytes) bytes = cwmp_rpc_handler_handle(fx->handler, request);
	g_autoptr(CwmpSoapMessage) parsed = NULL;
	g_autoptr(CwmpSoapMessage) partial = NULL;
	g_autoptr(GError) error = NULL;
	gsize	     len;
	const gchar *data;

	g_assert_nonnull(bytes);
	data = g_bytes_get_data(bytes, &len);
	cwmp_test_utils_validate_soap(bytes, request->version);
	parsed = cwmp_soap_message_parse(data, len, NULL, &partial, &error);
	g_assert_no_error(error);
	g_assert_nonnull(parsed);
	g_assert_cmpstr(parsed->header.id, ==, request->header.id);
	g_assert_cmpstr(cwmp_soap_version_get_namespace(parsed->version), ==,
			cwmp_soap_version_get_namespace(request->version));
	return cwmp_rpc_ref(parsed->rpc);
}

/* sends @rpc (transfer full) as the ACS would: serialized in @version with
 * a fresh cwmp:ID and parsed back, so the handler sees what a session gives it */
static CwmpRpc *
test_call(Fixture *fx, CwmpSoapVersion version, CwmpRpc *rpc)
{
	g_autoptr(CwmpRpc) owned = rpc;
	g_autofree gchar *id = g_strdup_printf("acs-%u", ++fx->n_requests);
	g_autoptr(CwmpSoapMessage) message = cwmp_soap_message_new(version, id, owned);
	g_autoptr(CwmpSoapMessage) request = NULL;
	g_autoptr(CwmpSoapMessage) partial = NULL;
	g_autoptr(GBytes) bytes = NULL;
	g_autoptr(GError) error = NULL;
	CwmpSoapParseOptions options = {.default_version = version};
	gsize		     len;
	const gchar	    *data;

	bytes = cwmp_soap_message_serialize(message, &error);
	g_assert_no_error(error);
	data = g_bytes_get_data(bytes, &len);
	request = cwmp_soap_message_parse(data, len, &options, &partial, &error);
	g_assert_no_error(error);
	g_assert_cmpint(request->rpc->method, ==, owned->method);
	/* the namespace names the lowest version of 1.2-1.4: the session knows better */
	request->version = version;
	return test_handle(fx, request);
}

/* @rpc (transfer full) handed over without the codec, for what it cannot write */
static CwmpRpc *
test_call_direct(Fixture *fx, CwmpSoapVersion version, CwmpRpc *rpc)
{
	g_autoptr(CwmpRpc) owned = rpc;
	g_autofree gchar *id = g_strdup_printf("acs-%u", ++fx->n_requests);
	g_autoptr(CwmpSoapMessage) request = cwmp_soap_message_new(version, id, owned);
	return test_handle(fx, request);
}

static void
assert_fault(const CwmpRpc *rpc, guint code)
{
	g_assert_nonnull(rpc);
	if (rpc->method != CWMP_RPC_FAULT)
		g_test_message("expected fault %u, got %s", code,
			       cwmp_rpc_method_to_string(rpc->method));
	g_assert_cmpint(rpc->method, ==, CWMP_RPC_FAULT);
	if (rpc->fault.fault_code != code)
		g_test_message("fault %u: %s", rpc->fault.fault_code, rpc->fault.fault_string);
	g_assert_cmpuint(rpc->fault.fault_code, ==, code);
	g_assert_nonnull(rpc->fault.fault_string);
	g_assert_cmpstr(rpc->fault.faultcode, ==, cwmp_fault_is_client(code) ? "Client" : "Server");
}

static CwmpRpc *
rpc_gpv(const gchar *first, ...)
{
	CwmpRpc *rpc = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_VALUES);
	g_autoptr(GStrvBuilder) builder = g_strv_builder_new();
	va_list args;

	va_start(args, first);
	for (const gchar *name = first; name != NULL; name = va_arg(args, const gchar *))
		g_strv_builder_add(builder, name);
	va_end(args);
	rpc->parameter_names.parameter_names = g_strv_builder_end(builder);
	return rpc;
}

static CwmpRpc *
rpc_spv(const gchar *parameter_key)
{
	CwmpRpc *rpc = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_VALUES);
	rpc->set_parameter_values.parameter_key = g_strdup(parameter_key);
	return rpc;
}

static void
rpc_spv_add(CwmpRpc *rpc, const gchar *name, const gchar *value, CwmpType type)
{
	g_ptr_array_add(rpc->set_parameter_values.parameter_list,
			cwmp_rpc_param_value_new(name, value, type));
}

static CwmpRpc *
rpc_object(CwmpRpcMethod method, const gchar *name, const gchar *parameter_key)
{
	CwmpRpc *rpc = cwmp_rpc_new(method);
	rpc->object.object_name = g_strdup(name);
	rpc->object.parameter_key = g_strdup(parameter_key);
	return rpc;
}

static CwmpRpc *
rpc_gpn(const gchar *path, gboolean next_level)
{
	CwmpRpc *rpc = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_NAMES);
	rpc->get_parameter_names.parameter_path = g_strdup(path);
	rpc->get_parameter_names.next_level = next_level;
	return rpc;
}

static CwmpRpc *
rpc_command_key(CwmpRpcMethod method, const gchar *command_key)
{
	CwmpRpc *rpc = cwmp_rpc_new(method);
	rpc->command_key.command_key = g_strdup(command_key);
	return rpc;
}

static CwmpRpc *
rpc_schedule_inform(guint delay_seconds, const gchar *command_key)
{
	CwmpRpc *rpc = cwmp_rpc_new(CWMP_RPC_SCHEDULE_INFORM);
	rpc->schedule_inform.delay_seconds = delay_seconds;
	rpc->schedule_inform.command_key = g_strdup(command_key);
	return rpc;
}

static void
rpc_spa_add(CwmpRpc	*rpc,
	    const gchar *name,
	    gboolean	 notification_change,
	    gint	 notification,
	    gboolean	 access_list_change,
	    const gchar *access)
{
	CwmpRpcSetParamAttr *item = g_new0(CwmpRpcSetParamAttr, 1);
	const gchar	    *list[] = {access, NULL};

	item->name = g_strdup(name);
	item->notification_change = notification_change;
	item->notification = notification;
	item->access_list_change = access_list_change;
	item->access_list = g_strdupv((gchar **) list);
	g_ptr_array_add(rpc->set_parameter_attributes.parameter_list, item);
}

/* name -> value of a GetParameterValuesResponse */
static GHashTable *
values_of(const CwmpRpc *rpc)
{
	GHashTable *out = g_hash_table_new(g_str_hash, g_str_equal);

	g_assert_cmpint(rpc->method, ==, CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE);
	for (guint i = 0; i < rpc->parameter_value_list.parameter_list->len; i++) {
		CwmpRpcParamValue *pv =
		    g_ptr_array_index(rpc->parameter_value_list.parameter_list, i);
		g_hash_table_insert(out, pv->name, pv);
	}
	return out;
}

static gchar *
dm_value(Fixture *fx, const gchar *path)
{
	g_autoptr(GError) error = NULL;
	gchar *value = cwmp_dm_get_value(fx->dm, path, &error);
	g_assert_no_error(error);
	return value;
}

static void
assert_parameter_key(Fixture *fx, const gchar *expected)
{
	g_autofree gchar *key = cwmp_management_server_get_parameter_key(fx->ms);
	g_autofree gchar *value = dm_value(fx, "Device.ManagementServer.ParameterKey");
	g_assert_cmpstr(key, ==, expected);
	g_assert_cmpstr(value, ==, expected);
}

static guint32
add_user(Fixture *fx)
{
	g_autoptr(CwmpRpc) response =
	    test_call(fx, V14, rpc_object(CWMP_RPC_ADD_OBJECT, "Device.Users.User.", "add"));
	g_assert_cmpint(response->method, ==, CWMP_RPC_ADD_OBJECT_RESPONSE);
	return response->add_object_response.instance_number;
}

/* the tests */

static const gchar *const test_implemented[] = {
    "GetRPCMethods",	 "SetParameterValues",	   "GetParameterValues",
    "GetParameterNames", "SetParameterAttributes", "GetParameterAttributes",
    "AddObject",	 "DeleteObject",	   "Reboot",
    "FactoryReset",	 "ScheduleInform",	   NULL,
};

static void
test_get_rpc_methods(Fixture *fx, gconstpointer data)
{
	for (CwmpSoapVersion v = 0; v < CWMP_SOAP_VERSION_LAST; v++) {
		g_autoptr(CwmpRpc) response =
		    test_call(fx, v, cwmp_rpc_new(CWMP_RPC_GET_RPC_METHODS));
		GStrv list;

		g_assert_cmpint(response->method, ==, CWMP_RPC_GET_RPC_METHODS_RESPONSE);
		list = response->get_rpc_methods_response.method_list;
		g_assert_nonnull(list);
		g_assert_true(g_strv_equal((const gchar *const *) list, test_implemented));
	}
}

static void
test_gpv(Fixture *fx, gconstpointer data)
{
	g_autoptr(CwmpRpc) response = NULL;
	g_autoptr(GHashTable) values = NULL;
	CwmpRpcParamValue *pv;

	/* a full name, a partial path and the same parameter again */
	response = test_call(fx, V14,
			     rpc_gpv("Device.ManagementServer.URL", "Device.DeviceInfo.",
				     "Device.DeviceInfo.UpTime", NULL));
	values = values_of(response);
	g_assert_cmpuint(response->parameter_value_list.parameter_list->len, ==, 5);
	pv = g_hash_table_lookup(values, "Device.ManagementServer.URL");
	g_assert_nonnull(pv);
	g_assert_cmpstr(pv->value, ==, "http://127.0.0.1:7547/cwmp");
	g_assert_cmpint(pv->type, ==, CWMP_TYPE_STRING);
	pv = g_hash_table_lookup(values, "Device.DeviceInfo.UpTime");
	g_assert_nonnull(pv);
	g_assert_cmpstr(pv->value, ==, "4242");
	g_assert_cmpint(pv->type, ==, CWMP_TYPE_UNSIGNED_INT);
	pv = g_hash_table_lookup(values, "Device.DeviceInfo.SoftwareVersion");
	g_assert_nonnull(pv);
	g_assert_cmpstr(pv->value, ==, "1.2.3");
	g_assert_true(g_hash_table_contains(values, "Device.DeviceInfo.ProvisioningCode"));
	g_clear_pointer(&values, g_hash_table_unref);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* a table: every instance */
	add_user(fx);
	add_user(fx);
	response = test_call(fx, V14, rpc_gpv("Device.Users.User.", NULL));
	values = values_of(response);
	g_assert_true(g_hash_table_contains(values, "Device.Users.User.1.Username"));
	g_assert_true(g_hash_table_contains(values, "Device.Users.User.2.UserID"));
	pv = g_hash_table_lookup(values, "Device.Users.User.2.Enable");
	g_assert_nonnull(pv);
	g_assert_cmpint(pv->type, ==, CWMP_TYPE_BOOLEAN);
	g_clear_pointer(&values, g_hash_table_unref);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* no names: no values */
	response = test_call(fx, V14, cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_VALUES));
	g_assert_cmpint(response->method, ==, CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE);
	g_assert_cmpuint(response->parameter_value_list.parameter_list->len, ==, 0);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* one bad name faults the whole request, wherever it is */
	response = test_call(fx, V14, rpc_gpv("Device.DeviceInfo.", "Device.NoSuchThing.", NULL));
	assert_fault(response, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = test_call(fx, V14, rpc_gpv("Device.DeviceInfo.UpTime.", NULL));
	assert_fault(response, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = test_call(fx, V14, rpc_gpv("Device.Users.User.9.", NULL));
	assert_fault(response, CWMP_FAULT_INVALID_PARAMETER_NAME);
}

static void
test_gpv_bench(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GTimer) timer = NULL;
	g_autoptr(CwmpRpc) response = NULL;
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *list;

	for (guint i = 1; i <= BENCH_INSTANCES; i++) {
		guint32 instance = 0;
		g_assert_true(
		    cwmp_dm_add_object(fx->dm, "Device.X_000000_Bench.Item.", &instance, &error));
		g_assert_no_error(error);
		g_assert_cmpuint(instance, ==, i);
	}
	/* the handler alone, for information only: nothing here depends on time */
	{
		g_autoptr(CwmpRpc) rpc = rpc_gpv("Device.X_000000_Bench.", NULL);
		g_autoptr(CwmpSoapMessage) request = cwmp_soap_message_new(V14, "bench", rpc);
		g_autoptr(GBytes) bytes = NULL;
		timer = g_timer_new();
		bytes = cwmp_rpc_handler_handle(fx->handler, request);
		g_test_message("GetParameterValues of %u values: %.1f ms, %" G_GSIZE_FORMAT " byte"
			       "s",
			       BENCH_INSTANCES * BENCH_PARAMS, g_timer_elapsed(timer, NULL) * 1000,
			       g_bytes_get_size(bytes));
	}
	response = test_call(fx, V14, rpc_gpv("Device.X_000000_Bench.", NULL));
	g_assert_cmpint(response->method, ==, CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE);
	list = response->parameter_value_list.parameter_list;
	g_assert_cmpuint(list->len, ==, BENCH_INSTANCES * BENCH_PARAMS);
	for (guint i = 0; i < list->len; i++) {
		CwmpRpcParamValue *pv = g_ptr_array_index(list, i);
		g_assert_true(g_str_has_prefix(pv->name, "Device.X_000000_Bench.Item."));
		g_assert_true(g_hash_table_add(seen, pv->name));
		if (g_str_has_suffix(pv->name, ".Description")) {
			g_assert_cmpstr(pv->value, ==, "a parameter & some <markup>");
			g_assert_cmpint(pv->type, ==, CWMP_TYPE_STRING);
		} else if (g_str_has_suffix(pv->name, ".Bytes")) {
			g_assert_cmpstr(pv->value, ==, "18446744073709551615");
			g_assert_cmpint(pv->type, ==, CWMP_TYPE_UNSIGNED_LONG);
		}
	}
	g_assert_true(g_hash_table_contains(seen, "Device.X_000000_Bench.Item.1000.Level"));
	g_assert_true(g_hash_table_contains(seen, "Device.X_000000_Bench.Item.1.Name"));
}

static void
test_spv_ok(Fixture *fx, gconstpointer data)
{
	g_autoptr(CwmpRpc) response = NULL;
	g_autoptr(CwmpRpc) spv = rpc_spv("key-1");
	g_autofree gchar *value = NULL;
	guint32		  user = add_user(fx);
	g_autofree gchar *username = g_strdup_printf("Device.Users.User.%u.Username", user);
	g_autofree gchar *userid = g_strdup_printf("Device.Users.User.%u.UserID", user);

	assert_parameter_key(fx, "add");
	rpc_spv_add(spv, username, "alice", CWMP_TYPE_STRING);
	rpc_spv_add(spv, userid, "1001", CWMP_TYPE_UNSIGNED_INT);
	rpc_spv_add(spv, "Device.DeviceInfo.ProvisioningCode", "ABC.1", CWMP_TYPE_STRING);
	rpc_spv_add(spv, "Device.ManagementServer.PeriodicInformInterval", "1800",
		    CWMP_TYPE_UNSIGNED_INT);
	response = test_call(fx, V14, g_steal_pointer(&spv));
	g_assert_cmpint(response->method, ==, CWMP_RPC_SET_PARAMETER_VALUES_RESPONSE);
	g_assert_cmpint(response->status.status, ==, 0);
	assert_parameter_key(fx, "key-1");

	/* ParameterKey and values are on disk: a restart reads them back */
	test_stop(fx);
	test_start(fx);
	assert_parameter_key(fx, "key-1");
	value = dm_value(fx, username);
	g_assert_cmpstr(value, ==, "alice");
	g_clear_pointer(&value, g_free);
	value = dm_value(fx, "Device.ManagementServer.PeriodicInformInterval");
	g_assert_cmpstr(value, ==, "1800");
	g_clear_pointer(&value, g_free);

	/* no xsi:type (the codec writes one, so this one goes direct): the
	 * parameter's own type is taken */
	g_clear_pointer(&response, cwmp_rpc_unref);
	spv = rpc_spv("key-untyped");
	rpc_spv_add(spv, userid, "1002", CWMP_TYPE_NONE);
	response = test_call_direct(fx, V14, g_steal_pointer(&spv));
	g_assert_cmpint(response->method, ==, CWMP_RPC_SET_PARAMETER_VALUES_RESPONSE);
	assert_parameter_key(fx, "key-untyped");
	value = dm_value(fx, userid);
	g_assert_cmpstr(value, ==, "1002");
	g_clear_pointer(&value, g_free);

	/* an empty list is a valid request and still sets the key */
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = test_call(fx, V14, rpc_spv("key-2"));
	g_assert_cmpint(response->method, ==, CWMP_RPC_SET_PARAMETER_VALUES_RESPONSE);
	assert_parameter_key(fx, "key-2");
}

static void
test_spv_faults(Fixture *fx, gconstpointer data)
{
	g_autoptr(CwmpRpc) response = NULL;
	g_autoptr(CwmpRpc) spv = rpc_spv("bad-key");
	g_autofree gchar *value = NULL;
	g_autofree gchar *too_long = NULL;
	GPtrArray	 *entries;
	struct {
		const gchar *name;
		guint	     code;
	} expected[] = {
	    {"Device.DeviceInfo.NoSuchParameter", CWMP_FAULT_INVALID_PARAMETER_NAME},
	    {"Device.Users.User.1.Enable", CWMP_FAULT_INVALID_PARAMETER_TYPE},
	    {"Device.Users.User.1.Username", CWMP_FAULT_INVALID_PARAMETER_VALUE},
	    {"Device.DeviceInfo.UpTime", CWMP_FAULT_NON_WRITABLE_PARAMETER},
	};

	add_user(fx);
	assert_parameter_key(fx, "add");
	rpc_spv_add(spv, "Device.DeviceInfo.ProvisioningCode", "must-not-stick", CWMP_TYPE_STRING);
	rpc_spv_add(spv, expected[0].name, "x", CWMP_TYPE_STRING);
	rpc_spv_add(spv, expected[1].name, "true", CWMP_TYPE_STRING);
	/* Username is string(64) */
	too_long = g_strnfill(65, 'u');
	rpc_spv_add(spv, expected[2].name, too_long, CWMP_TYPE_STRING);
	rpc_spv_add(spv, expected[3].name, "1", CWMP_TYPE_UNSIGNED_INT);
	response = test_call(fx, V14, g_steal_pointer(&spv));
	assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
	entries = response->fault.set_parameter_values_fault;
	g_assert_cmpuint(entries->len, ==, G_N_ELEMENTS(expected));
	for (guint i = 0; i < G_N_ELEMENTS(expected); i++) {
		CwmpRpcSpvFault *entry = NULL;
		for (guint j = 0; j < entries->len; j++) {
			CwmpRpcSpvFault *e = g_ptr_array_index(entries, j);
			if (g_strcmp0(e->parameter_name, expected[i].name) == 0)
				entry = e;
		}
		g_assert_nonnull(entry);
		g_assert_cmpuint(entry->fault_code, ==, expected[i].code);
		g_assert_nonnull(entry->fault_string);
		g_assert_cmpstr(entry->fault_string, !=, "");
	}
	/* nothing applied, ParameterKey unchanged */
	assert_parameter_key(fx, "add");
	value = dm_value(fx, "Device.DeviceInfo.ProvisioningCode");
	g_assert_cmpstr(value, ==, "");
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* one parameter twice */
	spv = rpc_spv("dup");
	rpc_spv_add(spv, "Device.DeviceInfo.ProvisioningCode", "a", CWMP_TYPE_STRING);
	rpc_spv_add(spv, "Device.DeviceInfo.ProvisioningCode", "b", CWMP_TYPE_STRING);
	response = test_call(fx, V14, g_steal_pointer(&spv));
	assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
	assert_parameter_key(fx, "add");
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* a ParameterKey the management server could not take: refused before
	 * anything is applied */
	spv = rpc_spv("");
	g_free(spv->set_parameter_values.parameter_key);
	spv->set_parameter_values.parameter_key = g_strnfill(33, 'k');
	rpc_spv_add(spv, "Device.DeviceInfo.ProvisioningCode", "must-not-stick", CWMP_TYPE_STRING);
	response = test_call_direct(fx, V14, g_steal_pointer(&spv));
	assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
	g_assert_cmpuint(response->fault.set_parameter_values_fault->len, ==, 0);
	assert_parameter_key(fx, "add");
	g_clear_pointer(&value, g_free);
	value = dm_value(fx, "Device.DeviceInfo.ProvisioningCode");
	g_assert_cmpstr(value, ==, "");
}

static gboolean
names_has(const CwmpRpc *rpc, const gchar *name, gboolean *writable)
{
	GPtrArray *list = rpc->parameter_info_list.parameter_list;
	for (guint i = 0; i < list->len; i++) {
		CwmpRpcParamInfo *info = g_ptr_array_index(list, i);
		if (g_strcmp0(info->name, name) == 0) {
			if (writable != NULL)
				*writable = info->writable;
			return TRUE;
		}
	}
	return FALSE;
}

static void
test_gpn(Fixture *fx, gconstpointer data)
{
	g_autoptr(CwmpRpc) response = NULL;
	GPtrArray *list;
	gboolean   writable = FALSE;

	add_user(fx);

	/* NextLevel: the children only */
	response = test_call(fx, V14, rpc_gpn("Device.Users.", TRUE));
	g_assert_cmpint(response->method, ==, CWMP_RPC_GET_PARAMETER_NAMES_RESPONSE);
	g_assert_true(names_has(response, "Device.Users.User.", &writable));
	g_assert_true(writable);
	g_assert_false(names_has(response, "Device.Users.User.1.", NULL));
	list = response->parameter_info_list.parameter_list;
	for (guint i = 0; i < list->len; i++) {
		CwmpRpcParamInfo *info = g_ptr_array_index(list, i);
		const gchar	 *rest = info->name + strlen("Device.Users.");
		const gchar	 *dot;
		g_assert_true(g_str_has_prefix(info->name, "Device.Users."));
		/* a parameter, or an object whose only dot is the last character */
		dot = strchr(rest, '.');
		g_assert_true(dot == NULL || dot[1] == '\0');
	}
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* the whole subtree */
	response = test_call(fx, V14, rpc_gpn("Device.Users.", FALSE));
	g_assert_true(names_has(response, "Device.Users.User.1.", NULL));
	g_assert_true(names_has(response, "Device.Users.User.1.Username", &writable));
	g_assert_true(writable);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* one parameter */
	response = test_call(fx, V14, rpc_gpn("Device.DeviceInfo.UpTime", FALSE));
	g_assert_cmpuint(response->parameter_info_list.parameter_list->len, ==, 1);
	g_assert_true(names_has(response, "Device.DeviceInfo.UpTime", &writable));
	g_assert_false(writable);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* the empty path with NextLevel: the root object */
	response = test_call(fx, V14, rpc_gpn("", TRUE));
	g_assert_cmpuint(response->parameter_info_list.parameter_list->len, ==, 1);
	g_assert_true(names_has(response, "Device.", NULL));
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* faults */
	response = test_call(fx, V14, rpc_gpn("Device.NoSuchThing.", TRUE));
	assert_fault(response, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = test_call(fx, V14, rpc_gpn("Device.DeviceInfo.UpTime", TRUE));
	assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
}

static const CwmpRpcParamAttr *
attr_of(const CwmpRpc *rpc, const gchar *name)
{
	GPtrArray *list = rpc->parameter_attribute_list.parameter_list;
	g_assert_cmpint(rpc->method, ==, CWMP_RPC_GET_PARAMETER_ATTRIBUTES_RESPONSE);
	for (guint i = 0; i < list->len; i++) {
		CwmpRpcParamAttr *attr = g_ptr_array_index(list, i);
		if (g_strcmp0(attr->name, name) == 0)
			return attr;
	}
	return NULL;
}

static CwmpRpc *
call_gpa(Fixture *fx, const gchar *name)
{
	CwmpRpc	    *rpc = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_ATTRIBUTES);
	const gchar *names[] = {name, NULL};
	rpc->parameter_names.parameter_names = g_strdupv((gchar **) names);
	return test_call(fx, V14, rpc);
}

static void
test_attributes(Fixture *fx, gconstpointer data)
{
	g_autoptr(CwmpRpc) response = NULL;
	g_autoptr(CwmpRpc) spa = NULL;
	const CwmpRpcParamAttr *attr;

	add_user(fx);
	response = call_gpa(fx, "Device.Users.User.1.");
	attr = attr_of(response, "Device.Users.User.1.Username");
	g_assert_nonnull(attr);
	g_assert_cmpint(attr->notification, ==, 0);
	g_assert_cmpuint(g_strv_length(attr->access_list), ==, 0);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* NotificationChange and AccessListChange */
	spa = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_ATTRIBUTES);
	rpc_spa_add(spa, "Device.Users.User.1.Username", TRUE, 2, TRUE, "Subscriber");
	/* only the access list: the notification stays */
	rpc_spa_add(spa, "Device.Users.User.1.UserID", FALSE, 2, TRUE, "Subscriber");
	response = test_call(fx, V14, g_steal_pointer(&spa));
	g_assert_cmpint(response->method, ==, CWMP_RPC_SET_PARAMETER_ATTRIBUTES_RESPONSE);
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = call_gpa(fx, "Device.Users.User.1.");
	attr = attr_of(response, "Device.Users.User.1.Username");
	g_assert_nonnull(attr);
	g_assert_cmpint(attr->notification, ==, 2);
	g_assert_cmpuint(g_strv_length(attr->access_list), ==, 1);
	g_assert_cmpstr(attr->access_list[0], ==, "Subscriber");
	attr = attr_of(response, "Device.Users.User.1.UserID");
	g_assert_nonnull(attr);
	g_assert_cmpint(attr->notification, ==, 0);
	g_assert_cmpstr(attr->access_list[0], ==, "Subscriber");
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* a partial path sets every parameter below it */
	spa = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_ATTRIBUTES);
	rpc_spa_add(spa, "Device.Users.User.1.", TRUE, 1, FALSE, NULL);
	response = test_call(fx, V14, g_steal_pointer(&spa));
	g_assert_cmpint(response->method, ==, CWMP_RPC_SET_PARAMETER_ATTRIBUTES_RESPONSE);
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = call_gpa(fx, "Device.Users.User.1.UserID");
	g_assert_cmpuint(response->parameter_attribute_list.parameter_list->len, ==, 1);
	attr = attr_of(response, "Device.Users.User.1.UserID");
	g_assert_nonnull(attr);
	g_assert_cmpint(attr->notification, ==, 1);
	g_assert_cmpstr(attr->access_list[0], ==, "Subscriber");
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* faults, all or nothing */
	spa = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_ATTRIBUTES);
	rpc_spa_add(spa, "Device.Users.User.1.Username", TRUE, 0, FALSE, NULL);
	rpc_spa_add(spa, "Device.NoSuchThing", TRUE, 1, FALSE, NULL);
	response = test_call(fx, V14, g_steal_pointer(&spa));
	assert_fault(response, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = call_gpa(fx, "Device.Users.User.1.Username");
	g_assert_cmpint(attr_of(response, "Device.Users.User.1.Username")->notification, ==, 1);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* active notification is forced on for ProvisioningCode, denied for UpTime */
	spa = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_ATTRIBUTES);
	rpc_spa_add(spa, "Device.DeviceInfo.ProvisioningCode", TRUE, 0, FALSE, NULL);
	response = test_call(fx, V14, g_steal_pointer(&spa));
	assert_fault(response, CWMP_FAULT_NOTIFICATION_REJECTED);
	g_clear_pointer(&response, cwmp_rpc_unref);
	spa = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_ATTRIBUTES);
	rpc_spa_add(spa, "Device.DeviceInfo.UpTime", TRUE, 2, FALSE, NULL);
	response = test_call(fx, V14, g_steal_pointer(&spa));
	assert_fault(response, CWMP_FAULT_NOTIFICATION_REJECTED);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* undefined notification values and access list entries */
	spa = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_ATTRIBUTES);
	rpc_spa_add(spa, "Device.Users.User.1.Username", TRUE, 7, FALSE, NULL);
	response = test_call(fx, V14, g_steal_pointer(&spa));
	assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
	g_clear_pointer(&response, cwmp_rpc_unref);
	spa = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_ATTRIBUTES);
	rpc_spa_add(spa, "Device.Users.User.1.Username", TRUE, -1, FALSE, NULL);
	response = test_call_direct(fx, V14, g_steal_pointer(&spa));
	assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
	g_clear_pointer(&response, cwmp_rpc_unref);
	spa = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_ATTRIBUTES);
	rpc_spa_add(spa, "Device.Users.User.1.Username", FALSE, 0, TRUE, "Everybody");
	response = test_call(fx, V14, g_steal_pointer(&spa));
	assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* GetParameterAttributes of a bad name */
	response = call_gpa(fx, "Device.Users.User.7.");
	assert_fault(response, CWMP_FAULT_INVALID_PARAMETER_NAME);
}

static void
test_objects(Fixture *fx, gconstpointer data)
{
	g_autoptr(CwmpRpc) response = NULL;
	g_autofree gchar *value = NULL;

	assert_parameter_key(fx, "");
	response = test_call(fx, V14, rpc_object(CWMP_RPC_ADD_OBJECT, "Device.Users.User.", "a1"));
	g_assert_cmpint(response->method, ==, CWMP_RPC_ADD_OBJECT_RESPONSE);
	g_assert_cmpuint(response->add_object_response.instance_number, ==, 1);
	g_assert_cmpint(response->add_object_response.status, ==, 0);
	assert_parameter_key(fx, "a1");
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = test_call(fx, V14, rpc_object(CWMP_RPC_ADD_OBJECT, "Device.Users.User.", "a2"));
	g_assert_cmpuint(response->add_object_response.instance_number, ==, 2);
	assert_parameter_key(fx, "a2");
	value = dm_value(fx, "Device.Users.UserNumberOfEntries");
	g_assert_cmpstr(value, ==, "2");
	g_clear_pointer(&value, g_free);
	g_clear_pointer(&response, cwmp_rpc_unref);

	response =
	    test_call(fx, V14, rpc_object(CWMP_RPC_DELETE_OBJECT, "Device.Users.User.1.", "d1"));
	g_assert_cmpint(response->method, ==, CWMP_RPC_DELETE_OBJECT_RESPONSE);
	g_assert_cmpint(response->status.status, ==, 0);
	assert_parameter_key(fx, "d1");
	value = dm_value(fx, "Device.Users.UserNumberOfEntries");
	g_assert_cmpstr(value, ==, "1");
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* failures leave the ParameterKey alone */
	response =
	    test_call(fx, V14, rpc_object(CWMP_RPC_DELETE_OBJECT, "Device.Users.User.1.", "d2"));
	assert_fault(response, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = test_call(fx, V14, rpc_object(CWMP_RPC_ADD_OBJECT, "Device.DeviceInfo.", "a3"));
	assert_fault(response, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = test_call(fx, V14, rpc_object(CWMP_RPC_ADD_OBJECT, "Device.NoSuch.", "a4"));
	assert_fault(response, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_pointer(&response, cwmp_rpc_unref);
	assert_parameter_key(fx, "d1");
	/* a single object is no table */
	response =
	    test_call(fx, V14, rpc_object(CWMP_RPC_ADD_OBJECT, "Device.ManagementServer.", "a5"));
	assert_fault(response, CWMP_FAULT_INVALID_PARAMETER_NAME);
	assert_parameter_key(fx, "d1");

	/* the instances and the key survive a restart */
	test_stop(fx);
	test_start(fx);
	assert_parameter_key(fx, "d1");
	g_clear_pointer(&value, g_free);
	value = dm_value(fx, "Device.Users.UserNumberOfEntries");
	g_assert_cmpstr(value, ==, "1");
}

static void
test_reboot(Fixture *fx, gconstpointer data)
{
	g_autoptr(CwmpRpc) response = NULL;
	g_autoptr(CwmpEventQueue) other = NULL;

	response = test_call(fx, V14, rpc_command_key(CWMP_RPC_REBOOT, "reboot-42"));
	g_assert_cmpint(response->method, ==, CWMP_RPC_REBOOT_RESPONSE);
	g_assert_cmpuint(fx->n_reboot, ==, 1);
	g_assert_cmpstr(fx->reboot_key, ==, "reboot-42");
	g_assert_true(cwmp_event_queue_contains(fx->events, CWMP_EVENT_M_REBOOT, "reboot-42"));

	/* on disk already: another queue on the same directory sees it */
	other = cwmp_test_utils_event_queue_new(fx->dir);
	g_assert_true(cwmp_event_queue_contains(other, CWMP_EVENT_M_REBOOT, "reboot-42"));
	g_assert_cmpuint(cwmp_event_queue_count(other, CWMP_EVENT_M_REBOOT), ==, 1);
	g_clear_object(&other);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* a CommandKey over 32 bytes is refused with nothing queued or signalled */
	{
		g_autofree gchar *key = g_strnfill(33, 'r');
		response = test_call_direct(fx, V14, rpc_command_key(CWMP_RPC_REBOOT, key));
		assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
		g_assert_cmpuint(fx->n_reboot, ==, 1);
		g_assert_cmpuint(cwmp_event_queue_count(fx->events, CWMP_EVENT_M_REBOOT), ==, 1);
	}
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* an empty CommandKey is fine */
	response = test_call(fx, V10, rpc_command_key(CWMP_RPC_REBOOT, ""));
	g_assert_cmpint(response->method, ==, CWMP_RPC_REBOOT_RESPONSE);
	g_assert_cmpuint(fx->n_reboot, ==, 2);
	g_assert_cmpstr(fx->reboot_key, ==, "");
	g_assert_true(cwmp_event_queue_contains(fx->events, CWMP_EVENT_M_REBOOT, ""));
}

static void
test_factory_reset(Fixture *fx, gconstpointer data)
{
	g_autoptr(CwmpRpc) response = test_call(fx, V14, cwmp_rpc_new(CWMP_RPC_FACTORY_RESET));
	g_assert_cmpint(response->method, ==, CWMP_RPC_FACTORY_RESET_RESPONSE);
	g_assert_cmpuint(fx->n_factory_reset, ==, 1);
	g_assert_cmpuint(fx->n_reboot, ==, 0);
}

static void
test_schedule_inform(Fixture *fx, gconstpointer data)
{
	g_autoptr(CwmpRpc) response = NULL;
	g_autoptr(CwmpScheduler) other = NULL;

	response = test_call(fx, V14, rpc_schedule_inform(60, "si-1"));
	g_assert_cmpint(response->method, ==, CWMP_RPC_SCHEDULE_INFORM_RESPONSE);
	g_assert_cmpuint(cwmp_scheduler_get_n_scheduled_informs(fx->scheduler), ==, 1);
	g_assert_cmpint(cwmp_scheduler_get_next_scheduled_inform(fx->scheduler), ==, TEST_NOW + 60);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* persisted: a scheduler on the same directory knows it */
	other = cwmp_test_utils_scheduler_new(fx->events, fx->dir, &fx->now);
	g_assert_cmpuint(cwmp_scheduler_get_n_scheduled_informs(other), ==, 1);
	g_clear_object(&other);

	/* DelaySeconds 0 is refused */
	response = test_call(fx, V14, rpc_schedule_inform(0, "si-2"));
	assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
	g_assert_cmpuint(cwmp_scheduler_get_n_scheduled_informs(fx->scheduler), ==, 1);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* when due: 3 SCHEDULED and M ScheduleInform with the CommandKey */
	g_assert_false(cwmp_event_queue_contains(fx->events, CWMP_EVENT_M_SCHEDULE_INFORM, "si-1"));
	fx->now += 60;
	cwmp_scheduler_run_due(fx->scheduler);
	g_assert_cmpuint(cwmp_event_queue_count(fx->events, CWMP_EVENT_SCHEDULED), ==, 1);
	g_assert_true(cwmp_event_queue_contains(fx->events, CWMP_EVENT_M_SCHEDULE_INFORM, "si-1"));
}

static void
test_unimplemented(Fixture *fx, gconstpointer data)
{
	const CwmpRpcMethod later[] = {
	    CWMP_RPC_DOWNLOAD,
	    CWMP_RPC_SCHEDULE_DOWNLOAD,
	    CWMP_RPC_UPLOAD,
	    CWMP_RPC_GET_QUEUED_TRANSFERS,
	    CWMP_RPC_GET_ALL_QUEUED_TRANSFERS,
	    CWMP_RPC_CANCEL_TRANSFER,
	    CWMP_RPC_CHANGE_DU_STATE,
	    CWMP_RPC_SET_VOUCHERS,
	    CWMP_RPC_GET_OPTIONS,
	    CWMP_RPC_INFORM,
	    CWMP_RPC_TRANSFER_COMPLETE,
	    CWMP_RPC_REQUEST_DOWNLOAD,
	    CWMP_RPC_KICKED,
	};
	const CwmpRpcMethod not_requests[] = {
	    CWMP_RPC_GET_RPC_METHODS_RESPONSE,
	    CWMP_RPC_INFORM_RESPONSE,
	    CWMP_RPC_REBOOT_RESPONSE,
	    CWMP_RPC_EMPTY,
	};

	for (guint i = 0; i < G_N_ELEMENTS(later); i++) {
		g_autoptr(CwmpRpc) response = test_call_direct(fx, V14, cwmp_rpc_new(later[i]));
		g_test_message("%s", cwmp_rpc_method_to_string(later[i]));
		assert_fault(response, CWMP_FAULT_METHOD_NOT_SUPPORTED);
		g_assert_false(cwmp_rpc_handler_has_method(fx->handler, later[i]));
	}
	for (guint i = 0; i < G_N_ELEMENTS(not_requests); i++) {
		g_autoptr(CwmpRpc) response =
		    test_call_direct(fx, V14, cwmp_rpc_new(not_requests[i]));
		assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
	}
	/* a Fault from the ACS where a request belongs */
	{
		g_autoptr(CwmpRpc) response =
		    test_call(fx, V14, cwmp_rpc_new_fault(8005, "Retry request"));
		assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
	}
	/* the partial message of a failed parse (the session answers those itself) */
	{
		g_autoptr(CwmpSoapMessage) request = cwmp_soap_message_new(V14, "partial", NULL);
		g_autoptr(CwmpRpc) response = NULL;
		g_clear_pointer(&request->rpc, cwmp_rpc_unref);
		response = test_handle(fx, request);
		assert_fault(response, CWMP_FAULT_INVALID_ARGUMENTS);
	}
	/* a method of a later version than the session's */
	{
		g_autoptr(CwmpRpc) response =
		    test_call_direct(fx, V10, cwmp_rpc_new(CWMP_RPC_CHANGE_DU_STATE));
		assert_fault(response, CWMP_FAULT_METHOD_NOT_SUPPORTED);
	}
}

typedef struct {
	guint calls;
	guint destroyed;
	gint  mode; /* 0 answer, 1 CWMP fault, 2 other error, 3 wrong answer */
} TestMethod;

static CwmpRpc *
test_method_cb(CwmpRpcHandler  *handler,
	       CwmpSoapMessage *request,
	       gpointer		user_data,
	       GError	      **error)
{
	TestMethod *tm = user_data;
	CwmpRpc	   *response;

	tm->calls++;
	g_assert_cmpint(request->rpc->method, ==, CWMP_RPC_DOWNLOAD);
	switch (tm->mode) {
	case 1:
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_DOWNLOAD_FAILURE, "no such file");
		return NULL;
	case 2:
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_FAILED, "secret internal detail");
		return NULL;
	case 3:
		return cwmp_rpc_new(CWMP_RPC_REBOOT_RESPONSE);
	default:
		response = cwmp_rpc_new(CWMP_RPC_DOWNLOAD_RESPONSE);
		response->transfer_response.status = 1;
		return response;
	}
}

static void
test_method_destroy(gpointer user_data)
{
	TestMethod *tm = user_data;
	tm->destroyed++;
}

static gboolean
list_has(const CwmpRpc *rpc, const gchar *name)
{
	return g_strv_contains((const gchar *const *) rpc->get_rpc_methods_response.method_list,
			       name);
}

static void
test_register(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpRpc) response = NULL;
	TestMethod tm = {0};

	g_assert_true(cwmp_rpc_handler_register_method(
	    fx->handler, CWMP_RPC_DOWNLOAD, test_method_cb, &tm, test_method_destroy, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_rpc_handler_has_method(fx->handler, CWMP_RPC_DOWNLOAD));

	/* listed and dispatched together */
	response = test_call(fx, V14, cwmp_rpc_new(CWMP_RPC_GET_RPC_METHODS));
	g_assert_true(list_has(response, "Download"));
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = test_call_direct(fx, V14, cwmp_rpc_new(CWMP_RPC_DOWNLOAD));
	g_assert_cmpint(response->method, ==, CWMP_RPC_DOWNLOAD_RESPONSE);
	g_assert_cmpint(response->transfer_response.status, ==, 1);
	g_assert_cmpuint(tm.calls, ==, 1);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* its faults: a CWMP code is kept, anything else is 9002 without the detail */
	tm.mode = 1;
	response = test_call_direct(fx, V14, cwmp_rpc_new(CWMP_RPC_DOWNLOAD));
	assert_fault(response, CWMP_FAULT_DOWNLOAD_FAILURE);
	g_assert_cmpstr(response->fault.fault_string, ==, "no such file");
	g_clear_pointer(&response, cwmp_rpc_unref);
	tm.mode = 2;
	response = test_call_direct(fx, V14, cwmp_rpc_new(CWMP_RPC_DOWNLOAD));
	assert_fault(response, CWMP_FAULT_INTERNAL_ERROR);
	g_assert_null(strstr(response->fault.fault_string, "secret"));
	g_clear_pointer(&response, cwmp_rpc_unref);
	tm.mode = 3;
	g_test_expect_message("CwmpCore", G_LOG_LEVEL_WARNING, "*answered RebootResponse*");
	response = test_call_direct(fx, V14, cwmp_rpc_new(CWMP_RPC_DOWNLOAD));
	g_test_assert_expected_messages();
	assert_fault(response, CWMP_FAULT_INTERNAL_ERROR);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* one handler per method; only CPE methods */
	g_assert_false(cwmp_rpc_handler_register_method(fx->handler, CWMP_RPC_DOWNLOAD,
							test_method_cb, NULL, NULL, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_EXISTS);
	g_clear_error(&error);
	g_assert_false(cwmp_rpc_handler_register_method(fx->handler, CWMP_RPC_REBOOT,
							test_method_cb, NULL, NULL, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_EXISTS);
	g_clear_error(&error);
	g_assert_false(cwmp_rpc_handler_register_method(fx->handler, CWMP_RPC_INFORM,
							test_method_cb, NULL, NULL, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	g_clear_error(&error);
	g_assert_false(cwmp_rpc_handler_register_method(fx->handler, CWMP_RPC_DOWNLOAD_RESPONSE,
							test_method_cb, NULL, NULL, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	g_clear_error(&error);
	g_assert_cmpuint(tm.destroyed, ==, 0);

	/* unregistered: 9000 and no longer listed */
	g_assert_true(cwmp_rpc_handler_unregister_method(fx->handler, CWMP_RPC_DOWNLOAD));
	g_assert_cmpuint(tm.destroyed, ==, 1);
	g_assert_false(cwmp_rpc_handler_unregister_method(fx->handler, CWMP_RPC_DOWNLOAD));
	response = test_call_direct(fx, V14, cwmp_rpc_new(CWMP_RPC_DOWNLOAD));
	assert_fault(response, CWMP_FAULT_METHOD_NOT_SUPPORTED);
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = test_call(fx, V14, cwmp_rpc_new(CWMP_RPC_GET_RPC_METHODS));
	g_assert_false(list_has(response, "Download"));
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* a built-in method can be withdrawn too */
	g_assert_true(cwmp_rpc_handler_unregister_method(fx->handler, CWMP_RPC_FACTORY_RESET));
	response = test_call(fx, V14, cwmp_rpc_new(CWMP_RPC_FACTORY_RESET));
	assert_fault(response, CWMP_FAULT_METHOD_NOT_SUPPORTED);
	g_assert_cmpuint(fx->n_factory_reset, ==, 0);
	g_clear_pointer(&response, cwmp_rpc_unref);

	/* a method of CWMP 1.2 is listed only in sessions of 1.2 and later */
	tm = (TestMethod){0};
	g_assert_true(cwmp_rpc_handler_register_method(fx->handler, CWMP_RPC_CANCEL_TRANSFER,
						       test_method_cb, &tm, test_method_destroy,
						       &error));
	response = test_call(fx, V10, cwmp_rpc_new(CWMP_RPC_GET_RPC_METHODS));
	g_assert_false(list_has(response, "CancelTransfer"));
	g_clear_pointer(&response, cwmp_rpc_unref);
	response = test_call(fx, CWMP_SOAP_VERSION_1_2, cwmp_rpc_new(CWMP_RPC_GET_RPC_METHODS));
	g_assert_true(list_has(response, "CancelTransfer"));

	/* the handler frees what is still registered */
	g_clear_object(&fx->handler);
	g_assert_cmpuint(tm.destroyed, ==, 1);
}

/* every kind of response in every version validates (test_handle checks) */
static void
test_versions(Fixture *fx, gconstpointer data)
{
	for (CwmpSoapVersion v = 0; v < CWMP_SOAP_VERSION_LAST; v++) {
		g_autoptr(CwmpRpc) spv_ok = rpc_spv("v");
		g_autoptr(CwmpRpc) spv_bad = rpc_spv("v");
		g_autoptr(CwmpRpc) spa = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_ATTRIBUTES);
		g_autoptr(CwmpRpc) gpa = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_ATTRIBUTES);
		const gchar *names[] = {"Device.Users.User.", NULL};
		CwmpRpc	    *requests[16];
		guint	     n = 0;

		g_test_message("CWMP %s", cwmp_soap_version_to_string(v));
		rpc_spv_add(spv_ok, "Device.DeviceInfo.ProvisioningCode", "x", CWMP_TYPE_STRING);
		rpc_spv_add(spv_bad, "Device.DeviceInfo.UpTime", "1", CWMP_TYPE_UNSIGNED_INT);
		rpc_spv_add(spv_bad, "Device.DeviceInfo.Nope", "1", CWMP_TYPE_STRING);
		rpc_spa_add(spa, "Device.Users.User.", TRUE, 1, TRUE, "Subscriber");
		gpa->parameter_names.parameter_names = g_strdupv((gchar **) names);

		requests[n++] = rpc_object(CWMP_RPC_ADD_OBJECT, "Device.Users.User.", "v");
		requests[n++] = cwmp_rpc_new(CWMP_RPC_GET_RPC_METHODS);
		requests[n++] = rpc_gpv("Device.DeviceInfo.", "Device.Users.", NULL);
		requests[n++] = rpc_gpv("Device.Bad.", NULL);
		requests[n++] = g_steal_pointer(&spv_ok);
		requests[n++] = g_steal_pointer(&spv_bad);
		requests[n++] = rpc_gpn("Device.", TRUE);
		requests[n++] = rpc_gpn("Device.Users.", FALSE);
		requests[n++] = g_steal_pointer(&spa);
		requests[n++] = g_steal_pointer(&gpa);
		requests[n++] = rpc_object(CWMP_RPC_DELETE_OBJECT, "Device.Users.User.1.", "v");
		requests[n++] = rpc_command_key(CWMP_RPC_REBOOT, "v");
		requests[n++] = cwmp_rpc_new(CWMP_RPC_FACTORY_RESET);
		requests[n++] = rpc_schedule_inform(5, "v");
		requests[n++] = rpc_schedule_inform(0, "v");
		requests[n++] = cwmp_rpc_new(CWMP_RPC_UPLOAD);
		g_assert_cmpuint(n, ==, G_N_ELEMENTS(requests));
		for (guint i = 0; i < n; i++) {
			CwmpRpcMethod method = requests[i]->method;
			g_autoptr(CwmpRpc) response = test_call(fx, v, requests[i]);
			g_assert_true(response->method == CWMP_RPC_FAULT ||
				      response->method == cwmp_rpc_method_get_response(method));
		}
	}

	/* no cwmp:ID in the request, none in the response */
	{
		g_autoptr(CwmpRpc) rpc = cwmp_rpc_new(CWMP_RPC_GET_RPC_METHODS);
		g_autoptr(CwmpSoapMessage) request = cwmp_soap_message_new(V14, NULL, rpc);
		g_autoptr(CwmpRpc) response = test_handle(fx, request);
		g_assert_cmpint(response->method, ==, CWMP_RPC_GET_RPC_METHODS_RESPONSE);
	}
	/* an ID that needs escaping comes back as it was */
	{
		g_autoptr(CwmpRpc) rpc = cwmp_rpc_new(CWMP_RPC_GET_RPC_METHODS);
		g_autoptr(CwmpSoapMessage) request =
		    cwmp_soap_message_new(V14, "<id & \"1\">", rpc);
		g_autoptr(CwmpRpc) response = test_handle(fx, request);
		g_assert_cmpint(response->method, ==, CWMP_RPC_GET_RPC_METHODS_RESPONSE);
	}
}

int
main(int argc, char **argv)
{
	gint rc;

	g_test_init(&argc, &argv, NULL);
	cwmp_test_utils_load_soap_schemas();
#define ADD(path, func, data)                                                                      \
	g_test_add("/cwmp/rpc-handler/" path, Fixture, GINT_TO_POINTER(data), fixture_setup, func, \
		   fixture_teardown)
	ADD("get-rpc-methods", test_get_rpc_methods, FALSE);
	ADD("gpv", test_gpv, FALSE);
	ADD("gpv-10000", test_gpv_bench, TRUE);
	ADD("spv-ok", test_spv_ok, FALSE);
	ADD("spv-faults", test_spv_faults, FALSE);
	ADD("gpn", test_gpn, FALSE);
	ADD("attributes", test_attributes, FALSE);
	ADD("objects", test_objects, FALSE);
	ADD("reboot", test_reboot, FALSE);
	ADD("factory-reset", test_factory_reset, FALSE);
	ADD("schedule-inform", test_schedule_inform, FALSE);
	ADD("unimplemented", test_unimplemented, FALSE);
	ADD("register", test_register, FALSE);
	ADD("versions", test_versions, FALSE);
#undef ADD
	rc = g_test_run();
	cwmp_test_utils_free_soap_schemas();
	return rc;
}
