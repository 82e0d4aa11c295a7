/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* check-source.py self-test input: every marked line must be reported, nothing else */

#include "config.h"

#include <glib.h>

#define CWMP_WIDGET_URL "http://example.com/a//b" /* a // inside a string is fine */

G_GNUC_UNUSED static const gchar *cwmp_widget_names[] = {"a", "b//c", NULL};

static gboolean
helper_not_prefixed(GError **error) /* static: only reported with --static */
{
	g_prefix_error(error, "failed to %s: ", "parse");
	g_prefix_error_literal(error, "failed to parse: ");
	g_prefix_error(error,
		       "multi-line %s "
		       "prefix: ",
		       "ok");
	return FALSE;
}

gboolean
cwmp_widget_parse(const gchar *text,
		  GError **error)
{
	if (text == NULL) // BAD: line comment
		return FALSE;
	g_prefix_error(error, "failed to parse %s", text); /* BAD: no ": " */
	g_prefix_error(error, "failed to parse: "); /* BAD: wants the _literal variant */
	g_prefix_error_literal(error, "failed to parse"); /* BAD: no ": " */
	return helper_not_prefixed(error);
}

const gchar *
cwmp_gadget_get_name(void) /* BAD: wrong prefix */
{
	const gchar *s = "/* not a comment */ // not one either";
	return s;
}

G_GNUC_WARN_UNUSED_RESULT gchar *
widget_dup_name(guint idx) G_GNUC_MALLOC /* BAD: wrong prefix, attributes around */
{
	if (idx > 1)
		goto out; /* BAD: goto */
	return g_strdup(cwmp_widget_names[idx]);
out:
	return NULL;
}

void __attribute__((visibility("hidden")))
cwmp_widget_clear(gpointer data)
{
	g_free(data);
}
