/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cwmp-error.h"
#include "cwmp-plugin-loader.h"

#define CWMP_PLUGIN_LOADER_PREFIX "libcwmp-plugin-"
#define CWMP_PLUGIN_LOADER_SUFFIX ".so"

struct _CwmpPluginLoader {
	GObject	    parent_instance;
	CwmpDm	   *dm;
	CwmpConfig *config; /* nullable */
	CwmpHost   *host;   /* nullable: handed to each plugin */
	gchar	   *state_directory;
	gchar	   *directory; /* resolved lazily by cwmp_plugin_loader_ensure_directory() */
	gboolean    directory_explicit;
	gboolean    require_root_owner;
	GArray	   *builtins; /* of CwmpPluginBuiltin, names owned */
	GPtrArray  *plugins;  /* of CwmpPlugin, in load order */
	gboolean    loaded;
};

G_DEFINE_TYPE(CwmpPluginLoader, cwmp_plugin_loader, G_TYPE_OBJECT)

/*
 * where plugins come from, strongest first: cwmp_plugin_loader_set_directory(),
 * $CWMP_PLUGIN_DIR (test-only, relaxes the root-owner check), [plugins]
 * directory, the compiled-in CWMP_PLUGINSDIR
 */
static void
cwmp_plugin_loader_ensure_directory(CwmpPluginLoader *self)
{
	const gchar *env;

	if (self->directory != NULL)
		return;
	env = g_getenv(CWMP_PLUGIN_LOADER_ENV_DIRECTORY);
	if (env != NULL && env[0] != '\0') {
		self->directory = g_strdup(env);
		self->directory_explicit = TRUE;
		self->require_root_owner = FALSE;
		return;
	}
	self->require_root_owner = TRUE;
	if (self->config != NULL) {
		g_autofree gchar *dir =
		    cwmp_config_get_string(self->config, "plugins", "directory");
		if (dir != NULL && dir[0] != '\0') {
			self->directory = g_steal_pointer(&dir);
			self->directory_explicit = g_strcmp0(self->directory, CWMP_PLUGINSDIR) != 0;
			return;
		}
	}
	self->directory = g_strdup(CWMP_PLUGINSDIR);
	self->directory_explicit = FALSE;
}

/**
 * cwmp_plugin_loader_set_directory:
 * @self: a loader
 * @directory: the folder to scan
 * @require_root_owner: %FALSE only for tests: accept files owned by the
 *   current user too
 *
 * Overrides $CWMP_PLUGIN_DIR, the configuration and the compiled-in default.
 * Every other file check stays on.
 */
void
cwmp_plugin_loader_set_directory(CwmpPluginLoader *self,
				 const gchar	  *directory,
				 gboolean	   require_root_owner)
{
	g_return_if_fail(CWMP_IS_PLUGIN_LOADER(self));
	g_return_if_fail(directory != NULL);
	g_return_if_fail(!self->loaded);

	g_free(self->directory);
	self->directory = g_strdup(directory);
	self->directory_explicit = TRUE;
	self->require_root_owner = require_root_owner;
}

/**
 * cwmp_plugin_loader_get_directory:
 * @self: a loader
 *
 * Returns: the folder that is (or will be) scanned for plugins
 */
const gchar *
cwmp_plugin_loader_get_directory(CwmpPluginLoader *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN_LOADER(self), NULL);
	cwmp_plugin_loader_ensure_directory(self);
	return self->directory;
}

/**
 * cwmp_plugin_loader_add_builtin:
 * @self: a loader
 * @name: the plugin name
 * @get_info: its entry point, linked into the executable
 *
 * Adds a built-in plugin. Built-ins load before the plugin directory is
 * scanned, and a .so file of the same name is then skipped.
 */
void
cwmp_plugin_loader_add_builtin(CwmpPluginLoader	    *self,
			       const gchar	    *name,
			       CwmpPluginGetInfoFunc get_info)
{
	CwmpPluginBuiltin builtin = {.name = g_strdup(name), .get_info = get_info};

	g_return_if_fail(CWMP_IS_PLUGIN_LOADER(self));
	g_return_if_fail(name != NULL);
	g_return_if_fail(get_info != NULL);
	g_return_if_fail(!self->loaded);

	g_array_append_val(self->builtins, builtin);
}

/* a plugin name must be usable in a C identifier once '-' is mapped to '_' */
static gboolean
cwmp_plugin_loader_name_is_valid(const gchar *name)
{
	if (name[0] == '\0' || g_ascii_isdigit(name[0]))
		return FALSE;
	for (const gchar *p = name; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-')
			return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_plugin_loader_names_equal(const gchar *a, const gchar *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		gchar ca = *a == '-' ? '_' : *a;
		gchar cb = *b == '-' ? '_' : *b;
		if (ca != cb)
			return FALSE;
	}
	return *a == '\0' && *b == '\0';
}

static gboolean
cwmp_plugin_loader_is_disabled(CwmpPluginLoader *self, const gchar *name)
{
	g_auto(GStrv) disabled = NULL;

	if (self->config == NULL)
		return FALSE;
	disabled = cwmp_config_get_string_list(self->config, "plugins", "disabled");
	for (guint i = 0; disabled != NULL && disabled[i] != NULL; i++) {
		if (cwmp_plugin_loader_names_equal(g_strstrip(disabled[i]), name))
			return TRUE;
	}
	return FALSE;
}

static gboolean
cwmp_plugin_loader_state_is_loaded(CwmpPluginState state)
{
	return state == CWMP_PLUGIN_STATE_LOADED || state == CWMP_PLUGIN_STATE_STARTED ||
	       state == CWMP_PLUGIN_STATE_STOPPED;
}

/* the first plugin of that name that loaded, if any */
static CwmpPlugin *
cwmp_plugin_loader_find_loaded(CwmpPluginLoader *self, const gchar *name)
{
	for (guint i = 0; i < self->plugins->len; i++) {
		CwmpPlugin *plugin = g_ptr_array_index(self->plugins, i);
		if (cwmp_plugin_loader_state_is_loaded(cwmp_plugin_get_state(plugin)) &&
		    cwmp_plugin_loader_names_equal(cwmp_plugin_get_name(plugin), name))
			return plugin;
	}
	return NULL;
}

/**
 * cwmp_plugin_loader_find:
 * @self: a loader
 * @name: a plugin name ('-' and '_' are the same)
 *
 * Returns: (transfer none) (nullable): the plugin of that name that loaded,
 *   or else the first failed or disabled one
 */
CwmpPlugin *
cwmp_plugin_loader_find(CwmpPluginLoader *self, const gchar *name)
{
	CwmpPlugin *plugin;

	g_return_val_if_fail(CWMP_IS_PLUGIN_LOADER(self), NULL);
	g_return_val_if_fail(name != NULL, NULL);

	plugin = cwmp_plugin_loader_find_loaded(self, name);
	if (plugin != NULL)
		return plugin;
	for (guint i = 0; i < self->plugins->len; i++) {
		plugin = g_ptr_array_index(self->plugins, i);
		if (cwmp_plugin_loader_names_equal(cwmp_plugin_get_name(plugin), name))
			return plugin;
	}
	return NULL;
}

/**
 * cwmp_plugin_loader_get_plugins:
 * @self: a loader
 *
 * Returns: (transfer none) (element-type CwmpPlugin): every plugin seen,
 *   failed and disabled ones included, in load order
 */
GPtrArray *
cwmp_plugin_loader_get_plugins(CwmpPluginLoader *self)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN_LOADER(self), NULL);
	return self->plugins;
}

/*
 * NM's nm_utils_validate_plugin(): only a regular file owned by root and
 * writable by nobody else may run code in the daemon. A symbolic link is
 * followed when the link itself is owned by root and its target passes
 * every check, so packagers can point at an alternative
 */
static gboolean
cwmp_plugin_loader_check_file(CwmpPluginLoader *self, const gchar *filename, GError **error)
{
	struct stat st;
	uid_t	    uid_allowed = self->require_root_owner ? 0 : geteuid();

	if (lstat(filename, &st) != 0) {
		gint errsv = errno;
		g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_UNSAFE,
			    "refusing %s: cannot stat it: %s", filename, g_strerror(errsv));
		return FALSE;
	}
	if (S_ISLNK(st.st_mode)) {
		if (st.st_uid != 0 && st.st_uid != uid_allowed) {
			g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_UNSAFE,
				    "refusing %s: symbolic link owned by uid %u, not root",
				    filename, (guint) st.st_uid);
			return FALSE;
		}
		if (stat(filename, &st) != 0) {
			gint errsv = errno;
			g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_UNSAFE,
				    "refusing %s: cannot follow the symbolic link: %s", filename,
				    g_strerror(errsv));
			return FALSE;
		}
	}
	if (!S_ISREG(st.st_mode)) {
		g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_UNSAFE,
			    "refusing %s: not a regular file", filename);
		return FALSE;
	}
	if (st.st_uid != 0 && st.st_uid != uid_allowed) {
		g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_UNSAFE,
			    "refusing %s: owned by uid %u, not root", filename, (guint) st.st_uid);
		return FALSE;
	}
	if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_UNSAFE,
			    "refusing %s: writable by group or others (mode %04o)", filename,
			    (guint) (st.st_mode & 07777));
		return FALSE;
	}
	if ((st.st_mode & (S_ISUID | S_ISGID)) != 0) {
		g_set_error(error, CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_UNSAFE,
			    "refusing %s: setuid or setgid (mode %04o)", filename,
			    (guint) (st.st_mode & 07777));
		return FALSE;
	}
	return TRUE;
}

/* takes @plugin; it always ends up in the list, loaded or not */
static void
cwmp_plugin_loader_add_plugin(CwmpPluginLoader *self, CwmpPlugin *plugin)
{
	const gchar *name = cwmp_plugin_get_name(plugin);
	const gchar *filename = cwmp_plugin_get_filename(plugin);
	const gchar *origin = filename != NULL ? filename : "built-in";
	CwmpPlugin  *other;
	g_autoptr(GError) error_local = NULL;

	g_ptr_array_add(self->plugins, plugin);

	if (cwmp_plugin_loader_is_disabled(self, name)) {
		cwmp_plugin_set_disabled(plugin);
		g_info("plugin %s (%s) is disabled", name, origin);
		return;
	}
	other = cwmp_plugin_loader_find_loaded(self, name);
	if (other != NULL) {
		const gchar *other_filename = cwmp_plugin_get_filename(other);
		error_local =
		    g_error_new(CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_DUPLICATE,
				"refusing %s: plugin %s is already loaded from %s", origin, name,
				other_filename != NULL ? other_filename : "cwmpd (built-in)");
		g_warning("%s", error_local->message);
		cwmp_plugin_set_failed(plugin, g_steal_pointer(&error_local));
		return;
	}
	if (filename != NULL && !cwmp_plugin_loader_check_file(self, filename, &error_local)) {
		g_warning("%s", error_local->message);
		cwmp_plugin_set_failed(plugin, g_steal_pointer(&error_local));
		return;
	}
	cwmp_plugin_set_host(plugin, self->host);
	if (!cwmp_plugin_open(plugin, &error_local) ||
	    !cwmp_plugin_register(plugin, self->dm, self->config, self->state_directory,
				  &error_local)) {
		g_warning("failed to load plugin %s: %s", name, error_local->message);
		return;
	}
	g_debug("loaded plugin %s %s from %s", name, cwmp_plugin_get_version(plugin), origin);
}

/* the built-ins win: a .so of the same name is not even looked at */
static gboolean
cwmp_plugin_loader_is_builtin(CwmpPluginLoader *self, const gchar *name)
{
	for (guint i = 0; i < self->builtins->len; i++) {
		CwmpPluginBuiltin *builtin = &g_array_index(self->builtins, CwmpPluginBuiltin, i);
		if (cwmp_plugin_loader_names_equal(builtin->name, name))
			return TRUE;
	}
	return FALSE;
}

static gint
cwmp_plugin_loader_sort_names_cb(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const gchar *const *) a, *(const gchar *const *) b);
}

static gboolean
cwmp_plugin_loader_scan(CwmpPluginLoader *self, GError **error)
{
	const gchar *basename;
	g_autoptr(GDir) dir = NULL;
	g_autoptr(GPtrArray) basenames = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GError) error_local = NULL;

	dir = g_dir_open(self->directory, 0, &error_local);
	if (dir == NULL) {
		if (!self->directory_explicit &&
		    g_error_matches(error_local, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
			g_debug("no plugin directory %s", self->directory);
			return TRUE;
		}
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG,
			    "cannot read the plugin directory: %s", error_local->message);
		return FALSE;
	}
	while ((basename = g_dir_read_name(dir)) != NULL) {
		if (g_str_has_prefix(basename, CWMP_PLUGIN_LOADER_PREFIX) &&
		    g_str_has_suffix(basename, CWMP_PLUGIN_LOADER_SUFFIX))
			g_ptr_array_add(basenames, g_strdup(basename));
	}
	g_ptr_array_sort(basenames, cwmp_plugin_loader_sort_names_cb);

	for (guint i = 0; i < basenames->len; i++) {
		const gchar	 *file = g_ptr_array_index(basenames, i);
		g_autofree gchar *filename = g_build_filename(self->directory, file, NULL);
		g_autofree gchar *name =
		    g_strndup(file + strlen(CWMP_PLUGIN_LOADER_PREFIX),
			      strlen(file) - strlen(CWMP_PLUGIN_LOADER_PREFIX) -
				  strlen(CWMP_PLUGIN_LOADER_SUFFIX));
		CwmpPlugin *plugin;

		if (!cwmp_plugin_loader_name_is_valid(name)) {
			g_autoptr(GError) error_name = g_error_new(
			    CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_DESCRIPTOR,
			    "refusing %s: '%s' is not a valid plugin name", filename, name);
			g_warning("%s", error_name->message);
			plugin = cwmp_plugin_new(name, filename);
			cwmp_plugin_set_failed(plugin, g_steal_pointer(&error_name));
			g_ptr_array_add(self->plugins, plugin);
			continue;
		}
		if (cwmp_plugin_loader_is_builtin(self, name)) {
			g_debug("skipping %s: plugin %s is built in", filename, name);
			continue;
		}
		cwmp_plugin_loader_add_plugin(self, cwmp_plugin_new(name, filename));
	}
	return TRUE;
}

/**
 * cwmp_plugin_loader_load:
 * @self: a loader
 * @error: a #GError, or %NULL
 *
 * Loads the built-ins, then every plugin file of the plugin directory, and
 * runs their load and register_dm callbacks. A plugin that fails is kept as
 * a failed #CwmpPlugin and does not stop the others.
 *
 * Returns: %FALSE only when the configured plugin directory cannot be read
 */
gboolean
cwmp_plugin_loader_load(CwmpPluginLoader *self, GError **error)
{
	g_return_val_if_fail(CWMP_IS_PLUGIN_LOADER(self), FALSE);
	g_return_val_if_fail(!self->loaded, FALSE);

	self->loaded = TRUE;
	cwmp_plugin_loader_ensure_directory(self);
	for (guint i = 0; i < self->builtins->len; i++) {
		CwmpPluginBuiltin *builtin = &g_array_index(self->builtins, CwmpPluginBuiltin, i);
		cwmp_plugin_loader_add_plugin(
		    self, cwmp_plugin_new_builtin(builtin->name, builtin->get_info));
	}
	return cwmp_plugin_loader_scan(self, error);
}

/**
 * cwmp_plugin_loader_start:
 * @self: a loader
 *
 * Starts every loaded plugin in load order, once the data model is frozen.
 * A plugin whose start fails loses its objects and is flagged failed.
 */
void
cwmp_plugin_loader_start(CwmpPluginLoader *self)
{
	g_return_if_fail(CWMP_IS_PLUGIN_LOADER(self));

	for (guint i = 0; i < self->plugins->len; i++) {
		CwmpPlugin *plugin = g_ptr_array_index(self->plugins, i);
		g_autoptr(GError) error_local = NULL;

		if (cwmp_plugin_get_state(plugin) != CWMP_PLUGIN_STATE_LOADED)
			continue;
		if (!cwmp_plugin_start(plugin, &error_local))
			g_warning("%s", error_local->message);
	}
}

/**
 * cwmp_plugin_loader_stop:
 * @self: a loader
 *
 * Stops the started plugins in reverse load order. Safe to call twice.
 */
void
cwmp_plugin_loader_stop(CwmpPluginLoader *self)
{
	g_return_if_fail(CWMP_IS_PLUGIN_LOADER(self));

	for (guint i = self->plugins->len; i > 0; i--)
		cwmp_plugin_stop(g_ptr_array_index(self->plugins, i - 1));
}

static void
cwmp_plugin_loader_builtin_clear(gpointer data)
{
	CwmpPluginBuiltin *builtin = data;
	g_free((gchar *) builtin->name);
}

static void
cwmp_plugin_loader_dispose(GObject *object)
{
	CwmpPluginLoader *self = CWMP_PLUGIN_LOADER(object);

	/* give started plugins their stop callback even if nobody asked */
	if (self->plugins != NULL)
		cwmp_plugin_loader_stop(self);
	/* in reverse, so a later plugin goes before one it may depend on */
	while (self->plugins != NULL && self->plugins->len > 0)
		g_ptr_array_remove_index(self->plugins, self->plugins->len - 1);
	g_clear_object(&self->dm);
	g_clear_object(&self->config);
	g_clear_object(&self->host);
	G_OBJECT_CLASS(cwmp_plugin_loader_parent_class)->dispose(object);
}

static void
cwmp_plugin_loader_finalize(GObject *object)
{
	CwmpPluginLoader *self = CWMP_PLUGIN_LOADER(object);

	g_ptr_array_unref(self->plugins);
	g_array_unref(self->builtins);
	g_free(self->directory);
	g_free(self->state_directory);
	G_OBJECT_CLASS(cwmp_plugin_loader_parent_class)->finalize(object);
}

static void
cwmp_plugin_loader_init(CwmpPluginLoader *self)
{
	self->plugins = g_ptr_array_new_with_free_func(g_object_unref);
	self->builtins = g_array_new(FALSE, TRUE, sizeof(CwmpPluginBuiltin));
	g_array_set_clear_func(self->builtins, cwmp_plugin_loader_builtin_clear);
	self->require_root_owner = TRUE;
}

static void
cwmp_plugin_loader_class_init(CwmpPluginLoaderClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->dispose = cwmp_plugin_loader_dispose;
	object_class->finalize = cwmp_plugin_loader_finalize;
}

/**
 * cwmp_plugin_loader_new:
 * @dm: the data model the plugins register into
 * @config: (nullable): the configuration: [plugins] directory and disabled,
 *   and what plugins read through their context
 * @state_directory: (nullable): the agent's state directory, for plugins
 *
 * Returns: (transfer full): a loader that has loaded nothing yet
 */
CwmpPluginLoader *
cwmp_plugin_loader_new(CwmpDm *dm, CwmpConfig *config, const gchar *state_directory)
{
	CwmpPluginLoader *self;

	g_return_val_if_fail(CWMP_IS_DM(dm), NULL);
	g_return_val_if_fail(config == NULL || CWMP_IS_CONFIG(config), NULL);

	self = g_object_new(CWMP_TYPE_PLUGIN_LOADER, NULL);
	self->dm = g_object_ref(dm);
	self->config = config != NULL ? g_object_ref(config) : NULL;
	self->state_directory = g_strdup(state_directory);
	return self;
}

/**
 * cwmp_plugin_loader_set_host:
 * @self: a loader that has loaded nothing yet
 * @host: (nullable): the agent's host, handed to every plugin's context
 */
void
cwmp_plugin_loader_set_host(CwmpPluginLoader *self, CwmpHost *host)
{
	g_return_if_fail(CWMP_IS_PLUGIN_LOADER(self));
	g_set_object(&self->host, host);
}
