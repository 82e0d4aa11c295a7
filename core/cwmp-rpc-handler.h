/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

#include "cwmp-dm.h"
#include "cwmp-event-queue.h"
#include "cwmp-management-server.h"
#include "cwmp-rpc.h"
#include "cwmp-scheduler.h"
#include "cwmp-soap-message.h"

G_BEGIN_DECLS

/*
 * CwmpRpcHandler answers the requests an ACS sends in a session: it turns one
 * parsed request (a CwmpSoapMessage) into the serialized envelope of its
 * response or of a SOAP Fault, in the request's version and with its cwmp:ID.
 *
 * Every method it answers is registered in a dispatch table; GetRPCMethods
 * lists exactly the registered methods, so a later feature (transfers,
 * software modules) adds a method and its listing in one call with
 * cwmp_rpc_handler_register_method(). Built in: GetRPCMethods,
 * SetParameterValues, GetParameterValues, GetParameterNames,
 * SetParameterAttributes, GetParameterAttributes, AddObject, DeleteObject,
 * Reboot, FactoryReset and ScheduleInform. Any other request gets Fault 9000;
 * a response, Fault or empty message where a request belongs gets 9003.
 *
 * Reboot and FactoryReset only queue what must survive (the "M Reboot"
 * event, on disk before the response exists) and emit "reboot-requested" or
 * "factory-reset-requested"; the owner performs them after the session.
 */

#define CWMP_TYPE_RPC_HANDLER (cwmp_rpc_handler_get_type())
G_DECLARE_FINAL_TYPE(CwmpRpcHandler, cwmp_rpc_handler, CWMP, RPC_HANDLER, GObject)

/**
 * CwmpRpcHandlerFunc:
 * @handler: the handler
 * @request: the request, whose rpc has the registered method
 * @user_data: the data given at registration
 * @error: a #GError, or %NULL
 *
 * Answers one request. A failure is either returned as a %CWMP_RPC_FAULT
 * (when it needs more than a code, e.g. SetParameterValuesFault entries) or
 * as %NULL with @error set (a %CWMP_FAULT code; any other domain is answered
 * as 9002 Internal error).
 *
 * Returns: (transfer full): the response (the method of
 * cwmp_rpc_method_get_response() of the request) or a fault, or %NULL
 */
typedef CwmpRpc *(*CwmpRpcHandlerFunc)(CwmpRpcHandler  *handler,
				       CwmpSoapMessage *request,
				       gpointer		user_data,
				       GError	      **error);

CwmpRpcHandler *
cwmp_rpc_handler_new(CwmpDm		  *dm,
		     CwmpManagementServer *ms,
		     CwmpEventQueue	  *events,
		     CwmpScheduler	  *scheduler);
gboolean
cwmp_rpc_handler_register_method(CwmpRpcHandler	   *self,
				 CwmpRpcMethod	    method,
				 CwmpRpcHandlerFunc func,
				 gpointer	    user_data,
				 GDestroyNotify	    destroy,
				 GError		  **error);
gboolean
cwmp_rpc_handler_unregister_method(CwmpRpcHandler *self, CwmpRpcMethod method);
gboolean
cwmp_rpc_handler_has_method(CwmpRpcHandler *self, CwmpRpcMethod method);
GStrv
cwmp_rpc_handler_dup_method_list(CwmpRpcHandler *self, CwmpSoapVersion version);
CwmpDm *
cwmp_rpc_handler_get_dm(CwmpRpcHandler *self);
CwmpEventQueue *
cwmp_rpc_handler_get_event_queue(CwmpRpcHandler *self);

GBytes *
cwmp_rpc_handler_handle(CwmpRpcHandler *self, CwmpSoapMessage *request);

G_END_DECLS
