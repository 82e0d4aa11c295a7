/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.DNS.Client. against resolv.conf fixtures in a system root of its
 * own (no root needed): reading servers, writing a plain file while keeping
 * its other lines, refusing writes to files a manager generates, and
 * following changes made outside through the file monitor.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cwmp-config.h"
#include "cwmp-dm-private.h"
#include "cwmp-plugin-context-private.h"
#include "cwmp-tr181-private.h"
#include "cwmp-tr181-test-netns.h"

typedef struct {
	gchar		  *root;
	gchar		  *state;
	CwmpConfig	  *config;
	CwmpDm		  *dm;
	CwmpStore	  *store;
	CwmpPluginContext *ctx;
	CwmpTr181Plugin	  *plugin;
} CwmpTr181DnsTest;

static gchar *
cwmp_tr181_dns_test_read_fixture(const gchar *name)
{
	g_autofree gchar *filename = g_test_build_filename(G_TEST_DIST, "tests", "dns", name, NULL);
	g_autoptr(GError) error = NULL;
	gchar *text = NULL;

	if (!g_file_get_contents(filename, &text, NULL, &error))
		g_error("%s", error->message);
	return text;
}

/* copies fixture @name to @relpath below the test's system root */
static void
cwmp_tr181_dns_test_install(CwmpTr181DnsTest *test, const gchar *name, const gchar *relpath)
{
	g_autofree gchar *text = cwmp_tr181_dns_test_read_fixture(name);
	g_autofree gchar *filename = g_build_filename(test->root, relpath, NULL);
	g_autofree gchar *dirname = g_path_get_dirname(filename);
	g_autoptr(GError) error = NULL;

	g_assert_cmpint(g_mkdir_with_parents(dirname, 0755), ==, 0);
	if (!g_file_set_contents(filename, text, -1, &error))
		g_error("%s", error->message);
}

static gchar *
cwmp_tr181_dns_test_read(CwmpTr181DnsTest *test, const gchar *relpath)
{
	g_autofree gchar *filename = g_build_filename(test->root, relpath, NULL);
	g_autoptr(GError) error = NULL;
	gchar *text = NULL;

	if (!g_file_get_contents(filename, &text, NULL, &error))
		g_error("%s", error->message);
	return text;
}

static gchar *
cwmp_tr181_dns_test_read_resolv(CwmpTr181DnsTest *test)
{
	return cwmp_tr181_dns_test_read(test, "etc/resolv.conf");
}

static void
cwmp_tr181_dns_test_setup(CwmpTr181DnsTest *test)
{
	test->root = g_dir_make_tmp("cwmp-tr181-dns-root-XXXXXX", NULL);
	test->state = g_dir_make_tmp("cwmp-tr181-dns-state-XXXXXX", NULL);
	g_assert_nonnull(test->root);
	g_assert_nonnull(test->state);
	g_assert_cmpint(g_mkdir_with_parents(test->root, 0755), ==, 0);
}

/* the dns module alone in a data model, reading below test->root */
static void
cwmp_tr181_dns_test_start(CwmpTr181DnsTest *test)
{
	g_autoptr(GError) error = NULL;
	CwmpDmRegistry *registry;

	test->config = cwmp_config_new();
	test->dm = cwmp_dm_new(cwmp_schema_get_default());
	test->store = cwmp_store_new(test->state, "dm.state", "dm");
	cwmp_dm_set_store(test->dm, test->store);
	test->ctx = cwmp_plugin_context_new(test->dm, test->config, "tr181", test->state);
	test->plugin = cwmp_tr181_plugin_new(test->ctx, test->root);
	registry = cwmp_dm_registry_new(test->dm, "tr181");
	if (!cwmp_dm_registry_add_objects(registry, cwmp_tr181_dns_module.objects, test->plugin,
					  &error))
		g_error("register: %s", error->message);
	cwmp_dm_registry_free(registry);
	if (!cwmp_dm_freeze(test->dm, &error))
		g_error("freeze: %s", error->message);
	if (!cwmp_tr181_dns_module.start(test->plugin, &error))
		g_error("start: %s", error->message);
}

static void
cwmp_tr181_dns_test_stop(CwmpTr181DnsTest *test)
{
	cwmp_tr181_dns_module.stop(test->plugin);
	g_assert_null(test->plugin->dns);
	cwmp_dm_unregister_owner(test->dm, "tr181");
	g_clear_pointer(&test->plugin, cwmp_tr181_plugin_free);
	g_clear_pointer(&test->ctx, cwmp_plugin_context_free);
	g_clear_object(&test->dm);
	g_clear_object(&test->store);
	g_clear_object(&test->config);
	cwmp_tr181_test_rm_rf(test->root);
	cwmp_tr181_test_rm_rf(test->state);
	g_clear_pointer(&test->root, g_free);
	g_clear_pointer(&test->state, g_free);
	cwmp_tr181_test_netns_drain();
}

static void
cwmp_tr181_dns_test_name_cb(const gchar *path, gboolean writable, gpointer user_data)
{
	GPtrArray *servers = user_data;
	if (g_str_has_suffix(path, ".DNSServer"))
		g_ptr_array_add(servers, g_strdup(path));
}

/* DNSServer of every instance, in instance order */
static GPtrArray *
cwmp_tr181_dns_test_list_servers(CwmpTr181DnsTest *test)
{
	g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *servers = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GError) error = NULL;

	if (!cwmp_dm_get_names(test->dm, "Device.DNS.Client.Server.", FALSE,
			       cwmp_tr181_dns_test_name_cb, paths, &error))
		g_error("%s", error->message);
	for (guint i = 0; i < paths->len; i++) {
		gchar *value = cwmp_dm_get_value(test->dm, g_ptr_array_index(paths, i), &error);
		g_assert_no_error(error);
		g_ptr_array_add(servers, value);
	}
	return servers;
}

static void
cwmp_tr181_dns_test_assert_servers(CwmpTr181DnsTest *test, const gchar *const *expected)
{
	g_autoptr(GPtrArray) servers = cwmp_tr181_dns_test_list_servers(test);

	g_assert_cmpuint(servers->len, ==, g_strv_length((gchar **) expected));
	for (guint i = 0; i < servers->len; i++)
		g_assert_cmpstr(g_ptr_array_index(servers, i), ==, expected[i]);
}

/* one SetParameterValues; returns 0 or the fault of @path, with its message */
static gint
cwmp_tr181_dns_test_set(CwmpTr181DnsTest *test,
			const gchar	 *path,
			const gchar	 *value,
			gchar		**message)
{
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(test->dm);
	g_autoptr(GError) error = NULL;
	GPtrArray *faults;

	if (cwmp_dm_txn_set(txn, path, value, CWMP_TYPE_NONE) && cwmp_dm_txn_commit(txn, &error))
		return 0;
	faults = cwmp_dm_txn_get_faults(txn);
	for (guint i = 0; faults != NULL && i < faults->len; i++) {
		CwmpDmFault *fault = g_ptr_array_index(faults, i);
		if (g_strcmp0(fault->path, path) == 0) {
			if (message != NULL)
				*message = g_strdup(fault->message);
			return fault->code;
		}
	}
	g_assert_nonnull(error);
	if (message != NULL)
		*message = g_strdup(error->message);
	return cwmp_error_to_fault(error);
}

/* whether the core holds an instance of the Server table with @key, without enumerating */
static gboolean
cwmp_tr181_dns_test_has_instance(CwmpDm *dm, const gchar *key)
{
	CwmpDmObject *client = cwmp_dm_lookup_object(dm, "Device.DNS.Client.");
	CwmpDmNode   *child;
	CwmpDmTable  *table;

	g_assert_nonnull(client);
	child = cwmp_dm_node_lookup_child(client->node, "Server");
	table = cwmp_dm_object_get_table(client, child);
	for (guint i = 0; i < table->instances->len; i++) {
		CwmpDmObject *instance = g_ptr_array_index(table->instances, i);
		if (g_strcmp0(cwmp_dm_object_get_key(instance), key) == 0)
			return TRUE;
	}
	return FALSE;
}

/* --- pure logic ----------------------------------------------------------- */

static void
cwmp_tr181_dns_test_parse_func(void)
{
	g_autofree gchar *text = cwmp_tr181_dns_test_read_fixture("resolved-upstream.conf");
	g_autoptr(GPtrArray) servers = cwmp_tr181_dns_parse_servers(text);
	g_autoptr(GPtrArray) odd =
	    cwmp_tr181_dns_parse_servers("nameserver\n  nameserver\t192.0.2.9 \nnameserver "
					 "bogus\nnameserver 192.0.2.9\n"
					 "#nameserver 192.0.2.10\nnameservers 192.0.2.11\n");

	/* the zone index of a link-local server is not part of the address */
	g_assert_cmpuint(servers->len, ==, 3);
	g_assert_cmpstr(g_ptr_array_index(servers, 0), ==, "203.0.113.1");
	g_assert_cmpstr(g_ptr_array_index(servers, 1), ==, "fe80::1");
	g_assert_cmpstr(g_ptr_array_index(servers, 2), ==, "203.0.113.2");
	/* junk, comments and duplicates are skipped */
	g_assert_cmpuint(odd->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(odd, 0), ==, "192.0.2.9");
}

/* --- a plain file ----------------------------------------------------------- */

static void
cwmp_tr181_dns_test_plain_func(void)
{
	CwmpTr181DnsTest  test = {NULL};
	const gchar	 *initial[] = {"192.0.2.53", "2001:db8::53", NULL};
	const gchar	 *edited[] = {"192.0.2.54", "2001:db8::53", "198.51.100.53", NULL};
	const gchar	 *deleted[] = {"192.0.2.54", "198.51.100.53", NULL};
	g_autofree gchar *expected = cwmp_tr181_dns_test_read_fixture("resolv.conf-plain-edited");
	g_autofree gchar *text = NULL;
	g_autofree gchar *before = NULL;
	g_autofree gchar *message = NULL;
	g_autofree gchar *value = NULL;
	g_autofree gchar *path = NULL;
	g_autoptr(GError) error = NULL;
	CwmpTr181DnsManager manager;
	guint32		    added = 0;
	guint32		    extra = 0;

	cwmp_tr181_dns_test_setup(&test);
	cwmp_tr181_dns_test_install(&test, "resolv.conf-plain", "etc/resolv.conf");
	g_assert_true(cwmp_tr181_dns_inspect(test.root, &manager, &path, &error));
	g_assert_no_error(error);
	g_assert_cmpint(manager, ==, CWMP_TR181_DNS_MANAGER_NONE);
	cwmp_tr181_dns_test_start(&test);

	/* what the file lists, in its order */
	cwmp_tr181_dns_test_assert_servers(&test, initial);
	value = cwmp_dm_get_value(test.dm, "Device.DNS.Client.Status", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(value, ==, "Enabled");
	g_clear_pointer(&value, g_free);
	value = cwmp_dm_get_value(test.dm, "Device.DNS.Client.ServerNumberOfEntries", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(value, ==, "2");
	g_clear_pointer(&value, g_free);
	value = cwmp_dm_get_value(test.dm, "Device.DNS.Client.Server.2.Type", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(value, ==, "Static");
	g_clear_pointer(&value, g_free);

	/* a change rewrites that line only */
	g_assert_cmpint(cwmp_tr181_dns_test_set(&test, "Device.DNS.Client.Server.1.DNSServer",
						"192.0.2.54", NULL),
			==, 0);
	/* a new server is pending until it has an address, then follows the last server */
	g_assert_true(cwmp_dm_add_object(test.dm, "Device.DNS.Client.Server.", &added, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(added, ==, 3);
	value = cwmp_dm_get_value(test.dm, "Device.DNS.Client.Server.3.Status", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(value, ==, "Disabled");
	g_clear_pointer(&value, g_free);
	g_assert_cmpint(cwmp_tr181_dns_test_set(&test, "Device.DNS.Client.Server.3.DNSServer",
						"198.51.100.53", NULL),
			==, 0);
	text = cwmp_tr181_dns_test_read_resolv(&test);
	g_assert_cmpstr(text, ==, expected);
	cwmp_tr181_dns_test_assert_servers(&test, edited);
	value = cwmp_dm_get_value(test.dm, "Device.DNS.Client.Server.3.Status", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(value, ==, "Enabled");
	g_clear_pointer(&value, g_free);

	/* bad values change nothing */
	g_assert_cmpint(cwmp_tr181_dns_test_set(&test, "Device.DNS.Client.Server.1.DNSServer",
						"2001:db8::53", &message),
			==, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_test_message("%s", message);
	g_clear_pointer(&message, g_free);
	g_assert_cmpint(cwmp_tr181_dns_test_set(&test, "Device.DNS.Client.Server.1.DNSServer",
						"dns.example.org", &message),
			==, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_clear_pointer(&message, g_free);
	g_assert_cmpint(cwmp_tr181_dns_test_set(&test, "Device.DNS.Client.Server.1.Interface",
						"Device.IP.Interface.1.", &message),
			==, CWMP_FAULT_NON_WRITABLE_PARAMETER);
	g_clear_pointer(&message, g_free);
	g_clear_pointer(&text, g_free);
	text = cwmp_tr181_dns_test_read_resolv(&test);
	g_assert_cmpstr(text, ==, expected);

	/* the resolver reads three servers at most */
	g_assert_false(cwmp_dm_add_object(test.dm, "Device.DNS.Client.Server.", &extra, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_RESOURCES_EXCEEDED);
	g_clear_error(&error);

	/* DeleteObject drops the line, the rest stays */
	g_assert_true(cwmp_dm_delete_object(test.dm, "Device.DNS.Client.Server.2.", &error));
	g_assert_no_error(error);
	cwmp_tr181_dns_test_assert_servers(&test, deleted);
	g_clear_pointer(&text, g_free);
	text = cwmp_tr181_dns_test_read_resolv(&test);
	g_assert_null(strstr(text, "2001:db8::53\n"));
	g_assert_nonnull(strstr(text, "search example.org lan\n"));
	g_assert_nonnull(strstr(text, "options edns0 timeout:2\n"));
	g_assert_nonnull(strstr(text, "# a second server, IPv6\n"));

	/* an added server deleted before it had an address leaves the file alone */
	g_assert_true(cwmp_dm_add_object(test.dm, "Device.DNS.Client.Server.", &extra, &error));
	g_assert_no_error(error);
	before = g_steal_pointer(&text);
	g_free(path);
	path = g_strdup_printf("Device.DNS.Client.Server.%u.", extra);
	g_assert_true(cwmp_dm_delete_object(test.dm, path, &error));
	g_assert_no_error(error);
	text = cwmp_tr181_dns_test_read_resolv(&test);
	g_assert_cmpstr(text, ==, before);

	cwmp_tr181_dns_test_stop(&test);
}

/* --- files a manager generates -------------------------------------------- */

static void
cwmp_tr181_dns_test_assert_refused(CwmpTr181DnsTest *test,
				   const gchar	    *manager_name,
				   const gchar	    *relpath)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *message = NULL;
	g_autofree gchar *before = cwmp_tr181_dns_test_read(test, relpath);
	g_autofree gchar *after = NULL;
	guint32		  instance = 0;

	g_assert_false(
	    cwmp_dm_add_object(test->dm, "Device.DNS.Client.Server.", &instance, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED);
	g_assert_nonnull(strstr(error->message, manager_name));
	g_clear_error(&error);
	g_assert_false(cwmp_dm_delete_object(test->dm, "Device.DNS.Client.Server.1.", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED);
	g_clear_error(&error);
	g_assert_cmpint(cwmp_tr181_dns_test_set(test, "Device.DNS.Client.Server.1.DNSServer",
						"192.0.2.99", &message),
			==, CWMP_FAULT_REQUEST_DENIED);
	g_assert_nonnull(strstr(message, manager_name));
	after = cwmp_tr181_dns_test_read(test, relpath);
	g_assert_cmpstr(before, ==, after);
}

static void
cwmp_tr181_dns_test_resolved_func(void)
{
	CwmpTr181DnsTest  test = {NULL};
	const gchar	 *upstream[] = {"203.0.113.1", "fe80::1", "203.0.113.2", NULL};
	g_autofree gchar *link = NULL;
	g_autofree gchar *servers_filename = NULL;
	g_autofree gchar *expected_filename = NULL;
	g_autoptr(GError) error = NULL;
	CwmpTr181DnsManager manager;

	cwmp_tr181_dns_test_setup(&test);
	cwmp_tr181_dns_test_install(&test, "stub-resolv.conf",
				    "run/systemd/resolve/stub-resolv.conf");
	cwmp_tr181_dns_test_install(&test, "resolved-upstream.conf",
				    "run/systemd/resolve/resolv.conf");
	g_assert_cmpint(g_mkdir_with_parents(test.root, 0755), ==, 0);
	link = g_build_filename(test.root, "etc", NULL);
	g_assert_cmpint(g_mkdir_with_parents(link, 0755), ==, 0);
	g_clear_pointer(&link, g_free);
	link = g_build_filename(test.root, "etc", "resolv.conf", NULL);
	/* as Debian sets it up: an absolute link, resolved below the system root */
	g_assert_cmpint(symlink("/run/systemd/resolve/stub-resolv.conf", link), ==, 0);

	g_assert_true(cwmp_tr181_dns_inspect(test.root, &manager, &servers_filename, &error));
	g_assert_no_error(error);
	g_assert_cmpint(manager, ==, CWMP_TR181_DNS_MANAGER_SYSTEMD_RESOLVED);
	expected_filename = g_build_filename(test.root, "run/systemd/resolve/resolv.conf", NULL);
	g_assert_cmpstr(servers_filename, ==, expected_filename);

	cwmp_tr181_dns_test_start(&test);
	/* the upstream servers, not the stub 127.0.0.53 */
	cwmp_tr181_dns_test_assert_servers(&test, upstream);
	cwmp_tr181_dns_test_assert_refused(&test, "systemd-resolved",
					   "run/systemd/resolve/resolv.conf");
	cwmp_tr181_dns_test_stop(&test);
}

static void
cwmp_tr181_dns_test_managed_func(void)
{
	const gchar *fixtures[] = {"resolv.conf-networkmanager", "resolv.conf-resolvconf"};
	const gchar *managers[] = {"NetworkManager", "resolvconf"};
	const gchar *servers[][2] = {{"192.0.2.1", NULL}, {"192.0.2.2", NULL}};

	for (guint i = 0; i < G_N_ELEMENTS(fixtures); i++) {
		CwmpTr181DnsTest test = {NULL};
		cwmp_tr181_dns_test_setup(&test);
		cwmp_tr181_dns_test_install(&test, fixtures[i], "etc/resolv.conf");
		cwmp_tr181_dns_test_start(&test);
		cwmp_tr181_dns_test_assert_servers(&test, servers[i]);
		cwmp_tr181_dns_test_assert_refused(&test, managers[i], "etc/resolv.conf");
		cwmp_tr181_dns_test_stop(&test);
	}
}

/* --- changes made outside ---------------------------------------------------- */

typedef struct {
	CwmpDm	    *dm;
	const gchar *key;
	gboolean     present;
} CwmpTr181DnsTestWait;

static gboolean
cwmp_tr181_dns_test_pushed_cond(gpointer user_data)
{
	CwmpTr181DnsTestWait *wait = user_data;
	return cwmp_tr181_dns_test_has_instance(wait->dm, wait->key) == wait->present;
}

static void
cwmp_tr181_dns_test_monitor_func(void)
{
	CwmpTr181DnsTest  test = {NULL};
	const gchar	 *after[] = {"192.0.2.53", "203.0.113.7", NULL};
	g_autofree gchar *filename = NULL;
	g_autoptr(GError) error = NULL;
	CwmpTr181DnsTestWait wait = {NULL};

	cwmp_tr181_dns_test_setup(&test);
	cwmp_tr181_dns_test_install(&test, "resolv.conf-plain", "etc/resolv.conf");
	cwmp_tr181_dns_test_start(&test);
	cwmp_tr181_dns_test_assert_servers(&test,
					   (const gchar *[]){"192.0.2.53", "2001:db8::53", NULL});
	g_assert_true(cwmp_tr181_dns_test_has_instance(test.dm, "2001:db8::53"));

	/* an editor replacing the file: one server swapped for another */
	filename = g_build_filename(test.root, "etc", "resolv.conf", NULL);
	if (!g_file_set_contents(filename,
				 "search lan\nnameserver 192.0.2.53\nnameserver 203.0.113.7\n", -1,
				 &error))
		g_error("%s", error->message);
	/* the monitor pushes it: nothing asks the table meanwhile */
	wait.dm = test.dm;
	wait.key = "203.0.113.7";
	wait.present = TRUE;
	g_assert_true(cwmp_tr181_test_netns_wait(cwmp_tr181_dns_test_pushed_cond, &wait));
	wait.key = "2001:db8::53";
	wait.present = FALSE;
	g_assert_true(cwmp_tr181_test_netns_wait(cwmp_tr181_dns_test_pushed_cond, &wait));
	cwmp_tr181_dns_test_assert_servers(&test, after);
	cwmp_tr181_dns_test_stop(&test);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/tr181/dns/parse", cwmp_tr181_dns_test_parse_func);
	g_test_add_func("/cwmp/tr181/dns/plain", cwmp_tr181_dns_test_plain_func);
	g_test_add_func("/cwmp/tr181/dns/systemd-resolved", cwmp_tr181_dns_test_resolved_func);
	g_test_add_func("/cwmp/tr181/dns/managed", cwmp_tr181_dns_test_managed_func);
	g_test_add_func("/cwmp/tr181/dns/monitor", cwmp_tr181_dns_test_monitor_func);
	return g_test_run();
}
