/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * An out-of-tree cwmpd plugin: Device.X_000000_Example.Hello, a string
 * parameter backed by the file "example-hello" in cwmpd's state directory.
 * Reading it returns the file's contents ("Hello, world" while there is no
 * file); setting it (cwmpctl set, or the ACS) writes the file. Builds against
 * the installed SDK alone: pkg-config --cflags cwmpd, installs to
 * pkg-config --variable=pluginsdir cwmpd. Replace 000000 by your OUI.
 */

#include <cwmpd-plugin.h>
#include <errno.h>
#include <glib/gstdio.h>

#define EXAMPLE_FILE_NAME "example-hello"
#define EXAMPLE_DEFAULT	  "Hello, world"

static gchar *
example_file(CwmpPluginContext *ctx)
{
	return g_build_filename(cwmp_plugin_context_get_state_directory(ctx), EXAMPLE_FILE_NAME,
				NULL);
}

static gchar *
example_get_hello(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	g_autofree gchar *path = example_file(user_data);
	g_autoptr(GError) error_local = NULL;
	gchar *contents = NULL;

	if (g_file_get_contents(path, &contents, NULL, &error_local))
		return g_strchomp(contents);
	if (g_error_matches(error_local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
		return g_strdup(EXAMPLE_DEFAULT);
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "%s", error_local->message);
	return NULL;
}

static gboolean
example_set_hello(CwmpDmObject *object,
		  const gchar  *name,
		  const gchar  *value,
		  gpointer	user_data,
		  GError      **error)
{
	g_autofree gchar *path = example_file(user_data);
	g_autofree gchar *contents = g_strconcat(value, "\n", NULL);
	g_autoptr(GError) error_local = NULL;

	if (!g_file_set_contents(path, contents, -1, &error_local)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "%s",
			    error_local->message);
		return FALSE;
	}
	return TRUE;
}

static const CwmpDmParamDef example_params[] = {
    {.name = "Hello",
     .get = example_get_hello,
     .set = example_set_hello,
     .type = CWMP_TYPE_STRING,
     .access = CWMP_ACCESS_READ_WRITE,
     .max_length = 256},
    {.name = NULL},
};

static const CwmpDmObjectDef example_object = {
    .path = "Device.X_000000_Example.",
    .params = example_params,
    .access = CWMP_ACCESS_READ_ONLY,
};

static gboolean
example_register(CwmpPluginContext *ctx, CwmpDmRegistry *registry, GError **error)
{
	return cwmp_dm_registry_add_object(registry, &example_object, ctx, error);
}

CWMP_PLUGIN_DEFINE(example,
		   .version = "1.0.0",
		   .description = "example out-of-tree plugin: Device.X_000000_Example.",
		   .license = "LGPL-2.1-or-later",
		   .origin = "000000",
		   .register_dm = example_register)
