/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-dm-txn.h"
#include "cwmp-error.h"
#include "cwmp-event.h"
#include "cwmp-rpc-handler.h"
#include "cwmp-soap-writer.h"

/* ParameterKey is string(32) in TR-181 Device.ManagementServer. */
#define CWMP_RPC_HANDLER_PARAMETER_KEY_MAX_LENGTH 32

/*
 * a method that writes its response envelope itself, for answers too big to
 * exist as a CwmpRpc first (GetParameterValuesResponse)
 */
typedef GBytes *(*CwmpRpcHandlerStreamFunc)(CwmpRpcHandler  *self,
					    CwmpSoapMessage *request,
					    GError	   **error);

typedef struct {
	CwmpRpcHandlerFunc	 func;
	CwmpRpcHandlerStreamFunc stream;
	gpointer		 user_data;
	GDestroyNotify		 destroy;
} CwmpRpcHandlerEntry;

struct _CwmpRpcHandler {
	GObject		      parent_instance;
	CwmpDm		     *dm;
	CwmpManagementServer *ms;
	CwmpEventQueue	     *events;
	CwmpScheduler	     *scheduler;
	CwmpRpcHandlerEntry   entries[CWMP_RPC_LAST];
};

enum { SIGNAL_REBOOT_REQUESTED, SIGNAL_FACTORY_RESET_REQUESTED, SIGNAL_LAST };

static guint signals[SIGNAL_LAST] = {0};

G_DEFINE_TYPE(CwmpRpcHandler, cwmp_rpc_handler, G_TYPE_OBJECT)

/* for messages: the name of @method, also for the empty message */
static const gchar *
cwmp_rpc_handler_method_name(CwmpRpcMethod method)
{
	const gchar *name = cwmp_rpc_method_to_string(method);
	return name != NULL ? name : "an empty message";
}

static void
cwmp_rpc_handler_entry_clear(CwmpRpcHandlerEntry *entry)
{
	GDestroyNotify destroy = entry->destroy;
	gpointer       user_data = entry->user_data;

	memset(entry, 0, sizeof(*entry));
	if (destroy != NULL)
		destroy(user_data);
}

/* a CommandKey or ParameterKey: string(32), UTF-8 */
static gboolean
cwmp_rpc_handler_check_key(const gchar *key, const gchar *what, gsize max, GError **error)
{
	if (strlen(key) > max || !g_utf8_validate(key, -1, NULL)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "%s longer than %u bytes or not UTF-8", what, (guint) max);
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_rpc_handler_set_parameter_key(CwmpRpcHandler *self, const gchar *key, GError **error)
{
	if (!cwmp_management_server_set_parameter_key(self->ms, key, error)) {
		g_warning("the request was applied but its ParameterKey could not be saved: %s",
			  error != NULL && *error != NULL ? (*error)->message : "unknown error");
		return FALSE;
	}
	return TRUE;
}

/* GetRPCMethods */

static CwmpRpc *
cwmp_rpc_handler_get_rpc_methods(CwmpRpcHandler	 *self,
				 CwmpSoapMessage *request,
				 gpointer	  user_data,
				 GError		**error)
{
	CwmpRpc *response = cwmp_rpc_new(CWMP_RPC_GET_RPC_METHODS_RESPONSE);

	response->get_rpc_methods_response.method_list =
	    cwmp_rpc_handler_dup_method_list(self, request->version);
	return response;
}

/* GetParameterValues: streamed, the values exist only in the output buffer */

static void
cwmp_rpc_handler_write_value_cb(const gchar *path,
				const gchar *value,
				CwmpType     type,
				gpointer     user_data)
{
	CwmpSoapWriter *writer = user_data;
	cwmp_soap_writer_add_parameter_value(writer, path, value, type);
}

static GBytes *
cwmp_rpc_handler_get_parameter_values(CwmpRpcHandler  *self,
				      CwmpSoapMessage *request,
				      GError	     **error)
{
	GStrv	       names = request->rpc->parameter_names.parameter_names;
	CwmpSoapHeader header = {.id = request->header.id};
	g_autoptr(CwmpSoapWriter) writer = cwmp_soap_writer_new(request->version, &header);

	cwmp_soap_writer_begin_parameter_values(writer);
	for (guint i = 0; names != NULL && names[i] != NULL; i++) {
		if (!cwmp_dm_get_values_foreach(self->dm, names[i], cwmp_rpc_handler_write_value_cb,
						writer, error))
			return NULL;
	}
	g_debug("GetParameterValues: %u values", cwmp_soap_writer_get_n_values(writer));
	return cwmp_soap_writer_finish(writer, error);
}

/* SetParameterValues */

static CwmpRpc *
cwmp_rpc_handler_set_parameter_values(CwmpRpcHandler  *self,
				      CwmpSoapMessage *request,
				      gpointer	       user_data,
				      GError	     **error)
{
	const CwmpRpcSetParameterValues *spv = &request->rpc->set_parameter_values;
	const gchar			*key = spv->parameter_key != NULL ? spv->parameter_key : "";
	g_autoptr(CwmpDmTxn) txn = NULL;
	g_autoptr(GError) error_local = NULL;
	CwmpRpc *response;

	/* checked first: once committed, the key must be accepted */
	if (!cwmp_rpc_handler_check_key(key, "ParameterKey",
					CWMP_RPC_HANDLER_PARAMETER_KEY_MAX_LENGTH, error))
		return NULL;
	txn = cwmp_dm_txn_new(self->dm);
	for (guint i = 0; spv->parameter_list != NULL && i < spv->parameter_list->len; i++) {
		const CwmpRpcParamValue *pv = g_ptr_array_index(spv->parameter_list, i);
		cwmp_dm_txn_set(txn, pv->name != NULL ? pv->name : "",
				pv->value != NULL ? pv->value : "", pv->type);
	}
	if (!cwmp_dm_txn_commit(txn, &error_local)) {
		GPtrArray *faults = cwmp_dm_txn_get_faults(txn);
		g_debug("SetParameterValues refused: %s", error_local->message);
		if (faults != NULL && faults->len > 0)
			return cwmp_rpc_new_spv_fault(faults);
		g_propagate_error(error, g_steal_pointer(&error_local));
		return NULL;
	}
	if (!cwmp_rpc_handler_set_parameter_key(self, key, error))
		return NULL;
	response = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_VALUES_RESPONSE);
	/* every change takes effect when committed: nothing waits for a reboot */
	response->status.status = 0;
	return response;
}

/* GetParameterNames */

static void
cwmp_rpc_handler_name_cb(const gchar *path, gboolean writable, gpointer user_data)
{
	GPtrArray *list = user_data;
	g_ptr_array_add(list, cwmp_rpc_param_info_new(path, writable));
}

static CwmpRpc *
cwmp_rpc_handler_get_parameter_names(CwmpRpcHandler  *self,
				     CwmpSoapMessage *request,
				     gpointer	      user_data,
				     GError	    **error)
{
	const CwmpRpcGetParameterNames *gpn = &request->rpc->get_parameter_names;
	g_autoptr(CwmpRpc) response = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_NAMES_RESPONSE);

	if (!cwmp_dm_get_names(self->dm, gpn->parameter_path != NULL ? gpn->parameter_path : "",
			       gpn->next_level, cwmp_rpc_handler_name_cb,
			       response->parameter_info_list.parameter_list, error))
		return NULL;
	return g_steal_pointer(&response);
}

/* SetParameterAttributes */

static CwmpRpc *
cwmp_rpc_handler_set_parameter_attributes(CwmpRpcHandler  *self,
					  CwmpSoapMessage *request,
					  gpointer	   user_data,
					  GError	 **error)
{
	GPtrArray *list = request->rpc->set_parameter_attributes.parameter_list;
	guint	   n = list != NULL ? list->len : 0;
	g_autofree CwmpDmAttributeRequest *requests = g_new0(CwmpDmAttributeRequest, n + 1);

	for (guint i = 0; i < n; i++) {
		const CwmpRpcSetParamAttr *item = g_ptr_array_index(list, i);
		CwmpDmAttributeRequest	  *req = &requests[i];
		req->path = item->name != NULL ? item->name : "";
		req->notification_change = item->notification_change;
		if (item->notification_change && item->notification < 0) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "%s: notification %d is not defined", req->path,
				    item->notification);
			return NULL;
		}
		req->notification = (CwmpDmNotification) item->notification;
		req->access_list_change = item->access_list_change;
		req->access_list = (const gchar *const *) item->access_list;
	}
	if (!cwmp_dm_set_attributes(self->dm, requests, n, error))
		return NULL;
	return cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_ATTRIBUTES_RESPONSE);
}

/* GetParameterAttributes */

static void
cwmp_rpc_handler_attribute_cb(const gchar	 *path,
			      CwmpDmNotification  notification,
			      const gchar *const *access_list,
			      gpointer		  user_data)
{
	GPtrArray *list = user_data;
	g_ptr_array_add(list, cwmp_rpc_param_attr_new(path, (gint) notification, access_list));
}

static CwmpRpc *
cwmp_rpc_handler_get_parameter_attributes(CwmpRpcHandler  *self,
					  CwmpSoapMessage *request,
					  gpointer	   user_data,
					  GError	 **error)
{
	GStrv names = request->rpc->parameter_names.parameter_names;
	g_autoptr(CwmpRpc) response = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_ATTRIBUTES_RESPONSE);

	for (guint i = 0; names != NULL && names[i] != NULL; i++) {
		if (!cwmp_dm_get_attributes(self->dm, names[i], cwmp_rpc_handler_attribute_cb,
					    response->parameter_attribute_list.parameter_list,
					    error))
			return NULL;
	}
	return g_steal_pointer(&response);
}

/* AddObject, DeleteObject */

static CwmpRpc *
cwmp_rpc_handler_add_object(CwmpRpcHandler  *self,
			    CwmpSoapMessage *request,
			    gpointer	     user_data,
			    GError	   **error)
{
	const CwmpRpcObject *object = &request->rpc->object;
	const gchar	    *key = object->parameter_key != NULL ? object->parameter_key : "";
	guint32		     instance = 0;
	CwmpRpc		    *response;

	if (!cwmp_rpc_handler_check_key(key, "ParameterKey",
					CWMP_RPC_HANDLER_PARAMETER_KEY_MAX_LENGTH, error))
		return NULL;
	if (!cwmp_dm_add_object(self->dm, object->object_name != NULL ? object->object_name : "",
				&instance, error))
		return NULL;
	if (!cwmp_rpc_handler_set_parameter_key(self, key, error))
		return NULL;
	response = cwmp_rpc_new(CWMP_RPC_ADD_OBJECT_RESPONSE);
	response->add_object_response.instance_number = instance;
	response->add_object_response.status = 0;
	return response;
}

static CwmpRpc *
cwmp_rpc_handler_delete_object(CwmpRpcHandler  *self,
			       CwmpSoapMessage *request,
			       gpointer		user_data,
			       GError	      **error)
{
	const CwmpRpcObject *object = &request->rpc->object;
	const gchar	    *key = object->parameter_key != NULL ? object->parameter_key : "";
	CwmpRpc		    *response;

	if (!cwmp_rpc_handler_check_key(key, "ParameterKey",
					CWMP_RPC_HANDLER_PARAMETER_KEY_MAX_LENGTH, error))
		return NULL;
	if (!cwmp_dm_delete_object(self->dm, object->object_name != NULL ? object->object_name : "",
				   error))
		return NULL;
	if (!cwmp_rpc_handler_set_parameter_key(self, key, error))
		return NULL;
	response = cwmp_rpc_new(CWMP_RPC_DELETE_OBJECT_RESPONSE);
	response->status.status = 0;
	return response;
}

/* Reboot, FactoryReset, ScheduleInform */

static CwmpRpc *
cwmp_rpc_handler_reboot(CwmpRpcHandler	*self,
			CwmpSoapMessage *request,
			gpointer	 user_data,
			GError	       **error)
{
	const gchar *key = request->rpc->command_key.command_key;

	if (key == NULL)
		key = "";
	if (!cwmp_rpc_handler_check_key(key, "CommandKey", CWMP_EVENT_COMMAND_KEY_MAX_LENGTH,
					error))
		return NULL;
	/* on disk before the ACS hears that the reboot is accepted */
	if (!cwmp_event_queue_add(self->events, CWMP_EVENT_M_REBOOT, key, error)) {
		g_prefix_error_literal(error, "cannot queue M Reboot: ");
		return NULL;
	}
	g_info("Reboot requested by the ACS (CommandKey \"%s\")", key);
	g_signal_emit(self, signals[SIGNAL_REBOOT_REQUESTED], 0, key);
	return cwmp_rpc_new(CWMP_RPC_REBOOT_RESPONSE);
}

static CwmpRpc *
cwmp_rpc_handler_factory_reset(CwmpRpcHandler  *self,
			       CwmpSoapMessage *request,
			       gpointer		user_data,
			       GError	      **error)
{
	g_info("FactoryReset requested by the ACS");
	g_signal_emit(self, signals[SIGNAL_FACTORY_RESET_REQUESTED], 0);
	return cwmp_rpc_new(CWMP_RPC_FACTORY_RESET_RESPONSE);
}

static CwmpRpc *
cwmp_rpc_handler_schedule_inform(CwmpRpcHandler	 *self,
				 CwmpSoapMessage *request,
				 gpointer	  user_data,
				 GError		**error)
{
	const CwmpRpcScheduleInform *si = &request->rpc->schedule_inform;

	/* the scheduler refuses DelaySeconds 0 and a bad CommandKey with 9003 */
	if (!cwmp_scheduler_schedule_inform(self->scheduler, si->delay_seconds, si->command_key,
					    error))
		return NULL;
	return cwmp_rpc_new(CWMP_RPC_SCHEDULE_INFORM_RESPONSE);
}

/* dispatch and serialization */

/* the last resort when even a 9002 Fault cannot be serialized (libxml2 out
 * of memory): the session must get an envelope */
static GBytes *
cwmp_rpc_handler_fallback_fault(CwmpSoapMessage *request)
{
	g_autofree gchar *id =
	    request->header.id != NULL ? g_markup_escape_text(request->header.id, -1) : NULL;
	g_autofree gchar *header = id != NULL ? g_strdup_printf("<soap-env:Header><cwmp:ID "
								"soap-env:mustUnderstand=\"1\">"
								"%s</cwmp:ID></soap-env:Header>",
								id)
					      : g_strdup("");
	gchar		 *text =
	    g_strdup_printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			    "<soap-env:Envelope xmlns:soap-env=\"" CWMP_SOAP_NS_ENVELOPE "\" "
			    "xmlns:cwmp=\"%s\">%s<soap-env:Body><soap-env:Fault>"
			    "<faultcode>Server</faultcode><faultstring>CWMP "
			    "fault</faultstring><detail>"
			    "<cwmp:Fault><FaultCode>9002</FaultCode><FaultString>Internal "
			    "error</FaultString>"
			    "</cwmp:Fault></detail></soap-env:Fault></soap-env:Body></"
			    "soap-env:Envelope>\n",
			    cwmp_soap_version_get_namespace(request->version), header);

	return g_bytes_new_take(text, strlen(text));
}

static GBytes *
cwmp_rpc_handler_serialize(CwmpSoapMessage *request, CwmpRpc *response)
{
	g_autoptr(CwmpSoapMessage) message =
	    cwmp_soap_message_new(request->version, request->header.id, response);
	g_autoptr(GError) error = NULL;
	GBytes *bytes = cwmp_soap_message_serialize(message, &error);

	if (bytes != NULL)
		return bytes;
	g_warning("cannot serialize the answer %s: %s",
		  cwmp_rpc_handler_method_name(response->method), error->message);
	if (response->method != CWMP_RPC_FAULT ||
	    response->fault.fault_code != CWMP_FAULT_INTERNAL_ERROR) {
		g_autoptr(CwmpRpc) fault = cwmp_rpc_new_fault(CWMP_FAULT_INTERNAL_ERROR, NULL);
		return cwmp_rpc_handler_serialize(request, fault);
	}
	return cwmp_rpc_handler_fallback_fault(request);
}

/* runs the request's method; NULL with @error for a fault given as code */
static GBytes *
cwmp_rpc_handler_dispatch(CwmpRpcHandler  *self,
			  CwmpSoapMessage *request,
			  CwmpRpc	 **response,
			  GError	 **error)
{
	CwmpRpcMethod	     method = request->rpc->method;
	CwmpRpcHandlerEntry *entry;
	CwmpRpcMethod	     expected = cwmp_rpc_method_get_response(method);

	if (!cwmp_rpc_method_is_request(method)) {
		/* the session filters these out; a response is no request to answer */
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "expected a request, got %s", cwmp_rpc_handler_method_name(method));
		return NULL;
	}
	entry = &self->entries[method];
	if ((entry->func == NULL && entry->stream == NULL) ||
	    !cwmp_rpc_method_in_version(method, request->version)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_METHOD_NOT_SUPPORTED,
			    "%s is not supported", cwmp_rpc_handler_method_name(method));
		return NULL;
	}
	if (entry->stream != NULL)
		return entry->stream(self, request, error);

	*response = entry->func(self, request, entry->user_data, error);
	if (*response == NULL) {
		if (error != NULL && *error == NULL)
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "%s failed without a reason",
				    cwmp_rpc_handler_method_name(method));
		return NULL;
	}
	if ((*response)->method != expected && (*response)->method != CWMP_RPC_FAULT) {
		g_warning("the handler of %s answered %s", cwmp_rpc_handler_method_name(method),
			  cwmp_rpc_handler_method_name((*response)->method));
		g_clear_pointer(response, cwmp_rpc_unref);
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "%s got a wrong answer",
			    cwmp_rpc_handler_method_name(method));
	}
	return NULL;
}

/**
 * cwmp_rpc_handler_handle:
 * @self: a #CwmpRpcHandler
 * @request: a parsed request from the ACS
 *
 * Answers @request: runs its method and serializes the response, or a SOAP
 * Fault for a failure, in @request's version, echoing its cwmp:ID. This is
 * the session's CwmpSessionRequestFunc through a one-line wrapper.
 *
 * Returns: (transfer full): the envelope to post, never %NULL
 *
 * Since: 1.0
 */
GBytes *
cwmp_rpc_handler_handle(CwmpRpcHandler *self, CwmpSoapMessage *request)
{
	g_autoptr(CwmpRpc) response = NULL;
	g_autoptr(GError) error = NULL;
	GBytes *bytes;

	g_return_val_if_fail(CWMP_IS_RPC_HANDLER(self), NULL);
	g_return_val_if_fail(request != NULL, NULL);
	g_return_val_if_fail((guint) request->version < CWMP_SOAP_VERSION_LAST, NULL);

	if (request->rpc == NULL) {
		g_set_error_literal(&error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "the request has no body");
	} else {
		g_debug("ACS request %s (ID %s)",
			cwmp_rpc_handler_method_name(request->rpc->method),
			request->header.id != NULL ? request->header.id : "none");
		bytes = cwmp_rpc_handler_dispatch(self, request, &response, &error);
		if (bytes != NULL)
			return bytes;
	}
	if (response == NULL && error == NULL)
		g_set_error_literal(&error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "the request could not be answered");
	if (response == NULL) {
		g_debug("answering with fault %d: %s", cwmp_error_to_fault(error), error->message);
		response = cwmp_rpc_new_fault_from_error(error);
	}
	return cwmp_rpc_handler_serialize(request, response);
}

/**
 * cwmp_rpc_handler_register_method:
 * @self: a #CwmpRpcHandler
 * @method: a CPE method (a request the ACS sends, e.g. %CWMP_RPC_DOWNLOAD)
 * @func: answers it
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data when the method is unregistered or
 *   the handler finalized
 * @error: a #GError, or %NULL
 *
 * Implements @method: from now on it is answered by @func and listed by
 * GetRPCMethods (in the versions that have it).
 *
 * Returns: %TRUE on success; %CWMP_ERROR_EXISTS if @method already has a
 * handler, %CWMP_ERROR_INVALID_DATA if it is no CPE method (@destroy is not
 * called then)
 *
 * Since: 1.0
 */
gboolean
cwmp_rpc_handler_register_method(CwmpRpcHandler	   *self,
				 CwmpRpcMethod	    method,
				 CwmpRpcHandlerFunc func,
				 gpointer	    user_data,
				 GDestroyNotify	    destroy,
				 GError		  **error)
{
	CwmpRpcHandlerEntry *entry;

	g_return_val_if_fail(CWMP_IS_RPC_HANDLER(self), FALSE);
	g_return_val_if_fail(func != NULL, FALSE);

	if (!cwmp_rpc_method_is_request(method) || !cwmp_rpc_method_is_cpe_method(method)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "%s is no method an ACS calls on a CPE",
			    cwmp_rpc_handler_method_name(method));
		return FALSE;
	}
	entry = &self->entries[method];
	if (entry->func != NULL || entry->stream != NULL) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_EXISTS, "%s is already handled",
			    cwmp_rpc_handler_method_name(method));
		return FALSE;
	}
	entry->func = func;
	entry->user_data = user_data;
	entry->destroy = destroy;
	return TRUE;
}

/**
 * cwmp_rpc_handler_unregister_method:
 * @self: a #CwmpRpcHandler
 * @method: a method
 *
 * Stops implementing @method (built-in ones included): it is answered with
 * 9000 and no longer listed by GetRPCMethods.
 *
 * Returns: %TRUE if @method had a handler
 *
 * Since: 1.0
 */
gboolean
cwmp_rpc_handler_unregister_method(CwmpRpcHandler *self, CwmpRpcMethod method)
{
	g_return_val_if_fail(CWMP_IS_RPC_HANDLER(self), FALSE);

	if (!cwmp_rpc_handler_has_method(self, method))
		return FALSE;
	cwmp_rpc_handler_entry_clear(&self->entries[method]);
	return TRUE;
}

/**
 * cwmp_rpc_handler_has_method:
 * @self: a #CwmpRpcHandler
 * @method: a method
 *
 * Returns: %TRUE if @method is implemented
 *
 * Since: 1.0
 */
gboolean
cwmp_rpc_handler_has_method(CwmpRpcHandler *self, CwmpRpcMethod method)
{
	g_return_val_if_fail(CWMP_IS_RPC_HANDLER(self), FALSE);

	if ((guint) method >= CWMP_RPC_LAST)
		return FALSE;
	return self->entries[method].func != NULL || self->entries[method].stream != NULL;
}

/**
 * cwmp_rpc_handler_dup_method_list:
 * @self: a #CwmpRpcHandler
 * @version: a CWMP version
 *
 * Returns: (transfer full): the names of the implemented methods that exist
 * in @version, as GetRPCMethodsResponse lists them
 *
 * Since: 1.0
 */
GStrv
cwmp_rpc_handler_dup_method_list(CwmpRpcHandler *self, CwmpSoapVersion version)
{
	g_autoptr(GStrvBuilder) builder = g_strv_builder_new();

	g_return_val_if_fail(CWMP_IS_RPC_HANDLER(self), NULL);

	for (guint m = 0; m < CWMP_RPC_LAST; m++) {
		if (cwmp_rpc_handler_has_method(self, m) && cwmp_rpc_method_in_version(m, version))
			g_strv_builder_add(builder, cwmp_rpc_method_to_string(m));
	}
	return g_strv_builder_end(builder);
}

/**
 * cwmp_rpc_handler_get_dm:
 * @self: a #CwmpRpcHandler
 *
 * Returns: (transfer none): the data model the requests act on
 *
 * Since: 1.0
 */
CwmpDm *
cwmp_rpc_handler_get_dm(CwmpRpcHandler *self)
{
	g_return_val_if_fail(CWMP_IS_RPC_HANDLER(self), NULL);
	return self->dm;
}

/**
 * cwmp_rpc_handler_get_event_queue:
 * @self: a #CwmpRpcHandler
 *
 * Returns: (transfer none): the queue "M" events of the methods go to
 *
 * Since: 1.0
 */
CwmpEventQueue *
cwmp_rpc_handler_get_event_queue(CwmpRpcHandler *self)
{
	g_return_val_if_fail(CWMP_IS_RPC_HANDLER(self), NULL);
	return self->events;
}

static void
cwmp_rpc_handler_add_builtin(CwmpRpcHandler *self, CwmpRpcMethod method, CwmpRpcHandlerFunc func)
{
	g_autoptr(GError) error = NULL;
	if (!cwmp_rpc_handler_register_method(self, method, func, NULL, NULL, &error))
		g_critical("cannot register %s: %s", cwmp_rpc_handler_method_name(method),
			   error->message);
}

static void
cwmp_rpc_handler_init(CwmpRpcHandler *self)
{
	cwmp_rpc_handler_add_builtin(self, CWMP_RPC_GET_RPC_METHODS,
				     cwmp_rpc_handler_get_rpc_methods);
	cwmp_rpc_handler_add_builtin(self, CWMP_RPC_SET_PARAMETER_VALUES,
				     cwmp_rpc_handler_set_parameter_values);
	self->entries[CWMP_RPC_GET_PARAMETER_VALUES].stream = cwmp_rpc_handler_get_parameter_values;
	cwmp_rpc_handler_add_builtin(self, CWMP_RPC_GET_PARAMETER_NAMES,
				     cwmp_rpc_handler_get_parameter_names);
	cwmp_rpc_handler_add_builtin(self, CWMP_RPC_SET_PARAMETER_ATTRIBUTES,
				     cwmp_rpc_handler_set_parameter_attributes);
	cwmp_rpc_handler_add_builtin(self, CWMP_RPC_GET_PARAMETER_ATTRIBUTES,
				     cwmp_rpc_handler_get_parameter_attributes);
	cwmp_rpc_handler_add_builtin(self, CWMP_RPC_ADD_OBJECT, cwmp_rpc_handler_add_object);
	cwmp_rpc_handler_add_builtin(self, CWMP_RPC_DELETE_OBJECT, cwmp_rpc_handler_delete_object);
	cwmp_rpc_handler_add_builtin(self, CWMP_RPC_REBOOT, cwmp_rpc_handler_reboot);
	cwmp_rpc_handler_add_builtin(self, CWMP_RPC_FACTORY_RESET, cwmp_rpc_handler_factory_reset);
	cwmp_rpc_handler_add_builtin(self, CWMP_RPC_SCHEDULE_INFORM,
				     cwmp_rpc_handler_schedule_inform);
}

static void
cwmp_rpc_handler_dispose(GObject *object)
{
	CwmpRpcHandler *self = CWMP_RPC_HANDLER(object);

	for (guint m = 0; m < CWMP_RPC_LAST; m++)
		cwmp_rpc_handler_entry_clear(&self->entries[m]);
	g_clear_object(&self->scheduler);
	g_clear_object(&self->events);
	g_clear_object(&self->ms);
	g_clear_object(&self->dm);
	G_OBJECT_CLASS(cwmp_rpc_handler_parent_class)->dispose(object);
}

static void
cwmp_rpc_handler_class_init(CwmpRpcHandlerClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);

	object_class->dispose = cwmp_rpc_handler_dispose;

	/**
	 * CwmpRpcHandler::reboot-requested:
	 * @handler: the handler
	 * @command_key: the Reboot's CommandKey
	 *
	 * The ACS asked for a reboot; "M Reboot" is already queued. The owner
	 * reboots once the session has ended, never from the signal.
	 */
	signals[SIGNAL_REBOOT_REQUESTED] =
	    g_signal_new("reboot-requested", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

	/**
	 * CwmpRpcHandler::factory-reset-requested:
	 * @handler: the handler
	 *
	 * The ACS asked for a factory reset. The owner resets once the session
	 * has ended, never from the signal.
	 */
	signals[SIGNAL_FACTORY_RESET_REQUESTED] =
	    g_signal_new("factory-reset-requested", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0,
			 NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/**
 * cwmp_rpc_handler_new:
 * @dm: the data model (frozen before the first request)
 * @ms: the started Device.ManagementServer., for ParameterKey
 * @events: the loaded event queue, for "M Reboot"
 * @scheduler: the scheduler, for ScheduleInform
 *
 * Returns: (transfer full): a handler answering the built-in methods
 *
 * Since: 1.0
 */
CwmpRpcHandler *
cwmp_rpc_handler_new(CwmpDm		  *dm,
		     CwmpManagementServer *ms,
		     CwmpEventQueue	  *events,
		     CwmpScheduler	  *scheduler)
{
	CwmpRpcHandler *self;

	g_return_val_if_fail(CWMP_IS_DM(dm), NULL);
	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(ms), NULL);
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(events), NULL);
	g_return_val_if_fail(CWMP_IS_SCHEDULER(scheduler), NULL);

	self = g_object_new(CWMP_TYPE_RPC_HANDLER, NULL);
	self->dm = g_object_ref(dm);
	self->ms = g_object_ref(ms);
	self->events = g_object_ref(events);
	self->scheduler = g_object_ref(scheduler);
	return self;
}
