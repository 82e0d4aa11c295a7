/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>

#include "cwmp-error.h"

static void
cwmp_error_test_quarks(void)
{
	g_assert_cmpstr(g_quark_to_string(CWMP_FAULT), ==, "cwmp-fault-quark");
	g_assert_cmpstr(g_quark_to_string(CWMP_PLUGIN_ERROR), ==, "cwmp-plugin-error-quark");
	g_assert_cmpstr(g_quark_to_string(CWMP_ERROR), ==, "cwmp-error-quark");
	g_assert_cmpuint(CWMP_FAULT, !=, CWMP_ERROR);
	g_assert_cmpuint(CWMP_FAULT, !=, CWMP_PLUGIN_ERROR);
	/* stable across calls */
	g_assert_cmpuint(cwmp_fault_quark(), ==, cwmp_fault_quark());
}

static void
cwmp_error_test_fault_strings(void)
{
	g_assert_cmpstr(cwmp_fault_to_string(9000), ==, "Method not supported");
	g_assert_cmpstr(cwmp_fault_to_string(9002), ==, "Internal error");
	g_assert_cmpstr(cwmp_fault_to_string(9005), ==, "Invalid parameter name");
	g_assert_cmpstr(cwmp_fault_to_string(9006), ==, "Invalid parameter type");
	g_assert_cmpstr(cwmp_fault_to_string(9007), ==, "Invalid parameter value");
	g_assert_cmpstr(cwmp_fault_to_string(9008), ==, "Attempt to set a non-writable parameter");
	g_assert_cmpstr(cwmp_fault_to_string(9022), ==, "Invalid UUID format");
	g_assert_cmpstr(cwmp_fault_to_string(9032), ==,
			"Invalid DU update: version already exists");
	g_assert_cmpstr(cwmp_fault_to_string(8005), ==, "Retry request");

	/* every code the header declares has a string */
	for (gint code = CWMP_FAULT_METHOD_NOT_SUPPORTED; code <= CWMP_FAULT_DU_VERSION_EXISTS;
	     code++)
		g_assert_nonnull(cwmp_fault_to_string(code));

	g_assert_cmpstr(cwmp_fault_to_string(9800), ==, "Vendor defined fault");
	g_assert_cmpstr(cwmp_fault_to_string(9899), ==, "Vendor defined fault");
	g_assert_cmpstr(cwmp_fault_to_string(8850), ==, "Vendor defined fault");
	g_assert_null(cwmp_fault_to_string(9033));
	g_assert_null(cwmp_fault_to_string(9799));
	g_assert_null(cwmp_fault_to_string(9900));
	g_assert_null(cwmp_fault_to_string(0));
	g_assert_null(cwmp_fault_to_string(-1));
}

static void
cwmp_error_test_fault_client(void)
{
	const gint client[] = {9003, 9005, 9006, 9007, 9008, 9020, 9021, 8003};
	const gint server[] = {9000, 9001, 9002, 9004, 9009, 9010, 9011, 9019,
			       9022, 9032, 8000, 8005, 9800, 9033, 0};

	for (guint i = 0; i < G_N_ELEMENTS(client); i++)
		g_assert_true(cwmp_fault_is_client(client[i]));
	for (guint i = 0; i < G_N_ELEMENTS(server); i++)
		g_assert_false(cwmp_fault_is_client(server[i]));
}

static void
cwmp_error_test_to_fault(void)
{
	g_autoptr(GError) fault = NULL;
	g_autoptr(GError) vendor = NULL;
	g_autoptr(GError) acs = NULL;
	g_autoptr(GError) other = NULL;
	g_autoptr(GError) io = NULL;

	fault = g_error_new_literal(CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE, "bad");
	g_assert_cmpint(cwmp_error_to_fault(fault), ==, 9007);
	vendor = g_error_new_literal(CWMP_FAULT, 9850, "vendor");
	g_assert_cmpint(cwmp_error_to_fault(vendor), ==, 9850);
	/* an ACS fault code is no answer a CPE may send */
	acs = g_error_new_literal(CWMP_FAULT, 8002, "acs");
	g_assert_cmpint(cwmp_error_to_fault(acs), ==, 9002);
	other = g_error_new_literal(CWMP_ERROR, CWMP_ERROR_NOT_FOUND, "missing");
	g_assert_cmpint(cwmp_error_to_fault(other), ==, CWMP_FAULT_INTERNAL_ERROR);
	io = g_error_new_literal(G_IO_ERROR, G_IO_ERROR_FAILED, "io");
	g_assert_cmpint(cwmp_error_to_fault(io), ==, 9002);
	g_assert_cmpint(cwmp_error_to_fault(NULL), ==, 9002);
}

static void
cwmp_error_test_strings(void)
{
	for (guint i = 0; i < CWMP_ERROR_LAST; i++) {
		const gchar *str = cwmp_error_to_string((CwmpError) i);
		g_assert_nonnull(str);
		g_assert_true(g_dbus_is_error_name(str));
		g_assert_cmpint(cwmp_error_from_string(str), ==, i);
		for (guint j = 0; j < i; j++)
			g_assert_cmpstr(cwmp_error_to_string((CwmpError) j), !=, str);
	}
	g_assert_cmpstr(cwmp_error_to_string(CWMP_ERROR_NOT_FOUND), ==,
			"org.cwmpd.Agent1.Error.NotFound");
	g_assert_null(cwmp_error_to_string(CWMP_ERROR_LAST));
	g_assert_cmpint(cwmp_error_from_string("org.cwmpd.Agent1.Error.Nope"), ==, CWMP_ERROR_LAST);
	g_assert_cmpint(cwmp_error_from_string(""), ==, CWMP_ERROR_LAST);
	g_assert_cmpint(cwmp_error_from_string(NULL), ==, CWMP_ERROR_LAST);
}

static void
cwmp_error_test_errno(void)
{
	g_autoptr(GError) nospc = NULL;
	g_autoptr(GError) dquot = NULL;
	g_autoptr(GError) noent = NULL;
	g_autoptr(GError) exists = NULL;
	g_autoptr(GError) existing = NULL;

	cwmp_error_convert_errno(&nospc, ENOSPC);
	g_assert_error(nospc, CWMP_ERROR, CWMP_ERROR_IO);
	g_assert_cmpstr(nospc->message, ==, g_strerror(ENOSPC));
	g_prefix_error(&nospc, "failed to write %s: ", "state");
	g_assert_true(g_str_has_prefix(nospc->message, "failed to write state: "));

	cwmp_error_convert_errno(&dquot, EDQUOT);
	g_assert_error(dquot, CWMP_ERROR, CWMP_ERROR_IO);

	cwmp_error_convert_errno(&noent, ENOENT);
	g_assert_error(noent, CWMP_ERROR, CWMP_ERROR_NOT_FOUND);

	cwmp_error_convert_errno(&exists, EEXIST);
	g_assert_error(exists, CWMP_ERROR, CWMP_ERROR_EXISTS);

	/* an error already set keeps its text and changes its domain */
	existing = g_error_new_literal(G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full on /var");
	cwmp_error_convert_errno(&existing, ENOSPC);
	g_assert_error(existing, CWMP_ERROR, CWMP_ERROR_IO);
	g_assert_cmpstr(existing->message, ==, "disk full on /var");

	/* ignored errors are fine */
	cwmp_error_convert_errno(NULL, EIO);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/error/quarks", cwmp_error_test_quarks);
	g_test_add_func("/cwmp/error/fault-strings", cwmp_error_test_fault_strings);
	g_test_add_func("/cwmp/error/fault-client", cwmp_error_test_fault_client);
	g_test_add_func("/cwmp/error/to-fault", cwmp_error_test_to_fault);
	g_test_add_func("/cwmp/error/strings", cwmp_error_test_strings);
	g_test_add_func("/cwmp/error/errno", cwmp_error_test_errno);
	return g_test_run();
}
