/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <stddef.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-rpc.h"
#include "cwmp-soap-private.h"
#include "cwmp-value.h"

/*
 * the codec is table driven: every RPC body and array item is described by a
 * list of fields (element name, kind, offset in the C struct), and one
 * reader, one writer and one free function walk those lists
 */

typedef enum {
	CWMP_RPC_FIELD_STR,	   /* gchar *, written empty when NULL */
	CWMP_RPC_FIELD_NAME,	   /* gchar *, surrounding whitespace trimmed when parsing */
	CWMP_RPC_FIELD_STR_OPT,	   /* gchar *, element left out when NULL */
	CWMP_RPC_FIELD_INT,	   /* gint */
	CWMP_RPC_FIELD_UINT,	   /* guint */
	CWMP_RPC_FIELD_BOOL,	   /* gboolean */
	CWMP_RPC_FIELD_TIME,	   /* GDateTime *, NULL is the unknown time */
	CWMP_RPC_FIELD_TIME_OPT,   /* GDateTime *, element left out when NULL */
	CWMP_RPC_FIELD_STRV,	   /* GStrv, a SOAP-encoded array of simple values */
	CWMP_RPC_FIELD_ARRAY,	   /* GPtrArray, a SOAP-encoded array of structs */
	CWMP_RPC_FIELD_REPEAT,	   /* GPtrArray, the element repeated without a wrapper */
	CWMP_RPC_FIELD_STRUCT,	   /* a struct embedded in the parent */
	CWMP_RPC_FIELD_VALUE,	   /* ParameterValueStruct Value: gchar * and CwmpType */
	CWMP_RPC_FIELD_OPERATIONS, /* ChangeDUState Operations, xsi:type selects the kind */
} CwmpRpcFieldKind;

typedef struct _CwmpRpcStructDesc CwmpRpcStructDesc;

typedef struct {
	const gchar		*name;
	CwmpRpcFieldKind	 kind;
	gsize			 offset;
	const CwmpRpcStructDesc *desc;	     /* ARRAY, REPEAT, STRUCT */
	const gchar		*item;	     /* STRV: the item element */
	const gchar		*array_type; /* STRV: the arrayType item type */
	gsize			 offset2;    /* VALUE: offset of the CwmpType */
} CwmpRpcField;

struct _CwmpRpcStructDesc {
	const gchar	   *type_name; /* item element and cwmp:<type_name>[n] */
	gsize		    size;
	GDestroyNotify	    free_func;
	const CwmpRpcField *fields;
};

#define F(n, k, s, m)                                                                              \
	{                                                                                          \
		.name = n, .kind = CWMP_RPC_FIELD_##k, .offset = offsetof(s, m)                    \
	}
#define FD(n, k, s, m, d)                                                                          \
	{                                                                                          \
		.name = n, .kind = CWMP_RPC_FIELD_##k, .offset = offsetof(s, m), .desc = &d        \
	}
#define FV(n, k, s, m, i, t)                                                                       \
	{                                                                                          \
		.name = n, .kind = CWMP_RPC_FIELD_##k, .offset = offsetof(s, m), .item = i,        \
		.array_type = t                                                                    \
	}
#define FEND                                                                                       \
	{                                                                                          \
		.name = NULL                                                                       \
	}

/* item descriptions */

static const CwmpRpcField cwmp_rpc_param_value_fields[] = {
    F("Name", NAME, CwmpRpcParamValue, name),
    {.name = "Value",
     .kind = CWMP_RPC_FIELD_VALUE,
     .offset = offsetof(CwmpRpcParamValue, value),
     .offset2 = offsetof(CwmpRpcParamValue, type)},
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_param_value_desc = {
    "ParameterValueStruct", sizeof(CwmpRpcParamValue), (GDestroyNotify) cwmp_rpc_param_value_free,
    cwmp_rpc_param_value_fields};

static const CwmpRpcField cwmp_rpc_event_fields[] = {
    F("EventCode", NAME, CwmpRpcEvent, event_code),
    F("CommandKey", STR, CwmpRpcEvent, command_key),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_event_desc = {"EventStruct", sizeof(CwmpRpcEvent),
						      (GDestroyNotify) cwmp_rpc_event_free,
						      cwmp_rpc_event_fields};

static const CwmpRpcField cwmp_rpc_device_id_fields[] = {
    F("Manufacturer", STR, CwmpRpcDeviceId, manufacturer),
    F("OUI", NAME, CwmpRpcDeviceId, oui),
    F("ProductClass", STR, CwmpRpcDeviceId, product_class),
    F("SerialNumber", STR, CwmpRpcDeviceId, serial_number),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_device_id_desc = {"DeviceIdStruct", sizeof(CwmpRpcDeviceId),
							  NULL, cwmp_rpc_device_id_fields};

static const CwmpRpcField cwmp_rpc_fault_struct_fields[] = {
    F("FaultCode", UINT, CwmpRpcFaultStruct, fault_code),
    F("FaultString", STR, CwmpRpcFaultStruct, fault_string),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_fault_struct_desc = {
    "FaultStruct", sizeof(CwmpRpcFaultStruct), NULL, cwmp_rpc_fault_struct_fields};

static const CwmpRpcField cwmp_rpc_du_fault_fields[] = {
    F("FaultCode", UINT, CwmpRpcFaultStruct, fault_code),
    F("FaultString", STR_OPT, CwmpRpcFaultStruct, fault_string),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_du_fault_desc = {
    "DeploymentUnitFaultStruct", sizeof(CwmpRpcFaultStruct), NULL, cwmp_rpc_du_fault_fields};

static const CwmpRpcField cwmp_rpc_param_info_fields[] = {
    F("Name", NAME, CwmpRpcParamInfo, name),
    F("Writable", BOOL, CwmpRpcParamInfo, writable),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_param_info_desc = {
    "ParameterInfoStruct", sizeof(CwmpRpcParamInfo), (GDestroyNotify) cwmp_rpc_param_info_free,
    cwmp_rpc_param_info_fields};

static const CwmpRpcField cwmp_rpc_set_param_attr_fields[] = {
    F("Name", NAME, CwmpRpcSetParamAttr, name),
    F("NotificationChange", BOOL, CwmpRpcSetParamAttr, notification_change),
    F("Notification", INT, CwmpRpcSetParamAttr, notification),
    F("AccessListChange", BOOL, CwmpRpcSetParamAttr, access_list_change),
    FV("AccessList", STRV, CwmpRpcSetParamAttr, access_list, "string", "xsd:string"),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_set_param_attr_desc = {
    "SetParameterAttributesStruct", sizeof(CwmpRpcSetParamAttr),
    (GDestroyNotify) cwmp_rpc_set_param_attr_free, cwmp_rpc_set_param_attr_fields};

static const CwmpRpcField cwmp_rpc_param_attr_fields[] = {
    F("Name", NAME, CwmpRpcParamAttr, name),
    F("Notification", INT, CwmpRpcParamAttr, notification),
    FV("AccessList", STRV, CwmpRpcParamAttr, access_list, "string", "xsd:string"),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_param_attr_desc = {
    "ParameterAttributeStruct", sizeof(CwmpRpcParamAttr), (GDestroyNotify) cwmp_rpc_param_attr_free,
    cwmp_rpc_param_attr_fields};

static const CwmpRpcField cwmp_rpc_queued_transfer_fields[] = {
    F("CommandKey", STR, CwmpRpcQueuedTransfer, command_key),
    F("State", INT, CwmpRpcQueuedTransfer, state),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_queued_transfer_desc = {
    "QueuedTransferStruct", sizeof(CwmpRpcQueuedTransfer),
    (GDestroyNotify) cwmp_rpc_queued_transfer_free, cwmp_rpc_queued_transfer_fields};

static const CwmpRpcField cwmp_rpc_all_queued_transfer_fields[] = {
    F("CommandKey", STR, CwmpRpcAllQueuedTransfer, command_key),
    F("State", INT, CwmpRpcAllQueuedTransfer, state),
    F("IsDownload", BOOL, CwmpRpcAllQueuedTransfer, is_download),
    F("FileType", NAME, CwmpRpcAllQueuedTransfer, file_type),
    F("FileSize", UINT, CwmpRpcAllQueuedTransfer, file_size),
    F("TargetFileName", STR, CwmpRpcAllQueuedTransfer, target_file_name),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_all_queued_transfer_desc = {
    "AllQueuedTransferStruct", sizeof(CwmpRpcAllQueuedTransfer),
    (GDestroyNotify) cwmp_rpc_all_queued_transfer_free, cwmp_rpc_all_queued_transfer_fields};

static const CwmpRpcField cwmp_rpc_time_window_fields[] = {
    F("WindowStart", UINT, CwmpRpcTimeWindow, window_start),
    F("WindowEnd", UINT, CwmpRpcTimeWindow, window_end),
    F("WindowMode", NAME, CwmpRpcTimeWindow, window_mode),
    F("UserMessage", STR, CwmpRpcTimeWindow, user_message),
    F("MaxRetries", INT, CwmpRpcTimeWindow, max_retries),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_time_window_desc = {
    "TimeWindowStruct", sizeof(CwmpRpcTimeWindow), (GDestroyNotify) cwmp_rpc_time_window_free,
    cwmp_rpc_time_window_fields};

static const CwmpRpcField cwmp_rpc_option_fields[] = {
    F("OptionName", STR, CwmpRpcOption, option_name),
    F("VoucherSN", UINT, CwmpRpcOption, voucher_sn),
    F("State", UINT, CwmpRpcOption, state),
    F("Mode", INT, CwmpRpcOption, mode),
    F("StartDate", TIME, CwmpRpcOption, start_date),
    F("ExpirationDate", TIME_OPT, CwmpRpcOption, expiration_date),
    F("IsTransferable", INT, CwmpRpcOption, is_transferable),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_option_desc = {"OptionStruct", sizeof(CwmpRpcOption),
						       (GDestroyNotify) cwmp_rpc_option_free,
						       cwmp_rpc_option_fields};

static const CwmpRpcField cwmp_rpc_arg_fields[] = {
    F("Name", NAME, CwmpRpcArg, name),
    F("Value", STR, CwmpRpcArg, value),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_arg_desc = {
    "ArgStruct", sizeof(CwmpRpcArg), (GDestroyNotify) cwmp_rpc_arg_free, cwmp_rpc_arg_fields};

static const CwmpRpcField cwmp_rpc_install_op_fields[] = {
    F("URL", STR, CwmpRpcDuOperation, url),
    F("UUID", STR_OPT, CwmpRpcDuOperation, uuid),
    F("Username", STR_OPT, CwmpRpcDuOperation, username),
    F("Password", STR_OPT, CwmpRpcDuOperation, password),
    F("ExecutionEnvRef", STR_OPT, CwmpRpcDuOperation, execution_env_ref),
    FEND,
};
static const CwmpRpcField cwmp_rpc_update_op_fields[] = {
    F("UUID", STR_OPT, CwmpRpcDuOperation, uuid),
    F("Version", STR_OPT, CwmpRpcDuOperation, version),
    F("URL", STR_OPT, CwmpRpcDuOperation, url),
    F("Username", STR_OPT, CwmpRpcDuOperation, username),
    F("Password", STR_OPT, CwmpRpcDuOperation, password),
    FEND,
};
static const CwmpRpcField cwmp_rpc_uninstall_op_fields[] = {
    F("UUID", STR, CwmpRpcDuOperation, uuid),
    F("Version", STR_OPT, CwmpRpcDuOperation, version),
    F("ExecutionEnvRef", STR_OPT, CwmpRpcDuOperation, execution_env_ref),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_du_operation_descs[] = {
    [CWMP_RPC_DU_OPERATION_INSTALL] = {"InstallOpStruct", sizeof(CwmpRpcDuOperation),
				       (GDestroyNotify) cwmp_rpc_du_operation_free,
				       cwmp_rpc_install_op_fields},
    [CWMP_RPC_DU_OPERATION_UPDATE] = {"UpdateOpStruct", sizeof(CwmpRpcDuOperation),
				      (GDestroyNotify) cwmp_rpc_du_operation_free,
				      cwmp_rpc_update_op_fields},
    [CWMP_RPC_DU_OPERATION_UNINSTALL] = {"UninstallOpStruct", sizeof(CwmpRpcDuOperation),
					 (GDestroyNotify) cwmp_rpc_du_operation_free,
					 cwmp_rpc_uninstall_op_fields},
};

#define CWMP_RPC_OP_RESULT_FIELDS                                                                  \
	F("UUID", NAME, CwmpRpcDuOpResult, uuid),                                                  \
	    F("DeploymentUnitRef", STR, CwmpRpcDuOpResult, deployment_unit_ref),                   \
	    F("Version", STR, CwmpRpcDuOpResult, version),                                         \
	    F("CurrentState", NAME, CwmpRpcDuOpResult, current_state),                             \
	    F("Resolved", BOOL, CwmpRpcDuOpResult, resolved),                                      \
	    F("ExecutionUnitRefList", STR, CwmpRpcDuOpResult, execution_unit_ref_list),            \
	    F("StartTime", TIME, CwmpRpcDuOpResult, start_time),                                   \
	    F("CompleteTime", TIME, CwmpRpcDuOpResult, complete_time),                             \
	    FD("Fault", STRUCT, CwmpRpcDuOpResult, fault, cwmp_rpc_du_fault_desc)

static const CwmpRpcField cwmp_rpc_op_result_fields[] = {
    CWMP_RPC_OP_RESULT_FIELDS,
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_op_result_desc = {
    "OpResultStruct", sizeof(CwmpRpcDuOpResult), (GDestroyNotify) cwmp_rpc_du_op_result_free,
    cwmp_rpc_op_result_fields};
static const CwmpRpcField cwmp_rpc_auton_op_result_fields[] = {
    CWMP_RPC_OP_RESULT_FIELDS,
    F("OperationPerformed", NAME, CwmpRpcDuOpResult, operation_performed),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_auton_op_result_desc = {
    "AutonOpResultStruct", sizeof(CwmpRpcDuOpResult), (GDestroyNotify) cwmp_rpc_du_op_result_free,
    cwmp_rpc_auton_op_result_fields};

static const CwmpRpcField cwmp_rpc_spv_fault_fields[] = {
    F("ParameterName", NAME, CwmpRpcSpvFault, parameter_name),
    F("FaultCode", UINT, CwmpRpcSpvFault, fault_code),
    F("FaultString", STR_OPT, CwmpRpcSpvFault, fault_string),
    FEND,
};
static const CwmpRpcStructDesc cwmp_rpc_spv_fault_desc = {
    "SetParameterValuesFault", sizeof(CwmpRpcSpvFault), (GDestroyNotify) cwmp_rpc_spv_fault_free,
    cwmp_rpc_spv_fault_fields};

/* RPC bodies */

static const CwmpRpcField cwmp_rpc_no_fields[] = {FEND};

static const CwmpRpcField cwmp_rpc_fault_fields[] = {
    F("FaultCode", UINT, CwmpRpcFault, fault_code),
    F("FaultString", STR_OPT, CwmpRpcFault, fault_string),
    FD("SetParameterValuesFault",
       REPEAT,
       CwmpRpcFault,
       set_parameter_values_fault,
       cwmp_rpc_spv_fault_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_method_list_fields[] = {
    FV("MethodList", STRV, CwmpRpcMethodList, method_list, "string", "xsd:string"),
    FEND,
};
static const CwmpRpcField cwmp_rpc_spv_fields[] = {
    FD("ParameterList",
       ARRAY,
       CwmpRpcSetParameterValues,
       parameter_list,
       cwmp_rpc_param_value_desc),
    F("ParameterKey", STR, CwmpRpcSetParameterValues, parameter_key),
    FEND,
};
static const CwmpRpcField cwmp_rpc_status_fields[] = {
    F("Status", INT, CwmpRpcStatus, status),
    FEND,
};
static const CwmpRpcField cwmp_rpc_parameter_names_fields[] = {
    FV("ParameterNames", STRV, CwmpRpcParameterNames, parameter_names, "string", "xsd:string"),
    FEND,
};
static const CwmpRpcField cwmp_rpc_parameter_value_list_fields[] = {
    FD("ParameterList",
       ARRAY,
       CwmpRpcParameterValueList,
       parameter_list,
       cwmp_rpc_param_value_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_gpn_fields[] = {
    F("ParameterPath", NAME, CwmpRpcGetParameterNames, parameter_path),
    F("NextLevel", BOOL, CwmpRpcGetParameterNames, next_level),
    FEND,
};
static const CwmpRpcField cwmp_rpc_parameter_info_list_fields[] = {
    FD("ParameterList", ARRAY, CwmpRpcParameterInfoList, parameter_list, cwmp_rpc_param_info_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_spa_fields[] = {
    FD("ParameterList",
       ARRAY,
       CwmpRpcSetParameterAttributes,
       parameter_list,
       cwmp_rpc_set_param_attr_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_parameter_attribute_list_fields[] = {
    FD("ParameterList",
       ARRAY,
       CwmpRpcParameterAttributeList,
       parameter_list,
       cwmp_rpc_param_attr_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_object_fields[] = {
    F("ObjectName", NAME, CwmpRpcObject, object_name),
    F("ParameterKey", STR, CwmpRpcObject, parameter_key),
    FEND,
};
static const CwmpRpcField cwmp_rpc_add_object_response_fields[] = {
    F("InstanceNumber", UINT, CwmpRpcAddObjectResponse, instance_number),
    F("Status", INT, CwmpRpcAddObjectResponse, status),
    FEND,
};
static const CwmpRpcField cwmp_rpc_command_key_fields[] = {
    F("CommandKey", STR, CwmpRpcCommandKey, command_key),
    FEND,
};
static const CwmpRpcField cwmp_rpc_download_fields[] = {
    F("CommandKey", STR, CwmpRpcDownload, command_key),
    F("FileType", NAME, CwmpRpcDownload, file_type),
    F("URL", NAME, CwmpRpcDownload, url),
    F("Username", STR, CwmpRpcDownload, username),
    F("Password", STR, CwmpRpcDownload, password),
    F("FileSize", UINT, CwmpRpcDownload, file_size),
    F("TargetFileName", STR, CwmpRpcDownload, target_file_name),
    F("DelaySeconds", UINT, CwmpRpcDownload, delay_seconds),
    F("SuccessURL", STR, CwmpRpcDownload, success_url),
    F("FailureURL", STR, CwmpRpcDownload, failure_url),
    FEND,
};
static const CwmpRpcField cwmp_rpc_transfer_response_fields[] = {
    F("Status", INT, CwmpRpcTransferResponse, status),
    F("StartTime", TIME, CwmpRpcTransferResponse, start_time),
    F("CompleteTime", TIME, CwmpRpcTransferResponse, complete_time),
    FEND,
};
static const CwmpRpcField cwmp_rpc_schedule_download_fields[] = {
    F("CommandKey", STR, CwmpRpcScheduleDownload, command_key),
    F("FileType", NAME, CwmpRpcScheduleDownload, file_type),
    F("URL", NAME, CwmpRpcScheduleDownload, url),
    F("Username", STR, CwmpRpcScheduleDownload, username),
    F("Password", STR, CwmpRpcScheduleDownload, password),
    F("FileSize", UINT, CwmpRpcScheduleDownload, file_size),
    F("TargetFileName", STR, CwmpRpcScheduleDownload, target_file_name),
    FD("TimeWindowList",
       ARRAY,
       CwmpRpcScheduleDownload,
       time_window_list,
       cwmp_rpc_time_window_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_upload_fields[] = {
    F("CommandKey", STR, CwmpRpcUpload, command_key),
    F("FileType", NAME, CwmpRpcUpload, file_type),
    F("URL", NAME, CwmpRpcUpload, url),
    F("Username", STR, CwmpRpcUpload, username),
    F("Password", STR, CwmpRpcUpload, password),
    F("DelaySeconds", UINT, CwmpRpcUpload, delay_seconds),
    FEND,
};
static const CwmpRpcField cwmp_rpc_queued_transfer_list_fields[] = {
    FD("TransferList",
       ARRAY,
       CwmpRpcQueuedTransferList,
       transfer_list,
       cwmp_rpc_queued_transfer_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_all_queued_transfer_list_fields[] = {
    FD("TransferList",
       ARRAY,
       CwmpRpcAllQueuedTransferList,
       transfer_list,
       cwmp_rpc_all_queued_transfer_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_schedule_inform_fields[] = {
    F("DelaySeconds", UINT, CwmpRpcScheduleInform, delay_seconds),
    F("CommandKey", STR, CwmpRpcScheduleInform, command_key),
    FEND,
};
static const CwmpRpcField cwmp_rpc_change_du_state_fields[] = {
    {.name = "Operations",
     .kind = CWMP_RPC_FIELD_OPERATIONS,
     .offset = offsetof(CwmpRpcChangeDuState, operations),
     .desc = &cwmp_rpc_du_operation_descs[0]},
    F("CommandKey", STR_OPT, CwmpRpcChangeDuState, command_key),
    FEND,
};
static const CwmpRpcField cwmp_rpc_set_vouchers_fields[] = {
    FV("VoucherList",
       STRV,
       CwmpRpcSetVouchers,
       voucher_list,
       "base64",
       CWMP_SOAP_PREFIX_ENC ":base64"),
    FEND,
};
static const CwmpRpcField cwmp_rpc_get_options_fields[] = {
    F("OptionName", STR, CwmpRpcGetOptions, option_name),
    FEND,
};
static const CwmpRpcField cwmp_rpc_option_list_fields[] = {
    FD("OptionList", ARRAY, CwmpRpcOptionList, option_list, cwmp_rpc_option_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_inform_fields[] = {
    FD("DeviceId", STRUCT, CwmpRpcInform, device_id, cwmp_rpc_device_id_desc),
    FD("Event", ARRAY, CwmpRpcInform, event, cwmp_rpc_event_desc),
    F("MaxEnvelopes", UINT, CwmpRpcInform, max_envelopes),
    F("CurrentTime", TIME, CwmpRpcInform, current_time),
    F("RetryCount", UINT, CwmpRpcInform, retry_count),
    FD("ParameterList", ARRAY, CwmpRpcInform, parameter_list, cwmp_rpc_param_value_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_inform_response_fields[] = {
    F("MaxEnvelopes", UINT, CwmpRpcInformResponse, max_envelopes),
    FEND,
};
static const CwmpRpcField cwmp_rpc_transfer_complete_fields[] = {
    F("CommandKey", STR, CwmpRpcTransferComplete, command_key),
    FD("FaultStruct", STRUCT, CwmpRpcTransferComplete, fault_struct, cwmp_rpc_fault_struct_desc),
    F("StartTime", TIME, CwmpRpcTransferComplete, start_time),
    F("CompleteTime", TIME, CwmpRpcTransferComplete, complete_time),
    FEND,
};
static const CwmpRpcField cwmp_rpc_autonomous_transfer_complete_fields[] = {
    F("AnnounceURL", STR, CwmpRpcAutonomousTransferComplete, announce_url),
    F("TransferURL", STR, CwmpRpcAutonomousTransferComplete, transfer_url),
    F("IsDownload", BOOL, CwmpRpcAutonomousTransferComplete, is_download),
    F("FileType", NAME, CwmpRpcAutonomousTransferComplete, file_type),
    F("FileSize", UINT, CwmpRpcAutonomousTransferComplete, file_size),
    F("TargetFileName", STR, CwmpRpcAutonomousTransferComplete, target_file_name),
    FD("FaultStruct",
       STRUCT,
       CwmpRpcAutonomousTransferComplete,
       fault_struct,
       cwmp_rpc_fault_struct_desc),
    F("StartTime", TIME, CwmpRpcAutonomousTransferComplete, start_time),
    F("CompleteTime", TIME, CwmpRpcAutonomousTransferComplete, complete_time),
    FEND,
};
static const CwmpRpcField cwmp_rpc_du_state_change_complete_fields[] = {
    FD("Results", REPEAT, CwmpRpcDuStateChangeComplete, results, cwmp_rpc_op_result_desc),
    F("CommandKey", STR_OPT, CwmpRpcDuStateChangeComplete, command_key),
    FEND,
};
static const CwmpRpcField cwmp_rpc_autonomous_du_state_change_complete_fields[] = {
    FD("Results", REPEAT, CwmpRpcDuStateChangeComplete, results, cwmp_rpc_auton_op_result_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_request_download_fields[] = {
    F("FileType", NAME, CwmpRpcRequestDownload, file_type),
    FD("FileTypeArg", ARRAY, CwmpRpcRequestDownload, file_type_arg, cwmp_rpc_arg_desc),
    FEND,
};
static const CwmpRpcField cwmp_rpc_kicked_fields[] = {
    F("Command", STR, CwmpRpcKicked, command),
    F("Referer", STR, CwmpRpcKicked, referer),
    F("Arg", STR, CwmpRpcKicked, arg),
    F("Next", STR, CwmpRpcKicked, next),
    FEND,
};
static const CwmpRpcField cwmp_rpc_kicked_response_fields[] = {
    F("NextURL", STR, CwmpRpcKickedResponse, next_url),
    FEND,
};

typedef struct {
	const gchar	   *name;
	CwmpSoapVersion	    min_version;
	gboolean	    cpe_method; /* the ACS calls it */
	const CwmpRpcField *fields;
} CwmpRpcMethodInfo;

#define V10		 CWMP_SOAP_VERSION_1_0
#define V11		 CWMP_SOAP_VERSION_1_1
#define V12		 CWMP_SOAP_VERSION_1_2
#define M(e, n, v, c, f) [CWMP_RPC_##e] = {n, v, c, f}

static const CwmpRpcMethodInfo cwmp_rpc_methods[] = {
    M(EMPTY, NULL, V10, FALSE, cwmp_rpc_no_fields),
    M(FAULT, "Fault", V10, FALSE, cwmp_rpc_fault_fields),
    M(GET_RPC_METHODS, "GetRPCMethods", V10, TRUE, cwmp_rpc_no_fields),
    M(GET_RPC_METHODS_RESPONSE, "GetRPCMethodsResponse", V10, TRUE, cwmp_rpc_method_list_fields),
    M(SET_PARAMETER_VALUES, "SetParameterValues", V10, TRUE, cwmp_rpc_spv_fields),
    M(SET_PARAMETER_VALUES_RESPONSE,
      "SetParameterValuesResponse",
      V10,
      TRUE,
      cwmp_rpc_status_fields),
    M(GET_PARAMETER_VALUES, "GetParameterValues", V10, TRUE, cwmp_rpc_parameter_names_fields),
    M(GET_PARAMETER_VALUES_RESPONSE,
      "GetParameterValuesResponse",
      V10,
      TRUE,
      cwmp_rpc_parameter_value_list_fields),
    M(GET_PARAMETER_NAMES, "GetParameterNames", V10, TRUE, cwmp_rpc_gpn_fields),
    M(GET_PARAMETER_NAMES_RESPONSE,
      "GetParameterNamesResponse",
      V10,
      TRUE,
      cwmp_rpc_parameter_info_list_fields),
    M(SET_PARAMETER_ATTRIBUTES, "SetParameterAttributes", V10, TRUE, cwmp_rpc_spa_fields),
    M(SET_PARAMETER_ATTRIBUTES_RESPONSE,
      "SetParameterAttributesResponse",
      V10,
      TRUE,
      cwmp_rpc_no_fields),
    M(GET_PARAMETER_ATTRIBUTES,
      "GetParameterAttributes",
      V10,
      TRUE,
      cwmp_rpc_parameter_names_fields),
    M(GET_PARAMETER_ATTRIBUTES_RESPONSE,
      "GetParameterAttributesResponse",
      V10,
      TRUE,
      cwmp_rpc_parameter_attribute_list_fields),
    M(ADD_OBJECT, "AddObject", V10, TRUE, cwmp_rpc_object_fields),
    M(ADD_OBJECT_RESPONSE, "AddObjectResponse", V10, TRUE, cwmp_rpc_add_object_response_fields),
    M(DELETE_OBJECT, "DeleteObject", V10, TRUE, cwmp_rpc_object_fields),
    M(DELETE_OBJECT_RESPONSE, "DeleteObjectResponse", V10, TRUE, cwmp_rpc_status_fields),
    M(REBOOT, "Reboot", V10, TRUE, cwmp_rpc_command_key_fields),
    M(REBOOT_RESPONSE, "RebootResponse", V10, TRUE, cwmp_rpc_no_fields),
    M(DOWNLOAD, "Download", V10, TRUE, cwmp_rpc_download_fields),
    M(DOWNLOAD_RESPONSE, "DownloadResponse", V10, TRUE, cwmp_rpc_transfer_response_fields),
    M(SCHEDULE_DOWNLOAD, "ScheduleDownload", V12, TRUE, cwmp_rpc_schedule_download_fields),
    M(SCHEDULE_DOWNLOAD_RESPONSE, "ScheduleDownloadResponse", V12, TRUE, cwmp_rpc_no_fields),
    M(UPLOAD, "Upload", V10, TRUE, cwmp_rpc_upload_fields),
    M(UPLOAD_RESPONSE, "UploadResponse", V10, TRUE, cwmp_rpc_transfer_response_fields),
    M(FACTORY_RESET, "FactoryReset", V10, TRUE, cwmp_rpc_no_fields),
    M(FACTORY_RESET_RESPONSE, "FactoryResetResponse", V10, TRUE, cwmp_rpc_no_fields),
    M(GET_QUEUED_TRANSFERS, "GetQueuedTransfers", V10, TRUE, cwmp_rpc_no_fields),
    M(GET_QUEUED_TRANSFERS_RESPONSE,
      "GetQueuedTransfersResponse",
      V10,
      TRUE,
      cwmp_rpc_queued_transfer_list_fields),
    M(GET_ALL_QUEUED_TRANSFERS, "GetAllQueuedTransfers", V11, TRUE, cwmp_rpc_no_fields),
    M(GET_ALL_QUEUED_TRANSFERS_RESPONSE,
      "GetAllQueuedTransfersResponse",
      V11,
      TRUE,
      cwmp_rpc_all_queued_transfer_list_fields),
    M(CANCEL_TRANSFER, "CancelTransfer", V12, TRUE, cwmp_rpc_command_key_fields),
    M(CANCEL_TRANSFER_RESPONSE, "CancelTransferResponse", V12, TRUE, cwmp_rpc_no_fields),
    M(SCHEDULE_INFORM, "ScheduleInform", V10, TRUE, cwmp_rpc_schedule_inform_fields),
    M(SCHEDULE_INFORM_RESPONSE, "ScheduleInformResponse", V10, TRUE, cwmp_rpc_no_fields),
    M(CHANGE_DU_STATE, "ChangeDUState", V12, TRUE, cwmp_rpc_change_du_state_fields),
    M(CHANGE_DU_STATE_RESPONSE, "ChangeDUStateResponse", V12, TRUE, cwmp_rpc_no_fields),
    M(SET_VOUCHERS, "SetVouchers", V10, TRUE, cwmp_rpc_set_vouchers_fields),
    M(SET_VOUCHERS_RESPONSE, "SetVouchersResponse", V10, TRUE, cwmp_rpc_no_fields),
    M(GET_OPTIONS, "GetOptions", V10, TRUE, cwmp_rpc_get_options_fields),
    M(GET_OPTIONS_RESPONSE, "GetOptionsResponse", V10, TRUE, cwmp_rpc_option_list_fields),
    M(INFORM, "Inform", V10, FALSE, cwmp_rpc_inform_fields),
    M(INFORM_RESPONSE, "InformResponse", V10, FALSE, cwmp_rpc_inform_response_fields),
    M(TRANSFER_COMPLETE, "TransferComplete", V10, FALSE, cwmp_rpc_transfer_complete_fields),
    M(TRANSFER_COMPLETE_RESPONSE, "TransferCompleteResponse", V10, FALSE, cwmp_rpc_no_fields),
    M(AUTONOMOUS_TRANSFER_COMPLETE,
      "AutonomousTransferComplete",
      V11,
      FALSE,
      cwmp_rpc_autonomous_transfer_complete_fields),
    M(AUTONOMOUS_TRANSFER_COMPLETE_RESPONSE,
      "AutonomousTransferCompleteResponse",
      V11,
      FALSE,
      cwmp_rpc_no_fields),
    M(DU_STATE_CHANGE_COMPLETE,
      "DUStateChangeComplete",
      V12,
      FALSE,
      cwmp_rpc_du_state_change_complete_fields),
    M(DU_STATE_CHANGE_COMPLETE_RESPONSE,
      "DUStateChangeCompleteResponse",
      V12,
      FALSE,
      cwmp_rpc_no_fields),
    M(AUTONOMOUS_DU_STATE_CHANGE_COMPLETE,
      "AutonomousDUStateChangeComplete",
      V12,
      FALSE,
      cwmp_rpc_autonomous_du_state_change_complete_fields),
    M(AUTONOMOUS_DU_STATE_CHANGE_COMPLETE_RESPONSE,
      "AutonomousDUStateChangeCompleteResponse",
      V12,
      FALSE,
      cwmp_rpc_no_fields),
    M(REQUEST_DOWNLOAD, "RequestDownload", V10, FALSE, cwmp_rpc_request_download_fields),
    M(REQUEST_DOWNLOAD_RESPONSE, "RequestDownloadResponse", V10, FALSE, cwmp_rpc_no_fields),
    M(KICKED, "Kicked", V10, FALSE, cwmp_rpc_kicked_fields),
    M(KICKED_RESPONSE, "KickedResponse", V10, FALSE, cwmp_rpc_kicked_response_fields),
};

G_STATIC_ASSERT(G_N_ELEMENTS(cwmp_rpc_methods) == CWMP_RPC_LAST);

G_DEFINE_BOXED_TYPE(CwmpRpc, cwmp_rpc, cwmp_rpc_ref, cwmp_rpc_unref)

/* generic helpers over the field tables */

#define FIELD_PTR(base, f, type) ((type *) ((guint8 *) (base) + (f)->offset))

static void
cwmp_rpc_fields_init(const CwmpRpcField *fields, gpointer base)
{
	for (const CwmpRpcField *f = fields; f->name != NULL; f++) {
		switch (f->kind) {
		case CWMP_RPC_FIELD_ARRAY:
		case CWMP_RPC_FIELD_REPEAT:
		case CWMP_RPC_FIELD_OPERATIONS:
			*FIELD_PTR(base, f, GPtrArray *) =
			    g_ptr_array_new_with_free_func(f->desc->free_func);
			break;
		case CWMP_RPC_FIELD_STRUCT:
			cwmp_rpc_fields_init(f->desc->fields, FIELD_PTR(base, f, guint8));
			break;
		default:
			break;
		}
	}
}

static void
cwmp_rpc_fields_clear(const CwmpRpcField *fields, gpointer base)
{
	for (const CwmpRpcField *f = fields; f->name != NULL; f++) {
		switch (f->kind) {
		case CWMP_RPC_FIELD_STR:
		case CWMP_RPC_FIELD_NAME:
		case CWMP_RPC_FIELD_STR_OPT:
		case CWMP_RPC_FIELD_VALUE:
			g_clear_pointer(FIELD_PTR(base, f, gchar *), g_free);
			break;
		case CWMP_RPC_FIELD_TIME:
		case CWMP_RPC_FIELD_TIME_OPT:
			g_clear_pointer(FIELD_PTR(base, f, GDateTime *), g_date_time_unref);
			break;
		case CWMP_RPC_FIELD_STRV:
			g_clear_pointer(FIELD_PTR(base, f, GStrv), g_strfreev);
			break;
		case CWMP_RPC_FIELD_ARRAY:
		case CWMP_RPC_FIELD_REPEAT:
		case CWMP_RPC_FIELD_OPERATIONS:
			g_clear_pointer(FIELD_PTR(base, f, GPtrArray *), g_ptr_array_unref);
			break;
		case CWMP_RPC_FIELD_STRUCT:
			cwmp_rpc_fields_clear(f->desc->fields, FIELD_PTR(base, f, guint8));
			break;
		default:
			break;
		}
	}
}

static gpointer
cwmp_rpc_get_base(const CwmpRpc *rpc)
{
	return (guint8 *) rpc + offsetof(CwmpRpc, fault);
}

/**
 * cwmp_rpc_new:
 * @method: the RPC
 *
 * Creates an RPC whose strings are %NULL, numbers 0 and lists empty.
 *
 * Returns: (transfer full): a new #CwmpRpc
 *
 * Since: 1.0
 */
CwmpRpc *
cwmp_rpc_new(CwmpRpcMethod method)
{
	CwmpRpc *self;

	g_return_val_if_fail((guint) method < CWMP_RPC_LAST, NULL);
	self = g_new0(CwmpRpc, 1);
	self->method = method;
	self->ref_count = 1;
	cwmp_rpc_fields_init(cwmp_rpc_methods[method].fields, cwmp_rpc_get_base(self));
	return self;
}

/**
 * cwmp_rpc_ref:
 * @self: an RPC
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
CwmpRpc *
cwmp_rpc_ref(CwmpRpc *self)
{
	g_return_val_if_fail(self != NULL, NULL);
	g_atomic_int_inc(&self->ref_count);
	return self;
}

/**
 * cwmp_rpc_unref:
 * @self: (transfer full): an RPC
 *
 * Drops a reference; the last one frees the RPC with everything it holds.
 *
 * Since: 1.0
 */
void
cwmp_rpc_unref(CwmpRpc *self)
{
	g_return_if_fail(self != NULL);
	if (!g_atomic_int_dec_and_test(&self->ref_count))
		return;
	cwmp_rpc_fields_clear(cwmp_rpc_methods[self->method].fields, cwmp_rpc_get_base(self));
	if (self->method == CWMP_RPC_FAULT) {
		g_free(self->fault.faultcode);
		g_free(self->fault.faultstring);
	}
	g_free(self);
}

/**
 * cwmp_rpc_method_to_string:
 * @method: an RPC
 *
 * Returns: the element name ("GetParameterValuesResponse"), "Fault", or
 * %NULL for %CWMP_RPC_EMPTY and invalid values
 *
 * Since: 1.0
 */
const gchar *
cwmp_rpc_method_to_string(CwmpRpcMethod method)
{
	if ((guint) method >= CWMP_RPC_LAST)
		return NULL;
	return cwmp_rpc_methods[method].name;
}

/**
 * cwmp_rpc_method_from_string:
 * @name: (nullable): an element name such as "Inform"
 *
 * Returns: the method, or %CWMP_RPC_LAST if @name is no RPC of cwmp-1-0 to 1-4
 * ("Fault" is not looked up here: a SOAP Fault is recognised by its
 * envelope namespace)
 *
 * Since: 1.0
 */
CwmpRpcMethod
cwmp_rpc_method_from_string(const gchar *name)
{
	if (name == NULL)
		return CWMP_RPC_LAST;
	for (guint i = CWMP_RPC_GET_RPC_METHODS; i < CWMP_RPC_LAST; i++) {
		if (g_strcmp0(cwmp_rpc_methods[i].name, name) == 0)
			return (CwmpRpcMethod) i;
	}
	return CWMP_RPC_LAST;
}

/**
 * cwmp_rpc_method_is_request:
 * @method: an RPC
 *
 * Returns: %TRUE for a request (not a response, fault or empty message)
 *
 * Since: 1.0
 */
gboolean
cwmp_rpc_method_is_request(CwmpRpcMethod method)
{
	/* requests and responses alternate from GET_RPC_METHODS on */
	return method >= CWMP_RPC_GET_RPC_METHODS && method < CWMP_RPC_LAST &&
	       (method - CWMP_RPC_GET_RPC_METHODS) % 2 == 0;
}

/**
 * cwmp_rpc_method_is_cpe_method:
 * @method: an RPC
 *
 * Returns: %TRUE if @method (or the request it answers) is a CPE method,
 * called by the ACS; GetRPCMethods counts as one although the CPE may call
 * it too
 *
 * Since: 1.0
 */
gboolean
cwmp_rpc_method_is_cpe_method(CwmpRpcMethod method)
{
	if ((guint) method >= CWMP_RPC_LAST)
		return FALSE;
	return cwmp_rpc_methods[method].cpe_method;
}

/**
 * cwmp_rpc_method_get_response:
 * @method: a request
 *
 * Returns: the response to @method, or %CWMP_RPC_LAST if @method is no request
 *
 * Since: 1.0
 */
CwmpRpcMethod
cwmp_rpc_method_get_response(CwmpRpcMethod method)
{
	if (!cwmp_rpc_method_is_request(method))
		return CWMP_RPC_LAST;
	return method + 1;
}

/**
 * cwmp_rpc_method_get_min_version:
 * @method: an RPC
 *
 * Returns: the first CWMP version whose schema has @method (1.0 for the
 * original RPCs, 1.1 for GetAllQueuedTransfers and AutonomousTransferComplete,
 * 1.2 for ScheduleDownload, CancelTransfer, ChangeDUState and the DU state
 * change completions)
 *
 * Since: 1.0
 */
CwmpSoapVersion
cwmp_rpc_method_get_min_version(CwmpRpcMethod method)
{
	if ((guint) method >= CWMP_RPC_LAST)
		return CWMP_SOAP_VERSION_LAST;
	return cwmp_rpc_methods[method].min_version;
}

/**
 * cwmp_rpc_method_in_version:
 * @method: an RPC
 * @version: a CWMP version
 *
 * Returns: %TRUE if the schema of @version has @method
 *
 * Since: 1.0
 */
gboolean
cwmp_rpc_method_in_version(CwmpRpcMethod method, CwmpSoapVersion version)
{
	return (guint) method < CWMP_RPC_LAST && (guint) version < CWMP_SOAP_VERSION_LAST &&
	       cwmp_rpc_methods[method].min_version <= version;
}

/* faults */

/**
 * cwmp_rpc_new_fault:
 * @fault_code: a CWMP fault code
 * @fault_string: (nullable): the FaultString; %NULL uses cwmp_fault_to_string()
 *
 * Builds a SOAP Fault: faultcode "Client" or "Server" from
 * cwmp_fault_is_client(), faultstring "CWMP fault", and a cwmp:Fault detail.
 *
 * Returns: (transfer full): a %CWMP_RPC_FAULT
 *
 * Since: 1.0
 */
CwmpRpc *
cwmp_rpc_new_fault(guint fault_code, const gchar *fault_string)
{
	CwmpRpc	    *self = cwmp_rpc_new(CWMP_RPC_FAULT);
	const gchar *str = fault_string != NULL ? fault_string : cwmp_fault_to_string(fault_code);

	self->fault.faultcode = g_strdup(cwmp_fault_is_client(fault_code) ? "Client" : "Server");
	self->fault.faultstring = g_strdup("CWMP fault");
	self->fault.fault_code = fault_code;
	self->fault.fault_string = g_strdup(str != NULL ? str : "Fault");
	return self;
}

/**
 * cwmp_rpc_new_fault_from_error:
 * @error: an error
 *
 * Builds the SOAP Fault that answers a request which failed with @error:
 * the code comes from cwmp_error_to_fault() (a %CWMP_FAULT code, else 9002
 * Internal error), the FaultString is the error message for %CWMP_FAULT
 * errors and the standard text otherwise, so internal details stay inside.
 *
 * Returns: (transfer full): a %CWMP_RPC_FAULT
 *
 * Since: 1.0
 */
CwmpRpc *
cwmp_rpc_new_fault_from_error(const GError *error)
{
	gint code = cwmp_error_to_fault(error);

	if (error != NULL && error->domain == CWMP_FAULT && error->code == code)
		return cwmp_rpc_new_fault(code, error->message);
	return cwmp_rpc_new_fault(code, NULL);
}

/**
 * cwmp_rpc_fault_add_spv_fault:
 * @self: a %CWMP_RPC_FAULT
 * @parameter_name: the parameter
 * @fault_code: its fault (9000-9899)
 * @fault_string: (nullable): its FaultString; %NULL uses cwmp_fault_to_string()
 *
 * Appends a SetParameterValuesFault.
 *
 * Since: 1.0
 */
void
cwmp_rpc_fault_add_spv_fault(CwmpRpc	 *self,
			     const gchar *parameter_name,
			     guint	  fault_code,
			     const gchar *fault_string)
{
	CwmpRpcSpvFault *item;

	g_return_if_fail(self != NULL && self->method == CWMP_RPC_FAULT);
	item = g_new0(CwmpRpcSpvFault, 1);
	item->parameter_name = g_strdup(parameter_name);
	item->fault_code = fault_code;
	if (fault_string == NULL)
		fault_string = cwmp_fault_to_string(fault_code);
	item->fault_string = g_strdup(fault_string);
	g_ptr_array_add(self->fault.set_parameter_values_fault, item);
}

/**
 * cwmp_rpc_new_spv_fault:
 * @faults: (element-type CwmpDmFault): the per-parameter faults of a
 *   SetParameterValues, as the data model reports them
 *
 * Builds the fault answering a failed SetParameterValues: 9003 Invalid
 * arguments with one SetParameterValuesFault per entry. An entry whose code
 * is no CPE fault (outside 9000-9899) is reported as 9002.
 *
 * Returns: (transfer full): a %CWMP_RPC_FAULT
 *
 * Since: 1.0
 */
CwmpRpc *
cwmp_rpc_new_spv_fault(GPtrArray *faults)
{
	CwmpRpc *self = cwmp_rpc_new_fault(CWMP_FAULT_INVALID_ARGUMENTS, NULL);

	for (guint i = 0; faults != NULL && i < faults->len; i++) {
		const CwmpDmFault *f = g_ptr_array_index(faults, i);
		gint		   code = f->code;
		if (code < 9000 || code > 9899)
			code = CWMP_FAULT_INTERNAL_ERROR;
		cwmp_rpc_fault_add_spv_fault(self, f->path, code,
					     code == f->code ? f->message : NULL);
	}
	return self;
}

/* items */

#define CWMP_RPC_DEFINE_FREE(fn, type, desc)                                                       \
	void fn(type *item)                                                                        \
	{                                                                                          \
		if (item == NULL)                                                                  \
			return;                                                                    \
		cwmp_rpc_fields_clear((desc).fields, item);                                        \
		g_free(item);                                                                      \
	}

CWMP_RPC_DEFINE_FREE(cwmp_rpc_param_value_free, CwmpRpcParamValue, cwmp_rpc_param_value_desc)
CWMP_RPC_DEFINE_FREE(cwmp_rpc_event_free, CwmpRpcEvent, cwmp_rpc_event_desc)
CWMP_RPC_DEFINE_FREE(cwmp_rpc_param_info_free, CwmpRpcParamInfo, cwmp_rpc_param_info_desc)
CWMP_RPC_DEFINE_FREE(cwmp_rpc_param_attr_free, CwmpRpcParamAttr, cwmp_rpc_param_attr_desc)
CWMP_RPC_DEFINE_FREE(cwmp_rpc_set_param_attr_free,
		     CwmpRpcSetParamAttr,
		     cwmp_rpc_set_param_attr_desc)
CWMP_RPC_DEFINE_FREE(cwmp_rpc_queued_transfer_free,
		     CwmpRpcQueuedTransfer,
		     cwmp_rpc_queued_transfer_desc)
CWMP_RPC_DEFINE_FREE(cwmp_rpc_all_queued_transfer_free,
		     CwmpRpcAllQueuedTransfer,
		     cwmp_rpc_all_queued_transfer_desc)
CWMP_RPC_DEFINE_FREE(cwmp_rpc_time_window_free, CwmpRpcTimeWindow, cwmp_rpc_time_window_desc)
CWMP_RPC_DEFINE_FREE(cwmp_rpc_option_free, CwmpRpcOption, cwmp_rpc_option_desc)
CWMP_RPC_DEFINE_FREE(cwmp_rpc_arg_free, CwmpRpcArg, cwmp_rpc_arg_desc)
CWMP_RPC_DEFINE_FREE(cwmp_rpc_du_op_result_free, CwmpRpcDuOpResult, cwmp_rpc_auton_op_result_desc)
CWMP_RPC_DEFINE_FREE(cwmp_rpc_spv_fault_free, CwmpRpcSpvFault, cwmp_rpc_spv_fault_desc)

/**
 * cwmp_rpc_du_operation_free:
 * @item: (nullable): an operation
 *
 * Frees @item and its strings.
 *
 * Since: 1.0
 */
void
cwmp_rpc_du_operation_free(CwmpRpcDuOperation *item)
{
	if (item == NULL)
		return;
	g_free(item->url);
	g_free(item->uuid);
	g_free(item->username);
	g_free(item->password);
	g_free(item->execution_env_ref);
	g_free(item->version);
	g_free(item);
}

/**
 * cwmp_rpc_param_value_new:
 * @name: a parameter path
 * @value: (nullable): its value (%NULL is the empty string)
 * @type: its type
 *
 * Returns: (transfer full): a new ParameterValueStruct
 *
 * Since: 1.0
 */
CwmpRpcParamValue *
cwmp_rpc_param_value_new(const gchar *name, const gchar *value, CwmpType type)
{
	CwmpRpcParamValue *item = g_new0(CwmpRpcParamValue, 1);
	item->name = g_strdup(name);
	item->value = g_strdup(value != NULL ? value : "");
	item->type = type;
	return item;
}

/**
 * cwmp_rpc_event_new:
 * @event_code: e.g. "1 BOOT" or "M Reboot"
 * @command_key: (nullable): the CommandKey (%NULL is empty)
 *
 * Returns: (transfer full): a new EventStruct
 *
 * Since: 1.0
 */
CwmpRpcEvent *
cwmp_rpc_event_new(const gchar *event_code, const gchar *command_key)
{
	CwmpRpcEvent *item = g_new0(CwmpRpcEvent, 1);
	item->event_code = g_strdup(event_code);
	item->command_key = g_strdup(command_key != NULL ? command_key : "");
	return item;
}

/**
 * cwmp_rpc_param_info_new:
 * @name: a parameter or object path
 * @writable: whether it is writable
 *
 * Returns: (transfer full): a new ParameterInfoStruct
 *
 * Since: 1.0
 */
CwmpRpcParamInfo *
cwmp_rpc_param_info_new(const gchar *name, gboolean writable)
{
	CwmpRpcParamInfo *item = g_new0(CwmpRpcParamInfo, 1);
	item->name = g_strdup(name);
	item->writable = writable;
	return item;
}

/**
 * cwmp_rpc_param_attr_new:
 * @name: a parameter path
 * @notification: 0 off, 1 passive, 2 active (3-6 in 1.4 for lightweight notification)
 * @access_list: (nullable): entities allowed to write it, e.g. "Subscriber"
 *
 * Returns: (transfer full): a new ParameterAttributeStruct
 *
 * Since: 1.0
 */
CwmpRpcParamAttr *
cwmp_rpc_param_attr_new(const gchar *name, gint notification, const gchar *const *access_list)
{
	CwmpRpcParamAttr *item = g_new0(CwmpRpcParamAttr, 1);
	item->name = g_strdup(name);
	item->notification = notification;
	item->access_list = g_strdupv((gchar **) access_list);
	return item;
}

/* xml helpers */

/* ParameterValueStruct types; base64 is written as the XML Schema type, both read */
static const gchar *const cwmp_rpc_xsi_names[] = {
    [CWMP_TYPE_NONE] = "string",
    [CWMP_TYPE_STRING] = "string",
    [CWMP_TYPE_INT] = "int",
    [CWMP_TYPE_UNSIGNED_INT] = "unsignedInt",
    [CWMP_TYPE_LONG] = "long",
    [CWMP_TYPE_UNSIGNED_LONG] = "unsignedLong",
    [CWMP_TYPE_BOOLEAN] = "boolean",
    [CWMP_TYPE_DATE_TIME] = "dateTime",
    [CWMP_TYPE_BASE64] = "base64Binary",
    [CWMP_TYPE_HEX_BINARY] = "hexBinary",
    [CWMP_TYPE_DECIMAL] = "decimal",
};
static const gchar *const cwmp_rpc_xsi_qnames[] = {
    [CWMP_TYPE_NONE] = "xsd:string",
    [CWMP_TYPE_STRING] = "xsd:string",
    [CWMP_TYPE_INT] = "xsd:int",
    [CWMP_TYPE_UNSIGNED_INT] = "xsd:unsignedInt",
    [CWMP_TYPE_LONG] = "xsd:long",
    [CWMP_TYPE_UNSIGNED_LONG] = "xsd:unsignedLong",
    [CWMP_TYPE_BOOLEAN] = "xsd:boolean",
    [CWMP_TYPE_DATE_TIME] = "xsd:dateTime",
    [CWMP_TYPE_BASE64] = "xsd:base64Binary",
    [CWMP_TYPE_HEX_BINARY] = "xsd:hexBinary",
    [CWMP_TYPE_DECIMAL] = "xsd:decimal",
};

CwmpType
cwmp_rpc_type_from_xsi(const gchar *qname)
{
	const gchar *local;

	if (qname == NULL)
		return CWMP_TYPE_NONE;
	local = strchr(qname, ':');
	local = local != NULL ? local + 1 : qname;
	if (g_strcmp0(local, "base64") == 0)
		return CWMP_TYPE_BASE64;
	for (guint i = CWMP_TYPE_STRING; i < CWMP_TYPE_LAST; i++) {
		if (g_strcmp0(cwmp_rpc_xsi_names[i], local) == 0)
			return (CwmpType) i;
	}
	return CWMP_TYPE_NONE;
}

const gchar *
cwmp_rpc_type_to_xsi(CwmpType type)
{
	if ((guint) type >= CWMP_TYPE_LAST)
		return "xsd:string";
	return cwmp_rpc_xsi_qnames[type];
}

xmlNode *
cwmp_rpc_xml_child(xmlNode *parent, const gchar *name)
{
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && g_strcmp0((const gchar *) n->name, name) == 0)
			return n;
	}
	return NULL;
}

gchar *
cwmp_rpc_xml_text(xmlNode *node, gboolean trim)
{
	xmlChar *content = xmlNodeGetContent(node);
	gchar	*str = g_strdup(content != NULL ? (const gchar *) content : "");

	xmlFree(content);
	if (trim)
		g_strstrip(str);
	return str;
}

static gboolean
cwmp_rpc_text_is_clean(const gchar *text)
{
	for (const guchar *p = (const guchar *) text; *p != '\0'; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return FALSE;
	}
	return g_utf8_validate(text, -1, NULL);
}

/* XML 1.0 cannot carry control characters or invalid UTF-8: replace them */
void
cwmp_rpc_write_text(xmlTextWriterPtr w, const gchar *text)
{
	g_autofree gchar *valid = NULL;

	if (text == NULL || text[0] == '\0')
		return;
	if (cwmp_rpc_text_is_clean(text)) {
		xmlTextWriterWriteString(w, (const xmlChar *) text);
		return;
	}
	valid = g_utf8_make_valid(text, -1);
	for (guchar *p = (guchar *) valid; *p != '\0'; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			*p = '?';
	}
	xmlTextWriterWriteString(w, (const xmlChar *) valid);
}

static void
cwmp_rpc_write_element(xmlTextWriterPtr w, const gchar *name, const gchar *text)
{
	xmlTextWriterStartElement(w, (const xmlChar *) name);
	cwmp_rpc_write_text(w, text);
	xmlTextWriterFullEndElement(w);
}

void
cwmp_rpc_write_param_value(xmlTextWriterPtr w, const gchar *name, const gchar *value, CwmpType type)
{
	xmlTextWriterStartElement(w, (const xmlChar *) "ParameterValueStruct");
	cwmp_rpc_write_element(w, "Name", name);
	xmlTextWriterStartElement(w, (const xmlChar *) "Value");
	xmlTextWriterWriteAttribute(w, (const xmlChar *) "xsi:type",
				    (const xmlChar *) cwmp_rpc_type_to_xsi(type));
	cwmp_rpc_write_text(w, value);
	xmlTextWriterFullEndElement(w);
	xmlTextWriterEndElement(w);
}

static void
cwmp_rpc_write_array_type(xmlTextWriterPtr w, const gchar *item_type, guint n)
{
	g_autofree gchar *value = g_strdup_printf("%s[%u]", item_type, n);
	xmlTextWriterWriteAttribute(w, (const xmlChar *) CWMP_SOAP_PREFIX_ENC ":arrayType",
				    (const xmlChar *) value);
}

static void
cwmp_rpc_write_time(xmlTextWriterPtr w, const gchar *name, GDateTime *dt)
{
	g_autofree gchar *text = NULL;

	/* TR-069 writes an unknown time as the first instant of year 1 */
	text = dt != NULL ? cwmp_value_format_date_time(dt) : g_strdup("0001-01-01T00:00:00Z");
	cwmp_rpc_write_element(w, name, text);
}

static void
cwmp_rpc_write_fields(xmlTextWriterPtr w, const CwmpRpcField *fields, gconstpointer base);

static void
cwmp_rpc_write_struct(xmlTextWriterPtr	       w,
		      const gchar	      *name,
		      const CwmpRpcStructDesc *desc,
		      gconstpointer	       item)
{
	xmlTextWriterStartElement(w, (const xmlChar *) name);
	cwmp_rpc_write_fields(w, desc->fields, item);
	xmlTextWriterFullEndElement(w);
}

static void
cwmp_rpc_write_fields(xmlTextWriterPtr w, const CwmpRpcField *fields, gconstpointer base)
{
	for (const CwmpRpcField *f = fields; f->name != NULL; f++) {
		switch (f->kind) {
		case CWMP_RPC_FIELD_STR:
		case CWMP_RPC_FIELD_NAME:
			cwmp_rpc_write_element(w, f->name, *FIELD_PTR(base, f, gchar *));
			break;
		case CWMP_RPC_FIELD_STR_OPT: {
			const gchar *str = *FIELD_PTR(base, f, gchar *);
			if (str != NULL)
				cwmp_rpc_write_element(w, f->name, str);
			break;
		}
		case CWMP_RPC_FIELD_INT: {
			gchar buf[16];
			g_snprintf(buf, sizeof(buf), "%d", *FIELD_PTR(base, f, gint));
			cwmp_rpc_write_element(w, f->name, buf);
			break;
		}
		case CWMP_RPC_FIELD_UINT: {
			gchar buf[16];
			g_snprintf(buf, sizeof(buf), "%u", *FIELD_PTR(base, f, guint));
			cwmp_rpc_write_element(w, f->name, buf);
			break;
		}
		case CWMP_RPC_FIELD_BOOL:
			cwmp_rpc_write_element(w, f->name,
					       *FIELD_PTR(base, f, gboolean) ? "true" : "false");
			break;
		case CWMP_RPC_FIELD_TIME:
			cwmp_rpc_write_time(w, f->name, *FIELD_PTR(base, f, GDateTime *));
			break;
		case CWMP_RPC_FIELD_TIME_OPT: {
			GDateTime *dt = *FIELD_PTR(base, f, GDateTime *);
			if (dt != NULL)
				cwmp_rpc_write_time(w, f->name, dt);
			break;
		}
		case CWMP_RPC_FIELD_STRV: {
			gchar **strv = *FIELD_PTR(base, f, GStrv);
			xmlTextWriterStartElement(w, (const xmlChar *) f->name);
			cwmp_rpc_write_array_type(w, f->array_type,
						  strv != NULL ? g_strv_length(strv) : 0);
			for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
				cwmp_rpc_write_element(w, f->item, strv[i]);
			xmlTextWriterFullEndElement(w);
			break;
		}
		case CWMP_RPC_FIELD_ARRAY: {
			GPtrArray	 *array = *FIELD_PTR(base, f, GPtrArray *);
			g_autofree gchar *type = g_strdup_printf("cwmp:%s", f->desc->type_name);
			guint		  n = array != NULL ? array->len : 0;
			xmlTextWriterStartElement(w, (const xmlChar *) f->name);
			cwmp_rpc_write_array_type(w, type, n);
			for (guint i = 0; i < n; i++) {
				cwmp_rpc_write_struct(w, f->desc->type_name, f->desc,
						      g_ptr_array_index(array, i));
			}
			xmlTextWriterFullEndElement(w);
			break;
		}
		case CWMP_RPC_FIELD_REPEAT: {
			GPtrArray *array = *FIELD_PTR(base, f, GPtrArray *);
			for (guint i = 0; array != NULL && i < array->len; i++)
				cwmp_rpc_write_struct(w, f->name, f->desc,
						      g_ptr_array_index(array, i));
			break;
		}
		case CWMP_RPC_FIELD_OPERATIONS: {
			GPtrArray *array = *FIELD_PTR(base, f, GPtrArray *);
			for (guint i = 0; array != NULL && i < array->len; i++) {
				const CwmpRpcDuOperation *op = g_ptr_array_index(array, i);
				const CwmpRpcStructDesc	 *desc = &f->desc[op->kind];
				g_autofree gchar	 *type =
				    g_strdup_printf("cwmp:%s", desc->type_name);
				xmlTextWriterStartElement(w, (const xmlChar *) f->name);
				xmlTextWriterWriteAttribute(w, (const xmlChar *) "xsi:type",
							    (const xmlChar *) type);
				cwmp_rpc_write_fields(w, desc->fields, op);
				xmlTextWriterFullEndElement(w);
			}
			break;
		}
		case CWMP_RPC_FIELD_STRUCT:
			cwmp_rpc_write_struct(w, f->name, f->desc, FIELD_PTR(base, f, guint8));
			break;
		case CWMP_RPC_FIELD_VALUE: {
			const gchar *value = *FIELD_PTR(base, f, gchar *);
			CwmpType type = *(const CwmpType *) ((const guint8 *) base + f->offset2);
			xmlTextWriterStartElement(w, (const xmlChar *) f->name);
			xmlTextWriterWriteAttribute(w, (const xmlChar *) "xsi:type",
						    (const xmlChar *) cwmp_rpc_type_to_xsi(type));
			cwmp_rpc_write_text(w, value);
			xmlTextWriterFullEndElement(w);
			break;
		}
		}
	}
}

gboolean
cwmp_rpc_write_body(const CwmpRpc *rpc, xmlTextWriterPtr w, GError **error)
{
	const CwmpRpcMethodInfo *info;
	g_autofree gchar	*element = NULL;

	if ((guint) rpc->method >= CWMP_RPC_LAST) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA, "invalid RPC %d",
			    (gint) rpc->method);
		return FALSE;
	}
	if (rpc->method == CWMP_RPC_EMPTY)
		return TRUE;
	info = &cwmp_rpc_methods[rpc->method];
	if (rpc->method == CWMP_RPC_FAULT) {
		xmlTextWriterStartElement(w, (const xmlChar *) CWMP_SOAP_PREFIX_ENV ":Fault");
		cwmp_rpc_write_element(
		    w, "faultcode", rpc->fault.faultcode != NULL ? rpc->fault.faultcode : "Server");
		cwmp_rpc_write_element(w, "faultstring",
				       rpc->fault.faultstring != NULL ? rpc->fault.faultstring
								      : "CWMP fault");
		xmlTextWriterStartElement(w, (const xmlChar *) "detail");
		xmlTextWriterStartElement(w, (const xmlChar *) "cwmp:Fault");
		cwmp_rpc_write_fields(w, info->fields, cwmp_rpc_get_base(rpc));
		xmlTextWriterEndElement(w);
		xmlTextWriterEndElement(w);
		xmlTextWriterEndElement(w);
		return TRUE;
	}
	element = g_strdup_printf("cwmp:%s", info->name);
	xmlTextWriterStartElement(w, (const xmlChar *) element);
	cwmp_rpc_write_fields(w, info->fields, cwmp_rpc_get_base(rpc));
	xmlTextWriterFullEndElement(w);
	return TRUE;
}

/* reading */

static gboolean
cwmp_rpc_read_fields(xmlNode		*parent,
		     const CwmpRpcField *fields,
		     gpointer		 base,
		     const gchar	*context,
		     GError	       **error);

static gboolean
cwmp_rpc_read_number(xmlNode	 *node,
		     const gchar *context,
		     gboolean	  is_signed,
		     gint64	  min,
		     guint64	  max,
		     gint64	 *out_signed,
		     guint64	 *out_unsigned,
		     GError	**error)
{
	g_autofree gchar *text = cwmp_rpc_xml_text(node, TRUE);
	g_autoptr(GError) error_local = NULL;
	gboolean ok;

	if (is_signed)
		ok =
		    g_ascii_string_to_signed(text, 10, min, (gint64) max, out_signed, &error_local);
	else
		ok = g_ascii_string_to_unsigned(text, 10, 0, max, out_unsigned, &error_local);
	if (!ok) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "%s: %s is not %s: '%s'", context, (const gchar *) node->name,
			    is_signed ? "an int" : "an unsignedInt", text);
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_rpc_read_bool(xmlNode *node, const gchar *context, gboolean *out, GError **error)
{
	g_autofree gchar *text = cwmp_rpc_xml_text(node, TRUE);

	if (g_ascii_strcasecmp(text, "true") == 0 || g_strcmp0(text, "1") == 0) {
		*out = TRUE;
		return TRUE;
	}
	if (g_ascii_strcasecmp(text, "false") == 0 || g_strcmp0(text, "0") == 0) {
		*out = FALSE;
		return TRUE;
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
		    "%s: %s is not a boolean: '%s'", context, (const gchar *) node->name, text);
	return FALSE;
}

static gboolean
cwmp_rpc_read_time(xmlNode *node, const gchar *context, GDateTime **out, GError **error)
{
	g_autofree gchar *text = cwmp_rpc_xml_text(node, TRUE);
	g_autoptr(GError) error_local = NULL;
	GDateTime *dt = cwmp_value_parse_date_time(text, &error_local);

	if (dt == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "%s: %s is not a dateTime: '%s'", context, (const gchar *) node->name,
			    text);
		return FALSE;
	}
	*out = dt;
	return TRUE;
}

static gpointer
cwmp_rpc_read_struct(xmlNode		     *node,
		     const CwmpRpcStructDesc *desc,
		     const CwmpRpcField	     *fields,
		     const gchar	     *context,
		     GError		    **error)
{
	gpointer item = g_malloc0(desc->size);

	if (!cwmp_rpc_read_fields(node, fields, item, context, error)) {
		cwmp_rpc_fields_clear(fields, item);
		g_free(item);
		return NULL;
	}
	return item;
}

static gboolean
cwmp_rpc_read_operation(xmlNode			*node,
			const CwmpRpcStructDesc *descs,
			const gchar		*context,
			GPtrArray		*array,
			GError		       **error)
{
	xmlChar *type =
	    xmlGetNsProp(node, (const xmlChar *) "type", (const xmlChar *) CWMP_SOAP_NS_XSI);
	const gchar	   *local = NULL;
	CwmpRpcDuOperation *op;

	if (type != NULL) {
		local = strchr((const gchar *) type, ':');
		local = local != NULL ? local + 1 : (const gchar *) type;
	}
	for (guint k = 0; local != NULL && k <= CWMP_RPC_DU_OPERATION_UNINSTALL; k++) {
		if (g_strcmp0(local, descs[k].type_name) != 0)
			continue;
		xmlFree(type);
		op = cwmp_rpc_read_struct(node, &descs[k], descs[k].fields, context, error);
		if (op == NULL)
			return FALSE;
		op->kind = (CwmpRpcDuOperationKind) k;
		g_ptr_array_add(array, op);
		return TRUE;
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
		    "%s: Operations needs an xsi:type of InstallOpStruct, UpdateOpStruct or "
		    "UninstallOpStruct, got '%s'",
		    context, type != NULL ? (const gchar *) type : "");
	xmlFree(type);
	return FALSE;
}

static gboolean
cwmp_rpc_read_fields(xmlNode		*parent,
		     const CwmpRpcField *fields,
		     gpointer		 base,
		     const gchar	*context,
		     GError	       **error)
{
	for (const CwmpRpcField *f = fields; f->name != NULL; f++) {
		xmlNode *node = cwmp_rpc_xml_child(parent, f->name);
		gint64	 sval = 0;
		guint64	 uval = 0;

		if (f->kind == CWMP_RPC_FIELD_REPEAT || f->kind == CWMP_RPC_FIELD_OPERATIONS) {
			GPtrArray *array = *FIELD_PTR(base, f, GPtrArray *);
			if (array == NULL) {
				array = g_ptr_array_new_with_free_func(f->desc->free_func);
				*FIELD_PTR(base, f, GPtrArray *) = array;
			}
			for (xmlNode *n = parent->children; n != NULL; n = n->next) {
				if (n->type != XML_ELEMENT_NODE ||
				    g_strcmp0((const gchar *) n->name, f->name) != 0)
					continue;
				if (f->kind == CWMP_RPC_FIELD_OPERATIONS) {
					if (!cwmp_rpc_read_operation(n, f->desc, context, array,
								     error))
						return FALSE;
				} else {
					gpointer item = cwmp_rpc_read_struct(
					    n, f->desc, f->desc->fields, context, error);
					if (item == NULL)
						return FALSE;
					g_ptr_array_add(array, item);
				}
			}
			if (array->len == 0 && f->kind == CWMP_RPC_FIELD_OPERATIONS) {
				g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
					    "%s: missing element %s", context, f->name);
				return FALSE;
			}
			continue;
		}
		if (node == NULL) {
			if (f->kind == CWMP_RPC_FIELD_STR_OPT || f->kind == CWMP_RPC_FIELD_TIME_OPT)
				continue;
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "%s: missing element %s", context, f->name);
			return FALSE;
		}
		switch (f->kind) {
		case CWMP_RPC_FIELD_STR:
		case CWMP_RPC_FIELD_STR_OPT:
			*FIELD_PTR(base, f, gchar *) = cwmp_rpc_xml_text(node, FALSE);
			break;
		case CWMP_RPC_FIELD_NAME:
			*FIELD_PTR(base, f, gchar *) = cwmp_rpc_xml_text(node, TRUE);
			break;
		case CWMP_RPC_FIELD_INT:
			if (!cwmp_rpc_read_number(node, context, TRUE, G_MININT32, G_MAXINT32,
						  &sval, NULL, error))
				return FALSE;
			*FIELD_PTR(base, f, gint) = (gint) sval;
			break;
		case CWMP_RPC_FIELD_UINT:
			if (!cwmp_rpc_read_number(node, context, FALSE, 0, G_MAXUINT32, NULL, &uval,
						  error))
				return FALSE;
			*FIELD_PTR(base, f, guint) = (guint) uval;
			break;
		case CWMP_RPC_FIELD_BOOL:
			if (!cwmp_rpc_read_bool(node, context, FIELD_PTR(base, f, gboolean), error))
				return FALSE;
			break;
		case CWMP_RPC_FIELD_TIME:
		case CWMP_RPC_FIELD_TIME_OPT:
			if (!cwmp_rpc_read_time(node, context, FIELD_PTR(base, f, GDateTime *),
						error))
				return FALSE;
			break;
		case CWMP_RPC_FIELD_STRV: {
			GPtrArray *items = g_ptr_array_new();
			for (xmlNode *n = node->children; n != NULL; n = n->next) {
				if (n->type == XML_ELEMENT_NODE)
					g_ptr_array_add(items, cwmp_rpc_xml_text(n, TRUE));
			}
			g_ptr_array_add(items, NULL);
			*FIELD_PTR(base, f, GStrv) = (GStrv) g_ptr_array_free(items, FALSE);
			break;
		}
		case CWMP_RPC_FIELD_ARRAY: {
			GPtrArray *array = *FIELD_PTR(base, f, GPtrArray *);
			if (array == NULL) {
				array = g_ptr_array_new_with_free_func(f->desc->free_func);
				*FIELD_PTR(base, f, GPtrArray *) = array;
			}
			/* items are taken whatever their element name */
			for (xmlNode *n = node->children; n != NULL; n = n->next) {
				gpointer item;
				if (n->type != XML_ELEMENT_NODE)
					continue;
				item = cwmp_rpc_read_struct(n, f->desc, f->desc->fields, context,
							    error);
				if (item == NULL)
					return FALSE;
				g_ptr_array_add(array, item);
			}
			break;
		}
		case CWMP_RPC_FIELD_STRUCT:
			if (!cwmp_rpc_read_fields(node, f->desc->fields, FIELD_PTR(base, f, guint8),
						  context, error))
				return FALSE;
			break;
		case CWMP_RPC_FIELD_VALUE: {
			xmlChar *type = xmlGetNsProp(node, (const xmlChar *) "type",
						     (const xmlChar *) CWMP_SOAP_NS_XSI);
			*FIELD_PTR(base, f, gchar *) = cwmp_rpc_xml_text(node, FALSE);
			*(CwmpType *) ((guint8 *) base + f->offset2) =
			    cwmp_rpc_type_from_xsi((const gchar *) type);
			xmlFree(type);
			break;
		}
		default:
			break;
		}
	}
	return TRUE;
}

CwmpRpc *
cwmp_rpc_read_body(xmlNode *node, CwmpRpcMethod method, GError **error)
{
	g_autoptr(CwmpRpc) rpc = cwmp_rpc_new(method);
	const CwmpRpcMethodInfo *info = &cwmp_rpc_methods[method];

	if (!cwmp_rpc_read_fields(node, info->fields, cwmp_rpc_get_base(rpc), info->name, error))
		return NULL;
	return g_steal_pointer(&rpc);
}

CwmpRpc *
cwmp_rpc_read_fault(xmlNode *node, GError **error)
{
	g_autoptr(CwmpRpc) rpc = cwmp_rpc_new(CWMP_RPC_FAULT);
	xmlNode *child;
	xmlNode *detail;

	child = cwmp_rpc_xml_child(node, "faultcode");
	rpc->fault.faultcode = child != NULL ? cwmp_rpc_xml_text(child, TRUE) : g_strdup("");
	child = cwmp_rpc_xml_child(node, "faultstring");
	rpc->fault.faultstring = child != NULL ? cwmp_rpc_xml_text(child, FALSE) : g_strdup("");
	/* a SOAP fault without a cwmp:Fault detail keeps fault_code 0 */
	detail = cwmp_rpc_xml_child(node, "detail");
	if (detail == NULL)
		return g_steal_pointer(&rpc);
	child = cwmp_rpc_xml_child(detail, "Fault");
	if (child == NULL)
		return g_steal_pointer(&rpc);
	if (!cwmp_rpc_read_fields(child, cwmp_rpc_fault_fields, cwmp_rpc_get_base(rpc), "Fault",
				  error))
		return NULL;
	return g_steal_pointer(&rpc);
}
