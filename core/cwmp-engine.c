/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cwmp-engine.h"
#include "cwmp-error.h"
#include "cwmp-event.h"
#include "cwmp-file-types.h"
#include "cwmp-rpc.h"
#include "cwmp-session.h"
#include "cwmp-soap-message.h"
#include "cwmp-store.h"
#include "cwmp-transfer-queue.h"

#define CWMP_ENGINE_STATE_FILE	 "engine.state"
#define CWMP_ENGINE_BOOT_ID_FILE "/proc/sys/kernel/random/boot_id"

struct _CwmpEngine {
	GObject		      parent_instance;
	CwmpConfig	     *config;
	CwmpDm		     *dm;
	gchar		     *state_directory;
	CwmpManagementServer *ms;
	CwmpEventQueue	     *events;
	CwmpScheduler	     *scheduler;
	CwmpCrServer	     *cr;
	CwmpRpcHandler	     *rpc;
	CwmpHost	     *host; /* plugins' view: events, session state */
	CwmpTransferQueue    *transfers;
	CwmpFileTypes	     *file_types;  /* the core's default handlers */
	guint		      reboot_call; /* a reboot for an applied firmware */
	CwmpStore	     *store;	   /* engine.state: bootstrapped URL, boot id */
	gchar		     *bootstrapped_url;
	gchar		     *boot_id;
	CwmpSession	     *session;
	GCancellable	     *cancellable;
	GPtrArray	     *sent_events; /* CwmpEvent of the Inform in flight */
	gchar		     *session_url;
	guint64		      session_id;     /* the number of the last session started */
	gchar		     *session_events; /* its Inform's event codes, comma-separated */
	gchar		     *session_end;    /* the end of the last session, not logged yet */
	gboolean	      session_end_ok;
	GStrv		      acs_methods; /* what the ACS answered to our last GetRPCMethods */
	gboolean	      get_rpc_methods_pending;
	gboolean	      reboot_pending;
	gboolean	      factory_reset_pending;
	gboolean	      started;
	guint		      succeeded;
	guint		      failed;
};

G_DEFINE_TYPE(CwmpEngine, cwmp_engine, G_TYPE_OBJECT)

enum { SIGNAL_SESSION_STARTED, SIGNAL_SESSION_ENDED, SIGNAL_FACTORY_RESET_DONE, SIGNAL_LAST };
static guint signals[SIGNAL_LAST] = {0};

CwmpEngine *
cwmp_engine_new(CwmpConfig *config, CwmpDm *dm, const gchar *state_directory)
{
	CwmpEngine *self;
	g_return_val_if_fail(CWMP_IS_CONFIG(config), NULL);
	g_return_val_if_fail(CWMP_IS_DM(dm), NULL);
	g_return_val_if_fail(state_directory != NULL, NULL);
	self = g_object_new(CWMP_TYPE_ENGINE, NULL);
	self->config = g_object_ref(config);
	self->dm = g_object_ref(dm);
	self->state_directory = g_strdup(state_directory);
	self->ms = cwmp_management_server_new(dm, config);
	self->store = cwmp_store_new(state_directory, CWMP_ENGINE_STATE_FILE, "engine");
	self->host = cwmp_host_new();
	return self;
}

/**
 * cwmp_engine_set_host:
 * @self: an engine not started yet
 * @host: the agent's host: the engine queues its plugins' events and tells
 *   it when sessions start and end
 */
void
cwmp_engine_set_host(CwmpEngine *self, CwmpHost *host)
{
	g_return_if_fail(CWMP_IS_ENGINE(self));
	g_return_if_fail(CWMP_IS_HOST(host));
	g_set_object(&self->host, host);
}

CwmpHost *
cwmp_engine_get_host(CwmpEngine *self)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), NULL);
	return self->host;
}

/* Device.ManagementServer. is registered like a plugin's objects, before freeze */
gboolean
cwmp_engine_register(CwmpEngine *self, GError **error)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), FALSE);
	return cwmp_management_server_register(self->ms, error);
}

/* --- engine.state -------------------------------------------------------- */

static gboolean
cwmp_engine_read_state_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	CwmpEngine *self = CWMP_ENGINE(user_data);
	if (record->n_fields != 1) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "record '%c' is malformed",
			    record->tag);
		return FALSE;
	}
	switch (record->tag) {
	case 'u':
		g_free(self->bootstrapped_url);
		self->bootstrapped_url = g_strdup(record->fields[0]);
		return TRUE;
	case 'b':
		g_free(self->boot_id);
		self->boot_id = g_strdup(record->fields[0]);
		return TRUE;
	default:
		/* written by a newer cwmpd: ignore */
		return TRUE;
	}
}

static gboolean
cwmp_engine_save_state(CwmpEngine *self, GError **error)
{
	g_autoptr(CwmpStoreWriter) writer = cwmp_store_writer_new(self->store, error);
	if (writer == NULL)
		return FALSE;
	if (self->bootstrapped_url != NULL &&
	    !cwmp_store_writer_add1(writer, 'u', self->bootstrapped_url, error))
		return FALSE;
	if (self->boot_id != NULL && !cwmp_store_writer_add1(writer, 'b', self->boot_id, error))
		return FALSE;
	return cwmp_store_writer_commit(writer, error);
}

/* the kernel's id of this boot tells a device boot from a restart of cwmpd */
static gchar *
cwmp_engine_read_boot_id(void)
{
	const gchar	 *file = g_getenv("CWMP_BOOT_ID_FILE");
	g_autofree gchar *contents = NULL;
	if (file == NULL)
		file = CWMP_ENGINE_BOOT_ID_FILE;
	if (!g_file_get_contents(file, &contents, NULL, NULL))
		return NULL;
	return g_strdup(g_strstrip(contents));
}

/* --- hooks --------------------------------------------------------------- */

static void
cwmp_engine_run_hook(CwmpEngine *self, const gchar *key)
{
	g_autofree gchar *command = cwmp_config_get_string(self->config, "hooks", key);
	g_auto(GStrv) argv = NULL;
	g_auto(GStrv) envp = g_get_environ();
	g_autofree gchar *pid = g_strdup_printf("%d", (gint) getpid());
	g_autoptr(GError) error = NULL;

	if (command == NULL || command[0] == '\0') {
		g_message("no [hooks] %s command configured: nothing to run", key);
		return;
	}
	if (!g_shell_parse_argv(command, NULL, &argv, &error)) {
		g_warning("[hooks] %s: %s", key, error->message);
		return;
	}
	envp = g_environ_setenv(envp, "CWMPD_PID", pid, TRUE);
	envp = g_environ_setenv(envp, "CWMPD_STATE_DIRECTORY", self->state_directory, TRUE);
	g_message("running [hooks] %s: %s", key, command);
	if (!g_spawn_async(NULL, argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &error))
		g_warning("[hooks] %s: %s", key, error->message);
}

/* back to factory defaults: every state file goes, so the next start is a
 * first start (0 BOOTSTRAP) with the configuration's defaults */
static void
cwmp_engine_factory_reset(CwmpEngine *self)
{
	g_autoptr(GDir) dir = NULL;
	g_autoptr(GError) error = NULL;
	const gchar *name;

	cwmp_engine_run_hook(self, "factory-reset");
	dir = g_dir_open(self->state_directory, 0, &error);
	if (dir == NULL) {
		g_warning("factory reset: %s", error->message);
	} else {
		while ((name = g_dir_read_name(dir)) != NULL) {
			g_autofree gchar *path =
			    g_build_filename(self->state_directory, name, NULL);
			if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
				continue;
			if (g_unlink(path) != 0)
				g_warning("factory reset: cannot remove %s: %s", path,
					  g_strerror(errno));
		}
	}
	g_message("factory reset done: the state in %s is gone", self->state_directory);
	g_signal_emit(self, signals[SIGNAL_FACTORY_RESET_DONE], 0);
}

/* --- the Inform ---------------------------------------------------------- */

static gchar *
cwmp_engine_identity(CwmpEngine *self, const gchar *param, const gchar *config_key)
{
	g_autofree gchar *path = g_strconcat("Device.DeviceInfo.", param, NULL);
	gchar		 *value = cwmp_dm_get_value(self->dm, path, NULL);
	if (value != NULL && value[0] != '\0')
		return value;
	g_free(value);
	value = cwmp_config_get_string(self->config, "device", config_key);
	return value != NULL ? value : g_strdup("");
}

static void
cwmp_engine_add_inform_param(CwmpEngine *self, CwmpRpc *inform, GHashTable *seen, const gchar *path)
{
	g_autoptr(GError) error = NULL;
	const CwmpSchemaParam *info;
	g_autofree gchar      *value = NULL;

	if (g_hash_table_contains(seen, path))
		return;
	info = cwmp_dm_lookup_param_info(self->dm, path, &error);
	if (info == NULL) {
		g_debug("Inform parameter %s: %s", path, error->message);
		return;
	}
	value = cwmp_dm_get_value(self->dm, path, &error);
	if (value == NULL) {
		g_warning("Inform parameter %s: %s", path, error->message);
		return;
	}
	g_hash_table_add(seen, g_strdup(path));
	g_ptr_array_add(inform->inform.parameter_list,
			cwmp_rpc_param_value_new(path, value, (CwmpType) info->type));
}

static CwmpRpc *
cwmp_engine_build_inform(CwmpEngine *self)
{
	CwmpRpc *inform = cwmp_rpc_new(CWMP_RPC_INFORM);
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GPtrArray) forced = NULL;
	g_autoptr(GPtrArray) changed = NULL;
	g_autoptr(GPtrArray) extra = NULL;
	g_autoptr(GPtrArray) codes = g_ptr_array_new();

	inform->inform.device_id.manufacturer =
	    cwmp_engine_identity(self, "Manufacturer", "manufacturer");
	inform->inform.device_id.oui = cwmp_engine_identity(self, "ManufacturerOUI", "oui");
	inform->inform.device_id.product_class =
	    cwmp_engine_identity(self, "ProductClass", "product-class");
	inform->inform.device_id.serial_number =
	    cwmp_engine_identity(self, "SerialNumber", "serial-number");

	g_clear_pointer(&self->sent_events, g_ptr_array_unref);
	self->sent_events = cwmp_event_queue_list(self->events);
	for (guint i = 0; i < self->sent_events->len; i++) {
		CwmpEvent *event = g_ptr_array_index(self->sent_events, i);
		g_ptr_array_add(inform->inform.event,
				cwmp_rpc_event_new(cwmp_event_get_code(event),
						   cwmp_event_get_command_key(event)));
		g_ptr_array_add(codes, (gpointer) cwmp_event_get_code(event));
	}
	g_ptr_array_add(codes, NULL);
	inform->inform.max_envelopes = 1;
	inform->inform.current_time = g_date_time_new_now_utc();
	inform->inform.retry_count = cwmp_scheduler_get_retry_count(self->scheduler);

	/* forced-inform parameters from the schema, InformParameter.{i}., changes */
	forced = cwmp_dm_get_forced_inform_paths(self->dm);
	for (guint i = 0; i < forced->len; i++)
		cwmp_engine_add_inform_param(self, inform, seen, g_ptr_array_index(forced, i));
	extra = cwmp_management_server_get_inform_parameters(self->ms,
							     (const gchar *const *) codes->pdata);
	for (guint i = 0; extra != NULL && i < extra->len; i++)
		cwmp_engine_add_inform_param(self, inform, seen, g_ptr_array_index(extra, i));
	changed = cwmp_dm_get_changed(self->dm);
	for (guint i = 0; i < changed->len; i++) {
		CwmpDmParamValue *pv = g_ptr_array_index(changed, i);
		if (g_hash_table_contains(seen, pv->path))
			continue;
		g_hash_table_add(seen, g_strdup(pv->path));
		g_ptr_array_add(inform->inform.parameter_list,
				cwmp_rpc_param_value_new(pv->path, pv->value, pv->type));
	}
	return inform;
}

/* --- sessions ------------------------------------------------------------ */

static GBytes *
cwmp_engine_request_cb(CwmpSession *session, CwmpSoapMessage *request, gpointer user_data)
{
	CwmpEngine *self = CWMP_ENGINE(user_data);
	return cwmp_rpc_handler_handle(self->rpc, request);
}

static gboolean
cwmp_engine_events_contain(GPtrArray *events, const gchar *code)
{
	for (guint i = 0; events != NULL && i < events->len; i++) {
		if (g_strcmp0(cwmp_event_get_code(g_ptr_array_index(events, i)), code) == 0)
			return TRUE;
	}
	return FALSE;
}

static void
cwmp_engine_after_session(CwmpEngine *self)
{
	if (self->factory_reset_pending) {
		self->factory_reset_pending = FALSE;
		self->reboot_pending = FALSE;
		cwmp_engine_factory_reset(self);
		return;
	}
	if (self->reboot_pending) {
		self->reboot_pending = FALSE;
		cwmp_engine_run_hook(self, "reboot");
	}
}

/* a record of the session summary, with the session's fields for the journal */
static void
cwmp_engine_log_session(CwmpEngine *self, GLogLevelFlags level, const gchar *message)
{
	g_autofree gchar *id = g_strdup_printf("%" G_GUINT64_FORMAT, self->session_id);

	g_log_structured(G_LOG_DOMAIN, level, "CWMP_SESSION_ID", id, "CWMP_ACS_URL",
			 self->session_url != NULL ? self->session_url : "", "CWMP_EVENTS",
			 self->session_events != NULL ? self->session_events : "", "MESSAGE", "%s",
			 message);
}

/* logs the end of the last session with the time of the next one: @next_due
 * (seconds since the epoch) or CWMP_SCHEDULER_NEVER */
static void
cwmp_engine_log_session_end(CwmpEngine *self, gint64 next_due)
{
	g_autofree gchar *next = NULL;
	g_autofree gchar *message = NULL;

	if (self->session_end == NULL)
		return;
	if (next_due == CWMP_SCHEDULER_NEVER) {
		next = g_strdup("no next session scheduled");
	} else {
		g_autoptr(GDateTime) time = g_date_time_new_from_unix_local(next_due);
		g_autofree gchar *text =
		    time != NULL ? g_date_time_format(time, "%Y-%m-%d %H:%M:%S %z") : NULL;
		next = text != NULL
			   ? g_strdup_printf("next session at %s", text)
			   : g_strdup_printf("next session at %" G_GINT64_FORMAT, next_due);
	}
	message = g_strdup_printf("session %" G_GUINT64_FORMAT " ended: %s; %s", self->session_id,
				  self->session_end, next);
	cwmp_engine_log_session(
	    self, self->session_end_ok ? G_LOG_LEVEL_MESSAGE : G_LOG_LEVEL_WARNING, message);
	g_clear_pointer(&self->session_end, g_free);
}

static void
cwmp_engine_session_done_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(CwmpEngine) self = CWMP_ENGINE(user_data);
	g_autoptr(CwmpSession) session = CWMP_SESSION(source);
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error_local = NULL;
	gboolean ok = cwmp_session_run_finish(session, result, &error);

	if (self->session == session)
		g_clear_object(&self->session);
	if (ok) {
		self->succeeded++;
		if (!cwmp_event_queue_delivered(self->events, self->sent_events, &error_local)) {
			g_warning("session done, but the events cannot be marked delivered: %s",
				  error_local->message);
			g_clear_error(&error_local);
		}
		if (!cwmp_dm_ack_changed(self->dm, &error_local)) {
			g_warning("cannot save the reported values: %s", error_local->message);
			g_clear_error(&error_local);
		}
		if (cwmp_engine_events_contain(self->sent_events, "0 BOOTSTRAP")) {
			g_free(self->bootstrapped_url);
			self->bootstrapped_url = g_strdup(self->session_url);
			if (!cwmp_engine_save_state(self, &error_local)) {
				g_warning("cannot save %s: %s", CWMP_ENGINE_STATE_FILE,
					  error_local->message);
				g_clear_error(&error_local);
			}
		}
		/* " done: " is what the integration tests wait for */
		self->session_end =
		    g_strdup_printf("success: done: %u ACS request%s answered",
				    cwmp_session_get_requests_handled(session),
				    cwmp_session_get_requests_handled(session) == 1 ? "" : "s");
		self->session_end_ok = TRUE;
	} else {
		self->failed++;
		self->session_end = g_strdup_printf("failed: %s", error->message);
		self->session_end_ok = FALSE;
		if (!cwmp_event_queue_session_failed(self->events, &error_local))
			g_warning("cannot keep the events for the retry: %s", error_local->message);
	}
	g_clear_pointer(&self->sent_events, g_ptr_array_unref);
	cwmp_cr_server_set_session_active(self->cr, FALSE);
	cwmp_host_set_session_active(self->host, FALSE);
	g_signal_emit(self, signals[SIGNAL_SESSION_ENDED], 0, ok,
		      ok ? "success" : (error != NULL ? error->message : "failed"));
	if (!self->started) {
		cwmp_engine_log_session_end(self, CWMP_SCHEDULER_NEVER);
		return;
	}
	/* the scheduler may ask for the next session from here: that one logs
	 * the end of this one first */
	cwmp_scheduler_session_finished(self->scheduler, ok);
	cwmp_engine_log_session_end(self, cwmp_scheduler_get_next_due(self->scheduler));
	if (ok)
		cwmp_engine_after_session(self);
}

static void
cwmp_engine_get_rpc_methods_cb(CwmpSession     *session,
			       CwmpRpc	       *request,
			       CwmpSoapMessage *response,
			       const GError    *error,
			       gpointer		user_data)
{
	CwmpEngine *self = CWMP_ENGINE(user_data);

	if (response == NULL || response->rpc == NULL ||
	    response->rpc->method != CWMP_RPC_GET_RPC_METHODS_RESPONSE) {
		/* not answered: ask again in the next session */
		g_message("GetRPCMethods to the ACS: %s",
			  error != NULL ? error->message : "answered with a fault");
		self->get_rpc_methods_pending = TRUE;
	} else {
		g_autofree gchar *list = NULL;
		g_strfreev(self->acs_methods);
		self->acs_methods = g_strdupv(response->rpc->get_rpc_methods_response.method_list);
		list = self->acs_methods != NULL ? g_strjoinv(", ", self->acs_methods)
						 : g_strdup("");
		g_message("the ACS supports: %s", list);
	}
	g_object_unref(self);
}

/**
 * cwmp_engine_queue_get_rpc_methods:
 * @self: a #CwmpEngine
 *
 * The next session calls GetRPCMethods on the ACS (for example when asked
 * over D-Bus); cwmp_engine_dup_acs_methods() then has the answer.
 */
void
cwmp_engine_queue_get_rpc_methods(CwmpEngine *self)
{
	g_return_if_fail(CWMP_IS_ENGINE(self));
	self->get_rpc_methods_pending = TRUE;
}

GStrv
cwmp_engine_dup_acs_methods(CwmpEngine *self)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), NULL);
	return g_strdupv(self->acs_methods);
}

static void
cwmp_engine_run_session(CwmpEngine *self)
{
	g_autofree gchar *url = NULL;
	g_autofree gchar *username = NULL;
	g_autofree gchar *password = NULL;
	g_autofree gchar *ca_file = NULL;
	g_autofree gchar *ca_directory = NULL;
	g_autofree gchar *client_certificate = NULL;
	g_autofree gchar *client_key = NULL;
	g_autoptr(CwmpRpc) inform = NULL;

	if (!self->started || self->session != NULL)
		return;
	/* asked for by the end of the last session: it starts now */
	cwmp_engine_log_session_end(self, cwmp_scheduler_get_now(self->scheduler));
	url = cwmp_management_server_get_url(self->ms);
	if (url == NULL || url[0] == '\0') {
		g_message("no ACS URL set (ManagementServer.URL, [acs] url): events stay queued");
		return;
	}
	inform = cwmp_engine_build_inform(self);
	self->session = cwmp_session_new(url);
	g_free(self->session_url);
	self->session_url = g_strdup(url);
	g_free(self->session_events);
	self->session_events = cwmp_session_format_events(inform);
	cwmp_session_set_id(self->session, ++self->session_id);
	username = cwmp_management_server_get_username(self->ms);
	password = cwmp_management_server_get_password(self->ms);
	if (username != NULL && username[0] != '\0')
		cwmp_session_set_credentials(self->session, username, password);
	ca_file = cwmp_config_get_string(self->config, "acs", "ca-file");
	if (ca_file != NULL && ca_file[0] != '\0')
		cwmp_session_set_ca_file(self->session, ca_file);
	ca_directory = cwmp_config_get_string(self->config, "acs", "ca-directory");
	if (ca_directory != NULL && ca_directory[0] != '\0')
		cwmp_session_set_ca_directory(self->session, ca_directory);
	client_certificate = cwmp_config_get_string(self->config, "acs", "client-certificate");
	client_key = cwmp_config_get_string(self->config, "acs", "client-key");
	if (client_certificate != NULL && client_certificate[0] != '\0')
		cwmp_session_set_client_certificate(self->session, client_certificate, client_key);
	cwmp_session_set_timeout(
	    self->session, (guint) cwmp_config_get_integer(self->config, "acs", "session-timeout"));
	cwmp_session_set_request_func(self->session, cwmp_engine_request_cb, self, NULL);
	if (self->transfers != NULL)
		cwmp_transfer_queue_add_session_requests(self->transfers, self->session);
	if (self->get_rpc_methods_pending) {
		g_autoptr(CwmpRpc) request = cwmp_rpc_new(CWMP_RPC_GET_RPC_METHODS);
		self->get_rpc_methods_pending = FALSE;
		cwmp_session_add_cpe_request(self->session, request, cwmp_engine_get_rpc_methods_cb,
					     g_object_ref(self));
	}

	cwmp_scheduler_session_started(self->scheduler);
	cwmp_cr_server_set_session_active(self->cr, TRUE);
	cwmp_host_set_session_active(self->host, TRUE);
	g_signal_emit(self, signals[SIGNAL_SESSION_STARTED], 0);
	{
		g_autofree gchar *message = g_strdup_printf(
		    "session %" G_GUINT64_FORMAT " started with %s (%u event%s, RetryCount %u)",
		    self->session_id, url, inform->inform.event->len,
		    inform->inform.event->len == 1 ? "" : "s", inform->inform.retry_count);
		cwmp_engine_log_session(self, G_LOG_LEVEL_MESSAGE, message);
	}
	cwmp_session_run_async(g_object_ref(self->session), inform, self->cancellable,
			       cwmp_engine_session_done_cb, g_object_ref(self));
}

static void
cwmp_engine_session_wanted_cb(CwmpScheduler *scheduler, gpointer user_data)
{
	cwmp_engine_run_session(CWMP_ENGINE(user_data));
}

/* --- triggers ------------------------------------------------------------ */

static void
cwmp_engine_value_changed_cb(CwmpDm *dm, const gchar *path, guint notification, gpointer user_data)
{
	CwmpEngine *self = CWMP_ENGINE(user_data);
	g_autoptr(GError) error = NULL;
	if (!cwmp_scheduler_value_changed(self->scheduler, notification, &error))
		g_warning("value change of %s: %s", path, error->message);
}

static void
cwmp_engine_connection_request_cb(CwmpCrServer *cr, gpointer user_data)
{
	CwmpEngine *self = CWMP_ENGINE(user_data);
	g_autoptr(GError) error = NULL;
	g_message("connection request from the ACS");
	if (!cwmp_scheduler_connection_request(self->scheduler, &error))
		g_warning("connection request: %s", error->message);
}

static void
cwmp_engine_cr_credentials_changed_cb(CwmpManagementServer *ms, gpointer user_data)
{
	CwmpEngine	 *self = CWMP_ENGINE(user_data);
	g_autofree gchar *username = cwmp_management_server_get_cr_username(ms);
	g_autofree gchar *password = cwmp_management_server_get_cr_password(ms);
	cwmp_cr_server_set_credentials(self->cr, username, password);
}

static void
cwmp_engine_reboot_requested_cb(CwmpRpcHandler *rpc, const gchar *command_key, gpointer user_data)
{
	CwmpEngine *self = CWMP_ENGINE(user_data);
	self->reboot_pending = TRUE;
}

static void
cwmp_engine_factory_reset_requested_cb(CwmpRpcHandler *rpc, gpointer user_data)
{
	CwmpEngine *self = CWMP_ENGINE(user_data);
	self->factory_reset_pending = TRUE;
}

/* a plugin's event (8 DIAGNOSTICS COMPLETE): queued, and a session asked for */
static gboolean
cwmp_engine_host_event_cb(const gchar *code,
			  const gchar *command_key,
			  gpointer     user_data,
			  GError     **error)
{
	CwmpEngine *self = CWMP_ENGINE(user_data);
	return cwmp_scheduler_add_event(self->scheduler, code, command_key, error);
}

static gboolean
cwmp_engine_reboot_cb(gpointer user_data)
{
	CwmpEngine *self = CWMP_ENGINE(user_data);
	self->reboot_call = 0;
	g_message("rebooting: an applied file takes effect after a reboot");
	cwmp_engine_run_hook(self, "reboot");
	return G_SOURCE_REMOVE;
}

/* a firmware image was applied: the reboot runs when no session does */
static void
cwmp_engine_reboot_wanted_cb(CwmpTransferQueue *queue, gpointer user_data)
{
	CwmpEngine *self = CWMP_ENGINE(user_data);
	if (self->reboot_call == 0)
		self->reboot_call =
		    cwmp_host_call_when_idle(self->host, cwmp_engine_reboot_cb, self, NULL);
}

static gboolean
cwmp_engine_start_transfers(CwmpEngine *self, GError **error)
{
	self->file_types = cwmp_file_types_new(self->config);
	cwmp_file_types_register(self->file_types, self->host);
	self->transfers =
	    cwmp_transfer_queue_new(self->config, self->dm, self->host, self->scheduler,
				    self->events, self->state_directory, self->boot_id);
	if (!cwmp_transfer_queue_load(self->transfers, error))
		return FALSE;
	if (!cwmp_transfer_queue_register_methods(self->transfers, self->rpc, error))
		return FALSE;
	g_signal_connect_object(self->transfers, "reboot-wanted",
				G_CALLBACK(cwmp_engine_reboot_wanted_cb), self, 0);
	return TRUE;
}

static gboolean
cwmp_engine_load_events(CwmpEngine *self, GError **error)
{
	g_autoptr(GError) error_local = NULL;
	g_autofree gchar *moved = NULL;

	self->events = cwmp_event_queue_new(self->state_directory);
	if (cwmp_event_queue_load(self->events, &error_local))
		return TRUE;
	if (!g_error_matches(error_local, CWMP_ERROR, CWMP_ERROR_CORRUPT) &&
	    !g_error_matches(error_local, CWMP_ERROR, CWMP_ERROR_VERSION)) {
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	/* never reset in place: keep the evidence */
	if (!cwmp_event_queue_quarantine(self->events, &moved, error))
		return FALSE;
	g_warning("event queue %s is damaged (%s); moved it to %s",
		  cwmp_event_queue_get_filename(self->events), error_local->message, moved);
	g_clear_object(&self->events);
	self->events = cwmp_event_queue_new(self->state_directory);
	return cwmp_event_queue_load(self->events, error);
}

gboolean
cwmp_engine_start(CwmpEngine *self, GError **error)
{
	g_autoptr(GError) error_local = NULL;
	g_autofree gchar *boot_id = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *address = NULL;
	g_autofree gchar *advertised = NULL;
	g_autofree gchar *cr_url = NULL;
	gboolean	  device_boot;

	g_return_val_if_fail(CWMP_IS_ENGINE(self), FALSE);
	g_return_val_if_fail(!self->started, FALSE);

	if (!cwmp_management_server_start(self->ms, error))
		return FALSE;
	if (!cwmp_engine_load_events(self, error))
		return FALSE;
	if (!cwmp_store_read(self->store, cwmp_engine_read_state_cb, self, &error_local)) {
		g_warning("%s: %s; treating this start as a first start", CWMP_ENGINE_STATE_FILE,
			  error_local->message);
		if (!cwmp_store_quarantine(self->store, NULL, error))
			return FALSE;
		g_clear_error(&error_local);
		g_clear_pointer(&self->bootstrapped_url, g_free);
		g_clear_pointer(&self->boot_id, g_free);
	}

	/* a device boot drops what does not survive one and adds 1 BOOT; a restart
	 * of cwmpd alone keeps every pending event */
	boot_id = cwmp_engine_read_boot_id();
	device_boot = boot_id == NULL || g_strcmp0(boot_id, self->boot_id) != 0;
	if (device_boot) {
		if (!cwmp_event_queue_drop_on_reboot(self->events, error))
			return FALSE;
		if (!cwmp_event_queue_add(self->events, "1 BOOT", NULL, error))
			return FALSE;
		g_free(self->boot_id);
		self->boot_id = g_steal_pointer(&boot_id);
	}
	/* first contact with this ACS: first start, factory reset, new URL */
	url = cwmp_management_server_get_url(self->ms);
	if (self->bootstrapped_url == NULL ||
	    (url != NULL && url[0] != '\0' && g_strcmp0(url, self->bootstrapped_url) != 0)) {
		if (cwmp_event_queue_count(self->events, "0 BOOTSTRAP") == 0 &&
		    !cwmp_event_queue_add(self->events, "0 BOOTSTRAP", NULL, error))
			return FALSE;
	}
	if (!cwmp_engine_save_state(self, error))
		return FALSE;

	self->scheduler = cwmp_scheduler_new(self->events, self->state_directory);
	if (!cwmp_scheduler_load(self->scheduler, error))
		return FALSE;
	cwmp_management_server_set_scheduler(self->ms, self->scheduler);
	/* from here on a value change becomes 4 VALUE CHANGE (the new
	 * ConnectionRequestURL below is one) */
	g_signal_connect_object(self->dm, "value-changed", G_CALLBACK(cwmp_engine_value_changed_cb),
				self, 0);

	self->cr = cwmp_cr_server_new();
	cwmp_engine_cr_credentials_changed_cb(self->ms, self);
	cwmp_cr_server_set_allow_basic(
	    self->cr, cwmp_config_get_boolean(self->config, "connection-request", "allow-basic"));
	cwmp_cr_server_set_rate_limit(
	    self->cr,
	    (guint) cwmp_config_get_integer(self->config, "connection-request", "rate-limit-burst"),
	    (guint) cwmp_config_get_integer(self->config, "connection-request",
					    "rate-limit-interval"));
	address = cwmp_config_get_string(self->config, "connection-request", "address");
	if (!cwmp_cr_server_start(
		self->cr, address,
		(guint) cwmp_config_get_integer(self->config, "connection-request", "port"),
		error)) {
		g_prefix_error_literal(error, "connection-request server: ");
		return FALSE;
	}
	advertised = cwmp_config_get_string(self->config, "connection-request", "advertised-host");
	cr_url = cwmp_cr_server_get_url(
	    self->cr, advertised != NULL && advertised[0] != '\0' ? advertised : NULL);
	cwmp_management_server_set_connection_request_url(self->ms, cr_url);
	g_message("connection requests: %s", cr_url);

	self->rpc = cwmp_rpc_handler_new(self->dm, self->ms, self->events, self->scheduler);
	g_signal_connect_object(self->rpc, "reboot-requested",
				G_CALLBACK(cwmp_engine_reboot_requested_cb), self, 0);
	g_signal_connect_object(self->rpc, "factory-reset-requested",
				G_CALLBACK(cwmp_engine_factory_reset_requested_cb), self, 0);
	g_signal_connect_object(self->ms, "cr-credentials-changed",
				G_CALLBACK(cwmp_engine_cr_credentials_changed_cb), self, 0);
	g_signal_connect_object(self->cr, "connection-request",
				G_CALLBACK(cwmp_engine_connection_request_cb), self, 0);
	g_signal_connect_object(self->scheduler, "session-wanted",
				G_CALLBACK(cwmp_engine_session_wanted_cb), self, 0);
	if (!cwmp_engine_start_transfers(self, error))
		return FALSE;
	self->cancellable = g_cancellable_new();
	self->started = TRUE;
	cwmp_transfer_queue_start(self->transfers);
	cwmp_host_set_event_func(self->host, cwmp_engine_host_event_cb, self);
	/* what changed while cwmpd was not running goes in the first Inform */
	cwmp_dm_poll(self->dm);
	/* the boot session, or after a restart of cwmpd alone whatever is pending */
	if (cwmp_event_queue_get_length(self->events) > 0)
		cwmp_scheduler_request_session(self->scheduler);
	return TRUE;
}

void
cwmp_engine_stop(CwmpEngine *self)
{
	g_return_if_fail(CWMP_IS_ENGINE(self));
	if (!self->started)
		return;
	self->started = FALSE;
	if (self->cancellable != NULL)
		g_cancellable_cancel(self->cancellable);
	if (self->cr != NULL)
		cwmp_cr_server_stop(self->cr);
	if (self->transfers != NULL)
		cwmp_transfer_queue_stop(self->transfers);
	if (self->reboot_call != 0) {
		cwmp_host_cancel_call(self->host, self->reboot_call);
		self->reboot_call = 0;
	}
	if (self->scheduler != NULL)
		g_signal_handlers_disconnect_by_data(self->scheduler, self);
	if (self->dm != NULL)
		g_signal_handlers_disconnect_by_data(self->dm, self);
	cwmp_host_set_event_func(self->host, NULL, NULL);
}

CwmpManagementServer *
cwmp_engine_get_management_server(CwmpEngine *self)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), NULL);
	return self->ms;
}

CwmpEventQueue *
cwmp_engine_get_event_queue(CwmpEngine *self)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), NULL);
	return self->events;
}

CwmpScheduler *
cwmp_engine_get_scheduler(CwmpEngine *self)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), NULL);
	return self->scheduler;
}

CwmpCrServer *
cwmp_engine_get_cr_server(CwmpEngine *self)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), NULL);
	return self->cr;
}

CwmpTransferQueue *
cwmp_engine_get_transfer_queue(CwmpEngine *self)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), NULL);
	return self->transfers;
}

CwmpRpcHandler *
cwmp_engine_get_rpc_handler(CwmpEngine *self)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), NULL);
	return self->rpc;
}

gboolean
cwmp_engine_is_in_session(CwmpEngine *self)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), FALSE);
	return self->session != NULL;
}

guint
cwmp_engine_get_sessions_succeeded(CwmpEngine *self)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), 0);
	return self->succeeded;
}

guint
cwmp_engine_get_sessions_failed(CwmpEngine *self)
{
	g_return_val_if_fail(CWMP_IS_ENGINE(self), 0);
	return self->failed;
}

static void
cwmp_engine_dispose(GObject *object)
{
	CwmpEngine *self = CWMP_ENGINE(object);
	cwmp_engine_stop(self);
	g_clear_object(&self->session);
	g_clear_object(&self->cancellable);
	g_clear_object(&self->transfers);
	if (self->file_types != NULL && self->host != NULL)
		cwmp_file_types_unregister(self->file_types, self->host);
	g_clear_pointer(&self->file_types, cwmp_file_types_free);
	g_clear_object(&self->rpc);
	g_clear_object(&self->host);
	g_clear_object(&self->cr);
	g_clear_object(&self->scheduler);
	g_clear_object(&self->events);
	g_clear_object(&self->ms);
	g_clear_object(&self->store);
	g_clear_object(&self->dm);
	g_clear_object(&self->config);
	g_clear_pointer(&self->sent_events, g_ptr_array_unref);
	G_OBJECT_CLASS(cwmp_engine_parent_class)->dispose(object);
}

static void
cwmp_engine_finalize(GObject *object)
{
	CwmpEngine *self = CWMP_ENGINE(object);
	g_free(self->state_directory);
	g_free(self->bootstrapped_url);
	g_free(self->boot_id);
	g_free(self->session_url);
	g_free(self->session_events);
	g_free(self->session_end);
	g_strfreev(self->acs_methods);
	G_OBJECT_CLASS(cwmp_engine_parent_class)->finalize(object);
}

static void
cwmp_engine_class_init(CwmpEngineClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->dispose = cwmp_engine_dispose;
	object_class->finalize = cwmp_engine_finalize;
	signals[SIGNAL_SESSION_STARTED] =
	    g_signal_new("session-started", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 0);
	/**
	 * CwmpEngine::session-ended:
	 * @success: whether the ACS ended the session normally
	 * @message: "success" or why it failed
	 */
	signals[SIGNAL_SESSION_ENDED] =
	    g_signal_new("session-ended", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
	signals[SIGNAL_FACTORY_RESET_DONE] =
	    g_signal_new("factory-reset-done", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 0);
}

static void
cwmp_engine_init(CwmpEngine *self)
{
}
