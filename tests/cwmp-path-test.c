/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-path.h"

static void
cwmp_path_test_assert_refused(const gchar *text)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpPath) path = cwmp_path_parse(text, &error);

	if (path != NULL)
		g_error("path '%s' was accepted", text);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_assert_nonnull(error->message);
	g_assert_cmpstr(error->message, !=, "");
}

static void
cwmp_path_test_names(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpPath) path = NULL;

	path = cwmp_path_parse("Device.DeviceInfo.SoftwareVersion", &error);
	g_assert_no_error(error);
	g_assert_nonnull(path);
	g_assert_cmpuint(path->n_segments, ==, 3);
	g_assert_false(path->partial);
	g_assert_false(path->has_wildcard);
	g_assert_false(path->has_alias);
	for (guint i = 0; i < 3; i++)
		g_assert_cmpint(path->segments[i].kind, ==, CWMP_PATH_SEGMENT_NAME);
	g_assert_cmpstr(path->segments[0].name, ==, "Device");
	g_assert_cmpstr(path->segments[1].name, ==, "DeviceInfo");
	g_assert_cmpstr(path->segments[2].name, ==, "SoftwareVersion");

	/* the segments point into the path's own buffer */
	g_assert_true(path->segments[1].name > path->buffer);
	g_assert_true(path->segments[1].name < path->buffer + strlen("Device.DeviceInfo.x"));
}

static void
cwmp_path_test_partial(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpPath) path = NULL;
	g_autoptr(CwmpPath) root = NULL;
	g_autoptr(CwmpPath) empty = NULL;

	path = cwmp_path_parse("Device.IP.", &error);
	g_assert_no_error(error);
	g_assert_true(path->partial);
	g_assert_cmpuint(path->n_segments, ==, 2);
	g_assert_cmpstr(path->segments[1].name, ==, "IP");

	root = cwmp_path_parse("Device.", &error);
	g_assert_no_error(error);
	g_assert_true(root->partial);
	g_assert_cmpuint(root->n_segments, ==, 1);

	empty = cwmp_path_parse("", &error);
	g_assert_no_error(error);
	g_assert_true(empty->partial);
	g_assert_cmpuint(empty->n_segments, ==, 0);
	g_assert_false(empty->has_wildcard);
}

static void
cwmp_path_test_instances(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpPath) path = NULL;
	g_autoptr(CwmpPath) max = NULL;

	path = cwmp_path_parse("Device.IP.Interface.3.IPv4Address.12.IPAddress", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(path->n_segments, ==, 7);
	g_assert_cmpint(path->segments[3].kind, ==, CWMP_PATH_SEGMENT_INSTANCE);
	g_assert_cmpuint(path->segments[3].instance, ==, 3);
	g_assert_cmpint(path->segments[5].kind, ==, CWMP_PATH_SEGMENT_INSTANCE);
	g_assert_cmpuint(path->segments[5].instance, ==, 12);
	g_assert_cmpint(path->segments[6].kind, ==, CWMP_PATH_SEGMENT_NAME);
	g_assert_false(path->partial);

	max = cwmp_path_parse("Device.IP.Interface.4294967295.", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(max->segments[3].instance, ==, G_MAXUINT32);
	g_assert_true(max->partial);
}

static void
cwmp_path_test_wildcard(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpPath) path = NULL;

	path = cwmp_path_parse("Device.IP.Interface.*.IPv4Address.*.", &error);
	g_assert_no_error(error);
	g_assert_true(path->has_wildcard);
	g_assert_false(path->has_alias);
	g_assert_true(path->partial);
	g_assert_cmpuint(path->n_segments, ==, 6);
	g_assert_cmpint(path->segments[3].kind, ==, CWMP_PATH_SEGMENT_WILDCARD);
	g_assert_cmpint(path->segments[5].kind, ==, CWMP_PATH_SEGMENT_WILDCARD);
}

static void
cwmp_path_test_alias(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpPath) path = NULL;
	g_autoptr(CwmpPath) utf8 = NULL;
	g_autoptr(CwmpPath) longest = NULL;
	g_autofree gchar *alias64 = NULL;
	g_autofree gchar *text64 = NULL;

	path = cwmp_path_parse("Device.IP.Interface.[cpe-lan].IPv4Address.[a b_c].Enable", &error);
	g_assert_no_error(error);
	g_assert_true(path->has_alias);
	g_assert_false(path->has_wildcard);
	g_assert_cmpint(path->segments[3].kind, ==, CWMP_PATH_SEGMENT_ALIAS);
	g_assert_cmpstr(path->segments[3].name, ==, "cpe-lan");
	g_assert_cmpint(path->segments[5].kind, ==, CWMP_PATH_SEGMENT_ALIAS);
	g_assert_cmpstr(path->segments[5].name, ==, "a b_c");
	g_assert_cmpstr(path->segments[6].name, ==, "Enable");

	/* an alias is any string that starts with a letter, UTF-8 included */
	utf8 = cwmp_path_parse("Device.Hosts.Host.[\xc3\xa9t\xc3\xa9].", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(utf8->segments[3].name, ==, "\xc3\xa9t\xc3\xa9");

	alias64 = g_strnfill(64, 'a');
	text64 = g_strdup_printf("Device.IP.Interface.[%s].", alias64);
	longest = cwmp_path_parse(text64, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(longest->segments[3].name, ==, alias64);
}

static void
cwmp_path_test_vendor(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpPath) path = NULL;

	path = cwmp_path_parse("Device.X_0016E3_Stats.X_EXAMPLE-COM_Value", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(path->segments[1].name, ==, "X_0016E3_Stats");
	g_assert_cmpstr(path->segments[2].name, ==, "X_EXAMPLE-COM_Value");

	g_assert_true(cwmp_path_name_is_vendor("X_0016E3_Stats"));
	g_assert_true(cwmp_path_name_is_vendor("X_EXAMPLE-COM_Value"));
	g_assert_false(cwmp_path_name_is_vendor("Stats"));
	g_assert_false(cwmp_path_name_is_vendor("X_Stats"));
	g_assert_false(cwmp_path_name_is_vendor("X__Stats"));
	g_assert_false(cwmp_path_name_is_vendor("X_0016E3_"));
	g_assert_false(cwmp_path_name_is_vendor("x_0016E3_Stats"));
	g_assert_false(cwmp_path_name_is_vendor("X_00.16_Stats"));
	g_assert_false(cwmp_path_name_is_vendor(NULL));
}

static void
cwmp_path_test_name_is_valid(void)
{
	g_assert_true(cwmp_path_name_is_valid("Device"));
	g_assert_true(cwmp_path_name_is_valid("IPv4Address"));
	g_assert_true(cwmp_path_name_is_valid("_Private"));
	g_assert_true(cwmp_path_name_is_valid("A-B_c9"));
	g_assert_true(cwmp_path_name_is_valid("X_0016E3_Foo"));
	g_assert_false(cwmp_path_name_is_valid(""));
	g_assert_false(cwmp_path_name_is_valid(NULL));
	g_assert_false(cwmp_path_name_is_valid("9Lives"));
	g_assert_false(cwmp_path_name_is_valid("-Name"));
	g_assert_false(cwmp_path_name_is_valid("Na me"));
	g_assert_false(cwmp_path_name_is_valid("Name."));
	g_assert_false(cwmp_path_name_is_valid("Na*me"));
	g_assert_false(cwmp_path_name_is_valid("N\xc3\xa4me"));
}

static void
cwmp_path_test_refused(void)
{
	const gchar *refused[] = {
	    ".",
	    "..",
	    ".Device",
	    "Device..IP",
	    "Device.IP..",
	    "Device.IP.Interface.0.",
	    "Device.IP.Interface.01.",
	    "Device.IP.Interface.4294967296.",
	    "Device.IP.Interface.99999999999999999999999.",
	    "Device.IP.Interface.+1.",
	    "Device.IP.Interface.-1.",
	    "Device.IP.Interface.1a.",
	    "Device.IP.Interface.**.",
	    "Device.IP.Interface.*a.",
	    "Device.IP.Interface.[].",
	    "Device.IP.Interface.[lan.",
	    "Device.IP.Interface.[la]n].",
	    "Device.IP.Interface.[la[n].",
	    "Device.IP.Interface.[1lan].",
	    "Device.IP.Interface.lan].",
	    "Device.IP.Interface.[cpe.lan].",
	    "Device.Na me",
	    "Device.Name!",
	    "Device.N\xc3\xa4me",
	    "Device.Name\t",
	    "Device.Na\nme",
	    "Device.\x7f",
	    "Device.\xff\xfe",
	    "1.Device.",
	    "*.Device.",
	    "[a].Device.",
	    " Device.",
	};
	g_autofree gchar *alias65 = g_strnfill(65, 'a');
	g_autofree gchar *text65 = g_strdup_printf("Device.IP.Interface.[%s].", alias65);

	for (guint i = 0; i < G_N_ELEMENTS(refused); i++)
		cwmp_path_test_assert_refused(refused[i]);
	cwmp_path_test_assert_refused(text65);
}

static void
cwmp_path_test_length(void)
{
	g_autoptr(GString) str = g_string_new("Device.");
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpPath) path = NULL;

	while (str->len < 1024)
		g_string_append(str, "A.");
	g_string_truncate(str, 1024);
	if (str->str[1023] == '.')
		str->str[1022] = 'B';

	/* exactly 1024 bytes is fine */
	path = cwmp_path_parse(str->str, &error);
	g_assert_no_error(error);
	g_assert_nonnull(path);

	g_string_append_c(str, 'C');
	g_assert_cmpuint(str->len, ==, 1025);
	cwmp_path_test_assert_refused(str->str);
}

static void
cwmp_path_test_message(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpPath) path = cwmp_path_parse("Device.IP.Interface.0.Name", &error);

	g_assert_null(path);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_assert_nonnull(strstr(error->message, "Device.IP.Interface.0.Name"));
	g_assert_nonnull(strstr(error->message, "segment 4"));
	g_assert_nonnull(strstr(error->message, "instance number 0"));
}

static void
cwmp_path_test_free_null(void)
{
	cwmp_path_free(NULL);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/path/names", cwmp_path_test_names);
	g_test_add_func("/cwmp/path/partial", cwmp_path_test_partial);
	g_test_add_func("/cwmp/path/instances", cwmp_path_test_instances);
	g_test_add_func("/cwmp/path/wildcard", cwmp_path_test_wildcard);
	g_test_add_func("/cwmp/path/alias", cwmp_path_test_alias);
	g_test_add_func("/cwmp/path/vendor", cwmp_path_test_vendor);
	g_test_add_func("/cwmp/path/name-is-valid", cwmp_path_test_name_is_valid);
	g_test_add_func("/cwmp/path/refused", cwmp_path_test_refused);
	g_test_add_func("/cwmp/path/length", cwmp_path_test_length);
	g_test_add_func("/cwmp/path/message", cwmp_path_test_message);
	g_test_add_func("/cwmp/path/free-null", cwmp_path_test_free_null);
	return g_test_run();
}
