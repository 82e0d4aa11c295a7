/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cwmp-acs-sim.h"
#include "cwmp-error.h"

/* values listed one per line in the transcript before "... N more" */
#define CWMP_ACS_SIM_TRANSCRIPT_MAX_ITEMS 20

/* seconds a connection request may take */
#define CWMP_ACS_SIM_CR_TIMEOUT 10

/* an answer set aside (slow mode) until its delay has passed */
typedef struct {
	CwmpAcsSim	  *self;
	SoupServerMessage *msg;
	CwmpAcsSimRecord  *record;
	guint		   status;
	GBytes		  *body;
	guint		   timeout_id;
} CwmpAcsSimDelayed;

struct _CwmpAcsSim {
	GObject		     parent_instance;
	SoupServer	    *server;
	GTlsCertificate	    *tls_certificate;
	GTlsDatabase	    *tls_database;
	CwmpAcsSimAuth	     auth;
	gchar		    *username;
	gchar		    *password;
	gchar		    *cr_username;
	gchar		    *cr_password;
	CwmpAcsSimMisbehave  misbehave;
	guint		     misbehave_sessions;
	guint		     delay_ms;
	guint		     redirect_hops;
	guint		     redirect_status;
	guint		     end_status;
	gchar		    *use_cwmp_version;
	CwmpSoapVersion	     max_version;
	gboolean	     hold_requests;
	gboolean	     record_xml;
	gchar		    *address;
	guint		     port;
	GQueue		     steps; /* CwmpAcsSimStep */
	GPtrArray	    *records;
	GPtrArray	    *sessions;
	GPtrArray	    *rpc_results;
	GPtrArray	    *transcript;
	GPtrArray	    *delayed; /* CwmpAcsSimDelayed */
	CwmpAcsSimSession   *current; /* in @sessions, NULL between sessions */
	CwmpAcsSimRpcResult *outstanding;
	gchar		    *cookie;
	gboolean	     waiting; /* a WaitInform step holds the steps back */
	gchar		    *wait_event;
	guint		     last_instance;
	gboolean	     have_last_instance;
	guint		     id_counter;
	guint		     n_completed;
	gchar		    *cr_url;
	GCancellable	    *cancellable;
};

enum {
	SIGNAL_TRANSCRIPT,
	SIGNAL_SESSION_STARTED,
	SIGNAL_SESSION_FINISHED,
	SIGNAL_RECORD_ADDED,
	SIGNAL_CONNECTION_REQUEST_DONE,
	SIGNAL_FINISHED,
	SIGNAL_LAST
};

static guint signals[SIGNAL_LAST] = {0};

G_DEFINE_TYPE(CwmpAcsSim, cwmp_acs_sim, G_TYPE_OBJECT)

/* what to do once the answer that ends a session has been written */
typedef enum {
	CWMP_ACS_SIM_AFTER_NONE = 0,
	CWMP_ACS_SIM_AFTER_CONNECTION_REQUEST,
	CWMP_ACS_SIM_AFTER_EXIT,
} CwmpAcsSimAfter;

static const gchar *cwmp_acs_sim_misbehave_names[] = {
    "none", "500", "503", "drop", "garbage", "8005", "slow", "redirect", "cookie",
};
G_STATIC_ASSERT(G_N_ELEMENTS(cwmp_acs_sim_misbehave_names) == CWMP_ACS_SIM_MISBEHAVE_LAST);

const gchar *
cwmp_acs_sim_misbehave_to_string(CwmpAcsSimMisbehave mode)
{
	if ((guint) mode >= CWMP_ACS_SIM_MISBEHAVE_LAST)
		return NULL;
	return cwmp_acs_sim_misbehave_names[mode];
}

gboolean
cwmp_acs_sim_misbehave_from_string(const gchar *str, CwmpAcsSimMisbehave *mode)
{
	for (guint i = 0; i < CWMP_ACS_SIM_MISBEHAVE_LAST; i++) {
		if (g_strcmp0(str, cwmp_acs_sim_misbehave_names[i]) == 0) {
			*mode = (CwmpAcsSimMisbehave) i;
			return TRUE;
		}
	}
	return FALSE;
}

void
cwmp_acs_sim_step_free(CwmpAcsSimStep *step)
{
	if (step == NULL)
		return;
	g_clear_pointer(&step->rpc, cwmp_rpc_unref);
	g_free(step->event);
	g_free(step);
}

static void
cwmp_acs_sim_record_free(CwmpAcsSimRecord *record)
{
	if (record == NULL)
		return;
	g_free(record->method);
	g_free(record->path);
	g_clear_pointer(&record->request, cwmp_rpc_unref);
	g_clear_pointer(&record->response, cwmp_rpc_unref);
	g_free(record->error);
	g_free(record->request_xml);
	g_free(record->response_xml);
	g_free(record);
}

static void
cwmp_acs_sim_session_free(CwmpAcsSimSession *session)
{
	g_clear_pointer(&session->inform, cwmp_rpc_unref);
	g_free(session->supported_versions);
	g_free(session);
}

static void
cwmp_acs_sim_rpc_result_free(CwmpAcsSimRpcResult *result)
{
	g_clear_pointer(&result->request, cwmp_rpc_unref);
	g_clear_pointer(&result->response, cwmp_rpc_unref);
	g_free(result);
}

static void
cwmp_acs_sim_delayed_free(CwmpAcsSimDelayed *delayed)
{
	g_clear_handle_id(&delayed->timeout_id, g_source_remove);
	g_clear_object(&delayed->msg);
	g_clear_pointer(&delayed->record, cwmp_acs_sim_record_free);
	g_clear_pointer(&delayed->body, g_bytes_unref);
	g_free(delayed);
}

/* transcript */

static void
cwmp_acs_sim_say(CwmpAcsSim *self, const gchar *format, ...) G_GNUC_PRINTF(2, 3);

static void
cwmp_acs_sim_say(CwmpAcsSim *self, const gchar *format, ...)
{
	va_list		  args;
	g_autofree gchar *text = NULL;
	gchar		 *line;

	va_start(args, format);
	text = g_strdup_vprintf(format, args);
	va_end(args);
	line = g_strconcat("[acs] ", text, NULL);
	g_ptr_array_add(self->transcript, line);
	g_signal_emit(self, signals[SIGNAL_TRANSCRIPT], 0, line);
}

static void
cwmp_acs_sim_say_events(GString *out, GPtrArray *events)
{
	for (guint i = 0; i < events->len; i++) {
		CwmpRpcEvent *event = g_ptr_array_index(events, i);
		if (i > 0)
			g_string_append(out, ", ");
		g_string_append(out, event->event_code);
		if (event->command_key != NULL && event->command_key[0] != '\0')
			g_string_append_printf(out, " [%s]", event->command_key);
	}
}

static const gchar *
cwmp_acs_sim_type_name(CwmpType type)
{
	return type == CWMP_TYPE_NONE ? "string" : cwmp_type_to_string(type);
}

/* a one-line description of an RPC (what follows "-> " or "<- ") */
static gchar *
cwmp_acs_sim_describe(const CwmpRpc *rpc)
{
	GString *out = g_string_new(cwmp_rpc_method_to_string(rpc->method));

	switch (rpc->method) {
	case CWMP_RPC_GET_PARAMETER_VALUES:
	case CWMP_RPC_GET_PARAMETER_ATTRIBUTES:
		for (guint i = 0; rpc->parameter_names.parameter_names != NULL &&
				  rpc->parameter_names.parameter_names[i] != NULL;
		     i++)
			g_string_append_printf(out, " %s", rpc->parameter_names.parameter_names[i]);
		break;
	case CWMP_RPC_SET_PARAMETER_VALUES:
		for (guint i = 0; i < rpc->set_parameter_values.parameter_list->len; i++) {
			CwmpRpcParamValue *pv =
			    g_ptr_array_index(rpc->set_parameter_values.parameter_list, i);
			g_string_append_printf(out, " %s=%s (%s)", pv->name, pv->value,
					       cwmp_acs_sim_type_name(pv->type));
		}
		if (rpc->set_parameter_values.parameter_key != NULL &&
		    rpc->set_parameter_values.parameter_key[0] != '\0')
			g_string_append_printf(out, " key %s",
					       rpc->set_parameter_values.parameter_key);
		break;
	case CWMP_RPC_GET_PARAMETER_NAMES:
		g_string_append_printf(out, " %s%s", rpc->get_parameter_names.parameter_path,
				       rpc->get_parameter_names.next_level ? " next-level" : "");
		break;
	case CWMP_RPC_SET_PARAMETER_ATTRIBUTES:
		for (guint i = 0; i < rpc->set_parameter_attributes.parameter_list->len; i++) {
			CwmpRpcSetParamAttr *attr =
			    g_ptr_array_index(rpc->set_parameter_attributes.parameter_list, i);
			g_string_append_printf(out, " %s", attr->name);
			if (attr->notification_change)
				g_string_append_printf(out, " notification=%d", attr->notification);
			if (attr->access_list_change) {
				g_autofree gchar *list =
				    g_strjoinv(",", attr->access_list != NULL
							? attr->access_list
							: (GStrv) (const gchar *[]){NULL});
				g_string_append_printf(out, " access=%s", list);
			}
		}
		break;
	case CWMP_RPC_ADD_OBJECT:
	case CWMP_RPC_DELETE_OBJECT:
		g_string_append_printf(out, " %s", rpc->object.object_name);
		break;
	case CWMP_RPC_REBOOT:
		if (rpc->command_key.command_key != NULL)
			g_string_append_printf(out, " %s", rpc->command_key.command_key);
		break;
	case CWMP_RPC_SCHEDULE_INFORM:
		g_string_append_printf(out, " %u", rpc->schedule_inform.delay_seconds);
		if (rpc->schedule_inform.command_key != NULL)
			g_string_append_printf(out, " %s", rpc->schedule_inform.command_key);
		break;
	case CWMP_RPC_SET_PARAMETER_VALUES_RESPONSE:
	case CWMP_RPC_DELETE_OBJECT_RESPONSE:
		g_string_append_printf(out, " status %d", rpc->status.status);
		break;
	case CWMP_RPC_ADD_OBJECT_RESPONSE:
		g_string_append_printf(out, " instance %u status %d",
				       rpc->add_object_response.instance_number,
				       rpc->add_object_response.status);
		break;
	case CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE:
		g_string_append_printf(out, " %u values",
				       rpc->parameter_value_list.parameter_list->len);
		break;
	case CWMP_RPC_GET_PARAMETER_NAMES_RESPONSE:
		g_string_append_printf(out, " %u names",
				       rpc->parameter_info_list.parameter_list->len);
		break;
	case CWMP_RPC_GET_PARAMETER_ATTRIBUTES_RESPONSE:
		g_string_append_printf(out, " %u attributes",
				       rpc->parameter_attribute_list.parameter_list->len);
		break;
	case CWMP_RPC_GET_RPC_METHODS_RESPONSE:
		for (guint i = 0; rpc->get_rpc_methods_response.method_list != NULL &&
				  rpc->get_rpc_methods_response.method_list[i] != NULL;
		     i++)
			g_string_append_printf(out, "%s%s", i == 0 ? " " : ", ",
					       rpc->get_rpc_methods_response.method_list[i]);
		break;
	case CWMP_RPC_FAULT:
		g_string_append_printf(out, " %u %s", rpc->fault.fault_code,
				       rpc->fault.fault_string != NULL ? rpc->fault.fault_string
								       : "");
		break;
	case CWMP_RPC_TRANSFER_COMPLETE:
		g_string_append_printf(out, " %s fault %u",
				       rpc->transfer_complete.command_key != NULL
					   ? rpc->transfer_complete.command_key
					   : "",
				       rpc->transfer_complete.fault_struct.fault_code);
		break;
	case CWMP_RPC_INFORM_RESPONSE:
		g_string_append_printf(out, " MaxEnvelopes %u", rpc->inform_response.max_envelopes);
		break;
	default:
		break;
	}
	return g_string_free(out, FALSE);
}

/* the item lines under a response: values, names, SPV faults */
static void
cwmp_acs_sim_say_items(CwmpAcsSim *self, const CwmpRpc *rpc)
{
	GPtrArray *list = NULL;
	guint	   shown;

	switch (rpc->method) {
	case CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE:
		list = rpc->parameter_value_list.parameter_list;
		break;
	case CWMP_RPC_GET_PARAMETER_NAMES_RESPONSE:
		list = rpc->parameter_info_list.parameter_list;
		break;
	case CWMP_RPC_GET_PARAMETER_ATTRIBUTES_RESPONSE:
		list = rpc->parameter_attribute_list.parameter_list;
		break;
	case CWMP_RPC_FAULT:
		list = rpc->fault.set_parameter_values_fault;
		break;
	default:
		return;
	}
	if (list == NULL)
		return;
	shown = MIN(list->len, CWMP_ACS_SIM_TRANSCRIPT_MAX_ITEMS);
	for (guint i = 0; i < shown; i++) {
		gpointer item = g_ptr_array_index(list, i);
		if (rpc->method == CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE) {
			CwmpRpcParamValue *pv = item;
			cwmp_acs_sim_say(self, "     %s = %s", pv->name, pv->value);
		} else if (rpc->method == CWMP_RPC_GET_PARAMETER_NAMES_RESPONSE) {
			CwmpRpcParamInfo *info = item;
			cwmp_acs_sim_say(self, "     %s%s", info->name,
					 info->writable ? " (writable)" : "");
		} else if (rpc->method == CWMP_RPC_GET_PARAMETER_ATTRIBUTES_RESPONSE) {
			CwmpRpcParamAttr *attr = item;
			cwmp_acs_sim_say(self, "     %s notification=%d", attr->name,
					 attr->notification);
		} else {
			CwmpRpcSpvFault *fault = item;
			cwmp_acs_sim_say(self, "     %s: %u %s", fault->parameter_name,
					 fault->fault_code,
					 fault->fault_string != NULL ? fault->fault_string : "");
		}
	}
	if (list->len > shown)
		cwmp_acs_sim_say(self, "     ... %u more", list->len - shown);
}

static void
cwmp_acs_sim_say_rpc(CwmpAcsSim *self, const gchar *arrow, const CwmpRpc *rpc)
{
	g_autofree gchar *text = cwmp_acs_sim_describe(rpc);
	cwmp_acs_sim_say(self, "%s %s", arrow, text);
	cwmp_acs_sim_say_items(self, rpc);
}

/* script parser */

static CwmpAcsSimStep *
cwmp_acs_sim_step_new(CwmpAcsSimStepKind kind, CwmpRpc *rpc, guint line)
{
	CwmpAcsSimStep *step = g_new0(CwmpAcsSimStep, 1);
	step->kind = kind;
	step->rpc = rpc;
	step->line = line;
	return step;
}

static gboolean
cwmp_acs_sim_parse_uint(const gchar *str, guint *value)
{
	guint64 v = 0;
	if (!g_ascii_string_to_unsigned(str, 10, 0, G_MAXUINT32, &v, NULL))
		return FALSE;
	*value = (guint) v;
	return TRUE;
}

static gboolean
cwmp_acs_sim_parse_nargs(gchar **argv, guint min, guint max, const gchar *usage, GError **error)
{
	guint n = g_strv_length(argv) - 1;
	if (n < min || n > max) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA, "usage: %s %s", argv[0],
			    usage);
		return FALSE;
	}
	return TRUE;
}

/* NAME=VALUE[:TYPE]; the suffix is a type only when it names one */
static CwmpRpcParamValue *
cwmp_acs_sim_parse_assignment(const gchar *arg, GError **error)
{
	const gchar	 *eq = strchr(arg, '=');
	const gchar	 *colon;
	g_autofree gchar *name = NULL;
	g_autofree gchar *value = NULL;
	CwmpType	  type = CWMP_TYPE_STRING;

	if (eq == NULL || eq == arg) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "'%s' is not NAME=VALUE[:TYPE]", arg);
		return NULL;
	}
	name = g_strndup(arg, eq - arg);
	value = g_strdup(eq + 1);
	colon = strrchr(value, ':');
	if (colon != NULL) {
		CwmpType t = cwmp_type_from_string(colon + 1);
		if (t != CWMP_TYPE_NONE) {
			type = t;
			value[colon - value] = '\0';
		}
	}
	return cwmp_rpc_param_value_new(name, value, type);
}

static CwmpAcsSimStep *
cwmp_acs_sim_parse_line(gchar **argv, guint line, GError **error)
{
	const gchar *cmd = argv[0];
	guint	     argc = g_strv_length(argv);
	g_autoptr(CwmpRpc) rpc = NULL;

	if (g_strcmp0(cmd, "GetParameterValues") == 0 ||
	    g_strcmp0(cmd, "GetParameterAttributes") == 0) {
		if (!cwmp_acs_sim_parse_nargs(argv, 1, G_MAXUINT, "PATH...", error))
			return NULL;
		rpc = cwmp_rpc_new(cwmp_rpc_method_from_string(cmd));
		rpc->parameter_names.parameter_names = g_strdupv(argv + 1);
	} else if (g_strcmp0(cmd, "SetParameterValues") == 0) {
		if (!cwmp_acs_sim_parse_nargs(argv, 1, G_MAXUINT, "NAME=VALUE[:TYPE]... [KEY]",
					      error))
			return NULL;
		rpc = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_VALUES);
		for (guint i = 1; i < argc; i++) {
			CwmpRpcParamValue *pv;
			if (i == argc - 1 && i > 1 && strchr(argv[i], '=') == NULL) {
				rpc->set_parameter_values.parameter_key = g_strdup(argv[i]);
				break;
			}
			pv = cwmp_acs_sim_parse_assignment(argv[i], error);
			if (pv == NULL)
				return NULL;
			g_ptr_array_add(rpc->set_parameter_values.parameter_list, pv);
		}
		if (rpc->set_parameter_values.parameter_key == NULL)
			rpc->set_parameter_values.parameter_key = g_strdup("");
	} else if (g_strcmp0(cmd, "GetParameterNames") == 0) {
		if (!cwmp_acs_sim_parse_nargs(argv, 1, 2, "PATH [next-level]", error))
			return NULL;
		rpc = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_NAMES);
		rpc->get_parameter_names.parameter_path = g_strdup(argv[1]);
		if (argc == 3) {
			if (g_strcmp0(argv[2], "next-level") == 0 ||
			    g_strcmp0(argv[2], "true") == 0) {
				rpc->get_parameter_names.next_level = TRUE;
			} else if (g_strcmp0(argv[2], "all") != 0 &&
				   g_strcmp0(argv[2], "false") != 0) {
				g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
					    "'%s' is not next-level, true, all or false", argv[2]);
				return NULL;
			}
		}
	} else if (g_strcmp0(cmd, "SetParameterAttributes") == 0) {
		CwmpRpcSetParamAttr *attr;
		if (!cwmp_acs_sim_parse_nargs(argv, 2, 3, "PATH [notification=N] [access=LIST]",
					      error))
			return NULL;
		rpc = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_ATTRIBUTES);
		attr = g_new0(CwmpRpcSetParamAttr, 1);
		attr->name = g_strdup(argv[1]);
		/* owned by the list from here on */
		g_ptr_array_add(rpc->set_parameter_attributes.parameter_list, attr);
		for (guint i = 2; i < argc; i++) {
			guint n;
			if (g_str_has_prefix(argv[i], "notification=") &&
			    cwmp_acs_sim_parse_uint(argv[i] + 13, &n) && n <= 6) {
				attr->notification_change = TRUE;
				attr->notification = (gint) n;
			} else if (g_str_has_prefix(argv[i], "access=")) {
				attr->access_list_change = TRUE;
				attr->access_list = argv[i][7] == '\0'
							? g_new0(gchar *, 1)
							: g_strsplit(argv[i] + 7, ",", -1);
			} else {
				g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
					    "'%s' is neither notification=0..6 nor access=LIST",
					    argv[i]);
				return NULL;
			}
		}
	} else if (g_strcmp0(cmd, "AddObject") == 0 || g_strcmp0(cmd, "DeleteObject") == 0) {
		if (!cwmp_acs_sim_parse_nargs(argv, 1, 2, "PATH. [KEY]", error))
			return NULL;
		if (!g_str_has_suffix(argv[1], ".")) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "object path '%s' does not end with a dot", argv[1]);
			return NULL;
		}
		rpc = cwmp_rpc_new(cmd[0] == 'A' ? CWMP_RPC_ADD_OBJECT : CWMP_RPC_DELETE_OBJECT);
		rpc->object.object_name = g_strdup(argv[1]);
		rpc->object.parameter_key = g_strdup(argc == 3 ? argv[2] : "");
	} else if (g_strcmp0(cmd, "GetRPCMethods") == 0 || g_strcmp0(cmd, "FactoryReset") == 0) {
		if (!cwmp_acs_sim_parse_nargs(argv, 0, 0, "", error))
			return NULL;
		rpc = cwmp_rpc_new(cwmp_rpc_method_from_string(cmd));
	} else if (g_strcmp0(cmd, "Reboot") == 0) {
		if (!cwmp_acs_sim_parse_nargs(argv, 0, 1, "[KEY]", error))
			return NULL;
		rpc = cwmp_rpc_new(CWMP_RPC_REBOOT);
		rpc->command_key.command_key = g_strdup(argc == 2 ? argv[1] : "");
	} else if (g_strcmp0(cmd, "ScheduleInform") == 0) {
		guint delay;
		if (!cwmp_acs_sim_parse_nargs(argv, 1, 2, "SECONDS [KEY]", error))
			return NULL;
		if (!cwmp_acs_sim_parse_uint(argv[1], &delay) || delay == 0) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "'%s' is not a delay in seconds above 0", argv[1]);
			return NULL;
		}
		rpc = cwmp_rpc_new(CWMP_RPC_SCHEDULE_INFORM);
		rpc->schedule_inform.delay_seconds = delay;
		rpc->schedule_inform.command_key = g_strdup(argc == 3 ? argv[2] : "");
	} else if (g_strcmp0(cmd, "ConnectionRequest") == 0) {
		if (!cwmp_acs_sim_parse_nargs(argv, 0, 0, "", error))
			return NULL;
		return cwmp_acs_sim_step_new(CWMP_ACS_SIM_STEP_CONNECTION_REQUEST, NULL, line);
	} else if (g_strcmp0(cmd, "WaitInform") == 0) {
		CwmpAcsSimStep *step =
		    cwmp_acs_sim_step_new(CWMP_ACS_SIM_STEP_WAIT_INFORM, NULL, line);
		/* event codes hold spaces: "6 CONNECTION REQUEST" */
		if (argc > 1)
			step->event = g_strjoinv(" ", argv + 1);
		return step;
	} else if (g_strcmp0(cmd, "Exit") == 0) {
		if (!cwmp_acs_sim_parse_nargs(argv, 0, 0, "", error))
			return NULL;
		return cwmp_acs_sim_step_new(CWMP_ACS_SIM_STEP_EXIT, NULL, line);
	} else {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA, "unknown command '%s'",
			    cmd);
		return NULL;
	}
	return cwmp_acs_sim_step_new(CWMP_ACS_SIM_STEP_RPC, g_steal_pointer(&rpc), line);
}

GPtrArray *
cwmp_acs_sim_parse_script(const gchar *text, const gchar *filename, GError **error)
{
	g_autoptr(GPtrArray) steps =
	    g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_acs_sim_step_free);
	g_auto(GStrv) lines = NULL;

	g_return_val_if_fail(text != NULL, NULL);

	if (filename == NULL)
		filename = "script";
	lines = g_strsplit(text, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		g_autoptr(GError) error_local = NULL;
		g_auto(GStrv) argv = NULL;
		CwmpAcsSimStep *step;
		gchar	       *line = g_strstrip(lines[i]);

		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (!g_shell_parse_argv(line, NULL, &argv, &error_local)) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA, "%s:%u: %s",
				    filename, i + 1, error_local->message);
			return NULL;
		}
		step = cwmp_acs_sim_parse_line(argv, i + 1, &error_local);
		if (step == NULL) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA, "%s:%u: %s",
				    filename, i + 1, error_local->message);
			return NULL;
		}
		g_ptr_array_add(steps, step);
	}
	return g_steal_pointer(&steps);
}

/* configuration */

gboolean
cwmp_acs_sim_set_tls(CwmpAcsSim	 *self,
		     const gchar *cert_file,
		     const gchar *key_file,
		     const gchar *client_ca_file,
		     GError	**error)
{
	g_autoptr(GTlsCertificate) cert = NULL;
	g_autoptr(GTlsDatabase) database = NULL;

	g_return_val_if_fail(CWMP_IS_ACS_SIM(self), FALSE);
	g_return_val_if_fail(cert_file != NULL && key_file != NULL, FALSE);
	g_return_val_if_fail(self->server == NULL, FALSE);

	cert = g_tls_certificate_new_from_files(cert_file, key_file, error);
	if (cert == NULL) {
		g_prefix_error(error, "failed to load %s and %s: ", cert_file, key_file);
		return FALSE;
	}
	if (client_ca_file != NULL) {
		/* GTlsFileDatabase wants an absolute path */
		g_autofree gchar *cwd = g_get_current_dir();
		g_autofree gchar *absolute = g_path_is_absolute(client_ca_file)
						 ? g_strdup(client_ca_file)
						 : g_build_filename(cwd, client_ca_file, NULL);
		database = g_tls_file_database_new(absolute, error);
		if (database == NULL) {
			g_prefix_error(error, "failed to load %s: ", client_ca_file);
			return FALSE;
		}
	}
	g_set_object(&self->tls_certificate, cert);
	g_set_object(&self->tls_database, database);
	return TRUE;
}

void
cwmp_acs_sim_set_auth(CwmpAcsSim    *self,
		      CwmpAcsSimAuth auth,
		      const gchar   *username,
		      const gchar   *password)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	g_return_if_fail(self->server == NULL);
	self->auth = auth;
	g_free(self->username);
	self->username = g_strdup(username != NULL ? username : "");
	g_free(self->password);
	self->password = g_strdup(password != NULL ? password : "");
}

void
cwmp_acs_sim_set_cr_credentials(CwmpAcsSim *self, const gchar *username, const gchar *password)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	g_free(self->cr_username);
	self->cr_username = g_strdup(username);
	g_free(self->cr_password);
	self->cr_password = g_strdup(password);
}

void
cwmp_acs_sim_set_misbehave(CwmpAcsSim *self, CwmpAcsSimMisbehave mode, guint n_sessions)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	g_return_if_fail((guint) mode < CWMP_ACS_SIM_MISBEHAVE_LAST);
	self->misbehave = mode;
	self->misbehave_sessions = n_sessions;
}

void
cwmp_acs_sim_set_delay(CwmpAcsSim *self, guint delay_ms)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	self->delay_ms = delay_ms;
}

void
cwmp_acs_sim_set_redirect(CwmpAcsSim *self, guint hops, guint status)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	g_return_if_fail(status == 301 || status == 302 || status == 303 || status == 307);
	self->redirect_hops = hops;
	self->redirect_status = status;
}

void
cwmp_acs_sim_set_end_status(CwmpAcsSim *self, guint status)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	g_return_if_fail(status == 200 || status == 204);
	self->end_status = status;
}

void
cwmp_acs_sim_set_use_cwmp_version(CwmpAcsSim *self, const gchar *version)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	g_free(self->use_cwmp_version);
	self->use_cwmp_version = g_strdup(version);
}

void
cwmp_acs_sim_set_max_version(CwmpAcsSim *self, CwmpSoapVersion version)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	g_return_if_fail(version < CWMP_SOAP_VERSION_LAST);
	self->max_version = version;
}

void
cwmp_acs_sim_set_hold_requests(CwmpAcsSim *self, gboolean hold_requests)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	self->hold_requests = hold_requests;
}

void
cwmp_acs_sim_set_record_xml(CwmpAcsSim *self, gboolean record_xml)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	self->record_xml = record_xml;
}

/* steps */

void
cwmp_acs_sim_queue_step(CwmpAcsSim *self, CwmpAcsSimStep *step)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	g_return_if_fail(step != NULL);
	g_return_if_fail(step->kind != CWMP_ACS_SIM_STEP_RPC || step->rpc != NULL);
	g_queue_push_tail(&self->steps, step);
}

void
cwmp_acs_sim_queue_rpc(CwmpAcsSim *self, CwmpRpc *rpc)
{
	g_return_if_fail(rpc != NULL && cwmp_rpc_method_is_request(rpc->method));
	cwmp_acs_sim_queue_step(self, cwmp_acs_sim_step_new(CWMP_ACS_SIM_STEP_RPC, rpc, 0));
}

void
cwmp_acs_sim_queue_connection_request(CwmpAcsSim *self)
{
	cwmp_acs_sim_queue_step(
	    self, cwmp_acs_sim_step_new(CWMP_ACS_SIM_STEP_CONNECTION_REQUEST, NULL, 0));
}

void
cwmp_acs_sim_queue_wait_inform(CwmpAcsSim *self, const gchar *event)
{
	CwmpAcsSimStep *step = cwmp_acs_sim_step_new(CWMP_ACS_SIM_STEP_WAIT_INFORM, NULL, 0);
	step->event = g_strdup(event);
	cwmp_acs_sim_queue_step(self, step);
}

void
cwmp_acs_sim_queue_exit(CwmpAcsSim *self)
{
	cwmp_acs_sim_queue_step(self, cwmp_acs_sim_step_new(CWMP_ACS_SIM_STEP_EXIT, NULL, 0));
}

gboolean
cwmp_acs_sim_load_script(CwmpAcsSim *self, const gchar *filename, GError **error)
{
	g_autofree gchar *text = NULL;
	g_autoptr(GPtrArray) steps = NULL;

	g_return_val_if_fail(CWMP_IS_ACS_SIM(self), FALSE);
	if (!g_file_get_contents(filename, &text, NULL, error))
		return FALSE;
	steps = cwmp_acs_sim_parse_script(text, filename, error);
	if (steps == NULL)
		return FALSE;
	for (guint i = 0; i < steps->len; i++)
		g_queue_push_tail(&self->steps, g_steal_pointer(&g_ptr_array_index(steps, i)));
	return TRUE;
}

guint
cwmp_acs_sim_get_n_pending_steps(CwmpAcsSim *self)
{
	g_return_val_if_fail(CWMP_IS_ACS_SIM(self), 0);
	return self->steps.length;
}

/* connection requests */

static gboolean
cwmp_acs_sim_cr_authenticate_cb(SoupMessage *msg,
				SoupAuth    *auth,
				gboolean     retrying,
				gpointer     user_data)
{
	CwmpAcsSim *self = CWMP_ACS_SIM(user_data);
	if (retrying || self->cr_username == NULL)
		return FALSE;
	soup_auth_authenticate(auth, self->cr_username,
			       self->cr_password != NULL ? self->cr_password : "");
	return TRUE;
}

typedef struct {
	GWeakRef	  self;
	CwmpAcsSimRecord *record;
} CwmpAcsSimCrData;

static void
cwmp_acs_sim_record_push(CwmpAcsSim *self, CwmpAcsSimRecord *record);

static void
cwmp_acs_sim_cr_done_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpAcsSimCrData *data = user_data;
	g_autoptr(CwmpAcsSim) self = g_weak_ref_get(&data->self);
	CwmpAcsSimRecord *record = data->record;
	SoupMessage	 *msg = soup_session_get_async_result_message(SOUP_SESSION(source), result);
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) body = NULL;
	guint status;

	g_weak_ref_clear(&data->self);
	g_free(data);
	body = soup_session_send_and_read_finish(SOUP_SESSION(source), result, &error);
	if (self == NULL) {
		/* the simulator is gone */
		cwmp_acs_sim_record_free(record);
		return;
	}
	record->response_time = g_get_real_time();
	if (body == NULL) {
		record->error = g_strdup(error->message);
		cwmp_acs_sim_say(self, "ConnectionRequest %s failed: %s", record->path,
				 error->message);
	} else {
		record->status = soup_message_get_status(msg);
		cwmp_acs_sim_say(self, "ConnectionRequest %s: %u %s", record->path, record->status,
				 soup_status_get_phrase(record->status));
	}
	status = record->status;
	cwmp_acs_sim_record_push(self, record);
	g_signal_emit(self, signals[SIGNAL_CONNECTION_REQUEST_DONE], 0, status);
}

void
cwmp_acs_sim_send_connection_request(CwmpAcsSim *self, const gchar *url)
{
	g_autoptr(SoupMessage) msg = NULL;
	g_autoptr(SoupSession) session = NULL;
	CwmpAcsSimRecord *record;
	CwmpAcsSimCrData *data;

	g_return_if_fail(CWMP_IS_ACS_SIM(self));

	if (url == NULL)
		url = self->cr_url;
	record = g_new0(CwmpAcsSimRecord, 1);
	record->kind = CWMP_ACS_SIM_RECORD_CONNECTION_REQUEST;
	record->session = self->sessions->len;
	record->request_time = g_get_real_time();
	record->method = g_strdup("GET");
	record->path = g_strdup(url != NULL ? url : "");
	if (url != NULL && url[0] != '\0')
		msg = soup_message_new("GET", url);
	if (msg == NULL) {
		record->response_time = record->request_time;
		record->error = g_strdup(url == NULL || url[0] == '\0' ? "no ConnectionRequestURL "
									 "known"
								       : "invalid "
									 "ConnectionRequestURL");
		cwmp_acs_sim_say(self, "ConnectionRequest %s failed: %s", record->path,
				 record->error);
		cwmp_acs_sim_record_push(self, record);
		g_signal_emit(self, signals[SIGNAL_CONNECTION_REQUEST_DONE], 0, 0u);
		return;
	}
	/* a session of its own: no credentials cached from an earlier request */
	session = soup_session_new_with_options("timeout", CWMP_ACS_SIM_CR_TIMEOUT, "user-agent",
						"cwmp-acs-sim", NULL);
	g_signal_connect_object(msg, "authenticate", G_CALLBACK(cwmp_acs_sim_cr_authenticate_cb),
				self, 0);
	data = g_new0(CwmpAcsSimCrData, 1);
	g_weak_ref_init(&data->self, self);
	data->record = record;
	soup_session_send_and_read_async(session, msg, G_PRIORITY_DEFAULT, self->cancellable,
					 cwmp_acs_sim_cr_done_cb, data);
}

/* records */

static void
cwmp_acs_sim_record_push(CwmpAcsSim *self, CwmpAcsSimRecord *record)
{
	g_ptr_array_add(self->records, record);
	g_signal_emit(self, signals[SIGNAL_RECORD_ADDED], 0, record);
}

static void
cwmp_acs_sim_answer_now(CwmpAcsSim	  *self,
			SoupServerMessage *msg,
			CwmpAcsSimRecord  *record,
			guint		   status,
			GBytes		  *body)
{
	gsize len = body != NULL ? g_bytes_get_size(body) : 0;

	soup_server_message_set_status(msg, status, NULL);
	if (len > 0) {
		soup_server_message_set_response(msg, "text/xml; charset=utf-8", SOUP_MEMORY_COPY,
						 g_bytes_get_data(body, NULL), len);
	} else if (status != SOUP_STATUS_NO_CONTENT) {
		soup_server_message_set_response(msg, "text/xml; charset=utf-8", SOUP_MEMORY_STATIC,
						 "", 0);
	}
	record->status = status;
	record->response_time = g_get_real_time();
	if (self->record_xml && len > 0)
		record->response_xml = g_strndup(g_bytes_get_data(body, NULL), len);
	cwmp_acs_sim_record_push(self, record);
}

static gboolean
cwmp_acs_sim_delayed_cb(gpointer user_data)
{
	CwmpAcsSimDelayed *delayed = user_data;
	CwmpAcsSim	  *self = delayed->self;

	delayed->timeout_id = 0;
	cwmp_acs_sim_answer_now(self, delayed->msg, g_steal_pointer(&delayed->record),
				delayed->status, delayed->body);
	soup_server_message_unpause(delayed->msg);
	g_ptr_array_remove(self->delayed, delayed);
	return G_SOURCE_REMOVE;
}

/* answers now, or after the delay in a slow session */
static void
cwmp_acs_sim_answer(CwmpAcsSim	      *self,
		    SoupServerMessage *msg,
		    CwmpAcsSimRecord  *record,
		    guint	       status,
		    GBytes	      *body)
{
	CwmpAcsSimDelayed *delayed;

	if (record->misbehave != CWMP_ACS_SIM_MISBEHAVE_SLOW || self->delay_ms == 0) {
		cwmp_acs_sim_answer_now(self, msg, record, status, body);
		return;
	}
	delayed = g_new0(CwmpAcsSimDelayed, 1);
	delayed->self = self;
	delayed->msg = g_object_ref(msg);
	delayed->record = record;
	delayed->status = status;
	delayed->body = body != NULL ? g_bytes_ref(body) : NULL;
	delayed->timeout_id = g_timeout_add(self->delay_ms, cwmp_acs_sim_delayed_cb, delayed);
	g_ptr_array_add(self->delayed, delayed);
	soup_server_message_pause(msg);
}

/* serializes @rpc in the session's version, with @id, and answers with it */
static void
cwmp_acs_sim_answer_rpc(CwmpAcsSim	  *self,
			SoupServerMessage *msg,
			CwmpAcsSimRecord  *record,
			guint		   status,
			CwmpRpc		  *rpc,
			const gchar	  *id,
			const gchar	  *use_cwmp_version)
{
	g_autoptr(CwmpSoapMessage) reply = NULL;
	g_autoptr(GBytes) body = NULL;
	g_autoptr(GError) error = NULL;

	reply = cwmp_soap_message_new(record->version, id, rpc);
	if (self->hold_requests) {
		reply->header.has_hold_requests = TRUE;
		reply->header.hold_requests = TRUE;
	}
	reply->header.use_cwmp_version = g_strdup(use_cwmp_version);
	body = cwmp_soap_message_serialize(reply, &error);
	if (body == NULL) {
		cwmp_acs_sim_say(self, "cannot serialize %s: %s",
				 cwmp_rpc_method_to_string(rpc->method), error->message);
		record->error = g_strdup(error->message);
		cwmp_acs_sim_answer(self, msg, record, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
		return;
	}
	record->response = cwmp_rpc_ref(rpc);
	cwmp_acs_sim_answer(self, msg, record, status, body);
}

/* sessions */

static void
cwmp_acs_sim_session_failed(CwmpAcsSim *self)
{
	CwmpAcsSimSession *session = self->current;
	if (session == NULL)
		return;
	self->current = NULL;
	self->outstanding = NULL;
	g_clear_pointer(&self->cookie, g_free);
	g_signal_emit(self, signals[SIGNAL_SESSION_FINISHED], 0, session->number, FALSE);
}

static void
cwmp_acs_sim_after_cb(SoupServerMessage *msg, gpointer user_data)
{
	CwmpAcsSim     *self = CWMP_ACS_SIM(user_data);
	CwmpAcsSimAfter after = GPOINTER_TO_UINT(g_object_get_data(G_OBJECT(msg), "cwmp-acs-sim-"
										  "after"));

	if (after == CWMP_ACS_SIM_AFTER_CONNECTION_REQUEST)
		cwmp_acs_sim_send_connection_request(self, NULL);
	else if (after == CWMP_ACS_SIM_AFTER_EXIT)
		g_signal_emit(self, signals[SIGNAL_FINISHED], 0);
}

/* the empty answer that ends the current session */
static void
cwmp_acs_sim_end_session(CwmpAcsSim	   *self,
			 SoupServerMessage *msg,
			 CwmpAcsSimRecord  *record,
			 CwmpAcsSimAfter    after)
{
	CwmpAcsSimSession *session = self->current;

	cwmp_acs_sim_say(self, "-> (empty, HTTP %u) session %u done", self->end_status,
			 session->number);
	session->completed = TRUE;
	self->current = NULL;
	self->outstanding = NULL;
	g_clear_pointer(&self->cookie, g_free);
	self->n_completed++;
	if (after != CWMP_ACS_SIM_AFTER_NONE) {
		g_object_set_data(G_OBJECT(msg), "cwmp-acs-sim-after", GUINT_TO_POINTER(after));
		g_signal_connect_object(msg, "finished", G_CALLBACK(cwmp_acs_sim_after_cb), self,
					0);
	}
	cwmp_acs_sim_answer(self, msg, record, self->end_status, NULL);
	g_signal_emit(self, signals[SIGNAL_SESSION_FINISHED], 0, session->number, TRUE);
}

/* replaces "{last}" with the instance number of the last AddObjectResponse */
static void
cwmp_acs_sim_expand(CwmpAcsSim *self, gchar **str)
{
	g_autofree gchar *number = NULL;
	g_auto(GStrv) parts = NULL;

	if (*str == NULL || strstr(*str, "{last}") == NULL)
		return;
	if (!self->have_last_instance) {
		cwmp_acs_sim_say(self, "warning: {last} used before any AddObjectResponse");
		return;
	}
	number = g_strdup_printf("%u", self->last_instance);
	parts = g_strsplit(*str, "{last}", -1);
	g_free(*str);
	*str = g_strjoinv(number, parts);
}

static void
cwmp_acs_sim_expand_rpc(CwmpAcsSim *self, CwmpRpc *rpc)
{
	switch (rpc->method) {
	case CWMP_RPC_GET_PARAMETER_VALUES:
	case CWMP_RPC_GET_PARAMETER_ATTRIBUTES:
		for (guint i = 0; rpc->parameter_names.parameter_names != NULL &&
				  rpc->parameter_names.parameter_names[i] != NULL;
		     i++)
			cwmp_acs_sim_expand(self, &rpc->parameter_names.parameter_names[i]);
		break;
	case CWMP_RPC_SET_PARAMETER_VALUES:
		for (guint i = 0; i < rpc->set_parameter_values.parameter_list->len; i++) {
			CwmpRpcParamValue *pv =
			    g_ptr_array_index(rpc->set_parameter_values.parameter_list, i);
			cwmp_acs_sim_expand(self, &pv->name);
		}
		break;
	case CWMP_RPC_SET_PARAMETER_ATTRIBUTES:
		for (guint i = 0; i < rpc->set_parameter_attributes.parameter_list->len; i++) {
			CwmpRpcSetParamAttr *attr =
			    g_ptr_array_index(rpc->set_parameter_attributes.parameter_list, i);
			cwmp_acs_sim_expand(self, &attr->name);
		}
		break;
	case CWMP_RPC_GET_PARAMETER_NAMES:
		cwmp_acs_sim_expand(self, &rpc->get_parameter_names.parameter_path);
		break;
	case CWMP_RPC_ADD_OBJECT:
	case CWMP_RPC_DELETE_OBJECT:
		cwmp_acs_sim_expand(self, &rpc->object.object_name);
		break;
	default:
		break;
	}
}

/* the CPE has nothing more to ask: send the next step's RPC or end the session */
static void
cwmp_acs_sim_next(CwmpAcsSim *self, SoupServerMessage *msg, CwmpAcsSimRecord *record)
{
	while (!self->waiting && self->steps.length > 0) {
		CwmpAcsSimStep	    *step = g_queue_pop_head(&self->steps);
		CwmpAcsSimAfter	     after = CWMP_ACS_SIM_AFTER_NONE;
		CwmpAcsSimRpcResult *result;
		g_autofree gchar    *id = NULL;
		CwmpRpc		    *rpc;

		switch (step->kind) {
		case CWMP_ACS_SIM_STEP_RPC:
			rpc = cwmp_rpc_ref(step->rpc);
			cwmp_acs_sim_step_free(step);
			cwmp_acs_sim_expand_rpc(self, rpc);
			if (!cwmp_rpc_method_in_version(rpc->method, record->version)) {
				cwmp_acs_sim_say(self, "skipping %s: not in CWMP %s",
						 cwmp_rpc_method_to_string(rpc->method),
						 cwmp_soap_version_to_string(record->version));
				cwmp_rpc_unref(rpc);
				continue;
			}
			result = g_new0(CwmpAcsSimRpcResult, 1);
			result->session = record->session;
			result->request = rpc;
			g_ptr_array_add(self->rpc_results, result);
			self->outstanding = result;
			id = g_strdup_printf("acs-%u", ++self->id_counter);
			cwmp_acs_sim_say_rpc(self, "->", rpc);
			cwmp_acs_sim_answer_rpc(self, msg, record, SOUP_STATUS_OK, rpc, id, NULL);
			return;
		case CWMP_ACS_SIM_STEP_CONNECTION_REQUEST: {
			CwmpAcsSimStep *next = g_queue_peek_head(&self->steps);
			after = CWMP_ACS_SIM_AFTER_CONNECTION_REQUEST;
			self->waiting = TRUE;
			g_clear_pointer(&self->wait_event, g_free);
			/* "ConnectionRequest" then "WaitInform EVENT": one wait, for the
			 * session the request starts */
			if (next != NULL && next->kind == CWMP_ACS_SIM_STEP_WAIT_INFORM) {
				g_queue_pop_head(&self->steps);
				self->wait_event = g_strdup(next->event);
				cwmp_acs_sim_step_free(next);
			}
			break;
		}
		case CWMP_ACS_SIM_STEP_WAIT_INFORM:
			self->waiting = TRUE;
			g_free(self->wait_event);
			self->wait_event = g_strdup(step->event);
			break;
		case CWMP_ACS_SIM_STEP_EXIT:
			after = CWMP_ACS_SIM_AFTER_EXIT;
			break;
		}
		cwmp_acs_sim_step_free(step);
		cwmp_acs_sim_end_session(self, msg, record, after);
		return;
	}
	cwmp_acs_sim_end_session(self, msg, record, CWMP_ACS_SIM_AFTER_NONE);
}

static gboolean
cwmp_acs_sim_inform_has_event(const CwmpRpc *inform, const gchar *event_code)
{
	for (guint i = 0; i < inform->inform.event->len; i++) {
		CwmpRpcEvent *event = g_ptr_array_index(inform->inform.event, i);
		if (g_strcmp0(event->event_code, event_code) == 0)
			return TRUE;
	}
	return FALSE;
}

/* the hop number of a redirect path, 0 for any other path */
static guint
cwmp_acs_sim_hop_from_path(const gchar *path)
{
	guint hop = 0;
	if (!g_str_has_prefix(path, CWMP_ACS_SIM_PATH "/hop/"))
		return 0;
	if (!cwmp_acs_sim_parse_uint(path + strlen(CWMP_ACS_SIM_PATH "/hop/"), &hop))
		return 0;
	return hop;
}

static CwmpSoapVersion
cwmp_acs_sim_pick_version(CwmpAcsSim *self, CwmpSoapMessage *request)
{
	CwmpSoapVersion version = MIN(request->version, self->max_version);
	guint		mask;

	if (self->use_cwmp_version != NULL &&
	    cwmp_soap_version_from_string(self->use_cwmp_version, &version))
		return version;
	mask = cwmp_soap_version_mask_from_string(request->header.supported_cwmp_versions);
	mask &= (1u << (self->max_version + 1)) - 1;
	if (mask != 0)
		cwmp_soap_version_mask_highest(mask, &version);
	return version;
}

static void
cwmp_acs_sim_handle_inform(CwmpAcsSim	     *self,
			   SoupServerMessage *msg,
			   CwmpAcsSimRecord  *record,
			   CwmpSoapMessage   *request,
			   const gchar	     *path)
{
	CwmpRpc		  *inform = request->rpc;
	CwmpAcsSimSession *session;
	guint		   hop = cwmp_acs_sim_hop_from_path(path);
	g_autoptr(GString) line = g_string_new(NULL);
	g_autoptr(CwmpRpc) reply = NULL;

	record->kind = CWMP_ACS_SIM_RECORD_INFORM;
	if (hop > 0 && self->current != NULL &&
	    self->current->misbehave == CWMP_ACS_SIM_MISBEHAVE_REDIRECT &&
	    self->current->inform == NULL) {
		/* the same session, further down the redirect chain */
		session = self->current;
	} else {
		/* a new session; one left open is abandoned */
		cwmp_acs_sim_session_failed(self);
		session = g_new0(CwmpAcsSimSession, 1);
		session->number = self->sessions->len + 1;
		g_ptr_array_add(self->sessions, session);
		if (self->misbehave != CWMP_ACS_SIM_MISBEHAVE_NONE &&
		    (self->misbehave_sessions == 0 || session->number <= self->misbehave_sessions))
			session->misbehave = self->misbehave;
		self->current = session;
	}
	record->session = session->number;
	record->misbehave = session->misbehave;

	if (session->misbehave == CWMP_ACS_SIM_MISBEHAVE_REDIRECT && hop < self->redirect_hops) {
		g_autofree gchar *location = g_strdup_printf(CWMP_ACS_SIM_PATH "/hop/%u", hop + 1);
		cwmp_acs_sim_say(self, "Inform (session %u) at %s: redirect %u to %s",
				 session->number, path, self->redirect_status, location);
		soup_server_message_set_redirect(msg, self->redirect_status, location);
		record->status = self->redirect_status;
		record->response_time = g_get_real_time();
		cwmp_acs_sim_record_push(self, record);
		return;
	}

	session->inform = cwmp_rpc_ref(inform);
	session->inform_version = request->version;
	session->supported_versions = g_strdup(request->header.supported_cwmp_versions);
	session->version = cwmp_acs_sim_pick_version(self, request);
	record->version = session->version;
	if (inform->inform.parameter_list != NULL) {
		for (guint i = 0; i < inform->inform.parameter_list->len; i++) {
			CwmpRpcParamValue *pv = g_ptr_array_index(inform->inform.parameter_list, i);
			if (g_str_has_suffix(pv->name, ".ManagementServer.ConnectionRequestURL")) {
				g_free(self->cr_url);
				self->cr_url = g_strdup(pv->value);
			}
		}
	}

	g_string_append_printf(line, "Inform (session %u)  events: ", session->number);
	cwmp_acs_sim_say_events(line, inform->inform.event);
	g_string_append_printf(line, "  RetryCount %u  cwmp %s", inform->inform.retry_count,
			       cwmp_soap_version_to_string(session->version));
	if (inform->inform.device_id.serial_number != NULL)
		g_string_append_printf(
		    line, "  from %s-%s",
		    inform->inform.device_id.oui != NULL ? inform->inform.device_id.oui : "",
		    inform->inform.device_id.serial_number);
	cwmp_acs_sim_say(self, "%s", line->str);
	g_signal_emit(self, signals[SIGNAL_SESSION_STARTED], 0, session->number);

	switch (session->misbehave) {
	case CWMP_ACS_SIM_MISBEHAVE_HTTP_500:
	case CWMP_ACS_SIM_MISBEHAVE_HTTP_503: {
		guint status = session->misbehave == CWMP_ACS_SIM_MISBEHAVE_HTTP_500 ? 500 : 503;
		cwmp_acs_sim_say(self, "-> HTTP %u (misbehaving)", status);
		if (status == 503)
			soup_message_headers_replace(soup_server_message_get_response_headers(msg),
						     "Retry-After", "1");
		cwmp_acs_sim_session_failed(self);
		cwmp_acs_sim_answer(self, msg, record, status, NULL);
		return;
	}
	case CWMP_ACS_SIM_MISBEHAVE_DROP: {
		g_autoptr(GIOStream) stream = NULL;
		cwmp_acs_sim_say(self, "-> connection dropped (misbehaving)");
		cwmp_acs_sim_session_failed(self);
		record->response_time = g_get_real_time();
		record->error = g_strdup("connection dropped");
		cwmp_acs_sim_record_push(self, record);
		stream = soup_server_message_steal_connection(msg);
		if (stream != NULL)
			g_io_stream_close(stream, NULL, NULL);
		return;
	}
	case CWMP_ACS_SIM_MISBEHAVE_GARBAGE: {
		static const gchar garbage[] = "<<<cwmp-acs-sim garbage \x01\x02 not XML &&&";
		g_autoptr(GBytes) body = g_bytes_new_static(garbage, sizeof(garbage) - 1);
		cwmp_acs_sim_say(self, "-> garbage body (misbehaving)");
		cwmp_acs_sim_session_failed(self);
		cwmp_acs_sim_answer(self, msg, record, SOUP_STATUS_OK, body);
		return;
	}
	case CWMP_ACS_SIM_MISBEHAVE_FAULT_8005:
		reply = cwmp_rpc_new_fault(8005, "Retry request");
		cwmp_acs_sim_say_rpc(self, "-> (misbehaving)", reply);
		cwmp_acs_sim_session_failed(self);
		cwmp_acs_sim_answer_rpc(self, msg, record, SOUP_STATUS_INTERNAL_SERVER_ERROR, reply,
					request->header.id, NULL);
		return;
	case CWMP_ACS_SIM_MISBEHAVE_COOKIE: {
		g_autofree gchar *cookie = NULL;
		g_clear_pointer(&self->cookie, g_free);
		self->cookie = g_strdup_printf("%08x%08x", g_random_int(), g_random_int());
		cookie = g_strdup_printf(CWMP_ACS_SIM_COOKIE_NAME "=%s; Path=/", self->cookie);
		soup_message_headers_append(soup_server_message_get_response_headers(msg),
					    "Set-Cookie", cookie);
		break;
	}
	default:
		break;
	}

	if (self->waiting &&
	    (self->wait_event == NULL || cwmp_acs_sim_inform_has_event(inform, self->wait_event))) {
		self->waiting = FALSE;
		g_clear_pointer(&self->wait_event, g_free);
	}
	reply = cwmp_rpc_new(CWMP_RPC_INFORM_RESPONSE);
	reply->inform_response.max_envelopes = 1;
	cwmp_acs_sim_say_rpc(self, "->", reply);
	cwmp_acs_sim_answer_rpc(self, msg, record, SOUP_STATUS_OK, reply, request->header.id,
				self->use_cwmp_version);
}

/* a CPE request other than Inform (TransferComplete, GetRPCMethods, ...) */
static CwmpRpc *
cwmp_acs_sim_make_answer(CwmpAcsSim *self, const CwmpRpc *request, CwmpSoapVersion version)
{
	CwmpRpc *reply;

	if (cwmp_rpc_method_is_cpe_method(request->method) &&
	    request->method != CWMP_RPC_GET_RPC_METHODS)
		return cwmp_rpc_new_fault(8000, "Method not supported");
	reply = cwmp_rpc_new(cwmp_rpc_method_get_response(request->method));
	if (request->method == CWMP_RPC_GET_RPC_METHODS) {
		static const CwmpRpcMethod acs_methods[] = {
		    CWMP_RPC_INFORM,
		    CWMP_RPC_GET_RPC_METHODS,
		    CWMP_RPC_TRANSFER_COMPLETE,
		    CWMP_RPC_AUTONOMOUS_TRANSFER_COMPLETE,
		    CWMP_RPC_DU_STATE_CHANGE_COMPLETE,
		    CWMP_RPC_AUTONOMOUS_DU_STATE_CHANGE_COMPLETE,
		    CWMP_RPC_REQUEST_DOWNLOAD,
		};
		g_autoptr(GStrvBuilder) builder = g_strv_builder_new();
		for (guint i = 0; i < G_N_ELEMENTS(acs_methods); i++) {
			if (cwmp_rpc_method_in_version(acs_methods[i], version))
				g_strv_builder_add(builder,
						   cwmp_rpc_method_to_string(acs_methods[i]));
		}
		reply->get_rpc_methods_response.method_list = g_strv_builder_end(builder);
	} else if (request->method == CWMP_RPC_KICKED) {
		reply->kicked_response.next_url =
		    g_strdup(request->kicked.next != NULL ? request->kicked.next : "");
	}
	return reply;
}

static gboolean
cwmp_acs_sim_has_cookie(CwmpAcsSim *self, SoupServerMessage *msg)
{
	const gchar *header =
	    soup_message_headers_get_list(soup_server_message_get_request_headers(msg), "Cookie");
	g_autoptr(GHashTable) cookies = NULL;

	if (header == NULL || self->cookie == NULL)
		return FALSE;
	cookies = soup_header_parse_semi_param_list(header);
	return g_strcmp0(g_hash_table_lookup(cookies, CWMP_ACS_SIM_COOKIE_NAME), self->cookie) == 0;
}

static void
cwmp_acs_sim_handle_in_session(CwmpAcsSim	 *self,
			       SoupServerMessage *msg,
			       CwmpAcsSimRecord	 *record,
			       CwmpSoapMessage	 *request)
{
	CwmpAcsSimSession *session = self->current;
	CwmpRpc		  *rpc = request != NULL ? request->rpc : NULL;

	record->session = session->number;
	record->version = session->version;
	record->misbehave = session->misbehave;

	if (session->misbehave == CWMP_ACS_SIM_MISBEHAVE_COOKIE &&
	    !cwmp_acs_sim_has_cookie(self, msg)) {
		cwmp_acs_sim_say(self, "-> HTTP 403: the session cookie is missing");
		record->error = g_strdup("session cookie missing");
		cwmp_acs_sim_session_failed(self);
		cwmp_acs_sim_answer(self, msg, record, SOUP_STATUS_FORBIDDEN, NULL);
		return;
	}

	if (rpc == NULL || rpc->method == CWMP_RPC_EMPTY) {
		cwmp_acs_sim_say(self, "<- (empty)");
		if (self->outstanding != NULL) {
			cwmp_acs_sim_say(
			    self, "warning: no answer to %s",
			    cwmp_rpc_method_to_string(self->outstanding->request->method));
			self->outstanding = NULL;
		}
		cwmp_acs_sim_next(self, msg, record);
		return;
	}
	if (rpc->method == CWMP_RPC_FAULT || !cwmp_rpc_method_is_request(rpc->method)) {
		cwmp_acs_sim_say_rpc(self, "<-", rpc);
		if (self->outstanding == NULL) {
			cwmp_acs_sim_say(self, "warning: %s answers no request",
					 cwmp_rpc_method_to_string(rpc->method));
		} else {
			if (rpc->method != CWMP_RPC_FAULT &&
			    rpc->method !=
				cwmp_rpc_method_get_response(self->outstanding->request->method))
				cwmp_acs_sim_say(
				    self, "warning: %s does not answer %s",
				    cwmp_rpc_method_to_string(rpc->method),
				    cwmp_rpc_method_to_string(self->outstanding->request->method));
			self->outstanding->response = cwmp_rpc_ref(rpc);
			self->outstanding = NULL;
		}
		if (rpc->method == CWMP_RPC_ADD_OBJECT_RESPONSE) {
			self->last_instance = rpc->add_object_response.instance_number;
			self->have_last_instance = TRUE;
		}
		cwmp_acs_sim_next(self, msg, record);
		return;
	}

	/* a request of the CPE */
	{
		g_autoptr(CwmpRpc) reply = cwmp_acs_sim_make_answer(self, rpc, session->version);
		cwmp_acs_sim_say_rpc(self, "<-", rpc);
		cwmp_acs_sim_say_rpc(self, "->", reply);
		cwmp_acs_sim_answer_rpc(self, msg, record,
					reply->method == CWMP_RPC_FAULT
					    ? SOUP_STATUS_INTERNAL_SERVER_ERROR
					    : SOUP_STATUS_OK,
					reply, request->header.id, NULL);
	}
}

static void
cwmp_acs_sim_request_cb(SoupServer	  *server,
			SoupServerMessage *msg,
			const gchar	  *path,
			GHashTable	  *query,
			gpointer	   user_data)
{
	CwmpAcsSim	    *self = CWMP_ACS_SIM(user_data);
	CwmpSoapParseOptions options = {0};
	g_autoptr(CwmpSoapMessage) request = NULL;
	g_autoptr(CwmpSoapMessage) partial = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) body = NULL;
	CwmpAcsSimRecord *record;
	const gchar	 *data;
	gsize		  len;

	record = g_new0(CwmpAcsSimRecord, 1);
	record->kind = CWMP_ACS_SIM_RECORD_EXCHANGE;
	record->request_time = g_get_real_time();
	record->method = g_strdup(soup_server_message_get_method(msg));
	record->path = g_strdup(path);
	record->version = self->current != NULL ? self->current->version : CWMP_SOAP_VERSION_1_0;

	if (g_strcmp0(record->method, "POST") != 0) {
		record->error = g_strdup("not a POST");
		soup_message_headers_replace(soup_server_message_get_response_headers(msg), "Allow",
					     "POST");
		cwmp_acs_sim_answer_now(self, msg, record, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
		return;
	}

	body = soup_message_body_flatten(soup_server_message_get_request_body(msg));
	data = g_bytes_get_data(body, &len);
	g_debug(
	    "%s %s: %" G_GSIZE_FORMAT " bytes, Content-Length %" G_GINT64_FORMAT, record->method,
	    path, len,
	    soup_message_headers_get_content_length(soup_server_message_get_request_headers(msg)));
	if (self->record_xml && len > 0)
		record->request_xml = g_strndup(data, len);
	options.default_version = record->version;
	request = cwmp_soap_message_parse(data, len, &options, &partial, &error);
	if (request == NULL) {
		cwmp_acs_sim_say(self, "<- unparsable message: %s", error->message);
		record->error = g_strdup(error->message);
		cwmp_acs_sim_answer_now(self, msg, record, SOUP_STATUS_BAD_REQUEST, NULL);
		return;
	}
	if (request->rpc->method != CWMP_RPC_EMPTY)
		record->request = cwmp_rpc_ref(request->rpc);

	if (request->rpc->method == CWMP_RPC_INFORM) {
		cwmp_acs_sim_handle_inform(self, msg, record, request, path);
		return;
	}
	if (self->current == NULL || self->current->inform == NULL) {
		cwmp_acs_sim_say(self, "<- %s outside a session: HTTP 403",
				 request->rpc->method == CWMP_RPC_EMPTY
				     ? "(empty)"
				     : cwmp_rpc_method_to_string(request->rpc->method));
		record->error = g_strdup("no Inform opened a session");
		cwmp_acs_sim_answer_now(self, msg, record, SOUP_STATUS_FORBIDDEN, NULL);
		return;
	}
	cwmp_acs_sim_handle_in_session(self, msg, record, request);
}

/* authentication */

static gboolean
cwmp_acs_sim_basic_auth_cb(SoupAuthDomain    *domain,
			   SoupServerMessage *msg,
			   const gchar	     *username,
			   const gchar	     *password,
			   gpointer	      user_data)
{
	CwmpAcsSim *self = CWMP_ACS_SIM(user_data);
	return g_strcmp0(username, self->username) == 0 && g_strcmp0(password, self->password) == 0;
}

static gchar *
cwmp_acs_sim_digest_auth_cb(SoupAuthDomain    *domain,
			    SoupServerMessage *msg,
			    const gchar	      *username,
			    gpointer	       user_data)
{
	CwmpAcsSim *self = CWMP_ACS_SIM(user_data);
	if (g_strcmp0(username, self->username) != 0)
		return NULL;
	return soup_auth_domain_digest_encode_password(username, CWMP_ACS_SIM_REALM,
						       self->password);
}

/*
 * mTLS: libsoup emits accept-certificate on the message for every client
 * certificate, already checked against the tls-database, and refuses it
 * unless a handler accepts; accept exactly the ones that verified
 */
static gboolean
cwmp_acs_sim_accept_certificate_cb(SoupServerMessage   *msg,
				   GTlsCertificate     *certificate,
				   GTlsCertificateFlags errors,
				   gpointer		user_data)
{
	CwmpAcsSim *self = CWMP_ACS_SIM(user_data);
	if (errors != 0)
		cwmp_acs_sim_say(self, "client certificate refused (errors 0x%x)", errors);
	return errors == 0;
}

static void
cwmp_acs_sim_request_started_cb(SoupServer *server, SoupServerMessage *msg, gpointer user_data)
{
	g_signal_connect_object(msg, "accept-certificate",
				G_CALLBACK(cwmp_acs_sim_accept_certificate_cb), user_data, 0);
}

/* lifecycle */

gboolean
cwmp_acs_sim_start(CwmpAcsSim *self, const gchar *address, guint port, GError **error)
{
	g_autoptr(SoupServer) server = NULL;
	g_autoptr(GInetAddress) inet = NULL;
	g_autoptr(GSocketAddress) sockaddr = NULL;
	GSList *listeners;

	g_return_val_if_fail(CWMP_IS_ACS_SIM(self), FALSE);
	g_return_val_if_fail(self->server == NULL, FALSE);

	if (address == NULL)
		address = "127.0.0.1";
	inet = g_inet_address_new_from_string(address);
	if (inet == NULL || port > G_MAXUINT16) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "'%s' port %u is not an address to listen on", address, port);
		return FALSE;
	}
	server = soup_server_new("server-header", "cwmp-acs-sim", NULL);
	if (self->tls_certificate != NULL) {
		g_object_set(server, "tls-certificate", self->tls_certificate, NULL);
		if (self->tls_database != NULL) {
			g_object_set(server, "tls-database", self->tls_database, "tls-auth-mode",
				     G_TLS_AUTHENTICATION_REQUIRED, NULL);
			g_signal_connect_object(server, "request-started",
						G_CALLBACK(cwmp_acs_sim_request_started_cb), self,
						0);
		}
	}
	if (self->auth != CWMP_ACS_SIM_AUTH_NONE) {
		g_autoptr(SoupAuthDomain) domain = NULL;
		if (self->auth == CWMP_ACS_SIM_AUTH_BASIC) {
			domain = soup_auth_domain_basic_new("realm", CWMP_ACS_SIM_REALM, NULL);
			soup_auth_domain_basic_set_auth_callback(domain, cwmp_acs_sim_basic_auth_cb,
								 self, NULL);
		} else {
			domain = soup_auth_domain_digest_new("realm", CWMP_ACS_SIM_REALM, NULL);
			soup_auth_domain_digest_set_auth_callback(
			    domain, cwmp_acs_sim_digest_auth_cb, self, NULL);
		}
		soup_auth_domain_add_path(domain, "/");
		soup_server_add_auth_domain(server, domain);
	}
	soup_server_add_handler(server, NULL, cwmp_acs_sim_request_cb, self, NULL);
	sockaddr = g_inet_socket_address_new(inet, port);
	if (!soup_server_listen(server, sockaddr,
				self->tls_certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0,
				error)) {
		g_prefix_error(error, "failed to listen on %s port %u: ", address, port);
		return FALSE;
	}
	/* the port from the socket: soup_server_get_uris() leaks in libsoup 3.2 */
	listeners = soup_server_get_listeners(server);
	self->port = port;
	if (listeners != NULL) {
		g_autoptr(GSocketAddress) local =
		    g_socket_get_local_address(G_SOCKET(listeners->data), NULL);
		if (local != NULL)
			self->port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(local));
	}
	g_slist_free(listeners);
	g_free(self->address);
	self->address = g_inet_address_to_string(inet);
	self->server = g_steal_pointer(&server);
	return TRUE;
}

void
cwmp_acs_sim_stop(CwmpAcsSim *self)
{
	g_return_if_fail(CWMP_IS_ACS_SIM(self));
	g_ptr_array_set_size(self->delayed, 0);
	if (self->server != NULL) {
		soup_server_disconnect(self->server);
		g_clear_object(&self->server);
	}
	self->port = 0;
}

guint
cwmp_acs_sim_get_port(CwmpAcsSim *self)
{
	g_return_val_if_fail(CWMP_IS_ACS_SIM(self), 0);
	return self->port;
}

gchar *
cwmp_acs_sim_get_url(CwmpAcsSim *self)
{
	g_return_val_if_fail(CWMP_IS_ACS_SIM(self), NULL);
	if (self->server == NULL)
		return NULL;
	return g_strdup_printf("%s://%s%s%s:%u" CWMP_ACS_SIM_PATH,
			       self->tls_certificate != NULL ? "https" : "http",
			       strchr(self->address, ':') != NULL ? "[" : "", self->address,
			       strchr(self->address, ':') != NULL ? "]" : "", self->port);
}

GPtrArray *
cwmp_acs_sim_get_records(CwmpAcsSim *self)
{
	g_return_val_if_fail(CWMP_IS_ACS_SIM(self), NULL);
	return self->records;
}

GPtrArray *
cwmp_acs_sim_get_sessions(CwmpAcsSim *self)
{
	g_return_val_if_fail(CWMP_IS_ACS_SIM(self), NULL);
	return self->sessions;
}

GPtrArray *
cwmp_acs_sim_get_rpc_results(CwmpAcsSim *self)
{
	g_return_val_if_fail(CWMP_IS_ACS_SIM(self), NULL);
	return self->rpc_results;
}

guint
cwmp_acs_sim_get_n_completed_sessions(CwmpAcsSim *self)
{
	g_return_val_if_fail(CWMP_IS_ACS_SIM(self), 0);
	return self->n_completed;
}

GPtrArray *
cwmp_acs_sim_get_transcript(CwmpAcsSim *self)
{
	g_return_val_if_fail(CWMP_IS_ACS_SIM(self), NULL);
	return self->transcript;
}

/* JSON */

static void
cwmp_acs_sim_json_string(JsonBuilder *builder, const gchar *member, const gchar *value)
{
	json_builder_set_member_name(builder, member);
	if (value == NULL)
		json_builder_add_null_value(builder);
	else
		json_builder_add_string_value(builder, value);
}

static void
cwmp_acs_sim_json_rpc(JsonBuilder *builder, const gchar *member, const CwmpRpc *rpc)
{
	g_autofree gchar *summary = NULL;

	json_builder_set_member_name(builder, member);
	if (rpc == NULL) {
		json_builder_add_null_value(builder);
		return;
	}
	summary = cwmp_acs_sim_describe(rpc);
	json_builder_begin_object(builder);
	cwmp_acs_sim_json_string(builder, "method", cwmp_rpc_method_to_string(rpc->method));
	cwmp_acs_sim_json_string(builder, "summary", summary);
	switch (rpc->method) {
	case CWMP_RPC_INFORM:
		json_builder_set_member_name(builder, "events");
		json_builder_begin_array(builder);
		for (guint i = 0; i < rpc->inform.event->len; i++) {
			CwmpRpcEvent *event = g_ptr_array_index(rpc->inform.event, i);
			json_builder_begin_object(builder);
			cwmp_acs_sim_json_string(builder, "code", event->event_code);
			cwmp_acs_sim_json_string(builder, "command_key", event->command_key);
			json_builder_end_object(builder);
		}
		json_builder_end_array(builder);
		json_builder_set_member_name(builder, "retry_count");
		json_builder_add_int_value(builder, rpc->inform.retry_count);
		cwmp_acs_sim_json_string(builder, "serial_number",
					 rpc->inform.device_id.serial_number);
		break;
	case CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE:
		json_builder_set_member_name(builder, "values");
		json_builder_begin_object(builder);
		for (guint i = 0; i < rpc->parameter_value_list.parameter_list->len; i++) {
			CwmpRpcParamValue *pv =
			    g_ptr_array_index(rpc->parameter_value_list.parameter_list, i);
			json_builder_set_member_name(builder, pv->name);
			json_builder_add_string_value(builder, pv->value);
		}
		json_builder_end_object(builder);
		break;
	case CWMP_RPC_GET_PARAMETER_NAMES_RESPONSE:
		json_builder_set_member_name(builder, "names");
		json_builder_begin_array(builder);
		for (guint i = 0; i < rpc->parameter_info_list.parameter_list->len; i++) {
			CwmpRpcParamInfo *info =
			    g_ptr_array_index(rpc->parameter_info_list.parameter_list, i);
			json_builder_add_string_value(builder, info->name);
		}
		json_builder_end_array(builder);
		break;
	case CWMP_RPC_ADD_OBJECT_RESPONSE:
		json_builder_set_member_name(builder, "instance");
		json_builder_add_int_value(builder, rpc->add_object_response.instance_number);
		break;
	case CWMP_RPC_FAULT:
		json_builder_set_member_name(builder, "fault_code");
		json_builder_add_int_value(builder, rpc->fault.fault_code);
		break;
	default:
		break;
	}
	json_builder_end_object(builder);
}

gchar *
cwmp_acs_sim_record_to_json(const CwmpAcsSimRecord *record)
{
	static const gchar *kinds[] = {"inform", "exchange", "connection-request"};
	g_autoptr(JsonBuilder) builder = json_builder_new();
	g_autoptr(JsonGenerator) generator = json_generator_new();
	g_autoptr(JsonNode) root = NULL;

	g_return_val_if_fail(record != NULL, NULL);

	json_builder_begin_object(builder);
	cwmp_acs_sim_json_string(builder, "kind", kinds[record->kind]);
	json_builder_set_member_name(builder, "session");
	json_builder_add_int_value(builder, record->session);
	json_builder_set_member_name(builder, "request_time");
	json_builder_add_int_value(builder, record->request_time);
	json_builder_set_member_name(builder, "response_time");
	json_builder_add_int_value(builder, record->response_time);
	cwmp_acs_sim_json_string(builder, "method", record->method);
	cwmp_acs_sim_json_string(builder, "path", record->path);
	json_builder_set_member_name(builder, "status");
	json_builder_add_int_value(builder, record->status);
	cwmp_acs_sim_json_string(builder, "version", cwmp_soap_version_to_string(record->version));
	cwmp_acs_sim_json_string(builder, "misbehave",
				 cwmp_acs_sim_misbehave_to_string(record->misbehave));
	cwmp_acs_sim_json_rpc(builder, "request", record->request);
	cwmp_acs_sim_json_rpc(builder, "response", record->response);
	cwmp_acs_sim_json_string(builder, "error", record->error);
	if (record->request_xml != NULL) {
		cwmp_acs_sim_json_string(builder, "request_xml", record->request_xml);
	}
	if (record->response_xml != NULL) {
		cwmp_acs_sim_json_string(builder, "response_xml", record->response_xml);
	}
	json_builder_end_object(builder);
	root = json_builder_get_root(builder);
	json_generator_set_root(generator, root);
	return json_generator_to_data(generator, NULL);
}

/* GObject */

static void
cwmp_acs_sim_dispose(GObject *object)
{
	CwmpAcsSim *self = CWMP_ACS_SIM(object);

	g_cancellable_cancel(self->cancellable);
	cwmp_acs_sim_stop(self);
	G_OBJECT_CLASS(cwmp_acs_sim_parent_class)->dispose(object);
}

static void
cwmp_acs_sim_finalize(GObject *object)
{
	CwmpAcsSim *self = CWMP_ACS_SIM(object);

	g_clear_object(&self->tls_certificate);
	g_clear_object(&self->tls_database);
	g_clear_object(&self->cancellable);
	g_free(self->username);
	g_free(self->password);
	g_free(self->cr_username);
	g_free(self->cr_password);
	g_free(self->use_cwmp_version);
	g_free(self->address);
	g_free(self->cookie);
	g_free(self->wait_event);
	g_free(self->cr_url);
	g_queue_clear_full(&self->steps, (GDestroyNotify) cwmp_acs_sim_step_free);
	g_ptr_array_unref(self->records);
	g_ptr_array_unref(self->sessions);
	g_ptr_array_unref(self->rpc_results);
	g_ptr_array_unref(self->transcript);
	g_ptr_array_unref(self->delayed);
	G_OBJECT_CLASS(cwmp_acs_sim_parent_class)->finalize(object);
}

static void
cwmp_acs_sim_class_init(CwmpAcsSimClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);

	object_class->dispose = cwmp_acs_sim_dispose;
	object_class->finalize = cwmp_acs_sim_finalize;

	signals[SIGNAL_TRANSCRIPT] =
	    g_signal_new("transcript", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
			 NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
	signals[SIGNAL_SESSION_STARTED] =
	    g_signal_new("session-started", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
	signals[SIGNAL_SESSION_FINISHED] =
	    g_signal_new("session-finished", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);
	signals[SIGNAL_RECORD_ADDED] =
	    g_signal_new("record-added", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
			 NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
	signals[SIGNAL_CONNECTION_REQUEST_DONE] =
	    g_signal_new("connection-request-done", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0,
			 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
	signals[SIGNAL_FINISHED] =
	    g_signal_new("finished", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
			 NULL, G_TYPE_NONE, 0);
}

static void
cwmp_acs_sim_init(CwmpAcsSim *self)
{
	self->max_version = CWMP_SOAP_VERSION_1_4;
	self->end_status = SOUP_STATUS_OK;
	self->redirect_hops = 2;
	self->redirect_status = SOUP_STATUS_TEMPORARY_REDIRECT;
	self->delay_ms = 2000;
	self->cancellable = g_cancellable_new();
	g_queue_init(&self->steps);
	self->records = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_acs_sim_record_free);
	self->sessions = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_acs_sim_session_free);
	self->rpc_results =
	    g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_acs_sim_rpc_result_free);
	self->transcript = g_ptr_array_new_with_free_func(g_free);
	self->delayed = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_acs_sim_delayed_free);
}

CwmpAcsSim *
cwmp_acs_sim_new(void)
{
	return g_object_new(CWMP_TYPE_ACS_SIM, NULL);
}
