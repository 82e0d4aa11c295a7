/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmp-error.h"
#include "cwmp-plugin-context-private.h"
#include "cwmp-plugin.h"

struct _CwmpPlugin {
	GObject		      parent_instance;
	gchar		     *name;	/* canonical: '-' of the file name mapped to '_' */
	gchar		     *filename; /* NULL for built-ins */
	CwmpPluginGetInfoFunc builtin_get_info;
	GModule		     *module;
	const CwmpPluginDesc *desc; /* set only once every check passed */
	gchar		     *version;
	gchar		     *description;
	gchar		     *license;
	gchar		     *origin;
	CwmpPluginState	      state;
	GError		     *error;
	CwmpPluginContext    *ctx;
	CwmpDm		     *dm;   /* set once registered, to unregister on failure or stop */
	CwmpHost	     *host; /* nullable: given to the context */
};

enum { PROP_0, PROP_NAME, PROP_VERSION, PROP_FILENAME, PROP_STATE, PROP_LAST };

static GParamSpec *cwmp_plugin_props[PROP_LAST] = {NULL};

G_DEFINE_TYPE(CwmpPlugin, cwmp_plugin, G_TYPE_OBJECT)

/**
 * cwmp_plugin_state_to_string:
 * @state: a state
 *
 * Returns: a stable lower-case name, for logs, listings and D-Bus
 */
const gchar *
cwmp_plugin_state_to_string(CwmpPluginState state)
{
	switch (state) {
	case CWMP_PLUGIN_STATE_LOADED:
		return "loaded";
	case CWMP_PLUGIN_STATE_STARTED:
		return "started";
	case CWMP_PLUGIN_STATE_FAILED:
		return "failed";
	case CWMP_PLUGIN_STATE_DISABLED:
		return "disabled";
	case CWMP_PLUGIN_STATE_STOPPED:
		return "stopped";
	default:
		return "unknown";
	}
}

static void
cwmp_plugin_set_state(CwmpPlugin *self, CwmpPluginState state)
{
	if (self->state == state)
		return;
	self->state = state;
	g_object_notify_by_pspec(G_OBJECT(self), cwmp_plugin_props[PROP_STATE]);
}

/* records why the plugin failed and releases what it holds */
static void
cwmp_plugin_fail(CwmpPlugin *self, const GError *error)
{
	g_clear_error(&self->error);
	self->error = g_error_copy(error);
	if (self->dm != NULL)
		cwmp_dm_unregister_owner(self->dm, self->name);
	g_clear_object(&self->dm);
	g_clear_pointer(&self->ctx, cwmp_plugin_context_free);
	cwmp_plugin_set_state(self, CWMP_PLUGIN_STATE_FAILED);
}

static gboolean
cwmp_plugin_fail_literal(CwmpPlugin *self, GError **error, gint code, const gchar *message)
{
	g_autoptr(GError) error_local = g_error_new_literal(CWMP_PLUGIN_ERROR, code, message);
	cwmp_plugin_fail(self, error_local);
	g_propagate_error(error, g_steal_pointer(&error_local));
	return FALSE;
}

/**
 * cwmp_plugin_set_failed:
 * @self: a plugin
 * @error: (transfer full): why
 *
 * Flags the plugin as failed for a reason found outside it, e.g. by the
 * loader's file checks or its duplicate check.
 */
void
cwmp_plugin_set_failed(CwmpPlugin *self, GError *error)
{
	g_autoptr(GError) error_owned = error;
	g_return_if_fail(CWMP_IS_PLUGIN(self));
	g_return_if_fail(error != NULL);
	cwmp_plugin_fail(self, error_owned);
}

/**
 * cwmp_plugin_set_disabled:
 * @self: a plugin
 *
 * Flags the plugin as disabled by configuration; its module is never opened.
 */
void
cwmp_plugin_set_disabled(CwmpPlugin *self)
{
	g_return_if_fail(CWMP_IS_PLUGIN(self));
	g_clear_error(&self->error);
	self->error = g_error_new(CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_DISABLED,
				  "plugin %s is disabled in the configuration ([plugins] disabled)",
				  self->name);
	cwmp_plugin_set_state(self, CWMP_PLUGIN_STATE_DISABLED);
}

/* GStreamer's CHECK_PLUGIN_DESC_FIELD, done in the order that only reads
 * fields whose offset is known to be right */
static gboolean
cwmp_plugin_check_desc(CwmpPlugin *self, const CwmpPluginDesc *desc, GError **error)
{
	if (desc == NULL) {
		g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_DESCRIPTOR,
			    "plugin %s returned no descriptor", self->name);
		return FALSE;
	}
	if (desc->abi_major != CWMP_PLUGIN_ABI_MAJOR || desc->abi_minor > CWMP_PLUGIN_ABI_MINOR) {
		g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_ABI,
			    "plugin %s was built for ABI %u.%u, cwmpd has %u.%u", self->name,
			    desc->abi_major, desc->abi_minor, (guint) CWMP_PLUGIN_ABI_MAJOR,
			    (guint) CWMP_PLUGIN_ABI_MINOR);
		return FALSE;
	}
	if (desc->size != sizeof(CwmpPluginDesc)) {
		g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_DESCRIPTOR,
			    "plugin %s has a descriptor of %u bytes, ABI %u.%u has %u", self->name,
			    desc->size, (guint) CWMP_PLUGIN_ABI_MAJOR,
			    (guint) CWMP_PLUGIN_ABI_MINOR, (guint) sizeof(CwmpPluginDesc));
		return FALSE;
	}
	if (desc->name == NULL || g_strcmp0(desc->name, self->name) != 0) {
		g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_DESCRIPTOR,
			    "plugin %s has the name '%s' in its descriptor", self->name,
			    desc->name != NULL ? desc->name : "(null)");
		return FALSE;
	}
	if (desc->version == NULL || desc->version[0] == '\0') {
		g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_DESCRIPTOR,
			    "plugin %s has no version in its descriptor", self->name);
		return FALSE;
	}
	if (desc->register_dm == NULL) {
		g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_DESCRIPTOR,
			    "plugin %s has no register_dm callback in its descriptor", self->name);
		return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_plugin_open:
 * @self: a plugin in no state yet
 * @error: a #GError, or %NULL
 *
 * Opens the module with local, immediate binding (so an unresolved symbol
 * fails here), finds cwmp_plugin_<name>_get_info(), calls it and checks the
 * descriptor. The module is made resident once it has been called into. On
 * failure the plugin is flagged failed with the same error.
 *
 * Returns: %TRUE when the descriptor is usable
 */
gboolean
cwmp_plugin_open(CwmpPlugin *self, GError **error)
{
	CwmpPluginGetInfoFunc get_info = self->builtin_get_info;
	const CwmpPluginDesc *desc;
	g_autoptr(GError) error_local = NULL;

	g_return_val_if_fail(CWMP_IS_PLUGIN(self), FALSE);
	g_return_val_if_fail(self->desc == NULL && self->module == NULL, FALSE);

	if (get_info == NULL) {
		g_autofree gchar *symbol = g_strdup_printf("cwmp_plugin_%s_get_info", self->name);
		gpointer	  func = NULL;

		self->module = g_module_open(self->filename, G_MODULE_BIND_LOCAL);
		if (self->module == NULL) {
			/* the GModule message names the file */
			g_autofree gchar *msg =
			    g_strdup_printf("cannot open the module: %s", g_module_error());
			return cwmp_plugin_fail_literal(self, error, CWMP_PLUGIN_ERROR_MODULE, msg);
		}
		if (!g_module_symbol(self->module, symbol, &func) || func == NULL) {
			g_autofree gchar *msg =
			    g_strdup_printf("%s does not export %s", self->filename, symbol);
			g_clear_pointer(&self->module, g_module_close);
			return cwmp_plugin_fail_literal(self, error, CWMP_PLUGIN_ERROR_SYMBOL, msg);
		}
		get_info = (CwmpPluginGetInfoFunc) func;
	}

	desc = get_info();
	/* called into: GLib types or atexit handlers may now point into it */
	if (self->module != NULL)
		g_module_make_resident(self->module);
	if (!cwmp_plugin_check_desc(self, desc, &error_local)) {
		cwmp_plugin_fail(self, error_local);
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}

	self->desc = desc;
	self->version = g_strdup(desc->version);
	self->description = g_strdup(desc->description);
	self->license = g_strdup(desc->license);
	self->origin = g_strdup(desc->origin);
	g_object_notify_by_pspec(G_OBJECT(self), cwmp_plugin_props[PROP_VERSION]);
	return TRUE;
}

/* a callback must set an error exactly when it returns FALSE */
static GError *
cwmp_plugin_wrap_error(CwmpPlugin  *self,
		       gint	    code,
		       const gchar *phase,
		       gboolean	    ret,
		       GError	   *error_plugin)
{
	if (ret) {
		if (error_plugin != NULL) {
			g_warning("plugin %s: %s succeeded but set an error: %s", self->name, phase,
				  error_plugin->message);
			g_error_free(error_plugin);
		}
		return NULL;
	}
	if (error_plugin == NULL) {
		return g_error_new(CWMP_PLUGIN_ERROR, code,
				   "plugin %s: %s failed without saying why", self->name, phase);
	} else {
		g_autoptr(GError) error_owned = error_plugin;
		return g_error_new(CWMP_PLUGIN_ERROR, code, "plugin %s: %s failed: %s", self->name,
				   phase, error_owned->message);
	}
}

/**
 * cwmp_plugin_set_host:
 * @self: a plugin not registered yet
 * @host: (nullable): the agent's host, handed to the plugin's context
 */
void
cwmp_plugin_set_host(CwmpPlugin *self, CwmpHost *host)
{
	g_return_if_fail(CWMP_IS_PLUGIN(self));
	g_set_object(&self->host, host);
}

/**
 * cwmp_plugin_register:
 * @self: a plugin whose cwmp_plugin_open() succeeded
 * @dm: the data model, not frozen yet
 * @config: (nullable): the configuration the plugin may read
 * @state_directory: (nullable): the agent's state directory
 * @error: a #GError, or %NULL
 *
 * Creates the plugin's context and runs its load and register_dm callbacks.
 * When one fails, everything the plugin registered is removed from @dm and
 * the plugin is flagged failed with %CWMP_PLUGIN_ERROR_REGISTER.
 *
 * Returns: %TRUE when the plugin is now %CWMP_PLUGIN_STATE_LOADED
 */
gboolean
cwmp_plugin_register(CwmpPlugin	 *self,
		     CwmpDm	 *dm,
		     CwmpConfig	 *config,
		     const gchar *state_directory,
		     GError	**error)
{
	CwmpDmRegistry *registry;
	GError	       *error_plugin = NULL;
	gboolean	ret;
	g_autoptr(GError) error_local = NULL;

	g_return_val_if_fail(CWMP_IS_PLUGIN(self), FALSE);
	g_return_val_if_fail(CWMP_IS_DM(dm), FALSE);
	g_return_val_if_fail(self->desc != NULL, FALSE);
	g_return_val_if_fail(self->ctx == NULL, FALSE);

	self->ctx = cwmp_plugin_context_new(dm, config, self->name, state_directory);
	if (self->host != NULL)
		cwmp_plugin_context_set_host(self->ctx, self->host);
	if (self->desc->load != NULL) {
		ret = self->desc->load(self->ctx, &error_plugin);
		error_local = cwmp_plugin_wrap_error(self, CWMP_PLUGIN_ERROR_REGISTER, "load", ret,
						     error_plugin);
		if (error_local != NULL) {
			cwmp_plugin_fail(self, error_local);
			g_propagate_error(error, g_steal_pointer(&error_local));
			return FALSE;
		}
	}

	/* from here on a failure removes whatever was registered */
	self->dm = g_object_ref(dm);
	registry = cwmp_dm_registry_new(dm, self->name);
	ret = self->desc->register_dm(self->ctx, registry, &error_plugin);
	cwmp_dm_registry_free(registry);
	error_local =
	    cwmp_plugin_wrap_error(self, CWMP_PLUGIN_ERROR_REGISTER, "register", ret, error_plugin);
	if (error_local != NULL) {
		cwmp_plugin_fail(self, error_local);
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	cwmp_plugin_set_state(self, CWMP_PLUGIN_STATE_LOADED);
	return TRUE;
}

/**
 * cwmp_plugin_start:
 * @self: a plugin in %CWMP_PLUGIN_STATE_LOADED
 * @error: a #GError, or %NULL
 *
 * Runs the start callback, once the data model is frozen. On failure the
 * plugin's objects are removed and it is flagged failed with
 * %CWMP_PLUGIN_ERROR_START.
 *
 * Returns: %TRUE when the plugin is now %CWMP_PLUGIN_STATE_STARTED
 */
gboolean
cwmp_plugin_start(CwmpPlugin *self, GError **error)
{
	GError	*error_plugin = NULL;
	gboolean ret = TRUE;
	g_autoptr(GError) error_local = NULL;

	g_return_val_if_fail(CWMP_IS_PLUGIN(self), FALSE);
	g_return_val_if_fail(self->state == CWMP_PLUGIN_STATE_LOADED, FALSE);

	if (self->desc->start != NULL)
		ret = self->desc->start(self->ctx, &error_plugin);
	error_local =
	    cwmp_plugin_wrap_error(self, CWMP_PLUGIN_ERROR_START, "start", ret, error_plugin);
	if (error_local != NULL) {
		cwmp_plugin_fail(self, error_local);
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	cwmp_plugin_set_state(self, CWMP_PLUGIN_STATE_STARTED);
	return TRUE;
}

/**
 * cwmp_plugin_stop:
 * @self: a plugin
 *
 * Runs the stop callback of a started plugin, then removes its objects from
 * the data model and frees its context, since its callbacks may no longer
 * be called. Does nothing in any other state.
 */
void
cwmp_plugin_stop(CwmpPlugin *self)
{
	g_return_if_fail(CWMP_IS_PLUGIN(self));

	if (self->state != CWMP_PLUGIN_STATE_STARTED)
		return;
	if (self->desc->stop != NULL)
		self->desc->stop(self->ctx);
	if (self->dm != NULL)
		cwmp_dm_unregister_owner(self->dm, self->name);
	g_clear_object(&self->dm);
	g_clear_pointer(&self->ctx, cwmp_plugin_context_free);
	cwmp_plugin_set_state(self, CWMP_PLUGIN_STATE_STOPPED);
}

const gchar *
cwmp_plugin_get_name(CwmpPlugin *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN(self), NULL);
	return self->name;
}

/* NULL until the descriptor passed its checks */
const gchar *
cwmp_plugin_get_version(CwmpPlugin *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN(self), NULL);
	return self->version;
}

const gchar *
cwmp_plugin_get_description(CwmpPlugin *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN(self), NULL);
	return self->description;
}

const gchar *
cwmp_plugin_get_license(CwmpPlugin *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN(self), NULL);
	return self->license;
}

const gchar *
cwmp_plugin_get_origin(CwmpPlugin *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN(self), NULL);
	return self->origin;
}

/* NULL for a built-in plugin */
const gchar *
cwmp_plugin_get_filename(CwmpPlugin *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN(self), NULL);
	return self->filename;
}

gboolean
cwmp_plugin_get_builtin(CwmpPlugin *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN(self), FALSE);
	return self->builtin_get_info != NULL;
}

CwmpPluginState
cwmp_plugin_get_state(CwmpPlugin *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN(self), CWMP_PLUGIN_STATE_FAILED);
	return self->state;
}

/* set in the failed and disabled states */
const GError *
cwmp_plugin_get_error(CwmpPlugin *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN(self), NULL);
	return self->error;
}

/* NULL unless the descriptor passed its checks */
const CwmpPluginDesc *
cwmp_plugin_get_desc(CwmpPlugin *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN(self), NULL);
	return self->desc;
}

/* NULL unless the plugin is loaded or started */
CwmpPluginContext *
cwmp_plugin_get_context(CwmpPlugin *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN(self), NULL);
	return self->ctx;
}

static void
cwmp_plugin_get_property(GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
	CwmpPlugin *self = CWMP_PLUGIN(object);
	switch (prop_id) {
	case PROP_NAME:
		g_value_set_string(value, self->name);
		break;
	case PROP_VERSION:
		g_value_set_string(value, self->version);
		break;
	case PROP_FILENAME:
		g_value_set_string(value, self->filename);
		break;
	case PROP_STATE:
		g_value_set_uint(value, self->state);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
		break;
	}
}

static void
cwmp_plugin_finalize(GObject *object)
{
	CwmpPlugin *self = CWMP_PLUGIN(object);

	/* a loaded plugin that was never started or stopped still owns objects */
	if (self->dm != NULL)
		cwmp_dm_unregister_owner(self->dm, self->name);
	g_clear_object(&self->dm);
	g_clear_pointer(&self->ctx, cwmp_plugin_context_free);
	g_clear_object(&self->host);
	/* resident once called into, so this only drops our reference */
	g_clear_pointer(&self->module, g_module_close);
	g_clear_error(&self->error);
	g_free(self->name);
	g_free(self->filename);
	g_free(self->version);
	g_free(self->description);
	g_free(self->license);
	g_free(self->origin);
	G_OBJECT_CLASS(cwmp_plugin_parent_class)->finalize(object);
}

static void
cwmp_plugin_init(CwmpPlugin *self)
{
	self->state = CWMP_PLUGIN_STATE_FAILED;
}

static void
cwmp_plugin_class_init(CwmpPluginClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);

	object_class->get_property = cwmp_plugin_get_property;
	object_class->finalize = cwmp_plugin_finalize;

	cwmp_plugin_props[PROP_NAME] = g_param_spec_string(
	    "name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
	cwmp_plugin_props[PROP_VERSION] = g_param_spec_string(
	    "version", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
	cwmp_plugin_props[PROP_FILENAME] = g_param_spec_string(
	    "filename", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
	/* a CwmpPluginState */
	cwmp_plugin_props[PROP_STATE] = g_param_spec_uint(
	    "state", NULL, NULL, 0, CWMP_PLUGIN_STATE_STOPPED, CWMP_PLUGIN_STATE_FAILED,
	    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
	g_object_class_install_properties(object_class, PROP_LAST, cwmp_plugin_props);
}

static gchar *
cwmp_plugin_canonical_name(const gchar *name)
{
	return g_strdelimit(g_strdup(name), "-", '_');
}

/**
 * cwmp_plugin_new:
 * @name: the name from the file name ("tr181", "foo-bar")
 * @filename: the module's full path
 *
 * The plugin's name is @name with '-' mapped to '_', which is also how its
 * descriptor and its cwmp_plugin_<name>_get_info() symbol spell it.
 *
 * Returns: (transfer full): a plugin not opened yet
 */
CwmpPlugin *
cwmp_plugin_new(const gchar *name, const gchar *filename)
{
	CwmpPlugin *self;

	g_return_val_if_fail(name != NULL, NULL);
	g_return_val_if_fail(filename != NULL, NULL);

	self = g_object_new(CWMP_TYPE_PLUGIN, NULL);
	self->name = cwmp_plugin_canonical_name(name);
	self->filename = g_strdup(filename);
	return self;
}

/**
 * cwmp_plugin_new_builtin:
 * @name: the plugin name
 * @get_info: the plugin's cwmp_plugin_<name>_get_info(), linked into cwmpd
 *
 * Returns: (transfer full): a built-in plugin not opened yet
 */
CwmpPlugin *
cwmp_plugin_new_builtin(const gchar *name, CwmpPluginGetInfoFunc get_info)
{
	CwmpPlugin *self;

	g_return_val_if_fail(name != NULL, NULL);
	g_return_val_if_fail(get_info != NULL, NULL);

	self = g_object_new(CWMP_TYPE_PLUGIN, NULL);
	self->name = cwmp_plugin_canonical_name(name);
	self->builtin_get_info = get_info;
	return self;
}
