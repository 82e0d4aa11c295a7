/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * NSLookupDiagnostics must ask one chosen DNS server (DNSServer), which
 * neither GResolver nor getaddrinfo can do: they only use the system's
 * servers. So the module speaks DNS itself over a UDP GSocket, with this
 * builder and parser. The parser sees network input: every read is checked
 * against the message length, compression pointers must point backwards
 * (which rules out loops) and are counted, names are limited to 255 bytes.
 */

#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "cwmp-error.h"
#include "cwmp-tr143-dns.h"

#define CWMP_TR143_DNS_HEADER	   12
#define CWMP_TR143_DNS_MAX_NAME	   255
#define CWMP_TR143_DNS_MAX_JUMPS   64
#define CWMP_TR143_DNS_MAX_CNAMES  16
#define CWMP_TR143_DNS_MAX_RECORDS 256
#define CWMP_TR143_DNS_CLASS_IN	   1

void
cwmp_tr143_dns_reply_free(CwmpTr143DnsReply *reply)
{
	if (reply == NULL)
		return;
	g_free(reply->qname);
	g_free(reply->answer_name);
	g_ptr_array_unref(reply->addresses);
	g_free(reply);
}

/**
 * cwmp_tr143_dns_build_query:
 * @id: the message ID
 * @name: a host name, with or without the final dot
 * @qtype: A or AAAA
 *
 * Returns: (transfer full): a recursive query for @name, or %NULL with
 *   @error set (CWMP_ERROR_INVALID_DATA) for an empty label or one longer
 *   than 63 bytes, or a name longer than 253
 */
GBytes *
cwmp_tr143_dns_build_query(guint16 id, const gchar *name, guint16 qtype, GError **error)
{
	g_autoptr(GByteArray) msg = g_byte_array_new();
	guint8	     header[CWMP_TR143_DNS_HEADER] = {0};
	guint8	     tail[4];
	gsize	     len = strlen(name);
	const gchar *p = name;

	if (len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0 || len > 253) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "'%s' is not a host name (1 to 253 characters)", name);
		return NULL;
	}
	header[0] = (guint8) (id >> 8);
	header[1] = (guint8) id;
	header[2] = 0x01; /* RD */
	header[5] = 1;	  /* QDCOUNT */
	g_byte_array_append(msg, header, sizeof(header));
	while (p < name + len) {
		const gchar *dot = memchr(p, '.', (gsize) (name + len - p));
		gsize	     label = dot != NULL ? (gsize) (dot - p) : (gsize) (name + len - p);
		guint8	     n = (guint8) label;

		if (label == 0 || label > 63) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "'%s': a label is empty or longer than 63 characters", name);
			return NULL;
		}
		g_byte_array_append(msg, &n, 1);
		g_byte_array_append(msg, (const guint8 *) p, (guint) label);
		p += label + 1;
	}
	tail[0] = 0;
	g_byte_array_append(msg, tail, 1);
	tail[0] = (guint8) (qtype >> 8);
	tail[1] = (guint8) qtype;
	tail[2] = 0;
	tail[3] = CWMP_TR143_DNS_CLASS_IN;
	g_byte_array_append(msg, tail, 4);
	return g_byte_array_free_to_bytes(g_steal_pointer(&msg));
}

static guint16
cwmp_tr143_dns_u16(const guint8 *p)
{
	return (guint16) (p[0] << 8 | p[1]);
}

/*
 * Reads the name at *@offset into a dotted string (no final dot, "" for the
 * root); *@offset moves past the name as it appears there (a pointer is two
 * bytes).
 */
static gchar *
cwmp_tr143_dns_read_name(const guint8 *data, gsize len, gsize *offset, GError **error)
{
	g_autoptr(GString) name = g_string_new(NULL);
	gsize pos = *offset;
	gsize end = 0; /* where the name ends at its first place */
	guint jumps = 0;
	gsize wire = 0;

	for (;;) {
		guint8 n;

		if (pos >= len) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "a name runs past the end of the message");
			return NULL;
		}
		n = data[pos];
		if ((n & 0xc0) == 0xc0) {
			gsize target;
			if (pos + 1 >= len) {
				g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
					    "a compression pointer is cut");
				return NULL;
			}
			target = (gsize) ((n & 0x3f) << 8 | data[pos + 1]);
			/* only backwards: every jump lands strictly earlier, so no loop */
			if (target >= pos || ++jumps > CWMP_TR143_DNS_MAX_JUMPS) {
				g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
					    "pointer at %" G_GSIZE_FORMAT " not backwards", pos);
				return NULL;
			}
			if (end == 0)
				end = pos + 2;
			pos = target;
			continue;
		}
		if ((n & 0xc0) != 0) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "unknown label type 0x%02x", n);
			return NULL;
		}
		if (n == 0) {
			if (end == 0)
				end = pos + 1;
			break;
		}
		if (pos + 1 + n > len) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "a label runs past the end of the message");
			return NULL;
		}
		wire += (gsize) n + 1;
		if (wire > CWMP_TR143_DNS_MAX_NAME) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "a name is longer than 255 bytes");
			return NULL;
		}
		if (name->len > 0)
			g_string_append_c(name, '.');
		for (guint i = 0; i < n; i++) {
			guint8 c = data[pos + 1 + i];
			/* a dot or an unprintable byte inside a label is escaped */
			if (c == '.' || c == '\\' || c <= 0x20 || c >= 0x7f)
				g_string_append_printf(name, "\\%03u", c);
			else
				g_string_append_c(name, (gchar) c);
		}
		pos += 1 + (gsize) n;
	}
	*offset = end;
	return g_string_free(g_steal_pointer(&name), FALSE);
}

typedef struct {
	gchar  *owner;
	guint16 type;
	gsize	rdata; /* offset */
	guint16 rdlength;
} CwmpTr143DnsRecord;

static void
cwmp_tr143_dns_record_clear(CwmpTr143DnsRecord *record)
{
	g_free(record->owner);
}

/**
 * cwmp_tr143_dns_parse_reply:
 * @data: a DNS message as received
 *
 * Returns: (transfer full): the reply, or %NULL with @error set
 *   (CWMP_ERROR_INVALID_DATA) when @data is not a well-formed response
 */
CwmpTr143DnsReply *
cwmp_tr143_dns_parse_reply(const guint8 *data, gsize len, GError **error)
{
	g_autoptr(CwmpTr143DnsReply) reply = NULL;
	g_autoptr(GArray) records = NULL;
	guint  qdcount, ancount;
	gsize  pos = CWMP_TR143_DNS_HEADER;
	gchar *current;

	if (data == NULL || len < CWMP_TR143_DNS_HEADER) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "a DNS message is at least 12 bytes, not %" G_GSIZE_FORMAT, len);
		return NULL;
	}
	if ((data[2] & 0x80) == 0) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "not a response (QR is 0)");
		return NULL;
	}
	qdcount = cwmp_tr143_dns_u16(data + 4);
	ancount = cwmp_tr143_dns_u16(data + 6);
	if (qdcount != 1) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "a response to one question has %u", qdcount);
		return NULL;
	}
	reply = g_new0(CwmpTr143DnsReply, 1);
	reply->addresses = g_ptr_array_new_with_free_func(g_free);
	reply->id = cwmp_tr143_dns_u16(data);
	reply->authoritative = (data[2] & 0x04) != 0;
	reply->truncated = (data[2] & 0x02) != 0;
	reply->rcode = data[3] & 0x0f;
	reply->qname = cwmp_tr143_dns_read_name(data, len, &pos, error);
	if (reply->qname == NULL)
		return NULL;
	if (pos + 4 > len) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "the question is cut");
		return NULL;
	}
	reply->qtype = cwmp_tr143_dns_u16(data + pos);
	pos += 4;

	/* the answer section; a truncated one is read as far as it goes */
	records = g_array_new(FALSE, TRUE, sizeof(CwmpTr143DnsRecord));
	g_array_set_clear_func(records, (GDestroyNotify) cwmp_tr143_dns_record_clear);
	for (guint i = 0; i < ancount && i < CWMP_TR143_DNS_MAX_RECORDS; i++) {
		CwmpTr143DnsRecord record = {0};
		g_autoptr(GError) error_local = NULL;

		record.owner = cwmp_tr143_dns_read_name(data, len, &pos, &error_local);
		if (record.owner == NULL || pos + 10 > len) {
			g_free(record.owner);
			if (reply->truncated)
				break;
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "answer %u is cut: %s", i + 1,
				    error_local != NULL ? error_local->message : "no room");
			return NULL;
		}
		record.type = cwmp_tr143_dns_u16(data + pos);
		record.rdlength = cwmp_tr143_dns_u16(data + pos + 8);
		record.rdata = pos + 10;
		if (record.rdata + record.rdlength > len) {
			g_free(record.owner);
			if (reply->truncated)
				break;
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "the data of answer %u runs past the end", i + 1);
			return NULL;
		}
		pos = record.rdata + record.rdlength;
		if (cwmp_tr143_dns_u16(data + record.rdata - 8) != CWMP_TR143_DNS_CLASS_IN) {
			g_free(record.owner);
			continue;
		}
		g_array_append_val(records, record);
	}

	/* follow the CNAME chain from the question, then take its addresses */
	current = g_strdup(reply->qname);
	for (guint step = 0; step < CWMP_TR143_DNS_MAX_CNAMES; step++) {
		gboolean moved = FALSE;
		for (guint i = 0; i < records->len; i++) {
			CwmpTr143DnsRecord *record = &g_array_index(records, CwmpTr143DnsRecord, i);
			gsize		    at = record->rdata;
			gchar		   *target;

			if (record->type != CWMP_TR143_DNS_TYPE_CNAME ||
			    g_ascii_strcasecmp(record->owner, current) != 0)
				continue;
			target = cwmp_tr143_dns_read_name(data, record->rdata + record->rdlength,
							  &at, NULL);
			if (target == NULL)
				continue;
			g_free(current);
			current = target;
			moved = TRUE;
			break;
		}
		if (!moved)
			break;
	}
	reply->answer_name = current;
	for (guint i = 0; i < records->len; i++) {
		CwmpTr143DnsRecord *record = &g_array_index(records, CwmpTr143DnsRecord, i);
		gchar		    text[INET6_ADDRSTRLEN];
		gint		    family;

		if (g_ascii_strcasecmp(record->owner, reply->answer_name) != 0)
			continue;
		if (record->type == CWMP_TR143_DNS_TYPE_A && record->rdlength == 4)
			family = AF_INET;
		else if (record->type == CWMP_TR143_DNS_TYPE_AAAA && record->rdlength == 16)
			family = AF_INET6;
		else
			continue;
		if (inet_ntop(family, data + record->rdata, text, sizeof(text)) != NULL)
			g_ptr_array_add(reply->addresses, g_strdup(text));
	}
	return g_steal_pointer(&reply);
}
