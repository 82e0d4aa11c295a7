/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The DNS message parser against hand-made messages, and
 * Device.DNS.Diagnostics.NSLookupDiagnostics. against dnsmasq serving
 * fixed records on 127.0.0.1:53 of a network namespace the test makes.
 */

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cwmp-tr143-dns.h"
#include "cwmp-tr143-ip-private.h"
#include "cwmp-tr143-ip-test-agent.h"
#include "cwmp-tr181-test-netns.h"

#define NS "Device.DNS.Diagnostics.NSLookupDiagnostics."

/* --- the parser --------------------------------------------------------------- */

/* a response to @query (built by us) with @answers appended and the counts set */
static GByteArray *
make_reply(GBytes	*query,
	   guint8	 flags2,
	   guint8	 rcode,
	   guint	 ancount,
	   const guint8 *answers,
	   gsize	 len)
{
	GByteArray *msg = g_byte_array_new();
	g_byte_array_append(msg, g_bytes_get_data(query, NULL), (guint) g_bytes_get_size(query));
	msg->data[2] |= 0x80 | flags2;
	msg->data[3] = rcode;
	msg->data[7] = (guint8) ancount;
	if (answers != NULL)
		g_byte_array_append(msg, answers, (guint) len);
	return msg;
}

static void
test_dns_build(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) q = cwmp_tr143_dns_build_query(0x1234, "www.example.com.",
							 CWMP_TR143_DNS_TYPE_AAAA, &error);
	const guint8	  expected[] = {0x12, 0x34, 0x01, 0,   0,   1,	 0,   0,   0,	0,   0,
					0,    3,    'w',  'w', 'w', 7,	 'e', 'x', 'a', 'm', 'p',
					'l',  'e',  3,	  'c', 'o', 'm', 0,   0,   28,	0,   1};
	gsize		  len = 0;
	const guint8	 *data;
	g_autofree gchar *long_label = g_strnfill(64, 'a');

	g_assert_no_error(error);
	data = g_bytes_get_data(q, &len);
	g_assert_cmpmem(data, len, expected, sizeof(expected));
	g_assert_null(cwmp_tr143_dns_build_query(1, "a..b", CWMP_TR143_DNS_TYPE_A, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	g_clear_error(&error);
	g_assert_null(cwmp_tr143_dns_build_query(1, long_label, CWMP_TR143_DNS_TYPE_A, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	g_clear_error(&error);
	g_assert_null(cwmp_tr143_dns_build_query(1, "", CWMP_TR143_DNS_TYPE_A, &error));
	g_clear_error(&error);
}

static void
test_dns_parse(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) q =
	    cwmp_tr143_dns_build_query(7, "a.test", CWMP_TR143_DNS_TYPE_A, &error);
	/* a.test CNAME b.test (compressed: "b" + pointer to "test" at 14), b.test A 10.1.2.3,
	 * and an A record of another name that must be ignored */
	const guint8 answers[] = {
	    0xc0, 12,  0,    5,	 0, 1, 0, 0, 0, 60, 0, 4,  1,  'b', 0xc0, 14,	    /* CNAME */
	    0xc0, 36,  0,    1,	 0, 1, 0, 0, 0, 60, 0, 4,  10, 1,   2,	  3,	    /* A */
	    1,	  'z', 0xc0, 14, 0, 1, 0, 1, 0, 0,  0, 60, 0,  4,   9,	  9,  9, 9, /* other */
	};
	g_autoptr(GByteArray) msg = make_reply(q, 0x04, 0, 3, answers, sizeof(answers));
	g_autoptr(CwmpTr143DnsReply) reply = NULL;

	reply = cwmp_tr143_dns_parse_reply(msg->data, msg->len, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(reply->id, ==, 7);
	g_assert_true(reply->authoritative);
	g_assert_cmpstr(reply->qname, ==, "a.test");
	g_assert_cmpstr(reply->answer_name, ==, "b.test");
	g_assert_cmpuint(reply->addresses->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(reply->addresses, 0), ==, "10.1.2.3");
	g_clear_pointer(&reply, cwmp_tr143_dns_reply_free);

	/* every shorter message is refused or parsed, never read past */
	for (guint len = 0; len < msg->len; len++) {
		g_autoptr(GError) e = NULL;
		g_autofree guint8 *copy = g_memdup2(msg->data, len);
		CwmpTr143DnsReply *r = cwmp_tr143_dns_parse_reply(copy, len, &e);
		g_assert_true((r == NULL) != (e == NULL));
		cwmp_tr143_dns_reply_free(r);
	}
}

static void
test_dns_parse_malformed(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) q =
	    cwmp_tr143_dns_build_query(7, "a.test", CWMP_TR143_DNS_TYPE_A, &error);
	/* a pointer to itself, a forward pointer, a bad label type */
	const guint8 loop[] = {0xc0, 24, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4};
	const guint8 forward[] = {0xc0, 40, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4};
	const guint8 label[] = {0x80, 0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4};
	const guint8 rdlength[] = {0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 200, 1, 2, 3, 4};
	const struct {
		const guint8 *data;
		gsize	      len;
	} cases[] = {
	    {loop, sizeof(loop)},
	    {forward, sizeof(forward)},
	    {label, sizeof(label)},
	    {rdlength, sizeof(rdlength)},
	};
	guint8 query_only[] = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GByteArray) msg = make_reply(q, 0, 0, 1, cases[i].data, cases[i].len);
		g_autoptr(CwmpTr143DnsReply) reply =
		    cwmp_tr143_dns_parse_reply(msg->data, msg->len, &error);
		g_test_message("case %u: %s", i, error != NULL ? error->message : "parsed");
		g_assert_null(reply);
		g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
		g_clear_error(&error);
	}
	/* a query is not a response */
	g_assert_null(cwmp_tr143_dns_parse_reply(query_only, sizeof(query_only), &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	g_clear_error(&error);
	/* NXDOMAIN with no answers parses, with no address */
	{
		g_autoptr(GByteArray) msg = make_reply(q, 0, 3, 0, NULL, 0);
		g_autoptr(CwmpTr143DnsReply) reply =
		    cwmp_tr143_dns_parse_reply(msg->data, msg->len, &error);
		g_assert_no_error(error);
		g_assert_cmpuint(reply->rcode, ==, CWMP_TR143_DNS_RCODE_NXDOMAIN);
		g_assert_cmpuint(reply->addresses->len, ==, 0);
	}
}

/* --- against dnsmasq ---------------------------------------------------------- */

static GSubprocess *dnsmasq = NULL;

/* whether something holds UDP @address:53 already */
static gboolean
port_taken(const gchar *address)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(53)};
	gint		   fd = socket(AF_INET, SOCK_DGRAM, 0);
	gboolean	   taken;

	g_assert_cmpint(inet_pton(AF_INET, address, &sa.sin_addr), ==, 1);
	taken = bind(fd, (struct sockaddr *) &sa, sizeof(sa)) != 0 && errno == EADDRINUSE;
	close(fd);
	return taken;
}

static gboolean
start_dnsmasq(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = g_find_program_in_path("dnsmasq");

	if (dnsmasq != NULL)
		return TRUE;
	if (path == NULL && g_file_test("/usr/sbin/dnsmasq", G_FILE_TEST_IS_EXECUTABLE))
		path = g_strdup("/usr/sbin/dnsmasq");
	if (path == NULL)
		return FALSE;
	dnsmasq = g_subprocess_new(
	    G_SUBPROCESS_FLAGS_NONE, &error, path, "--keep-in-foreground", "--conf-file=/dev/null",
	    "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=127.0.0.1",
	    "--port=53", "--pid-file=", "--user=root", "--local=/test/",
	    "--host-record=b.test,10.1.2.4,fd00::4", "--address=/a.test/10.1.2.3",
	    "--cname=c.test,b.test", "--log-facility=-", "--log-queries", NULL);
	if (dnsmasq == NULL) {
		g_test_message("dnsmasq: %s", error->message);
		return FALSE;
	}
	for (guint i = 0; i < 100 && !port_taken("127.0.0.1"); i++)
		g_usleep(20000);
	return port_taken("127.0.0.1");
}

static gchar *
get_result(CwmpTr143TestAgent *agent, guint i, const gchar *name)
{
	g_autofree gchar *path = g_strdup_printf(NS "Result.%u.%s", i, name);
	return cwmp_tr143_test_agent_get(agent, path);
}

static void
assert_state(CwmpTr143TestAgent *agent, const gchar *expected)
{
	g_autofree gchar *state = cwmp_tr143_test_agent_get(agent, NS "DiagnosticsState");
	g_assert_cmpstr(state, ==, expected);
}

static void
lookup(CwmpTr143TestAgent *agent, const gchar *name, const gchar *server, const gchar *reps)
{
	cwmp_tr143_test_agent_set(agent, 0, NS "HostName", name, NS "DNSServer", server,
				  NS "Timeout", "800", NS "NumberOfRepetitions", reps,
				  NS "DiagnosticsState", "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(agent, NS, 30000));
}

static void
test_nslookup_dnsmasq(void)
{
	CwmpTr143TestAgent agent = {0};

	if (cwmp_tr181_test_netns_skip())
		return;
	if (!start_dnsmasq()) {
		g_test_skip("dnsmasq is not installed or did not start");
		return;
	}
	cwmp_tr143_test_agent_start(&agent, NULL);

	/* both families of b.test, twice */
	lookup(&agent, "b.test", "127.0.0.1", "2");
	assert_state(&agent, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, NS "ResultNumberOfEntries"), ==, 2);
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, NS "SuccessCount"), ==, 2);
	for (guint i = 1; i <= 2; i++) {
		g_autofree gchar *status = get_result(&agent, i, "Status");
		g_autofree gchar *addresses = get_result(&agent, i, "IPAddresses");
		g_autofree gchar *name = get_result(&agent, i, "HostNameReturned");
		g_autofree gchar *server = get_result(&agent, i, "DNSServerIP");
		g_autofree gchar *answer = get_result(&agent, i, "AnswerType");
		g_autofree gchar *time = get_result(&agent, i, "ResponseTime");
		g_assert_cmpstr(status, ==, "Success");
		g_assert_cmpstr(addresses, ==, "10.1.2.4,fd00::4");
		g_assert_cmpstr(name, ==, "b.test");
		g_assert_cmpstr(server, ==, "127.0.0.1");
		g_assert_true(g_strcmp0(answer, "Authoritative") == 0 ||
			      g_strcmp0(answer, "NonAuthoritative") == 0);
		g_assert_cmpuint(g_ascii_strtoull(time, NULL, 10), >=, 1);
	}
	g_assert_cmpuint(agent.events->len, ==, 1);

	/* a CNAME: the name returned is the canonical one */
	lookup(&agent, "c.test", "127.0.0.1", "1");
	{
		g_autofree gchar *name = get_result(&agent, 1, "HostNameReturned");
		g_autofree gchar *addresses = get_result(&agent, 1, "IPAddresses");
		g_assert_cmpstr(name, ==, "b.test");
		g_assert_cmpstr(addresses, ==, "10.1.2.4,fd00::4");
	}
	/* IPv4 only */
	lookup(&agent, "a.test", "127.0.0.1", "1");
	{
		g_autofree gchar *addresses = get_result(&agent, 1, "IPAddresses");
		g_assert_cmpstr(addresses, ==, "10.1.2.3");
	}
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, NS "ResultNumberOfEntries"), ==, 1);

	/* NXDOMAIN */
	lookup(&agent, "missing.test", "127.0.0.1", "1");
	assert_state(&agent, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, NS "SuccessCount"), ==, 0);
	{
		g_autofree gchar *status = get_result(&agent, 1, "Status");
		g_autofree gchar *answer = get_result(&agent, 1, "AnswerType");
		g_autofree gchar *addresses = get_result(&agent, 1, "IPAddresses");
		g_assert_cmpstr(status, ==, "Error_HostNameNotResolved");
		g_assert_cmpstr(answer, ==, "None");
		g_assert_cmpstr(addresses, ==, "");
	}
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

static void
test_nslookup_servers(void)
{
	CwmpTr143TestAgent agent = {0};
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(53)};
	gint		   silent;

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr143_test_agent_start(&agent, NULL);

	/* nothing listens on 127.0.0.2:53: port unreachable */
	lookup(&agent, "b.test", "127.0.0.2", "1");
	assert_state(&agent, "Complete");
	{
		g_autofree gchar *status = get_result(&agent, 1, "Status");
		g_assert_cmpstr(status, ==, "Error_DNSServerNotAvailable");
	}

	/* something on 127.0.0.3:53 that never answers */
	silent = socket(AF_INET, SOCK_DGRAM, 0);
	g_assert_cmpint(inet_pton(AF_INET, "127.0.0.3", &sa.sin_addr), ==, 1);
	g_assert_cmpint(bind(silent, (struct sockaddr *) &sa, sizeof(sa)), ==, 0);
	lookup(&agent, "b.test", "127.0.0.3", "2");
	assert_state(&agent, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, NS "ResultNumberOfEntries"), ==, 2);
	{
		g_autofree gchar *status = get_result(&agent, 2, "Status");
		g_autofree gchar *time = get_result(&agent, 2, "ResponseTime");
		g_assert_cmpstr(status, ==, "Error_Timeout");
		g_assert_cmpstr(time, ==, "0");
	}
	close(silent);

	/* a server name nobody can resolve */
	lookup(&agent, "b.test", "dns.invalid", "1");
	assert_state(&agent, "Error_DNSServerNotResolved");

	/* references: to nothing (refused), and to a DNS client server of tr181 */
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE, NS "DNSServer",
				  "Device.DNS.Client.Server.99", NULL);
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE, NS "DNSServer",
				  "Device.IP.Interface.1", NULL);
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE, NS "DiagnosticsState",
				  "None", NULL);
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

static void
test_nslookup_cancel(void)
{
	CwmpTr143TestAgent agent = {0};
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(53)};
	gint		   silent;

	if (cwmp_tr181_test_netns_skip())
		return;
	silent = socket(AF_INET, SOCK_DGRAM, 0);
	g_assert_cmpint(inet_pton(AF_INET, "127.0.0.4", &sa.sin_addr), ==, 1);
	g_assert_cmpint(bind(silent, (struct sockaddr *) &sa, sizeof(sa)), ==, 0);
	cwmp_tr143_test_agent_start(&agent, NULL);
	cwmp_tr143_test_agent_set(&agent, 0, NS "HostName", "b.test", NS "DNSServer", "127.0.0.4",
				  NS "Timeout", "2000", NS "NumberOfRepetitions", "3",
				  NS "DiagnosticsState", "Requested", NULL);
	cwmp_tr143_test_agent_spin(300);
	assert_state(&agent, "Requested");
	cwmp_tr143_test_agent_set(&agent, 0, NS "HostName", "a.test", NULL);
	assert_state(&agent, "None");
	cwmp_tr143_test_agent_spin(2500);
	assert_state(&agent, "None");
	g_assert_cmpuint(agent.events->len, ==, 0);
	/* the agent stops while a test runs: nothing of it may outlive the plugin */
	cwmp_tr143_test_agent_set(&agent, 0, NS "DiagnosticsState", "Requested", NULL);
	cwmp_tr143_test_agent_spin(300);
	assert_state(&agent, "Requested");
	cwmp_tr143_test_agent_stop(&agent, TRUE);
	cwmp_tr143_test_agent_spin(1500);
	close(silent);
}

int
main(int argc, char **argv)
{
	int ret;

	cwmp_tr181_test_netns_enter();
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/tr143/nslookup/dns-build", test_dns_build);
	g_test_add_func("/tr143/nslookup/dns-parse", test_dns_parse);
	g_test_add_func("/tr143/nslookup/dns-parse-malformed", test_dns_parse_malformed);
	g_test_add_func("/tr143/nslookup/dnsmasq", test_nslookup_dnsmasq);
	g_test_add_func("/tr143/nslookup/servers", test_nslookup_servers);
	g_test_add_func("/tr143/nslookup/cancel", test_nslookup_cancel);
	ret = g_test_run();
	if (dnsmasq != NULL) {
		g_subprocess_force_exit(dnsmasq);
		g_subprocess_wait(dnsmasq, NULL, NULL);
		g_clear_object(&dnsmasq);
	}
	return ret;
}
