/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-error.h"
#include "cwmp-rpc.h"
#include "cwmp-soap-message.h"
#include "cwmp-soap-version.h"
#include "cwmp-soap-writer.h"
#include "cwmp-test-utils.h"

static GDateTime *
soap_test_time(void)
{
	return g_date_time_new_utc(2026, 1, 2, 3, 4, 5);
}

static void
soap_test_add_param(GPtrArray *list, const gchar *name, const gchar *value, CwmpType type)
{
	g_ptr_array_add(list, cwmp_rpc_param_value_new(name, value, type));
}

static CwmpRpcDuOpResult *
soap_test_op_result(gboolean autonomous)
{
	CwmpRpcDuOpResult *r = g_new0(CwmpRpcDuOpResult, 1);
	r->uuid = g_strdup("3b241101-e2bb-4255-8caf-4136c566a962");
	r->deployment_unit_ref = g_strdup("Device.SoftwareModules.DeploymentUnit.1");
	r->version = g_strdup("1.0");
	r->current_state = g_strdup("Installed");
	r->resolved = TRUE;
	r->execution_unit_ref_list = g_strdup("Device.SoftwareModules.ExecutionUnit.1");
	r->start_time = soap_test_time();
	r->complete_time = soap_test_time();
	r->fault.fault_code = 0;
	if (autonomous)
		r->operation_performed = g_strdup("Install");
	return r;
}

/* a filled-in example of every RPC, valid against the schemas */
static CwmpRpc *
soap_test_build(CwmpRpcMethod method)
{
	CwmpRpc *rpc = cwmp_rpc_new(method);

	switch (method) {
	case CWMP_RPC_FAULT:
		cwmp_rpc_unref(rpc);
		rpc = cwmp_rpc_new_fault(CWMP_FAULT_INVALID_ARGUMENTS, NULL);
		cwmp_rpc_fault_add_spv_fault(rpc, "Device.Nonexistent.Param",
					     CWMP_FAULT_INVALID_PARAMETER_NAME, NULL);
		cwmp_rpc_fault_add_spv_fault(rpc, "Device.DeviceInfo.SoftwareVersion",
					     CWMP_FAULT_NON_WRITABLE_PARAMETER, "read-only <&>");
		break;
	case CWMP_RPC_GET_RPC_METHODS_RESPONSE: {
		const gchar *methods[] = {"GetRPCMethods", "GetParameterValues", "Reboot", NULL};
		rpc->get_rpc_methods_response.method_list = g_strdupv((gchar **) methods);
		break;
	}
	case CWMP_RPC_SET_PARAMETER_VALUES:
		soap_test_add_param(rpc->set_parameter_values.parameter_list,
				    "Device.ManagementServer.PeriodicInformInterval", "1800",
				    CWMP_TYPE_UNSIGNED_INT);
		soap_test_add_param(rpc->set_parameter_values.parameter_list,
				    "Device.DeviceInfo.ProvisioningCode", "a&b", CWMP_TYPE_STRING);
		rpc->set_parameter_values.parameter_key = g_strdup("key-1");
		break;
	case CWMP_RPC_SET_PARAMETER_VALUES_RESPONSE:
	case CWMP_RPC_DELETE_OBJECT_RESPONSE:
		rpc->status.status = 1;
		break;
	case CWMP_RPC_GET_PARAMETER_VALUES:
	case CWMP_RPC_GET_PARAMETER_ATTRIBUTES: {
		const gchar *names[] = {"Device.DeviceInfo.", "Device.ManagementServer.URL", NULL};
		rpc->parameter_names.parameter_names = g_strdupv((gchar **) names);
		break;
	}
	case CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE:
		soap_test_add_param(rpc->parameter_value_list.parameter_list,
				    "Device.DeviceInfo.UpTime", "42", CWMP_TYPE_UNSIGNED_INT);
		soap_test_add_param(rpc->parameter_value_list.parameter_list,
				    "Device.DeviceInfo.Manufacturer", "ACME <Networks>",
				    CWMP_TYPE_STRING);
		soap_test_add_param(rpc->parameter_value_list.parameter_list,
				    "Device.Time.CurrentLocalTime", "2026-01-02T03:04:05Z",
				    CWMP_TYPE_DATE_TIME);
		soap_test_add_param(rpc->parameter_value_list.parameter_list,
				    "Device.X_000000_Blob", "AAEC", CWMP_TYPE_BASE64);
		break;
	case CWMP_RPC_GET_PARAMETER_NAMES:
		rpc->get_parameter_names.parameter_path = g_strdup("Device.");
		rpc->get_parameter_names.next_level = TRUE;
		break;
	case CWMP_RPC_GET_PARAMETER_NAMES_RESPONSE:
		g_ptr_array_add(rpc->parameter_info_list.parameter_list,
				cwmp_rpc_param_info_new("Device.DeviceInfo.", FALSE));
		g_ptr_array_add(rpc->parameter_info_list.parameter_list,
				cwmp_rpc_param_info_new("Device.ManagementServer.URL", TRUE));
		break;
	case CWMP_RPC_SET_PARAMETER_ATTRIBUTES: {
		CwmpRpcSetParamAttr *a = g_new0(CwmpRpcSetParamAttr, 1);
		const gchar	    *acl[] = {"Subscriber", NULL};
		a->name = g_strdup("Device.ManagementServer.PeriodicInformInterval");
		a->notification_change = TRUE;
		a->notification = 2;
		a->access_list_change = TRUE;
		a->access_list = g_strdupv((gchar **) acl);
		g_ptr_array_add(rpc->set_parameter_attributes.parameter_list, a);
		break;
	}
	case CWMP_RPC_GET_PARAMETER_ATTRIBUTES_RESPONSE:
		g_ptr_array_add(
		    rpc->parameter_attribute_list.parameter_list,
		    cwmp_rpc_param_attr_new("Device.DeviceInfo.SoftwareVersion", 2, NULL));
		break;
	case CWMP_RPC_ADD_OBJECT:
	case CWMP_RPC_DELETE_OBJECT:
		rpc->object.object_name = g_strdup(method == CWMP_RPC_ADD_OBJECT ? "Device.IP."
										   "Interface."
										 : "Device.IP."
										   "Interface.2.");
		rpc->object.parameter_key = g_strdup("key-2");
		break;
	case CWMP_RPC_ADD_OBJECT_RESPONSE:
		rpc->add_object_response.instance_number = 3;
		break;
	case CWMP_RPC_REBOOT:
	case CWMP_RPC_CANCEL_TRANSFER:
		rpc->command_key.command_key = g_strdup("cmd-1");
		break;
	case CWMP_RPC_DOWNLOAD:
		rpc->download.command_key = g_strdup("dl-1");
		rpc->download.file_type = g_strdup("1 Firmware Upgrade Image");
		rpc->download.url = g_strdup("http://192.0.2.1/fw.bin");
		rpc->download.file_size = 1024;
		rpc->download.delay_seconds = 5;
		break;
	case CWMP_RPC_DOWNLOAD_RESPONSE:
	case CWMP_RPC_UPLOAD_RESPONSE:
		rpc->transfer_response.status = 1;
		break;
	case CWMP_RPC_SCHEDULE_DOWNLOAD: {
		CwmpRpcTimeWindow *tw = g_new0(CwmpRpcTimeWindow, 1);
		rpc->schedule_download.command_key = g_strdup("sd-1");
		rpc->schedule_download.file_type = g_strdup("1 Firmware Upgrade Image");
		rpc->schedule_download.url = g_strdup("http://192.0.2.1/fw.bin");
		tw->window_start = 0;
		tw->window_end = 3600;
		tw->window_mode = g_strdup("1 At Any Time");
		tw->user_message = g_strdup("");
		tw->max_retries = -1;
		g_ptr_array_add(rpc->schedule_download.time_window_list, tw);
		break;
	}
	case CWMP_RPC_UPLOAD:
		rpc->upload.command_key = g_strdup("ul-1");
		rpc->upload.file_type = g_strdup("2 Vendor Log File");
		rpc->upload.url = g_strdup("http://192.0.2.1/upload");
		break;
	case CWMP_RPC_GET_QUEUED_TRANSFERS_RESPONSE: {
		CwmpRpcQueuedTransfer *t = g_new0(CwmpRpcQueuedTransfer, 1);
		t->command_key = g_strdup("dl-1");
		t->state = 2;
		g_ptr_array_add(rpc->queued_transfer_list.transfer_list, t);
		break;
	}
	case CWMP_RPC_GET_ALL_QUEUED_TRANSFERS_RESPONSE: {
		CwmpRpcAllQueuedTransfer *t = g_new0(CwmpRpcAllQueuedTransfer, 1);
		t->command_key = g_strdup("dl-1");
		t->state = 1;
		t->is_download = TRUE;
		t->file_type = g_strdup("1 Firmware Upgrade Image");
		t->file_size = 1024;
		t->target_file_name = g_strdup("fw.bin");
		g_ptr_array_add(rpc->all_queued_transfer_list.transfer_list, t);
		break;
	}
	case CWMP_RPC_SCHEDULE_INFORM:
		rpc->schedule_inform.delay_seconds = 60;
		rpc->schedule_inform.command_key = g_strdup("si-1");
		break;
	case CWMP_RPC_CHANGE_DU_STATE: {
		CwmpRpcDuOperation *op = g_new0(CwmpRpcDuOperation, 1);
		op->kind = CWMP_RPC_DU_OPERATION_INSTALL;
		op->url = g_strdup("http://192.0.2.1/du.ipk");
		op->uuid = g_strdup("3b241101-e2bb-4255-8caf-4136c566a962");
		g_ptr_array_add(rpc->change_du_state.operations, op);
		op = g_new0(CwmpRpcDuOperation, 1);
		op->kind = CWMP_RPC_DU_OPERATION_UNINSTALL;
		op->uuid = g_strdup("3b241101-e2bb-4255-8caf-4136c566a963");
		g_ptr_array_add(rpc->change_du_state.operations, op);
		rpc->change_du_state.command_key = g_strdup("du-1");
		break;
	}
	case CWMP_RPC_SET_VOUCHERS: {
		const gchar *v[] = {"AAECAw==", NULL};
		rpc->set_vouchers.voucher_list = g_strdupv((gchar **) v);
		break;
	}
	case CWMP_RPC_GET_OPTIONS:
		rpc->get_options.option_name = g_strdup("");
		break;
	case CWMP_RPC_GET_OPTIONS_RESPONSE: {
		CwmpRpcOption *o = g_new0(CwmpRpcOption, 1);
		o->option_name = g_strdup("X_ACME_Feature");
		o->voucher_sn = 7;
		o->state = 1;
		o->start_date = soap_test_time();
		g_ptr_array_add(rpc->option_list.option_list, o);
		break;
	}
	case CWMP_RPC_INFORM:
		rpc->inform.device_id.manufacturer = g_strdup("ACME Networks");
		rpc->inform.device_id.oui = g_strdup("00D09E");
		rpc->inform.device_id.product_class = g_strdup("HGW-1");
		rpc->inform.device_id.serial_number = g_strdup("ACME0001");
		g_ptr_array_add(rpc->inform.event, cwmp_rpc_event_new("0 BOOTSTRAP", NULL));
		g_ptr_array_add(rpc->inform.event, cwmp_rpc_event_new("1 BOOT", NULL));
		g_ptr_array_add(rpc->inform.event, cwmp_rpc_event_new("M Reboot", "cmd-1"));
		rpc->inform.max_envelopes = 1;
		rpc->inform.current_time = soap_test_time();
		rpc->inform.retry_count = 2;
		soap_test_add_param(rpc->inform.parameter_list, "Device.RootDataModelVersion",
				    "2.19", CWMP_TYPE_STRING);
		soap_test_add_param(rpc->inform.parameter_list,
				    "Device.ManagementServer.AliasBasedAddressing", "false",
				    CWMP_TYPE_BOOLEAN);
		soap_test_add_param(rpc->inform.parameter_list,
				    "Device.ManagementServer.ConnectionRequestURL",
				    "http://192.0.2.10:7547/cr", CWMP_TYPE_STRING);
		break;
	case CWMP_RPC_INFORM_RESPONSE:
		rpc->inform_response.max_envelopes = 1;
		break;
	case CWMP_RPC_TRANSFER_COMPLETE:
		rpc->transfer_complete.command_key = g_strdup("dl-1");
		rpc->transfer_complete.fault_struct.fault_code = 9010;
		rpc->transfer_complete.fault_struct.fault_string = g_strdup("File transfer "
									    "failure");
		rpc->transfer_complete.start_time = soap_test_time();
		break;
	case CWMP_RPC_AUTONOMOUS_TRANSFER_COMPLETE:
		rpc->autonomous_transfer_complete.announce_url = g_strdup("");
		rpc->autonomous_transfer_complete.transfer_url = g_strdup("http://192.0.2.1/a");
		rpc->autonomous_transfer_complete.is_download = TRUE;
		rpc->autonomous_transfer_complete.file_type = g_strdup("1 Firmware Upgrade Image");
		rpc->autonomous_transfer_complete.file_size = 99;
		rpc->autonomous_transfer_complete.start_time = soap_test_time();
		rpc->autonomous_transfer_complete.complete_time = soap_test_time();
		break;
	case CWMP_RPC_DU_STATE_CHANGE_COMPLETE:
		g_ptr_array_add(rpc->du_state_change_complete.results, soap_test_op_result(FALSE));
		rpc->du_state_change_complete.command_key = g_strdup("du-1");
		break;
	case CWMP_RPC_AUTONOMOUS_DU_STATE_CHANGE_COMPLETE:
		g_ptr_array_add(rpc->du_state_change_complete.results, soap_test_op_result(TRUE));
		break;
	case CWMP_RPC_REQUEST_DOWNLOAD: {
		CwmpRpcArg *arg = g_new0(CwmpRpcArg, 1);
		arg->name = g_strdup("Version");
		arg->value = g_strdup("2.0");
		rpc->request_download.file_type = g_strdup("1 Firmware Upgrade Image");
		g_ptr_array_add(rpc->request_download.file_type_arg, arg);
		break;
	}
	case CWMP_RPC_KICKED:
		rpc->kicked.command = g_strdup("login");
		rpc->kicked.referer = g_strdup("http://192.0.2.1/");
		rpc->kicked.arg = g_strdup("");
		rpc->kicked.next = g_strdup("http://192.0.2.1/next");
		break;
	case CWMP_RPC_KICKED_RESPONSE:
		rpc->kicked_response.next_url = g_strdup("http://192.0.2.1/done");
		break;
	default:
		break;
	}
	return rpc;
}

static GBytes *
soap_test_serialize(CwmpRpc *rpc, CwmpSoapVersion version, const gchar *id)
{
	g_autoptr(CwmpSoapMessage) msg = cwmp_soap_message_new(version, id, rpc);
	g_autoptr(GError) error = NULL;
	GBytes *bytes;

	if (rpc->method == CWMP_RPC_INFORM) {
		msg->header.supported_cwmp_versions =
		    cwmp_soap_version_mask_to_string(CWMP_SOAP_VERSION_MASK_ALL);
		msg->header.session_timeout = 60;
	}
	if (rpc->method == CWMP_RPC_INFORM_RESPONSE) {
		msg->header.use_cwmp_version = g_strdup(cwmp_soap_version_to_string(version));
		msg->header.has_hold_requests = TRUE;
	}
	bytes = cwmp_soap_message_serialize(msg, &error);
	g_assert_no_error(error);
	g_assert_nonnull(bytes);
	return bytes;
}

/* what the CPE sends */
static const CwmpRpcMethod soap_cpe_sends[] = {
    CWMP_RPC_INFORM,
    CWMP_RPC_TRANSFER_COMPLETE,
    CWMP_RPC_AUTONOMOUS_TRANSFER_COMPLETE,
    CWMP_RPC_DU_STATE_CHANGE_COMPLETE,
    CWMP_RPC_AUTONOMOUS_DU_STATE_CHANGE_COMPLETE,
    CWMP_RPC_REQUEST_DOWNLOAD,
    CWMP_RPC_KICKED,
    CWMP_RPC_GET_RPC_METHODS,
    CWMP_RPC_FAULT,
};

static void
soap_test_roundtrip(CwmpRpcMethod method, CwmpSoapVersion v)
{
	g_autoptr(CwmpRpc) rpc = soap_test_build(method);
	g_autoptr(GBytes) bytes = soap_test_serialize(rpc, v, "id-1");
	g_autoptr(GBytes) again = NULL;
	g_autoptr(CwmpSoapMessage) parsed = NULL;
	g_autoptr(GError) error = NULL;
	gsize	     len;
	const gchar *data = g_bytes_get_data(bytes, &len);

	cwmp_test_utils_validate_soap(bytes, v);
	parsed = cwmp_soap_message_parse(data, len, NULL, NULL, &error);
	g_assert_no_error(error);
	g_assert_nonnull(parsed);
	g_assert_cmpint(parsed->rpc->method, ==, method);
	g_assert_cmpstr(parsed->header.id, ==, "id-1");
	g_assert_true(parsed->version_known);
	/* the namespace gives the lowest version that uses it */
	g_assert_cmpstr(cwmp_soap_version_get_namespace(parsed->version), ==,
			cwmp_soap_version_get_namespace(v));
	/* whatever the codec reads back it writes out the same */
	parsed->version = v;
	again = cwmp_soap_message_serialize(parsed, &error);
	g_assert_no_error(error);
	g_assert_true(g_bytes_equal(bytes, again));
}

static void
soap_test_cpe_messages_validate(void)
{
	guint n = 0;

	for (guint v = 0; v < CWMP_SOAP_VERSION_LAST; v++) {
		for (guint i = 0; i < G_N_ELEMENTS(soap_cpe_sends); i++) {
			if (!cwmp_rpc_method_in_version(soap_cpe_sends[i], v))
				continue;
			soap_test_roundtrip(soap_cpe_sends[i], v);
			n++;
		}
		/* every response to a CPE method */
		for (guint m = CWMP_RPC_GET_RPC_METHODS; m < CWMP_RPC_INFORM; m++) {
			if (cwmp_rpc_method_is_request(m) || !cwmp_rpc_method_in_version(m, v))
				continue;
			soap_test_roundtrip(m, v);
			n++;
		}
	}
	/* 1.0: 6 + 16, 1.1: 7 + 17, 1.2-1.4: 3 x (9 + 20) */
	g_assert_cmpuint(n, ==, 22 + 24 + 3 * 29);
}

static void
soap_test_acs_requests_roundtrip(void)
{
	guint n = 0;

	for (guint v = 0; v < CWMP_SOAP_VERSION_LAST; v++) {
		for (guint m = CWMP_RPC_GET_RPC_METHODS; m < CWMP_RPC_LAST; m++) {
			/* ACS->CPE: CPE-method requests, responses to ACS methods */
			gboolean acs_sends = cwmp_rpc_method_is_cpe_method(m)
						 ? cwmp_rpc_method_is_request(m)
						 : !cwmp_rpc_method_is_request(m);
			if (!acs_sends || !cwmp_rpc_method_in_version(m, v))
				continue;
			soap_test_roundtrip(m, v);
			n++;
		}
	}
	g_assert_cmpuint(n, >, 100);
}

static void
soap_test_rpc_fields(void)
{
	g_autoptr(CwmpRpc) rpc = soap_test_build(CWMP_RPC_SCHEDULE_DOWNLOAD);
	g_autoptr(GBytes) bytes = soap_test_serialize(rpc, CWMP_SOAP_VERSION_1_4, "x");
	g_autoptr(CwmpSoapMessage) msg = NULL;
	g_autoptr(GError) error = NULL;
	CwmpRpcTimeWindow *tw;
	gsize		   len;
	const gchar	  *data = g_bytes_get_data(bytes, &len);

	msg = cwmp_soap_message_parse(data, len, NULL, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(msg->rpc->schedule_download.url, ==, "http://192.0.2.1/fw.bin");
	g_assert_cmpuint(msg->rpc->schedule_download.time_window_list->len, ==, 1);
	tw = g_ptr_array_index(msg->rpc->schedule_download.time_window_list, 0);
	g_assert_cmpuint(tw->window_end, ==, 3600);
	g_assert_cmpint(tw->max_retries, ==, -1);
	g_assert_cmpstr(tw->window_mode, ==, "1 At Any Time");

	/* serializing an RPC into a version that lacks it is refused */
	{
		g_autoptr(CwmpSoapMessage) old =
		    cwmp_soap_message_new(CWMP_SOAP_VERSION_1_0, "1", rpc);
		g_autoptr(GBytes) none = cwmp_soap_message_serialize(old, &error);
		g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
		g_assert_null(none);
	}
}

static gchar *
soap_test_read(const gchar *sub, const gchar *name, gsize *len)
{
	g_autofree gchar *path =
	    g_test_build_filename(G_TEST_DIST, "data", "soap", sub, name, NULL);
	g_autoptr(GError) error = NULL;
	gchar *data = NULL;

	g_file_get_contents(path, &data, len, &error);
	g_assert_no_error(error);
	return data;
}

static CwmpSoapMessage *
soap_test_parse_file(const gchar *name)
{
	gsize		  len;
	g_autofree gchar *data = soap_test_read("acs", name, &len);
	g_autoptr(GError) error = NULL;
	CwmpSoapMessage *msg = cwmp_soap_message_parse(data, len, NULL, NULL, &error);

	g_assert_no_error(error);
	g_assert_nonnull(msg);
	return msg;
}

static void
soap_test_parse_tolerant(void)
{
	g_autoptr(CwmpSoapMessage) prefixes = soap_test_parse_file("gpv-prefixes.xml");
	g_autoptr(CwmpSoapMessage) defns = soap_test_parse_file("gpv-default-ns.xml");
	g_autoptr(CwmpSoapMessage) noarray = soap_test_parse_file("spv-no-arraytype.xml");
	g_autoptr(CwmpSoapMessage) notype = soap_test_parse_file("spv-no-xsi-type.xml");
	g_autoptr(CwmpSoapMessage) v10 = soap_test_parse_file("gpn-1-0.xml");
	g_autoptr(CwmpSoapMessage) ws = soap_test_parse_file("download-whitespace.xml");
	g_autoptr(CwmpSoapMessage) ir = soap_test_parse_file("inform-response-1-4.xml");
	g_autoptr(CwmpSoapMessage) du = soap_test_parse_file("change-du-state.xml");
	g_autoptr(CwmpSoapMessage) fault = soap_test_parse_file("fault-8005.xml");
	g_autoptr(CwmpSoapMessage) empty = soap_test_parse_file("empty-body.xml");
	CwmpRpcParamValue  *pv;
	CwmpRpcDuOperation *op;

	g_assert_cmpint(prefixes->rpc->method, ==, CWMP_RPC_GET_PARAMETER_VALUES);
	g_assert_cmpint(prefixes->version, ==, CWMP_SOAP_VERSION_1_2);
	g_assert_cmpstr(prefixes->header.id, ==, "abc-1");
	g_assert_cmpuint(g_strv_length(prefixes->rpc->parameter_names.parameter_names), ==, 2);
	g_assert_cmpstr(prefixes->rpc->parameter_names.parameter_names[1], ==,
			"Device.ManagementServer.PeriodicInformInterval");

	g_assert_cmpint(defns->rpc->method, ==, CWMP_RPC_GET_PARAMETER_VALUES);
	g_assert_cmpint(defns->version, ==, CWMP_SOAP_VERSION_1_1);
	g_assert_cmpstr(defns->header.id, ==, "7");
	g_assert_cmpstr(defns->rpc->parameter_names.parameter_names[0], ==,
			"Device.DeviceInfo.SoftwareVersion");

	g_assert_cmpuint(noarray->rpc->set_parameter_values.parameter_list->len, ==, 2);
	pv = g_ptr_array_index(noarray->rpc->set_parameter_values.parameter_list, 1);
	g_assert_cmpstr(pv->name, ==, "Device.ManagementServer.PeriodicInformEnable");
	g_assert_cmpstr(pv->value, ==, "true");
	g_assert_cmpint(pv->type, ==, CWMP_TYPE_BOOLEAN);
	g_assert_cmpstr(noarray->rpc->set_parameter_values.parameter_key, ==, "key-1");

	pv = g_ptr_array_index(notype->rpc->set_parameter_values.parameter_list, 0);
	g_assert_cmpint(pv->type, ==, CWMP_TYPE_NONE);
	g_assert_cmpstr(pv->value, ==, "  spaced & kept  ");
	g_assert_null(notype->header.id);

	g_assert_cmpint(v10->version, ==, CWMP_SOAP_VERSION_1_0);
	g_assert_cmpstr(v10->rpc->get_parameter_names.parameter_path, ==, "InternetGatewayDevice.");
	g_assert_true(v10->rpc->get_parameter_names.next_level);
	g_assert_true(v10->header.no_more_requests);

	g_assert_cmpint(ws->rpc->method, ==, CWMP_RPC_DOWNLOAD);
	g_assert_cmpstr(ws->header.id, ==, "dl-9");
	g_assert_true(ws->header.has_hold_requests);
	g_assert_false(ws->header.hold_requests);
	g_assert_cmpstr(ws->rpc->download.file_type, ==, "1 Firmware Upgrade Image");
	g_assert_cmpstr(ws->rpc->download.url, ==, "http://192.0.2.1/fw.bin");
	g_assert_cmpuint(ws->rpc->download.file_size, ==, 1048576);

	g_assert_cmpint(ir->rpc->method, ==, CWMP_RPC_INFORM_RESPONSE);
	g_assert_cmpstr(ir->header.use_cwmp_version, ==, "1.4");
	g_assert_cmpuint(ir->header.session_timeout, ==, 120);
	g_assert_true(ir->header.hold_requests);
	g_assert_cmpuint(ir->rpc->inform_response.max_envelopes, ==, 1);

	g_assert_cmpuint(du->rpc->change_du_state.operations->len, ==, 3);
	op = g_ptr_array_index(du->rpc->change_du_state.operations, 0);
	g_assert_cmpint(op->kind, ==, CWMP_RPC_DU_OPERATION_INSTALL);
	g_assert_cmpstr(op->execution_env_ref, ==, "Device.SoftwareModules.ExecEnv.1");
	g_assert_null(op->uuid);
	op = g_ptr_array_index(du->rpc->change_du_state.operations, 1);
	g_assert_cmpint(op->kind, ==, CWMP_RPC_DU_OPERATION_UPDATE);
	g_assert_cmpstr(op->version, ==, "2.0");
	op = g_ptr_array_index(du->rpc->change_du_state.operations, 2);
	g_assert_cmpint(op->kind, ==, CWMP_RPC_DU_OPERATION_UNINSTALL);

	g_assert_cmpint(fault->rpc->method, ==, CWMP_RPC_FAULT);
	g_assert_cmpuint(fault->rpc->fault.fault_code, ==, 8005);
	g_assert_cmpstr(fault->rpc->fault.faultcode, ==, "Server");

	g_assert_cmpint(empty->rpc->method, ==, CWMP_RPC_EMPTY);
}

static void
soap_test_parse_empty(void)
{
	g_autoptr(GError) error = NULL;
	CwmpSoapParseOptions opts = {.default_version = CWMP_SOAP_VERSION_1_4};
	g_autoptr(CwmpSoapMessage) a = cwmp_soap_message_parse("", 0, NULL, NULL, &error);
	g_autoptr(CwmpSoapMessage) b = cwmp_soap_message_parse(" \r\n\t", 4, &opts, NULL, &error);
	g_autoptr(GBytes) bytes = NULL;

	g_assert_no_error(error);
	g_assert_cmpint(a->rpc->method, ==, CWMP_RPC_EMPTY);
	g_assert_false(a->version_known);
	g_assert_cmpint(b->rpc->method, ==, CWMP_RPC_EMPTY);
	g_assert_cmpint(b->version, ==, CWMP_SOAP_VERSION_1_4);
	/* the empty message serializes as an empty HTTP body */
	bytes = cwmp_soap_message_serialize(a, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_bytes_get_size(bytes), ==, 0);
}

static void
soap_test_refuse(const gchar		    *data,
		 gsize			     len,
		 const CwmpSoapParseOptions *opts,
		 gint			     code,
		 const gchar		    *needle)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpSoapMessage) msg = cwmp_soap_message_parse(data, len, opts, NULL, &error);

	g_assert_null(msg);
	g_assert_error(error, CWMP_FAULT, code);
	if (strstr(error->message, needle) == NULL)
		g_error("'%s' does not mention '%s'", error->message, needle);
}

static void
soap_test_refuse_file(const gchar *name, gint code, const gchar *needle)
{
	gsize		  len;
	g_autofree gchar *data = soap_test_read("bad", name, &len);
	soap_test_refuse(data, len, NULL, code, needle);
}

static void
soap_test_parse_refused(void)
{
	GString		    *deep = g_string_new("<e:Envelope "
							     "xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/"
							     "\"><e:Body>");
	GString		    *big = g_string_new(NULL);
	CwmpSoapParseOptions small = {.max_size = 100};
	gsize		     len;
	g_autofree gchar    *reboot = soap_test_read("bad", "unknown-method.xml", &len);

	soap_test_refuse_file("doctype-entity.xml", CWMP_FAULT_INVALID_ARGUMENTS, "DOCTYPE");
	soap_test_refuse_file("billion-laughs.xml", CWMP_FAULT_INVALID_ARGUMENTS, "DOCTYPE");
	soap_test_refuse_file("not-xml.txt", CWMP_FAULT_INVALID_ARGUMENTS, "not well-formed");
	soap_test_refuse_file("wrong-envelope-ns.xml", CWMP_FAULT_INVALID_ARGUMENTS,
			      "http://www.w3.org/2003/05/soap-envelope");
	soap_test_refuse_file("unknown-method.xml", CWMP_FAULT_METHOD_NOT_SUPPORTED,
			      "X_ACME_SelfDestruct");
	soap_test_refuse_file("missing-element.xml", CWMP_FAULT_INVALID_ARGUMENTS,
			      "AddObject: missing element ParameterKey");
	soap_test_refuse_file("bad-number.xml", CWMP_FAULT_INVALID_ARGUMENTS, "DelaySeconds");
	soap_test_refuse_file("no-body.xml", CWMP_FAULT_INVALID_ARGUMENTS, "no Body");

	for (guint i = 0; i < 100; i++)
		g_string_append(deep, "<a>");
	for (guint i = 0; i < 100; i++)
		g_string_append(deep, "</a>");
	g_string_append(deep, "</e:Body></e:Envelope>");
	soap_test_refuse(deep->str, deep->len, NULL, CWMP_FAULT_INVALID_ARGUMENTS, "deeper");
	g_string_free(deep, TRUE);

	/* the size cap is checked before parsing: both default and configured */
	g_string_set_size(big, CWMP_SOAP_DEFAULT_MAX_SIZE + 1);
	memset(big->str, ' ', big->len);
	soap_test_refuse(big->str, big->len, NULL, CWMP_FAULT_RESOURCES_EXCEEDED, "exceeds");
	g_string_free(big, TRUE);
	soap_test_refuse(reboot, len, &small, CWMP_FAULT_RESOURCES_EXCEEDED, "limit of 100 bytes");
}

static void
soap_test_parse_partial(void)
{
	gsize		  len;
	g_autofree gchar *data = soap_test_read("bad", "unknown-method.xml", &len);
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpSoapMessage) partial = NULL;
	g_autoptr(CwmpSoapMessage) msg = cwmp_soap_message_parse(data, len, NULL, &partial, &error);
	g_autoptr(CwmpRpc) fault = NULL;
	g_autoptr(CwmpSoapMessage) reply = NULL;
	g_autoptr(GBytes) bytes = NULL;

	g_assert_null(msg);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_METHOD_NOT_SUPPORTED);
	g_assert_nonnull(partial);
	g_assert_null(partial->rpc);
	g_assert_cmpstr(partial->header.id, ==, "u-1");
	g_assert_cmpint(partial->version, ==, CWMP_SOAP_VERSION_1_2);

	/* the answer: a fault with the same ID, built from the parse error */
	fault = cwmp_rpc_new_fault_from_error(error);
	g_assert_cmpuint(fault->fault.fault_code, ==, 9000);
	g_assert_cmpstr(fault->fault.faultcode, ==, "Server");
	reply = cwmp_soap_message_new(partial->version, partial->header.id, fault);
	bytes = cwmp_soap_message_serialize(reply, &error);
	g_assert_nonnull(bytes);
	cwmp_test_utils_validate_soap(bytes, partial->version);
}

/* a bad header before the cwmp:ID: the fault still echoes the ID */
static void
soap_test_parse_partial_header(void)
{
	gsize		  len;
	g_autofree gchar *data = soap_test_read("bad", "bad-session-timeout.xml", &len);
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpSoapMessage) partial = NULL;
	g_autoptr(CwmpSoapMessage) msg = cwmp_soap_message_parse(data, len, NULL, &partial, &error);

	g_assert_null(msg);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	g_assert_nonnull(strstr(error->message, "SessionTimeout"));
	g_assert_nonnull(partial);
	g_assert_null(partial->rpc);
	g_assert_cmpstr(partial->header.id, ==, "st-7");
	g_assert_cmpint(partial->version, ==, CWMP_SOAP_VERSION_1_2);
}

static void
soap_test_faults(void)
{
	g_autoptr(GError) e1 = g_error_new(CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
					   "no such parameter Device.Foo");
	g_autoptr(GError) e2 = g_error_new(CWMP_ERROR, CWMP_ERROR_IO, "disk on fire");
	g_autoptr(CwmpRpc) f1 = cwmp_rpc_new_fault_from_error(e1);
	g_autoptr(CwmpRpc) f2 = cwmp_rpc_new_fault_from_error(e2);
	g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func(g_free);
	CwmpDmFault a = {.path = (gchar *) "Device.A", .code = 9007, .message = (gchar *) "bad"};
	CwmpDmFault b = {.path = (gchar *) "Device.B", .code = 1, .message = (gchar *) "odd"};
	g_autoptr(CwmpRpc) spv = NULL;
	CwmpRpcSpvFault *sf;

	g_assert_cmpuint(f1->fault.fault_code, ==, 9005);
	g_assert_cmpstr(f1->fault.faultcode, ==, "Client");
	g_assert_cmpstr(f1->fault.fault_string, ==, "no such parameter Device.Foo");
	g_assert_cmpuint(f2->fault.fault_code, ==, 9002);
	g_assert_cmpstr(f2->fault.faultcode, ==, "Server");
	g_assert_cmpstr(f2->fault.fault_string, ==, "Internal error");

	g_ptr_array_add(faults, g_memdup2(&a, sizeof(a)));
	g_ptr_array_add(faults, g_memdup2(&b, sizeof(b)));
	spv = cwmp_rpc_new_spv_fault(faults);
	g_assert_cmpuint(spv->fault.fault_code, ==, 9003);
	g_assert_cmpstr(spv->fault.faultcode, ==, "Client");
	g_assert_cmpuint(spv->fault.set_parameter_values_fault->len, ==, 2);
	sf = g_ptr_array_index(spv->fault.set_parameter_values_fault, 0);
	g_assert_cmpstr(sf->parameter_name, ==, "Device.A");
	g_assert_cmpuint(sf->fault_code, ==, 9007);
	g_assert_cmpstr(sf->fault_string, ==, "bad");
	sf = g_ptr_array_index(spv->fault.set_parameter_values_fault, 1);
	g_assert_cmpuint(sf->fault_code, ==, 9002);
	g_assert_cmpstr(sf->fault_string, ==, "Internal error");
	for (guint v = 0; v < CWMP_SOAP_VERSION_LAST; v++) {
		g_autoptr(GBytes) bytes = soap_test_serialize(spv, v, "f");
		cwmp_test_utils_validate_soap(bytes, v);
	}
}

static void
soap_test_versions(void)
{
	g_autofree gchar *all = cwmp_soap_version_mask_to_string(CWMP_SOAP_VERSION_MASK_ALL);
	g_autoptr(GError) error = NULL;
	CwmpSoapVersion v;
	guint		mask;

	g_assert_cmpstr(all, ==, "1.0,1.1,1.2,1.3,1.4");
	mask = cwmp_soap_version_mask_from_string(" 1.0, 1.2 ,1.5,x");
	g_assert_cmpuint(mask, ==, (1u << CWMP_SOAP_VERSION_1_0) | (1u << CWMP_SOAP_VERSION_1_2));
	g_assert_true(cwmp_soap_version_mask_highest(mask, &v));
	g_assert_cmpint(v, ==, CWMP_SOAP_VERSION_1_2);
	g_assert_false(cwmp_soap_version_mask_highest(0, &v));
	g_assert_true(cwmp_soap_version_from_namespace("urn:dslforum-org:cwmp-1-1", &v));
	g_assert_cmpint(v, ==, CWMP_SOAP_VERSION_1_1);
	g_assert_false(cwmp_soap_version_from_namespace("urn:dslforum-org:cwmp-2-0", &v));

	/* a 1.4 ACS picks the version */
	g_assert_true(cwmp_soap_version_negotiate(CWMP_SOAP_VERSION_MASK_ALL, CWMP_SOAP_VERSION_1_2,
						  "1.3", &v, &error));
	g_assert_no_error(error);
	g_assert_cmpint(v, ==, CWMP_SOAP_VERSION_1_3);
	/* ... but not one the CPE lacks */
	g_assert_false(cwmp_soap_version_negotiate(1u << CWMP_SOAP_VERSION_1_0,
						   CWMP_SOAP_VERSION_1_2, "1.4", &v, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED);
	g_clear_error(&error);
	/* an older ACS: fall back to the namespace it answered in */
	g_assert_true(cwmp_soap_version_negotiate(CWMP_SOAP_VERSION_MASK_ALL, CWMP_SOAP_VERSION_1_0,
						  NULL, &v, &error));
	g_assert_cmpint(v, ==, CWMP_SOAP_VERSION_1_0);
	g_assert_true(cwmp_soap_version_negotiate(CWMP_SOAP_VERSION_MASK_ALL, CWMP_SOAP_VERSION_1_2,
						  NULL, &v, &error));
	g_assert_cmpint(v, ==, CWMP_SOAP_VERSION_1_3);
	g_assert_false(cwmp_soap_version_negotiate(1u << CWMP_SOAP_VERSION_1_2,
						   CWMP_SOAP_VERSION_1_1, NULL, &v, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED);
}

static GBytes *
soap_test_gpv_stream(guint n, CwmpSoapVersion version)
{
	CwmpSoapHeader header = {.id = (gchar *) "gpv-1"};
	g_autoptr(CwmpSoapWriter) w = cwmp_soap_writer_new(version, &header);
	g_autoptr(GError) error = NULL;
	GBytes *bytes;

	cwmp_soap_writer_begin_parameter_values(w);
	for (guint i = 0; i < n; i++) {
		g_autofree gchar *name = g_strdup_printf("Device.X_000000_Test.%u.Value", i + 1);
		g_autofree gchar *value = g_strdup_printf("%u", i * 7);
		cwmp_soap_writer_add_parameter_value(w, name, value, CWMP_TYPE_UNSIGNED_INT);
	}
	g_assert_cmpuint(cwmp_soap_writer_get_n_values(w), ==, n);
	bytes = cwmp_soap_writer_finish(w, &error);
	g_assert_no_error(error);
	return bytes;
}

static void
soap_test_gpv_streaming(void)
{
	guint sizes[] = {0, 1, 10000};

	for (guint i = 0; i < G_N_ELEMENTS(sizes); i++) {
		g_autoptr(GBytes) bytes = soap_test_gpv_stream(sizes[i], CWMP_SOAP_VERSION_1_2);
		g_autoptr(GError) error = NULL;
		g_autoptr(CwmpSoapMessage) msg = NULL;
		g_autofree gchar *attr =
		    g_strdup_printf("arrayType=\"cwmp:ParameterValueStruct[%u]\"", sizes[i]);
		gsize	     len;
		const gchar *data = g_bytes_get_data(bytes, &len);

		g_assert_nonnull(g_strstr_len(data, len, attr));
		cwmp_test_utils_validate_soap(bytes, CWMP_SOAP_VERSION_1_2);
		msg = cwmp_soap_message_parse(data, len, NULL, NULL, &error);
		g_assert_no_error(error);
		g_assert_cmpint(msg->rpc->method, ==, CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE);
		g_assert_cmpuint(msg->rpc->parameter_value_list.parameter_list->len, ==, sizes[i]);
		if (sizes[i] == 10000) {
			CwmpRpcParamValue *pv =
			    g_ptr_array_index(msg->rpc->parameter_value_list.parameter_list, 9999);
			g_assert_cmpstr(pv->name, ==, "Device.X_000000_Test.10000.Value");
			g_assert_cmpstr(pv->value, ==, "69993");
			g_assert_cmpint(pv->type, ==, CWMP_TYPE_UNSIGNED_INT);
		}
	}
}

static void
soap_test_sanitize(void)
{
	g_autoptr(CwmpRpc) rpc = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE);
	g_autoptr(GBytes) bytes = NULL;
	g_autoptr(CwmpSoapMessage) msg = NULL;
	g_autoptr(GError) error = NULL;
	CwmpRpcParamValue *pv;
	gsize		   len;
	const gchar	  *data;

	soap_test_add_param(rpc->parameter_value_list.parameter_list, "Device.A", "x\001y\xff",
			    CWMP_TYPE_STRING);
	bytes = soap_test_serialize(rpc, CWMP_SOAP_VERSION_1_2, "s");
	data = g_bytes_get_data(bytes, &len);
	msg = cwmp_soap_message_parse(data, len, NULL, NULL, &error);
	g_assert_no_error(error);
	pv = g_ptr_array_index(msg->rpc->parameter_value_list.parameter_list, 0);
	g_assert_cmpstr(pv->value, ==, "x?y\xef\xbf\xbd");
}

/* byte-exact transcripts; CWMP_SOAP_TEST_WRITE_GOLDEN=1 rewrites them */
static void
soap_test_golden_one(const gchar *name, GBytes *bytes)
{
	g_autofree gchar *path =
	    g_test_build_filename(G_TEST_DIST, "data", "soap", "golden", name, NULL);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *expected = NULL;
	gsize		  len;

	if (g_getenv("CWMP_SOAP_TEST_WRITE_GOLDEN") != NULL) {
		g_file_set_contents(path, g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes),
				    &error);
		g_assert_no_error(error);
	}
	g_file_get_contents(path, &expected, &len, &error);
	g_assert_no_error(error);
	g_assert_cmpmem(expected, len, g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes));
}

static void
soap_test_golden(void)
{
	g_autoptr(CwmpRpc) inform = soap_test_build(CWMP_RPC_INFORM);
	g_autoptr(CwmpRpc) fault = soap_test_build(CWMP_RPC_FAULT);
	g_autoptr(CwmpRpc) tc = soap_test_build(CWMP_RPC_TRANSFER_COMPLETE);
	g_autoptr(GBytes) b1 = soap_test_serialize(inform, CWMP_SOAP_VERSION_1_0, "1");
	g_autoptr(GBytes) b2 = soap_test_serialize(inform, CWMP_SOAP_VERSION_1_4, "1");
	g_autoptr(GBytes) b3 = soap_test_serialize(fault, CWMP_SOAP_VERSION_1_2, "42");
	g_autoptr(GBytes) b4 = soap_test_serialize(tc, CWMP_SOAP_VERSION_1_1, "3");
	g_autoptr(GBytes) b5 = soap_test_gpv_stream(3, CWMP_SOAP_VERSION_1_3);

	soap_test_golden_one("inform-1-0.xml", b1);
	soap_test_golden_one("inform-1-4.xml", b2);
	soap_test_golden_one("spv-fault-1-2.xml", b3);
	soap_test_golden_one("transfer-complete-1-1.xml", b4);
	soap_test_golden_one("gpv-response-1-3.xml", b5);
}

static void
soap_test_xmllint(void)
{
	g_autofree gchar *xmllint = g_find_program_in_path("xmllint");
	const gchar	 *files[] = {"inform-1-4.xml", "spv-fault-1-2.xml", "inform-1-0.xml"};
	const gchar	 *xsds[] = {"cwmp-1-4.xsd", "cwmp-1-2.xsd", "cwmp-1-0.xsd"};
	const gchar	 *schema_dir = cwmp_test_utils_get_soap_schema_dir();

	if (xmllint == NULL) {
		g_test_skip("xmllint not installed");
		return;
	}
	for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
		g_autofree gchar *file =
		    g_test_build_filename(G_TEST_DIST, "data", "soap", "golden", files[i], NULL);
		g_autofree gchar *xsd = g_build_filename(schema_dir, xsds[i], NULL);
		g_autofree gchar *catalog = g_build_filename(schema_dir, "local-catalog.xml", NULL);
		g_autofree gchar *catalog_env = g_strdup_printf("XML_CATALOG_FILES=%s", catalog);
		const gchar *argv[] = {xmllint, "--nonet", "--noout", "--schema", xsd, file, NULL};
		const gchar *envp[] = {catalog_env, NULL};
		g_autofree gchar *out = NULL;
		g_autofree gchar *err = NULL;
		g_autoptr(GError) error = NULL;
		gint status = -1;

		g_spawn_sync(NULL, (gchar **) argv, (gchar **) envp, G_SPAWN_DEFAULT, NULL, NULL,
			     &out, &err, &status, &error);
		g_assert_no_error(error);
		g_test_message("xmllint: %s", err);
		g_assert_true(g_spawn_check_wait_status(status, NULL));
		g_assert_nonnull(strstr(err, "validates"));
	}
}

int
main(int argc, char **argv)
{
	gint rc;

	g_test_init(&argc, &argv, NULL);
	cwmp_test_utils_load_soap_schemas();
	g_test_add_func("/cwmp/soap/cpe-messages-validate", soap_test_cpe_messages_validate);
	g_test_add_func("/cwmp/soap/acs-requests-roundtrip", soap_test_acs_requests_roundtrip);
	g_test_add_func("/cwmp/soap/rpc-fields", soap_test_rpc_fields);
	g_test_add_func("/cwmp/soap/parse-tolerant", soap_test_parse_tolerant);
	g_test_add_func("/cwmp/soap/parse-empty", soap_test_parse_empty);
	g_test_add_func("/cwmp/soap/parse-refused", soap_test_parse_refused);
	g_test_add_func("/cwmp/soap/parse-partial", soap_test_parse_partial);
	g_test_add_func("/cwmp/soap/parse-partial-header", soap_test_parse_partial_header);
	g_test_add_func("/cwmp/soap/faults", soap_test_faults);
	g_test_add_func("/cwmp/soap/versions", soap_test_versions);
	g_test_add_func("/cwmp/soap/gpv-streaming", soap_test_gpv_streaming);
	g_test_add_func("/cwmp/soap/sanitize", soap_test_sanitize);
	g_test_add_func("/cwmp/soap/golden", soap_test_golden);
	g_test_add_func("/cwmp/soap/xmllint", soap_test_xmllint);
	rc = g_test_run();
	cwmp_test_utils_free_soap_schemas();
	return rc;
}
