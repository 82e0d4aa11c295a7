/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* CwmpAgent, and the cwmpd executable run against the in-tree plugins */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cwmp-agent.h"
#include "cwmp-plugin-loader.h"
#include "cwmp-schema.h"
#include "cwmp-test-utils.h"

typedef struct {
	gchar *tmpdir;
	gchar *statedir;
} CwmpTestFixture;

static void
cwmp_test_fixture_setup(CwmpTestFixture *fx, gconstpointer user_data)
{
	fx->tmpdir = cwmp_test_utils_mkdtemp("cwmp-agent-XXXXXX");
	fx->statedir = g_build_filename(fx->tmpdir, "state", NULL);
}

static void
cwmp_test_fixture_teardown(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autoptr(GError) error = NULL;

	g_assert_true(cwmp_test_utils_rm_rf(fx->tmpdir, &error));
	g_assert_no_error(error);
	g_free(fx->tmpdir);
	g_free(fx->statedir);
}

static CwmpConfig *
cwmp_test_config_new(const gchar *statedir)
{
	g_autofree gchar *data =
	    g_strdup_printf("[state]\ndirectory=%s\n[plugins]\ndisabled=disabled\n", statedir);
	return cwmp_test_utils_config_new("agent-test.conf", data);
}

/* @plugindir: NULL for every test plugin, good and broken */
static CwmpAgent *
cwmp_test_agent_new(const gchar *statedir, const gchar *plugindir)
{
	g_autoptr(CwmpConfig) config = cwmp_test_config_new(statedir);
	g_autoptr(CwmpAgent) agent = cwmp_agent_new(config);

	g_assert_cmpstr(cwmp_agent_get_state_directory(agent), ==, statedir);
	g_assert_true(cwmp_agent_get_config(agent) == config);
	cwmp_plugin_loader_set_directory(
	    cwmp_agent_get_plugin_loader(agent),
	    plugindir != NULL ? plugindir : g_getenv("CWMP_TEST_PLUGINDIR"), FALSE);
	return g_steal_pointer(&agent);
}

/* a plugin folder with only the good test plugin in it */
static gchar *
cwmp_test_good_plugindir(CwmpTestFixture *fx)
{
	g_autofree gchar *src =
	    g_build_filename(g_getenv("CWMP_TEST_PLUGINDIR"), "libcwmp-plugin-good.so", NULL);
	g_autofree gchar *dir = g_build_filename(fx->tmpdir, "plugins", NULL);
	g_autofree gchar *dst = g_build_filename(dir, "libcwmp-plugin-good.so", NULL);
	g_autofree gchar *data = NULL;
	gsize		  len = 0;
	g_autoptr(GError) error = NULL;

	g_assert_cmpint(g_mkdir(dir, 0755), ==, 0);
	g_assert_true(g_file_get_contents(src, &data, &len, &error));
	g_assert_no_error(error);
	g_assert_true(
	    g_file_set_contents_full(dst, data, len, G_FILE_SET_CONTENTS_NONE, 0755, &error));
	g_assert_no_error(error);
	return g_steal_pointer(&dir);
}

static void
cwmp_test_agent_start_stop(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autoptr(CwmpAgent) agent = cwmp_test_agent_new(fx->statedir, NULL);
	CwmpPlugin	 *plugin;
	g_autofree gchar *value = NULL;
	g_autoptr(GError) error = NULL;

	g_assert_false(cwmp_agent_is_started(agent));
	g_assert_true(cwmp_agent_start(agent, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_agent_is_started(agent));
	/* the state directory is created, private */
	g_assert_true(g_file_test(fx->statedir, G_FILE_TEST_IS_DIR));
	g_assert_null(cwmp_agent_get_quarantined(agent));
	g_assert_true(cwmp_dm_is_frozen(cwmp_agent_get_dm(agent)));

	plugin = cwmp_plugin_loader_find(cwmp_agent_get_plugin_loader(agent), "good");
	g_assert_cmpint(cwmp_plugin_get_state(plugin), ==, CWMP_PLUGIN_STATE_STARTED);
	value = cwmp_dm_get_value(cwmp_agent_get_dm(agent), "Device.X_000000_Test.Phase", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(value, ==, "started");

	cwmp_agent_stop(agent);
	g_assert_false(cwmp_agent_is_started(agent));
	g_assert_cmpint(cwmp_plugin_get_state(plugin), ==, CWMP_PLUGIN_STATE_STOPPED);
}

static void
cwmp_test_agent_corrupt_state(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *plugindir = cwmp_test_good_plugindir(fx);
	g_autoptr(CwmpAgent) agent = cwmp_test_agent_new(fx->statedir, plugindir);
	g_autofree gchar *statefile = g_build_filename(fx->statedir, "dm.state", NULL);
	g_autofree gchar *contents = NULL;
	const gchar	 *garbage = "this is not a state file\n\x01\x02 truncated";
	g_autoptr(GError) error = NULL;

	g_assert_cmpint(g_mkdir_with_parents(fx->statedir, 0700), ==, 0);
	g_assert_true(g_file_set_contents(statefile, garbage, -1, &error));
	g_assert_no_error(error);

	/* loud, naming the file, and the agent still starts */
	g_test_expect_message("CwmpCore", G_LOG_LEVEL_WARNING, "*dm.state*moved it to*");
	g_assert_true(cwmp_agent_start(agent, &error));
	g_test_assert_expected_messages();
	g_assert_no_error(error);
	g_assert_nonnull(cwmp_agent_get_quarantined(agent));
	g_test_message("quarantined as %s", cwmp_agent_get_quarantined(agent));

	/* the evidence is kept, byte for byte */
	g_assert_true(
	    g_file_get_contents(cwmp_agent_get_quarantined(agent), &contents, NULL, &error));
	g_assert_no_error(error);
	g_assert_cmpstr(contents, ==, garbage);
	g_assert_cmpint(cwmp_plugin_get_state(
			    cwmp_plugin_loader_find(cwmp_agent_get_plugin_loader(agent), "good")),
			==, CWMP_PLUGIN_STATE_STARTED);
}

static void
cwmp_test_agent_bad_state_directory(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *file = g_build_filename(fx->tmpdir, "file", NULL);
	g_autofree gchar *below = g_build_filename(file, "state", NULL);
	g_autoptr(CwmpAgent) agent = NULL;
	g_autoptr(GError) error = NULL;

	g_assert_true(g_file_set_contents(file, "", 0, &error));
	agent = cwmp_test_agent_new(below, NULL);
	g_assert_false(cwmp_agent_start(agent, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_IO);
	g_assert_true(strstr(error->message, below) != NULL);
	g_assert_false(cwmp_agent_is_started(agent));
}

/* --- the cwmpd executable ------------------------------------------------- */

static gchar *
cwmp_test_cwmpd_path(void)
{
	return g_build_filename(g_getenv("G_TEST_BUILDDIR"), "..", "cwmpd", NULL);
}

static gchar *
cwmp_test_tr181_dir(void)
{
	return g_build_filename(g_getenv("CWMP_PLUGIN_BUILDDIR"), "tr181", NULL);
}

/* runs cwmpd with the in-tree tr181 plugin, a private config and state */
static gboolean
cwmp_test_cwmpd_run(CwmpTestFixture    *fx,
		    const gchar *const *args,
		    gchar	      **out,
		    gchar	      **err,
		    gint	       *status)
{
	g_autofree gchar *cwmpd = cwmp_test_cwmpd_path();
	g_autofree gchar *plugindir = cwmp_test_tr181_dir();
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_auto(GStrv) envp = g_get_environ();
	g_autoptr(GError) error = NULL;

	g_ptr_array_add(argv, cwmpd);
	for (guint i = 0; args[i] != NULL; i++)
		g_ptr_array_add(argv, (gpointer) args[i]);
	g_ptr_array_add(argv, NULL);
	envp = g_environ_setenv(envp, CWMP_PLUGIN_LOADER_ENV_DIRECTORY, plugindir, TRUE);
	envp = g_environ_unsetenv(envp, "G_MESSAGES_DEBUG");
	g_assert_true(g_spawn_sync(NULL, (gchar **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
				   out, err, status, &error));
	g_assert_no_error(error);
	g_test_message("stderr: %s", *err);
	return g_spawn_check_wait_status(*status, NULL);
}

static gchar *
cwmp_test_write_config(CwmpTestFixture *fx, const gchar *data)
{
	g_autofree gchar *path = g_build_filename(fx->tmpdir, "cwmpd.conf", NULL);
	g_autoptr(GError) error = NULL;
	g_assert_true(g_file_set_contents(path, data, -1, &error));
	g_assert_no_error(error);
	return g_steal_pointer(&path);
}

static JsonArray *
cwmp_test_parse_array(JsonParser *parser, const gchar *out)
{
	JsonNode *root;
	g_autoptr(GError) error = NULL;

	g_assert_true(json_parser_load_from_data(parser, out, -1, &error));
	g_assert_no_error(error);
	root = json_parser_get_root(parser);
	g_assert_nonnull(root);
	g_assert_true(JSON_NODE_HOLDS_ARRAY(root));
	return json_node_get_array(root);
}

static JsonObject *
cwmp_test_find_member(JsonArray *array, const gchar *member, const gchar *value)
{
	for (guint i = 0; i < json_array_get_length(array); i++) {
		JsonObject *obj = json_array_get_object_element(array, i);
		g_assert_nonnull(obj);
		if (g_strcmp0(json_object_get_string_member_with_default(obj, member, NULL),
			      value) == 0)
			return obj;
	}
	return NULL;
}

static void
cwmp_test_cwmpd_list_plugins(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *config = cwmp_test_write_config(fx, "[plugins]\n");
	const gchar	 *args[] = {"--config",	      config,	"--state-dir", fx->statedir,
				    "--list-plugins", "--json", NULL};
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonArray  *array;
	JsonObject *tr181;
	gint	    status = 0;

	g_assert_true(cwmp_test_cwmpd_run(fx, args, &out, &err, &status));
	array = cwmp_test_parse_array(parser, out);
	tr181 = cwmp_test_find_member(array, "name", "tr181");
	g_assert_nonnull(tr181);
	g_assert_cmpstr(json_object_get_string_member(tr181, "state"), ==, "started");
	g_assert_false(json_object_has_member(tr181, "error"));
	g_assert_nonnull(json_object_get_string_member(tr181, "version"));
	g_assert_true(g_str_has_suffix(json_object_get_string_member(tr181, "file"), "/libcwmp-"
										     "plugin-tr181."
										     "so"));
	/* --state-dir was used */
	g_assert_true(g_file_test(fx->statedir, G_FILE_TEST_IS_DIR));
}

static void
cwmp_test_cwmpd_list_plugins_disabled(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *data =
	    g_strdup_printf("[state]\ndirectory=%s\n[plugins]\ndisabled=tr181\n", fx->statedir);
	g_autofree gchar *config = cwmp_test_write_config(fx, data);
	const gchar	 *args[] = {"--config", config, "--list-plugins", NULL};
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	gint		  status = 0;

	/* the text listing: state, name, version, file and the reason */
	g_assert_true(cwmp_test_cwmpd_run(fx, args, &out, &err, &status));
	g_assert_true(g_str_has_prefix(out, "disabled "));
	g_assert_true(strstr(out, " tr181 ") != NULL);
	g_assert_true(strstr(out, "disabled in the configuration") != NULL);
}

static void
cwmp_test_cwmpd_list_data_model(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *data = g_strdup_printf("[state]\ndirectory=%s\n", fx->statedir);
	g_autofree gchar *config = cwmp_test_write_config(fx, data);
	const gchar	 *args[] = {"--config", config, "--list-data-model", "--json", NULL};
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonArray   *array;
	JsonObject  *uptime;
	const gchar *value;
	guint64	     seconds = 0;
	gint	     status = 0;
	g_autoptr(GError) error = NULL;

	g_assert_true(cwmp_test_cwmpd_run(fx, args, &out, &err, &status));
	array = cwmp_test_parse_array(parser, out);
	g_assert_cmpuint(json_array_get_length(array), >, 1);
	uptime = cwmp_test_find_member(array, "path", "Device.DeviceInfo.UpTime");
	g_assert_nonnull(uptime);
	g_assert_false(json_object_has_member(uptime, "error"));
	g_assert_cmpstr(json_object_get_string_member(uptime, "type"), ==, "unsignedInt");
	g_assert_cmpstr(json_object_get_string_member(uptime, "access"), ==, "readOnly");
	value = json_object_get_string_member(uptime, "value");
	g_assert_true(g_ascii_string_to_unsigned(value, 10, 0, G_MAXUINT32, &seconds, &error));
	g_assert_no_error(error);
	/* every entry is a parameter with either a value or an error */
	for (guint i = 0; i < json_array_get_length(array); i++) {
		JsonObject  *obj = json_array_get_object_element(array, i);
		const gchar *path = json_object_get_string_member(obj, "path");
		g_assert_true(g_str_has_prefix(path, "Device."));
		g_assert_false(g_str_has_suffix(path, "."));
		g_assert_true(json_object_has_member(obj, "value") ||
			      json_object_has_member(obj, "error"));
	}
}

static void
cwmp_test_cwmpd_bad_config(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *missing = g_build_filename(fx->tmpdir, "missing.conf", NULL);
	g_autofree gchar *config = cwmp_test_write_config(fx, "[plugins]\nno-such-key=1\n");
	const gchar	 *args_missing[] = {"--config", missing, "--list-plugins", NULL};
	const gchar	 *args_bad[] = {"--config", config, "--list-plugins", NULL};
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_autofree gchar *out2 = NULL;
	g_autofree gchar *err2 = NULL;
	gint		  status = 0;

	/* a file named on the command line must exist */
	g_assert_false(cwmp_test_cwmpd_run(fx, args_missing, &out, &err, &status));
	g_assert_true(strstr(err, missing) != NULL);
	g_assert_cmpstr(out, ==, "");
	g_assert_false(cwmp_test_cwmpd_run(fx, args_bad, &out2, &err2, &status));
	g_assert_true(strstr(err2, "no-such-key") != NULL);
	g_assert_cmpstr(out2, ==, "");
}

static void
cwmp_test_cwmpd_version(CwmpTestFixture *fx, gconstpointer user_data)
{
	const gchar	 *args[] = {"--version", NULL};
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_autofree gchar *expected =
	    g_strdup_printf("cwmpd %s (plugin ABI %u.%u)\n", PACKAGE_VERSION,
			    (guint) CWMP_PLUGIN_ABI_MAJOR, (guint) CWMP_PLUGIN_ABI_MINOR);
	gint status = 0;

	g_assert_true(cwmp_test_cwmpd_run(fx, args, &out, &err, &status));
	g_assert_cmpstr(out, ==, expected);
}

static void
cwmp_test_value_changed_cb(CwmpDm *dm, const gchar *path, guint notification, gpointer user_data)
{
	gchar **seen = user_data;
	if (*seen == NULL)
		*seen = g_strdup(path);
}

/* the agent polls parameters without push on the configured interval */
static void
cwmp_test_agent_polls(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *plugindir = cwmp_test_good_plugindir(fx);
	g_autofree gchar *data = g_strdup_printf("[state]\ndirectory=%s\n"
						 "[data-model]\npoll-interval=1\npoll-budget=10\n",
						 fx->statedir);
	g_autoptr(CwmpConfig) config = cwmp_test_utils_config_new("poll.conf", data);
	g_autoptr(CwmpAgent) agent = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar      *seen = NULL;
	gboolean	       expired = FALSE;
	guint		       timeout_id;
	CwmpDmAttributeRequest req = {.path = "Device.X_000000_Test.Ticks",
				      .notification_change = TRUE,
				      .notification = CWMP_DM_NOTIFICATION_PASSIVE};

	agent = cwmp_agent_new(config);
	cwmp_plugin_loader_set_directory(cwmp_agent_get_plugin_loader(agent), plugindir, FALSE);
	g_assert_true(cwmp_agent_start(agent, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_dm_set_attributes(cwmp_agent_get_dm(agent), &req, 1, &error));
	g_assert_no_error(error);
	g_signal_connect(cwmp_agent_get_dm(agent), "value-changed",
			 G_CALLBACK(cwmp_test_value_changed_cb), &seen);
	/* first tick sets the baseline, the second sees the change; 10 s is a cap */
	timeout_id = g_timeout_add_seconds(10, cwmp_test_utils_flag_cb, &expired);
	while (seen == NULL && !expired)
		g_main_context_iteration(NULL, TRUE);
	if (!expired)
		g_source_remove(timeout_id);
	g_assert_cmpstr(seen, ==, "Device.X_000000_Test.Ticks");
	cwmp_agent_stop(agent);
}

typedef struct {
	CwmpDm	*dm;
	guint	 n_params;
	guint	 n_objects;
	GString *problems;
} CwmpTestSchemaWalk;

static gboolean
cwmp_test_path_is_vendor(const gchar *path)
{
	return g_str_has_prefix(path, "X_") || strstr(path, ".X_") != NULL;
}

static void
cwmp_test_schema_name_cb(const gchar *path, gboolean writable, gpointer user_data)
{
	CwmpTestSchemaWalk *walk = user_data;
	const CwmpSchema   *schema = cwmp_schema_get_default();
	g_autofree gchar   *general = cwmp_schema_path_generalize(path);
	gboolean	    vendor = cwmp_test_path_is_vendor(path);

	if (g_str_has_suffix(path, ".")) {
		walk->n_objects++;
		g_autofree gchar *as_table = g_strconcat(general, "{i}.", NULL);
		/* "Device.IP.Interface." names the table "Device.IP.Interface.{i}." */
		if (cwmp_schema_lookup_object(schema, general) == NULL &&
		    cwmp_schema_lookup_object(schema, as_table) == NULL && !vendor)
			g_string_append_printf(walk->problems, "%s: object not in the schema\n",
					       path);
		return;
	}
	walk->n_params++;
	{
		const CwmpSchemaParam *sp = cwmp_schema_lookup_param(schema, general);
		const CwmpSchemaParam *info = cwmp_dm_lookup_param_info(walk->dm, path, NULL);
		if (sp == NULL) {
			if (!vendor)
				g_string_append_printf(walk->problems,
						       "%s: parameter not in the schema\n", path);
			return;
		}
		if (info != sp)
			g_string_append_printf(walk->problems,
					       "%s: registered with metadata other than the "
					       "schema's\n",
					       path);
		if (writable && sp->access != CWMP_ACCESS_READ_WRITE)
			g_string_append_printf(walk->problems,
					       "%s: writable but readOnly in the schema\n", path);
	}
}

/* every parameter any in-tree plugin registers is in the standard with the
 * same type and access, or is a vendor X_ extension */
static void
cwmp_test_in_tree_plugins_match_schema(CwmpTestFixture *fx, gconstpointer user_data)
{
	const gchar	 *builddir = g_getenv("CWMP_PLUGIN_BUILDDIR");
	g_autofree gchar *dir = g_build_filename(fx->tmpdir, "in-tree", NULL);
	g_autoptr(GDir) top = NULL;
	g_autoptr(CwmpAgent) agent = NULL;
	g_autoptr(GError) error = NULL;
	CwmpTestSchemaWalk walk = {NULL, 0, 0, g_string_new(NULL)};
	const gchar	  *name;
	GPtrArray	  *plugins;
	guint		   n_plugins = 0;

	g_assert_nonnull(builddir);
	g_assert_cmpint(g_mkdir(dir, 0755), ==, 0);
	top = g_dir_open(builddir, 0, &error);
	g_assert_no_error(error);
	/* plugins/<family>/libcwmp-plugin-<family>.so, gathered in one folder */
	while ((name = g_dir_read_name(top)) != NULL) {
		g_autofree gchar *file = g_strdup_printf("libcwmp-plugin-%s.so", name);
		g_autofree gchar *src = g_build_filename(builddir, name, file, NULL);
		g_autofree gchar *dst = g_build_filename(dir, file, NULL);
		g_autofree gchar *data = NULL;
		gsize		  len = 0;
		if (!g_file_test(src, G_FILE_TEST_IS_REGULAR))
			continue;
		g_assert_true(g_file_get_contents(src, &data, &len, &error));
		g_assert_true(g_file_set_contents_full(dst, data, len, G_FILE_SET_CONTENTS_NONE,
						       0755, &error));
		g_assert_no_error(error);
		n_plugins++;
	}
	g_assert_cmpuint(n_plugins, >, 0);
	agent = cwmp_test_agent_new(fx->statedir, dir);
	g_assert_true(cwmp_agent_start(agent, &error));
	g_assert_no_error(error);
	plugins = cwmp_plugin_loader_get_plugins(cwmp_agent_get_plugin_loader(agent));
	for (guint i = 0; i < plugins->len; i++) {
		CwmpPlugin *plugin = g_ptr_array_index(plugins, i);
		if (cwmp_plugin_get_state(plugin) != CWMP_PLUGIN_STATE_STARTED)
			g_error("in-tree plugin %s did not start: %s", cwmp_plugin_get_name(plugin),
				cwmp_plugin_get_error(plugin) != NULL
				    ? cwmp_plugin_get_error(plugin)->message
				    : "(no error)");
	}
	walk.dm = cwmp_agent_get_dm(agent);
	g_assert_true(
	    cwmp_dm_get_names(walk.dm, "Device.", FALSE, cwmp_test_schema_name_cb, &walk, &error));
	g_assert_no_error(error);
	g_test_message("%u objects and %u parameters from %u in-tree plugins checked",
		       walk.n_objects, walk.n_params, n_plugins);
	g_assert_cmpuint(walk.n_params, >, 10);
	if (walk.problems->len > 0)
		g_error("registrations that differ from the schema:\n%s", walk.problems->str);
	g_string_free(walk.problems, TRUE);
	cwmp_agent_stop(agent);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	/* every refused plugin is logged with g_warning(): expected here; criticals
	 * stay fatal */
	g_log_set_always_fatal(G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

#define CWMP_TEST_ADD(path, func)                                                                  \
	g_test_add(path, CwmpTestFixture, NULL, cwmp_test_fixture_setup, func,                     \
		   cwmp_test_fixture_teardown)
	CWMP_TEST_ADD("/cwmp/agent/start-stop", cwmp_test_agent_start_stop);
	CWMP_TEST_ADD("/cwmp/agent/corrupt-state", cwmp_test_agent_corrupt_state);
	CWMP_TEST_ADD("/cwmp/agent/bad-state-directory", cwmp_test_agent_bad_state_directory);
	CWMP_TEST_ADD("/cwmp/agent/polls", cwmp_test_agent_polls);
	CWMP_TEST_ADD("/cwmp/agent/in-tree-plugins-match-schema",
		      cwmp_test_in_tree_plugins_match_schema);
	CWMP_TEST_ADD("/cwmp/cwmpd/version", cwmp_test_cwmpd_version);
	CWMP_TEST_ADD("/cwmp/cwmpd/bad-config", cwmp_test_cwmpd_bad_config);
	CWMP_TEST_ADD("/cwmp/cwmpd/list-plugins", cwmp_test_cwmpd_list_plugins);
	CWMP_TEST_ADD("/cwmp/cwmpd/list-plugins-disabled", cwmp_test_cwmpd_list_plugins_disabled);
	CWMP_TEST_ADD("/cwmp/cwmpd/list-data-model", cwmp_test_cwmpd_list_data_model);
#undef CWMP_TEST_ADD
	return g_test_run();
}
