/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "cwmp-config.h"
#include "cwmp-error.h"

static gchar *
cwmp_config_test_path(const gchar *name)
{
	return g_test_build_filename(G_TEST_DIST, "data", "config", name, NULL);
}

static void
cwmp_config_test_assert_string(CwmpConfig  *config,
			       const gchar *group,
			       const gchar *key,
			       const gchar *expected)
{
	g_autofree gchar *value = cwmp_config_get_string(config, group, key);
	g_assert_cmpstr(value, ==, expected);
}

static void
cwmp_config_test_defaults(void)
{
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_auto(GStrv) disabled = NULL;

	cwmp_config_test_assert_string(config, "acs", "url", NULL);
	cwmp_config_test_assert_string(config, "acs", "password", NULL);
	cwmp_config_test_assert_string(config, "connection-request", "address", "");
	cwmp_config_test_assert_string(config, "connection-request", "port", "7547");
	cwmp_config_test_assert_string(config, "device", "manufacturer", "cwmpd");
	cwmp_config_test_assert_string(config, "device", "oui", "000000");
	cwmp_config_test_assert_string(config, "device", "product-class", "Linux");
	cwmp_config_test_assert_string(config, "device", "serial-number", "");
	cwmp_config_test_assert_string(config, "state", "directory", "/var/lib/cwmpd");
	cwmp_config_test_assert_string(config, "hooks", "reboot", "systemctl reboot");
	cwmp_config_test_assert_string(config, "hooks", "factory-reset", "");
	cwmp_config_test_assert_string(config, "plugins", "directory", "");
	cwmp_config_test_assert_string(config, "log", "level", "message");
	g_assert_cmpint(cwmp_config_get_integer(config, "connection-request", "port"), ==, 7547);
	g_assert_cmpint(cwmp_config_get_integer(config, "data-model", "poll-interval"), ==, 30);
	g_assert_cmpint(cwmp_config_get_integer(config, "data-model", "poll-budget"), ==, 2000);
	g_assert_false(cwmp_config_get_boolean(config, "connection-request", "allow-basic"));
	g_assert_false(cwmp_config_get_boolean(config, "data-model", "alias-based-addressing"));
	disabled = cwmp_config_get_string_list(config, "plugins", "disabled");
	g_assert_nonnull(disabled);
	g_assert_cmpuint(g_strv_length(disabled), ==, 0);
	g_assert_false(cwmp_config_has_key(config, "log", "level"));
	g_assert_false(cwmp_config_has_key(config, "nosuch", "key"));
	g_assert_cmpuint(cwmp_config_get_sources(config)->len, ==, 0);

	/* plugins ask for keys of their own that the table does not know */
	cwmp_config_test_assert_string(config, "tr181", "anything", NULL);
}

static void
cwmp_config_test_valid(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autofree gchar *path = cwmp_config_test_path("valid.conf");
	g_auto(GStrv) disabled = NULL;
	const gchar *expected_disabled[] = {"tr104", "tr143", "tr157", NULL};
	GPtrArray   *sources;

	g_assert_true(cwmp_config_load_file(config, path, &error));
	g_assert_no_error(error);

	cwmp_config_test_assert_string(config, "acs", "url",
				       "https://acs.example.com:7548/cwmp?x=1");
	cwmp_config_test_assert_string(config, "acs", "username", "cpe-user");
	cwmp_config_test_assert_string(config, "acs", "password", "secret with spaces ");
	cwmp_config_test_assert_string(config, "acs", "ca-file",
				       "/etc/ssl/certs/ca-certificates.crt");
	cwmp_config_test_assert_string(config, "acs", "client-key", NULL);
	cwmp_config_test_assert_string(config, "device", "manufacturer", "Example Networks");
	cwmp_config_test_assert_string(config, "device", "oui", "00A0C6");
	cwmp_config_test_assert_string(config, "device", "description",
				       "line one\nline two\ttabbed \\ backslash");
	cwmp_config_test_assert_string(config, "device", "product-class", "Linux");
	cwmp_config_test_assert_string(config, "hooks", "reboot",
				       "/sbin/reboot --force \"now please\"");
	cwmp_config_test_assert_string(config, "hooks", "factory-reset", "");
	cwmp_config_test_assert_string(config, "log", "level", "debug");
	g_assert_cmpint(cwmp_config_get_integer(config, "connection-request", "port"), ==, 30005);
	g_assert_cmpint(cwmp_config_get_integer(config, "data-model", "poll-interval"), ==, 86400);
	g_assert_cmpint(cwmp_config_get_integer(config, "data-model", "poll-budget"), ==, 1);
	g_assert_true(cwmp_config_get_boolean(config, "connection-request", "allow-basic"));
	g_assert_true(cwmp_config_get_boolean(config, "data-model", "alias-based-addressing"));

	/* list parsing: both separators, blanks trimmed, empty items dropped */
	disabled = cwmp_config_get_string_list(config, "plugins", "disabled");
	g_assert_true(g_strv_equal((const gchar *const *) disabled, expected_disabled));

	g_assert_true(cwmp_config_has_key(config, "hooks", "factory-reset"));
	g_assert_false(cwmp_config_has_key(config, "state", "directory"));
	sources = cwmp_config_get_sources(config);
	g_assert_cmpuint(sources->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(sources, 0), ==, path);
}

static void
cwmp_config_test_errors(void)
{
	struct {
		const gchar *name;
		const gchar *message; /* after "FILE:" */
	} cases[] = {
	    {"unknown-group.conf", "5: unknown group [nosuch]"},
	    {"unknown-key.conf", "3: unknown key \"model\" in group [device]"},
	    {"integer-range.conf", "2: invalid value \"70000\" for port in group "
				   "[connection-request]: "
				   "must be between 0 and 65535"},
	    {"integer-syntax.conf", "2: invalid value \"12abc\" for poll-budget in group "
				    "[data-model]: not an integer"},
	    {"bad-boolean.conf", "2: invalid value \"yes\" for allow-basic in group "
				 "[connection-request]: "
				 "must be true or false"},
	    {"bad-enum.conf", "2: invalid value \"verbose\" for level in group [log]: "
			      "must be one of error, warning, message, info, debug"},
	    {"bad-oui.conf", "2: invalid value \"00a0c6\" for oui in group [device]: "
			     "must be 6 upper-case hexadecimal digits"},
	    {"bad-url.conf", "2: invalid value \"ftp://acs.example.com/\" for url in group [acs]: "
			     "must be an http or https URL"},
	    {"bad-path.conf", "2: invalid value \"var/lib/cwmpd\" for directory in group [state]: "
			      "must be an absolute path"},
	    {"bad-command.conf", "2: invalid value \"systemctl \"reboot\" for reboot in group "
				 "[hooks]: "
				 "not a command line: "},
	    {"duplicate.conf", "5: duplicate key \"port\" in group [connection-request], first set "
			       "on line 2"},
	    {"duplicate-alias.conf", "3: duplicate key \"disabled\" in group [plugins], first set "
				     "on line 2"},
	    {"syntax.conf", "3: not a group, key=value pair or comment"},
	    {"outside-group.conf", "1: key \"url\" outside of any group"},
	    {"bad-group.conf", "1: malformed group header"},
	    {"bad-escape.conf", "2: invalid value \"foo\\q\" for description in group [device]: "
				"invalid escape sequence \\q"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(CwmpConfig) config = cwmp_config_new();
		g_autofree gchar *path = cwmp_config_test_path(cases[i].name);
		g_autofree gchar *expected = g_strdup_printf("%s:%s", path, cases[i].message);
		g_autofree gchar *defaults = cwmp_config_to_data(config);
		g_autofree gchar *after = NULL;

		g_test_message("%s", cases[i].name);
		g_assert_false(cwmp_config_load_file(config, path, &error));
		g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
		/* one problem, one line */
		g_assert_null(strchr(error->message, '\n'));
		if (g_str_has_suffix(cases[i].message, ": "))
			g_assert_true(g_str_has_prefix(error->message, expected));
		else
			g_assert_cmpstr(error->message, ==, expected);

		/* a file with an error changes nothing */
		after = cwmp_config_to_data(config);
		g_assert_cmpstr(after, ==, defaults);
		g_assert_cmpuint(cwmp_config_get_sources(config)->len, ==, 0);
	}
}

static void
cwmp_config_test_multiple_errors(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autofree gchar *path = cwmp_config_test_path("multi.conf");
	g_autofree gchar *expected = NULL;

	expected = g_strdup_printf("%1$s:2: invalid value \"acs.example.com\" for url in group "
				   "[acs]: "
				   "not a URL: URI is not absolute, and no base URI was provided\n"
				   "%1$s:3: unknown key \"colour\" in group [acs]\n"
				   "%1$s:6: invalid value \"-1\" for port in group "
				   "[connection-request]: "
				   "must be between 0 and 65535\n"
				   "%1$s:7: duplicate key \"port\" in group [connection-request], "
				   "first set on line 6\n"
				   "%1$s:8: invalid value \"maybe\" for allow-basic in group "
				   "[connection-request]: "
				   "must be true or false\n"
				   "%1$s:10: unknown group [extra]\n"
				   "%1$s:14: invalid value \"Debug\" for level in group [log]: "
				   "must be one of error, warning, message, info, debug",
				   path);
	g_assert_false(cwmp_config_load_file(config, path, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
	g_assert_cmpstr(error->message, ==, expected);
}

static void
cwmp_config_test_missing(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autofree gchar *path = cwmp_config_test_path("nosuch.conf");
	g_autofree gchar *expected = g_strdup_printf("%s: No such file", path);

	g_assert_false(cwmp_config_load_file(config, path, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
	g_assert_cmpstr(error->message, ==, expected);
	g_clear_error(&error);
	g_assert_false(cwmp_config_load_with_dropins(config, path, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
	g_assert_cmpstr(error->message, ==, expected);
}

static void
cwmp_config_test_dropins(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autofree gchar *path = cwmp_config_test_path("dropins/cwmpd.conf");
	g_autofree gchar *dropin_dir = cwmp_config_test_path("dropins/conf.d");
	g_autofree gchar *first = g_build_filename(dropin_dir, "10-first.conf", NULL);
	g_autofree gchar *second = g_build_filename(dropin_dir, "20-second.conf", NULL);
	g_autofree gchar *last = g_build_filename(dropin_dir, "9-last.conf", NULL);
	g_autofree gchar *data = NULL;
	g_autofree gchar *expected_line = NULL;
	g_auto(GStrv) disabled = NULL;
	const gchar *expected_disabled[] = {"tr104", "tr143", NULL};
	GPtrArray   *sources;

	g_assert_true(cwmp_config_load_with_dropins(config, path, &error));
	g_assert_no_error(error);

	/* later files win, key by key; other names in conf.d are ignored */
	cwmp_config_test_assert_string(config, "device", "manufacturer", "Second");
	cwmp_config_test_assert_string(config, "device", "product-class", "FirstClass");
	cwmp_config_test_assert_string(config, "device", "serial-number", "main-serial");
	g_assert_cmpint(cwmp_config_get_integer(config, "connection-request", "port"), ==, 9999);

	/* the alias lands on the real key */
	disabled = cwmp_config_get_string_list(config, "plugins", "disabled");
	g_assert_true(g_strv_equal((const gchar *const *) disabled, expected_disabled));
	g_assert_true(cwmp_config_has_key(config, "plugins", "DisabledPlugins"));
	cwmp_config_test_assert_string(config, "plugins", "DisabledPlugins", "tr104;tr143");

	sources = cwmp_config_get_sources(config);
	g_assert_cmpuint(sources->len, ==, 4);
	g_assert_cmpstr(g_ptr_array_index(sources, 0), ==, path);
	g_assert_cmpstr(g_ptr_array_index(sources, 1), ==, first);
	g_assert_cmpstr(g_ptr_array_index(sources, 2), ==, second);
	g_assert_cmpstr(g_ptr_array_index(sources, 3), ==, last);

	data = cwmp_config_to_data(config);
	expected_line = g_strdup_printf("# from %s:2\nmanufacturer=Second\n", second);
	g_assert_nonnull(strstr(data, expected_line));
	g_clear_pointer(&expected_line, g_free);
	expected_line = g_strdup_printf("# from %s:4\nproduct-class=FirstClass\n", first);
	g_assert_nonnull(strstr(data, expected_line));
}

static void
cwmp_config_test_dropins_errors(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autofree gchar *path = cwmp_config_test_path("dropins-bad/cwmpd.conf");
	g_autofree gchar *dropin_dir = cwmp_config_test_path("dropins-bad/conf.d");
	g_autofree gchar *expected = NULL;

	/* every file is checked, the problems of all of them come together */
	expected = g_strdup_printf("%1$s/10-bad.conf:2: invalid value \"chatty\" for level in "
				   "group [log]: must be one of error, warning, message, info, "
				   "debug\n"
				   "%1$s/20-bad.conf:2: invalid value \"123\" for oui in group "
				   "[device]: must be 6 upper-case hexadecimal digits",
				   dropin_dir);
	g_assert_false(cwmp_config_load_with_dropins(config, path, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
	g_assert_cmpstr(error->message, ==, expected);
}

static void
cwmp_config_test_set_string(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autofree gchar *data = NULL;

	g_assert_true(cwmp_config_set_string(config, "connection-request", "port", "8080", &error));
	g_assert_no_error(error);
	g_assert_cmpint(cwmp_config_get_integer(config, "connection-request", "port"), ==, 8080);
	g_assert_true(cwmp_config_has_key(config, "connection-request", "port"));

	g_assert_false(
	    cwmp_config_set_string(config, "connection-request", "port", "65536", &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
	g_assert_cmpstr(error->message, ==,
			"invalid value \"65536\" for port in group [connection-request]: "
			"must be between 0 and 65535");
	g_clear_error(&error);
	g_assert_cmpint(cwmp_config_get_integer(config, "connection-request", "port"), ==, 8080);

	g_assert_false(cwmp_config_set_string(config, "acs", "colour", "x", &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
	g_assert_cmpstr(error->message, ==, "unknown key \"colour\" in group [acs]");
	g_clear_error(&error);
	g_assert_false(cwmp_config_set_string(config, "nosuch", "x", "y", &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG);
	g_assert_cmpstr(error->message, ==, "unknown group [nosuch]");
	g_clear_error(&error);

	g_assert_true(cwmp_config_set_string(config, "plugins", "DisabledPlugins", "a,b", &error));
	g_assert_no_error(error);
	data = cwmp_config_to_data(config);
	g_assert_nonnull(strstr(data, "# set at run time\nport=8080\n"));
	g_assert_nonnull(strstr(data, "# set at run time\ndisabled=a,b\n"));
}

static void
cwmp_config_test_to_data(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autoptr(CwmpConfig) config2 = cwmp_config_new();
	g_autofree gchar *path = cwmp_config_test_path("valid.conf");
	g_autofree gchar *data = NULL;
	g_autofree gchar *data2 = NULL;
	g_autofree gchar *expected = NULL;
	g_autofree gchar *header = NULL;

	g_assert_true(cwmp_config_load_file(config, path, &error));
	g_assert_no_error(error);
	data = cwmp_config_to_data(config);

	header = g_strdup_printf("# cwmpd configuration: built-in defaults and %s\n", path);
	g_assert_true(g_str_has_prefix(data, header));
	expected = g_strdup_printf("\n[acs]\n"
				   "# from %1$s:3\n"
				   "url=https://acs.example.com:7548/cwmp?x=1\n"
				   "# from %1$s:4\n"
				   "username=cpe-user\n"
				   "# from %1$s:5, value hidden\n"
				   "#password=\n"
				   "# from %1$s:6\n"
				   "ca-file=/etc/ssl/certs/ca-certificates.crt\n"
				   "# not set\n"
				   "#ca-directory=\n",
				   path);
	g_assert_nonnull(strstr(data, expected));
	g_clear_pointer(&expected, g_free);
	expected = g_strdup_printf("# from %s:26\npoll-budget=1\n", path);
	g_assert_nonnull(strstr(data, expected));
	g_assert_nonnull(strstr(data, "# default\naddress=\n"));
	g_assert_nonnull(strstr(data, "description=line one\\nline two\ttabbed \\\\ backslash\n"));
	g_assert_nonnull(strstr(data, "# default\ndirectory=/var/lib/cwmpd\n"));
	g_assert_null(strstr(data, "secret"));

	/* what it prints loads again, to the same values (passwords aside) */
	g_assert_true(cwmp_config_load_data(config2, "printed", data, &error));
	g_assert_no_error(error);
	data2 = cwmp_config_to_data(config2);
	{
		g_autofree gchar *v1 = cwmp_config_get_string(config, "device", "description");
		g_autofree gchar *v2 = cwmp_config_get_string(config2, "device", "description");
		g_autofree gchar *p2 = cwmp_config_get_string(config2, "acs", "password");
		g_auto(GStrv) l1 = cwmp_config_get_string_list(config, "plugins", "disabled");
		g_auto(GStrv) l2 = cwmp_config_get_string_list(config2, "plugins", "disabled");
		g_assert_cmpstr(v1, ==, v2);
		g_assert_null(p2);
		g_assert_true(g_strv_equal((const gchar *const *) l1, (const gchar *const *) l2));
	}
	g_assert_cmpint(cwmp_config_get_integer(config2, "data-model", "poll-budget"), ==, 1);
	g_assert_nonnull(strstr(data2, "# from printed:"));
}

static void
cwmp_config_test_escaped_edges(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autoptr(CwmpConfig) config2 = cwmp_config_new();
	g_autofree gchar *data = NULL;
	g_autofree gchar *value = NULL;
	const gchar	 *awkward = " \tlead and trail\\ \r\n\t ";

	g_assert_true(cwmp_config_set_string(config, "device", "description", awkward, &error));
	g_assert_no_error(error);
	data = cwmp_config_to_data(config);
	g_assert_true(cwmp_config_load_data(config2, "printed", data, &error));
	g_assert_no_error(error);
	value = cwmp_config_get_string(config2, "device", "description");
	g_assert_cmpstr(value, ==, awkward);
}

/* the shipped example loads, and documents every key with its default */
static void
cwmp_config_test_shipped(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autoptr(CwmpConfig) defaults = cwmp_config_new();
	g_autofree gchar *path =
	    g_test_build_filename(G_TEST_DIST, "..", "data", "cwmpd.conf", NULL);
	g_autofree gchar *shipped = NULL;
	g_autofree gchar *printed = cwmp_config_to_data(defaults);
	g_autofree gchar *printed_after = NULL;
	g_auto(GStrv) printed_lines = g_strsplit(printed, "\n", -1);
	g_auto(GStrv) shipped_lines = NULL;
	const gchar *group = NULL;
	guint	     n_keys = 0;

	g_assert_true(cwmp_config_load_file(config, path, &error));
	g_assert_no_error(error);
	/* it is all comments: nothing changes */
	printed_after = cwmp_config_to_data(config);
	g_assert_true(g_str_has_suffix(printed_after, strchr(printed, '\n')));

	g_file_get_contents(path, &shipped, NULL, &error);
	g_assert_no_error(error);
	shipped_lines = g_strsplit(shipped, "\n", -1);
	for (guint i = 0; printed_lines[i] != NULL; i++) {
		const gchar	 *line = printed_lines[i];
		g_autofree gchar *want = NULL;
		gboolean	  found = FALSE;
		const gchar	 *shipped_group = NULL;

		if (line[0] == '[') {
			group = line;
			continue;
		}
		if (line[0] == '\0' || g_str_has_prefix(line, "# "))
			continue;
		/* "key=default" is shipped as "#key=default", "#key=" (no default) as "#key=..." */
		want = line[0] == '#' ? g_strdup(line) : g_strconcat("#", line, NULL);
		for (guint j = 0; shipped_lines[j] != NULL && !found; j++) {
			if (shipped_lines[j][0] == '[')
				shipped_group = shipped_lines[j];
			if (g_strcmp0(shipped_group, group) != 0)
				continue;
			if (line[0] == '#')
				found = g_str_has_prefix(shipped_lines[j], want);
			else
				found = g_strcmp0(shipped_lines[j], want) == 0;
		}
		if (!found)
			g_error("%s does not document %s in %s", path, want, group);
		n_keys++;
	}
	g_assert_cmpuint(n_keys, ==, 46);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/config/defaults", cwmp_config_test_defaults);
	g_test_add_func("/cwmp/config/valid", cwmp_config_test_valid);
	g_test_add_func("/cwmp/config/errors", cwmp_config_test_errors);
	g_test_add_func("/cwmp/config/multiple-errors", cwmp_config_test_multiple_errors);
	g_test_add_func("/cwmp/config/missing", cwmp_config_test_missing);
	g_test_add_func("/cwmp/config/dropins", cwmp_config_test_dropins);
	g_test_add_func("/cwmp/config/dropins-errors", cwmp_config_test_dropins_errors);
	g_test_add_func("/cwmp/config/set-string", cwmp_config_test_set_string);
	g_test_add_func("/cwmp/config/to-data", cwmp_config_test_to_data);
	g_test_add_func("/cwmp/config/escaped-edges", cwmp_config_test_escaped_edges);
	g_test_add_func("/cwmp/config/shipped", cwmp_config_test_shipped);
	return g_test_run();
}
