/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The tr181 module tests run as root inside a network namespace of their
 * own, so fixtures (dummy and veth links, addresses, routes) never touch the
 * host. A mount namespace comes with it: sysfs shows the links of the
 * namespace that mounted it, so /sys is mounted again inside.
 */

/* unshare() and the CLONE_ flags */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "cwmp-dm-private.h"
#include "cwmp-plugin-context-private.h"
#include "cwmp-tr181-test-netns.h"

const CwmpPluginDesc *
cwmp_plugin_tr181_get_info(void);

/* test-process state: set once by cwmp_tr181_test_netns_enter() in main() */
static gboolean cwmp_tr181_test_netns_entered = FALSE;
static gchar   *cwmp_tr181_test_netns_reason = NULL;

/**
 * cwmp_tr181_test_netns_enter:
 *
 * Moves the process into a new network and mount namespace, with /sys
 * mounted for the new network namespace. Call it at the top of main(),
 * before any thread exists. When it cannot (not root, no user namespace
 * privileges, no ip command), every netns case skips with the reason.
 *
 * Returns: %TRUE when the process now has a namespace of its own
 */
gboolean
cwmp_tr181_test_netns_enter(void)
{
	g_autofree gchar *ip = NULL;

	if (cwmp_tr181_test_netns_entered)
		return TRUE;
	g_clear_pointer(&cwmp_tr181_test_netns_reason, g_free);
	if (geteuid() != 0) {
		cwmp_tr181_test_netns_reason = g_strdup("needs root to create a network namespace");
		return FALSE;
	}
	ip = g_find_program_in_path("ip");
	if (ip == NULL) {
		cwmp_tr181_test_netns_reason = g_strdup("the ip command (iproute2) is needed to "
							"build fixtures");
		return FALSE;
	}
	if (unshare(CLONE_NEWNET | CLONE_NEWNS) != 0) {
		cwmp_tr181_test_netns_reason =
		    g_strdup_printf("unshare(CLONE_NEWNET|CLONE_NEWNS): %s", g_strerror(errno));
		return FALSE;
	}
	/* keep our mounts to ourselves, then see the new namespace's links in /sys */
	/* the type is ignored for a propagation change; not NULL for valgrind */
	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0) {
		cwmp_tr181_test_netns_reason =
		    g_strdup_printf("making / private: %s", g_strerror(errno));
		return FALSE;
	}
	if (umount2("/sys", MNT_DETACH) != 0 && errno != EINVAL) {
		cwmp_tr181_test_netns_reason =
		    g_strdup_printf("unmounting /sys: %s", g_strerror(errno));
		return FALSE;
	}
	if (mount("sysfs", "/sys", "sysfs", 0, NULL) != 0) {
		cwmp_tr181_test_netns_reason =
		    g_strdup_printf("mounting sysfs: %s", g_strerror(errno));
		return FALSE;
	}
	cwmp_tr181_test_netns_entered = TRUE;
	/* a fresh namespace has lo down: bring it up like a booted system */
	cwmp_tr181_test_netns_ip("link set lo up");
	return TRUE;
}

/**
 * cwmp_tr181_test_netns_skip:
 *
 * For the top of every netns test case: when there is no namespace, marks
 * the case skipped with the reason.
 *
 * Returns: %TRUE when the case must return now
 */
gboolean
cwmp_tr181_test_netns_skip(void)
{
	if (cwmp_tr181_test_netns_entered)
		return FALSE;
	g_test_skip(cwmp_tr181_test_netns_reason != NULL ? cwmp_tr181_test_netns_reason
							 : "no network namespace: "
							   "cwmp_tr181_test_netns_enter() "
							   "was not called");
	return TRUE;
}

static gboolean
cwmp_tr181_test_netns_ip_run(const gchar *args, GError **error)
{
	g_autofree gchar *command = g_strconcat("ip ", args, NULL);
	g_auto(GStrv) argv = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	gint		  status = 0;

	g_assert_true(cwmp_tr181_test_netns_entered);
	if (!g_shell_parse_argv(command, NULL, &argv, error))
		return FALSE;
	if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
			  error))
		return FALSE;
	g_test_message("%s", command);
	if (!g_spawn_check_wait_status(status, NULL)) {
		g_set_error(error, G_SPAWN_EXIT_ERROR, WIFEXITED(status) ? WEXITSTATUS(status) : 1,
			    "'%s' failed: %s", command, g_strstrip(err));
		return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_tr181_test_netns_ip:
 * @format: the arguments of ip, printf-style ("link add dummy0 type dummy")
 *
 * Runs ip in the namespace and fails the test when it fails.
 */
void
cwmp_tr181_test_netns_ip(const gchar *format, ...)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *args = NULL;
	va_list		  ap;

	va_start(ap, format);
	args = g_strdup_vprintf(format, ap);
	va_end(ap);
	if (!cwmp_tr181_test_netns_ip_run(args, &error))
		g_error("%s", error->message);
}

/**
 * cwmp_tr181_test_netns_ip_try:
 * @error: the failure, with the command and what ip said
 * @format: the arguments of ip, printf-style
 *
 * Runs ip in the namespace, for commands that may be refused.
 *
 * Returns: %TRUE when ip succeeded
 */
gboolean
cwmp_tr181_test_netns_ip_try(GError **error, const gchar *format, ...)
{
	g_autofree gchar *args = NULL;
	va_list		  ap;

	va_start(ap, format);
	args = g_strdup_vprintf(format, ap);
	va_end(ap);
	return cwmp_tr181_test_netns_ip_run(args, error);
}

/**
 * cwmp_tr181_test_netns_add_link:
 * @ifname: the link to make (at most 13 characters)
 *
 * Adds a link with nothing behind it: a dummy, or where the kernel has no
 * dummy driver (a minimal VM kernel), one end of a veth pair whose other end
 * is named "@ifname" + "p". Either way an ARPHRD_ETHER link, down.
 */
void
cwmp_tr181_test_netns_add_link(const gchar *ifname)
{
	g_autoptr(GError) error = NULL;

	g_assert_cmpuint(strlen(ifname), <=, 13);
	if (cwmp_tr181_test_netns_ip_try(&error, "link add %s type dummy", ifname))
		return;
	g_test_message("no dummy links here (%s): a veth pair instead", error->message);
	cwmp_tr181_test_netns_ip("link add %s type veth peer name %sp", ifname, ifname);
}

/**
 * cwmp_tr181_test_netns_read_sysfs:
 * @ifname: the link
 * @attribute: the file below /sys/class/net/@ifname ("mtu", "statistics/rx_bytes")
 *
 * Returns: (transfer full): the kernel's value, stripped; fails the test
 *   when the file cannot be read
 */
gchar *
cwmp_tr181_test_netns_read_sysfs(const gchar *ifname, const gchar *attribute)
{
	g_autofree gchar *filename = g_build_filename("/sys/class/net", ifname, attribute, NULL);
	g_autoptr(GError) error = NULL;
	gchar *text = NULL;

	if (!g_file_get_contents(filename, &text, NULL, &error))
		g_error("%s", error->message);
	return g_strstrip(text);
}

guint64
cwmp_tr181_test_netns_read_sysfs_uint(const gchar *ifname, const gchar *attribute)
{
	g_autofree gchar *text = cwmp_tr181_test_netns_read_sysfs(ifname, attribute);
	g_autoptr(GError) error = NULL;
	guint64 value = 0;

	if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT64, &value, &error))
		g_error("%s/%s: %s", ifname, attribute, error->message);
	return value;
}

/* --- the main loop ------------------------------------------------------- */

static gboolean
cwmp_tr181_test_netns_timeout_cb(gpointer user_data)
{
	gboolean *expired = user_data;
	*expired = TRUE;
	return G_SOURCE_REMOVE;
}

/**
 * cwmp_tr181_test_netns_wait:
 * @cond: checked before each main-loop iteration
 * @user_data: for @cond
 *
 * Spins the default main context (where the netlink source delivers) until
 * @cond holds or CWMP_TR181_TEST_NETNS_TIMEOUT_MS passed.
 *
 * Returns: whether @cond held
 */
gboolean
cwmp_tr181_test_netns_wait(CwmpTr181TestNetnsCondFunc cond, gpointer user_data)
{
	gboolean expired = FALSE;
	guint	 id;

	if (cond(user_data))
		return TRUE;
	id = g_timeout_add(CWMP_TR181_TEST_NETNS_TIMEOUT_MS, cwmp_tr181_test_netns_timeout_cb,
			   &expired);
	while (!expired) {
		g_main_context_iteration(NULL, TRUE);
		if (cond(user_data)) {
			g_source_remove(id);
			return TRUE;
		}
	}
	return cond(user_data);
}

/**
 * cwmp_tr181_test_netns_drain:
 *
 * Dispatches whatever is pending on the default main context now, without
 * blocking (notifications of a change the test itself just made).
 */
void
cwmp_tr181_test_netns_drain(void)
{
	while (g_main_context_iteration(NULL, FALSE))
		;
}

/* --- the plugin in a data model ------------------------------------------ */

/* whether the core holds an instance of @table of @parent with @key, without enumerating it */
gboolean
cwmp_tr181_test_has_instance(CwmpDm *dm, const gchar *parent, const gchar *table, const gchar *key)
{
	CwmpDmObject *object = cwmp_dm_lookup_object(dm, parent);
	CwmpDmTable  *instances;

	g_assert_nonnull(object);
	instances =
	    cwmp_dm_object_get_table(object, cwmp_dm_node_lookup_child(object->node, table));
	for (guint i = 0; i < instances->instances->len; i++) {
		CwmpDmObject *instance = g_ptr_array_index(instances->instances, i);
		if (g_strcmp0(cwmp_dm_object_get_key(instance), key) == 0)
			return TRUE;
	}
	return FALSE;
}

void
cwmp_tr181_test_rm_rf(const gchar *directory)
{
	g_autoptr(GDir) dir = g_dir_open(directory, 0, NULL);
	const gchar *name;

	if (dir == NULL)
		return;
	while ((name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *filename = g_build_filename(directory, name, NULL);
		if (g_file_test(filename, G_FILE_TEST_IS_DIR) &&
		    !g_file_test(filename, G_FILE_TEST_IS_SYMLINK))
			cwmp_tr181_test_rm_rf(filename);
		else
			g_assert_cmpint(g_unlink(filename), ==, 0);
	}
	g_assert_cmpint(g_rmdir(directory), ==, 0);
}

static void
cwmp_tr181_test_agent_value_changed_cb(CwmpDm	   *dm,
				       const gchar *path,
				       guint	    notification,
				       gpointer	    user_data)
{
	CwmpTr181TestAgent *agent = user_data;
	g_test_message("value-changed %s (%u)", path, notification);
	g_hash_table_add(agent->changed, g_strdup(path));
}

/**
 * cwmp_tr181_test_agent_start:
 * @agent: zero-filled, or stopped
 * @directory: (nullable): the state directory; %NULL makes a new one
 *
 * Builds a data model with a store in @directory, registers the tr181
 * plugin, freezes the tree and starts the plugin, as the daemon does.
 */
void
cwmp_tr181_test_agent_start(CwmpTr181TestAgent *agent, const gchar *directory)
{
	const CwmpPluginDesc *desc = cwmp_plugin_tr181_get_info();
	g_autofree gchar *conf = g_test_build_filename(G_TEST_DIST, "tests", "cwmpd.conf", NULL);
	CwmpDmRegistry	 *registry;
	g_autoptr(GError) error = NULL;

	g_assert_null(agent->dm);
	agent->directory = directory != NULL ? g_strdup(directory)
					     : g_dir_make_tmp("cwmp-tr181-XXXXXX", NULL);
	g_assert_nonnull(agent->directory);
	agent->config = cwmp_config_new();
	if (!cwmp_config_load_file(agent->config, conf, &error))
		g_error("%s: %s", conf, error->message);
	agent->dm = cwmp_dm_new(cwmp_schema_get_default());
	agent->store = cwmp_store_new(agent->directory, "dm.state", "dm");
	cwmp_dm_set_store(agent->dm, agent->store);
	agent->ctx =
	    cwmp_plugin_context_new(agent->dm, agent->config, desc->name, agent->directory);
	agent->changed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	agent->changed_id = g_signal_connect(
	    agent->dm, "value-changed", G_CALLBACK(cwmp_tr181_test_agent_value_changed_cb), agent);

	if (desc->load != NULL && !desc->load(agent->ctx, &error))
		g_error("load: %s", error->message);
	registry = cwmp_dm_registry_new(agent->dm, desc->name);
	if (!desc->register_dm(agent->ctx, registry, &error))
		g_error("register_dm: %s", error->message);
	cwmp_dm_registry_free(registry);
	if (!cwmp_dm_freeze(agent->dm, &error))
		g_error("freeze: %s", error->message);
	if (!desc->start(agent->ctx, &error))
		g_error("start: %s", error->message);
}

/**
 * cwmp_tr181_test_agent_stop:
 * @agent: started
 * @remove_directory: remove the state directory too (else a restart may reuse it)
 */
void
cwmp_tr181_test_agent_stop(CwmpTr181TestAgent *agent, gboolean remove_directory)
{
	const CwmpPluginDesc *desc = cwmp_plugin_tr181_get_info();
	g_autoptr(GError) error = NULL;

	g_assert_nonnull(agent->dm);
	if (!cwmp_dm_save(agent->dm, &error))
		g_error("save: %s", error->message);
	desc->stop(agent->ctx);
	g_assert_null(cwmp_plugin_context_get_data(agent->ctx));
	cwmp_dm_unregister_owner(agent->dm, desc->name);
	g_clear_signal_handler(&agent->changed_id, agent->dm);
	g_clear_pointer(&agent->ctx, cwmp_plugin_context_free);
	g_clear_object(&agent->dm);
	g_clear_object(&agent->store);
	g_clear_object(&agent->config);
	g_clear_pointer(&agent->changed, g_hash_table_unref);
	if (remove_directory)
		cwmp_tr181_test_rm_rf(agent->directory);
	g_clear_pointer(&agent->directory, g_free);
	/* what the stopped plugin left queued must not reach the next test */
	cwmp_tr181_test_netns_drain();
}

/**
 * cwmp_tr181_test_agent_get:
 *
 * Returns: (transfer full): the value of @path; fails the test on a fault
 */
gchar *
cwmp_tr181_test_agent_get(CwmpTr181TestAgent *agent, const gchar *path)
{
	g_autoptr(GError) error = NULL;
	gchar *value = cwmp_dm_get_value(agent->dm, path, &error);
	if (value == NULL)
		g_error("%s: %s", path, error->message);
	return value;
}

void
cwmp_tr181_test_agent_assert_value(CwmpTr181TestAgent *agent,
				   const gchar	      *path,
				   const gchar	      *expected)
{
	g_autofree gchar *value = cwmp_tr181_test_agent_get(agent, path);
	if (g_strcmp0(value, expected) != 0)
		g_error("%s is '%s', expected '%s'", path, value, expected);
}

/**
 * cwmp_tr181_test_agent_set:
 * @path: a parameter
 * @value: the new value, wire form
 * @type: the type the ACS declares
 * @expected_fault: 0 for success, else the CWMP fault code @path must get
 *
 * One SetParameterValues through a #CwmpDmTxn.
 */
void
cwmp_tr181_test_agent_set(CwmpTr181TestAgent *agent,
			  const gchar	     *path,
			  const gchar	     *value,
			  CwmpType	      type,
			  gint		      expected_fault)
{
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(agent->dm);
	g_autoptr(GError) error = NULL;
	gboolean   ok = cwmp_dm_txn_set(txn, path, value, type);
	GPtrArray *faults;

	if (ok)
		ok = cwmp_dm_txn_commit(txn, &error);
	if (expected_fault == 0) {
		if (!ok) {
			faults = cwmp_dm_txn_get_faults(txn);
			for (guint i = 0; faults != NULL && i < faults->len; i++) {
				CwmpDmFault *fault = g_ptr_array_index(faults, i);
				g_test_message("fault %s: %d %s", fault->path, fault->code,
					       fault->message);
			}
			g_error("setting %s to '%s': %s", path, value,
				error != NULL ? error->message : "refused");
		}
		return;
	}
	if (ok)
		g_error("setting %s to '%s' was accepted, expected fault %d", path, value,
			expected_fault);
	faults = cwmp_dm_txn_get_faults(txn);
	g_assert_nonnull(faults);
	for (guint i = 0; i < faults->len; i++) {
		CwmpDmFault *fault = g_ptr_array_index(faults, i);
		g_test_message("fault %s: %d %s", fault->path, fault->code, fault->message);
		if (g_strcmp0(fault->path, path) == 0 && fault->code == expected_fault)
			return;
	}
	g_error("setting %s to '%s': no fault %d for it", path, value, expected_fault);
}

typedef struct {
	const gchar *table;
	GPtrArray   *paths;
} CwmpTr181TestAgentNames;

static void
cwmp_tr181_test_agent_name_cb(const gchar *path, gboolean writable, gpointer user_data)
{
	CwmpTr181TestAgentNames *names = user_data;
	const gchar		*rest;
	guint64			 instance = 0;
	g_autofree gchar	*number = NULL;

	/* only "<table>N." */
	if (!g_str_has_prefix(path, names->table) || !g_str_has_suffix(path, "."))
		return;
	rest = path + strlen(names->table);
	number = g_strndup(rest, strlen(rest) - 1);
	if (!g_ascii_string_to_unsigned(number, 10, 1, G_MAXUINT32, &instance, NULL))
		return;
	g_ptr_array_add(names->paths, g_strdup(path));
}

/**
 * cwmp_tr181_test_agent_list_instances:
 * @table: a table path ending in "." ("Device.IP.Interface.")
 *
 * Returns: (transfer full) (element-type utf8): the instance paths
 */
GPtrArray *
cwmp_tr181_test_agent_list_instances(CwmpTr181TestAgent *agent, const gchar *table)
{
	CwmpTr181TestAgentNames names = {table, g_ptr_array_new_with_free_func(g_free)};
	g_autoptr(GError) error = NULL;

	if (!cwmp_dm_get_names(agent->dm, table, TRUE, cwmp_tr181_test_agent_name_cb, &names,
			       &error))
		g_error("%s: %s", table, error->message);
	return names.paths;
}

/**
 * cwmp_tr181_test_agent_find_instance:
 * @table: a table path ending in "." ("Device.IP.Interface.")
 * @param: a parameter of its instances ("Name")
 * @value: the value to look for ("dummy0")
 *
 * Returns: the number of the first instance whose @param is @value, 0 if none
 */
guint32
cwmp_tr181_test_agent_find_instance(CwmpTr181TestAgent *agent,
				    const gchar	       *table,
				    const gchar	       *param,
				    const gchar	       *value)
{
	g_autoptr(GPtrArray) paths = cwmp_tr181_test_agent_list_instances(agent, table);

	for (guint i = 0; i < paths->len; i++) {
		const gchar	 *path = g_ptr_array_index(paths, i);
		g_autofree gchar *param_path = g_strconcat(path, param, NULL);
		g_autoptr(GError) error = NULL;
		g_autofree gchar *now = cwmp_dm_get_value(agent->dm, param_path, &error);
		if (g_strcmp0(now, value) == 0)
			return (guint32) g_ascii_strtoull(path + strlen(table), NULL, 10);
	}
	return 0;
}

typedef struct {
	CwmpTr181TestAgent *agent;
	const gchar	   *table;
	const gchar	   *param;
	const gchar	   *value;
	gboolean	    present;
	const gchar	   *path;
} CwmpTr181TestAgentWait;

static gboolean
cwmp_tr181_test_agent_instance_cond(gpointer user_data)
{
	CwmpTr181TestAgentWait *wait = user_data;
	guint32			instance =
	    cwmp_tr181_test_agent_find_instance(wait->agent, wait->table, wait->param, wait->value);
	return (instance != 0) == wait->present;
}

/**
 * cwmp_tr181_test_agent_wait_instance:
 * @present: wait for the instance to exist, or to be gone
 *
 * Spins the main loop until an instance of @table has (or no longer has)
 * @param equal to @value, for at most CWMP_TR181_TEST_NETNS_TIMEOUT_MS.
 *
 * Returns: whether that happened in time
 */
gboolean
cwmp_tr181_test_agent_wait_instance(CwmpTr181TestAgent *agent,
				    const gchar	       *table,
				    const gchar	       *param,
				    const gchar	       *value,
				    gboolean		present)
{
	CwmpTr181TestAgentWait wait = {agent, table, param, value, present, NULL};
	return cwmp_tr181_test_netns_wait(cwmp_tr181_test_agent_instance_cond, &wait);
}

/**
 * cwmp_tr181_test_agent_watch:
 * @path: a parameter
 *
 * Sets active notification on @path and takes its current value as the
 * baseline, as SetParameterAttributes does; forgets earlier reports of it.
 */
void
cwmp_tr181_test_agent_watch(CwmpTr181TestAgent *agent, const gchar *path)
{
	CwmpDmAttributeRequest request = {
	    .path = path,
	    .notification_change = TRUE,
	    .notification = CWMP_DM_NOTIFICATION_ACTIVE,
	};
	g_autoptr(GError) error = NULL;

	/* the core takes the value as it is now as the baseline */
	if (!cwmp_dm_set_attributes(agent->dm, &request, 1, &error))
		g_error("%s: %s", path, error->message);
	g_hash_table_remove(agent->changed, path);
}

static gboolean
cwmp_tr181_test_agent_changed_cond(gpointer user_data)
{
	CwmpTr181TestAgentWait *wait = user_data;
	return g_hash_table_contains(wait->agent->changed, wait->path);
}

/**
 * cwmp_tr181_test_agent_wait_changed:
 * @path: a parameter given to cwmp_tr181_test_agent_watch()
 *
 * Spins the main loop until the core reports a value change of @path, for
 * at most CWMP_TR181_TEST_NETNS_TIMEOUT_MS. Nothing polls meanwhile: only a
 * pushed change can arrive.
 *
 * Returns: whether the change was reported in time
 */
gboolean
cwmp_tr181_test_agent_wait_changed(CwmpTr181TestAgent *agent, const gchar *path)
{
	CwmpTr181TestAgentWait wait = {agent, NULL, NULL, NULL, FALSE, path};
	return cwmp_tr181_test_netns_wait(cwmp_tr181_test_agent_changed_cond, &wait);
}
