/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * cwmp-config-man TEMPLATE OUTPUT: writes TEMPLATE to OUTPUT with the line
 * "@CONFIG_KEYS@" replaced by the roff of every key of the configuration key
 * table, so cwmpd.conf(5) is generated from the code it documents
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cwmp-config.h"

#define CWMP_CONFIG_MAN_PLACEHOLDER "@CONFIG_KEYS@\n"

int
main(int argc, char *argv[])
{
	g_autofree gchar *template = NULL;
	g_autofree gchar *keys = NULL;
	g_autoptr(GString) page = NULL;
	g_autoptr(GError) error = NULL;
	const gchar *at;

	setlocale(LC_ALL, "");
	if (argc != 3) {
		g_printerr("usage: cwmp-config-man TEMPLATE OUTPUT\n");
		return 2;
	}
	if (!g_file_get_contents(argv[1], &template, NULL, &error)) {
		g_printerr("cwmp-config-man: %s\n", error->message);
		return 1;
	}
	at = strstr(template, "\n" CWMP_CONFIG_MAN_PLACEHOLDER);
	if (at == NULL) {
		g_printerr("cwmp-config-man: %s has no line %s", argv[1],
			   CWMP_CONFIG_MAN_PLACEHOLDER);
		return 1;
	}
	keys = cwmp_config_keys_to_roff();
	page = g_string_new_len(template, at + 1 - template);
	g_string_append(page, keys);
	g_string_append(page, at + 1 + strlen(CWMP_CONFIG_MAN_PLACEHOLDER));
	if (strstr(page->str, CWMP_CONFIG_MAN_PLACEHOLDER) != NULL) {
		g_printerr("cwmp-config-man: %s has more than one line %s", argv[1],
			   CWMP_CONFIG_MAN_PLACEHOLDER);
		return 1;
	}
	if (!g_file_set_contents(argv[2], page->str, (gssize) page->len, &error)) {
		g_printerr("cwmp-config-man: %s\n", error->message);
		return 1;
	}
	return 0;
}
