/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* a DNS query builder and a bounds-checked reply parser (RFC 1035), for NSLookup */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CWMP_TR143_DNS_TYPE_A	  1
#define CWMP_TR143_DNS_TYPE_CNAME 5
#define CWMP_TR143_DNS_TYPE_AAAA  28

#define CWMP_TR143_DNS_RCODE_NOERROR  0
#define CWMP_TR143_DNS_RCODE_SERVFAIL 2
#define CWMP_TR143_DNS_RCODE_NXDOMAIN 3

/**
 * CwmpTr143DnsReply:
 * @id: the message ID
 * @rcode: the response code
 * @authoritative: the AA bit
 * @truncated: the TC bit
 * @qtype: the type asked in the question
 * @qname: the name asked, without the final dot
 * @answer_name: the name the addresses belong to, at the end of the CNAME chain
 * @addresses: (element-type utf8): the A or AAAA addresses of @answer_name, as text
 */
typedef struct {
	guint16	   id;
	guint8	   rcode;
	gboolean   authoritative;
	gboolean   truncated;
	guint16	   qtype;
	gchar	  *qname;
	gchar	  *answer_name;
	GPtrArray *addresses;
} CwmpTr143DnsReply;

void
cwmp_tr143_dns_reply_free(CwmpTr143DnsReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr143DnsReply, cwmp_tr143_dns_reply_free)

GBytes *
cwmp_tr143_dns_build_query(guint16 id, const gchar *name, guint16 qtype, GError **error);
CwmpTr143DnsReply *
cwmp_tr143_dns_parse_reply(const guint8 *data, gsize len, GError **error);

G_END_DECLS
