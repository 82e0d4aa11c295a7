/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "cwmp-agent.h"
#include "cwmp-engine.h"
#include "cwmp-error.h"
#include "cwmp-store.h"

struct _CwmpAgent {
	GObject		  parent_instance;
	CwmpConfig	 *config;
	gchar		 *state_directory;
	CwmpStore	 *store;
	CwmpDm		 *dm;
	CwmpPluginLoader *loader;
	gchar		 *quarantined; /* where a damaged dm.state was moved, if it was */
	guint		  poll_id;     /* value-change polling of parameters without push */
	CwmpEngine	 *engine;      /* ManagementServer, events, sessions */
	CwmpHost	 *host;	       /* what plugins see of the agent */
	gboolean	  started;
};

G_DEFINE_TYPE(CwmpAgent, cwmp_agent, G_TYPE_OBJECT)

static gboolean
cwmp_agent_store_check_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	return TRUE;
}

static gboolean
cwmp_agent_error_is_damage(const GError *error)
{
	return g_error_matches(error, CWMP_ERROR, CWMP_ERROR_CORRUPT) ||
	       g_error_matches(error, CWMP_ERROR, CWMP_ERROR_VERSION) ||
	       g_error_matches(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
}

/* never reset a damaged file in place: keep it for whoever investigates */
static gboolean
cwmp_agent_quarantine_store(CwmpAgent *self, const GError *reason, GError **error)
{
	g_autofree gchar *new_name = NULL;
	g_autoptr(GError) error_local = NULL;

	if (!cwmp_store_quarantine(self->store, &new_name, &error_local)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_IO,
			    "state file %s is damaged (%s) and cannot be moved aside: %s",
			    cwmp_store_get_filename(self->store), reason->message,
			    error_local->message);
		return FALSE;
	}
	g_warning("state file %s is damaged (%s); moved it to %s and starting from the defaults",
		  cwmp_store_get_filename(self->store), reason->message,
		  new_name != NULL ? new_name : "(unknown)");
	g_free(self->quarantined);
	self->quarantined = g_steal_pointer(&new_name);
	return TRUE;
}

/* read the whole file once so damage is found before the tree is restored
 * from it, rather than half-way through */
static gboolean
cwmp_agent_check_store(CwmpAgent *self, GError **error)
{
	g_autoptr(GError) error_local = NULL;

	if (!cwmp_store_exists(self->store))
		return TRUE;
	if (cwmp_store_read(self->store, cwmp_agent_store_check_cb, NULL, &error_local))
		return TRUE;
	if (!cwmp_agent_error_is_damage(error_local)) {
		g_propagate_prefixed_error(
		    error, g_steal_pointer(&error_local),
		    "failed to read %s: ", cwmp_store_get_filename(self->store));
		return FALSE;
	}
	return cwmp_agent_quarantine_store(self, error_local, error);
}

static gboolean
cwmp_agent_ensure_state_directory(CwmpAgent *self, GError **error)
{
	if (g_mkdir_with_parents(self->state_directory, 0700) != 0) {
		gint errsv = errno;
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_IO,
			    "cannot create the state directory %s: %s", self->state_directory,
			    g_strerror(errsv));
		return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_agent_start:
 * @self: an agent
 * @error: a #GError, or %NULL
 *
 * Loads the plugins and lets them register, freezes the data model (which
 * restores the persisted state), then starts the plugins. A plugin that
 * fails is flagged failed and does not stop the agent. A damaged state file
 * is quarantined, with a warning, and the agent goes on with the defaults.
 *
 * Returns: %FALSE when the agent cannot run: the state directory or the
 *   configured plugin directory is unusable, or the data model refuses to
 *   freeze
 */
static gboolean
cwmp_agent_poll_cb(gpointer user_data)
{
	CwmpAgent *self = CWMP_AGENT(user_data);
	guint	   found = cwmp_dm_poll(self->dm);
	if (found > 0)
		g_debug("polling found %u changed parameters", found);
	return G_SOURCE_CONTINUE;
}

/* parameters whose plugin does not push changes are compared on a timer, a
 * bounded number per tick so a large tree never stalls the loop */
static void
cwmp_agent_start_polling(CwmpAgent *self)
{
	gint64 interval = cwmp_config_get_integer(self->config, "data-model", "poll-interval");
	gint64 budget = cwmp_config_get_integer(self->config, "data-model", "poll-budget");

	cwmp_dm_set_poll_budget(self->dm, (guint) CLAMP(budget, 1, G_MAXUINT));
	cwmp_dm_set_alias_based_addressing(
	    self->dm,
	    cwmp_config_get_boolean(self->config, "data-model", "alias-based-addressing"));
	g_clear_handle_id(&self->poll_id, g_source_remove);
	self->poll_id =
	    g_timeout_add_seconds((guint) CLAMP(interval, 1, 86400), cwmp_agent_poll_cb, self);
}

gboolean
cwmp_agent_start(CwmpAgent *self, GError **error)
{
	g_autoptr(GError) error_local = NULL;

	g_return_val_if_fail(CWMP_IS_AGENT(self), FALSE);
	g_return_val_if_fail(!self->started, FALSE);

	if (!cwmp_agent_ensure_state_directory(self, error))
		return FALSE;
	if (!cwmp_plugin_loader_load(self->loader, error))
		return FALSE;
	/* the core's own objects (Device.ManagementServer.) join the tree too */
	g_clear_object(&self->engine);
	self->engine = cwmp_engine_new(self->config, self->dm, self->state_directory);
	cwmp_engine_set_host(self->engine, self->host);
	if (!cwmp_engine_register(self->engine, error))
		return FALSE;
	if (!cwmp_agent_check_store(self, error))
		return FALSE;
	if (!cwmp_dm_freeze(self->dm, &error_local)) {
		/* damage only the data model can see, in records the store could read */
		if (!cwmp_agent_error_is_damage(error_local) || cwmp_dm_is_frozen(self->dm) ||
		    !cwmp_store_exists(self->store)) {
			g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
						   "failed to freeze the data model: ");
			return FALSE;
		}
		if (!cwmp_agent_quarantine_store(self, error_local, error))
			return FALSE;
		g_clear_error(&error_local);
		if (!cwmp_dm_freeze(self->dm, &error_local)) {
			g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
						   "failed to freeze the data model: ");
			return FALSE;
		}
	}
	cwmp_plugin_loader_start(self->loader);
	cwmp_agent_start_polling(self);
	self->started = TRUE;
	return TRUE;
}

/**
 * cwmp_agent_stop:
 * @self: an agent
 *
 * Stops the plugins in reverse load order. Safe to call when not started.
 */
void
cwmp_agent_stop(CwmpAgent *self)
{
	g_return_if_fail(CWMP_IS_AGENT(self));
	g_clear_handle_id(&self->poll_id, g_source_remove);
	if (self->engine != NULL)
		cwmp_engine_stop(self->engine);
	cwmp_plugin_loader_stop(self->loader);
	self->started = FALSE;
}

/**
 * cwmp_agent_start_engine:
 * @self: a started agent
 *
 * Starts the CWMP side: event queue, scheduler, connection-request server
 * and sessions with the ACS. Inspection (--list-*) starts the agent without.
 */
gboolean
cwmp_agent_start_engine(CwmpAgent *self, GError **error)
{
	g_return_val_if_fail(CWMP_IS_AGENT(self), FALSE);
	g_return_val_if_fail(self->started, FALSE);
	return cwmp_engine_start(self->engine, error);
}

/* --- log level ----------------------------------------------------------- */

/* process-wide, like the log itself: the most verbose level written */
static GLogLevelFlags cwmp_agent_log_threshold = G_LOG_LEVEL_MESSAGE;

static const struct {
	const gchar   *name;
	GLogLevelFlags threshold;
} cwmp_agent_log_levels[] = {
    {"error", G_LOG_LEVEL_CRITICAL},  {"warning", G_LOG_LEVEL_WARNING},
    {"message", G_LOG_LEVEL_MESSAGE}, {"info", G_LOG_LEVEL_INFO},
    {"debug", G_LOG_LEVEL_DEBUG},
};

/**
 * cwmp_agent_set_log_level:
 * @level: "error", "warning", "message", "info" or "debug" ([log] level)
 * @error: a #GError, or %NULL
 *
 * Sets the least severe level cwmp_agent_log_writer() lets through, for the
 * whole process.
 *
 * Returns: %FALSE with CWMP_ERROR_CONFIG for an unknown level
 */
gboolean
cwmp_agent_set_log_level(const gchar *level, GError **error)
{
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_agent_log_levels); i++) {
		if (g_strcmp0(level, cwmp_agent_log_levels[i].name) != 0)
			continue;
		cwmp_agent_log_threshold = cwmp_agent_log_levels[i].threshold;
		return TRUE;
	}
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG, "unknown log level \"%s\"",
		    level != NULL ? level : "(null)");
	return FALSE;
}

/**
 * cwmp_agent_get_log_level:
 *
 * Returns: the level set by cwmp_agent_set_log_level(), "message" before
 */
const gchar *
cwmp_agent_get_log_level(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_agent_log_levels); i++) {
		if (cwmp_agent_log_levels[i].threshold == cwmp_agent_log_threshold)
			return cwmp_agent_log_levels[i].name;
	}
	return "message";
}

/**
 * cwmp_agent_log_writer:
 *
 * A #GLogWriterFunc for g_log_set_writer_func(): drops what is less severe
 * than the level of cwmp_agent_set_log_level(), unless G_MESSAGES_DEBUG asks
 * for it, and writes the rest like GLib's default writer: structured entries
 * to the journal when stderr is connected to it, text to the standard
 * streams otherwise. Info and debug messages the level lets through are
 * written even without G_MESSAGES_DEBUG, which the default writer needs.
 */
GLogWriterOutput
cwmp_agent_log_writer(GLogLevelFlags   log_level,
		      const GLogField *fields,
		      gsize	       n_fields,
		      gpointer	       user_data)
{
	GLogLevelFlags level = log_level & G_LOG_LEVEL_MASK;

	if (level == 0 || level <= G_LOG_LEVEL_MESSAGE) {
		/* the flags are ordered from the most severe (error) to debug */
		if (level != 0 && level > cwmp_agent_log_threshold)
			return G_LOG_WRITER_HANDLED;
		return g_log_writer_default(log_level, fields, n_fields, user_data);
	}
	if (level > cwmp_agent_log_threshold) {
		/* G_MESSAGES_DEBUG=domain still shows that domain's messages */
		if (g_getenv("G_MESSAGES_DEBUG") != NULL)
			return g_log_writer_default(log_level, fields, n_fields, user_data);
		return G_LOG_WRITER_HANDLED;
	}
	if (g_log_writer_is_journald(fileno(stderr)) &&
	    g_log_writer_journald(log_level, fields, n_fields, user_data) == G_LOG_WRITER_HANDLED)
		return G_LOG_WRITER_HANDLED;
	return g_log_writer_standard_streams(log_level, fields, n_fields, user_data);
}

/* --- reload -------------------------------------------------------------- */

static CwmpConfig *
cwmp_agent_read_config(const gchar *config_file, GError **error)
{
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	const gchar *filename = config_file != NULL ? config_file : CWMP_SYSCONFDIR "/cwmpd.conf";

	/* like cwmpd at start: the default file is optional, a named one is not */
	if (config_file == NULL && !g_file_test(filename, G_FILE_TEST_EXISTS))
		return g_steal_pointer(&config);
	if (!cwmp_config_load_with_dropins(config, filename, error))
		return NULL;
	return g_steal_pointer(&config);
}

static void
cwmp_agent_apply_cr_settings(CwmpAgent *self)
{
	CwmpCrServer *cr = self->engine != NULL ? cwmp_engine_get_cr_server(self->engine) : NULL;

	if (cr == NULL)
		return;
	cwmp_cr_server_set_allow_basic(
	    cr, cwmp_config_get_boolean(self->config, "connection-request", "allow-basic"));
	cwmp_cr_server_set_rate_limit(
	    cr,
	    (guint) cwmp_config_get_integer(self->config, "connection-request", "rate-limit-burst"),
	    (guint) cwmp_config_get_integer(self->config, "connection-request",
					    "rate-limit-interval"));
}

/**
 * cwmp_agent_reload:
 * @self: an agent
 * @config_file: (nullable): the configuration file, %NULL for the default
 *   one (which may be missing: then the built-in defaults apply)
 * @needs_restart: (out) (optional) (transfer full): "group.key" of each
 *   changed key that takes effect only after a restart of cwmpd
 * @error: a #GError, or %NULL
 *
 * Reads the configuration again with its drop-ins. A configuration with any
 * error changes nothing: the error lists every problem as "FILE:LINE: ...".
 * Otherwise the keys a reload can apply take effect at once (log level,
 * polling, connection-request rate limit and Basic authentication) or where
 * they are read next (hooks, the TLS files and timeout of the next session,
 * the DeviceId of the next Inform). A changed key that needs a restart keeps
 * its running value here and is returned in @needs_restart. The keys that
 * are factory defaults of Device.ManagementServer. (ACS URL and credentials,
 * periodic Inform, retry, connection-request credentials) are taken but do
 * not change the data model, which keeps the values it runs with until a
 * factory reset; a message says so. Values cwmpd was given on its command
 * line (cwmp_config_set_string()) survive the reload.
 *
 * Returns: %TRUE on success, %FALSE with CWMP_ERROR_CONFIG
 */
gboolean
cwmp_agent_reload(CwmpAgent *self, const gchar *config_file, GStrv *needs_restart, GError **error)
{
	g_autoptr(CwmpConfig) reloaded = NULL;
	g_autoptr(GStrvBuilder) restart = g_strv_builder_new();
	g_auto(GStrv) changed = NULL;
	gboolean log_changed = FALSE;
	gboolean poll_changed = FALSE;
	gboolean cr_changed = FALSE;

	g_return_val_if_fail(CWMP_IS_AGENT(self), FALSE);
	g_return_val_if_fail(needs_restart == NULL || *needs_restart == NULL, FALSE);

	reloaded = cwmp_agent_read_config(config_file, error);
	if (reloaded == NULL)
		return FALSE;
	cwmp_config_copy_overrides(reloaded, self->config);
	changed = cwmp_config_diff(self->config, reloaded);

	for (guint i = 0; changed[i] != NULL; i++) {
		const gchar *name = changed[i];

		if (cwmp_config_key_is_factory_default(name)) {
			g_message("configuration: %s changed; it is a factory default of "
				  "Device.ManagementServer., which keeps its value until a factory "
				  "reset",
				  name);
		} else if (!cwmp_config_key_is_runtime(name)) {
			g_message("configuration: %s changed; it takes effect after a restart",
				  name);
			g_strv_builder_add(restart, name);
			continue;
		} else {
			g_info("configuration: %s changed", name);
		}
		cwmp_config_copy_key(self->config, reloaded, name);
		if (g_str_equal(name, "log.level"))
			log_changed = TRUE;
		else if (g_str_has_prefix(name, "data-model."))
			poll_changed = TRUE;
		else if (g_str_has_prefix(name, "connection-request."))
			cr_changed = TRUE;
	}
	cwmp_config_copy_sources(self->config, reloaded);

	if (log_changed) {
		g_autofree gchar *level = cwmp_config_get_string(self->config, "log", "level");
		/* the key table allows only the known levels */
		if (!cwmp_agent_set_log_level(level, error))
			return FALSE;
	}
	if (poll_changed && self->started)
		cwmp_agent_start_polling(self);
	if (cr_changed)
		cwmp_agent_apply_cr_settings(self);

	if (needs_restart != NULL)
		*needs_restart = g_strv_builder_end(restart);
	return TRUE;
}

CwmpHost *
cwmp_agent_get_host(CwmpAgent *self)
{
	g_return_val_if_fail(CWMP_IS_AGENT(self), NULL);
	return self->host;
}

CwmpEngine *
cwmp_agent_get_engine(CwmpAgent *self)
{
	g_return_val_if_fail(CWMP_IS_AGENT(self), NULL);
	return self->engine;
}

gboolean
cwmp_agent_is_started(CwmpAgent *self)
{
	g_return_val_if_fail(CWMP_IS_AGENT(self), FALSE);
	return self->started;
}

/**
 * cwmp_agent_add_builtin_plugin:
 * @self: an agent
 * @name: the plugin name
 * @get_info: the plugin's entry point, linked into the executable
 *
 * Adds a built-in plugin; call before cwmp_agent_start().
 */
void
cwmp_agent_add_builtin_plugin(CwmpAgent *self, const gchar *name, CwmpPluginGetInfoFunc get_info)
{
	g_return_if_fail(CWMP_IS_AGENT(self));
	cwmp_plugin_loader_add_builtin(self->loader, name, get_info);
}

CwmpConfig *
cwmp_agent_get_config(CwmpAgent *self)
{
	g_return_val_if_fail(CWMP_IS_AGENT(self), NULL);
	return self->config;
}

CwmpDm *
cwmp_agent_get_dm(CwmpAgent *self)
{
	g_return_val_if_fail(CWMP_IS_AGENT(self), NULL);
	return self->dm;
}

CwmpPluginLoader *
cwmp_agent_get_plugin_loader(CwmpAgent *self)
{
	g_return_val_if_fail(CWMP_IS_AGENT(self), NULL);
	return self->loader;
}

const gchar *
cwmp_agent_get_state_directory(CwmpAgent *self)
{
	g_return_val_if_fail(CWMP_IS_AGENT(self), NULL);
	return self->state_directory;
}

/* where a damaged dm.state was moved by cwmp_agent_start(), or NULL */
const gchar *
cwmp_agent_get_quarantined(CwmpAgent *self)
{
	g_return_val_if_fail(CWMP_IS_AGENT(self), NULL);
	return self->quarantined;
}

static void
cwmp_agent_dispose(GObject *object)
{
	CwmpAgent *self = CWMP_AGENT(object);

	if (self->loader != NULL)
		cwmp_agent_stop(self);
	/* the engine and plugins go first: they hold references into the data model */
	g_clear_object(&self->engine);
	g_clear_object(&self->loader);
	g_clear_object(&self->host);
	g_clear_object(&self->dm);
	g_clear_object(&self->store);
	g_clear_object(&self->config);
	G_OBJECT_CLASS(cwmp_agent_parent_class)->dispose(object);
}

static void
cwmp_agent_finalize(GObject *object)
{
	CwmpAgent *self = CWMP_AGENT(object);
	g_free(self->state_directory);
	g_free(self->quarantined);
	G_OBJECT_CLASS(cwmp_agent_parent_class)->finalize(object);
}

static void
cwmp_agent_init(CwmpAgent *self)
{
}

static void
cwmp_agent_class_init(CwmpAgentClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->dispose = cwmp_agent_dispose;
	object_class->finalize = cwmp_agent_finalize;
}

/**
 * cwmp_agent_new:
 * @config: the configuration; [state] directory and [plugins] are read here
 *
 * Returns: (transfer full): an agent, not started
 */
CwmpAgent *
cwmp_agent_new(CwmpConfig *config)
{
	CwmpAgent	 *self;
	g_autofree gchar *state_directory = NULL;

	g_return_val_if_fail(CWMP_IS_CONFIG(config), NULL);

	self = g_object_new(CWMP_TYPE_AGENT, NULL);
	self->config = g_object_ref(config);
	state_directory = cwmp_config_get_string(config, "state", "directory");
	self->state_directory = state_directory != NULL && state_directory[0] != '\0'
				    ? g_steal_pointer(&state_directory)
				    : g_strdup(CWMP_STATEDIR);
	self->dm = cwmp_dm_new(cwmp_schema_get_default());
	self->store = cwmp_store_new(self->state_directory, CWMP_AGENT_DM_STORE_NAME,
				     CWMP_AGENT_DM_STORE_KIND);
	cwmp_dm_set_store(self->dm, self->store);
	self->loader = cwmp_plugin_loader_new(self->dm, self->config, self->state_directory);
	self->host = cwmp_host_new();
	cwmp_plugin_loader_set_host(self->loader, self->host);
	return self;
}
