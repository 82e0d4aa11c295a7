/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-ftp-client.h"

/*
 * The FTP reply parser on what a server sends: the input is cut into reads
 * whose sizes come from its first byte (as a control connection delivers
 * them), and every complete reply is checked and followed by the next one,
 * as the client does.
 */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(CwmpFtpClientReply) reply = cwmp_ftp_client_reply_new();
	gsize chunk;
	gsize pos = 1;

	if (size == 0)
		return 0;
	chunk = (gsize) data[0] + 1;
	while (pos < size) {
		gsize len = MIN(chunk, size - pos);

		while (len > 0) {
			g_autoptr(GError) error = NULL;
			gsize	 consumed = 0;
			gboolean complete = FALSE;

			if (!cwmp_ftp_client_reply_feed(reply, data + pos, len, &consumed,
							&complete, &error)) {
				if (!g_error_matches(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA) ||
				    error->message == NULL)
					abort();
				/* the client drops the connection here */
				return 0;
			}
			if (consumed > len || (!complete && consumed != len))
				abort();
			pos += consumed;
			len -= consumed;
			if (complete) {
				guint	     code = cwmp_ftp_client_reply_get_code(reply);
				const gchar *text = cwmp_ftp_client_reply_get_text(reply);

				if (code < 100 || code > 599 || text == NULL ||
				    !g_utf8_validate(text, -1, NULL) || strlen(text) > 3 * 512 ||
				    strpbrk(text, "\r\n") != NULL)
					abort();
				cwmp_ftp_client_reply_reset(reply);
			}
		}
	}
	return 0;
}
