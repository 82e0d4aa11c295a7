/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/tr143/cwmp-tr143-dns.h"
#include "cwmp-error.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* what NSLookup receives from the network: a reply is parsed or refused, never overread */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GError) error = NULL;
	/* a copy of exactly @size bytes, so ASan sees any read past the end */
	g_autofree guint8 *copy = g_memdup2(data, size);
	CwmpTr143DnsReply *reply = cwmp_tr143_dns_parse_reply(copy, size, &error);

	if ((reply == NULL) == (error == NULL))
		abort();
	if (reply != NULL) {
		if (reply->qname == NULL || reply->answer_name == NULL ||
		    strlen(reply->qname) > 4 * 255 || reply->addresses->len > 256)
			abort();
		for (guint i = 0; i < reply->addresses->len; i++) {
			if (g_ptr_array_index(reply->addresses, i) == NULL)
				abort();
		}
	}
	cwmp_tr143_dns_reply_free(reply);
	return 0;
}
