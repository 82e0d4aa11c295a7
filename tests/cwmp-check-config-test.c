/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* cwmpd --check-config, run as the real executable ($CWMPD_BINARY) */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cwmp-test-utils.h"

typedef struct {
	gchar *tmpdir;
	gchar *conf;	   /* tmpdir/cwmpd.conf */
	gchar *dropin_dir; /* tmpdir/conf.d */
	gchar *out;
	gchar *err;
	gint   status;
} CwmpTestFixture;

static void
cwmp_test_fixture_setup(CwmpTestFixture *fx, gconstpointer user_data)
{
	fx->tmpdir = cwmp_test_utils_mkdtemp("cwmp-check-config-XXXXXX");
	fx->conf = g_build_filename(fx->tmpdir, "cwmpd.conf", NULL);
	fx->dropin_dir = g_build_filename(fx->tmpdir, "conf.d", NULL);
	g_assert_cmpint(g_mkdir(fx->dropin_dir, 0755), ==, 0);
}

static void
cwmp_test_fixture_teardown(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autoptr(GError) error = NULL;

	g_assert_true(cwmp_test_utils_rm_rf(fx->tmpdir, &error));
	g_assert_no_error(error);
	g_free(fx->tmpdir);
	g_free(fx->conf);
	g_free(fx->dropin_dir);
	g_free(fx->out);
	g_free(fx->err);
}

static void
cwmp_test_write(const gchar *path, const gchar *data)
{
	g_autoptr(GError) error = NULL;

	g_assert_true(g_file_set_contents(path, data, -1, &error));
	g_assert_no_error(error);
}

static gchar *
cwmp_test_dropin(CwmpTestFixture *fx, const gchar *name)
{
	return g_build_filename(fx->dropin_dir, name, NULL);
}

/* runs cwmpd --check-config -c @conf, plus @extra; the exit status in fx */
static void
cwmp_test_run(CwmpTestFixture *fx, const gchar *conf, const gchar *extra)
{
	const gchar *binary = g_getenv("CWMPD_BINARY");
	const gchar *argv[] = {binary, "--check-config", "-c", conf, extra, NULL};
	g_autoptr(GError) error = NULL;
	gint wait_status = 0;

	g_assert_nonnull(binary);
	g_clear_pointer(&fx->out, g_free);
	g_clear_pointer(&fx->err, g_free);
	g_assert_true(g_spawn_sync(NULL, (gchar **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
				   &fx->out, &fx->err, &wait_status, &error));
	g_assert_no_error(error);
	g_assert_true(WIFEXITED(wait_status));
	fx->status = WEXITSTATUS(wait_status);
}

/* the merged configuration, each value with where it came from */
static void
cwmp_test_check_config_good(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *dropin = cwmp_test_dropin(fx, "50-debug.conf");
	g_autofree gchar *ignored = cwmp_test_dropin(fx, "60-not-a-dropin.txt");
	g_autofree gchar *expect_url = NULL;
	g_autofree gchar *expect_level = NULL;
	g_autofree gchar *expect_head = NULL;

	cwmp_test_write(fx->conf, "# the main file\n[acs]\nurl=http://acs.example/\n"
				  "password=s3cret\n[log]\nlevel=info\n");
	cwmp_test_write(dropin, "[log]\nlevel=debug\n");
	cwmp_test_write(ignored, "this is no key file\n");
	cwmp_test_run(fx, fx->conf, NULL);
	g_assert_cmpstr(fx->err, ==, "");
	g_assert_cmpint(fx->status, ==, 0);

	expect_head = g_strdup_printf("# cwmpd configuration: built-in defaults, %s and %s\n",
				      fx->conf, dropin);
	g_assert_true(g_str_has_prefix(fx->out, expect_head));
	expect_url = g_strdup_printf("# from %s:3\nurl=http://acs.example/\n", fx->conf);
	g_assert_nonnull(strstr(fx->out, expect_url));
	/* the drop-in overrides the main file */
	expect_level = g_strdup_printf("[log]\n# from %s:2\nlevel=debug\n", dropin);
	g_assert_nonnull(strstr(fx->out, expect_level));
	g_assert_nonnull(strstr(fx->out, "# default\nperiodic-inform-enable=true\n"));
	/* secrets are never printed */
	g_assert_null(strstr(fx->out, "s3cret"));
	g_assert_nonnull(strstr(fx->out, ", value hidden\n#password=\n"));
	/* command-line overrides show as such */
	cwmp_test_run(fx, fx->conf, "--state-dir=/srv/cwmpd");
	g_assert_cmpint(fx->status, ==, 0);
	g_assert_nonnull(strstr(fx->out, "[state]\n# set at run time\ndirectory=/srv/cwmpd\n"));
}

static void
cwmp_test_check_config_bad_value(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *expected = NULL;

	cwmp_test_write(fx->conf, "[acs]\nsession-timeout=soon\n[log]\nlevel=loud\n");
	cwmp_test_run(fx, fx->conf, NULL);
	g_assert_cmpint(fx->status, ==, 1);
	g_assert_cmpstr(fx->out, ==, "");
	expected = g_strdup_printf("%s:2: invalid value \"soon\" for session-timeout in group "
				   "[acs]: not an integer\n"
				   "%s:4: invalid value \"loud\" for level in group [log]: must "
				   "be one of error, warning, message, info, debug\n",
				   fx->conf, fx->conf);
	g_assert_cmpstr(fx->err, ==, expected);
}

/* every error of every file, in the order the files are read */
static void
cwmp_test_check_config_unknown_key(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *first = cwmp_test_dropin(fx, "10-first.conf");
	g_autofree gchar *second = cwmp_test_dropin(fx, "20-second.conf");
	g_autofree gchar *expected = NULL;

	cwmp_test_write(fx->conf, "[acs]\nurl=http://acs.example/\n");
	cwmp_test_write(first, "[acs]\n\nurll=http://typo.example/\n");
	cwmp_test_write(second, "[nosuch]\nkey=1\n[connection-request]\nport=70000\n");
	cwmp_test_run(fx, fx->conf, NULL);
	g_assert_cmpint(fx->status, ==, 1);
	g_assert_cmpstr(fx->out, ==, "");
	expected = g_strdup_printf("%s:3: unknown key \"urll\" in group [acs]\n"
				   "%s:1: unknown group [nosuch]\n"
				   "%s:4: invalid value \"70000\" for port in group "
				   "[connection-request]: must be between 0 and 65535\n",
				   first, second, second);
	g_assert_cmpstr(fx->err, ==, expected);
}

/* a drop-in that cannot be read is an error naming it, not skipped */
static void
cwmp_test_check_config_unreadable(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *directory = cwmp_test_dropin(fx, "30-directory.conf");
	g_autofree gchar *dangling = cwmp_test_dropin(fx, "40-dangling.conf");
	g_autofree gchar *target = g_build_filename(fx->tmpdir, "gone.conf", NULL);
	g_autofree gchar *expected = NULL;

	cwmp_test_write(fx->conf, "[log]\nlevel=info\n");
	g_assert_cmpint(g_mkdir(directory, 0755), ==, 0);
	g_assert_cmpint(symlink(target, dangling), ==, 0);
	cwmp_test_run(fx, fx->conf, NULL);
	g_assert_cmpint(fx->status, ==, 1);
	g_assert_cmpstr(fx->out, ==, "");
	expected = g_strdup_printf("%s: Error reading file “%s”: Is a directory\n"
				   "%s: No such file\n",
				   directory, directory, dangling);
	g_assert_cmpstr(fx->err, ==, expected);
}

static void
cwmp_test_check_config_missing(CwmpTestFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *missing = g_build_filename(fx->tmpdir, "missing.conf", NULL);
	g_autofree gchar *expected = NULL;

	cwmp_test_run(fx, missing, NULL);
	g_assert_cmpint(fx->status, ==, 1);
	g_assert_cmpstr(fx->out, ==, "");
	expected = g_strdup_printf("configuration file %s does not exist\n", missing);
	g_assert_cmpstr(fx->err, ==, expected);
}

#define CWMP_TEST_ADD(path, func)                                                                  \
	g_test_add(path, CwmpTestFixture, NULL, cwmp_test_fixture_setup, func,                     \
		   cwmp_test_fixture_teardown)

int
main(int argc, char *argv[])
{
	g_test_init(&argc, &argv, NULL);
	CWMP_TEST_ADD("/cwmp/check-config/good", cwmp_test_check_config_good);
	CWMP_TEST_ADD("/cwmp/check-config/bad-value", cwmp_test_check_config_bad_value);
	CWMP_TEST_ADD("/cwmp/check-config/unknown-key", cwmp_test_check_config_unknown_key);
	CWMP_TEST_ADD("/cwmp/check-config/unreadable", cwmp_test_check_config_unreadable);
	CWMP_TEST_ADD("/cwmp/check-config/missing", cwmp_test_check_config_missing);
	return g_test_run();
}
