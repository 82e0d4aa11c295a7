/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <glib/gstdio.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "cwmp-plugin-context-private.h"
#include "cwmp-plugin-loader.h"
#include "cwmp-test-utils.h"

/* the plugins of tests/plugins/, one per case */
static const gchar *
cwmp_test_plugindir(void)
{
	const gchar *dir = g_getenv("CWMP_TEST_PLUGINDIR");
	g_assert_nonnull(dir);
	return dir;
}

static gchar *
cwmp_test_plugin_path(const gchar *name)
{
	g_autofree gchar *basename = g_strdup_printf("libcwmp-plugin-%s.so", name);
	return g_build_filename(cwmp_test_plugindir(), basename, NULL);
}

typedef struct {
	gchar		 *tmpdir;
	CwmpDm		 *dm;
	CwmpConfig	 *config;
	CwmpPluginLoader *loader;
} CwmpTestFixture;

static void
cwmp_test_fixture_setup(CwmpTestFixture *fx, gconstpointer user_data)
{
	fx->tmpdir = cwmp_test_utils_mkdtemp("cwmp-plugin-loader-XXXXXX");
	fx->dm = cwmp_dm_new(cwmp_schema_get_default());
	fx->config = cwmp_test_utils_config_new("loader-test.conf", "[plugins]\ndisabled="
								    "disabled\n");
	fx->loader = cwmp_plugin_loader_new(fx->dm, fx->config, fx->tmpdir);
}

static void
cwmp_test_fixture_teardown(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autoptr(GError) error = NULL;

	g_clear_object(&fx->loader);
	g_clear_object(&fx->config);
	g_clear_object(&fx->dm);
	g_assert_true(cwmp_test_utils_rm_rf(fx->tmpdir, &error));
	g_assert_no_error(error);
	g_free(fx->tmpdir);
}

/* copies a test plugin into the fixture's folder under @basename */
static gchar *
cwmp_test_copy_plugin(CwmpTestFixture *fx, const gchar *name, const gchar *basename, guint mode)
{
	g_autofree gchar *src = cwmp_test_plugin_path(name);
	g_autofree gchar *dst = g_build_filename(fx->tmpdir, basename, NULL);
	g_autofree gchar *data = NULL;
	gsize		  len = 0;
	g_autoptr(GError) error = NULL;

	g_assert_true(g_file_get_contents(src, &data, &len, &error));
	g_assert_no_error(error);
	g_assert_true(
	    g_file_set_contents_full(dst, data, len, G_FILE_SET_CONTENTS_NONE, 0755, &error));
	g_assert_no_error(error);
	/* the umask does not apply to chmod */
	g_assert_cmpint(g_chmod(dst, mode), ==, 0);
	return g_steal_pointer(&dst);
}

static void
cwmp_test_assert_failed(CwmpPluginLoader *loader,
			const gchar	 *name,
			CwmpPluginState	  state,
			gint		  code,
			const gchar	 *message_part)
{
	CwmpPlugin   *plugin = cwmp_plugin_loader_find(loader, name);
	const GError *error;

	g_assert_nonnull(plugin);
	g_assert_cmpstr(cwmp_plugin_state_to_string(cwmp_plugin_get_state(plugin)), ==,
			cwmp_plugin_state_to_string(state));
	error = cwmp_plugin_get_error(plugin);
	g_assert_nonnull(error);
	g_test_message("%s: %s", name, error->message);
	g_assert_error((GError *) error, CWMP_PLUGIN_ERROR, code);
	if (strstr(error->message, message_part) == NULL)
		g_error("%s: '%s' does not mention '%s'", name, error->message, message_part);
	/* a failed plugin releases its context at once */
	g_assert_null(cwmp_plugin_get_context(plugin));
}

static gchar *
cwmp_test_get_value(CwmpDm *dm, const gchar *path, GError **error)
{
	return cwmp_dm_get_value(dm, path, error);
}

static void
cwmp_test_assert_value(CwmpDm *dm, const gchar *path, const gchar *expected)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *value = cwmp_test_get_value(dm, path, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(value, ==, expected);
}

static void
cwmp_test_assert_no_value(CwmpDm *dm, const gchar *path)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *value = cwmp_test_get_value(dm, path, &error);
	g_assert_null(value);
	g_assert_nonnull(error);
	g_test_message("%s: %s", path, error->message);
}

static void
cwmp_test_loader_abi_layout(void)
{
	/* the layout is the ABI: a change here needs a major bump and a line in
	 * core/PLUGIN-ABI.md, then new numbers here */
	g_assert_cmpuint(offsetof(CwmpPluginDesc, abi_major), ==, 0);
	g_assert_cmpuint(offsetof(CwmpPluginDesc, abi_minor), ==, 4);
	g_assert_cmpuint(offsetof(CwmpPluginDesc, size), ==, 8);
	g_assert_cmpuint(offsetof(CwmpPluginDesc, name), ==, GLIB_SIZEOF_VOID_P == 8 ? 16 : 12);
	g_assert_cmpuint(offsetof(CwmpPluginDesc, version), ==,
			 offsetof(CwmpPluginDesc, name) + sizeof(gpointer));
	g_assert_cmpuint(offsetof(CwmpPluginDesc, load), ==,
			 offsetof(CwmpPluginDesc, name) + 5 * sizeof(gpointer));
	g_assert_cmpuint(offsetof(CwmpPluginDesc, register_dm), ==,
			 offsetof(CwmpPluginDesc, name) + 6 * sizeof(gpointer));
	g_assert_cmpuint(offsetof(CwmpPluginDesc, start), ==,
			 offsetof(CwmpPluginDesc, name) + 7 * sizeof(gpointer));
	g_assert_cmpuint(offsetof(CwmpPluginDesc, stop), ==,
			 offsetof(CwmpPluginDesc, name) + 8 * sizeof(gpointer));
	g_assert_cmpuint(offsetof(CwmpPluginDesc, reserved), ==,
			 offsetof(CwmpPluginDesc, name) + 9 * sizeof(gpointer));
	g_assert_cmpuint(sizeof(CwmpPluginDesc), ==, GLIB_SIZEOF_VOID_P == 8 ? 152 : 80);
	g_assert_cmpint(CWMP_PLUGIN_ABI_MAJOR, ==, 1);
	g_assert_cmpint(CWMP_PLUGIN_ABI_MINOR, ==, 0);
}

static void
cwmp_test_loader_directory(CwmpTestFixture *fx, gconstpointer user_data)
{
	CwmpPlugin	      *plugin;
	const CwmpSchemaParam *info;
	g_autofree gchar      *expected_major = g_strdup_printf(
		 "built for ABI %u.0, cwmpd has %u.%u", (guint) CWMP_PLUGIN_ABI_MAJOR + 1,
		 (guint) CWMP_PLUGIN_ABI_MAJOR, (guint) CWMP_PLUGIN_ABI_MINOR);
	g_autofree gchar *expected_minor =
	    g_strdup_printf("built for ABI %u.%u, cwmpd has %u.%u", (guint) CWMP_PLUGIN_ABI_MAJOR,
			    (guint) CWMP_PLUGIN_ABI_MINOR + 1, (guint) CWMP_PLUGIN_ABI_MAJOR,
			    (guint) CWMP_PLUGIN_ABI_MINOR);
	g_autoptr(GError) error = NULL;

	/* the disabled plugin aborts in its constructor if it is ever opened */
	g_setenv("CWMP_TEST_DISABLED_MUST_NOT_OPEN", "1", TRUE);
	cwmp_plugin_loader_set_directory(fx->loader, cwmp_test_plugindir(), FALSE);
	g_assert_cmpstr(cwmp_plugin_loader_get_directory(fx->loader), ==, cwmp_test_plugindir());
	g_assert_true(cwmp_plugin_loader_load(fx->loader, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(cwmp_plugin_loader_get_plugins(fx->loader)->len, ==, 11);

	/* the good one */
	plugin = cwmp_plugin_loader_find(fx->loader, "good");
	g_assert_nonnull(plugin);
	g_assert_cmpint(cwmp_plugin_get_state(plugin), ==, CWMP_PLUGIN_STATE_LOADED);
	g_assert_null(cwmp_plugin_get_error(plugin));
	g_assert_cmpstr(cwmp_plugin_get_version(plugin), ==, "1.2.3");
	g_assert_cmpstr(cwmp_plugin_get_origin(plugin), ==, "000000");
	g_assert_cmpstr(cwmp_plugin_get_license(plugin), ==, "LGPL-2.1-or-later");
	g_assert_cmpstr(cwmp_plugin_get_description(plugin), ==,
			"loader test: a plugin that works");
	g_assert_false(cwmp_plugin_get_builtin(plugin));
	g_assert_true(g_str_has_suffix(cwmp_plugin_get_filename(plugin), "/libcwmp-plugin-good."
									 "so"));
	g_assert_nonnull(cwmp_plugin_get_desc(plugin));
	g_assert_nonnull(cwmp_plugin_get_context(plugin));

	/* each refused with its own code and a message that says why */
	cwmp_test_assert_failed(fx->loader, "abi_major", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_ABI, expected_major);
	cwmp_test_assert_failed(fx->loader, "abi-minor", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_ABI, expected_minor);
	cwmp_test_assert_failed(fx->loader, "undefined", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_MODULE,
				"undefined symbol: cwmp_test_plugin_undefined_missing_symbol");
	cwmp_test_assert_failed(fx->loader, "nosymbol", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_SYMBOL,
				"does not export cwmp_plugin_nosymbol_get_info");
	cwmp_test_assert_failed(fx->loader, "register_fail", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_REGISTER,
				"no backend for Device.X_000000_Partial.");
	cwmp_test_assert_failed(fx->loader, "mismatch", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_DESCRIPTOR,
				"has the name 'other' in its descriptor");
	cwmp_test_assert_failed(fx->loader, "noregister", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_DESCRIPTOR, "no register_dm callback");
	cwmp_test_assert_failed(fx->loader, "disabled", CWMP_PLUGIN_STATE_DISABLED,
				CWMP_PLUGIN_ERROR_DISABLED, "disabled in the configuration");
	g_assert_null(cwmp_plugin_get_version(cwmp_plugin_loader_find(fx->loader, "disabled")));

	/* '-' in the file name is '_' in the plugin name */
	plugin = cwmp_plugin_loader_find(fx->loader, "dash_name");
	g_assert_nonnull(plugin);
	g_assert_cmpstr(cwmp_plugin_get_name(plugin), ==, "dash_name");
	g_assert_cmpint(cwmp_plugin_get_state(plugin), ==, CWMP_PLUGIN_STATE_LOADED);
	g_assert_true(g_str_has_suffix(cwmp_plugin_get_filename(plugin), "/libcwmp-plugin-dash-"
									 "name.so"));

	/* the half-done registration is gone, the good one's is in the tree */
	g_assert_true(cwmp_dm_freeze(fx->dm, &error));
	g_assert_no_error(error);
	cwmp_test_assert_no_value(fx->dm, "Device.X_000000_Partial.Value");
	cwmp_test_assert_value(fx->dm, "Device.X_000000_Test.Phase", "registered");
	cwmp_test_assert_value(fx->dm, "Device.X_000000_StartFail.Value", "registered");

	cwmp_plugin_loader_start(fx->loader);
	cwmp_test_assert_value(fx->dm, "Device.X_000000_Test.Phase", "started");
	cwmp_test_assert_value(fx->dm, "Device.X_000000_Test.PluginName", "good");
	cwmp_test_assert_value(fx->dm, "Device.X_000000_Test.Answer", "42");
	info = cwmp_dm_lookup_param_info(fx->dm, "Device.X_000000_Test.Answer", &error);
	g_assert_no_error(error);
	g_assert_nonnull(info);
	g_assert_cmpint(info->type, ==, CWMP_TYPE_UNSIGNED_INT);
	g_assert_cmpint(info->access, ==, CWMP_ACCESS_READ_ONLY);
	g_assert_cmpint(cwmp_plugin_get_state(cwmp_plugin_loader_find(fx->loader, "good")), ==,
			CWMP_PLUGIN_STATE_STARTED);

	/* start failed: flagged, and its object is gone */
	cwmp_test_assert_failed(fx->loader, "start_fail", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_START, "backend daemon is not running");
	cwmp_test_assert_no_value(fx->dm, "Device.X_000000_StartFail.Value");

	/* stop runs the callback, then its objects leave the tree */
	cwmp_plugin_loader_stop(fx->loader);
	plugin = cwmp_plugin_loader_find(fx->loader, "good");
	g_assert_cmpint(cwmp_plugin_get_state(plugin), ==, CWMP_PLUGIN_STATE_STOPPED);
	g_assert_null(cwmp_plugin_get_context(plugin));
	cwmp_test_assert_no_value(fx->dm, "Device.X_000000_Test.Phase");
	/* twice is harmless */
	cwmp_plugin_loader_stop(fx->loader);
	g_unsetenv("CWMP_TEST_DISABLED_MUST_NOT_OPEN");
}

static void
cwmp_test_loader_unsafe_mode(CwmpTestFixture *fx, guint mode, const gchar *message_part)
{
	g_autofree gchar *path = cwmp_test_copy_plugin(fx, "good", "libcwmp-plugin-good.so", mode);
	g_autoptr(GError) error = NULL;

	cwmp_plugin_loader_set_directory(fx->loader, fx->tmpdir, FALSE);
	g_assert_true(cwmp_plugin_loader_load(fx->loader, &error));
	g_assert_no_error(error);
	cwmp_test_assert_failed(fx->loader, "good", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_UNSAFE, message_part);
	g_assert_true(
	    strstr(cwmp_plugin_get_error(cwmp_plugin_loader_find(fx->loader, "good"))->message,
		   path) != NULL);
}

static void
cwmp_test_loader_world_writable(CwmpTestFixture *fx, gconstpointer user_data)
{
	cwmp_test_loader_unsafe_mode(fx, 0757, "writable by group or others (mode 0757)");
}

static void
cwmp_test_loader_group_writable(CwmpTestFixture *fx, gconstpointer user_data)
{
	cwmp_test_loader_unsafe_mode(fx, 0775, "writable by group or others");
}

static void
cwmp_test_loader_setuid(CwmpTestFixture *fx, gconstpointer user_data)
{
	cwmp_test_loader_unsafe_mode(fx, 04755, "setuid or setgid (mode 4755)");
}

static void
cwmp_test_loader_setgid(CwmpTestFixture *fx, gconstpointer user_data)
{
	cwmp_test_loader_unsafe_mode(fx, 02755, "setuid or setgid");
}

static void
cwmp_test_loader_not_regular(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *path = g_build_filename(fx->tmpdir, "libcwmp-plugin-good.so", NULL);
	g_autoptr(GError) error = NULL;

	g_assert_cmpint(g_mkdir(path, 0755), ==, 0);
	cwmp_plugin_loader_set_directory(fx->loader, fx->tmpdir, FALSE);
	g_assert_true(cwmp_plugin_loader_load(fx->loader, &error));
	g_assert_no_error(error);
	cwmp_test_assert_failed(fx->loader, "good", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_UNSAFE, "not a regular file");
}

static void
cwmp_test_loader_symlink(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *good = cwmp_test_copy_plugin(fx, "good", "target-good.so", 0755);
	g_autofree gchar *bad = cwmp_test_copy_plugin(fx, "dash-name", "target-dash-name.so", 0757);
	g_autofree gchar *link_good = g_build_filename(fx->tmpdir, "libcwmp-plugin-good.so", NULL);
	g_autofree gchar *link_bad =
	    g_build_filename(fx->tmpdir, "libcwmp-plugin-dash-name.so", NULL);
	g_autofree gchar *link_dangling =
	    g_build_filename(fx->tmpdir, "libcwmp-plugin-dangling.so", NULL);
	g_autoptr(GError) error = NULL;

	/* a link is followed when its target passes every check */
	g_assert_cmpint(symlink(good, link_good), ==, 0);
	g_assert_cmpint(symlink(bad, link_bad), ==, 0);
	g_assert_cmpint(symlink("does-not-exist.so", link_dangling), ==, 0);
	cwmp_plugin_loader_set_directory(fx->loader, fx->tmpdir, FALSE);
	g_assert_true(cwmp_plugin_loader_load(fx->loader, &error));
	g_assert_no_error(error);
	g_assert_cmpint(cwmp_plugin_get_state(cwmp_plugin_loader_find(fx->loader, "good")), ==,
			CWMP_PLUGIN_STATE_LOADED);
	cwmp_test_assert_failed(fx->loader, "dash_name", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_UNSAFE, "writable by group or others");
	cwmp_test_assert_failed(fx->loader, "dangling", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_UNSAFE, "cannot follow the symbolic link");
}

static void
cwmp_test_loader_not_root(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *path = cwmp_test_copy_plugin(fx, "good", "libcwmp-plugin-good.so", 0755);
	g_autoptr(GError) error = NULL;

	g_assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));

	/* a file owned by anyone but root, with the strict check of a real
	 * plugin directory */
	if (geteuid() == 0 && lchown(path, 65534, 65534) != 0) {
		g_test_skip("cannot give the file away");
		return;
	}
	cwmp_plugin_loader_set_directory(fx->loader, fx->tmpdir, TRUE);
	g_assert_true(cwmp_plugin_loader_load(fx->loader, &error));
	g_assert_no_error(error);
	cwmp_test_assert_failed(fx->loader, "good", CWMP_PLUGIN_STATE_FAILED,
				CWMP_PLUGIN_ERROR_UNSAFE, "not root");
}

static void
cwmp_test_loader_invalid_name(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *path = cwmp_test_copy_plugin(fx, "good", "libcwmp-plugin-b@d.so", 0755);
	g_assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));
	GPtrArray *plugins;
	g_autoptr(GError) error = NULL;

	cwmp_plugin_loader_set_directory(fx->loader, fx->tmpdir, FALSE);
	g_assert_true(cwmp_plugin_loader_load(fx->loader, &error));
	g_assert_no_error(error);
	plugins = cwmp_plugin_loader_get_plugins(fx->loader);
	g_assert_cmpuint(plugins->len, ==, 1);
	g_assert_error((GError *) cwmp_plugin_get_error(g_ptr_array_index(plugins, 0)),
		       CWMP_PLUGIN_ERROR, CWMP_PLUGIN_ERROR_DESCRIPTOR);
}

static void
cwmp_test_loader_duplicate(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *first =
	    cwmp_test_copy_plugin(fx, "dash-name", "libcwmp-plugin-dash-name.so", 0755);
	g_autofree gchar *second =
	    cwmp_test_copy_plugin(fx, "dash-name", "libcwmp-plugin-dash_name.so", 0755);
	GPtrArray  *plugins;
	CwmpPlugin *plugin;
	g_autoptr(GError) error = NULL;

	cwmp_plugin_loader_set_directory(fx->loader, fx->tmpdir, FALSE);
	g_assert_true(cwmp_plugin_loader_load(fx->loader, &error));
	g_assert_no_error(error);
	plugins = cwmp_plugin_loader_get_plugins(fx->loader);
	g_assert_cmpuint(plugins->len, ==, 2);
	/* name order: '-' sorts before '_' */
	plugin = g_ptr_array_index(plugins, 0);
	g_assert_cmpstr(cwmp_plugin_get_filename(plugin), ==, first);
	g_assert_cmpint(cwmp_plugin_get_state(plugin), ==, CWMP_PLUGIN_STATE_LOADED);
	plugin = g_ptr_array_index(plugins, 1);
	g_assert_cmpstr(cwmp_plugin_get_filename(plugin), ==, second);
	g_assert_cmpint(cwmp_plugin_get_state(plugin), ==, CWMP_PLUGIN_STATE_FAILED);
	g_assert_error((GError *) cwmp_plugin_get_error(plugin), CWMP_PLUGIN_ERROR,
		       CWMP_PLUGIN_ERROR_DUPLICATE);
	g_assert_true(strstr(cwmp_plugin_get_error(plugin)->message, first) != NULL);
	/* find() prefers the one that loaded */
	g_assert_true(cwmp_plugin_loader_find(fx->loader, "dash-name") ==
		      g_ptr_array_index(plugins, 0));
}

/* built-ins: descriptors linked into this executable */
static gboolean
cwmp_test_builtin_register(CwmpPluginContext *ctx, CwmpDmRegistry *registry, GError **error)
{
	return TRUE;
}

static const CwmpPluginDesc *
cwmp_test_builtin_good_get_info(void)
{
	static const CwmpPluginDesc desc = {
	    .abi_major = CWMP_PLUGIN_ABI_MAJOR,
	    .abi_minor = CWMP_PLUGIN_ABI_MINOR,
	    .size = sizeof(CwmpPluginDesc),
	    .name = "good",
	    .version = "builtin",
	    .register_dm = cwmp_test_builtin_register,
	};
	return &desc;
}

static const CwmpPluginDesc *
cwmp_test_builtin_old_get_info(void)
{
	static const CwmpPluginDesc desc = {
	    .abi_major = 0,
	    .abi_minor = 9,
	    .size = sizeof(CwmpPluginDesc),
	    .name = "old",
	    .version = "0.9",
	    .register_dm = cwmp_test_builtin_register,
	};
	return &desc;
}

static void
cwmp_test_loader_builtin(CwmpTestFixture *fx, gconstpointer user_data)
{
	CwmpPlugin *plugin;
	GPtrArray  *plugins;
	g_autoptr(GError) error = NULL;

	cwmp_plugin_loader_add_builtin(fx->loader, "good", cwmp_test_builtin_good_get_info);
	cwmp_plugin_loader_add_builtin(fx->loader, "good", cwmp_test_builtin_good_get_info);
	cwmp_plugin_loader_add_builtin(fx->loader, "old", cwmp_test_builtin_old_get_info);
	cwmp_plugin_loader_set_directory(fx->loader, cwmp_test_plugindir(), FALSE);
	g_assert_true(cwmp_plugin_loader_load(fx->loader, &error));
	g_assert_no_error(error);

	/* the built-in wins and the .so of the same name is not looked at */
	plugin = cwmp_plugin_loader_find(fx->loader, "good");
	g_assert_nonnull(plugin);
	g_assert_true(cwmp_plugin_get_builtin(plugin));
	g_assert_null(cwmp_plugin_get_filename(plugin));
	g_assert_cmpstr(cwmp_plugin_get_version(plugin), ==, "builtin");
	g_assert_cmpint(cwmp_plugin_get_state(plugin), ==, CWMP_PLUGIN_STATE_LOADED);
	plugins = cwmp_plugin_loader_get_plugins(fx->loader);
	for (guint i = 0; i < plugins->len; i++) {
		const gchar *filename = cwmp_plugin_get_filename(g_ptr_array_index(plugins, i));
		g_assert_false(filename != NULL && g_str_has_suffix(filename, "/libcwmp-plugin-"
									      "good.so"));
	}
	/* the same checks apply to built-ins */
	plugin = g_ptr_array_index(plugins, 1);
	g_assert_cmpstr(cwmp_plugin_get_name(plugin), ==, "good");
	g_assert_error((GError *) cwmp_plugin_get_error(plugin), CWMP_PLUGIN_ERROR,
		       CWMP_PLUGIN_ERROR_DUPLICATE);
	cwmp_test_assert_failed(fx->loader, "old", CWMP_PLUGIN_STATE_FAILED, CWMP_PLUGIN_ERROR_ABI,
				"built for ABI 0.9");
}

static void
cwmp_test_loader_env_override(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *path = cwmp_test_copy_plugin(fx, "good", "libcwmp-plugin-good.so", 0755);
	g_autoptr(GError) error = NULL;

	g_assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));
	g_setenv(CWMP_PLUGIN_LOADER_ENV_DIRECTORY, fx->tmpdir, TRUE);
	g_assert_cmpstr(cwmp_plugin_loader_get_directory(fx->loader), ==, fx->tmpdir);
	g_assert_true(cwmp_plugin_loader_load(fx->loader, &error));
	g_unsetenv(CWMP_PLUGIN_LOADER_ENV_DIRECTORY);
	g_assert_no_error(error);
	g_assert_cmpint(cwmp_plugin_get_state(cwmp_plugin_loader_find(fx->loader, "good")), ==,
			CWMP_PLUGIN_STATE_LOADED);
}

static void
cwmp_test_loader_missing_directory(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *missing = g_build_filename(fx->tmpdir, "nothing-here", NULL);
	g_autofree gchar *data = g_strdup_printf("[plugins]\ndirectory=%s\n", missing);
	g_autoptr(CwmpConfig) config = cwmp_test_utils_config_new("missing.conf", data);
	g_autoptr(CwmpPluginLoader) loader = NULL;
	g_autoptr(GError) error = NULL;

	/* a configured directory that is not there is a configuration error */
	loader = cwmp_plugin_loader_new(fx->dm, config, NULL);
	g_assert_cmpstr(cwmp_plugin_loader_get_directory(loader), ==, missing);
	g_assert_false(cwmp_plugin_loader_load(loader, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
	g_assert_true(strstr(error->message, missing) != NULL);
}

static void
cwmp_test_loader_context(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autoptr(CwmpPluginContext) ctx =
	    cwmp_plugin_context_new(fx->dm, fx->config, "tr181", fx->tmpdir);
	g_autofree gchar *disabled = NULL;
	g_autofree gchar *unknown = NULL;
	gchar		 *data = g_strdup("mine");

	g_assert_true(cwmp_plugin_context_get_dm(ctx) == fx->dm);
	g_assert_cmpstr(cwmp_plugin_context_get_name(ctx), ==, "tr181");
	g_assert_cmpstr(cwmp_plugin_context_get_state_directory(ctx), ==, fx->tmpdir);
	disabled = cwmp_plugin_context_get_config(ctx, "plugins", "disabled");
	g_assert_cmpstr(disabled, ==, "disabled");
	unknown = cwmp_plugin_context_get_config(ctx, NULL, "no-such-key");
	g_assert_null(unknown);
	g_assert_null(cwmp_plugin_context_get_data(ctx));
	/* replaced data is freed, the last is freed with the context (valgrind) */
	cwmp_plugin_context_set_data(ctx, g_strdup("first"), g_free);
	cwmp_plugin_context_set_data(ctx, data, g_free);
	g_assert_true(cwmp_plugin_context_get_data(ctx) == data);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	/* every refused plugin is logged with g_warning(): expected here; criticals
	 * stay fatal */
	g_log_set_always_fatal(G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

	g_test_add_func("/cwmp/plugin-loader/abi-layout", cwmp_test_loader_abi_layout);
#define CWMP_TEST_ADD(path, func)                                                                  \
	g_test_add(path, CwmpTestFixture, NULL, cwmp_test_fixture_setup, func,                     \
		   cwmp_test_fixture_teardown)
	CWMP_TEST_ADD("/cwmp/plugin-loader/directory", cwmp_test_loader_directory);
	CWMP_TEST_ADD("/cwmp/plugin-loader/unsafe/world-writable", cwmp_test_loader_world_writable);
	CWMP_TEST_ADD("/cwmp/plugin-loader/unsafe/group-writable", cwmp_test_loader_group_writable);
	CWMP_TEST_ADD("/cwmp/plugin-loader/unsafe/setuid", cwmp_test_loader_setuid);
	CWMP_TEST_ADD("/cwmp/plugin-loader/unsafe/setgid", cwmp_test_loader_setgid);
	CWMP_TEST_ADD("/cwmp/plugin-loader/unsafe/not-regular", cwmp_test_loader_not_regular);
	CWMP_TEST_ADD("/cwmp/plugin-loader/unsafe/not-root", cwmp_test_loader_not_root);
	CWMP_TEST_ADD("/cwmp/plugin-loader/symlink", cwmp_test_loader_symlink);
	CWMP_TEST_ADD("/cwmp/plugin-loader/invalid-name", cwmp_test_loader_invalid_name);
	CWMP_TEST_ADD("/cwmp/plugin-loader/duplicate", cwmp_test_loader_duplicate);
	CWMP_TEST_ADD("/cwmp/plugin-loader/builtin", cwmp_test_loader_builtin);
	CWMP_TEST_ADD("/cwmp/plugin-loader/env-override", cwmp_test_loader_env_override);
	CWMP_TEST_ADD("/cwmp/plugin-loader/missing-directory", cwmp_test_loader_missing_directory);
	CWMP_TEST_ADD("/cwmp/plugin-loader/context", cwmp_test_loader_context);
#undef CWMP_TEST_ADD
	return g_test_run();
}
