/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* cwmp_agent_reload() and the key table behind it (cwmp_config_diff() and
 * the reload flags of the keys) */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cwmp-agent.h"
#include "cwmp-error.h"
#include "cwmp-test-utils.h"

typedef struct {
	gchar	  *tmpdir;
	gchar	  *conf;       /* tmpdir/cwmpd.conf */
	gchar	  *dropin_dir; /* tmpdir/conf.d */
	gchar	  *plugin_dir; /* empty: no plugin */
	CwmpAgent *agent;      /* started with the engine */
} CwmpTestFixture;

static void
cwmp_test_write(const gchar *path, const gchar *data)
{
	g_autoptr(GError) error = NULL;

	g_assert_true(g_file_set_contents(path, data, -1, &error));
	g_assert_no_error(error);
}

static gchar *
cwmp_test_base_config(CwmpTestFixture *fx, const gchar *extra)
{
	return g_strdup_printf("[state]\ndirectory=%s/state\n"
			       "[connection-request]\naddress=127.0.0.1\nport=0\n"
			       "%s",
			       fx->tmpdir, extra);
}

static void
cwmp_test_fixture_setup(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *data = NULL;
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autoptr(GError) error = NULL;

	fx->tmpdir = cwmp_test_utils_mkdtemp("cwmp-reload-XXXXXX");
	fx->conf = g_build_filename(fx->tmpdir, "cwmpd.conf", NULL);
	fx->dropin_dir = g_build_filename(fx->tmpdir, "conf.d", NULL);
	fx->plugin_dir = g_build_filename(fx->tmpdir, "plugins", NULL);
	g_assert_cmpint(g_mkdir(fx->dropin_dir, 0755), ==, 0);
	g_assert_cmpint(g_mkdir(fx->plugin_dir, 0755), ==, 0);

	data = cwmp_test_base_config(fx, "[data-model]\npoll-interval=30\n");
	cwmp_test_write(fx->conf, data);
	g_assert_true(cwmp_config_load_with_dropins(config, fx->conf, &error));
	g_assert_no_error(error);
	/* like cwmpd --plugin-dir: set at run time, it must survive reloads */
	g_assert_true(
	    cwmp_config_set_string(config, "plugins", "directory", fx->plugin_dir, &error));
	g_assert_no_error(error);

	fx->agent = cwmp_agent_new(config);
	g_assert_true(cwmp_agent_start(fx->agent, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_agent_start_engine(fx->agent, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_agent_set_log_level("message", &error));
	g_assert_no_error(error);
}

static void
cwmp_test_fixture_teardown(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autoptr(GError) error = NULL;

	cwmp_agent_stop(fx->agent);
	g_clear_object(&fx->agent);
	g_assert_true(cwmp_test_utils_rm_rf(fx->tmpdir, &error));
	g_assert_no_error(error);
	g_free(fx->tmpdir);
	g_free(fx->conf);
	g_free(fx->dropin_dir);
	g_free(fx->plugin_dir);
	g_assert_true(cwmp_agent_set_log_level("message", NULL));
}

static gchar *
cwmp_test_get(CwmpTestFixture *fx, const gchar *group, const gchar *key)
{
	return cwmp_config_get_string(cwmp_agent_get_config(fx->agent), group, key);
}

/* nothing changed: nothing to restart, and the command-line override of
 * [plugins] directory is not taken for a change */
static void
cwmp_test_reload_unchanged(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_auto(GStrv) restart = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *plugins = NULL;

	g_assert_true(cwmp_agent_reload(fx->agent, fx->conf, &restart, &error));
	g_assert_no_error(error);
	g_assert_nonnull(restart);
	g_assert_cmpuint(g_strv_length(restart), ==, 0);
	plugins = cwmp_test_get(fx, "plugins", "directory");
	g_assert_cmpstr(plugins, ==, fx->plugin_dir);
}

/* what a reload applies takes effect at once, with no restart */
static void
cwmp_test_reload_runtime(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *data = NULL;
	g_autofree gchar *dropin = g_build_filename(fx->dropin_dir, "50-log.conf", NULL);
	g_auto(GStrv) restart = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *hook = NULL;
	CwmpCrServer	 *cr = cwmp_engine_get_cr_server(cwmp_agent_get_engine(fx->agent));
	CwmpConfig	 *config = cwmp_agent_get_config(fx->agent);

	g_assert_false(cwmp_cr_server_get_allow_basic(cr));
	data = cwmp_test_base_config(fx, "[data-model]\npoll-interval=7\npoll-budget=10\n"
					 "[connection-request]\nallow-basic=true\n"
					 "rate-limit-burst=9\n"
					 "[hooks]\nreboot=/bin/true\n");
	cwmp_test_write(fx->conf, data);
	cwmp_test_write(dropin, "[log]\nlevel=debug\n");

	g_assert_true(cwmp_agent_reload(fx->agent, fx->conf, &restart, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(g_strv_length(restart), ==, 0);
	g_assert_cmpstr(cwmp_agent_get_log_level(), ==, "debug");
	g_assert_true(cwmp_cr_server_get_allow_basic(cr));
	g_assert_cmpint(cwmp_config_get_integer(config, "data-model", "poll-interval"), ==, 7);
	g_assert_cmpint(cwmp_config_get_integer(config, "data-model", "poll-budget"), ==, 10);
	g_assert_cmpint(cwmp_config_get_integer(config, "connection-request", "rate-limit-burst"),
			==, 9);
	hook = cwmp_test_get(fx, "hooks", "reboot");
	g_assert_cmpstr(hook, ==, "/bin/true");
	/* the sources follow the files read */
	g_assert_cmpuint(cwmp_config_get_sources(config)->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(cwmp_config_get_sources(config), 1), ==, dropin);

	/* and back: the drop-in gone, the default level again */
	g_assert_cmpint(g_unlink(dropin), ==, 0);
	g_clear_pointer(&restart, g_strfreev);
	g_assert_true(cwmp_agent_reload(fx->agent, fx->conf, &restart, &error));
	g_assert_no_error(error);
	g_assert_cmpstr(cwmp_agent_get_log_level(), ==, "message");
}

/* what needs a restart keeps its running value and is listed */
static void
cwmp_test_reload_restart(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *data = NULL;
	g_autofree gchar *state = NULL;
	g_autofree gchar *address = NULL;
	g_auto(GStrv) restart = NULL;
	g_autoptr(GError) error = NULL;
	const gchar *const expected[] = {
	    "connection-request.address",
	    "connection-request.advertised-host",
	    "state.directory",
	    "plugins.disabled",
	    NULL,
	};

	data = g_strdup_printf("[state]\ndirectory=%s/elsewhere\n"
			       "[connection-request]\naddress=::1\nport=0\n"
			       "advertised-host=cpe.example\n"
			       "[plugins]\ndisabled=tr181\n"
			       "[data-model]\npoll-interval=30\n"
			       "[log]\nlevel=info\n",
			       fx->tmpdir);
	cwmp_test_write(fx->conf, data);
	g_assert_true(cwmp_agent_reload(fx->agent, fx->conf, &restart, &error));
	g_assert_no_error(error);
	g_assert_cmpstrv(restart, expected);
	state = cwmp_test_get(fx, "state", "directory");
	g_assert_true(g_str_has_suffix(state, "/state"));
	address = cwmp_test_get(fx, "connection-request", "address");
	g_assert_cmpstr(address, ==, "127.0.0.1");
	/* the runtime part of the same file was applied */
	g_assert_cmpstr(cwmp_agent_get_log_level(), ==, "info");
}

/* ManagementServer values are factory defaults: taken, not applied to the
 * data model, and no restart would change that */
static void
cwmp_test_reload_factory_default(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *data = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *dm_url = NULL;
	g_autofree gchar *dm_url_after = NULL;
	g_auto(GStrv) restart = NULL;
	g_autoptr(GError) error = NULL;
	CwmpDm *dm = cwmp_agent_get_dm(fx->agent);

	dm_url = cwmp_dm_get_value(dm, "Device.ManagementServer.URL", &error);
	g_assert_no_error(error);
	data = cwmp_test_base_config(fx, "[acs]\nurl=http://acs.example:7547/\n"
					 "[data-model]\npoll-interval=30\n");
	cwmp_test_write(fx->conf, data);
	g_assert_true(cwmp_agent_reload(fx->agent, fx->conf, &restart, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(g_strv_length(restart), ==, 0);
	url = cwmp_test_get(fx, "acs", "url");
	g_assert_cmpstr(url, ==, "http://acs.example:7547/");
	dm_url_after = cwmp_dm_get_value(dm, "Device.ManagementServer.URL", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(dm_url_after, ==, dm_url);
}

/* a broken configuration changes nothing, and every error is reported */
static void
cwmp_test_reload_broken(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *data = NULL;
	g_autofree gchar *dropin = g_build_filename(fx->dropin_dir, "10-bad.conf", NULL);
	g_autofree gchar *expected = NULL;
	g_autofree gchar *before = NULL;
	g_autofree gchar *after = NULL;
	g_auto(GStrv) restart = NULL;
	g_autoptr(GError) error = NULL;
	CwmpConfig *config = cwmp_agent_get_config(fx->agent);

	before = cwmp_config_to_data(config);
	data = cwmp_test_base_config(fx, "[log]\nlevel=debug\n[data-model]\npoll-interval=0\n");
	cwmp_test_write(fx->conf, data);
	cwmp_test_write(dropin, "[acs]\nsession-timeout=5\nbogus=1\n");

	g_assert_false(cwmp_agent_reload(fx->agent, fx->conf, &restart, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
	g_assert_null(restart);
	expected = g_strdup_printf("%s:9: invalid value \"0\" for poll-interval in group "
				   "[data-model]: must be between 1 and 86400\n"
				   "%s:3: unknown key \"bogus\" in group [acs]",
				   fx->conf, dropin);
	g_assert_cmpstr(error->message, ==, expected);
	/* not even the good lines were taken */
	g_assert_cmpstr(cwmp_agent_get_log_level(), ==, "message");
	after = cwmp_config_to_data(config);
	g_assert_cmpstr(after, ==, before);
}

/* a configuration file named but missing is an error; the default one may
 * be missing */
static void
cwmp_test_reload_missing(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *missing = g_build_filename(fx->tmpdir, "missing.conf", NULL);
	g_auto(GStrv) restart = NULL;
	g_autoptr(GError) error = NULL;

	g_assert_false(cwmp_agent_reload(fx->agent, missing, &restart, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
	g_assert_nonnull(strstr(error->message, missing));
	g_assert_null(restart);
}

static void
cwmp_test_config_diff(void)
{
	g_autoptr(CwmpConfig) a = cwmp_test_utils_config_new("a.conf", "[acs]\nurl=http://x/\n");
	g_autoptr(CwmpConfig) b = cwmp_test_utils_config_new("b.conf", "[acs]\nurl=http://y/\n"
								       "[log]\nlevel=message\n");
	g_auto(GStrv) diff = cwmp_config_diff(a, b);
	g_auto(GStrv) same = cwmp_config_diff(b, b);
	const gchar *const expected[] = {"acs.url", NULL};

	/* level=message is the default: set, but no change */
	g_assert_cmpstrv(diff, expected);
	g_assert_cmpuint(g_strv_length(same), ==, 0);
}

static void
cwmp_test_config_flags(void)
{
	g_auto(GStrv) keys = cwmp_config_list_keys();

	g_assert_cmpuint(g_strv_length(keys), >, 30);
	g_assert_true(g_strv_contains((const gchar *const *) keys, "log.level"));
	g_assert_true(cwmp_config_key_is_runtime("log.level"));
	g_assert_true(cwmp_config_key_is_runtime("data-model.poll-interval"));
	g_assert_true(cwmp_config_key_is_runtime("connection-request.rate-limit-burst"));
	g_assert_false(cwmp_config_key_is_runtime("state.directory"));
	g_assert_false(cwmp_config_key_is_runtime("connection-request.port"));
	g_assert_false(cwmp_config_key_is_runtime("plugins.directory"));
	g_assert_false(cwmp_config_key_is_runtime("acs.url"));
	g_assert_true(cwmp_config_key_is_factory_default("acs.url"));
	g_assert_true(cwmp_config_key_is_factory_default("connection-request.password"));
	g_assert_false(cwmp_config_key_is_factory_default("log.level"));
	/* aliases and unknown names */
	g_assert_false(cwmp_config_key_is_runtime("plugins.DisabledPlugins"));
	g_assert_false(cwmp_config_key_is_runtime("nosuch.key"));
	g_assert_false(cwmp_config_key_is_runtime("nodot"));
	g_assert_false(cwmp_config_key_is_runtime(""));
}

static void
cwmp_test_log_level(void)
{
	g_autoptr(GError) error = NULL;

	g_assert_false(cwmp_agent_set_log_level("loud", &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
	g_assert_true(cwmp_agent_set_log_level("error", NULL));
	g_assert_cmpstr(cwmp_agent_get_log_level(), ==, "error");
	g_assert_true(cwmp_agent_set_log_level("message", NULL));
	g_assert_cmpstr(cwmp_agent_get_log_level(), ==, "message");
}

#define CWMP_TEST_ADD(path, func)                                                                  \
	g_test_add(path, CwmpTestFixture, NULL, cwmp_test_fixture_setup, func,                     \
		   cwmp_test_fixture_teardown)

int
main(int argc, char *argv[])
{
	g_test_init(&argc, &argv, NULL);
	CWMP_TEST_ADD("/cwmp/reload/unchanged", cwmp_test_reload_unchanged);
	CWMP_TEST_ADD("/cwmp/reload/runtime", cwmp_test_reload_runtime);
	CWMP_TEST_ADD("/cwmp/reload/restart", cwmp_test_reload_restart);
	CWMP_TEST_ADD("/cwmp/reload/factory-default", cwmp_test_reload_factory_default);
	CWMP_TEST_ADD("/cwmp/reload/broken", cwmp_test_reload_broken);
	CWMP_TEST_ADD("/cwmp/reload/missing", cwmp_test_reload_missing);
	g_test_add_func("/cwmp/reload/config-diff", cwmp_test_config_diff);
	g_test_add_func("/cwmp/reload/config-flags", cwmp_test_config_flags);
	g_test_add_func("/cwmp/reload/log-level", cwmp_test_log_level);
	return g_test_run();
}
