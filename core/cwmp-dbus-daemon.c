/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmp-dbus-daemon.h"

/* what one local client may make the daemon keep for Subscribe */
#define CWMP_DBUS_DAEMON_MAX_SUBSCRIBERS      64
#define CWMP_DBUS_DAEMON_MAX_SUBSCRIBED_PATHS 256

#ifdef CWMP_HAVE_POLKIT
#include <polkit/polkit.h>
#endif

#include "cwmp-dbus-generated.h"
#include "cwmp-dbus-transfers.h"
#include "cwmp-dm-txn.h"
#include "cwmp-error.h"

/* --- errors --------------------------------------------------------------- */

/* the names come from the fault table of cwmp-error.c, shared with cwmpctl */
void
cwmp_dbus_daemon_register_errors(void)
{
	static gsize done = 0;

	if (!g_once_init_enter(&done))
		return;
	for (gint code = 9000; code <= 9899; code++) {
		const gchar	 *fault = cwmp_fault_to_name(code);
		g_autofree gchar *name = NULL;
		if (fault == NULL)
			continue;
		name = g_strconcat(CWMP_DBUS_FAULT_PREFIX, fault, NULL);
		g_dbus_error_register_error(CWMP_FAULT, code, name);
	}
	for (guint i = 0; i < CWMP_ERROR_LAST; i++)
		g_dbus_error_register_error(CWMP_ERROR, (gint) i,
					    cwmp_error_to_string((CwmpError) i));
	g_once_init_leave(&done, 1);
}

/* only registered errors leave the daemon: anything else is an internal error */
static void
cwmp_dbus_return_error(GDBusMethodInvocation *invocation, const GError *error)
{
	if ((error->domain == CWMP_FAULT && cwmp_fault_to_name(error->code) != NULL) ||
	    (error->domain == CWMP_ERROR && error->code >= 0 && error->code < CWMP_ERROR_LAST)) {
		g_dbus_method_invocation_return_gerror(invocation, error);
		return;
	}
	g_dbus_method_invocation_return_error_literal(invocation, CWMP_ERROR, CWMP_ERROR_INTERNAL,
						      error->message);
}

/* --- authorisation -------------------------------------------------------- */

static const struct {
	const gchar   *method;
	CwmpDbusAccess access;
} cwmp_dbus_methods[] = {
    {"GetParameterValues", CWMP_DBUS_ACCESS_READ},
    {"GetParameterNames", CWMP_DBUS_ACCESS_READ},
    {"GetParameterAttributes", CWMP_DBUS_ACCESS_READ},
    {"Subscribe", CWMP_DBUS_ACCESS_READ},
    {"SetParameterValues", CWMP_DBUS_ACCESS_WRITE},
    {"SetParameterAttributes", CWMP_DBUS_ACCESS_WRITE},
    {"AddObject", CWMP_DBUS_ACCESS_WRITE},
    {"DeleteObject", CWMP_DBUS_ACCESS_WRITE},
    {"Inform", CWMP_DBUS_ACCESS_CONTROL},
    {"Reload", CWMP_DBUS_ACCESS_CONTROL},
    {"Stop", CWMP_DBUS_ACCESS_CONTROL},
    {"StartTransfer", CWMP_DBUS_ACCESS_CONTROL},
};

/* a method this table does not know is control: denied unless root */
CwmpDbusAccess
cwmp_dbus_daemon_method_access(const gchar *method)
{
	for (guint i = 0; method != NULL && i < G_N_ELEMENTS(cwmp_dbus_methods); i++) {
		if (g_strcmp0(cwmp_dbus_methods[i].method, method) == 0)
			return cwmp_dbus_methods[i].access;
	}
	return CWMP_DBUS_ACCESS_CONTROL;
}

/* reads for whoever the bus policy lets in, the rest for root */
gboolean
cwmp_dbus_daemon_uid_allowed(guint32 uid, CwmpDbusAccess access)
{
	return access == CWMP_DBUS_ACCESS_READ || uid == 0;
}

const gchar *
cwmp_dbus_daemon_access_to_action(CwmpDbusAccess access)
{
	switch (access) {
	case CWMP_DBUS_ACCESS_READ:
		return CWMP_DBUS_ACTION_READ;
	case CWMP_DBUS_ACCESS_WRITE:
		return CWMP_DBUS_ACTION_WRITE;
	case CWMP_DBUS_ACCESS_CONTROL:
	default:
		return CWMP_DBUS_ACTION_CONTROL;
	}
}

/* --- the daemon ----------------------------------------------------------- */

typedef struct {
	CwmpDbusDaemon *daemon; /* not a reference: the daemon owns the subscriber */
	gchar	       *name;
	guint		watch_id;
	GPtrArray      *paths;
} CwmpDbusSubscriber;

struct _CwmpDbusDaemon {
	GObject parent_instance;

	CwmpAgent		 *agent;
	gchar			 *config_file;
	GDBusConnection		 *connection;
	CwmpDbusAgent1		 *skeleton;
	GDBusObjectManagerServer *manager;
	CwmpDbusTransfers	 *transfers;   /* the queue's objects */
	GHashTable		 *subscribers; /* unique name -> CwmpDbusSubscriber */
	GHashTable		 *enabled;     /* paths whose passive notification we set */
	GHashTable		 *changed;     /* during a local set: paths reported */
	GCancellable		 *cancellable;
	gint64			  last_start;
	gint64			  last_end;
	gboolean		  last_success;
	gchar			 *last_message;
	gboolean		  started;
#ifdef CWMP_HAVE_POLKIT
	PolkitAuthority *authority;
#endif
};

G_DEFINE_TYPE(CwmpDbusDaemon, cwmp_dbus_daemon, G_TYPE_OBJECT)

enum { SIGNAL_STOP_REQUESTED, SIGNAL_LAST };
static guint signals[SIGNAL_LAST] = {0};

static void
cwmp_dbus_subscriber_free(CwmpDbusSubscriber *sub)
{
	if (sub->watch_id != 0)
		g_bus_unwatch_name(sub->watch_id);
	g_ptr_array_unref(sub->paths);
	g_free(sub->name);
	g_free(sub);
}

static void
cwmp_dbus_daemon_dispose(GObject *object)
{
	CwmpDbusDaemon *self = CWMP_DBUS_DAEMON(object);
	cwmp_dbus_daemon_stop(self);
	g_clear_object(&self->agent);
	g_clear_object(&self->cancellable);
#ifdef CWMP_HAVE_POLKIT
	g_clear_object(&self->authority);
#endif
	G_OBJECT_CLASS(cwmp_dbus_daemon_parent_class)->dispose(object);
}

static void
cwmp_dbus_daemon_finalize(GObject *object)
{
	CwmpDbusDaemon *self = CWMP_DBUS_DAEMON(object);
	g_hash_table_unref(self->subscribers);
	g_hash_table_unref(self->enabled);
	g_free(self->config_file);
	g_free(self->last_message);
	G_OBJECT_CLASS(cwmp_dbus_daemon_parent_class)->finalize(object);
}

static void
cwmp_dbus_daemon_class_init(CwmpDbusDaemonClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->dispose = cwmp_dbus_daemon_dispose;
	object_class->finalize = cwmp_dbus_daemon_finalize;

	/**
	 * CwmpDbusDaemon::stop-requested:
	 *
	 * A client called Stop; the answer is sent. The owner ends the main loop.
	 */
	signals[SIGNAL_STOP_REQUESTED] =
	    g_signal_new("stop-requested", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 0);
}

static void
cwmp_dbus_daemon_init(CwmpDbusDaemon *self)
{
	self->subscribers = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
						  (GDestroyNotify) cwmp_dbus_subscriber_free);
	self->enabled = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	self->cancellable = g_cancellable_new();
}

/**
 * cwmp_dbus_daemon_new:
 * @agent: the started agent, with its engine
 * @config_file: (nullable): the file Reload reads, %NULL for the default
 *
 * Returns: (transfer full): a daemon, not exported yet
 */
CwmpDbusDaemon *
cwmp_dbus_daemon_new(CwmpAgent *agent, const gchar *config_file)
{
	CwmpDbusDaemon *self;
	g_return_val_if_fail(CWMP_IS_AGENT(agent), NULL);
	cwmp_dbus_daemon_register_errors();
	self = g_object_new(CWMP_TYPE_DBUS_DAEMON, NULL);
	self->agent = g_object_ref(agent);
	self->config_file = g_strdup(config_file);
	return self;
}

guint
cwmp_dbus_daemon_get_n_subscribers(CwmpDbusDaemon *self)
{
	g_return_val_if_fail(CWMP_IS_DBUS_DAEMON(self), 0);
	return g_hash_table_size(self->subscribers);
}

static CwmpDm *
cwmp_dbus_daemon_get_dm(CwmpDbusDaemon *self)
{
	return cwmp_agent_get_dm(self->agent);
}

/* --- properties ----------------------------------------------------------- */

static void
cwmp_dbus_daemon_update_properties(CwmpDbusDaemon *self)
{
	CwmpEngine	 *engine = cwmp_agent_get_engine(self->agent);
	CwmpDbusAgent1	 *skel = self->skeleton;
	g_autofree gchar *url = NULL;
	guint		  succeeded = 0;
	guint		  failed = 0;
	guint64		  next = 0;
	gboolean	  bootstrap_done = FALSE;
	const gchar	 *status = "stopped";

	if (skel == NULL)
		return;
	if (engine != NULL) {
		CwmpScheduler  *scheduler = cwmp_engine_get_scheduler(engine);
		CwmpEventQueue *queue = cwmp_engine_get_event_queue(engine);
		succeeded = cwmp_engine_get_sessions_succeeded(engine);
		failed = cwmp_engine_get_sessions_failed(engine);
		url = cwmp_management_server_get_url(cwmp_engine_get_management_server(engine));
		if (scheduler != NULL) {
			gint64 due = cwmp_scheduler_get_next_due(scheduler);
			if (due > 0 && due != CWMP_SCHEDULER_NEVER &&
			    due < G_MAXINT64 / G_USEC_PER_SEC)
				next = (guint64) due * G_USEC_PER_SEC;
		}
		/* the engine queues 0 BOOTSTRAP until the ACS at the URL saw it */
		bootstrap_done = queue != NULL && cwmp_event_queue_count(queue, "0 BOOTSTRAP") == 0;
		status = cwmp_engine_is_in_session(engine) ? "in-session" : "idle";
	}
	if (!self->started)
		status = "stopped";
	g_object_freeze_notify(G_OBJECT(skel));
	cwmp_dbus_agent1_set_status(skel, status);
	cwmp_dbus_agent1_set_acs_url(skel, url != NULL ? url : "");
	cwmp_dbus_agent1_set_sessions_succeeded(skel, succeeded);
	cwmp_dbus_agent1_set_sessions_failed(skel, failed);
	cwmp_dbus_agent1_set_sessions_total(skel, succeeded + failed);
	cwmp_dbus_agent1_set_next_session(skel, next);
	cwmp_dbus_agent1_set_bootstrap_done(skel, bootstrap_done);
	cwmp_dbus_agent1_set_last_session(
	    skel,
	    g_variant_new("(ttss)", (guint64) self->last_start, (guint64) self->last_end,
			  self->last_end == 0 ? "" : (self->last_success ? "success" : "failed"),
			  self->last_message != NULL ? self->last_message : ""));
	g_object_thaw_notify(G_OBJECT(skel));
}

static void
cwmp_dbus_daemon_session_started_cb(CwmpEngine *engine, gpointer user_data)
{
	CwmpDbusDaemon *self = CWMP_DBUS_DAEMON(user_data);
	self->last_start = g_get_real_time();
	self->last_end = 0;
	cwmp_dbus_daemon_update_properties(self);
	cwmp_dbus_agent1_emit_session_started(self->skeleton);
}

static void
cwmp_dbus_daemon_session_ended_cb(CwmpEngine  *engine,
				  gboolean     success,
				  const gchar *message,
				  gpointer     user_data)
{
	CwmpDbusDaemon *self = CWMP_DBUS_DAEMON(user_data);
	self->last_end = g_get_real_time();
	self->last_success = success;
	g_free(self->last_message);
	self->last_message = g_strdup(message != NULL ? message : "");
	cwmp_dbus_daemon_update_properties(self);
	cwmp_dbus_agent1_emit_session_ended(self->skeleton, success,
					    message != NULL ? message : "");
}

static void
cwmp_dbus_daemon_refresh_cb(gpointer instance, gpointer user_data)
{
	cwmp_dbus_daemon_update_properties(CWMP_DBUS_DAEMON(user_data));
}

/* --- subscriptions -------------------------------------------------------- */

static gboolean
cwmp_dbus_path_covers(const gchar *subscribed, const gchar *path)
{
	if (g_str_has_suffix(subscribed, "."))
		return g_str_has_prefix(path, subscribed);
	return g_strcmp0(subscribed, path) == 0;
}

static gboolean
cwmp_dbus_subscriber_covers(CwmpDbusSubscriber *sub, const gchar *path)
{
	for (guint i = 0; i < sub->paths->len; i++) {
		if (cwmp_dbus_path_covers(g_ptr_array_index(sub->paths, i), path))
			return TRUE;
	}
	return FALSE;
}

static void
cwmp_dbus_daemon_emit_changed(CwmpDbusDaemon *self, const gchar *path)
{
	g_autofree gchar *value = NULL;
	g_autoptr(GError) error = NULL;
	GHashTableIter iter;
	gpointer       value_ptr;

	if (self->connection == NULL)
		return;
	g_hash_table_iter_init(&iter, self->subscribers);
	while (g_hash_table_iter_next(&iter, NULL, &value_ptr)) {
		CwmpDbusSubscriber *sub = value_ptr;
		if (!cwmp_dbus_subscriber_covers(sub, path))
			continue;
		if (value == NULL) {
			value = cwmp_dm_get_value(cwmp_dbus_daemon_get_dm(self), path, &error);
			if (value == NULL) {
				g_debug("D-Bus: %s changed but cannot be read: %s", path,
					error->message);
				return;
			}
		}
		if (!g_dbus_connection_emit_signal(self->connection, sub->name, CWMP_DBUS_PATH,
						   CWMP_DBUS_NAME, "ParameterChanged",
						   g_variant_new("(ss)", path, value), &error)) {
			g_debug("D-Bus: ParameterChanged to %s: %s", sub->name, error->message);
			g_clear_error(&error);
		}
	}
}

static void
cwmp_dbus_daemon_value_changed_cb(CwmpDm      *dm,
				  const gchar *path,
				  guint	       notification,
				  gpointer     user_data)
{
	CwmpDbusDaemon *self = CWMP_DBUS_DAEMON(user_data);
	/* a local set reports its own paths once it is committed */
	if (self->changed != NULL) {
		g_hash_table_add(self->changed, g_strdup(path));
		return;
	}
	cwmp_dbus_daemon_emit_changed(self, path);
}

static gboolean
cwmp_dbus_daemon_is_covered(CwmpDbusDaemon *self, const gchar *path)
{
	GHashTableIter iter;
	gpointer       value;
	g_hash_table_iter_init(&iter, self->subscribers);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		if (cwmp_dbus_subscriber_covers(value, path))
			return TRUE;
	}
	return FALSE;
}

static void
cwmp_dbus_daemon_attr_cb(const gchar	    *path,
			 CwmpDmNotification  notification,
			 const gchar *const *access_list,
			 gpointer	     user_data)
{
	GHashTable *out = user_data;
	g_hash_table_insert(out, g_strdup(path), GUINT_TO_POINTER(notification));
}

static void
cwmp_dbus_daemon_set_notification(CwmpDbusDaemon    *self,
				  const gchar	    *path,
				  CwmpDmNotification notification,
				  GError	   **error)
{
	const CwmpDmAttributeRequest request = {
	    .path = path, .notification_change = TRUE, .notification = notification};
	cwmp_dm_set_attributes(cwmp_dbus_daemon_get_dm(self), &request, 1, error);
}

/* passive notification where there was none, so the data model reports the
 * parameter; a parameter that refuses it is left alone */
static gboolean
cwmp_dbus_daemon_enable_notification(CwmpDbusDaemon *self, const gchar *path, GError **error)
{
	g_autoptr(GHashTable) attrs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTableIter iter;
	gpointer       key;
	gpointer       value;

	if (!cwmp_dm_get_attributes(cwmp_dbus_daemon_get_dm(self), path, cwmp_dbus_daemon_attr_cb,
				    attrs, error))
		return FALSE;
	g_hash_table_iter_init(&iter, attrs);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		g_autoptr(GError) error_local = NULL;
		if (GPOINTER_TO_UINT(value) != CWMP_DM_NOTIFICATION_OFF ||
		    g_hash_table_contains(self->enabled, key))
			continue;
		cwmp_dbus_daemon_set_notification(self, key, CWMP_DM_NOTIFICATION_PASSIVE,
						  &error_local);
		if (error_local != NULL) {
			g_debug("D-Bus: no notification on %s: %s", (const gchar *) key,
				error_local->message);
			continue;
		}
		g_hash_table_add(self->enabled, g_strdup(key));
	}
	return TRUE;
}

/* after a subscriber left: off again where nobody subscribes any more */
static void
cwmp_dbus_daemon_restore_notifications(CwmpDbusDaemon *self)
{
	GHashTableIter iter;
	gpointer       key;

	g_hash_table_iter_init(&iter, self->enabled);
	while (g_hash_table_iter_next(&iter, &key, NULL)) {
		g_autoptr(GHashTable) attrs =
		    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		g_autoptr(GError) error = NULL;
		if (cwmp_dbus_daemon_is_covered(self, key))
			continue;
		/* only what is still as we left it */
		if (cwmp_dm_get_attributes(cwmp_dbus_daemon_get_dm(self), key,
					   cwmp_dbus_daemon_attr_cb, attrs, NULL) &&
		    GPOINTER_TO_UINT(g_hash_table_lookup(attrs, key)) ==
			CWMP_DM_NOTIFICATION_PASSIVE) {
			cwmp_dbus_daemon_set_notification(self, key, CWMP_DM_NOTIFICATION_OFF,
							  &error);
			if (error != NULL)
				g_debug("D-Bus: cannot restore %s: %s", (const gchar *) key,
					error->message);
		}
		g_hash_table_iter_remove(&iter);
	}
}

static void
cwmp_dbus_daemon_subscriber_vanished_cb(GDBusConnection *connection,
					const gchar	*name,
					gpointer	 user_data)
{
	CwmpDbusSubscriber *sub = user_data;
	CwmpDbusDaemon	   *self = sub->daemon;

	/* the watch goes with the subscriber; the callback may not remove it twice */
	g_hash_table_remove(self->subscribers, name);
	cwmp_dbus_daemon_restore_notifications(self);
	/* at message level: the tests follow the count through the log */
	g_message("D-Bus: subscriber %s left, %u subscribers remain", name,
		  g_hash_table_size(self->subscribers));
}

static void
cwmp_dbus_daemon_subscribe(CwmpDbusDaemon	 *self,
			   GDBusMethodInvocation *invocation,
			   const gchar *const	 *paths)
{
	const gchar	   *sender = g_dbus_method_invocation_get_sender(invocation);
	CwmpDbusSubscriber *sub;
	g_autoptr(GError) error = NULL;

	if (sender == NULL) {
		g_dbus_method_invocation_return_error_literal(invocation, CWMP_FAULT,
							      CWMP_FAULT_REQUEST_DENIED,
							      "Subscribe needs a message bus (the "
							      "caller has no name)");
		return;
	}
	/* any local reader may subscribe: bound what it can make the daemon keep */
	sub = g_hash_table_lookup(self->subscribers, sender);
	if ((sub == NULL &&
	     g_hash_table_size(self->subscribers) >= CWMP_DBUS_DAEMON_MAX_SUBSCRIBERS) ||
	    (sub != NULL ? sub->paths->len : 0) + g_strv_length((GStrv) paths) >
		CWMP_DBUS_DAEMON_MAX_SUBSCRIBED_PATHS) {
		g_dbus_method_invocation_return_error(
		    invocation, CWMP_FAULT, CWMP_FAULT_RESOURCES_EXCEEDED,
		    "at most %u subscribers of %u paths each", CWMP_DBUS_DAEMON_MAX_SUBSCRIBERS,
		    CWMP_DBUS_DAEMON_MAX_SUBSCRIBED_PATHS);
		return;
	}
	for (guint i = 0; paths[i] != NULL; i++) {
		if (!g_str_has_prefix(paths[i], "Device.")) {
			g_set_error(&error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
				    "%s: not a Device. path", paths[i]);
			break;
		}
		if (!cwmp_dbus_daemon_enable_notification(self, paths[i], &error))
			break;
	}
	if (error != NULL) {
		/* off again what the paths before the bad one turned on */
		cwmp_dbus_daemon_restore_notifications(self);
		cwmp_dbus_return_error(invocation, error);
		return;
	}
	if (sub == NULL) {
		sub = g_new0(CwmpDbusSubscriber, 1);
		sub->daemon = self;
		sub->name = g_strdup(sender);
		sub->paths = g_ptr_array_new_with_free_func(g_free);
		g_hash_table_insert(self->subscribers, sub->name, sub);
		sub->watch_id = g_bus_watch_name_on_connection(
		    self->connection, sender, G_BUS_NAME_WATCHER_FLAGS_NONE, NULL,
		    cwmp_dbus_daemon_subscriber_vanished_cb, sub, NULL);
	}
	for (guint i = 0; paths[i] != NULL; i++) {
		if (!g_ptr_array_find_with_equal_func(sub->paths, paths[i], g_str_equal, NULL))
			g_ptr_array_add(sub->paths, g_strdup(paths[i]));
	}
	g_debug("D-Bus: %s subscribed to %u paths, %u subscribers", sender,
		g_strv_length((GStrv) paths), g_hash_table_size(self->subscribers));
	g_dbus_method_invocation_return_value(invocation, NULL);
}

/* --- methods -------------------------------------------------------------- */

static void
cwmp_dbus_daemon_inform(CwmpDbusDaemon	      *self,
			GDBusMethodInvocation *invocation,
			const gchar *const    *events,
			gboolean	       get_rpc_methods)
{
	CwmpEngine    *engine = cwmp_agent_get_engine(self->agent);
	CwmpScheduler *scheduler = engine != NULL ? cwmp_engine_get_scheduler(engine) : NULL;
	g_autoptr(GError) error = NULL;

	if (scheduler == NULL) {
		g_dbus_method_invocation_return_error_literal(
		    invocation, CWMP_ERROR, CWMP_ERROR_INTERNAL, "the CWMP engine is not running");
		return;
	}
	/* check them all first: none is queued unless all are good */
	for (guint i = 0; events[i] != NULL; i++) {
		if (!cwmp_event_code_lookup(events[i], NULL, NULL, &error)) {
			g_dbus_method_invocation_return_error(
			    invocation, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "event \"%s\": %s", events[i], error->message);
			return;
		}
	}
	for (guint i = 0; events[i] != NULL; i++) {
		if (!cwmp_scheduler_add_event(scheduler, events[i], NULL, &error)) {
			cwmp_dbus_return_error(invocation, error);
			return;
		}
	}
	if (get_rpc_methods)
		cwmp_engine_queue_get_rpc_methods(engine);
	cwmp_scheduler_request_session(scheduler);
	cwmp_dbus_daemon_update_properties(self);
	g_dbus_method_invocation_return_value(invocation, NULL);
}

static void
cwmp_dbus_daemon_value_cb(const gchar *path, const gchar *value, CwmpType type, gpointer user_data)
{
	g_variant_builder_add(user_data, "(sss)", path, value != NULL ? value : "",
			      cwmp_type_to_string(type));
}

static void
cwmp_dbus_daemon_get_values(CwmpDbusDaemon	  *self,
			    GDBusMethodInvocation *invocation,
			    const gchar *const	  *paths)
{
	g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT(G_VARIANT_TYPE("a(sss)"));
	g_autoptr(GError) error = NULL;

	for (guint i = 0; paths[i] != NULL; i++) {
		if (!cwmp_dm_get_values_foreach(cwmp_dbus_daemon_get_dm(self), paths[i],
						cwmp_dbus_daemon_value_cb, &builder, &error)) {
			cwmp_dbus_return_error(invocation, error);
			return;
		}
	}
	g_dbus_method_invocation_return_value(invocation, g_variant_new("(a(sss))", &builder));
}

static void
cwmp_dbus_daemon_set_values(CwmpDbusDaemon	  *self,
			    GDBusMethodInvocation *invocation,
			    GVariant		  *values)
{
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(cwmp_dbus_daemon_get_dm(self));
	g_autoptr(GHashTable) changed = NULL;
	g_autoptr(GPtrArray) paths = g_ptr_array_new();
	g_autoptr(GError) error = NULL;
	GVariantIter iter;
	const gchar *path;
	const gchar *value;
	const gchar *type;
	gboolean     ok;

	cwmp_dm_txn_set_local(txn, TRUE);
	g_variant_iter_init(&iter, values);
	while (g_variant_iter_next(&iter, "(&s&s&s)", &path, &value, &type)) {
		CwmpType declared = CWMP_TYPE_NONE;
		if (type[0] != '\0') {
			declared = cwmp_type_from_string(type);
			if (declared == CWMP_TYPE_NONE) {
				g_dbus_method_invocation_return_error(
				    invocation, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "%s: %u %s: unknown type \"%s\"", path,
				    (guint) CWMP_FAULT_INVALID_PARAMETER_TYPE,
				    cwmp_fault_to_name(CWMP_FAULT_INVALID_PARAMETER_TYPE), type);
				return;
			}
		}
		cwmp_dm_txn_set(txn, path, value, declared);
		g_ptr_array_add(paths, (gpointer) path);
	}
	if (paths->len == 0) {
		g_dbus_method_invocation_return_error_literal(
		    invocation, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS, "no parameter to set");
		return;
	}
	/* what the data model reports during the commit is sent after it */
	self->changed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	ok = cwmp_dm_txn_commit(txn, &error);
	changed = g_steal_pointer(&self->changed);
	if (!ok) {
		GPtrArray *faults = cwmp_dm_txn_get_faults(txn);
		g_autoptr(GString) message = g_string_new(NULL);
		if (faults == NULL || faults->len == 0) {
			cwmp_dbus_return_error(invocation, error);
			return;
		}
		/* as the ACS gets it: 9003 with one fault per parameter */
		for (guint i = 0; i < faults->len; i++) {
			const CwmpDmFault *fault = g_ptr_array_index(faults, i);
			const gchar	  *name = cwmp_fault_to_name(fault->code);
			g_string_append_printf(message, "%s%s: %d %s: %s", i > 0 ? "; " : "",
					       fault->path, fault->code,
					       name != NULL ? name : "Fault", fault->message);
		}
		g_dbus_method_invocation_return_error_literal(
		    invocation, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS, message->str);
		return;
	}
	g_dbus_method_invocation_return_value(invocation, g_variant_new("(u)", 0u));
	for (guint i = 0; i < paths->len; i++) {
		g_hash_table_remove(changed, g_ptr_array_index(paths, i));
		cwmp_dbus_daemon_emit_changed(self, g_ptr_array_index(paths, i));
	}
	{
		GHashTableIter hiter;
		gpointer       key;
		g_hash_table_iter_init(&hiter, changed);
		while (g_hash_table_iter_next(&hiter, &key, NULL))
			cwmp_dbus_daemon_emit_changed(self, key);
	}
	cwmp_dbus_daemon_update_properties(self);
}

static void
cwmp_dbus_daemon_name_cb(const gchar *path, gboolean writable, gpointer user_data)
{
	g_variant_builder_add(user_data, "(sb)", path, writable);
}

static void
cwmp_dbus_daemon_get_names(CwmpDbusDaemon	 *self,
			   GDBusMethodInvocation *invocation,
			   const gchar		 *path,
			   gboolean		  next_level)
{
	g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT(G_VARIANT_TYPE("a(sb)"));
	g_autoptr(GError) error = NULL;

	if (!cwmp_dm_get_names(cwmp_dbus_daemon_get_dm(self), path, next_level,
			       cwmp_dbus_daemon_name_cb, &builder, &error)) {
		cwmp_dbus_return_error(invocation, error);
		return;
	}
	g_dbus_method_invocation_return_value(invocation, g_variant_new("(a(sb))", &builder));
}

static void
cwmp_dbus_daemon_attribute_cb(const gchar	 *path,
			      CwmpDmNotification  notification,
			      const gchar *const *access_list,
			      gpointer		  user_data)
{
	const gchar *const empty[] = {NULL};
	g_variant_builder_add(user_data, "(su^as)", path, (guint32) notification,
			      access_list != NULL ? access_list : empty);
}

static void
cwmp_dbus_daemon_get_attributes(CwmpDbusDaemon	      *self,
				GDBusMethodInvocation *invocation,
				const gchar *const    *paths)
{
	g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT(G_VARIANT_TYPE("a(suas)"));
	g_autoptr(GError) error = NULL;

	for (guint i = 0; paths[i] != NULL; i++) {
		if (!cwmp_dm_get_attributes(cwmp_dbus_daemon_get_dm(self), paths[i],
					    cwmp_dbus_daemon_attribute_cb, &builder, &error)) {
			cwmp_dbus_return_error(invocation, error);
			return;
		}
	}
	g_dbus_method_invocation_return_value(invocation, g_variant_new("(a(suas))", &builder));
}

static void
cwmp_dbus_daemon_set_attributes(CwmpDbusDaemon	      *self,
				GDBusMethodInvocation *invocation,
				GVariant	      *attributes)
{
	gsize				   n = g_variant_n_children(attributes);
	g_autofree CwmpDmAttributeRequest *requests = g_new0(CwmpDmAttributeRequest, n + 1);
	g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GError) error = NULL;

	for (gsize i = 0; i < n; i++) {
		guint32	      notification;
		const gchar **access_list = NULL;

		/* the strings point into @attributes, which outlives the requests */
		g_variant_get_child(attributes, i, "(&sbub^a&s)", &requests[i].path,
				    &requests[i].notification_change, &notification,
				    &requests[i].access_list_change, &access_list);
		g_ptr_array_add(lists, access_list);
		if (notification > CWMP_DM_NOTIFICATION_ACTIVE) {
			g_dbus_method_invocation_return_error(
			    invocation, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "%s: notification %u is not 0, 1 or 2", requests[i].path, notification);
			return;
		}
		requests[i].notification = (CwmpDmNotification) notification;
		requests[i].access_list = access_list;
	}
	if (!cwmp_dm_set_attributes(cwmp_dbus_daemon_get_dm(self), requests, (guint) n, &error)) {
		cwmp_dbus_return_error(invocation, error);
		return;
	}
	g_dbus_method_invocation_return_value(invocation, NULL);
}

static void
cwmp_dbus_daemon_add_object(CwmpDbusDaemon	  *self,
			    GDBusMethodInvocation *invocation,
			    const gchar		  *path)
{
	g_autoptr(GError) error = NULL;
	guint32 instance = 0;

	if (!cwmp_dm_add_object(cwmp_dbus_daemon_get_dm(self), path, &instance, &error)) {
		cwmp_dbus_return_error(invocation, error);
		return;
	}
	g_dbus_method_invocation_return_value(invocation, g_variant_new("(u)", instance));
}

static void
cwmp_dbus_daemon_delete_object(CwmpDbusDaemon	     *self,
			       GDBusMethodInvocation *invocation,
			       const gchar	     *path)
{
	g_autoptr(GError) error = NULL;

	if (!cwmp_dm_delete_object(cwmp_dbus_daemon_get_dm(self), path, &error)) {
		cwmp_dbus_return_error(invocation, error);
		return;
	}
	g_dbus_method_invocation_return_value(invocation, NULL);
}

static void
cwmp_dbus_daemon_export_plugins(CwmpDbusDaemon *self);

static void
cwmp_dbus_daemon_reload(CwmpDbusDaemon *self, GDBusMethodInvocation *invocation)
{
	g_auto(GStrv) needs_restart = NULL;
	g_autoptr(GError) error = NULL;
	const gchar *const empty[] = {NULL};

	if (!cwmp_agent_reload(self->agent, self->config_file, &needs_restart, &error)) {
		cwmp_dbus_return_error(invocation, error);
		return;
	}
	g_dbus_method_invocation_return_value(
	    invocation,
	    g_variant_new("(^as)",
			  needs_restart != NULL ? (const gchar *const *) needs_restart : empty));
	cwmp_dbus_daemon_export_plugins(self);
	cwmp_dbus_daemon_update_properties(self);
}

static void
cwmp_dbus_daemon_start_transfer(CwmpDbusDaemon	      *self,
				GDBusMethodInvocation *invocation,
				const gchar	      *direction,
				const gchar	      *file_type,
				const gchar	      *url,
				const gchar	      *username,
				const gchar	      *password)
{
	CwmpEngine	  *engine = cwmp_agent_get_engine(self->agent);
	CwmpTransferQueue *queue = engine != NULL ? cwmp_engine_get_transfer_queue(engine) : NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = NULL;
	guint64		  id;

	if (queue == NULL) {
		g_dbus_method_invocation_return_error_literal(
		    invocation, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED, "transfers are not running");
		return;
	}
	if (g_strcmp0(direction, "download") != 0 && g_strcmp0(direction, "upload") != 0) {
		g_dbus_method_invocation_return_error(
		    invocation, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
		    "direction '%s': download or upload", direction);
		return;
	}
	id = cwmp_transfer_queue_add_autonomous(
	    queue, direction[0] == 'd' ? CWMP_TRANSFER_DOWNLOAD : CWMP_TRANSFER_UPLOAD, file_type,
	    url, username[0] != '\0' ? username : NULL, password[0] != '\0' ? password : NULL,
	    &error);
	if (id == 0) {
		g_dbus_method_invocation_return_gerror(invocation, error);
		return;
	}
	path = cwmp_dbus_transfers_object_path(id);
	g_dbus_method_invocation_return_value(invocation, g_variant_new("(o)", path));
}

static gboolean
cwmp_dbus_daemon_stop_idle_cb(gpointer user_data)
{
	CwmpDbusDaemon *self = CWMP_DBUS_DAEMON(user_data);
	g_signal_emit(self, signals[SIGNAL_STOP_REQUESTED], 0);
	return G_SOURCE_REMOVE;
}

static void
cwmp_dbus_daemon_stop_method(CwmpDbusDaemon *self, GDBusMethodInvocation *invocation)
{
	g_dbus_method_invocation_return_value(invocation, NULL);
	/* the owner tears the daemon down from the signal: not from inside a call */
	g_idle_add_full(G_PRIORITY_DEFAULT, cwmp_dbus_daemon_stop_idle_cb, g_object_ref(self),
			g_object_unref);
}

/* takes @invocation */
static void
cwmp_dbus_daemon_dispatch(CwmpDbusDaemon *self, GDBusMethodInvocation *invocation)
{
	const gchar *method = g_dbus_method_invocation_get_method_name(invocation);
	GVariant    *params = g_dbus_method_invocation_get_parameters(invocation);

	if (g_strcmp0(method, "Inform") == 0) {
		g_autofree const gchar **events = NULL;
		gboolean		 get_rpc_methods = FALSE;
		g_variant_get(params, "(^a&sb)", &events, &get_rpc_methods);
		cwmp_dbus_daemon_inform(self, invocation, events, get_rpc_methods);
	} else if (g_strcmp0(method, "GetParameterValues") == 0 ||
		   g_strcmp0(method, "GetParameterAttributes") == 0 ||
		   g_strcmp0(method, "Subscribe") == 0) {
		g_autofree const gchar **paths = NULL;
		g_variant_get(params, "(^a&s)", &paths);
		if (method[0] == 'S')
			cwmp_dbus_daemon_subscribe(self, invocation, paths);
		else if (g_strcmp0(method, "GetParameterValues") == 0)
			cwmp_dbus_daemon_get_values(self, invocation, paths);
		else
			cwmp_dbus_daemon_get_attributes(self, invocation, paths);
	} else if (g_strcmp0(method, "SetParameterValues") == 0 ||
		   g_strcmp0(method, "SetParameterAttributes") == 0) {
		g_autoptr(GVariant) list = g_variant_get_child_value(params, 0);
		if (g_strcmp0(method, "SetParameterValues") == 0)
			cwmp_dbus_daemon_set_values(self, invocation, list);
		else
			cwmp_dbus_daemon_set_attributes(self, invocation, list);
	} else if (g_strcmp0(method, "GetParameterNames") == 0) {
		const gchar *path = NULL;
		gboolean     next_level = FALSE;
		g_variant_get(params, "(&sb)", &path, &next_level);
		cwmp_dbus_daemon_get_names(self, invocation, path, next_level);
	} else if (g_strcmp0(method, "AddObject") == 0 || g_strcmp0(method, "DeleteObject") == 0) {
		const gchar *path = NULL;
		g_variant_get(params, "(&s)", &path);
		if (method[0] == 'A')
			cwmp_dbus_daemon_add_object(self, invocation, path);
		else
			cwmp_dbus_daemon_delete_object(self, invocation, path);
	} else if (g_strcmp0(method, "Reload") == 0) {
		cwmp_dbus_daemon_reload(self, invocation);
	} else if (g_strcmp0(method, "Stop") == 0) {
		cwmp_dbus_daemon_stop_method(self, invocation);
	} else if (g_strcmp0(method, "StartTransfer") == 0) {
		const gchar *direction = NULL, *file_type = NULL, *url = NULL;
		const gchar *username = NULL, *password = NULL;
		g_variant_get(params, "(&s&s&s&s&s)", &direction, &file_type, &url, &username,
			      &password);
		cwmp_dbus_daemon_start_transfer(self, invocation, direction, file_type, url,
						username, password);
	} else {
		g_dbus_method_invocation_return_error(invocation, CWMP_FAULT,
						      CWMP_FAULT_METHOD_NOT_SUPPORTED,
						      "unknown method %s", method);
	}
}

/* --- authorisation, asynchronous ----------------------------------------- */

typedef struct {
	CwmpDbusDaemon	      *daemon;
	GDBusMethodInvocation *invocation;
	CwmpDbusAccess	       access;
} CwmpDbusAuthRequest;

static void
cwmp_dbus_auth_request_free(CwmpDbusAuthRequest *req)
{
	g_object_unref(req->daemon);
	g_clear_object(&req->invocation);
	g_free(req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpDbusAuthRequest, cwmp_dbus_auth_request_free)

static void
cwmp_dbus_auth_request_finish(CwmpDbusAuthRequest *req, gboolean allowed, const GError *error)
{
	CwmpDbusDaemon	      *self = req->daemon;
	GDBusMethodInvocation *invocation = g_steal_pointer(&req->invocation);
	const gchar	      *method = g_dbus_method_invocation_get_method_name(invocation);

	if (error != NULL) {
		g_dbus_method_invocation_return_error(
		    invocation, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED,
		    "%s: cannot check the caller: %s", method, error->message);
		return;
	}
	if (!allowed) {
		g_dbus_method_invocation_return_error(
		    invocation, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED, "%s: not authorised (%s)",
		    method, cwmp_dbus_daemon_access_to_action(req->access));
		return;
	}
	if (!self->started) {
		g_dbus_method_invocation_return_error_literal(
		    invocation, CWMP_ERROR, CWMP_ERROR_INTERNAL, "the agent is stopping");
		return;
	}
	cwmp_dbus_daemon_dispatch(self, invocation);
}

#ifdef CWMP_HAVE_POLKIT
static void
cwmp_dbus_daemon_polkit_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(CwmpDbusAuthRequest) req = user_data;
	g_autoptr(PolkitAuthorizationResult) auth = NULL;
	g_autoptr(GError) error = NULL;

	auth =
	    polkit_authority_check_authorization_finish(POLKIT_AUTHORITY(source), result, &error);
	cwmp_dbus_auth_request_finish(
	    req, auth != NULL && polkit_authorization_result_get_is_authorized(auth), error);
}
#else
static void
cwmp_dbus_daemon_uid_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(CwmpDbusAuthRequest) req = user_data;
	g_autoptr(GVariant) reply = NULL;
	g_autoptr(GError) error = NULL;
	guint32 uid = G_MAXUINT32;

	reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), result, &error);
	if (reply != NULL)
		g_variant_get(reply, "(u)", &uid);
	cwmp_dbus_auth_request_finish(
	    req, reply != NULL && cwmp_dbus_daemon_uid_allowed(uid, req->access), error);
}
#endif

static gboolean
cwmp_dbus_daemon_handle(CwmpDbusDaemon *self, GDBusMethodInvocation *invocation)
{
	const gchar	    *method = g_dbus_method_invocation_get_method_name(invocation);
	const gchar	    *sender = g_dbus_method_invocation_get_sender(invocation);
	CwmpDbusAuthRequest *req;

	req = g_new0(CwmpDbusAuthRequest, 1);
	req->daemon = g_object_ref(self);
	/* handled: the answer consumes the reference the skeleton gave us */
	req->invocation = invocation;
	req->access = cwmp_dbus_daemon_method_access(method);
#ifdef CWMP_HAVE_POLKIT
	if (self->authority == NULL || sender == NULL) {
		g_autoptr(CwmpDbusAuthRequest) owned = req;
		cwmp_dbus_auth_request_finish(owned, FALSE, NULL);
		return TRUE;
	}
	{
		g_autoptr(PolkitSubject) subject = polkit_system_bus_name_new(sender);
		polkit_authority_check_authorization(
		    self->authority, subject, cwmp_dbus_daemon_access_to_action(req->access), NULL,
		    POLKIT_CHECK_AUTHORIZATION_FLAGS_ALLOW_USER_INTERACTION, self->cancellable,
		    cwmp_dbus_daemon_polkit_cb, req);
	}
#else
	/* reads need no check: the bus policy decides who may talk to us */
	if (req->access == CWMP_DBUS_ACCESS_READ) {
		g_autoptr(CwmpDbusAuthRequest) owned = req;
		cwmp_dbus_auth_request_finish(owned, TRUE, NULL);
		return TRUE;
	}
	if (sender == NULL) {
		g_autoptr(CwmpDbusAuthRequest) owned = req;
		cwmp_dbus_auth_request_finish(owned, FALSE, NULL);
		return TRUE;
	}
	g_dbus_connection_call(self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
			       "org.freedesktop.DBus", "GetConnectionUnixUser",
			       g_variant_new("(s)", sender), G_VARIANT_TYPE("(u)"),
			       G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
			       cwmp_dbus_daemon_uid_cb, req);
#endif
	return TRUE;
}

/* one per handle-* signal: each has its own arguments, all come with the
 * invocation that dispatch reads them from */
static gboolean
cwmp_dbus_daemon_handle_strv_b_cb(CwmpDbusAgent1	*skeleton,
				  GDBusMethodInvocation *invocation,
				  const gchar *const	*strv,
				  gboolean		 flag,
				  gpointer		 user_data)
{
	return cwmp_dbus_daemon_handle(CWMP_DBUS_DAEMON(user_data), invocation);
}

static gboolean
cwmp_dbus_daemon_handle_strv_cb(CwmpDbusAgent1	      *skeleton,
				GDBusMethodInvocation *invocation,
				const gchar *const    *strv,
				gpointer	       user_data)
{
	return cwmp_dbus_daemon_handle(CWMP_DBUS_DAEMON(user_data), invocation);
}

static gboolean
cwmp_dbus_daemon_handle_variant_cb(CwmpDbusAgent1	 *skeleton,
				   GDBusMethodInvocation *invocation,
				   GVariant		 *variant,
				   gpointer		  user_data)
{
	return cwmp_dbus_daemon_handle(CWMP_DBUS_DAEMON(user_data), invocation);
}

static gboolean
cwmp_dbus_daemon_handle_s_b_cb(CwmpDbusAgent1	     *skeleton,
			       GDBusMethodInvocation *invocation,
			       const gchar	     *path,
			       gboolean		      flag,
			       gpointer		      user_data)
{
	return cwmp_dbus_daemon_handle(CWMP_DBUS_DAEMON(user_data), invocation);
}

static gboolean
cwmp_dbus_daemon_handle_s_cb(CwmpDbusAgent1	   *skeleton,
			     GDBusMethodInvocation *invocation,
			     const gchar	   *path,
			     gpointer		    user_data)
{
	return cwmp_dbus_daemon_handle(CWMP_DBUS_DAEMON(user_data), invocation);
}

static gboolean
cwmp_dbus_daemon_handle_transfer_cb(CwmpDbusAgent1	  *skeleton,
				    GDBusMethodInvocation *invocation,
				    const gchar		  *direction,
				    const gchar		  *file_type,
				    const gchar		  *url,
				    const gchar		  *username,
				    const gchar		  *password,
				    gpointer		   user_data)
{
	return cwmp_dbus_daemon_handle(CWMP_DBUS_DAEMON(user_data), invocation);
}

static gboolean
cwmp_dbus_daemon_handle_void_cb(CwmpDbusAgent1	      *skeleton,
				GDBusMethodInvocation *invocation,
				gpointer	       user_data)
{
	return cwmp_dbus_daemon_handle(CWMP_DBUS_DAEMON(user_data), invocation);
}

/* --- export --------------------------------------------------------------- */

static void
cwmp_dbus_daemon_export_plugins(CwmpDbusDaemon *self)
{
	GPtrArray *plugins =
	    cwmp_plugin_loader_get_plugins(cwmp_agent_get_plugin_loader(self->agent));

	if (self->manager == NULL)
		return;
	for (guint i = 0; plugins != NULL && i < plugins->len; i++) {
		CwmpPlugin	 *plugin = g_ptr_array_index(plugins, i);
		const GError	 *error = cwmp_plugin_get_error(plugin);
		const gchar	 *version = cwmp_plugin_get_version(plugin);
		const gchar	 *filename = cwmp_plugin_get_filename(plugin);
		g_autofree gchar *escaped = g_dbus_escape_object_path(cwmp_plugin_get_name(plugin));
		g_autofree gchar *path = g_strconcat(CWMP_DBUS_PLUGINS_PATH "/", escaped, NULL);
		g_autoptr(CwmpDbusObjectSkeleton) object = cwmp_dbus_object_skeleton_new(path);
		g_autoptr(CwmpDbusPlugin1) iface = cwmp_dbus_plugin1_skeleton_new();

		cwmp_dbus_plugin1_set_name(iface, cwmp_plugin_get_name(plugin));
		cwmp_dbus_plugin1_set_version(iface, version != NULL ? version : "");
		cwmp_dbus_plugin1_set_file(iface, filename != NULL ? filename : "");
		cwmp_dbus_plugin1_set_state(
		    iface, cwmp_plugin_state_to_string(cwmp_plugin_get_state(plugin)));
		cwmp_dbus_plugin1_set_error(iface, error != NULL ? error->message : "");
		cwmp_dbus_object_skeleton_set_plugin1(object, iface);
		/* replaces the object of the same path, after a reload */
		g_dbus_object_manager_server_export(self->manager, G_DBUS_OBJECT_SKELETON(object));
	}
}

static const struct {
	const gchar *signal;
	GCallback    callback;
} cwmp_dbus_daemon_handlers[] = {
    {"handle-inform", G_CALLBACK(cwmp_dbus_daemon_handle_strv_b_cb)},
    {"handle-get-parameter-values", G_CALLBACK(cwmp_dbus_daemon_handle_strv_cb)},
    {"handle-set-parameter-values", G_CALLBACK(cwmp_dbus_daemon_handle_variant_cb)},
    {"handle-get-parameter-names", G_CALLBACK(cwmp_dbus_daemon_handle_s_b_cb)},
    {"handle-add-object", G_CALLBACK(cwmp_dbus_daemon_handle_s_cb)},
    {"handle-delete-object", G_CALLBACK(cwmp_dbus_daemon_handle_s_cb)},
    {"handle-get-parameter-attributes", G_CALLBACK(cwmp_dbus_daemon_handle_strv_cb)},
    {"handle-set-parameter-attributes", G_CALLBACK(cwmp_dbus_daemon_handle_variant_cb)},
    {"handle-subscribe", G_CALLBACK(cwmp_dbus_daemon_handle_strv_cb)},
    {"handle-reload", G_CALLBACK(cwmp_dbus_daemon_handle_void_cb)},
    {"handle-stop", G_CALLBACK(cwmp_dbus_daemon_handle_void_cb)},
    {"handle-start-transfer", G_CALLBACK(cwmp_dbus_daemon_handle_transfer_cb)},
};

/**
 * cwmp_dbus_daemon_start:
 * @self: a daemon
 * @connection: a message bus connection
 * @error: a #GError, or %NULL
 *
 * Exports the agent and its plugins, then takes the name org.cwmpd.Agent1;
 * fails when another process has it.
 */
gboolean
cwmp_dbus_daemon_start(CwmpDbusDaemon *self, GDBusConnection *connection, GError **error)
{
	CwmpEngine *engine = cwmp_agent_get_engine(self->agent);
	g_autoptr(GVariant) reply = NULL;
	guint32 result = 0;

	g_return_val_if_fail(CWMP_IS_DBUS_DAEMON(self), FALSE);
	g_return_val_if_fail(G_IS_DBUS_CONNECTION(connection), FALSE);
	g_return_val_if_fail(!self->started, FALSE);

#ifdef CWMP_HAVE_POLKIT
	if (self->authority == NULL) {
		self->authority = polkit_authority_get_sync(NULL, error);
		if (self->authority == NULL) {
			g_prefix_error_literal(error, "polkit: ");
			return FALSE;
		}
	}
#endif
	self->connection = g_object_ref(connection);
	self->started = TRUE;
	self->skeleton = cwmp_dbus_agent1_skeleton_new();
	cwmp_dbus_agent1_set_version(self->skeleton, PACKAGE_VERSION);
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_dbus_daemon_handlers); i++)
		g_signal_connect_object(self->skeleton, cwmp_dbus_daemon_handlers[i].signal,
					cwmp_dbus_daemon_handlers[i].callback, self, 0);
	if (engine != NULL) {
		g_signal_connect_object(engine, "session-started",
					G_CALLBACK(cwmp_dbus_daemon_session_started_cb), self, 0);
		g_signal_connect_object(engine, "session-ended",
					G_CALLBACK(cwmp_dbus_daemon_session_ended_cb), self, 0);
		g_signal_connect_object(cwmp_engine_get_management_server(engine),
					"bootstrap-needed", G_CALLBACK(cwmp_dbus_daemon_refresh_cb),
					self, 0);
		g_signal_connect_object(cwmp_engine_get_management_server(engine),
					"periodic-changed", G_CALLBACK(cwmp_dbus_daemon_refresh_cb),
					self, 0);
		if (cwmp_engine_get_scheduler(engine) != NULL)
			g_signal_connect_object(cwmp_engine_get_scheduler(engine), "session-wanted",
						G_CALLBACK(cwmp_dbus_daemon_refresh_cb), self, 0);
	}
	g_signal_connect_object(cwmp_dbus_daemon_get_dm(self), "value-changed",
				G_CALLBACK(cwmp_dbus_daemon_value_changed_cb), self, 0);
	cwmp_dbus_daemon_update_properties(self);

	if (!g_dbus_interface_skeleton_export(G_DBUS_INTERFACE_SKELETON(self->skeleton), connection,
					      CWMP_DBUS_PATH, error)) {
		cwmp_dbus_daemon_stop(self);
		return FALSE;
	}
	self->manager = g_dbus_object_manager_server_new(CWMP_DBUS_PATH);
	cwmp_dbus_daemon_export_plugins(self);
	if (engine != NULL && cwmp_engine_get_transfer_queue(engine) != NULL)
		self->transfers =
		    cwmp_dbus_transfers_new(self->manager, cwmp_engine_get_transfer_queue(engine));
	g_dbus_object_manager_server_set_connection(self->manager, connection);

	/* at start, before the main loop runs: a short synchronous call is fine */
	reply = g_dbus_connection_call_sync(
	    connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
	    "RequestName", g_variant_new("(su)", CWMP_DBUS_NAME, 4 /* DO_NOT_QUEUE */),
	    G_VARIANT_TYPE("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, error);
	if (reply == NULL) {
		g_prefix_error(error, "cannot own %s: ", CWMP_DBUS_NAME);
		cwmp_dbus_daemon_stop(self);
		return FALSE;
	}
	g_variant_get(reply, "(u)", &result);
	if (result != 1 /* PRIMARY_OWNER */ && result != 4 /* ALREADY_OWNER */) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_EXISTS,
			    "%s is already owned by another process", CWMP_DBUS_NAME);
		cwmp_dbus_daemon_stop(self);
		return FALSE;
	}
	g_debug("D-Bus: %s on %s", CWMP_DBUS_NAME, g_dbus_connection_get_unique_name(connection));
	return TRUE;
}

/**
 * cwmp_dbus_daemon_stop:
 * @self: a daemon
 *
 * Unexports everything and drops the subscriptions; pending authorisation
 * checks are cancelled and answered with an error. Safe to call twice.
 */
void
cwmp_dbus_daemon_stop(CwmpDbusDaemon *self)
{
	CwmpEngine *engine;

	g_return_if_fail(CWMP_IS_DBUS_DAEMON(self));
	if (!self->started)
		return;
	self->started = FALSE;
	g_cancellable_cancel(self->cancellable);
	g_clear_object(&self->cancellable);
	self->cancellable = g_cancellable_new();
	engine = self->agent != NULL ? cwmp_agent_get_engine(self->agent) : NULL;
	if (engine != NULL) {
		g_signal_handlers_disconnect_by_data(engine, self);
		g_signal_handlers_disconnect_by_data(cwmp_engine_get_management_server(engine),
						     self);
		if (cwmp_engine_get_scheduler(engine) != NULL)
			g_signal_handlers_disconnect_by_data(cwmp_engine_get_scheduler(engine),
							     self);
	}
	if (self->agent != NULL)
		g_signal_handlers_disconnect_by_data(cwmp_dbus_daemon_get_dm(self), self);
	g_hash_table_remove_all(self->subscribers);
	if (self->agent != NULL)
		cwmp_dbus_daemon_restore_notifications(self);
	if (self->skeleton != NULL) {
		cwmp_dbus_daemon_update_properties(self);
		g_signal_handlers_disconnect_by_data(self->skeleton, self);
		g_dbus_interface_skeleton_unexport(G_DBUS_INTERFACE_SKELETON(self->skeleton));
		g_clear_object(&self->skeleton);
	}
	g_clear_object(&self->transfers);
	if (self->manager != NULL) {
		g_dbus_object_manager_server_set_connection(self->manager, NULL);
		g_clear_object(&self->manager);
	}
	if (self->connection != NULL) {
		g_dbus_connection_flush_sync(self->connection, NULL, NULL);
		g_clear_object(&self->connection);
	}
}
