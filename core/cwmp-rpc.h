/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

#include "cwmp-dm.h"
#include "cwmp-schema.h"
#include "cwmp-soap-version.h"

G_BEGIN_DECLS

/**
 * CwmpRpcMethod:
 *
 * The body of a CWMP message: one RPC request or response of cwmp-1-0 to
 * cwmp-1-4, a SOAP Fault, or nothing (an empty HTTP body or an empty
 * soap:Body, %CWMP_RPC_EMPTY).
 *
 * CPE methods (the ACS calls them, the CPE parses the request and serializes
 * the response) come first, then ACS methods (the CPE calls them).
 * GetRPCMethods exists in both directions and is listed once.
 *
 * Since: 1.0
 */
typedef enum {
	CWMP_RPC_EMPTY = 0,
	CWMP_RPC_FAULT,
	/* CPE methods */
	CWMP_RPC_GET_RPC_METHODS,
	CWMP_RPC_GET_RPC_METHODS_RESPONSE,
	CWMP_RPC_SET_PARAMETER_VALUES,
	CWMP_RPC_SET_PARAMETER_VALUES_RESPONSE,
	CWMP_RPC_GET_PARAMETER_VALUES,
	CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE,
	CWMP_RPC_GET_PARAMETER_NAMES,
	CWMP_RPC_GET_PARAMETER_NAMES_RESPONSE,
	CWMP_RPC_SET_PARAMETER_ATTRIBUTES,
	CWMP_RPC_SET_PARAMETER_ATTRIBUTES_RESPONSE,
	CWMP_RPC_GET_PARAMETER_ATTRIBUTES,
	CWMP_RPC_GET_PARAMETER_ATTRIBUTES_RESPONSE,
	CWMP_RPC_ADD_OBJECT,
	CWMP_RPC_ADD_OBJECT_RESPONSE,
	CWMP_RPC_DELETE_OBJECT,
	CWMP_RPC_DELETE_OBJECT_RESPONSE,
	CWMP_RPC_REBOOT,
	CWMP_RPC_REBOOT_RESPONSE,
	CWMP_RPC_DOWNLOAD,
	CWMP_RPC_DOWNLOAD_RESPONSE,
	CWMP_RPC_SCHEDULE_DOWNLOAD,
	CWMP_RPC_SCHEDULE_DOWNLOAD_RESPONSE,
	CWMP_RPC_UPLOAD,
	CWMP_RPC_UPLOAD_RESPONSE,
	CWMP_RPC_FACTORY_RESET,
	CWMP_RPC_FACTORY_RESET_RESPONSE,
	CWMP_RPC_GET_QUEUED_TRANSFERS,
	CWMP_RPC_GET_QUEUED_TRANSFERS_RESPONSE,
	CWMP_RPC_GET_ALL_QUEUED_TRANSFERS,
	CWMP_RPC_GET_ALL_QUEUED_TRANSFERS_RESPONSE,
	CWMP_RPC_CANCEL_TRANSFER,
	CWMP_RPC_CANCEL_TRANSFER_RESPONSE,
	CWMP_RPC_SCHEDULE_INFORM,
	CWMP_RPC_SCHEDULE_INFORM_RESPONSE,
	CWMP_RPC_CHANGE_DU_STATE,
	CWMP_RPC_CHANGE_DU_STATE_RESPONSE,
	CWMP_RPC_SET_VOUCHERS,
	CWMP_RPC_SET_VOUCHERS_RESPONSE,
	CWMP_RPC_GET_OPTIONS,
	CWMP_RPC_GET_OPTIONS_RESPONSE,
	/* ACS methods */
	CWMP_RPC_INFORM,
	CWMP_RPC_INFORM_RESPONSE,
	CWMP_RPC_TRANSFER_COMPLETE,
	CWMP_RPC_TRANSFER_COMPLETE_RESPONSE,
	CWMP_RPC_AUTONOMOUS_TRANSFER_COMPLETE,
	CWMP_RPC_AUTONOMOUS_TRANSFER_COMPLETE_RESPONSE,
	CWMP_RPC_DU_STATE_CHANGE_COMPLETE,
	CWMP_RPC_DU_STATE_CHANGE_COMPLETE_RESPONSE,
	CWMP_RPC_AUTONOMOUS_DU_STATE_CHANGE_COMPLETE,
	CWMP_RPC_AUTONOMOUS_DU_STATE_CHANGE_COMPLETE_RESPONSE,
	CWMP_RPC_REQUEST_DOWNLOAD,
	CWMP_RPC_REQUEST_DOWNLOAD_RESPONSE,
	CWMP_RPC_KICKED,
	CWMP_RPC_KICKED_RESPONSE,
	CWMP_RPC_LAST,
} CwmpRpcMethod;

/*
 * array items; every GPtrArray in an RPC owns its items and frees them with
 * the matching *_free function, so append items made with the *_new
 * constructors or with g_new0() and g_strdup()ed strings
 */

/**
 * CwmpRpcParamValue:
 * @name: the parameter path
 * @value: the value as text
 * @type: the xsi:type; %CWMP_TYPE_NONE when the ACS sent none (serialized as
 *   xsd:string)
 *
 * A ParameterValueStruct (SetParameterValues, GetParameterValuesResponse,
 * Inform).
 */
typedef struct {
	gchar	*name;
	gchar	*value;
	CwmpType type;
} CwmpRpcParamValue;

/* EventStruct */
typedef struct {
	gchar *event_code;
	gchar *command_key;
} CwmpRpcEvent;

/* DeviceIdStruct (embedded in Inform) */
typedef struct {
	gchar *manufacturer;
	gchar *oui;
	gchar *product_class;
	gchar *serial_number;
} CwmpRpcDeviceId;

/*
 * FaultStruct of (Autonomous)TransferComplete and the Fault of a DU operation
 * result; fault_code 0 means success. For DU results a %NULL fault_string is
 * left out, elsewhere it is written empty
 */
typedef struct {
	guint  fault_code;
	gchar *fault_string;
} CwmpRpcFaultStruct;

/* ParameterInfoStruct (GetParameterNamesResponse) */
typedef struct {
	gchar	*name;
	gboolean writable;
} CwmpRpcParamInfo;

/* SetParameterAttributesStruct */
typedef struct {
	gchar	*name;
	gboolean notification_change;
	gint	 notification;
	gboolean access_list_change;
	GStrv	 access_list; /* never NULL after parsing; NULL serializes as empty */
} CwmpRpcSetParamAttr;

/* ParameterAttributeStruct (GetParameterAttributesResponse) */
typedef struct {
	gchar *name;
	gint   notification;
	GStrv  access_list;
} CwmpRpcParamAttr;

/* QueuedTransferStruct (GetQueuedTransfersResponse) */
typedef struct {
	gchar *command_key;
	gint   state; /* 1 not yet started, 2 in progress, 3 completed */
} CwmpRpcQueuedTransfer;

/* AllQueuedTransferStruct (GetAllQueuedTransfersResponse) */
typedef struct {
	gchar	*command_key;
	gint	 state;
	gboolean is_download;
	gchar	*file_type;
	guint	 file_size;
	gchar	*target_file_name;
} CwmpRpcAllQueuedTransfer;

/* TimeWindowStruct (ScheduleDownload) */
typedef struct {
	guint  window_start;
	guint  window_end;
	gchar *window_mode; /* "1 At Any Time", "2 Immediately", "3 When Idle", "4 Confirmation
			       Needed" */
	gchar *user_message;
	gint   max_retries;
} CwmpRpcTimeWindow;

/* OptionStruct (GetOptionsResponse); a NULL expiration_date is left out */
typedef struct {
	gchar	  *option_name;
	guint	   voucher_sn;
	guint	   state;
	gint	   mode;
	GDateTime *start_date;
	GDateTime *expiration_date;
	gint	   is_transferable;
} CwmpRpcOption;

/* ArgStruct (RequestDownload FileTypeArg) */
typedef struct {
	gchar *name;
	gchar *value;
} CwmpRpcArg;

/**
 * CwmpRpcDuOperationKind:
 *
 * The xsi:type of a ChangeDUState Operations element.
 */
typedef enum {
	CWMP_RPC_DU_OPERATION_INSTALL,
	CWMP_RPC_DU_OPERATION_UPDATE,
	CWMP_RPC_DU_OPERATION_UNINSTALL,
} CwmpRpcDuOperationKind;

/*
 * InstallOpStruct (url required; uuid, username, password,
 * execution_env_ref optional), UpdateOpStruct (uuid, version, url, username,
 * password optional), UninstallOpStruct (uuid required; version,
 * execution_env_ref optional); NULL means absent, fields a kind does not
 * have are ignored
 */
typedef struct {
	CwmpRpcDuOperationKind kind;
	gchar		      *url;
	gchar		      *uuid;
	gchar		      *username;
	gchar		      *password;
	gchar		      *execution_env_ref;
	gchar		      *version;
} CwmpRpcDuOperation;

/*
 * OpResultStruct (DUStateChangeComplete) and AutonOpResultStruct
 * (AutonomousDUStateChangeComplete, which adds operation_performed:
 * "Install", "Update" or "Uninstall"); a NULL time is the unknown time
 * 0001-01-01T00:00:00Z
 */
typedef struct {
	gchar		  *uuid;
	gchar		  *deployment_unit_ref;
	gchar		  *version;
	gchar		  *current_state; /* "Installed", "Uninstalled", "Failed" */
	gboolean	   resolved;
	gchar		  *execution_unit_ref_list;
	GDateTime	  *start_time;
	GDateTime	  *complete_time;
	CwmpRpcFaultStruct fault;
	gchar		  *operation_performed;
} CwmpRpcDuOpResult;

/* SetParameterValuesFault entry of a cwmp:Fault */
typedef struct {
	gchar *parameter_name;
	guint  fault_code;
	gchar *fault_string;
} CwmpRpcSpvFault;

/* RPC bodies; a NULL GDateTime is serialized as the unknown time 0001-01-01T00:00:00Z */

typedef struct {
	GStrv method_list;
} CwmpRpcMethodList;

typedef struct {
	GPtrArray *parameter_list; /* CwmpRpcParamValue */
	gchar	  *parameter_key;
} CwmpRpcSetParameterValues;

typedef struct {
	gint status; /* 0 applied, 1 applied but not yet committed (needs a reboot) */
} CwmpRpcStatus;

typedef struct {
	GStrv parameter_names;
} CwmpRpcParameterNames;

typedef struct {
	GPtrArray *parameter_list; /* CwmpRpcParamValue */
} CwmpRpcParameterValueList;

typedef struct {
	gchar	*parameter_path;
	gboolean next_level;
} CwmpRpcGetParameterNames;

typedef struct {
	GPtrArray *parameter_list; /* CwmpRpcParamInfo */
} CwmpRpcParameterInfoList;

typedef struct {
	GPtrArray *parameter_list; /* CwmpRpcSetParamAttr */
} CwmpRpcSetParameterAttributes;

typedef struct {
	GPtrArray *parameter_list; /* CwmpRpcParamAttr */
} CwmpRpcParameterAttributeList;

typedef struct {
	gchar *object_name;
	gchar *parameter_key;
} CwmpRpcObject;

typedef struct {
	guint instance_number;
	gint  status;
} CwmpRpcAddObjectResponse;

typedef struct {
	gchar *command_key;
} CwmpRpcCommandKey;

typedef struct {
	gchar *command_key;
	gchar *file_type;
	gchar *url;
	gchar *username;
	gchar *password;
	guint  file_size;
	gchar *target_file_name;
	guint  delay_seconds;
	gchar *success_url;
	gchar *failure_url;
} CwmpRpcDownload;

typedef struct {
	gint	   status;
	GDateTime *start_time;
	GDateTime *complete_time;
} CwmpRpcTransferResponse;

typedef struct {
	gchar	  *command_key;
	gchar	  *file_type;
	gchar	  *url;
	gchar	  *username;
	gchar	  *password;
	guint	   file_size;
	gchar	  *target_file_name;
	GPtrArray *time_window_list; /* CwmpRpcTimeWindow, 1 or 2 */
} CwmpRpcScheduleDownload;

typedef struct {
	gchar *command_key;
	gchar *file_type;
	gchar *url;
	gchar *username;
	gchar *password;
	guint  delay_seconds;
} CwmpRpcUpload;

typedef struct {
	GPtrArray *transfer_list; /* CwmpRpcQueuedTransfer */
} CwmpRpcQueuedTransferList;

typedef struct {
	GPtrArray *transfer_list; /* CwmpRpcAllQueuedTransfer */
} CwmpRpcAllQueuedTransferList;

typedef struct {
	guint  delay_seconds;
	gchar *command_key;
} CwmpRpcScheduleInform;

typedef struct {
	GPtrArray *operations;	/* CwmpRpcDuOperation, at least one */
	gchar	  *command_key; /* optional in the schema: NULL is left out */
} CwmpRpcChangeDuState;

typedef struct {
	GStrv voucher_list; /* base64 text of each voucher */
} CwmpRpcSetVouchers;

typedef struct {
	gchar *option_name;
} CwmpRpcGetOptions;

typedef struct {
	GPtrArray *option_list; /* CwmpRpcOption */
} CwmpRpcOptionList;

typedef struct {
	CwmpRpcDeviceId device_id;
	GPtrArray      *event;	       /* CwmpRpcEvent */
	guint		max_envelopes; /* 1 from the CPE */
	GDateTime      *current_time;  /* NULL: unknown time */
	guint		retry_count;
	GPtrArray      *parameter_list; /* CwmpRpcParamValue */
} CwmpRpcInform;

typedef struct {
	guint max_envelopes;
} CwmpRpcInformResponse;

typedef struct {
	gchar		  *command_key;
	CwmpRpcFaultStruct fault_struct;
	GDateTime	  *start_time;
	GDateTime	  *complete_time;
} CwmpRpcTransferComplete;

typedef struct {
	gchar		  *announce_url;
	gchar		  *transfer_url;
	gboolean	   is_download;
	gchar		  *file_type;
	guint		   file_size;
	gchar		  *target_file_name;
	CwmpRpcFaultStruct fault_struct;
	GDateTime	  *start_time;
	GDateTime	  *complete_time;
} CwmpRpcAutonomousTransferComplete;

typedef struct {
	GPtrArray *results;	/* CwmpRpcDuOpResult, at least one */
	gchar	  *command_key; /* DUStateChangeComplete only; NULL is left out */
} CwmpRpcDuStateChangeComplete;

typedef struct {
	gchar	  *file_type;
	GPtrArray *file_type_arg; /* CwmpRpcArg */
} CwmpRpcRequestDownload;

typedef struct {
	gchar *command;
	gchar *referer;
	gchar *arg;
	gchar *next;
} CwmpRpcKicked;

typedef struct {
	gchar *next_url;
} CwmpRpcKickedResponse;

/**
 * CwmpRpcFault:
 * @faultcode: SOAP faultcode, "Client" or "Server"
 * @faultstring: SOAP faultstring, "CWMP fault"
 * @fault_code: cwmp:Fault FaultCode (8000-8899 from the ACS, 9000-9899 from the CPE)
 * @fault_string: cwmp:Fault FaultString, %NULL to leave it out
 * @set_parameter_values_fault: #CwmpRpcSpvFault list, empty unless the
 *   fault answers a SetParameterValues
 *
 * A SOAP Fault carrying a cwmp:Fault detail.
 */
typedef struct {
	gchar	  *faultcode;
	gchar	  *faultstring;
	guint	   fault_code;
	gchar	  *fault_string;
	GPtrArray *set_parameter_values_fault;
} CwmpRpcFault;

/**
 * CwmpRpc:
 * @method: which RPC this is; it selects the member of the union
 *
 * One RPC: the body of a CWMP message. Allocate it with cwmp_rpc_new(),
 * which also creates every list of the member that @method selects
 * (GPtrArray with the right free function; GStrv stay %NULL, meaning empty).
 * Members with no fields (e.g. RebootResponse) have none in the union.
 *
 * Which member goes with which method:
 * - fault: %CWMP_RPC_FAULT
 * - get_rpc_methods_response: %CWMP_RPC_GET_RPC_METHODS_RESPONSE
 * - set_parameter_values: %CWMP_RPC_SET_PARAMETER_VALUES
 * - status: the SetParameterValues and DeleteObject responses
 * - parameter_names: GetParameterValues, GetParameterAttributes
 * - parameter_value_list: GetParameterValuesResponse
 * - get_parameter_names, parameter_info_list (its response)
 * - set_parameter_attributes
 * - parameter_attribute_list: GetParameterAttributesResponse
 * - object: AddObject, DeleteObject; add_object_response
 * - command_key: Reboot, CancelTransfer
 * - download, schedule_download, upload
 * - transfer_response: DownloadResponse, UploadResponse
 * - queued_transfer_list: GetQueuedTransfersResponse
 * - all_queued_transfer_list: GetAllQueuedTransfersResponse
 * - schedule_inform, change_du_state, set_vouchers, get_options,
 *   option_list (GetOptionsResponse)
 * - inform, inform_response, transfer_complete, autonomous_transfer_complete
 * - du_state_change_complete: DUStateChangeComplete and
 *   AutonomousDUStateChangeComplete
 * - request_download, kicked, kicked_response
 *
 * Since: 1.0
 */
typedef struct {
	CwmpRpcMethod method;
	/*< private >*/
	gint ref_count;
	/*< public >*/
	union {
		CwmpRpcFault			  fault;
		CwmpRpcMethodList		  get_rpc_methods_response;
		CwmpRpcSetParameterValues	  set_parameter_values;
		CwmpRpcStatus			  status;
		CwmpRpcParameterNames		  parameter_names;
		CwmpRpcParameterValueList	  parameter_value_list;
		CwmpRpcGetParameterNames	  get_parameter_names;
		CwmpRpcParameterInfoList	  parameter_info_list;
		CwmpRpcSetParameterAttributes	  set_parameter_attributes;
		CwmpRpcParameterAttributeList	  parameter_attribute_list;
		CwmpRpcObject			  object;
		CwmpRpcAddObjectResponse	  add_object_response;
		CwmpRpcCommandKey		  command_key;
		CwmpRpcDownload			  download;
		CwmpRpcTransferResponse		  transfer_response;
		CwmpRpcScheduleDownload		  schedule_download;
		CwmpRpcUpload			  upload;
		CwmpRpcQueuedTransferList	  queued_transfer_list;
		CwmpRpcAllQueuedTransferList	  all_queued_transfer_list;
		CwmpRpcScheduleInform		  schedule_inform;
		CwmpRpcChangeDuState		  change_du_state;
		CwmpRpcSetVouchers		  set_vouchers;
		CwmpRpcGetOptions		  get_options;
		CwmpRpcOptionList		  option_list;
		CwmpRpcInform			  inform;
		CwmpRpcInformResponse		  inform_response;
		CwmpRpcTransferComplete		  transfer_complete;
		CwmpRpcAutonomousTransferComplete autonomous_transfer_complete;
		CwmpRpcDuStateChangeComplete	  du_state_change_complete;
		CwmpRpcRequestDownload		  request_download;
		CwmpRpcKicked			  kicked;
		CwmpRpcKickedResponse		  kicked_response;
	};
} CwmpRpc;

#define CWMP_TYPE_RPC (cwmp_rpc_get_type())
GType
cwmp_rpc_get_type(void);

CwmpRpc *
cwmp_rpc_new(CwmpRpcMethod method);
CwmpRpc *
cwmp_rpc_ref(CwmpRpc *self);
void
cwmp_rpc_unref(CwmpRpc *self);

const gchar *
cwmp_rpc_method_to_string(CwmpRpcMethod method);
CwmpRpcMethod
cwmp_rpc_method_from_string(const gchar *name);
gboolean
cwmp_rpc_method_is_request(CwmpRpcMethod method);
gboolean
cwmp_rpc_method_is_cpe_method(CwmpRpcMethod method);
CwmpRpcMethod
cwmp_rpc_method_get_response(CwmpRpcMethod method);
CwmpSoapVersion
cwmp_rpc_method_get_min_version(CwmpRpcMethod method);
gboolean
cwmp_rpc_method_in_version(CwmpRpcMethod method, CwmpSoapVersion version);

CwmpRpc *
cwmp_rpc_new_fault(guint fault_code, const gchar *fault_string);
CwmpRpc *
cwmp_rpc_new_fault_from_error(const GError *error);
CwmpRpc *
cwmp_rpc_new_spv_fault(GPtrArray *faults);
void
cwmp_rpc_fault_add_spv_fault(CwmpRpc	 *self,
			     const gchar *parameter_name,
			     guint	  fault_code,
			     const gchar *fault_string);

CwmpRpcParamValue *
cwmp_rpc_param_value_new(const gchar *name, const gchar *value, CwmpType type);
void
cwmp_rpc_param_value_free(CwmpRpcParamValue *item);
CwmpRpcEvent *
cwmp_rpc_event_new(const gchar *event_code, const gchar *command_key);
void
cwmp_rpc_event_free(CwmpRpcEvent *item);
CwmpRpcParamInfo *
cwmp_rpc_param_info_new(const gchar *name, gboolean writable);
void
cwmp_rpc_param_info_free(CwmpRpcParamInfo *item);
CwmpRpcParamAttr *
cwmp_rpc_param_attr_new(const gchar *name, gint notification, const gchar *const *access_list);
void
cwmp_rpc_param_attr_free(CwmpRpcParamAttr *item);
void
cwmp_rpc_set_param_attr_free(CwmpRpcSetParamAttr *item);
void
cwmp_rpc_queued_transfer_free(CwmpRpcQueuedTransfer *item);
void
cwmp_rpc_all_queued_transfer_free(CwmpRpcAllQueuedTransfer *item);
void
cwmp_rpc_time_window_free(CwmpRpcTimeWindow *item);
void
cwmp_rpc_option_free(CwmpRpcOption *item);
void
cwmp_rpc_arg_free(CwmpRpcArg *item);
void
cwmp_rpc_du_operation_free(CwmpRpcDuOperation *item);
void
cwmp_rpc_du_op_result_free(CwmpRpcDuOpResult *item);
void
cwmp_rpc_spv_fault_free(CwmpRpcSpvFault *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpRpc, cwmp_rpc_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpRpcParamValue, cwmp_rpc_param_value_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpRpcEvent, cwmp_rpc_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpRpcParamInfo, cwmp_rpc_param_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpRpcParamAttr, cwmp_rpc_param_attr_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpRpcSetParamAttr, cwmp_rpc_set_param_attr_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpRpcDuOperation, cwmp_rpc_du_operation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpRpcDuOpResult, cwmp_rpc_du_op_result_free)

G_END_DECLS
