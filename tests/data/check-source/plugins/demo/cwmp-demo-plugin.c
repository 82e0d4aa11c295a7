#include "config.h"
/* BAD: the first three lines carry no SPDX line
 * Copyright (C) 2026 The cwmpd developers
 */

#include "cwmpd-plugin.h"

G_MODULE_EXPORT const gchar *
cwmp_plugin_demo_get_info(void)
{
	return "the ABI entry point is allowed";
}

gboolean
cwmp_demo_plugin_start(GError **error)
{
	g_propagate_prefixed_error(error, NULL, "failed to start %s", "demo"); /* BAD */
	return TRUE;
}
