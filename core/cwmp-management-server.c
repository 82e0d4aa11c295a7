/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-dm-private.h"
#include "cwmp-event.h"
#include "cwmp-management-server.h"

#define CWMP_MS_PATH			 "Device.ManagementServer."
#define CWMP_MS_HEARTBEAT_PATH		 "Device.ManagementServer.HeartbeatPolicy."
#define CWMP_MS_ATC_POLICY_PATH		 "Device.ManagementServer.AutonomousTransferCompletePolicy."
#define CWMP_MS_PARAMETER_KEY_MAX_LENGTH 32

struct _CwmpManagementServer {
	GObject	       parent_instance;
	CwmpDm	      *dm;
	CwmpConfig    *config;
	CwmpScheduler *scheduler;
	CwmpDmObject  *object;	  /* Device.ManagementServer. */
	CwmpDmObject  *heartbeat; /* Device.ManagementServer.HeartbeatPolicy. */
	gchar	      *connection_request_url;
	gboolean       registered;
};

G_DEFINE_TYPE(CwmpManagementServer, cwmp_management_server, G_TYPE_OBJECT)

enum {
	SIGNAL_BOOTSTRAP_NEEDED,
	SIGNAL_PERIODIC_CHANGED,
	SIGNAL_HEARTBEAT_CHANGED,
	SIGNAL_ACS_CREDENTIALS_CHANGED,
	SIGNAL_CR_CREDENTIALS_CHANGED,
	SIGNAL_LAST
};
static guint signals[SIGNAL_LAST] = {0};

/* --- the data model ------------------------------------------------------- */

static gchar *
cwmp_management_server_get_cb(CwmpDmObject *object,
			      const gchar  *name,
			      gpointer	    user_data,
			      GError	  **error)
{
	CwmpManagementServer *self = CWMP_MANAGEMENT_SERVER(user_data);
	if (g_strcmp0(name, "ConnectionRequestURL") == 0)
		return g_strdup(self->connection_request_url != NULL ? self->connection_request_url
								     : "");
	if (g_strcmp0(name, "AliasBasedAddressing") == 0) {
		gboolean alias =
		    self->config != NULL &&
		    cwmp_config_get_boolean(self->config, "data-model", "alias-based-addressing");
		return g_strdup(alias ? "true" : "false");
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "no getter for %s", name);
	return NULL;
}

/* TR-181: the event codes an InformParameter is sent with, "" for all */
static gboolean
cwmp_management_server_validate_event_list_cb(CwmpDmObject *object,
					      const gchar  *name,
					      const gchar  *value,
					      gpointer	    user_data,
					      GError	  **error)
{
	g_auto(GStrv) codes = NULL;
	if (value[0] == '\0')
		return TRUE;
	codes = g_strsplit(value, ",", -1);
	for (guint i = 0; codes[i] != NULL; i++) {
		g_autoptr(GError) error_local = NULL;
		g_strstrip(codes[i]);
		if (!cwmp_event_code_lookup(codes[i], NULL, NULL, &error_local)) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "EventList: %s", error_local->message);
			return FALSE;
		}
	}
	return TRUE;
}

static gboolean
cwmp_management_server_validate_name_cb(CwmpDmObject *object,
					const gchar  *name,
					const gchar  *value,
					gpointer      user_data,
					GError	    **error)
{
	if (value[0] == '\0' || g_str_has_prefix(value, "Device."))
		return TRUE;
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
		    "ParameterName \"%s\" is not a Device. path", value);
	return FALSE;
}

static const CwmpDmParamDef cwmp_management_server_params[] = {
    {.name = "URL", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "Username", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "Password", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "PeriodicInformEnable", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "PeriodicInformInterval", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "PeriodicInformTime", .flags = CWMP_DM_PARAM_FLAG_STORED},
    /* readOnly in the schema: the RPC layer sets it through the API */
    {.name = "ParameterKey", .flags = CWMP_DM_PARAM_FLAG_STORED},
    /* set by the connection-request server, which pushes changes */
    {.name = "ConnectionRequestURL",
     .get = cwmp_management_server_get_cb,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "ConnectionRequestUsername", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "ConnectionRequestPassword", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "DefaultActiveNotificationThrottle", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "CWMPRetryMinimumWaitInterval", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "CWMPRetryIntervalMultiplier", .flags = CWMP_DM_PARAM_FLAG_STORED},
    /* from the configuration, fixed while running */
    {.name = "AliasBasedAddressing",
     .get = cwmp_management_server_get_cb,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = NULL},
};

static const CwmpDmParamDef cwmp_management_server_heartbeat_params[] = {
    {.name = "Enable", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "ReportingInterval", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "InitiationTime", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = NULL},
};

static const CwmpDmParamDef cwmp_management_server_inform_params[] = {
    {.name = "Enable", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "ParameterName",
     .flags = CWMP_DM_PARAM_FLAG_STORED,
     .validate = cwmp_management_server_validate_name_cb},
    {.name = "EventList",
     .flags = CWMP_DM_PARAM_FLAG_STORED,
     .validate = cwmp_management_server_validate_event_list_cb},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_management_server_object = {
    .path = CWMP_MS_PATH,
    .params = cwmp_management_server_params,
};
/* read by the transfer queue when an autonomous transfer ends */
static const CwmpDmParamDef cwmp_management_server_atc_policy_params[] = {
    {.name = "Enable", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "TransferTypeFilter", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "ResultTypeFilter", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "FileTypeFilter", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_management_server_atc_policy_object = {
    .path = CWMP_MS_ATC_POLICY_PATH,
    .params = cwmp_management_server_atc_policy_params,
};

static const CwmpDmObjectDef cwmp_management_server_heartbeat_object = {
    .path = CWMP_MS_HEARTBEAT_PATH,
    .params = cwmp_management_server_heartbeat_params,
};
static const CwmpDmObjectDef cwmp_management_server_inform_object = {
    .path = "Device.ManagementServer.InformParameter.{i}.",
    .params = cwmp_management_server_inform_params,
    .flags = CWMP_DM_OBJECT_FLAG_STORED,
};

typedef struct {
	const gchar *name;
	const gchar *group; /* the configuration key, or NULL */
	const gchar *key;
	const gchar *fallback; /* built in */
} CwmpManagementServerDefault;

/* the schema gives no default for these (TR-181 2.19), so the factory
 * defaults are here; retry values are TR-069 3.2.1.1's */
static const CwmpManagementServerDefault cwmp_management_server_defaults[] = {
    {"URL", "acs", "url", ""},
    {"Username", "acs", "username", ""},
    {"Password", "acs", "password", ""},
    {"PeriodicInformEnable", "acs", "periodic-inform-enable", "true"},
    {"PeriodicInformInterval", "acs", "periodic-inform-interval",
     G_STRINGIFY(CWMP_MANAGEMENT_SERVER_DEFAULT_PERIODIC_INTERVAL)},
     {"PeriodicInformTime", NULL, NULL, "0001-01-01T00:00:00Z"}, {"ParameterKey", NULL, NULL, ""},
     {"ConnectionRequestUsername", "connection-request", "username", ""},
     {"ConnectionRequestPassword", "connection-request", "password", ""},
     {"DefaultActiveNotificationThrottle", NULL, NULL, "0"},
     {"CWMPRetryMinimumWaitInterval", "acs", "retry-minimum-wait-interval",
      G_STRINGIFY(CWMP_SCHEDULER_RETRY_MIN_WAIT_DEFAULT)},
      {"CWMPRetryIntervalMultiplier", "acs", "retry-interval-multiplier",
       G_STRINGIFY(CWMP_SCHEDULER_RETRY_MULTIPLIER_DEFAULT)},
};

static const CwmpManagementServerDefault cwmp_management_server_atc_policy_defaults[] = {
    {"Enable", NULL, NULL, "false"},
    {"TransferTypeFilter", NULL, NULL, "Both"},
    {"ResultTypeFilter", NULL, NULL, "Both"},
    {"FileTypeFilter", NULL, NULL, ""},
};

static const CwmpManagementServerDefault cwmp_management_server_heartbeat_defaults[] = {
    {"Enable", NULL, NULL, "false"},
    {"ReportingInterval", NULL, NULL,
     G_STRINGIFY(CWMP_MANAGEMENT_SERVER_DEFAULT_HEARTBEAT_INTERVAL)},
     {"InitiationTime", NULL, NULL, "0001-01-01T00:00:00Z"},
};

static const gchar *
cwmp_management_server_get_stored(CwmpDmObject *object, const gchar *name)
{
	const gchar *value = object != NULL ? cwmp_dm_object_get_stored(object, name) : NULL;
	return value != NULL ? value : "";
}

static guint32
cwmp_management_server_get_uint(CwmpDmObject *object, const gchar *name, guint32 fallback)
{
	guint32 value;
	if (!cwmp_value_parse_unsigned_int(cwmp_management_server_get_stored(object, name), &value,
					   NULL))
		return fallback;
	return value;
}

static gboolean
cwmp_management_server_get_bool(CwmpDmObject *object, const gchar *name)
{
	gboolean value = FALSE;
	if (!cwmp_value_parse_boolean(cwmp_management_server_get_stored(object, name), &value,
				      NULL))
		return FALSE;
	return value;
}

/* --- side effects --------------------------------------------------------- */

static gboolean
cwmp_management_server_commit_cb(const CwmpDmChange *changes,
				 guint		     n_changes,
				 gpointer	     user_data,
				 GError		   **error)
{
	CwmpManagementServer *self = CWMP_MANAGEMENT_SERVER(user_data);
	gboolean	      url = FALSE;
	gboolean	      periodic = FALSE;
	gboolean	      heartbeat = FALSE;
	gboolean	      retry = FALSE;
	gboolean	      acs_credentials = FALSE;
	gboolean	      cr_credentials = FALSE;

	for (guint i = 0; i < n_changes; i++) {
		const CwmpDmChange *change = &changes[i];
		if (g_strcmp0(change->value, change->old_value) == 0)
			continue;
		if (change->object == self->heartbeat) {
			heartbeat = TRUE;
		} else if (change->object != self->object) {
			continue;
		} else if (g_strcmp0(change->name, "URL") == 0) {
			url = TRUE;
		} else if (g_str_has_prefix(change->name, "PeriodicInform")) {
			periodic = TRUE;
		} else if (g_str_has_prefix(change->name, "CWMPRetry") ||
			   g_strcmp0(change->name, "DefaultActiveNotificationThrottle") == 0) {
			retry = TRUE;
		} else if (g_strcmp0(change->name, "Username") == 0 ||
			   g_strcmp0(change->name, "Password") == 0) {
			acs_credentials = TRUE;
		} else if (g_str_has_prefix(change->name, "ConnectionRequest")) {
			cr_credentials = TRUE;
		}
	}
	if (self->scheduler != NULL && (periodic || heartbeat || retry))
		cwmp_management_server_apply_to_scheduler(self, self->scheduler);
	if (url && self->scheduler != NULL) {
		g_autoptr(GError) error_local = NULL;
		/* a new ACS must be provisioned: TR-069 0 BOOTSTRAP */
		if (!cwmp_scheduler_add_event(self->scheduler, CWMP_EVENT_BOOTSTRAP, NULL,
					      &error_local))
			g_warning("cannot queue 0 BOOTSTRAP: %s", error_local->message);
	}
	if (url)
		g_signal_emit(self, signals[SIGNAL_BOOTSTRAP_NEEDED], 0);
	if (periodic)
		g_signal_emit(self, signals[SIGNAL_PERIODIC_CHANGED], 0);
	if (heartbeat)
		g_signal_emit(self, signals[SIGNAL_HEARTBEAT_CHANGED], 0);
	if (acs_credentials)
		g_signal_emit(self, signals[SIGNAL_ACS_CREDENTIALS_CHANGED], 0);
	if (cr_credentials)
		g_signal_emit(self, signals[SIGNAL_CR_CREDENTIALS_CHANGED], 0);
	return TRUE;
}

static const CwmpDmTxnHooks cwmp_management_server_hooks = {
    .commit = cwmp_management_server_commit_cb,
};

/* --- object --------------------------------------------------------------- */

static void
cwmp_management_server_dispose(GObject *object)
{
	CwmpManagementServer *self = CWMP_MANAGEMENT_SERVER(object);
	g_clear_object(&self->scheduler);
	g_clear_object(&self->config);
	g_clear_object(&self->dm);
	self->object = NULL;
	self->heartbeat = NULL;
	G_OBJECT_CLASS(cwmp_management_server_parent_class)->dispose(object);
}

static void
cwmp_management_server_finalize(GObject *object)
{
	CwmpManagementServer *self = CWMP_MANAGEMENT_SERVER(object);
	g_free(self->connection_request_url);
	G_OBJECT_CLASS(cwmp_management_server_parent_class)->finalize(object);
}

static guint
cwmp_management_server_signal_new(GObjectClass *object_class, const gchar *name)
{
	return g_signal_new(name, G_TYPE_FROM_CLASS(object_class), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
			    NULL, G_TYPE_NONE, 0);
}

static void
cwmp_management_server_class_init(CwmpManagementServerClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->dispose = cwmp_management_server_dispose;
	object_class->finalize = cwmp_management_server_finalize;

	/* the ACS URL changed: the next session must carry 0 BOOTSTRAP */
	signals[SIGNAL_BOOTSTRAP_NEEDED] = cwmp_management_server_signal_new(object_class, "bootstr"
											   "ap-"
											   "neede"
											   "d");
	/* PeriodicInformEnable, Interval or Time changed */
	signals[SIGNAL_PERIODIC_CHANGED] = cwmp_management_server_signal_new(object_class, "periodi"
											   "c-"
											   "change"
											   "d");
	/* HeartbeatPolicy changed */
	signals[SIGNAL_HEARTBEAT_CHANGED] = cwmp_management_server_signal_new(object_class, "heartb"
											    "eat-"
											    "change"
											    "d");
	/* Username or Password (for the ACS) changed */
	signals[SIGNAL_ACS_CREDENTIALS_CHANGED] =
	    cwmp_management_server_signal_new(object_class, "acs-credentials-changed");
	/* ConnectionRequestUsername or Password changed: the CR server must
	 * use them at once */
	signals[SIGNAL_CR_CREDENTIALS_CHANGED] =
	    cwmp_management_server_signal_new(object_class, "cr-credentials-changed");
}

static void
cwmp_management_server_init(CwmpManagementServer *self)
{
}

/**
 * cwmp_management_server_new:
 * @dm: the agent's data model, not frozen yet
 * @config: (nullable): the configuration with the factory defaults
 *
 * Returns: (transfer full): a new management server
 */
CwmpManagementServer *
cwmp_management_server_new(CwmpDm *dm, CwmpConfig *config)
{
	CwmpManagementServer *self;
	g_return_val_if_fail(CWMP_IS_DM(dm), NULL);
	g_return_val_if_fail(config == NULL || CWMP_IS_CONFIG(config), NULL);
	self = g_object_new(CWMP_TYPE_MANAGEMENT_SERVER, NULL);
	self->dm = g_object_ref(dm);
	if (config != NULL)
		self->config = g_object_ref(config);
	return self;
}

/**
 * cwmp_management_server_register:
 * @self: a management server
 * @error: a #GError, or %NULL
 *
 * Registers Device.ManagementServer., its HeartbeatPolicy. and the
 * InformParameter.{i}. table with the owner "core". Call before the data
 * model is frozen.
 *
 * Returns: %TRUE on success
 */
gboolean
cwmp_management_server_register(CwmpManagementServer *self, GError **error)
{
	CwmpDmRegistry		    *registry;
	const CwmpDmObjectDef *const defs[] = {
	    &cwmp_management_server_object,
	    &cwmp_management_server_heartbeat_object,
	    &cwmp_management_server_atc_policy_object,
	    &cwmp_management_server_inform_object,
	    NULL,
	};
	gboolean ok;

	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), FALSE);
	g_return_val_if_fail(!self->registered, FALSE);
	registry = cwmp_dm_registry_new(self->dm, CWMP_MANAGEMENT_SERVER_OWNER);
	ok = cwmp_dm_registry_add_objects(registry, defs, self, error);
	if (ok)
		cwmp_dm_registry_set_txn_hooks(registry, &cwmp_management_server_hooks, self);
	cwmp_dm_registry_free(registry);
	if (!ok) {
		g_prefix_error_literal(error, "failed to register Device.ManagementServer.: ");
		return FALSE;
	}
	self->registered = TRUE;
	return TRUE;
}

static void
cwmp_management_server_seed(CwmpManagementServer	      *self,
			    CwmpDmObject		      *object,
			    const CwmpManagementServerDefault *defaults,
			    guint			       n_defaults)
{
	for (guint i = 0; i < n_defaults; i++) {
		const CwmpManagementServerDefault *def = &defaults[i];
		CwmpDmParamNode	 *param = cwmp_dm_node_lookup_param(object->node, def->name);
		g_autofree gchar *value = NULL;
		g_autoptr(GError) error_local = NULL;

		if (param == NULL || param->kind != CWMP_DM_PARAM_KIND_STORED ||
		    cwmp_dm_object_peek_value(object, param) != NULL)
			continue;
		if (def->group != NULL && self->config != NULL)
			value = cwmp_config_get_string(self->config, def->group, def->key);
		if (value == NULL)
			value = g_strdup(def->fallback);
		/* a configured value the schema refuses would break every read */
		if (!cwmp_value_validate(param->schema, value, &error_local)) {
			g_warning("%s%s: configured default \"%s\" ignored: %s", object->node->path,
				  def->name, value, error_local->message);
			g_free(value);
			value = g_strdup(def->fallback);
		}
		cwmp_dm_object_take_value(object, param, g_steal_pointer(&value));
	}
}

/**
 * cwmp_management_server_start:
 * @self: a registered management server
 * @error: a #GError, or %NULL
 *
 * Call once the data model is frozen (its store loaded). Parameters that
 * were never set get their factory default; the first save of the data
 * model persists them, so a later change of the configuration file does not
 * override what the device has been running with (that takes a factory
 * reset). Then the settings go to the attached scheduler.
 *
 * Returns: %TRUE on success
 */
gboolean
cwmp_management_server_start(CwmpManagementServer *self, GError **error)
{
	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), FALSE);
	if (!self->registered || !cwmp_dm_is_frozen(self->dm)) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INTERNAL,
				    "Device.ManagementServer. starts after registration and "
				    "freeze");
		return FALSE;
	}
	self->object = cwmp_dm_lookup_object(self->dm, CWMP_MS_PATH);
	self->heartbeat = cwmp_dm_lookup_object(self->dm, CWMP_MS_HEARTBEAT_PATH);
	if (self->object == NULL || self->heartbeat == NULL) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_NOT_FOUND,
				    "Device.ManagementServer. is missing from the data model");
		return FALSE;
	}
	cwmp_management_server_seed(self, self->object, cwmp_management_server_defaults,
				    G_N_ELEMENTS(cwmp_management_server_defaults));
	cwmp_management_server_seed(self, self->heartbeat,
				    cwmp_management_server_heartbeat_defaults,
				    G_N_ELEMENTS(cwmp_management_server_heartbeat_defaults));
	{
		CwmpDmObject *policy = cwmp_dm_lookup_object(self->dm, CWMP_MS_ATC_POLICY_PATH);
		if (policy != NULL)
			cwmp_management_server_seed(
			    self, policy, cwmp_management_server_atc_policy_defaults,
			    G_N_ELEMENTS(cwmp_management_server_atc_policy_defaults));
	}
	if (self->scheduler != NULL)
		cwmp_management_server_apply_to_scheduler(self, self->scheduler);
	return TRUE;
}

/**
 * cwmp_management_server_set_scheduler:
 * @self: a management server
 * @scheduler: (nullable): the scheduler to keep in step
 *
 * From now on the scheduler gets every change of the periodic, heartbeat,
 * retry and throttle settings, and 0 BOOTSTRAP after an URL change.
 */
void
cwmp_management_server_set_scheduler(CwmpManagementServer *self, CwmpScheduler *scheduler)
{
	g_return_if_fail(CWMP_IS_MANAGEMENT_SERVER(self));
	g_return_if_fail(scheduler == NULL || CWMP_IS_SCHEDULER(scheduler));
	g_set_object(&self->scheduler, scheduler);
	if (scheduler != NULL && self->object != NULL)
		cwmp_management_server_apply_to_scheduler(self, scheduler);
}

/* pushes the current settings to @scheduler */
void
cwmp_management_server_apply_to_scheduler(CwmpManagementServer *self, CwmpScheduler *scheduler)
{
	gboolean enable;
	guint32	 interval;
	gint64	 reference;
	guint32	 min_wait;
	guint32	 multiplier;

	g_return_if_fail(CWMP_IS_MANAGEMENT_SERVER(self));
	g_return_if_fail(CWMP_IS_SCHEDULER(scheduler));
	cwmp_management_server_get_retry_policy(self, &min_wait, &multiplier);
	cwmp_scheduler_set_retry_policy(scheduler, min_wait, multiplier);
	cwmp_scheduler_set_active_notification_throttle(
	    scheduler, cwmp_management_server_get_active_notification_throttle(self));
	cwmp_management_server_get_periodic(self, &enable, &interval, &reference);
	cwmp_scheduler_set_periodic(scheduler, enable, interval, reference);
	cwmp_management_server_get_heartbeat(self, &enable, &interval, &reference);
	cwmp_scheduler_set_heartbeat(scheduler, enable, interval, reference);
}

/* --- values --------------------------------------------------------------- */

gchar *
cwmp_management_server_get_url(CwmpManagementServer *self)
{
	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), NULL);
	return g_strdup(cwmp_management_server_get_stored(self->object, "URL"));
}

gchar *
cwmp_management_server_get_username(CwmpManagementServer *self)
{
	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), NULL);
	return g_strdup(cwmp_management_server_get_stored(self->object, "Username"));
}

/* the real value: the data model reads it back as "" to the ACS */
gchar *
cwmp_management_server_get_password(CwmpManagementServer *self)
{
	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), NULL);
	return g_strdup(cwmp_management_server_get_stored(self->object, "Password"));
}

gchar *
cwmp_management_server_get_cr_username(CwmpManagementServer *self)
{
	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), NULL);
	return g_strdup(cwmp_management_server_get_stored(self->object, "ConnectionRequestUsernam"
									"e"));
}

gchar *
cwmp_management_server_get_cr_password(CwmpManagementServer *self)
{
	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), NULL);
	return g_strdup(cwmp_management_server_get_stored(self->object, "ConnectionRequestPasswor"
									"d"));
}

gchar *
cwmp_management_server_get_parameter_key(CwmpManagementServer *self)
{
	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), NULL);
	return g_strdup(cwmp_management_server_get_stored(self->object, "ParameterKey"));
}

/**
 * cwmp_management_server_set_parameter_key:
 * @self: a started management server
 * @parameter_key: the ParameterKey of the request that succeeded
 * @error: a #GError, or %NULL
 *
 * For the RPC layer, after a successful SetParameterValues, AddObject or
 * DeleteObject (never after a failed one). The new key is on disk when this
 * returns; when it cannot be written the old key stays.
 *
 * Returns: %TRUE on success; CWMP_FAULT 9003 for a key over 32 bytes
 */
gboolean
cwmp_management_server_set_parameter_key(CwmpManagementServer *self,
					 const gchar	      *parameter_key,
					 GError		     **error)
{
	CwmpDmParamNode	 *param;
	g_autofree gchar *old = NULL;

	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), FALSE);
	g_return_val_if_fail(parameter_key != NULL, FALSE);
	if (self->object == NULL) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INTERNAL,
				    "Device.ManagementServer. is not started");
		return FALSE;
	}
	if (strlen(parameter_key) > CWMP_MS_PARAMETER_KEY_MAX_LENGTH ||
	    !g_utf8_validate(parameter_key, -1, NULL)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "ParameterKey longer than %u bytes or not UTF-8",
			    (guint) CWMP_MS_PARAMETER_KEY_MAX_LENGTH);
		return FALSE;
	}
	param = cwmp_dm_node_lookup_param(self->object->node, "ParameterKey");
	g_return_val_if_fail(param != NULL && param->kind == CWMP_DM_PARAM_KIND_STORED, FALSE);
	old = g_strdup(cwmp_dm_object_peek_value(self->object, param));
	if (g_strcmp0(old, parameter_key) == 0)
		return TRUE;
	cwmp_dm_object_take_value(self->object, param, g_strdup(parameter_key));
	if (!cwmp_dm_save(self->dm, error)) {
		cwmp_dm_object_take_value(self->object, param, g_steal_pointer(&old));
		g_prefix_error_literal(error, "failed to save the ParameterKey: ");
		return FALSE;
	}
	/* the ACS set it (through its request): not reported back as a change */
	cwmp_dm_note_change(self->dm, self->object, param, parameter_key);
	cwmp_dm_flush(self->dm);
	return TRUE;
}

const gchar *
cwmp_management_server_get_connection_request_url(CwmpManagementServer *self)
{
	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), NULL);
	return self->connection_request_url != NULL ? self->connection_request_url : "";
}

/* for the connection-request server: its real, reachable URL */
void
cwmp_management_server_set_connection_request_url(CwmpManagementServer *self, const gchar *url)
{
	g_return_if_fail(CWMP_IS_MANAGEMENT_SERVER(self));
	if (g_strcmp0(self->connection_request_url, url) == 0)
		return;
	g_free(self->connection_request_url);
	self->connection_request_url = g_strdup(url);
	/* forced-inform and activeNotify forceDefaultEnabled: report the change */
	if (self->object != NULL)
		cwmp_dm_object_notify_changed(self->object, "ConnectionRequestURL");
}

void
cwmp_management_server_get_periodic(CwmpManagementServer *self,
				    gboolean		 *enable,
				    guint32		 *interval,
				    gint64		 *reference)
{
	g_return_if_fail(CWMP_IS_MANAGEMENT_SERVER(self));
	*enable = cwmp_management_server_get_bool(self->object, "PeriodicInformEnable");
	*interval =
	    cwmp_management_server_get_uint(self->object, "PeriodicInformInterval",
					    CWMP_MANAGEMENT_SERVER_DEFAULT_PERIODIC_INTERVAL);
	*reference = cwmp_scheduler_parse_time(
	    cwmp_management_server_get_stored(self->object, "PeriodicInformTime"), NULL);
}

void
cwmp_management_server_get_heartbeat(CwmpManagementServer *self,
				     gboolean		  *enable,
				     guint32		  *interval,
				     gint64		  *initiation_time)
{
	g_return_if_fail(CWMP_IS_MANAGEMENT_SERVER(self));
	*enable = cwmp_management_server_get_bool(self->heartbeat, "Enable");
	*interval =
	    cwmp_management_server_get_uint(self->heartbeat, "ReportingInterval",
					    CWMP_MANAGEMENT_SERVER_DEFAULT_HEARTBEAT_INTERVAL);
	*initiation_time = cwmp_scheduler_parse_time(
	    cwmp_management_server_get_stored(self->heartbeat, "InitiationTime"), NULL);
}

void
cwmp_management_server_get_retry_policy(CwmpManagementServer *self,
					guint32		     *min_wait,
					guint32		     *multiplier)
{
	g_return_if_fail(CWMP_IS_MANAGEMENT_SERVER(self));
	*min_wait = cwmp_management_server_get_uint(self->object, "CWMPRetryMinimumWaitInterval",
						    CWMP_SCHEDULER_RETRY_MIN_WAIT_DEFAULT);
	*multiplier = cwmp_management_server_get_uint(self->object, "CWMPRetryIntervalMultiplier",
						      CWMP_SCHEDULER_RETRY_MULTIPLIER_DEFAULT);
}

guint32
cwmp_management_server_get_active_notification_throttle(CwmpManagementServer *self)
{
	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), 0);
	return cwmp_management_server_get_uint(self->object, "DefaultActiveNotificationThrottle",
					       0);
}

static gboolean
cwmp_management_server_event_listed(const gchar *event_list, const gchar *const *event_codes)
{
	g_auto(GStrv) listed = NULL;
	if (event_list[0] == '\0')
		return TRUE;
	if (event_codes == NULL)
		return FALSE;
	listed = g_strsplit(event_list, ",", -1);
	for (guint i = 0; listed[i] != NULL; i++) {
		g_strstrip(listed[i]);
		if (g_strv_contains(event_codes, listed[i]))
			return TRUE;
	}
	return FALSE;
}

/**
 * cwmp_management_server_get_inform_parameters:
 * @self: a started management server
 * @event_codes: (nullable): the event codes of the Inform being built
 *
 * The ParameterName of every enabled InformParameter.{i}. whose EventList
 * is empty (every Inform) or names one of @event_codes, in instance order,
 * without duplicates.
 *
 * Returns: (transfer container) (element-type utf8): the names
 */
GPtrArray *
cwmp_management_server_get_inform_parameters(CwmpManagementServer *self,
					     const gchar *const	  *event_codes)
{
	GPtrArray   *out = g_ptr_array_new_with_free_func(g_free);
	CwmpDmNode  *child;
	CwmpDmTable *table;

	g_return_val_if_fail(CWMP_IS_MANAGEMENT_SERVER(self), out);
	if (self->object == NULL)
		return out;
	child = cwmp_dm_node_lookup_child(self->object->node, "InformParameter");
	if (child == NULL || (table = cwmp_dm_object_get_table(self->object, child)) == NULL)
		return out;
	for (guint i = 0; i < table->instances->len; i++) {
		CwmpDmObject *instance = g_ptr_array_index(table->instances, i);
		const gchar  *name = cwmp_management_server_get_stored(instance, "ParameterName");
		if (!cwmp_management_server_get_bool(instance, "Enable") || name[0] == '\0')
			continue;
		if (!cwmp_management_server_event_listed(
			cwmp_management_server_get_stored(instance, "EventList"), event_codes))
			continue;
		if (!g_ptr_array_find_with_equal_func(out, name, g_str_equal, NULL))
			g_ptr_array_add(out, g_strdup(name));
	}
	return out;
}
