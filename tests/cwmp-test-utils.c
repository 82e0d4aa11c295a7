/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <sys/stat.h>

#include "cwmp-test-utils.h"

static xmlSchemaPtr cwmp_test_utils_schemas[CWMP_SOAP_VERSION_LAST];
static gchar	   *cwmp_test_utils_schema_dir;

static const gchar *const cwmp_test_utils_xsd_names[] = {
    "cwmp-1-0.xsd", "cwmp-1-1.xsd", "cwmp-1-2.xsd", "cwmp-1-3.xsd", "cwmp-1-4.xsd",
};

static const CwmpDmParamDef cwmp_test_utils_user_params[] = {
    {.name = "Enable", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "Username", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "Password", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "UserID", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = NULL},
};
const CwmpDmObjectDef cwmp_test_utils_users_user = {
    .path = "Device.Users.User.{i}.",
    .params = cwmp_test_utils_user_params,
    .flags = CWMP_DM_OBJECT_FLAG_STORED,
};

gchar *
cwmp_test_utils_mkdtemp(const gchar *tmpl)
{
	g_autoptr(GError) error = NULL;
	gchar *dir = g_dir_make_tmp(tmpl, &error);
	g_assert_no_error(error);
	return dir;
}

static void
cwmp_test_utils_set_errno(GError **error, gint errsv, const gchar *what, const gchar *path)
{
	g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errsv), "cannot %s %s: %s", what, path,
		    g_strerror(errsv));
}

gboolean
cwmp_test_utils_rm_rf(const gchar *path, GError **error)
{
	GStatBuf st;
	gboolean ok = TRUE;

	if (g_lstat(path, &st) != 0)
		return TRUE;
	if (!S_ISDIR(st.st_mode)) {
		if (g_unlink(path) != 0) {
			cwmp_test_utils_set_errno(error, errno, "remove", path);
			return FALSE;
		}
		return TRUE;
	}
	{
		g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
		const gchar *name;
		while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
			g_autofree gchar *child = g_build_filename(path, name, NULL);
			/* only the first failure is reported, the rest still goes */
			if (!cwmp_test_utils_rm_rf(child, ok ? error : NULL))
				ok = FALSE;
		}
	}
	if (g_rmdir(path) != 0 && ok) {
		cwmp_test_utils_set_errno(error, errno, "remove the folder", path);
		ok = FALSE;
	}
	return ok;
}

void
cwmp_test_utils_iterate(void)
{
	while (g_main_context_iteration(NULL, FALSE))
		;
}

gboolean
cwmp_test_utils_flag_cb(gpointer user_data)
{
	gboolean *flag = user_data;
	*flag = TRUE;
	return G_SOURCE_REMOVE;
}

gint64
cwmp_test_utils_clock_cb(gpointer user_data)
{
	const gint64 *now = user_data;
	return *now;
}

CwmpConfig *
cwmp_test_utils_config_new(const gchar *name, const gchar *data)
{
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autoptr(GError) error = NULL;

	g_assert_true(cwmp_config_load_data(config, name, data, &error));
	g_assert_no_error(error);
	return g_steal_pointer(&config);
}

CwmpEventQueue *
cwmp_test_utils_event_queue_new(const gchar *dir)
{
	g_autoptr(CwmpEventQueue) queue = cwmp_event_queue_new(dir);
	g_autoptr(GError) error = NULL;

	g_assert_true(cwmp_event_queue_load(queue, &error));
	g_assert_no_error(error);
	return g_steal_pointer(&queue);
}

CwmpScheduler *
cwmp_test_utils_scheduler_new(CwmpEventQueue *queue, const gchar *dir, gint64 *now)
{
	g_autoptr(CwmpScheduler) scheduler = cwmp_scheduler_new(queue, dir);
	g_autoptr(GError) error = NULL;

	cwmp_scheduler_set_use_timers(scheduler, FALSE);
	cwmp_scheduler_set_clock(scheduler, cwmp_test_utils_clock_cb, now);
	g_assert_true(cwmp_scheduler_load(scheduler, &error));
	g_assert_no_error(error);
	return g_steal_pointer(&scheduler);
}

void
cwmp_test_utils_load_soap_schemas(void)
{
	const gchar	 *dir = g_getenv("CWMP_SCHEMA_DIR");
	g_autofree gchar *catalog = NULL;

	g_assert_nonnull(dir);
	cwmp_test_utils_schema_dir = g_build_filename(dir, "cwmp", NULL);
	catalog = g_build_filename(cwmp_test_utils_schema_dir, "local-catalog.xml", NULL);
	g_assert_true(g_file_test(catalog, G_FILE_TEST_EXISTS));
	g_setenv("XML_CATALOG_FILES", catalog, TRUE);
	xmlInitParser();
	xmlInitializeCatalog();
	for (guint v = 0; v < CWMP_SOAP_VERSION_LAST; v++) {
		g_autofree gchar      *path = g_build_filename(cwmp_test_utils_schema_dir,
							       cwmp_test_utils_xsd_names[v], NULL);
		xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt(path);
		cwmp_test_utils_schemas[v] = xmlSchemaParse(pctxt);
		xmlSchemaFreeParserCtxt(pctxt);
		g_assert_nonnull(cwmp_test_utils_schemas[v]);
	}
}

void
cwmp_test_utils_free_soap_schemas(void)
{
	for (guint v = 0; v < CWMP_SOAP_VERSION_LAST; v++)
		g_clear_pointer(&cwmp_test_utils_schemas[v], xmlSchemaFree);
	g_clear_pointer(&cwmp_test_utils_schema_dir, g_free);
	xmlCatalogCleanup();
	xmlCleanupParser();
}

const gchar *
cwmp_test_utils_get_soap_schema_dir(void)
{
	return cwmp_test_utils_schema_dir;
}

static void
cwmp_test_utils_schema_error_cb(void *ctx, const char *msg, ...) G_GNUC_PRINTF(2, 3);

static void
cwmp_test_utils_schema_error_cb(void *ctx, const char *msg, ...)
{
	va_list		  args;
	g_autofree gchar *text = NULL;

	va_start(args, msg);
	text = g_strdup_vprintf(msg, args);
	va_end(args);
	g_test_message("schema: %s", text);
}

static xmlNode *
cwmp_test_utils_first_element(xmlNode *node)
{
	while (node != NULL && node->type != XML_ELEMENT_NODE)
		node = node->next;
	return node;
}

void
cwmp_test_utils_validate_soap(GBytes *bytes, CwmpSoapVersion version)
{
	gsize		      len;
	const gchar	     *data = g_bytes_get_data(bytes, &len);
	xmlDocPtr	      doc = xmlReadMemory(data, (int) len, NULL, NULL, XML_PARSE_NONET);
	xmlSchemaValidCtxtPtr vctxt;
	xmlNode		     *body = NULL;
	xmlNode		     *first;
	gint		      rc;

	g_assert_nonnull(doc);
	for (xmlNode *n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && g_strcmp0((const gchar *) n->name, "Body") == 0)
			body = n;
	}
	g_assert_nonnull(body);
	first = cwmp_test_utils_first_element(body->children);
	g_assert_nonnull(first);
	if (g_strcmp0((const gchar *) first->name, "Fault") == 0) {
		/* soap Fault -> detail -> cwmp:Fault */
		xmlNode *detail = first->children;
		while (detail != NULL && g_strcmp0((const gchar *) detail->name, "detail") != 0)
			detail = detail->next;
		g_assert_nonnull(detail);
		first = cwmp_test_utils_first_element(detail->children);
		g_assert_nonnull(first);
	}
	g_assert_nonnull(first->ns);
	g_assert_cmpstr((const gchar *) first->ns->href, ==,
			cwmp_soap_version_get_namespace(version));
	vctxt = xmlSchemaNewValidCtxt(cwmp_test_utils_schemas[version]);
	xmlSchemaSetValidErrors(vctxt, cwmp_test_utils_schema_error_cb,
				cwmp_test_utils_schema_error_cb, NULL);
	rc = xmlSchemaValidateDoc(vctxt, doc);
	/* a GetParameterValues answer can be megabytes: show its start */
	if (rc != 0)
		g_test_message("invalid in %s:\n%.*s", cwmp_soap_version_to_string(version),
			       (int) MIN(len, 4096), data);
	g_assert_cmpint(rc, ==, 0);
	xmlSchemaFreeValidCtxt(vctxt);
	xmlFreeDoc(doc);
}

gboolean
cwmp_test_utils_certtool(const gchar *dir, const gchar *const *argv_tail, const gchar *template)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_autofree gchar *tmpl_file = g_build_filename(dir, "template.cfg", NULL);
	gint		  status = 0;
	g_ptr_array_add(argv, (gpointer) "certtool");
	for (guint i = 0; argv_tail[i] != NULL; i++)
		g_ptr_array_add(argv, (gpointer) argv_tail[i]);
	if (template != NULL) {
		g_assert_true(g_file_set_contents(tmpl_file, template, -1, NULL));
		g_ptr_array_add(argv, (gpointer) "--template");
		g_ptr_array_add(argv, tmpl_file);
	}
	g_ptr_array_add(argv, NULL);
	if (!g_spawn_sync(dir, (gchar **) argv->pdata, NULL,
			  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
			      G_SPAWN_STDERR_TO_DEV_NULL,
			  NULL, NULL, NULL, NULL, &status, NULL))
		return FALSE;
	return g_spawn_check_wait_status(status, NULL);
}
