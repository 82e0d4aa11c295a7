/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * cwmpctl: the command-line client of the agent's D-Bus service
 * org.cwmpd.Agent1; commands, output and exit codes are in ctl/README.md
 */

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cwmp-ctl-fault.h"
#include "cwmp-ctl-format.h"
#include "cwmp-dbus-generated.h"

#define CWMP_CTL_BUS_NAME    "org.cwmpd.Agent1"
#define CWMP_CTL_OBJECT_PATH "/org/cwmpd/Agent1"

typedef enum {
	CWMP_CTL_EXIT_OK = 0,
	CWMP_CTL_EXIT_FAULT = 1,
	CWMP_CTL_EXIT_USAGE = 2,
	CWMP_CTL_EXIT_UNREACHABLE = 3,
} CwmpCtlExit;

typedef struct {
	/* options */
	gboolean json;
	gboolean system_bus;
	gboolean session_bus;
	gint	 timeout;
	gboolean next_level;
	gboolean get_rpc_methods;
	gboolean follow;
	/* state */
	GDBusConnection *connection;
	CwmpDbusAgent1	*agent;
	GMainLoop	*loop;
	CwmpCtlExit	 exit_code;
} CwmpCtl;

static void
cwmp_ctl_clear(CwmpCtl *ctl)
{
	g_clear_object(&ctl->agent);
	g_clear_object(&ctl->connection);
	g_clear_pointer(&ctl->loop, g_main_loop_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CwmpCtl, cwmp_ctl_clear)

typedef CwmpCtlExit (*CwmpCtlCommandFunc)(CwmpCtl *ctl, gchar **args);

typedef struct {
	const gchar	  *name;
	const gchar	  *usage;
	gint		   min_args;
	gint		   max_args; /* -1: no limit */
	CwmpCtlCommandFunc func;
} CwmpCtlCommand;

static const gchar *
cwmp_ctl_bus_name(CwmpCtl *ctl)
{
	return ctl->session_bus ? "session" : "system";
}

static CwmpCtlExit
cwmp_ctl_usage_error(const gchar *format, ...) G_GNUC_PRINTF(1, 2);

static CwmpCtlExit
cwmp_ctl_usage_error(const gchar *format, ...)
{
	va_list		  args;
	g_autofree gchar *msg = NULL;

	va_start(args, format);
	msg = g_strdup_vprintf(format, args);
	va_end(args);
	g_printerr("cwmpctl: %s\nTry 'cwmpctl --help' for more information.\n", msg);
	return CWMP_CTL_EXIT_USAGE;
}

static void
cwmp_ctl_print_json(JsonBuilder *builder, gboolean pretty)
{
	g_autoptr(JsonNode) root = json_builder_get_root(builder);
	g_autofree gchar *data = cwmp_ctl_format_json(root, pretty);
	g_print("%s\n", data);
	fflush(stdout);
}

static void
cwmp_ctl_print_table(CwmpCtlFormatTable *table)
{
	g_autofree gchar *text = cwmp_ctl_format_table_to_string(table);
	g_print("%s", text);
}

/* the D-Bus errors that mean the daemon is not there (or not answering) */
static gboolean
cwmp_ctl_error_is_unreachable(const GError *error)
{
	return g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
	       g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
	       g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY) ||
	       g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT) ||
	       g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_TIMED_OUT) ||
	       g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_DISCONNECTED) ||
	       g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER) ||
	       g_error_matches(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
	       g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CLOSED) ||
	       g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
}

/* prints @error and returns the exit code it stands for: 1 for a CWMP fault
 * (and any other refusal by the daemon), 3 when the daemon is not reachable */
static CwmpCtlExit
cwmp_ctl_report_error(CwmpCtl *ctl, const GError *error)
{
	g_autofree gchar *name = NULL;
	g_autofree gchar *message = NULL;
	gint		  code = 0;

	if (cwmp_ctl_fault_from_dbus_error(error, &code, &name, &message)) {
		g_printerr("cwmpctl: fault %d %s: %s\n", code, name, message);
		if (ctl->json) {
			g_autoptr(JsonBuilder) builder = json_builder_new();
			json_builder_begin_object(builder);
			json_builder_set_member_name(builder, "fault");
			json_builder_begin_object(builder);
			json_builder_set_member_name(builder, "code");
			json_builder_add_int_value(builder, code);
			json_builder_set_member_name(builder, "name");
			json_builder_add_string_value(builder, name);
			json_builder_set_member_name(builder, "message");
			json_builder_add_string_value(builder, message);
			json_builder_end_object(builder);
			json_builder_end_object(builder);
			cwmp_ctl_print_json(builder, TRUE);
		}
		return CWMP_CTL_EXIT_FAULT;
	}
	if (cwmp_ctl_error_is_unreachable(error)) {
		g_printerr("cwmpctl: cwmpd is not reachable on the %s bus: %s\n",
			   cwmp_ctl_bus_name(ctl), error->message);
		return CWMP_CTL_EXIT_UNREACHABLE;
	}
	if (g_dbus_error_is_remote_error(error)) {
		g_autofree gchar *remote = g_dbus_error_get_remote_error(error);
		g_autoptr(GError) copy = g_error_copy(error);
		g_dbus_error_strip_remote_error(copy);
		g_printerr("cwmpctl: error %s: %s\n", remote, copy->message);
		return CWMP_CTL_EXIT_FAULT;
	}
	g_printerr("cwmpctl: %s\n", error->message);
	return CWMP_CTL_EXIT_FAULT;
}

/* connects and makes the proxy; FALSE with ctl->exit_code set on failure */
static gboolean
cwmp_ctl_ensure_agent(CwmpCtl *ctl)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *owner = NULL;

	if (ctl->agent != NULL)
		return TRUE;
	ctl->connection =
	    g_bus_get_sync(ctl->session_bus ? G_BUS_TYPE_SESSION : G_BUS_TYPE_SYSTEM, NULL, &error);
	if (ctl->connection == NULL) {
		g_printerr("cwmpctl: cannot connect to the %s bus: %s\n", cwmp_ctl_bus_name(ctl),
			   error->message);
		ctl->exit_code = CWMP_CTL_EXIT_UNREACHABLE;
		return FALSE;
	}
	ctl->agent =
	    cwmp_dbus_agent1_proxy_new_sync(ctl->connection, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
					    CWMP_CTL_BUS_NAME, CWMP_CTL_OBJECT_PATH, NULL, &error);
	if (ctl->agent == NULL) {
		ctl->exit_code = cwmp_ctl_report_error(ctl, error);
		return FALSE;
	}
	g_dbus_proxy_set_default_timeout(G_DBUS_PROXY(ctl->agent), ctl->timeout);
	owner = g_dbus_proxy_get_name_owner(G_DBUS_PROXY(ctl->agent));
	if (owner == NULL) {
		g_printerr("cwmpctl: cwmpd is not running (%s has no owner on the %s bus)\n",
			   CWMP_CTL_BUS_NAME, cwmp_ctl_bus_name(ctl));
		ctl->exit_code = CWMP_CTL_EXIT_UNREACHABLE;
		return FALSE;
	}
	return TRUE;
}

static void
cwmp_ctl_json_add_time(JsonBuilder *builder, const gchar *name, guint64 usec)
{
	g_autofree gchar *iso = cwmp_ctl_format_time(usec);
	g_autofree gchar *usec_name = g_strdup_printf("%s_usec", name);

	json_builder_set_member_name(builder, name);
	if (iso != NULL)
		json_builder_add_string_value(builder, iso);
	else
		json_builder_add_null_value(builder);
	json_builder_set_member_name(builder, usec_name);
	json_builder_add_int_value(builder, (gint64) MIN(usec, (guint64) G_MAXINT64));
}

static void
cwmp_ctl_json_add_strv(JsonBuilder *builder, const gchar *const *strv)
{
	json_builder_begin_array(builder);
	for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
		json_builder_add_string_value(builder, strv[i]);
	json_builder_end_array(builder);
}

static CwmpCtlExit
cwmp_ctl_cmd_status(CwmpCtl *ctl, gchar **args)
{
	CwmpDbusAgent1	 *agent;
	GVariant	 *last;
	guint64		  last_start = 0;
	guint64		  last_end = 0;
	const gchar	 *last_result = "";
	const gchar	 *last_message = "";
	const gchar	 *status;
	const gchar	 *acs_url;
	const gchar	 *version;
	guint64		  next;
	g_autofree gchar *start_str = NULL;
	g_autofree gchar *end_str = NULL;
	g_autofree gchar *next_str = NULL;

	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	agent = ctl->agent;
	status = cwmp_dbus_agent1_get_status(agent);
	acs_url = cwmp_dbus_agent1_get_acs_url(agent);
	version = cwmp_dbus_agent1_get_version(agent);
	if (status == NULL) {
		g_printerr("cwmpctl: cwmpd did not send its properties\n");
		return CWMP_CTL_EXIT_FAULT;
	}
	last = cwmp_dbus_agent1_get_last_session(agent);
	if (last != NULL)
		g_variant_get(last, "(tt&s&s)", &last_start, &last_end, &last_result,
			      &last_message);
	next = cwmp_dbus_agent1_get_next_session(agent);
	start_str = cwmp_ctl_format_time(last_start);
	end_str = cwmp_ctl_format_time(last_end);
	next_str = cwmp_ctl_format_time(next);

	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "status");
		json_builder_add_string_value(builder, status);
		json_builder_set_member_name(builder, "acs_url");
		json_builder_add_string_value(builder, acs_url != NULL ? acs_url : "");
		json_builder_set_member_name(builder, "last_session");
		json_builder_begin_object(builder);
		cwmp_ctl_json_add_time(builder, "start", last_start);
		cwmp_ctl_json_add_time(builder, "end", last_end);
		json_builder_set_member_name(builder, "result");
		json_builder_add_string_value(builder, last_result);
		json_builder_set_member_name(builder, "message");
		json_builder_add_string_value(builder, last_message);
		json_builder_end_object(builder);
		cwmp_ctl_json_add_time(builder, "next_session", next);
		json_builder_set_member_name(builder, "sessions");
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "succeeded");
		json_builder_add_int_value(builder, cwmp_dbus_agent1_get_sessions_succeeded(agent));
		json_builder_set_member_name(builder, "failed");
		json_builder_add_int_value(builder, cwmp_dbus_agent1_get_sessions_failed(agent));
		json_builder_set_member_name(builder, "total");
		json_builder_add_int_value(builder, cwmp_dbus_agent1_get_sessions_total(agent));
		json_builder_end_object(builder);
		json_builder_set_member_name(builder, "bootstrap_done");
		json_builder_add_boolean_value(builder, cwmp_dbus_agent1_get_bootstrap_done(agent));
		json_builder_set_member_name(builder, "version");
		json_builder_add_string_value(builder, version != NULL ? version : "");
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_autoptr(CwmpCtlFormatTable) table =
		    cwmp_ctl_format_table_new("Status:", status, NULL);
		g_autofree gchar *last_str = NULL;
		g_autofree gchar *sessions = NULL;

		if (last_start == 0) {
			last_str = g_strdup("never");
		} else {
			last_str = g_strdup_printf(
			    "%s to %s, %s%s%s", start_str, end_str != NULL ? end_str : "(running)",
			    last_result[0] != '\0' ? last_result : "-",
			    last_message[0] != '\0' ? ": " : "", last_message);
		}
		sessions = g_strdup_printf("%u succeeded, %u failed, %u total",
					   cwmp_dbus_agent1_get_sessions_succeeded(agent),
					   cwmp_dbus_agent1_get_sessions_failed(agent),
					   cwmp_dbus_agent1_get_sessions_total(agent));
		cwmp_ctl_format_table_add_row(
		    table, "ACS URL:", acs_url != NULL && acs_url[0] != '\0' ? acs_url : "(none)",
		    NULL);
		cwmp_ctl_format_table_add_row(table, "Last session:", last_str, NULL);
		cwmp_ctl_format_table_add_row(
		    table, "Next session:", next_str != NULL ? next_str : "none scheduled", NULL);
		cwmp_ctl_format_table_add_row(table, "Sessions:", sessions, NULL);
		cwmp_ctl_format_table_add_row(
		    table,
		    "Bootstrap done:", cwmp_dbus_agent1_get_bootstrap_done(agent) ? "yes" : "no",
		    NULL);
		cwmp_ctl_format_table_add_row(table, "Version:", version != NULL ? version : "",
					      NULL);
		cwmp_ctl_print_table(table);
	}
	return CWMP_CTL_EXIT_OK;
}

static CwmpCtlExit
cwmp_ctl_cmd_inform(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;

	for (guint i = 0; args[i] != NULL; i++) {
		if (!g_ascii_isdigit(args[i][0]) && args[i][0] != 'M')
			return cwmp_ctl_usage_error("'%s' is not an event code such as "
						    "\"6 CONNECTION REQUEST\" or \"M Reboot\"",
						    args[i]);
	}
	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	if (!cwmp_dbus_agent1_call_inform_sync(ctl->agent, (const gchar *const *) args,
					       ctl->get_rpc_methods, NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "events");
		cwmp_ctl_json_add_strv(builder, (const gchar *const *) args);
		json_builder_set_member_name(builder, "get_rpc_methods");
		json_builder_add_boolean_value(builder, ctl->get_rpc_methods);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_autofree gchar *events = g_strjoinv(", ", args);
		g_print("Inform requested%s%s%s\n", events[0] != '\0' ? " with " : "", events,
			ctl->get_rpc_methods ? " (and GetRPCMethods)" : "");
	}
	return CWMP_CTL_EXIT_OK;
}

static CwmpCtlExit
cwmp_ctl_cmd_get(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) values = NULL;
	GVariantIter iter;
	const gchar *path;
	const gchar *value;
	const gchar *type;

	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	if (!cwmp_dbus_agent1_call_get_parameter_values_sync(
		ctl->agent, (const gchar *const *) args, &values, NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	g_variant_iter_init(&iter, values);
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "parameters");
		json_builder_begin_array(builder);
		while (g_variant_iter_next(&iter, "(&s&s&s)", &path, &value, &type)) {
			json_builder_begin_object(builder);
			json_builder_set_member_name(builder, "path");
			json_builder_add_string_value(builder, path);
			json_builder_set_member_name(builder, "type");
			json_builder_add_string_value(builder, type);
			json_builder_set_member_name(builder, "value");
			json_builder_add_string_value(builder, value);
			json_builder_end_object(builder);
		}
		json_builder_end_array(builder);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_autoptr(CwmpCtlFormatTable) table =
		    cwmp_ctl_format_table_new("PARAMETER", "TYPE", "VALUE", NULL);
		while (g_variant_iter_next(&iter, "(&s&s&s)", &path, &value, &type))
			cwmp_ctl_format_table_add_row(table, path, type, value, NULL);
		cwmp_ctl_print_table(table);
	}
	return CWMP_CTL_EXIT_OK;
}

static CwmpCtlExit
cwmp_ctl_cmd_set(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func(g_free);
	GVariantBuilder arg;
	guint		status = 0;

	for (guint i = 0; args[i] != NULL; i++) {
		gchar *path = NULL;
		gchar *value = NULL;
		gchar *type = NULL;
		if (!cwmp_ctl_format_parse_assignment(args[i], &path, &value, &type, &error))
			return cwmp_ctl_usage_error("%s", error->message);
		g_ptr_array_add(paths, path);
		g_ptr_array_add(values, value);
		g_ptr_array_add(types, type);
	}
	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	g_variant_builder_init(&arg, G_VARIANT_TYPE("a(sss)"));
	for (guint i = 0; i < paths->len; i++) {
		g_variant_builder_add(&arg, "(sss)", g_ptr_array_index(paths, i),
				      g_ptr_array_index(values, i), g_ptr_array_index(types, i));
	}
	if (!cwmp_dbus_agent1_call_set_parameter_values_sync(
		ctl->agent, g_variant_builder_end(&arg), &status, NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "status");
		json_builder_add_int_value(builder, status);
		json_builder_set_member_name(builder, "parameters");
		json_builder_begin_array(builder);
		for (guint i = 0; i < paths->len; i++) {
			json_builder_begin_object(builder);
			json_builder_set_member_name(builder, "path");
			json_builder_add_string_value(builder, g_ptr_array_index(paths, i));
			json_builder_set_member_name(builder, "type");
			json_builder_add_string_value(builder, g_ptr_array_index(types, i));
			json_builder_set_member_name(builder, "value");
			json_builder_add_string_value(builder, g_ptr_array_index(values, i));
			json_builder_end_object(builder);
		}
		json_builder_end_array(builder);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_autoptr(CwmpCtlFormatTable) table =
		    cwmp_ctl_format_table_new("PARAMETER", "VALUE", NULL);
		for (guint i = 0; i < paths->len; i++) {
			cwmp_ctl_format_table_add_row(table, g_ptr_array_index(paths, i),
						      g_ptr_array_index(values, i), NULL);
		}
		cwmp_ctl_print_table(table);
		g_print("Status: %u (%s)\n", status,
			status == 0 ? "applied" : "committed, applied after a reboot");
	}
	return CWMP_CTL_EXIT_OK;
}

static gboolean
cwmp_ctl_check_object_path(const gchar *path)
{
	return g_str_has_suffix(path, ".") && !g_str_has_prefix(path, ".");
}

static CwmpCtlExit
cwmp_ctl_cmd_add(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *object = NULL;
	guint		  instance = 0;

	if (!cwmp_ctl_check_object_path(args[0]))
		return cwmp_ctl_usage_error("'%s' is not an object path (ending in '.')", args[0]);
	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	if (!cwmp_dbus_agent1_call_add_object_sync(ctl->agent, args[0], &instance, NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	object = g_strdup_printf("%s%u.", args[0], instance);
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "object");
		json_builder_add_string_value(builder, object);
		json_builder_set_member_name(builder, "instance");
		json_builder_add_int_value(builder, instance);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_print("Added %s\n", object);
	}
	return CWMP_CTL_EXIT_OK;
}

static CwmpCtlExit
cwmp_ctl_cmd_del(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;

	if (!cwmp_ctl_check_object_path(args[0]))
		return cwmp_ctl_usage_error("'%s' is not an object instance path (ending in '.')",
					    args[0]);
	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	if (!cwmp_dbus_agent1_call_delete_object_sync(ctl->agent, args[0], NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "object");
		json_builder_add_string_value(builder, args[0]);
		json_builder_set_member_name(builder, "deleted");
		json_builder_add_boolean_value(builder, TRUE);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_print("Deleted %s\n", args[0]);
	}
	return CWMP_CTL_EXIT_OK;
}

static CwmpCtlExit
cwmp_ctl_cmd_names(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) names = NULL;
	GVariantIter iter;
	const gchar *path;
	gboolean     writable;

	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	if (!cwmp_dbus_agent1_call_get_parameter_names_sync(ctl->agent, args[0], ctl->next_level,
							    &names, NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	g_variant_iter_init(&iter, names);
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "names");
		json_builder_begin_array(builder);
		while (g_variant_iter_next(&iter, "(&sb)", &path, &writable)) {
			json_builder_begin_object(builder);
			json_builder_set_member_name(builder, "path");
			json_builder_add_string_value(builder, path);
			json_builder_set_member_name(builder, "writable");
			json_builder_add_boolean_value(builder, writable);
			json_builder_end_object(builder);
		}
		json_builder_end_array(builder);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_autoptr(CwmpCtlFormatTable) table =
		    cwmp_ctl_format_table_new("NAME", "WRITABLE", NULL);
		while (g_variant_iter_next(&iter, "(&sb)", &path, &writable))
			cwmp_ctl_format_table_add_row(table, path, writable ? "yes" : "no", NULL);
		cwmp_ctl_print_table(table);
	}
	return CWMP_CTL_EXIT_OK;
}

static CwmpCtlExit
cwmp_ctl_cmd_attrs(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) attrs = NULL;
	GVariantIter		 iter;
	const gchar		*path;
	guint			 notification;
	g_autofree const gchar **access = NULL;

	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	if (!cwmp_dbus_agent1_call_get_parameter_attributes_sync(
		ctl->agent, (const gchar *const *) args, &attrs, NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	g_variant_iter_init(&iter, attrs);
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "attributes");
		json_builder_begin_array(builder);
		while (g_variant_iter_next(&iter, "(&su^a&s)", &path, &notification, &access)) {
			json_builder_begin_object(builder);
			json_builder_set_member_name(builder, "path");
			json_builder_add_string_value(builder, path);
			json_builder_set_member_name(builder, "notification");
			json_builder_add_int_value(builder, notification);
			json_builder_set_member_name(builder, "access_list");
			cwmp_ctl_json_add_strv(builder, access);
			json_builder_end_object(builder);
			g_clear_pointer(&access, g_free);
		}
		json_builder_end_array(builder);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_autoptr(CwmpCtlFormatTable) table =
		    cwmp_ctl_format_table_new("PARAMETER", "NOTIFICATION", "ACCESS", NULL);
		while (g_variant_iter_next(&iter, "(&su^a&s)", &path, &notification, &access)) {
			g_autofree gchar *n = g_strdup_printf("%u", notification);
			g_autofree gchar *a = g_strjoinv(",", (gchar **) access);
			cwmp_ctl_format_table_add_row(table, path, n, a, NULL);
			g_clear_pointer(&access, g_free);
		}
		cwmp_ctl_print_table(table);
	}
	return CWMP_CTL_EXIT_OK;
}

static CwmpCtlExit
cwmp_ctl_cmd_set_attr(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) access = NULL;
	gboolean	notification_change = FALSE;
	gboolean	access_change = FALSE;
	guint		notification = 0;
	GVariantBuilder arg;

	if (!cwmp_ctl_format_parse_attributes((const gchar *const *) args + 1, &notification_change,
					      &notification, &access_change, &access, &error))
		return cwmp_ctl_usage_error("%s", error->message);
	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	g_variant_builder_init(&arg, G_VARIANT_TYPE("a(sbubas)"));
	g_variant_builder_add(&arg, "(sbub^as)", args[0], notification_change, notification,
			      access_change, access);
	if (!cwmp_dbus_agent1_call_set_parameter_attributes_sync(
		ctl->agent, g_variant_builder_end(&arg), NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "path");
		json_builder_add_string_value(builder, args[0]);
		json_builder_set_member_name(builder, "notification");
		if (notification_change)
			json_builder_add_int_value(builder, notification);
		else
			json_builder_add_null_value(builder);
		json_builder_set_member_name(builder, "access_list");
		if (access_change)
			cwmp_ctl_json_add_strv(builder, (const gchar *const *) access);
		else
			json_builder_add_null_value(builder);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_autoptr(CwmpCtlFormatTable) table =
		    cwmp_ctl_format_table_new("PARAMETER", "NOTIFICATION", "ACCESS", NULL);
		g_autofree gchar *n = notification_change ? g_strdup_printf("%u", notification)
							  : g_strdup("(unchanged)");
		g_autofree gchar *a = access_change ? g_strjoinv(",", access)
						    : g_strdup("(unchanged)");
		cwmp_ctl_format_table_add_row(table, args[0], n, a, NULL);
		cwmp_ctl_print_table(table);
	}
	return CWMP_CTL_EXIT_OK;
}

static gint
cwmp_ctl_plugin_cmp(gconstpointer a, gconstpointer b)
{
	CwmpDbusPlugin1 *pa = *(CwmpDbusPlugin1 *const *) a;
	CwmpDbusPlugin1 *pb = *(CwmpDbusPlugin1 *const *) b;
	return g_strcmp0(cwmp_dbus_plugin1_get_name(pa), cwmp_dbus_plugin1_get_name(pb));
}

static const gchar *
cwmp_ctl_nonnull(const gchar *str)
{
	return str != NULL ? str : "";
}

static CwmpCtlExit
cwmp_ctl_cmd_plugins(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GDBusObjectManager) manager = NULL;
	g_autoptr(GPtrArray) plugins = g_ptr_array_new_with_free_func(g_object_unref);
	GList *objects;

	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	manager = cwmp_dbus_object_manager_client_new_sync(
	    ctl->connection, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_DO_NOT_AUTO_START,
	    CWMP_CTL_BUS_NAME, CWMP_CTL_OBJECT_PATH, NULL, &error);
	if (manager == NULL)
		return cwmp_ctl_report_error(ctl, error);
	objects = g_dbus_object_manager_get_objects(manager);
	for (GList *l = objects; l != NULL; l = l->next) {
		CwmpDbusPlugin1 *plugin = cwmp_dbus_object_get_plugin1(CWMP_DBUS_OBJECT(l->data));
		if (plugin != NULL)
			g_ptr_array_add(plugins, plugin);
	}
	g_list_free_full(objects, g_object_unref);
	g_ptr_array_sort(plugins, cwmp_ctl_plugin_cmp);

	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "plugins");
		json_builder_begin_array(builder);
		for (guint i = 0; i < plugins->len; i++) {
			CwmpDbusPlugin1 *p = g_ptr_array_index(plugins, i);
			json_builder_begin_object(builder);
			json_builder_set_member_name(builder, "name");
			json_builder_add_string_value(
			    builder, cwmp_ctl_nonnull(cwmp_dbus_plugin1_get_name(p)));
			json_builder_set_member_name(builder, "version");
			json_builder_add_string_value(
			    builder, cwmp_ctl_nonnull(cwmp_dbus_plugin1_get_version(p)));
			json_builder_set_member_name(builder, "state");
			json_builder_add_string_value(
			    builder, cwmp_ctl_nonnull(cwmp_dbus_plugin1_get_state(p)));
			json_builder_set_member_name(builder, "file");
			json_builder_add_string_value(
			    builder, cwmp_ctl_nonnull(cwmp_dbus_plugin1_get_file(p)));
			json_builder_set_member_name(builder, "error");
			json_builder_add_string_value(
			    builder, cwmp_ctl_nonnull(cwmp_dbus_plugin1_get_error(p)));
			json_builder_set_member_name(builder, "object_path");
			json_builder_add_string_value(
			    builder, g_dbus_proxy_get_object_path(G_DBUS_PROXY(p)));
			json_builder_end_object(builder);
		}
		json_builder_end_array(builder);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_autoptr(CwmpCtlFormatTable) table =
		    cwmp_ctl_format_table_new("NAME", "VERSION", "STATE", "FILE", "ERROR", NULL);
		for (guint i = 0; i < plugins->len; i++) {
			CwmpDbusPlugin1 *p = g_ptr_array_index(plugins, i);
			cwmp_ctl_format_table_add_row(
			    table, cwmp_ctl_nonnull(cwmp_dbus_plugin1_get_name(p)),
			    cwmp_ctl_nonnull(cwmp_dbus_plugin1_get_version(p)),
			    cwmp_ctl_nonnull(cwmp_dbus_plugin1_get_state(p)),
			    cwmp_ctl_nonnull(cwmp_dbus_plugin1_get_file(p)),
			    cwmp_ctl_nonnull(cwmp_dbus_plugin1_get_error(p)), NULL);
		}
		cwmp_ctl_print_table(table);
	}
	return CWMP_CTL_EXIT_OK;
}

static CwmpCtlExit
cwmp_ctl_cmd_reload(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) needs_restart = NULL;

	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	if (!cwmp_dbus_agent1_call_reload_sync(ctl->agent, &needs_restart, NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "needs_restart");
		cwmp_ctl_json_add_strv(builder, (const gchar *const *) needs_restart);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else if (needs_restart == NULL || needs_restart[0] == NULL) {
		g_print("Reloaded; nothing needs a restart\n");
	} else {
		g_autofree gchar *keys = g_strjoinv(", ", needs_restart);
		g_print("Reloaded; changes that need a restart: %s\n", keys);
	}
	return CWMP_CTL_EXIT_OK;
}

/* monitor: one line per event on stdout, flushed, until SIGINT/SIGTERM */

static void
cwmp_ctl_monitor_emit(CwmpCtl *ctl, const gchar *event, const gchar *text, JsonBuilder *fields)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	g_autofree gchar *time_str = g_date_time_format(now, "%Y-%m-%dT%H:%M:%S.%fZ");

	if (ctl->json) {
		g_autoptr(JsonNode) extra = fields != NULL ? json_builder_get_root(fields) : NULL;
		g_autoptr(JsonObject) obj = json_object_new();
		g_autoptr(JsonNode) root = json_node_new(JSON_NODE_OBJECT);
		g_autofree gchar *data = NULL;

		json_object_set_string_member(obj, "time", time_str);
		json_object_set_string_member(obj, "event", event);
		if (extra != NULL && JSON_NODE_HOLDS_OBJECT(extra)) {
			JsonObject *eobj = json_node_get_object(extra);
			g_autoptr(GList) members = json_object_get_members(eobj);
			for (GList *l = members; l != NULL; l = l->next) {
				const gchar *name = l->data;
				json_object_set_member(obj, name,
						       json_object_dup_member(eobj, name));
			}
		}
		json_node_set_object(root, obj);
		data = cwmp_ctl_format_json(root, FALSE);
		g_print("%s\n", data);
	} else {
		g_autofree gchar *escaped = cwmp_ctl_format_escape(text);
		g_print("%s %s%s%s\n", time_str, event, escaped[0] != '\0' ? " " : "", escaped);
	}
	fflush(stdout);
}

static void
cwmp_ctl_monitor_session_started_cb(CwmpDbusAgent1 *agent, gpointer user_data)
{
	cwmp_ctl_monitor_emit(user_data, "session-started", NULL, NULL);
}

static void
cwmp_ctl_monitor_session_ended_cb(CwmpDbusAgent1 *agent,
				  gboolean	  success,
				  const gchar	 *message,
				  gpointer	  user_data)
{
	g_autoptr(JsonBuilder) builder = json_builder_new();
	g_autofree gchar *text = g_strdup_printf("%s%s%s", success ? "success" : "failed",
						 message[0] != '\0' ? " " : "", message);

	json_builder_begin_object(builder);
	json_builder_set_member_name(builder, "success");
	json_builder_add_boolean_value(builder, success);
	json_builder_set_member_name(builder, "message");
	json_builder_add_string_value(builder, message);
	json_builder_end_object(builder);
	cwmp_ctl_monitor_emit(user_data, "session-ended", text, builder);
}

static void
cwmp_ctl_monitor_parameter_changed_cb(CwmpDbusAgent1 *agent,
				      const gchar    *path,
				      const gchar    *value,
				      gpointer	      user_data)
{
	g_autoptr(JsonBuilder) builder = json_builder_new();
	g_autofree gchar *text = g_strdup_printf("%s = %s", path, value);

	json_builder_begin_object(builder);
	json_builder_set_member_name(builder, "path");
	json_builder_add_string_value(builder, path);
	json_builder_set_member_name(builder, "value");
	json_builder_add_string_value(builder, value);
	json_builder_end_object(builder);
	cwmp_ctl_monitor_emit(user_data, "parameter-changed", text, builder);
}

static void
cwmp_ctl_monitor_properties_changed_cb(GDBusProxy	  *proxy,
				       GVariant		  *changed,
				       const gchar *const *invalidated,
				       gpointer		   user_data)
{
	GVariantIter iter;
	const gchar *name;
	GVariant    *value;

	g_variant_iter_init(&iter, changed);
	while (g_variant_iter_next(&iter, "{&sv}", &name, &value)) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		g_autofree gchar *printed = g_variant_print(value, FALSE);
		g_autofree gchar *text = g_strdup_printf("%s = %s", name, printed);

		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "property");
		json_builder_add_string_value(builder, name);
		json_builder_set_member_name(builder, "value");
		json_builder_add_value(builder, json_gvariant_serialize(value));
		json_builder_end_object(builder);
		cwmp_ctl_monitor_emit(user_data, "property-changed", text, builder);
		g_variant_unref(value);
	}
}

static void
cwmp_ctl_monitor_owner_cb(GObject *object, GParamSpec *pspec, gpointer user_data)
{
	CwmpCtl		 *ctl = user_data;
	g_autofree gchar *owner = g_dbus_proxy_get_name_owner(G_DBUS_PROXY(object));

	if (owner != NULL)
		return;
	g_printerr("cwmpctl: cwmpd left the %s bus\n", cwmp_ctl_bus_name(ctl));
	ctl->exit_code = CWMP_CTL_EXIT_UNREACHABLE;
	g_main_loop_quit(ctl->loop);
}

static void
cwmp_ctl_monitor_closed_cb(GDBusConnection *connection,
			   gboolean	    remote_peer_vanished,
			   GError	   *error,
			   gpointer	    user_data)
{
	CwmpCtl *ctl = user_data;

	g_printerr("cwmpctl: the %s bus went away\n", cwmp_ctl_bus_name(ctl));
	ctl->exit_code = CWMP_CTL_EXIT_UNREACHABLE;
	g_main_loop_quit(ctl->loop);
}

static gboolean
cwmp_ctl_monitor_signal_cb(gpointer user_data)
{
	CwmpCtl *ctl = user_data;
	ctl->exit_code = CWMP_CTL_EXIT_OK;
	g_main_loop_quit(ctl->loop);
	return G_SOURCE_CONTINUE;
}

static CwmpCtlExit
cwmp_ctl_cmd_monitor(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;
	guint sigint_id;
	guint sigterm_id;

	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	ctl->loop = g_main_loop_new(NULL, FALSE);
	g_signal_connect(ctl->agent, "session-started",
			 G_CALLBACK(cwmp_ctl_monitor_session_started_cb), ctl);
	g_signal_connect(ctl->agent, "session-ended", G_CALLBACK(cwmp_ctl_monitor_session_ended_cb),
			 ctl);
	g_signal_connect(ctl->agent, "parameter-changed",
			 G_CALLBACK(cwmp_ctl_monitor_parameter_changed_cb), ctl);
	g_signal_connect(ctl->agent, "g-properties-changed",
			 G_CALLBACK(cwmp_ctl_monitor_properties_changed_cb), ctl);
	g_signal_connect(ctl->agent, "notify::g-name-owner", G_CALLBACK(cwmp_ctl_monitor_owner_cb),
			 ctl);
	g_signal_connect(ctl->connection, "closed", G_CALLBACK(cwmp_ctl_monitor_closed_cb), ctl);
	g_dbus_connection_set_exit_on_close(ctl->connection, FALSE);
	if (args[0] != NULL && !cwmp_dbus_agent1_call_subscribe_sync(
				   ctl->agent, (const gchar *const *) args, NULL, &error))
		return cwmp_ctl_report_error(ctl, error);

	sigint_id = g_unix_signal_add(SIGINT, cwmp_ctl_monitor_signal_cb, ctl);
	sigterm_id = g_unix_signal_add(SIGTERM, cwmp_ctl_monitor_signal_cb, ctl);
	/* on stderr so stdout holds only events; scripts may wait for it */
	g_printerr("cwmpctl: monitoring %s on the %s bus; Ctrl-C to stop\n", CWMP_CTL_BUS_NAME,
		   cwmp_ctl_bus_name(ctl));
	g_main_loop_run(ctl->loop);
	g_source_remove(sigint_id);
	g_source_remove(sigterm_id);
	g_signal_handlers_disconnect_by_data(ctl->agent, ctl);
	g_signal_handlers_disconnect_by_data(ctl->connection, ctl);
	return ctl->exit_code;
}

/* --- transfers ------------------------------------------------------------ */

static gint
cwmp_ctl_transfer_cmp(gconstpointer a, gconstpointer b)
{
	guint64 ia = cwmp_dbus_transfer1_get_id(*(CwmpDbusTransfer1 **) a);
	guint64 ib = cwmp_dbus_transfer1_get_id(*(CwmpDbusTransfer1 **) b);
	return ia < ib ? -1 : ia > ib;
}

/* the Transfer1 proxies of @manager, by id */
static GPtrArray *
cwmp_ctl_transfers_list(GDBusObjectManager *manager)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_object_unref);
	GList	  *objects = g_dbus_object_manager_get_objects(manager);

	for (GList *l = objects; l != NULL; l = l->next) {
		CwmpDbusTransfer1 *t = cwmp_dbus_object_get_transfer1(CWMP_DBUS_OBJECT(l->data));
		if (t != NULL)
			g_ptr_array_add(out, t);
	}
	g_list_free_full(objects, g_object_unref);
	g_ptr_array_sort(out, cwmp_ctl_transfer_cmp);
	return out;
}

/* "45% 12.3 MB of 27.0 MB", "12.3 MB" while the size is unknown */
static gchar *
cwmp_ctl_transfer_progress(CwmpDbusTransfer1 *t)
{
	guint64		  done = cwmp_dbus_transfer1_get_bytes_done(t);
	guint64		  total = cwmp_dbus_transfer1_get_bytes_total(t);
	g_autofree gchar *d = g_format_size(done);
	g_autofree gchar *w = NULL;

	if (total == 0)
		return g_strdup(done > 0 ? d : "");
	w = g_format_size(total);
	return g_strdup_printf("%u%% %s of %s", (guint) MIN(100, done * 100 / total), d, w);
}

static gchar *
cwmp_ctl_transfer_result(CwmpDbusTransfer1 *t)
{
	if (g_strcmp0(cwmp_dbus_transfer1_get_state(t), "done") != 0)
		return g_strdup("");
	if (cwmp_dbus_transfer1_get_fault_code(t) == 0)
		return g_strdup("success");
	return g_strdup_printf("%u %s", cwmp_dbus_transfer1_get_fault_code(t),
			       cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_fault_string(t)));
}

static void
cwmp_ctl_transfer_json(JsonBuilder *builder, CwmpDbusTransfer1 *t)
{
	json_builder_begin_object(builder);
	json_builder_set_member_name(builder, "id");
	json_builder_add_int_value(builder, (gint64) cwmp_dbus_transfer1_get_id(t));
	json_builder_set_member_name(builder, "kind");
	json_builder_add_string_value(builder, cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_kind(t)));
	json_builder_set_member_name(builder, "autonomous");
	json_builder_add_boolean_value(builder, cwmp_dbus_transfer1_get_autonomous(t));
	json_builder_set_member_name(builder, "command_key");
	json_builder_add_string_value(builder,
				      cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_command_key(t)));
	json_builder_set_member_name(builder, "file_type");
	json_builder_add_string_value(builder,
				      cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_file_type(t)));
	json_builder_set_member_name(builder, "url");
	json_builder_add_string_value(builder, cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_url(t)));
	json_builder_set_member_name(builder, "state");
	json_builder_add_string_value(builder, cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_state(t)));
	json_builder_set_member_name(builder, "transfer_state");
	json_builder_add_int_value(builder, cwmp_dbus_transfer1_get_transfer_state(t));
	json_builder_set_member_name(builder, "bytes_done");
	json_builder_add_int_value(builder, (gint64) cwmp_dbus_transfer1_get_bytes_done(t));
	json_builder_set_member_name(builder, "bytes_total");
	json_builder_add_int_value(builder, (gint64) cwmp_dbus_transfer1_get_bytes_total(t));
	json_builder_set_member_name(builder, "fault_code");
	json_builder_add_int_value(builder, cwmp_dbus_transfer1_get_fault_code(t));
	json_builder_set_member_name(builder, "fault_string");
	json_builder_add_string_value(builder,
				      cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_fault_string(t)));
	cwmp_ctl_json_add_time(builder, "start_time",
			       (guint64) cwmp_dbus_transfer1_get_start_time(t));
	cwmp_ctl_json_add_time(builder, "complete_time",
			       (guint64) cwmp_dbus_transfer1_get_complete_time(t));
	json_builder_end_object(builder);
}

static void
cwmp_ctl_transfers_print(CwmpCtl *ctl, GPtrArray *transfers)
{
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "transfers");
		json_builder_begin_array(builder);
		for (guint i = 0; i < transfers->len; i++)
			cwmp_ctl_transfer_json(builder, g_ptr_array_index(transfers, i));
		json_builder_end_array(builder);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_autoptr(CwmpCtlFormatTable) table = cwmp_ctl_format_table_new(
		    "ID", "KIND", "COMMANDKEY", "FILETYPE", "STATE", "PROGRESS", "RESULT", NULL);
		for (guint i = 0; i < transfers->len; i++) {
			CwmpDbusTransfer1 *t = g_ptr_array_index(transfers, i);
			g_autofree gchar  *id =
			    g_strdup_printf("%" G_GUINT64_FORMAT, cwmp_dbus_transfer1_get_id(t));
			g_autofree gchar *progress = cwmp_ctl_transfer_progress(t);
			g_autofree gchar *result = cwmp_ctl_transfer_result(t);
			g_autofree gchar *kind = g_strdup_printf(
			    "%s%s", cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_kind(t)),
			    cwmp_dbus_transfer1_get_autonomous(t) ? " (autonomous)" : "");
			cwmp_ctl_format_table_add_row(
			    table, id, kind,
			    cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_command_key(t)),
			    cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_file_type(t)),
			    cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_state(t)), progress, result,
			    NULL);
		}
		cwmp_ctl_print_table(table);
	}
}

typedef struct {
	CwmpCtl		   *ctl;
	GDBusObjectManager *manager;
	GHashTable	   *shown; /* object path -> last line printed */
	gboolean	    done;  /* nothing is moving any more */
} CwmpCtlFollow;

/* one line per transfer and change; on a terminal a bar that redraws */
static gchar *
cwmp_ctl_follow_line(CwmpDbusTransfer1 *t)
{
	guint64		  done = cwmp_dbus_transfer1_get_bytes_done(t);
	guint64		  total = cwmp_dbus_transfer1_get_bytes_total(t);
	g_autofree gchar *progress = cwmp_ctl_transfer_progress(t);
	g_autofree gchar *result = cwmp_ctl_transfer_result(t);
	gchar		  bar[23];
	guint		  filled = total > 0 ? (guint) MIN(20, done * 20 / total) : 0;

	bar[0] = '[';
	for (guint i = 0; i < 20; i++)
		bar[i + 1] = i < filled ? '#' : (total == 0 ? '?' : '.');
	bar[21] = ']';
	bar[22] = '\0';
	return g_strdup_printf("%" G_GUINT64_FORMAT " %s %s %s %s%s%s",
			       cwmp_dbus_transfer1_get_id(t),
			       cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_state(t)), bar,
			       cwmp_ctl_nonnull(cwmp_dbus_transfer1_get_file_type(t)), progress,
			       result[0] != '\0' ? " " : "", result);
}

static void
cwmp_ctl_follow_check(CwmpCtlFollow *follow)
{
	g_autoptr(GPtrArray) transfers = cwmp_ctl_transfers_list(follow->manager);
	gboolean running = FALSE;
	gboolean tty = isatty(STDOUT_FILENO);

	for (guint i = 0; i < transfers->len; i++) {
		CwmpDbusTransfer1 *t = g_ptr_array_index(transfers, i);
		const gchar	  *path = g_dbus_proxy_get_object_path(G_DBUS_PROXY(t));
		gchar		  *line = cwmp_ctl_follow_line(t);
		const gchar	  *last = g_hash_table_lookup(follow->shown, path);

		if (g_strcmp0(cwmp_dbus_transfer1_get_state(t), "done") != 0 &&
		    g_strcmp0(cwmp_dbus_transfer1_get_state(t), "rebooting") != 0)
			running = TRUE;
		if (g_strcmp0(last, line) == 0) {
			g_free(line);
			continue;
		}
		if (follow->ctl->json) {
			g_autoptr(JsonBuilder) builder = json_builder_new();
			cwmp_ctl_transfer_json(builder, t);
			cwmp_ctl_print_json(builder, FALSE);
		} else {
			g_print(tty ? "\r\033[K%s" : "%s\n", line);
			if (tty && !running)
				g_print("\n");
		}
		g_hash_table_replace(follow->shown, g_strdup(path), line);
	}
	fflush(stdout);
	if (!running) {
		if (tty && !follow->ctl->json)
			g_print("\n");
		follow->ctl->exit_code = CWMP_CTL_EXIT_OK;
		follow->done = TRUE;
		g_main_loop_quit(follow->ctl->loop);
	}
}

static void
cwmp_ctl_follow_changed_cb(GDBusObjectManagerClient *manager,
			   GDBusObjectProxy	    *object,
			   GDBusProxy		    *proxy,
			   GVariant		    *changed,
			   const gchar *const	    *invalidated,
			   gpointer		     user_data)
{
	cwmp_ctl_follow_check(user_data);
}

static void
cwmp_ctl_follow_object_cb(GDBusObjectManager *manager, GDBusObject *object, gpointer user_data)
{
	cwmp_ctl_follow_check(user_data);
}

/* transfers [--follow]: the queue, or its progress until nothing runs */
static CwmpCtlExit
cwmp_ctl_cmd_transfers(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GDBusObjectManager) manager = NULL;
	g_autoptr(GPtrArray) transfers = NULL;
	CwmpCtlFollow follow = {ctl, NULL, NULL, FALSE};
	guint	      sigint_id;

	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	manager = cwmp_dbus_object_manager_client_new_sync(
	    ctl->connection, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_DO_NOT_AUTO_START,
	    CWMP_CTL_BUS_NAME, CWMP_CTL_OBJECT_PATH, NULL, &error);
	if (manager == NULL)
		return cwmp_ctl_report_error(ctl, error);
	if (!ctl->follow) {
		transfers = cwmp_ctl_transfers_list(manager);
		cwmp_ctl_transfers_print(ctl, transfers);
		return CWMP_CTL_EXIT_OK;
	}
	follow.manager = manager;
	follow.shown = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	ctl->loop = g_main_loop_new(NULL, FALSE);
	g_signal_connect(manager, "interface-proxy-properties-changed",
			 G_CALLBACK(cwmp_ctl_follow_changed_cb), &follow);
	g_signal_connect(manager, "object-added", G_CALLBACK(cwmp_ctl_follow_object_cb), &follow);
	g_signal_connect(manager, "object-removed", G_CALLBACK(cwmp_ctl_follow_object_cb), &follow);
	sigint_id = g_unix_signal_add(SIGINT, cwmp_ctl_monitor_signal_cb, ctl);
	cwmp_ctl_follow_check(&follow);
	if (!follow.done)
		g_main_loop_run(ctl->loop);
	g_source_remove(sigint_id);
	g_signal_handlers_disconnect_by_data(manager, &follow);
	g_hash_table_unref(follow.shown);
	return ctl->exit_code;
}

/* transfer download|upload FILETYPE URL [USER [PASSWORD]]: an autonomous one */
static CwmpCtlExit
cwmp_ctl_cmd_transfer(CwmpCtl *ctl, gchar **args)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = NULL;

	if (g_strcmp0(args[0], "download") != 0 && g_strcmp0(args[0], "upload") != 0)
		return cwmp_ctl_usage_error("transfer: 'download' or 'upload', not '%s'", args[0]);
	if (!cwmp_ctl_ensure_agent(ctl))
		return ctl->exit_code;
	if (!cwmp_dbus_agent1_call_start_transfer_sync(
		ctl->agent, args[0], args[1], args[2], args[3] != NULL ? args[3] : "",
		args[3] != NULL && args[4] != NULL ? args[4] : "", &path, NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "object_path");
		json_builder_add_string_value(builder, path);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_print("transfer %s queued: %s\n", strrchr(path, '/') + 1, path);
	}
	return CWMP_CTL_EXIT_OK;
}

/* --- diag: run a TR-143 / DNS diagnostic and print its results ------------ */

typedef struct {
	const gchar *option;
	const gchar *parameter;
} CwmpCtlDiagOption;

typedef struct {
	const gchar		*kind;
	const gchar		*object;
	const CwmpCtlDiagOption *options;
	const gchar		*progress; /* (nullable): the byte count while it runs */
} CwmpCtlDiagKind;

static const CwmpCtlDiagOption cwmp_ctl_diag_download_options[] = {
    {"url", "DownloadURL"},
    {"connections", "NumberOfConnections"},
    {"duration", "TimeBasedTestDuration"},
    {"interval", "TimeBasedTestMeasurementInterval"},
    {"offset", "TimeBasedTestMeasurementOffset"},
    {"per-connection", "EnablePerConnectionResults"},
    {"dscp", "DSCP"},
    {"priority", "EthernetPriority"},
    {"protocol", "ProtocolVersion"},
    {"interface", "Interface"},
    {NULL, NULL},
};

static const CwmpCtlDiagOption cwmp_ctl_diag_upload_options[] = {
    {"url", "UploadURL"},
    {"length", "TestFileLength"},
    {"connections", "NumberOfConnections"},
    {"duration", "TimeBasedTestDuration"},
    {"interval", "TimeBasedTestMeasurementInterval"},
    {"offset", "TimeBasedTestMeasurementOffset"},
    {"per-connection", "EnablePerConnectionResults"},
    {"dscp", "DSCP"},
    {"priority", "EthernetPriority"},
    {"protocol", "ProtocolVersion"},
    {"interface", "Interface"},
    {NULL, NULL},
};

static const CwmpCtlDiagOption cwmp_ctl_diag_udpecho_options[] = {
    {"host", "Host"},
    {"port", "Port"},
    {"count", "NumberOfRepetitions"},
    {"timeout", "Timeout"},
    {"size", "DataBlockSize"},
    {"interval", "InterTransmissionTime"},
    {"per-packet", "EnableIndividualPacketResults"},
    {"dscp", "DSCP"},
    {"protocol", "ProtocolVersion"},
    {"interface", "Interface"},
    {NULL, NULL},
};

static const CwmpCtlDiagOption cwmp_ctl_diag_ping_options[] = {
    {"host", "Host"},		{"count", "NumberOfRepetitions"},
    {"timeout", "Timeout"},	{"size", "DataBlockSize"},
    {"dscp", "DSCP"},		{"protocol", "ProtocolVersion"},
    {"interface", "Interface"}, {NULL, NULL},
};

static const CwmpCtlDiagOption cwmp_ctl_diag_traceroute_options[] = {
    {"host", "Host"},
    {"tries", "NumberOfTries"},
    {"timeout", "Timeout"},
    {"size", "DataBlockSize"},
    {"max-hops", "MaxHopCount"},
    {"dscp", "DSCP"},
    {"protocol", "ProtocolVersion"},
    {"interface", "Interface"},
    {NULL, NULL},
};

static const CwmpCtlDiagOption cwmp_ctl_diag_nslookup_options[] = {
    {"host", "HostName"},   {"server", "DNSServer"},	{"count", "NumberOfRepetitions"},
    {"timeout", "Timeout"}, {"interface", "Interface"}, {NULL, NULL},
};

static const CwmpCtlDiagKind cwmp_ctl_diag_kinds[] = {
    {"download", "Device.IP.Diagnostics.DownloadDiagnostics.", cwmp_ctl_diag_download_options,
     "TestBytesReceived"},
    {"upload", "Device.IP.Diagnostics.UploadDiagnostics.", cwmp_ctl_diag_upload_options,
     "TestBytesSent"},
    {"udpecho", "Device.IP.Diagnostics.UDPEchoDiagnostics.", cwmp_ctl_diag_udpecho_options},
    {"ping", "Device.IP.Diagnostics.IPPing.", cwmp_ctl_diag_ping_options},
    {"traceroute", "Device.IP.Diagnostics.TraceRoute.", cwmp_ctl_diag_traceroute_options},
    {"nslookup", "Device.DNS.Diagnostics.NSLookupDiagnostics.", cwmp_ctl_diag_nslookup_options},
};

/* the parameter an option=value argument sets: an option of the kind, or a
 * parameter name of the object as it is (ProtocolVersion=IPv6) */
static const gchar *
cwmp_ctl_diag_lookup_option(const CwmpCtlDiagKind *kind, const gchar *option)
{
	for (guint i = 0; kind->options[i].option != NULL; i++) {
		if (g_strcmp0(kind->options[i].option, option) == 0)
			return kind->options[i].parameter;
	}
	if (g_ascii_isupper(option[0]) && strchr(option, '.') == NULL)
		return option;
	return NULL;
}

static gchar *
cwmp_ctl_diag_get_state(CwmpCtl *ctl, const gchar *path, GError **error)
{
	const gchar *paths[] = {path, NULL};
	g_autoptr(GVariant) values = NULL;
	const gchar *value = NULL;

	if (!cwmp_dbus_agent1_call_get_parameter_values_sync(ctl->agent, paths, &values, NULL,
							     error))
		return NULL;
	if (g_variant_n_children(values) != 1) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "no value for %s", path);
		return NULL;
	}
	g_variant_get_child(values, 0, "(&s&s&s)", NULL, &value, NULL);
	return g_strdup(value);
}

static gboolean
cwmp_ctl_diag_tick_cb(gpointer user_data)
{
	/* removed by the waiter, which may also wake up from a signal */
	g_main_loop_quit(user_data);
	return G_SOURCE_CONTINUE;
}

static gboolean
cwmp_ctl_diag_signal_cb(gpointer user_data)
{
	gboolean *interrupted = user_data;
	*interrupted = TRUE;
	return G_SOURCE_CONTINUE;
}

static void
cwmp_ctl_diag_changed_cb(CwmpDbusAgent1 *agent,
			 const gchar	*path,
			 const gchar	*value,
			 gpointer	 user_data)
{
	g_main_loop_quit(user_data);
}

/* waits until the test leaves Requested; progress on stderr */
static gchar *
cwmp_ctl_diag_wait(CwmpCtl     *ctl,
		   const gchar *state_path,
		   const gchar *progress_path,
		   gboolean    *interrupted,
		   GError     **error)
{
	g_autoptr(GMainLoop) loop = g_main_loop_new(NULL, FALSE);
	const gchar *paths[] = {state_path, NULL};
	gint64	     start = g_get_monotonic_time();
	gint64	     last_report = start;
	guint	     sigint_id = g_unix_signal_add(SIGINT, cwmp_ctl_diag_signal_cb, interrupted);
	guint	     sigterm_id = g_unix_signal_add(SIGTERM, cwmp_ctl_diag_signal_cb, interrupted);
	gulong	     handler = g_signal_connect(ctl->agent, "parameter-changed",
						G_CALLBACK(cwmp_ctl_diag_changed_cb), loop);
	gchar	    *state = NULL;

	/* ParameterChanged wakes us early; the poll is the fallback */
	(void) cwmp_dbus_agent1_call_subscribe_sync(ctl->agent, paths, NULL, NULL);
	for (;;) {
		guint tick;
		g_free(state);
		state = cwmp_ctl_diag_get_state(ctl, state_path, error);
		if (state == NULL || g_strcmp0(state, "Requested") != 0 || *interrupted)
			break;
		if (!ctl->json && g_get_monotonic_time() - last_report >= 2 * G_USEC_PER_SEC) {
			g_autofree gchar *bytes =
			    progress_path != NULL
				? cwmp_ctl_diag_get_state(ctl, progress_path, NULL)
				: NULL;
			g_autofree gchar *size =
			    bytes != NULL ? g_format_size(g_ascii_strtoull(bytes, NULL, 10)) : NULL;
			last_report = g_get_monotonic_time();
			g_printerr("cwmpctl: %s after %.0f s%s%s\n", state,
				   (last_report - start) / (gdouble) G_USEC_PER_SEC,
				   size != NULL ? ", " : "", size != NULL ? size : "");
		}
		tick = g_timeout_add(250, cwmp_ctl_diag_tick_cb, loop);
		g_main_loop_run(loop);
		g_source_remove(tick);
	}
	g_signal_handler_disconnect(ctl->agent, handler);
	g_source_remove(sigint_id);
	g_source_remove(sigterm_id);
	return state;
}

static CwmpCtlExit
cwmp_ctl_cmd_diag(CwmpCtl *ctl, gchar **args)
{
	const CwmpCtlDiagKind *kind = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) values = NULL;
	g_autofree gchar *state_path = NULL;
	g_autofree gchar *state = NULL;
	const gchar	 *object_paths[2] = {NULL, NULL};
	GVariantBuilder	  arg;
	gboolean	  interrupted = FALSE;
	guint		  status = 0;
	GVariantIter	  iter;
	const gchar	 *path;
	const gchar	 *value;
	const gchar	 *type;

	for (guint i = 0; i < G_N_ELEMENTS(cwmp_ctl_diag_kinds); i++) {
		if (g_strcmp0(cwmp_ctl_diag_kinds[i].kind, args[0]) == 0)
			kind = &cwmp_ctl_diag_kinds[i];
	}
	if (kind == NULL)
		return cwmp_ctl_usage_error("unknown diagnostic '%s' (download, upload, udpecho, "
					    "ping, traceroute or nslookup)",
					    args[0]);
	state_path = g_strconcat(kind->object, "DiagnosticsState", NULL);
	g_variant_builder_init(&arg, G_VARIANT_TYPE("a(sss)"));
	for (guint i = 1; args[i] != NULL; i++) {
		g_autofree gchar *option = NULL;
		g_autofree gchar *full = NULL;
		const gchar	 *equal = strchr(args[i], '=');
		const gchar	 *parameter;
		if (equal == NULL || equal == args[i]) {
			g_variant_builder_clear(&arg);
			return cwmp_ctl_usage_error("'%s' is not OPTION=VALUE", args[i]);
		}
		option = g_strndup(args[i], equal - args[i]);
		parameter = cwmp_ctl_diag_lookup_option(kind, option);
		if (parameter == NULL) {
			g_variant_builder_clear(&arg);
			return cwmp_ctl_usage_error("'%s' is not an option of diag %s", option,
						    kind->kind);
		}
		full = g_strconcat(kind->object, parameter, NULL);
		g_variant_builder_add(&arg, "(sss)", full, equal + 1, "");
	}
	g_variant_builder_add(&arg, "(sss)", state_path, "Requested", "");
	if (!cwmp_ctl_ensure_agent(ctl)) {
		g_variant_builder_clear(&arg);
		return ctl->exit_code;
	}
	if (!cwmp_dbus_agent1_call_set_parameter_values_sync(
		ctl->agent, g_variant_builder_end(&arg), &status, NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	if (!ctl->json)
		g_printerr("cwmpctl: %s requested\n", kind->object);
	{
		g_autofree gchar *progress_path =
		    kind->progress != NULL ? g_strconcat(kind->object, kind->progress, NULL) : NULL;
		state = cwmp_ctl_diag_wait(ctl, state_path, progress_path, &interrupted, &error);
	}
	if (state == NULL)
		return cwmp_ctl_report_error(ctl, error);
	if (interrupted) {
		GVariantBuilder cancel;
		g_variant_builder_init(&cancel, G_VARIANT_TYPE("a(sss)"));
		g_variant_builder_add(&cancel, "(sss)", state_path, "Canceled", "");
		(void) cwmp_dbus_agent1_call_set_parameter_values_sync(
		    ctl->agent, g_variant_builder_end(&cancel), &status, NULL, NULL);
		g_printerr("cwmpctl: interrupted, the test is canceled\n");
		return CWMP_CTL_EXIT_FAULT;
	}
	object_paths[0] = kind->object;
	if (!cwmp_dbus_agent1_call_get_parameter_values_sync(ctl->agent, object_paths, &values,
							     NULL, &error))
		return cwmp_ctl_report_error(ctl, error);
	g_variant_iter_init(&iter, values);
	if (ctl->json) {
		g_autoptr(JsonBuilder) builder = json_builder_new();
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "object");
		json_builder_add_string_value(builder, kind->object);
		json_builder_set_member_name(builder, "state");
		json_builder_add_string_value(builder, state);
		json_builder_set_member_name(builder, "results");
		json_builder_begin_object(builder);
		while (g_variant_iter_next(&iter, "(&s&s&s)", &path, &value, &type)) {
			json_builder_set_member_name(builder, path + strlen(kind->object));
			json_builder_add_string_value(builder, value);
		}
		json_builder_end_object(builder);
		json_builder_end_object(builder);
		cwmp_ctl_print_json(builder, TRUE);
	} else {
		g_autoptr(CwmpCtlFormatTable) table =
		    cwmp_ctl_format_table_new("RESULT", "VALUE", NULL);
		while (g_variant_iter_next(&iter, "(&s&s&s)", &path, &value, &type))
			cwmp_ctl_format_table_add_row(table, path + strlen(kind->object), value,
						      NULL);
		cwmp_ctl_print_table(table);
	}
	/* a test that ended in an error state is a failure of the command */
	return g_strcmp0(state, "Complete") == 0 ? CWMP_CTL_EXIT_OK : CWMP_CTL_EXIT_FAULT;
}

static const CwmpCtlCommand cwmp_ctl_commands[] = {
    {"status", "", 0, 0, cwmp_ctl_cmd_status},
    {"inform", "[EVENT...] [--get-rpc-methods]", 0, -1, cwmp_ctl_cmd_inform},
    {"get", "PATH...", 1, -1, cwmp_ctl_cmd_get},
    {"set", "PATH=VALUE[:TYPE]...", 1, -1, cwmp_ctl_cmd_set},
    {"add", "OBJECT.", 1, 1, cwmp_ctl_cmd_add},
    {"del", "OBJECT.N.", 1, 1, cwmp_ctl_cmd_del},
    {"names", "PATH [--next-level]", 1, 1, cwmp_ctl_cmd_names},
    {"attrs", "PATH...", 1, -1, cwmp_ctl_cmd_attrs},
    {"set-attr", "PATH notification=N [access=A,B]", 2, 3, cwmp_ctl_cmd_set_attr},
    {"plugins", "", 0, 0, cwmp_ctl_cmd_plugins},
    {"monitor", "[PATH...]", 0, -1, cwmp_ctl_cmd_monitor},
    {"reload", "", 0, 0, cwmp_ctl_cmd_reload},
    {"transfers", "[--follow]", 0, 0, cwmp_ctl_cmd_transfers},
    {"transfer", "download|upload FILETYPE URL [USER [PASSWORD]]", 3, 5, cwmp_ctl_cmd_transfer},
    {"diag", "KIND [OPTION=VALUE...]", 1, -1, cwmp_ctl_cmd_diag},
};

static gchar *
cwmp_ctl_commands_summary(void)
{
	GString *str = g_string_new("Commands:\n");
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_ctl_commands); i++) {
		g_string_append_printf(str, "  %-9s %s\n", cwmp_ctl_commands[i].name,
				       cwmp_ctl_commands[i].usage);
	}
	g_string_append(str, "\nDiagnostics (diag KIND): download, upload, udpecho, ping, "
			     "traceroute, nslookup;\noptions: url, connections, duration, "
			     "interval, offset, length, host, port,\ncount, timeout, size, "
			     "tries, max-hops, server, dscp, priority, protocol,\ninterface, "
			     "per-connection, per-packet, or a parameter name (Name=VALUE).\n");
	g_string_append(str, "\nExit status: 0 ok, 1 CWMP fault (or other refusal), 2 usage, "
			     "3 cwmpd not reachable.");
	return g_string_free(str, FALSE);
}

int
main(int argc, char **argv)
{
	g_auto(CwmpCtl) ctl = {.timeout = -1};
	g_autoptr(GOptionContext) context = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = cwmp_ctl_commands_summary();
	g_auto(GStrv) args = NULL;
	const CwmpCtlCommand *command = NULL;
	guint		      n_args;
	const GOptionEntry    entries[] = {
	       {"json", 'j', 0, G_OPTION_ARG_NONE, &ctl.json, "Print JSON", NULL},
	       {"system", 0, 0, G_OPTION_ARG_NONE, &ctl.system_bus, "Use the system bus (default)",
		NULL},
	       {"session", 0, 0, G_OPTION_ARG_NONE, &ctl.session_bus, "Use the session bus", NULL},
	       {"timeout", 't', 0, G_OPTION_ARG_INT, &ctl.timeout,
		"D-Bus call timeout in milliseconds", "MS"},
	       {"next-level", 0, 0, G_OPTION_ARG_NONE, &ctl.next_level,
		"names: only the next level below PATH", NULL},
	       {"get-rpc-methods", 0, 0, G_OPTION_ARG_NONE, &ctl.get_rpc_methods,
		"inform: also call GetRPCMethods in the session", NULL},
	       {"follow", 'f', 0, G_OPTION_ARG_NONE, &ctl.follow,
		"transfers: show progress until no transfer moves", NULL},
	       {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, "COMMAND [ARG...]"},
	       {NULL},
	   };

	setlocale(LC_ALL, "");
	context = g_option_context_new(NULL);
	g_option_context_set_summary(context, "Control the CWMP agent cwmpd over D-Bus.");
	g_option_context_set_description(context, summary);
	g_option_context_add_main_entries(context, entries, NULL);
	if (!g_option_context_parse(context, &argc, &argv, &error))
		return cwmp_ctl_usage_error("%s", error->message);
	if (ctl.system_bus && ctl.session_bus)
		return cwmp_ctl_usage_error("--system and --session exclude each other");
	if (ctl.timeout == 0 || ctl.timeout < -1)
		return cwmp_ctl_usage_error("--timeout must be a positive number of milliseconds");
	if (args == NULL || args[0] == NULL)
		return cwmp_ctl_usage_error("no command given");
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_ctl_commands); i++) {
		if (g_strcmp0(cwmp_ctl_commands[i].name, args[0]) == 0)
			command = &cwmp_ctl_commands[i];
	}
	if (command == NULL)
		return cwmp_ctl_usage_error("unknown command '%s'", args[0]);
	n_args = g_strv_length(args) - 1;
	if ((gint) n_args < command->min_args ||
	    (command->max_args >= 0 && (gint) n_args > command->max_args))
		return cwmp_ctl_usage_error("usage: cwmpctl %s %s", command->name, command->usage);
	if (ctl.next_level && g_strcmp0(command->name, "names") != 0)
		return cwmp_ctl_usage_error("--next-level is an option of 'names' only");
	if (ctl.get_rpc_methods && g_strcmp0(command->name, "inform") != 0)
		return cwmp_ctl_usage_error("--get-rpc-methods is an option of 'inform' only");
	if (ctl.follow && g_strcmp0(command->name, "transfers") != 0)
		return cwmp_ctl_usage_error("--follow is an option of 'transfers' only");
	return command->func(&ctl, args + 1);
}
