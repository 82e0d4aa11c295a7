/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.IP.Interface.{i}.IPv4Address.{i}., .IPv6Address.{i}. and
 * .IPv6Prefix.{i}.: the addresses the kernel holds, read from the rtnetlink
 * address cache, plus the static entries the ACS makes.
 *
 * Instance keys (the parent Interface instance is keyed by the link name):
 *   "a:<address>/<len>"  an address the kernel holds that nobody here made
 *   "p:<prefix>/<len>"   an IPv6 prefix derived from the interface's addresses
 *   "s:<n>"              an entry made by AddObject, remembered in the state
 *                        file whether or not the kernel holds it right now
 * An ACS write to a kernel-made static address takes it over: it becomes an
 * entry that keeps its "a:" key, so its instance number does not change.
 *
 * An entry is in the kernel while it is enabled and complete (IPv4: address
 * and mask; IPv6: address, /128 unless Prefix names a prefix). The kernel's
 * own addresses are writable only when they are static (permanent); DHCP,
 * AutoIP and SLAAC addresses belong to whoever made them.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_addr.h>
#include <netlink/errno.h>
#include <string.h>

#include "cwmp-tr181-netlink.h"
#include "cwmp-tr181-private.h"

#define CWMP_TR181_IP_ADDRESS_STATE_FILE "tr181-ip-address.state"
#define CWMP_TR181_IP_ADDRESS_INFINITE	 "9999-12-31T23:59:59Z"

typedef enum {
	CWMP_TR181_IP_ADDRESS_KIND_V4,
	CWMP_TR181_IP_ADDRESS_KIND_V6,
	CWMP_TR181_IP_ADDRESS_KIND_PREFIX,
	CWMP_TR181_IP_ADDRESS_KIND_LAST,
} CwmpTr181IpAddressKind;

static const gchar *const cwmp_tr181_ip_address_tables[] = {
    [CWMP_TR181_IP_ADDRESS_KIND_V4] = "IPv4Address",
    [CWMP_TR181_IP_ADDRESS_KIND_V6] = "IPv6Address",
    [CWMP_TR181_IP_ADDRESS_KIND_PREFIX] = "IPv6Prefix",
};

/* an entry the ACS made (or took over): what it wants, whether or not the kernel has it */
typedef struct {
	CwmpTr181IpAddressKind kind;
	gchar		      *ifname;
	gchar		      *key;
	gboolean	       enable;
	gchar *address;	  /* canonical text, NULL while unset; the prefix for KIND_PREFIX */
	gint   prefixlen; /* -1 while unset (IPv4 without a mask) */
	gchar *preferred; /* dateTime, IPv6 only */
	gchar *valid;
	/* IPv6Prefix only: the configuration an RA service would use */
	gboolean on_link;
	gboolean autonomous;
	gchar	*parent_prefix;
	gchar	*child_prefix_bits;
} CwmpTr181IpAddressEntry;

/* a kernel address change, handled on an idle so no data-model callback is re-entered */
typedef struct {
	struct rtnl_addr *addr;
	gint		  action;
} CwmpTr181IpAddressEvent;

typedef struct {
	CwmpTr181Plugin *plugin;
	GPtrArray	*entries; /* CwmpTr181IpAddressEntry */
	guint64		 next_id;
	gchar		*filename; /* nullable: no state directory, entries live in memory */
	guint		 watch_id;
	GQueue		 events;
	guint		 idle_id;
	/* "ifindex|address/len" -> gint64[2] absolute preferred and valid end, seconds */
	GHashTable *lifetimes;
} CwmpTr181IpAddress;

/* --- pure logic, tested on its own ------------------------------------ */

/**
 * cwmp_tr181_ip_address_mask_to_prefixlen:
 * @mask: a dotted-quad subnet mask
 * @prefixlen: (out): its length
 *
 * Returns: %FALSE with 9007 when @mask is no IPv4 address or not contiguous
 */
gboolean
cwmp_tr181_ip_address_mask_to_prefixlen(const gchar *mask, guint *prefixlen, GError **error)
{
	struct in_addr in;
	guint32	       bits;
	guint	       len = 0;

	if (mask == NULL || inet_pton(AF_INET, mask, &in) != 1) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "'%s' is not a subnet mask", mask != NULL ? mask : "");
		return FALSE;
	}
	bits = ntohl(in.s_addr);
	while (len < 32 && (bits & (0x80000000u >> len)) != 0)
		len++;
	if (len < 32 && (bits << len) != 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "subnet mask %s is not contiguous", mask);
		return FALSE;
	}
	*prefixlen = len;
	return TRUE;
}

gchar *
cwmp_tr181_ip_address_prefixlen_to_mask(guint prefixlen)
{
	struct in_addr in;
	gchar	       text[INET_ADDRSTRLEN];

	g_return_val_if_fail(prefixlen <= 32, NULL);
	in.s_addr = htonl(prefixlen == 0 ? 0 : 0xffffffffu << (32 - prefixlen));
	return g_strdup(inet_ntop(AF_INET, &in, text, sizeof(text)));
}

/**
 * cwmp_tr181_ip_address_canonical:
 * @family: AF_INET or AF_INET6
 * @text: an address
 *
 * Returns: (transfer full) (nullable): @text as inet_ntop() writes it, or
 *   %NULL with 9007 when it is no address of @family
 */
gchar *
cwmp_tr181_ip_address_canonical(gint family, const gchar *text, GError **error)
{
	guint8 bin[16];
	gchar  out[INET6_ADDRSTRLEN];

	if (text == NULL || inet_pton(family, text, bin) != 1) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "'%s' is not an %s address", text != NULL ? text : "",
			    family == AF_INET ? "IPv4" : "IPv6");
		return NULL;
	}
	return g_strdup(inet_ntop(family, bin, out, sizeof(out)));
}

/**
 * cwmp_tr181_ip_address_prefix_of:
 * @address: an IPv6 address
 * @prefixlen: 0 to 128
 *
 * Returns: (transfer full) (nullable): "network/len" with the host bits
 *   cleared, %NULL when @address is not IPv6
 */
gchar *
cwmp_tr181_ip_address_prefix_of(const gchar *address, guint prefixlen)
{
	guint8 bin[16];
	gchar  out[INET6_ADDRSTRLEN];

	if (address == NULL || prefixlen > 128 || inet_pton(AF_INET6, address, bin) != 1)
		return NULL;
	for (guint i = 0; i < 16; i++) {
		guint keep = prefixlen > i * 8 ? MIN(prefixlen - i * 8, 8) : 0;
		bin[i] &= (guint8) (0xff00 >> keep);
	}
	return g_strdup_printf("%s/%u", inet_ntop(AF_INET6, bin, out, sizeof(out)), prefixlen);
}

/**
 * cwmp_tr181_ip_address_parse_prefix:
 * @text: "network/len"
 * @network: (out) (transfer full): the canonical network
 * @prefixlen: (out): the length
 *
 * Returns: %FALSE with 9007 when @text is malformed or has host bits set
 */
gboolean
cwmp_tr181_ip_address_parse_prefix(const gchar *text,
				   gchar      **network,
				   guint       *prefixlen,
				   GError     **error)
{
	g_autofree gchar *address = NULL;
	g_autofree gchar *canonical = NULL;
	const gchar	 *slash = text != NULL ? strchr(text, '/') : NULL;
	guint64		  len = 0;

	if (slash == NULL || !g_ascii_string_to_unsigned(slash + 1, 10, 0, 128, &len, NULL)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "'%s' is not an IPv6 prefix (network/length)",
			    text != NULL ? text : "");
		return FALSE;
	}
	address = g_strndup(text, slash - text);
	canonical = cwmp_tr181_ip_address_prefix_of(address, (guint) len);
	if (canonical == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "'%s' is not an IPv6 prefix", text);
		return FALSE;
	}
	{
		g_autofree gchar *given = cwmp_tr181_ip_address_canonical(AF_INET6, address, NULL);
		g_autofree gchar *expect = g_strdup_printf("%s/%u", given, (guint) len);
		if (g_strcmp0(expect, canonical) != 0) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "prefix %s has bits set after its length (the prefix is %s)",
				    text, canonical);
			return FALSE;
		}
	}
	*network = g_strndup(canonical, strchr(canonical, '/') - canonical);
	*prefixlen = (guint) len;
	return TRUE;
}

/**
 * cwmp_tr181_ip_address_format_lifetime:
 * @remaining: seconds left as the kernel says, 0xffffffff for ever
 * @now: the current time in seconds since the epoch
 *
 * Returns: (transfer full): the dateTime the lifetime ends at
 */
gchar *
cwmp_tr181_ip_address_format_lifetime(guint32 remaining, gint64 now)
{
	g_autoptr(GDateTime) end = NULL;

	if (remaining == G_MAXUINT32)
		return g_strdup(CWMP_TR181_IP_ADDRESS_INFINITE);
	end = g_date_time_new_from_unix_utc(now + remaining);
	return g_date_time_format(end, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * cwmp_tr181_ip_address_parse_lifetime:
 * @text: a dateTime
 * @now: the current time in seconds since the epoch
 * @remaining: (out): seconds from @now, 0xffffffff for the infinite 9999-12-31T23:59:59Z
 *
 * Returns: %FALSE with 9007 when @text is unknown time or in the past
 */
gboolean
cwmp_tr181_ip_address_parse_lifetime(const gchar *text,
				     gint64	  now,
				     guint32	 *remaining,
				     GError	**error)
{
	g_autoptr(GDateTime) when = NULL;
	gint64 seconds;

	if (g_strcmp0(text, CWMP_TR181_IP_ADDRESS_INFINITE) == 0) {
		*remaining = G_MAXUINT32;
		return TRUE;
	}
	when = cwmp_value_parse_date_time(text, error);
	if (when == NULL)
		return FALSE;
	seconds = g_date_time_to_unix(when) - now;
	if (seconds <= 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "lifetime %s is not in the future", text);
		return FALSE;
	}
	*remaining = seconds >= G_MAXUINT32 ? G_MAXUINT32 : (guint32) seconds;
	return TRUE;
}

/**
 * cwmp_tr181_ip_address_addressing_type:
 * @address: an IPv4 address
 * @flags: the kernel's IFA_F_* flags of it
 *
 * How an IPv4 address the kernel holds came to be: a permanent address
 * (infinite valid lifetime) was configured, "Static"; one in 169.254.0.0/16
 * came from link-local autoconfiguration, "AutoIP"; any other address with a
 * finite lifetime was leased, "DHCP".
 */
const gchar *
cwmp_tr181_ip_address_addressing_type(const gchar *address, guint flags)
{
	if (g_str_has_prefix(address, "169.254."))
		return "AutoIP";
	if ((flags & IFA_F_PERMANENT) != 0)
		return "Static";
	return "DHCP";
}

/**
 * cwmp_tr181_ip_address_ipv6_origin:
 * @address: a canonical IPv6 address
 * @prefixlen: its prefix length
 * @flags: the kernel's IFA_F_* flags of it
 *
 * "::1" is WellKnown; a link-local address (fe80::/10) is AutoConfigured
 * (TR-181 names the SLAAC link-local address as its example); a permanent
 * address was configured, Static; a dynamic /128 was handed out by DHCPv6
 * (IA_NA), any other dynamic address was made by SLAAC, AutoConfigured.
 */
const gchar *
cwmp_tr181_ip_address_ipv6_origin(const gchar *address, guint prefixlen, guint flags)
{
	if (g_strcmp0(address, "::1") == 0)
		return "WellKnown";
	if (g_ascii_strncasecmp(address, "fe8", 3) == 0 ||
	    g_ascii_strncasecmp(address, "fe9", 3) == 0 ||
	    g_ascii_strncasecmp(address, "fea", 3) == 0 ||
	    g_ascii_strncasecmp(address, "feb", 3) == 0)
		return "AutoConfigured";
	if ((flags & IFA_F_PERMANENT) != 0)
		return "Static";
	if (prefixlen == 128)
		return "DHCPv6";
	return "AutoConfigured";
}

const gchar *
cwmp_tr181_ip_address_ipv6_status(guint flags)
{
	if ((flags & IFA_F_DADFAILED) != 0)
		return "Duplicate";
	if ((flags & IFA_F_OPTIMISTIC) != 0)
		return "Optimistic";
	if ((flags & IFA_F_TENTATIVE) != 0)
		return "Tentative";
	if ((flags & IFA_F_DEPRECATED) != 0)
		return "Deprecated";
	return "Preferred";
}

/* --- entries and their state file -------------------------------------- */

static void
cwmp_tr181_ip_address_entry_free(CwmpTr181IpAddressEntry *entry)
{
	if (entry == NULL)
		return;
	g_free(entry->ifname);
	g_free(entry->key);
	g_free(entry->address);
	g_free(entry->preferred);
	g_free(entry->valid);
	g_free(entry->parent_prefix);
	g_free(entry->child_prefix_bits);
	g_free(entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr181IpAddressEntry, cwmp_tr181_ip_address_entry_free)

static CwmpTr181IpAddressEntry *
cwmp_tr181_ip_address_entry_new(CwmpTr181IpAddressKind kind, const gchar *ifname, const gchar *key)
{
	CwmpTr181IpAddressEntry *entry = g_new0(CwmpTr181IpAddressEntry, 1);
	entry->kind = kind;
	entry->ifname = g_strdup(ifname);
	entry->key = g_strdup(key);
	entry->prefixlen = kind == CWMP_TR181_IP_ADDRESS_KIND_V6 ? 128 : -1;
	entry->preferred = g_strdup(CWMP_TR181_IP_ADDRESS_INFINITE);
	entry->valid = g_strdup(CWMP_TR181_IP_ADDRESS_INFINITE);
	entry->parent_prefix = g_strdup("");
	entry->child_prefix_bits = g_strdup("");
	return entry;
}

static CwmpTr181IpAddressEntry *
cwmp_tr181_ip_address_entry_copy(const CwmpTr181IpAddressEntry *entry)
{
	CwmpTr181IpAddressEntry *copy = g_new0(CwmpTr181IpAddressEntry, 1);
	*copy = *entry;
	copy->ifname = g_strdup(entry->ifname);
	copy->key = g_strdup(entry->key);
	copy->address = g_strdup(entry->address);
	copy->preferred = g_strdup(entry->preferred);
	copy->valid = g_strdup(entry->valid);
	copy->parent_prefix = g_strdup(entry->parent_prefix);
	copy->child_prefix_bits = g_strdup(entry->child_prefix_bits);
	return copy;
}

/* whether the entry asks for a kernel address */
static gboolean
cwmp_tr181_ip_address_entry_wanted(const CwmpTr181IpAddressEntry *entry)
{
	return entry->kind != CWMP_TR181_IP_ADDRESS_KIND_PREFIX && entry->enable &&
	       entry->address != NULL && entry->prefixlen >= 0;
}

static gint
cwmp_tr181_ip_address_family(CwmpTr181IpAddressKind kind)
{
	return kind == CWMP_TR181_IP_ADDRESS_KIND_V4 ? AF_INET : AF_INET6;
}

static CwmpTr181IpAddressEntry *
cwmp_tr181_ip_address_find_entry(CwmpTr181IpAddress    *self,
				 CwmpTr181IpAddressKind kind,
				 const gchar	       *ifname,
				 const gchar	       *key)
{
	for (guint i = 0; i < self->entries->len; i++) {
		CwmpTr181IpAddressEntry *entry = g_ptr_array_index(self->entries, i);
		if (entry->kind == kind && g_strcmp0(entry->ifname, ifname) == 0 &&
		    g_strcmp0(entry->key, key) == 0)
			return entry;
	}
	return NULL;
}

/* the enabled entry that stands for this address (or prefix) of the interface */
static CwmpTr181IpAddressEntry *
cwmp_tr181_ip_address_find_claim(CwmpTr181IpAddress    *self,
				 CwmpTr181IpAddressKind kind,
				 const gchar	       *ifname,
				 const gchar	       *address,
				 guint			prefixlen)
{
	for (guint i = 0; i < self->entries->len; i++) {
		CwmpTr181IpAddressEntry *entry = g_ptr_array_index(self->entries, i);
		if (entry->kind == kind && entry->enable && g_strcmp0(entry->ifname, ifname) == 0 &&
		    g_strcmp0(entry->address, address) == 0 && entry->prefixlen == (gint) prefixlen)
			return entry;
	}
	return NULL;
}

static const gchar *const cwmp_tr181_ip_address_kind_names[] = {"ipv4", "ipv6", "prefix"};

static gboolean
cwmp_tr181_ip_address_save(CwmpTr181IpAddress *self, GError **error)
{
	g_autoptr(GKeyFile) keyfile = g_key_file_new();
	g_autofree gchar *data = NULL;
	gsize		  len = 0;

	if (self->filename == NULL)
		return TRUE;
	g_key_file_set_uint64(keyfile, "state", "next-id", self->next_id);
	for (guint i = 0; i < self->entries->len; i++) {
		CwmpTr181IpAddressEntry *entry = g_ptr_array_index(self->entries, i);
		g_autofree gchar	*group = g_strdup_printf("entry %u", i);
		g_key_file_set_string(keyfile, group, "kind",
				      cwmp_tr181_ip_address_kind_names[entry->kind]);
		g_key_file_set_string(keyfile, group, "interface", entry->ifname);
		g_key_file_set_string(keyfile, group, "key", entry->key);
		g_key_file_set_boolean(keyfile, group, "enable", entry->enable);
		if (entry->address != NULL)
			g_key_file_set_string(keyfile, group, "address", entry->address);
		g_key_file_set_integer(keyfile, group, "prefixlen", entry->prefixlen);
		g_key_file_set_string(keyfile, group, "preferred", entry->preferred);
		g_key_file_set_string(keyfile, group, "valid", entry->valid);
		if (entry->kind == CWMP_TR181_IP_ADDRESS_KIND_PREFIX) {
			g_key_file_set_boolean(keyfile, group, "on-link", entry->on_link);
			g_key_file_set_boolean(keyfile, group, "autonomous", entry->autonomous);
			g_key_file_set_string(keyfile, group, "parent-prefix",
					      entry->parent_prefix);
			g_key_file_set_string(keyfile, group, "child-prefix-bits",
					      entry->child_prefix_bits);
		}
	}
	data = g_key_file_to_data(keyfile, &len, NULL);
	if (!g_file_set_contents_full(self->filename, data, (gssize) len,
				      G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
				      0600, error)) {
		g_prefix_error_literal(error, "saving the static addresses: ");
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_tr181_ip_address_load(CwmpTr181IpAddress *self, GError **error)
{
	g_autoptr(GKeyFile) keyfile = g_key_file_new();
	g_autoptr(GError) error_local = NULL;
	g_auto(GStrv) groups = NULL;

	if (self->filename == NULL)
		return TRUE;
	if (!g_key_file_load_from_file(keyfile, self->filename, G_KEY_FILE_NONE, &error_local)) {
		if (g_error_matches(error_local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
			return TRUE;
		g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
					   "%s: ", self->filename);
		return FALSE;
	}
	self->next_id = g_key_file_get_uint64(keyfile, "state", "next-id", NULL);
	if (self->next_id == 0)
		self->next_id = 1;
	groups = g_key_file_get_groups(keyfile, NULL);
	for (guint i = 0; groups[i] != NULL; i++) {
		g_autoptr(CwmpTr181IpAddressEntry) entry = NULL;
		g_autofree gchar *kind = NULL;
		g_autofree gchar *ifname = NULL;
		g_autofree gchar *key = NULL;
		guint		  k;

		if (!g_str_has_prefix(groups[i], "entry "))
			continue;
		kind = g_key_file_get_string(keyfile, groups[i], "kind", NULL);
		ifname = g_key_file_get_string(keyfile, groups[i], "interface", NULL);
		key = g_key_file_get_string(keyfile, groups[i], "key", NULL);
		for (k = 0; k < CWMP_TR181_IP_ADDRESS_KIND_LAST; k++) {
			if (g_strcmp0(kind, cwmp_tr181_ip_address_kind_names[k]) == 0)
				break;
		}
		if (k == CWMP_TR181_IP_ADDRESS_KIND_LAST || ifname == NULL || key == NULL) {
			g_warning("%s: [%s] is malformed, ignored", self->filename, groups[i]);
			continue;
		}
		entry = cwmp_tr181_ip_address_entry_new(k, ifname, key);
		entry->enable = g_key_file_get_boolean(keyfile, groups[i], "enable", NULL);
		entry->address = g_key_file_get_string(keyfile, groups[i], "address", NULL);
		entry->prefixlen = g_key_file_get_integer(keyfile, groups[i], "prefixlen", NULL);
		if (g_key_file_has_key(keyfile, groups[i], "preferred", NULL)) {
			g_free(entry->preferred);
			entry->preferred =
			    g_key_file_get_string(keyfile, groups[i], "preferred", NULL);
		}
		if (g_key_file_has_key(keyfile, groups[i], "valid", NULL)) {
			g_free(entry->valid);
			entry->valid = g_key_file_get_string(keyfile, groups[i], "valid", NULL);
		}
		entry->on_link = g_key_file_get_boolean(keyfile, groups[i], "on-link", NULL);
		entry->autonomous = g_key_file_get_boolean(keyfile, groups[i], "autonomous", NULL);
		if (g_key_file_has_key(keyfile, groups[i], "parent-prefix", NULL)) {
			g_free(entry->parent_prefix);
			entry->parent_prefix =
			    g_key_file_get_string(keyfile, groups[i], "parent-prefix", NULL);
		}
		if (g_key_file_has_key(keyfile, groups[i], "child-prefix-bits", NULL)) {
			g_free(entry->child_prefix_bits);
			entry->child_prefix_bits =
			    g_key_file_get_string(keyfile, groups[i], "child-prefix-bits", NULL);
		}
		if (entry->preferred == NULL || entry->valid == NULL ||
		    entry->parent_prefix == NULL || entry->child_prefix_bits == NULL) {
			g_warning("%s: [%s] is malformed, ignored", self->filename, groups[i]);
			continue;
		}
		g_ptr_array_add(self->entries, g_steal_pointer(&entry));
	}
	return TRUE;
}

/* --- the kernel ----------------------------------------------------------- */

static gint
cwmp_tr181_ip_address_ifindex(CwmpTr181IpAddress *self, const gchar *ifname)
{
	struct nl_cache *links =
	    cwmp_tr181_netlink_get_cache(self->plugin->netlink, CWMP_TR181_NETLINK_LINK);
	return ifname != NULL ? rtnl_link_name2i(links, ifname) : 0;
}

static gchar *
cwmp_tr181_ip_address_ifname(CwmpTr181IpAddress *self, gint ifindex)
{
	struct nl_cache *links =
	    cwmp_tr181_netlink_get_cache(self->plugin->netlink, CWMP_TR181_NETLINK_LINK);
	gchar name[64];
	if (rtnl_link_i2name(links, ifindex, name, sizeof(name)) == NULL)
		return NULL;
	return g_strdup(name);
}

/* the canonical local address of a kernel address */
static gchar *
cwmp_tr181_ip_address_kernel_text(struct rtnl_addr *addr)
{
	struct nl_addr *local = rtnl_addr_get_local(addr);
	gchar		out[INET6_ADDRSTRLEN];
	gint		family = rtnl_addr_get_family(addr);

	if (local == NULL || (family != AF_INET && family != AF_INET6) ||
	    nl_addr_get_len(local) != (family == AF_INET ? 4u : 16u))
		return NULL;
	return g_strdup(inet_ntop(family, nl_addr_get_binary_addr(local), out, sizeof(out)));
}

static struct rtnl_addr *
cwmp_tr181_ip_address_find_kernel(CwmpTr181IpAddress *self,
				  gint		      ifindex,
				  gint		      family,
				  const gchar	     *address,
				  guint		      prefixlen)
{
	struct nl_cache *cache =
	    cwmp_tr181_netlink_get_cache(self->plugin->netlink, CWMP_TR181_NETLINK_ADDR);
	guint8 bin[16];
	gsize  len = family == AF_INET ? 4 : 16;

	if (ifindex <= 0 || address == NULL || inet_pton(family, address, bin) != 1)
		return NULL;
	for (struct nl_object *obj = nl_cache_get_first(cache); obj != NULL;
	     obj = nl_cache_get_next(obj)) {
		struct rtnl_addr *addr = (struct rtnl_addr *) obj;
		struct nl_addr	 *local = rtnl_addr_get_local(addr);
		if (rtnl_addr_get_ifindex(addr) != ifindex ||
		    rtnl_addr_get_family(addr) != family ||
		    (guint) rtnl_addr_get_prefixlen(addr) != prefixlen || local == NULL ||
		    nl_addr_get_len(local) != len ||
		    memcmp(nl_addr_get_binary_addr(local), bin, len) != 0)
			continue;
		return addr;
	}
	return NULL;
}

static gchar *
cwmp_tr181_ip_address_lifetime_key(struct rtnl_addr *addr)
{
	g_autofree gchar *text = cwmp_tr181_ip_address_kernel_text(addr);
	return g_strdup_printf("%d|%s/%d", rtnl_addr_get_ifindex(addr), text != NULL ? text : "",
			       rtnl_addr_get_prefixlen(addr));
}

/* the kernel says how many seconds are left when it reports; remember when that ends */
static void
cwmp_tr181_ip_address_note_lifetimes(CwmpTr181IpAddress *self, struct rtnl_addr *addr)
{
	gint64	now = g_get_real_time() / G_USEC_PER_SEC;
	gint64 *ends = g_new(gint64, 2);
	guint32 preferred = rtnl_addr_get_preferred_lifetime(addr);
	guint32 valid = rtnl_addr_get_valid_lifetime(addr);

	ends[0] = preferred == G_MAXUINT32 ? G_MAXINT64 : now + preferred;
	ends[1] = valid == G_MAXUINT32 ? G_MAXINT64 : now + valid;
	g_hash_table_replace(self->lifetimes, cwmp_tr181_ip_address_lifetime_key(addr), ends);
}

static gchar *
cwmp_tr181_ip_address_kernel_lifetime(CwmpTr181IpAddress *self,
				      struct rtnl_addr	 *addr,
				      gboolean		  valid)
{
	g_autofree gchar *key = cwmp_tr181_ip_address_lifetime_key(addr);
	const gint64	 *ends = g_hash_table_lookup(self->lifetimes, key);
	g_autoptr(GDateTime) end = NULL;

	if (ends == NULL) {
		cwmp_tr181_ip_address_note_lifetimes(self, addr);
		ends = g_hash_table_lookup(self->lifetimes, key);
	}
	if (ends[valid ? 1 : 0] == G_MAXINT64)
		return g_strdup(CWMP_TR181_IP_ADDRESS_INFINITE);
	end = g_date_time_new_from_unix_utc(ends[valid ? 1 : 0]);
	return g_date_time_format(end, "%Y-%m-%dT%H:%M:%SZ");
}

/* puts an entry's address into the kernel (or takes it out) */
static gboolean
cwmp_tr181_ip_address_kernel_change(CwmpTr181IpAddress		  *self,
				    const CwmpTr181IpAddressEntry *entry,
				    gboolean			   add,
				    gint			   flags,
				    GError			 **error)
{
	gint		  family = cwmp_tr181_ip_address_family(entry->kind);
	gint		  ifindex = cwmp_tr181_ip_address_ifindex(self, entry->ifname);
	struct rtnl_addr *addr = NULL;
	struct nl_addr	 *local = NULL;
	guint8		  bin[16];
	g_autofree gchar *what = NULL;
	gint		  rc;

	what = g_strdup_printf("%s %s/%d %s %s", add ? "adding" : "removing", entry->address,
			       entry->prefixlen, add ? "to" : "from", entry->ifname);
	if (ifindex <= 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED,
			    "%s: the kernel has no interface %s", what, entry->ifname);
		return FALSE;
	}
	if (inet_pton(family, entry->address, bin) != 1) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "%s: bad address", what);
		return FALSE;
	}
	addr = rtnl_addr_alloc();
	local = nl_addr_build(family, bin, family == AF_INET ? 4 : 16);
	if (addr == NULL || local == NULL) {
		if (addr != NULL)
			rtnl_addr_put(addr);
		if (local != NULL)
			nl_addr_put(local);
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_RESOURCES_EXCEEDED, "%s: out of memory",
			    what);
		return FALSE;
	}
	nl_addr_set_prefixlen(local, entry->prefixlen);
	rtnl_addr_set_ifindex(addr, ifindex);
	rtnl_addr_set_family(addr, family);
	rc = rtnl_addr_set_local(addr, local);
	nl_addr_put(local);
	if (rc >= 0 && add && family == AF_INET6) {
		gint64	now = g_get_real_time() / G_USEC_PER_SEC;
		guint32 preferred = G_MAXUINT32;
		guint32 valid = G_MAXUINT32;
		if (!cwmp_tr181_ip_address_parse_lifetime(entry->preferred, now, &preferred,
							  error) ||
		    !cwmp_tr181_ip_address_parse_lifetime(entry->valid, now, &valid, error)) {
			rtnl_addr_put(addr);
			g_prefix_error(error, "%s: ", what);
			return FALSE;
		}
		rtnl_addr_set_preferred_lifetime(addr, preferred);
		rtnl_addr_set_valid_lifetime(addr, valid);
	}
	if (rc >= 0) {
		struct nl_sock *sock = cwmp_tr181_netlink_get_socket(self->plugin->netlink);
		rc = add ? rtnl_addr_add(sock, addr, flags) : rtnl_addr_delete(sock, addr, 0);
	}
	rtnl_addr_put(addr);
	if (rc < 0)
		return cwmp_tr181_netlink_set_error(rc, what, error);
	return TRUE;
}

static gboolean
cwmp_tr181_ip_address_entry_in_kernel(CwmpTr181IpAddress	    *self,
				      const CwmpTr181IpAddressEntry *entry)
{
	if (!cwmp_tr181_ip_address_entry_wanted(entry))
		return FALSE;
	return cwmp_tr181_ip_address_find_kernel(self,
						 cwmp_tr181_ip_address_ifindex(self, entry->ifname),
						 cwmp_tr181_ip_address_family(entry->kind),
						 entry->address, (guint) entry->prefixlen) != NULL;
}

/*
 * brings the kernel from what @old asked for to what @new asks for; on
 * failure the kernel is as it was
 */
static gboolean
cwmp_tr181_ip_address_reconcile(CwmpTr181IpAddress	      *self,
				const CwmpTr181IpAddressEntry *old,
				const CwmpTr181IpAddressEntry *new,
				GError **error)
{
	gboolean old_on = old != NULL && cwmp_tr181_ip_address_entry_in_kernel(self, old);
	gboolean new_on = new != NULL &&cwmp_tr181_ip_address_entry_wanted(new);
	g_autoptr(GError) error_local = NULL;

	if (old_on && new_on && g_strcmp0(old->address, new->address) == 0 &&
	    old->prefixlen == new->prefixlen) {
		if (g_strcmp0(old->preferred, new->preferred) == 0 &&
		    g_strcmp0(old->valid, new->valid) == 0)
			return TRUE;
		/* only the lifetimes: the kernel updates the address in place */
		if (!cwmp_tr181_ip_address_kernel_change(self, new, TRUE, NLM_F_REPLACE, error))
			return FALSE;
	} else {
		if (old_on && !cwmp_tr181_ip_address_kernel_change(self, old, FALSE, 0, error))
			return FALSE;
		if (new_on &&
		    !cwmp_tr181_ip_address_kernel_change(self, new, TRUE, NLM_F_EXCL, error)) {
			if (old_on && !cwmp_tr181_ip_address_kernel_change(
					  self, old, TRUE, NLM_F_EXCL, &error_local))
				g_warning("cannot restore %s/%d on %s: %s", old->address,
					  old->prefixlen, old->ifname, error_local->message);
			return FALSE;
		}
	}
	/* reads right after this see the kernel's new state; pushes wait for the idle */
	if (!cwmp_tr181_netlink_sync(self->plugin->netlink, &error_local))
		g_debug("%s", error_local->message);
	return TRUE;
}

/* --- keys ------------------------------------------------------------------ */

static gboolean
cwmp_tr181_ip_address_key_taken(CwmpTr181IpAddress    *self,
				CwmpTr181IpAddressKind kind,
				const gchar	      *ifname,
				const gchar	      *key)
{
	return cwmp_tr181_ip_address_find_entry(self, kind, ifname, key) != NULL;
}

/* "a:addr/len" (or "p:"); an entry that took over that key earlier keeps it */
static gchar *
cwmp_tr181_ip_address_free_key(CwmpTr181IpAddress    *self,
			       CwmpTr181IpAddressKind kind,
			       const gchar	     *ifname,
			       const gchar	     *address,
			       guint		      prefixlen)
{
	const gchar *tag = kind == CWMP_TR181_IP_ADDRESS_KIND_PREFIX ? "p" : "a";
	gchar	    *key = g_strdup_printf("%s:%s/%u", tag, address, prefixlen);
	for (guint n = 2; cwmp_tr181_ip_address_key_taken(self, kind, ifname, key); n++) {
		g_free(key);
		key = g_strdup_printf("%s:%s/%u#%u", tag, address, prefixlen, n);
	}
	return key;
}

/* the key the instance of a kernel address has */
static gchar *
cwmp_tr181_ip_address_kernel_key(CwmpTr181IpAddress *self,
				 const gchar	    *ifname,
				 struct rtnl_addr   *addr)
{
	CwmpTr181IpAddressKind	 kind = rtnl_addr_get_family(addr) == AF_INET
					    ? CWMP_TR181_IP_ADDRESS_KIND_V4
					    : CWMP_TR181_IP_ADDRESS_KIND_V6;
	g_autofree gchar	*text = cwmp_tr181_ip_address_kernel_text(addr);
	guint			 prefixlen = (guint) rtnl_addr_get_prefixlen(addr);
	CwmpTr181IpAddressEntry *entry;

	if (text == NULL)
		return NULL;
	entry = cwmp_tr181_ip_address_find_claim(self, kind, ifname, text, prefixlen);
	if (entry != NULL)
		return g_strdup(entry->key);
	return cwmp_tr181_ip_address_free_key(self, kind, ifname, text, prefixlen);
}

/* "a:addr/len[#n]" -> addr, len */
static gboolean
cwmp_tr181_ip_address_parse_key(const gchar *key, gchar **address, guint *prefixlen)
{
	const gchar	 *slash;
	g_autofree gchar *len = NULL;
	guint64		  value = 0;

	if (key == NULL || (key[0] != 'a' && key[0] != 'p') || key[1] != ':')
		return FALSE;
	slash = strrchr(key, '/');
	if (slash == NULL)
		return FALSE;
	len = g_strndup(slash + 1, strcspn(slash + 1, "#"));
	if (!g_ascii_string_to_unsigned(len, 10, 0, 128, &value, NULL))
		return FALSE;
	*address = g_strndup(key + 2, slash - key - 2);
	*prefixlen = (guint) value;
	return TRUE;
}

/* the derived prefix of a kernel IPv6 address, NULL for a /128 */
static gchar *
cwmp_tr181_ip_address_kernel_prefix(struct rtnl_addr *addr)
{
	g_autofree gchar *text = cwmp_tr181_ip_address_kernel_text(addr);
	guint		  prefixlen = (guint) rtnl_addr_get_prefixlen(addr);
	if (text == NULL || prefixlen >= 128 || rtnl_addr_get_family(addr) != AF_INET6)
		return NULL;
	return cwmp_tr181_ip_address_prefix_of(text, prefixlen);
}

/* --- what an instance is ------------------------------------------------- */

typedef struct {
	const gchar		*ifname;
	gint			 ifindex;
	CwmpTr181IpAddressEntry *entry;	  /* nullable */
	struct rtnl_addr	*kernel;  /* nullable: the kernel's address of the instance */
	gchar			*address; /* "a:"/"p:" keys: from the key */
	guint			 prefixlen;
} CwmpTr181IpAddressView;

static void
cwmp_tr181_ip_address_view_clear(CwmpTr181IpAddressView *view)
{
	g_clear_pointer(&view->address, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CwmpTr181IpAddressView, cwmp_tr181_ip_address_view_clear)

static CwmpTr181IpAddress *
cwmp_tr181_ip_address_get_self(gpointer user_data, GError **error)
{
	CwmpTr181Plugin *plugin = user_data;
	if (plugin->ip_address == NULL || plugin->netlink == NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "the IP address module is not started");
		return NULL;
	}
	return plugin->ip_address;
}

static gboolean
cwmp_tr181_ip_address_resolve(CwmpTr181IpAddress     *self,
			      CwmpDmObject	     *object,
			      CwmpTr181IpAddressKind  kind,
			      CwmpTr181IpAddressView *view,
			      GError		    **error)
{
	CwmpDmObject *parent = cwmp_dm_object_get_parent(object);
	const gchar  *key = cwmp_dm_object_get_key(object);

	view->ifname = parent != NULL ? cwmp_dm_object_get_key(parent) : NULL;
	view->ifindex = cwmp_tr181_ip_address_ifindex(self, view->ifname);
	view->entry = cwmp_tr181_ip_address_find_entry(self, kind, view->ifname, key);
	if (view->entry != NULL) {
		if (kind != CWMP_TR181_IP_ADDRESS_KIND_PREFIX &&
		    cwmp_tr181_ip_address_entry_wanted(view->entry))
			view->kernel = cwmp_tr181_ip_address_find_kernel(
			    self, view->ifindex, cwmp_tr181_ip_address_family(kind),
			    view->entry->address, (guint) view->entry->prefixlen);
		return TRUE;
	}
	if (!cwmp_tr181_ip_address_parse_key(key, &view->address, &view->prefixlen)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "instance key '%s' is not one of this module", key != NULL ? key : "");
		return FALSE;
	}
	if (kind == CWMP_TR181_IP_ADDRESS_KIND_PREFIX)
		return TRUE;
	view->kernel = cwmp_tr181_ip_address_find_kernel(self, view->ifindex,
							 cwmp_tr181_ip_address_family(kind),
							 view->address, view->prefixlen);
	if (view->kernel == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "%s/%u is no longer on %s", view->address, view->prefixlen,
			    view->ifname);
		return FALSE;
	}
	return TRUE;
}

/* the first kernel address of the interface inside a derived prefix */
static struct rtnl_addr *
cwmp_tr181_ip_address_find_prefix_member(CwmpTr181IpAddress *self,
					 gint		     ifindex,
					 const gchar	    *network,
					 guint		     prefixlen)
{
	struct nl_cache *cache =
	    cwmp_tr181_netlink_get_cache(self->plugin->netlink, CWMP_TR181_NETLINK_ADDR);
	g_autofree gchar *want = g_strdup_printf("%s/%u", network, prefixlen);

	for (struct nl_object *obj = nl_cache_get_first(cache); obj != NULL;
	     obj = nl_cache_get_next(obj)) {
		struct rtnl_addr *addr = (struct rtnl_addr *) obj;
		g_autofree gchar *prefix = NULL;
		if (rtnl_addr_get_ifindex(addr) != ifindex ||
		    rtnl_addr_get_family(addr) != AF_INET6)
			continue;
		prefix = cwmp_tr181_ip_address_kernel_prefix(addr);
		if (g_strcmp0(prefix, want) == 0)
			return addr;
	}
	return NULL;
}

/* --- enumerate ------------------------------------------------------------ */

static CwmpTr181IpAddressKind
cwmp_tr181_ip_address_kind_of_table(const gchar *table)
{
	for (guint k = 0; k < CWMP_TR181_IP_ADDRESS_KIND_LAST; k++) {
		if (g_strcmp0(table, cwmp_tr181_ip_address_tables[k]) == 0)
			return k;
	}
	return CWMP_TR181_IP_ADDRESS_KIND_LAST;
}

static gboolean
cwmp_tr181_ip_address_enumerate(CwmpDmObject	   *parent,
				const gchar	   *table,
				CwmpDmInstanceList *list,
				gpointer	    user_data,
				GError		  **error)
{
	CwmpTr181IpAddress    *self = cwmp_tr181_ip_address_get_self(user_data, error);
	CwmpTr181IpAddressKind kind = cwmp_tr181_ip_address_kind_of_table(table);
	const gchar	      *ifname = cwmp_dm_object_get_key(parent);
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	struct nl_cache *cache;
	gint		 ifindex;
	gint		 family;

	if (self == NULL)
		return FALSE;
	g_return_val_if_fail(kind != CWMP_TR181_IP_ADDRESS_KIND_LAST, FALSE);
	ifindex = cwmp_tr181_ip_address_ifindex(self, ifname);
	family = cwmp_tr181_ip_address_family(kind);
	cache = cwmp_tr181_netlink_get_cache(self->plugin->netlink, CWMP_TR181_NETLINK_ADDR);
	for (struct nl_object *obj = nl_cache_get_first(cache); ifindex > 0 && obj != NULL;
	     obj = nl_cache_get_next(obj)) {
		struct rtnl_addr *addr = (struct rtnl_addr *) obj;
		g_autofree gchar *key = NULL;
		if (rtnl_addr_get_ifindex(addr) != ifindex || rtnl_addr_get_family(addr) != family)
			continue;
		if (kind == CWMP_TR181_IP_ADDRESS_KIND_PREFIX) {
			g_autofree gchar *prefix = cwmp_tr181_ip_address_kernel_prefix(addr);
			g_autofree gchar *network = NULL;
			guint		  prefixlen = 0;
			if (prefix == NULL ||
			    !cwmp_tr181_ip_address_parse_prefix(prefix, &network, &prefixlen, NULL))
				continue;
			/* a static prefix entry with the same prefix stands for it */
			if (cwmp_tr181_ip_address_find_claim(self, kind, ifname, network,
							     prefixlen) != NULL)
				continue;
			key =
			    cwmp_tr181_ip_address_free_key(self, kind, ifname, network, prefixlen);
		} else {
			key = cwmp_tr181_ip_address_kernel_key(self, ifname, addr);
		}
		if (key == NULL || g_hash_table_contains(seen, key))
			continue;
		cwmp_dm_instance_list_add(list, key, NULL, NULL);
		g_hash_table_add(seen, g_steal_pointer(&key));
	}
	for (guint i = 0; i < self->entries->len; i++) {
		CwmpTr181IpAddressEntry *entry = g_ptr_array_index(self->entries, i);
		if (entry->kind != kind || g_strcmp0(entry->ifname, ifname) != 0 ||
		    g_hash_table_contains(seen, entry->key))
			continue;
		cwmp_dm_instance_list_add(list, entry->key, NULL, NULL);
		g_hash_table_add(seen, g_strdup(entry->key));
	}
	return TRUE;
}

/* --- add and delete --------------------------------------------------------- */

static gboolean
cwmp_tr181_ip_address_add(CwmpDmObject		*instance,
			  CwmpTr181IpAddressKind kind,
			  gpointer		 user_data,
			  GError	       **error)
{
	CwmpTr181IpAddress	*self = cwmp_tr181_ip_address_get_self(user_data, error);
	CwmpDmObject		*parent = cwmp_dm_object_get_parent(instance);
	g_autofree gchar	*key = NULL;
	CwmpTr181IpAddressEntry *entry;

	if (self == NULL)
		return FALSE;
	for (;;) {
		key = g_strdup_printf("s:%" G_GUINT64_FORMAT, self->next_id++);
		if (!cwmp_tr181_ip_address_key_taken(self, kind, cwmp_dm_object_get_key(parent),
						     key))
			break;
		g_clear_pointer(&key, g_free);
	}
	entry = cwmp_tr181_ip_address_entry_new(kind, cwmp_dm_object_get_key(parent), key);
	g_ptr_array_add(self->entries, entry);
	if (!cwmp_tr181_ip_address_save(self, error)) {
		g_ptr_array_remove(self->entries, entry);
		return FALSE;
	}
	cwmp_dm_object_set_key(instance, key);
	return TRUE;
}

/* whether the kernel's own address may be changed through the data model */
static gboolean
cwmp_tr181_ip_address_kernel_is_static(CwmpTr181IpAddressKind	     kind,
				       const CwmpTr181IpAddressView *view)
{
	guint flags = (guint) rtnl_addr_get_flags(view->kernel);
	if (kind == CWMP_TR181_IP_ADDRESS_KIND_V4)
		return g_strcmp0(cwmp_tr181_ip_address_addressing_type(view->address, flags),
				 "Static") == 0;
	return g_strcmp0(cwmp_tr181_ip_address_ipv6_origin(view->address, view->prefixlen, flags),
			 "Static") == 0;
}

static const gchar *
cwmp_tr181_ip_address_kernel_origin(CwmpTr181IpAddressKind kind, const CwmpTr181IpAddressView *view)
{
	guint flags = (guint) rtnl_addr_get_flags(view->kernel);
	if (kind == CWMP_TR181_IP_ADDRESS_KIND_V4)
		return cwmp_tr181_ip_address_addressing_type(view->address, flags);
	return cwmp_tr181_ip_address_ipv6_origin(view->address, view->prefixlen, flags);
}

static gboolean
cwmp_tr181_ip_address_del(CwmpDmObject		*instance,
			  CwmpTr181IpAddressKind kind,
			  gpointer		 user_data,
			  GError	       **error)
{
	CwmpTr181IpAddress *self = cwmp_tr181_ip_address_get_self(user_data, error);
	g_auto(CwmpTr181IpAddressView) view = {NULL};

	if (self == NULL || !cwmp_tr181_ip_address_resolve(self, instance, kind, &view, error))
		return FALSE;
	if (view.entry != NULL) {
		g_autoptr(CwmpTr181IpAddressEntry) entry = NULL;
		guint idx = 0;
		if (kind != CWMP_TR181_IP_ADDRESS_KIND_PREFIX &&
		    !cwmp_tr181_ip_address_reconcile(self, view.entry, NULL, error))
			return FALSE;
		g_ptr_array_find(self->entries, view.entry, &idx);
		entry = g_ptr_array_steal_index(self->entries, idx);
		if (!cwmp_tr181_ip_address_save(self, error)) {
			/* the kernel no longer has it; the entry must not come back either */
			g_prefix_error_literal(error, "removed, but: ");
			return FALSE;
		}
		return TRUE;
	}
	if (kind == CWMP_TR181_IP_ADDRESS_KIND_PREFIX) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED,
			    "prefix %s/%u is derived from the addresses of %s: delete those "
			    "instead",
			    view.address, view.prefixlen, view.ifname);
		return FALSE;
	}
	if (!cwmp_tr181_ip_address_kernel_is_static(kind, &view)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED,
			    "%s/%u on %s was assigned by %s, not configured: it cannot be deleted",
			    view.address, view.prefixlen, view.ifname,
			    cwmp_tr181_ip_address_kernel_origin(kind, &view));
		return FALSE;
	}
	{
		g_autoptr(CwmpTr181IpAddressEntry) gone = cwmp_tr181_ip_address_entry_new(
		    kind, view.ifname, cwmp_dm_object_get_key(instance));
		gone->enable = TRUE;
		gone->address = g_strdup(view.address);
		gone->prefixlen = (gint) view.prefixlen;
		/* reconcile syncs the cache: our watch only queues, so this instance stays */
		return cwmp_tr181_ip_address_reconcile(self, gone, NULL, error);
	}
}

/* --- getters ------------------------------------------------------------------ */

static const gchar *
cwmp_tr181_ip_address_entry_status(CwmpTr181IpAddress *self, const CwmpTr181IpAddressView *view)
{
	const CwmpTr181IpAddressEntry *entry = view->entry;
	if (entry == NULL)
		return "Enabled";
	if (!entry->enable)
		return "Disabled";
	if (entry->kind == CWMP_TR181_IP_ADDRESS_KIND_PREFIX)
		return entry->address != NULL ? "Enabled" : "Error";
	if (!cwmp_tr181_ip_address_entry_wanted(entry))
		return "Error_Misconfigured";
	return view->kernel != NULL ? "Enabled" : "Error";
}

static gchar *
cwmp_tr181_ip_address_get_v4(CwmpDmObject *object,
			     const gchar  *name,
			     gpointer	   user_data,
			     GError	 **error)
{
	CwmpTr181IpAddress *self = cwmp_tr181_ip_address_get_self(user_data, error);
	g_auto(CwmpTr181IpAddressView) view = {NULL};
	const gchar *address;
	gint	     prefixlen;

	if (self == NULL || !cwmp_tr181_ip_address_resolve(
				self, object, CWMP_TR181_IP_ADDRESS_KIND_V4, &view, error))
		return NULL;
	address = view.entry != NULL ? view.entry->address : view.address;
	prefixlen = view.entry != NULL ? view.entry->prefixlen : (gint) view.prefixlen;
	if (g_strcmp0(name, "Enable") == 0)
		return g_strdup(view.entry == NULL || view.entry->enable ? "true" : "false");
	if (g_strcmp0(name, "Status") == 0)
		return g_strdup(cwmp_tr181_ip_address_entry_status(self, &view));
	if (g_strcmp0(name, "IPAddress") == 0)
		return g_strdup(address != NULL ? address : "");
	if (g_strcmp0(name, "SubnetMask") == 0)
		return prefixlen >= 0 && prefixlen <= 32
			   ? cwmp_tr181_ip_address_prefixlen_to_mask((guint) prefixlen)
			   : g_strdup("");
	if (g_strcmp0(name, "AddressingType") == 0)
		return g_strdup(view.entry != NULL ? "Static"
						   : cwmp_tr181_ip_address_kernel_origin(
							 CWMP_TR181_IP_ADDRESS_KIND_V4, &view));
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "no parameter %s", name);
	return NULL;
}

/* the path of the IPv6Prefix instance holding address/prefixlen, "" when none */
static gchar *
cwmp_tr181_ip_address_prefix_path(CwmpTr181IpAddress *self,
				  CwmpDmObject	     *iface,
				  const gchar	     *address,
				  gint		      prefixlen)
{
	g_autofree gchar	*prefix = NULL;
	g_autofree gchar	*network = NULL;
	g_autofree gchar	*key = NULL;
	CwmpTr181IpAddressEntry *claim;
	CwmpDmObject		*instance;
	guint			 len = 0;

	if (address == NULL || prefixlen < 0 || prefixlen >= 128)
		return g_strdup("");
	prefix = cwmp_tr181_ip_address_prefix_of(address, (guint) prefixlen);
	if (prefix == NULL || !cwmp_tr181_ip_address_parse_prefix(prefix, &network, &len, NULL))
		return g_strdup("");
	claim = cwmp_tr181_ip_address_find_claim(self, CWMP_TR181_IP_ADDRESS_KIND_PREFIX,
						 cwmp_dm_object_get_key(iface), network, len);
	key = claim != NULL
		  ? g_strdup(claim->key)
		  : cwmp_tr181_ip_address_free_key(self, CWMP_TR181_IP_ADDRESS_KIND_PREFIX,
						   cwmp_dm_object_get_key(iface), network, len);
	instance = cwmp_dm_object_lookup_instance(iface, "IPv6Prefix", key);
	return instance != NULL ? cwmp_dm_object_dup_path(instance) : g_strdup("");
}

static gchar *
cwmp_tr181_ip_address_get_v6(CwmpDmObject *object,
			     const gchar  *name,
			     gpointer	   user_data,
			     GError	 **error)
{
	CwmpTr181IpAddress *self = cwmp_tr181_ip_address_get_self(user_data, error);
	g_auto(CwmpTr181IpAddressView) view = {NULL};
	const gchar *address;
	gint	     prefixlen;

	if (self == NULL || !cwmp_tr181_ip_address_resolve(
				self, object, CWMP_TR181_IP_ADDRESS_KIND_V6, &view, error))
		return NULL;
	address = view.entry != NULL ? view.entry->address : view.address;
	prefixlen = view.entry != NULL ? view.entry->prefixlen : (gint) view.prefixlen;
	if (g_strcmp0(name, "Enable") == 0)
		return g_strdup(view.entry == NULL || view.entry->enable ? "true" : "false");
	if (g_strcmp0(name, "Status") == 0)
		return g_strdup(cwmp_tr181_ip_address_entry_status(self, &view));
	if (g_strcmp0(name, "IPAddressStatus") == 0) {
		if (view.kernel == NULL)
			return g_strdup("Invalid");
		return g_strdup(
		    cwmp_tr181_ip_address_ipv6_status(rtnl_addr_get_flags(view.kernel)));
	}
	if (g_strcmp0(name, "IPAddress") == 0)
		return g_strdup(address != NULL ? address : "");
	if (g_strcmp0(name, "Origin") == 0)
		return g_strdup(view.entry != NULL ? "Static"
						   : cwmp_tr181_ip_address_kernel_origin(
							 CWMP_TR181_IP_ADDRESS_KIND_V6, &view));
	if (g_strcmp0(name, "Prefix") == 0)
		return cwmp_tr181_ip_address_prefix_path(self, cwmp_dm_object_get_parent(object),
							 address, prefixlen);
	if (g_strcmp0(name, "PreferredLifetime") == 0 || g_strcmp0(name, "ValidLifetime") == 0) {
		gboolean valid = name[0] == 'V';
		/* an entry's are what was configured, to the second */
		if (view.entry != NULL)
			return g_strdup(valid ? view.entry->valid : view.entry->preferred);
		return cwmp_tr181_ip_address_kernel_lifetime(self, view.kernel, valid);
	}
	if (g_strcmp0(name, "Anycast") == 0)
		return g_strdup("false");
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "no parameter %s", name);
	return NULL;
}

static gchar *
cwmp_tr181_ip_address_get_prefix(CwmpDmObject *object,
				 const gchar  *name,
				 gpointer      user_data,
				 GError	     **error)
{
	CwmpTr181IpAddress *self = cwmp_tr181_ip_address_get_self(user_data, error);
	g_auto(CwmpTr181IpAddressView) view = {NULL};
	struct rtnl_addr	      *member = NULL;
	const CwmpTr181IpAddressEntry *entry;

	if (self == NULL || !cwmp_tr181_ip_address_resolve(
				self, object, CWMP_TR181_IP_ADDRESS_KIND_PREFIX, &view, error))
		return NULL;
	entry = view.entry;
	if (entry == NULL) {
		member = cwmp_tr181_ip_address_find_prefix_member(self, view.ifindex, view.address,
								  view.prefixlen);
		if (member == NULL) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
				    "no address of %s is in %s/%u any longer", view.ifname,
				    view.address, view.prefixlen);
			return NULL;
		}
	}
	if (g_strcmp0(name, "Enable") == 0)
		return g_strdup(entry == NULL || entry->enable ? "true" : "false");
	if (g_strcmp0(name, "Status") == 0)
		return g_strdup(cwmp_tr181_ip_address_entry_status(self, &view));
	if (g_strcmp0(name, "PrefixStatus") == 0) {
		if (entry != NULL)
			return g_strdup(entry->enable && entry->address != NULL ? "Preferred"
										: "Invalid");
		return g_strdup((rtnl_addr_get_flags(member) & IFA_F_DEPRECATED) != 0 ? "Deprecated"
										      : "Preferre"
											"d");
	}
	if (g_strcmp0(name, "Prefix") == 0) {
		if (entry != NULL)
			return entry->address != NULL
				   ? g_strdup_printf("%s/%d", entry->address, entry->prefixlen)
				   : g_strdup("");
		return g_strdup_printf("%s/%u", view.address, view.prefixlen);
	}
	if (g_strcmp0(name, "Origin") == 0) {
		if (entry != NULL)
			return g_strdup("Static");
		if (g_str_has_prefix(view.address, "fe80:") ||
		    g_strcmp0(view.address, "fe80::") == 0)
			return g_strdup("WellKnown");
		if ((rtnl_addr_get_flags(member) & IFA_F_PERMANENT) != 0)
			return g_strdup("Static");
		return g_strdup("RouterAdvertisement");
	}
	if (g_strcmp0(name, "StaticType") == 0) {
		gboolean is_static =
		    entry != NULL || ((rtnl_addr_get_flags(member) & IFA_F_PERMANENT) != 0 &&
				      !g_str_has_prefix(view.address, "fe80:"));
		return g_strdup(is_static ? "Static" : "Inapplicable");
	}
	if (g_strcmp0(name, "ParentPrefix") == 0)
		return g_strdup(entry != NULL ? entry->parent_prefix : "");
	if (g_strcmp0(name, "ChildPrefixBits") == 0)
		return g_strdup(entry != NULL ? entry->child_prefix_bits : "");
	if (g_strcmp0(name, "OnLink") == 0) {
		if (entry != NULL)
			return g_strdup(entry->on_link ? "true" : "false");
		/* the kernel makes the on-link route unless told not to */
		return g_strdup((rtnl_addr_get_flags(member) & IFA_F_NOPREFIXROUTE) == 0 ? "true"
											 : "false");
	}
	if (g_strcmp0(name, "Autonomous") == 0) {
		if (entry != NULL)
			return g_strdup(entry->autonomous ? "true" : "false");
		/* SLAAC made an address from it: a dynamic address of the prefix */
		return g_strdup((rtnl_addr_get_flags(member) & IFA_F_PERMANENT) == 0 ? "true"
										     : "false");
	}
	if (g_strcmp0(name, "PreferredLifetime") == 0 || g_strcmp0(name, "ValidLifetime") == 0) {
		gboolean valid = name[0] == 'V';
		if (entry != NULL)
			return g_strdup(valid ? entry->valid : entry->preferred);
		return cwmp_tr181_ip_address_kernel_lifetime(self, member, valid);
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "no parameter %s", name);
	return NULL;
}

/* --- setters ------------------------------------------------------------------ */

static gboolean
cwmp_tr181_ip_address_validate_mask(CwmpDmObject *object,
				    const gchar	 *name,
				    const gchar	 *value,
				    gpointer	  user_data,
				    GError	**error)
{
	guint prefixlen = 0;
	if (value[0] == '\0')
		return TRUE;
	return cwmp_tr181_ip_address_mask_to_prefixlen(value, &prefixlen, error);
}

static gboolean
cwmp_tr181_ip_address_validate_prefix(CwmpDmObject *object,
				      const gchar  *name,
				      const gchar  *value,
				      gpointer	    user_data,
				      GError	  **error)
{
	g_autofree gchar *network = NULL;
	guint		  prefixlen = 0;
	if (value[0] == '\0')
		return TRUE;
	return cwmp_tr181_ip_address_parse_prefix(value, &network, &prefixlen, error);
}

static gboolean
cwmp_tr181_ip_address_validate_lifetime(CwmpDmObject *object,
					const gchar  *name,
					const gchar  *value,
					gpointer      user_data,
					GError	    **error)
{
	guint32 remaining = 0;
	return cwmp_tr181_ip_address_parse_lifetime(value, g_get_real_time() / G_USEC_PER_SEC,
						    &remaining, error);
}

/*
 * the entry a write goes to: the instance's own, or the kernel's static
 * address taken over under its key (*adopted is then set, not yet saved)
 */
static CwmpTr181IpAddressEntry *
cwmp_tr181_ip_address_entry_for_write(CwmpTr181IpAddress    *self,
				      CwmpDmObject	    *object,
				      CwmpTr181IpAddressKind kind,
				      const gchar	    *name,
				      gboolean		    *adopted,
				      GError		   **error)
{
	g_auto(CwmpTr181IpAddressView) view = {NULL};
	CwmpTr181IpAddressEntry *entry;

	*adopted = FALSE;
	if (!cwmp_tr181_ip_address_resolve(self, object, kind, &view, error))
		return NULL;
	if (view.entry != NULL)
		return view.entry;
	if (kind == CWMP_TR181_IP_ADDRESS_KIND_PREFIX) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_NON_WRITABLE_PARAMETER,
			    "%s: prefix %s/%u is derived from the addresses of %s; change those",
			    name, view.address, view.prefixlen, view.ifname);
		return NULL;
	}
	if (!cwmp_tr181_ip_address_kernel_is_static(kind, &view)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_NON_WRITABLE_PARAMETER,
			    "%s: %s/%u on %s was assigned by %s; only Static addresses can be "
			    "changed",
			    name, view.address, view.prefixlen, view.ifname,
			    cwmp_tr181_ip_address_kernel_origin(kind, &view));
		return NULL;
	}
	entry = cwmp_tr181_ip_address_entry_new(kind, view.ifname, cwmp_dm_object_get_key(object));
	entry->enable = TRUE;
	entry->address = g_strdup(view.address);
	entry->prefixlen = (gint) view.prefixlen;
	if (kind == CWMP_TR181_IP_ADDRESS_KIND_V6) {
		g_free(entry->preferred);
		g_free(entry->valid);
		entry->preferred = cwmp_tr181_ip_address_kernel_lifetime(self, view.kernel, FALSE);
		entry->valid = cwmp_tr181_ip_address_kernel_lifetime(self, view.kernel, TRUE);
	}
	g_ptr_array_add(self->entries, entry);
	*adopted = TRUE;
	return entry;
}

/* the prefix length an IPv6Address's Prefix reference gives, 128 for none */
static gboolean
cwmp_tr181_ip_address_resolve_prefix_ref(CwmpTr181IpAddress *self,
					 CwmpDmObject	    *object,
					 const gchar	    *value,
					 const gchar	    *address,
					 gint		    *prefixlen,
					 GError		   **error)
{
	CwmpDmObject		*iface = cwmp_dm_object_get_parent(object);
	CwmpDmObject		*target;
	CwmpTr181IpAddressEntry *entry;
	g_autofree gchar	*network = NULL;
	guint			 len = 0;

	if (value[0] == '\0') {
		*prefixlen = 128;
		return TRUE;
	}
	target = cwmp_dm_lookup_object(cwmp_dm_object_get_dm(object), value);
	if (target == NULL || cwmp_dm_object_get_parent(target) != iface ||
	    cwmp_dm_object_get_key(target) == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "%s is not an IPv6Prefix instance of the same interface", value);
		return FALSE;
	}
	{
		g_autofree gchar *target_path = cwmp_dm_object_dup_path(target);
		g_autofree gchar *iface_path = cwmp_dm_object_dup_path(iface);
		g_autofree gchar *table = g_strconcat(iface_path, "IPv6Prefix.", NULL);
		if (!g_str_has_prefix(target_path, table)) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "%s is not an IPv6Prefix instance of %s", value, iface_path);
			return FALSE;
		}
	}
	entry = cwmp_tr181_ip_address_find_entry(self, CWMP_TR181_IP_ADDRESS_KIND_PREFIX,
						 cwmp_dm_object_get_key(iface),
						 cwmp_dm_object_get_key(target));
	if (entry != NULL) {
		if (entry->address == NULL) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "%s has no Prefix yet", value);
			return FALSE;
		}
		network = g_strdup(entry->address);
		len = (guint) entry->prefixlen;
	} else if (!cwmp_tr181_ip_address_parse_key(cwmp_dm_object_get_key(target), &network,
						    &len)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "%s: unknown prefix", value);
		return FALSE;
	}
	if (address != NULL) {
		g_autofree gchar *of = cwmp_tr181_ip_address_prefix_of(address, len);
		g_autofree gchar *want = g_strdup_printf("%s/%u", network, len);
		if (g_strcmp0(of, want) != 0) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "%s is not inside prefix %s", address, want);
			return FALSE;
		}
	}
	*prefixlen = (gint) len;
	return TRUE;
}

/* puts @value of @name into @copy, the entry as it will be */
static gboolean
cwmp_tr181_ip_address_update_copy(CwmpTr181IpAddress	  *self,
				  CwmpDmObject		  *object,
				  CwmpTr181IpAddressEntry *copy,
				  const gchar		  *name,
				  const gchar		  *value,
				  GError		 **error)
{
	gint family = cwmp_tr181_ip_address_family(copy->kind);

	if (g_strcmp0(name, "Enable") == 0 || g_strcmp0(name, "OnLink") == 0 ||
	    g_strcmp0(name, "Autonomous") == 0) {
		gboolean flag = FALSE;
		if (!cwmp_value_parse_boolean(value, &flag, error))
			return FALSE;
		if (name[0] == 'E')
			copy->enable = flag;
		else if (name[0] == 'O')
			copy->on_link = flag;
		else
			copy->autonomous = flag;
		return TRUE;
	}
	if (g_strcmp0(name, "IPAddress") == 0) {
		g_autofree gchar *canonical = NULL;
		if (value[0] != '\0') {
			canonical = cwmp_tr181_ip_address_canonical(family, value, error);
			if (canonical == NULL)
				return FALSE;
		}
		g_free(copy->address);
		copy->address = g_steal_pointer(&canonical);
		return TRUE;
	}
	if (g_strcmp0(name, "SubnetMask") == 0) {
		guint prefixlen = 0;
		if (value[0] == '\0') {
			copy->prefixlen = -1;
			return TRUE;
		}
		if (!cwmp_tr181_ip_address_mask_to_prefixlen(value, &prefixlen, error))
			return FALSE;
		copy->prefixlen = (gint) prefixlen;
		return TRUE;
	}
	if (g_strcmp0(name, "Prefix") == 0 && copy->kind == CWMP_TR181_IP_ADDRESS_KIND_V6)
		return cwmp_tr181_ip_address_resolve_prefix_ref(self, object, value, copy->address,
								&copy->prefixlen, error);
	if (g_strcmp0(name, "Prefix") == 0) {
		g_autofree gchar *network = NULL;
		guint		  prefixlen = 0;
		if (value[0] == '\0') {
			g_clear_pointer(&copy->address, g_free);
			copy->prefixlen = -1;
			return TRUE;
		}
		if (!cwmp_tr181_ip_address_parse_prefix(value, &network, &prefixlen, error))
			return FALSE;
		g_free(copy->address);
		copy->address = g_steal_pointer(&network);
		copy->prefixlen = (gint) prefixlen;
		return TRUE;
	}
	if (g_strcmp0(name, "PreferredLifetime") == 0 || g_strcmp0(name, "ValidLifetime") == 0) {
		gchar **slot = name[0] == 'V' ? &copy->valid : &copy->preferred;
		g_free(*slot);
		*slot = g_strdup(value);
		return TRUE;
	}
	if (g_strcmp0(name, "ParentPrefix") == 0 || g_strcmp0(name, "ChildPrefixBits") == 0) {
		gchar **slot = name[0] == 'P' ? &copy->parent_prefix : &copy->child_prefix_bits;
		g_free(*slot);
		*slot = g_strdup(value);
		return TRUE;
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_NON_WRITABLE_PARAMETER, "%s cannot be changed",
		    name);
	return FALSE;
}

static gboolean
cwmp_tr181_ip_address_set(CwmpDmObject		*object,
			  CwmpTr181IpAddressKind kind,
			  const gchar		*name,
			  const gchar		*value,
			  gpointer		 user_data,
			  GError	       **error)
{
	CwmpTr181IpAddress *self = cwmp_tr181_ip_address_get_self(user_data, error);
	g_autoptr(CwmpTr181IpAddressEntry) copy = NULL;
	g_autoptr(GError) error_local = NULL;
	g_autofree gchar	*now = NULL;
	CwmpTr181IpAddressEntry *entry;
	gboolean		 adopted = FALSE;
	guint			 idx = 0;

	if (self == NULL)
		return FALSE;
	/* writing what is there already changes nothing, not even who owns it */
	if (kind == CWMP_TR181_IP_ADDRESS_KIND_V4)
		now = cwmp_tr181_ip_address_get_v4(object, name, user_data, NULL);
	else if (kind == CWMP_TR181_IP_ADDRESS_KIND_V6)
		now = cwmp_tr181_ip_address_get_v6(object, name, user_data, NULL);
	else
		now = cwmp_tr181_ip_address_get_prefix(object, name, user_data, NULL);
	if (g_strcmp0(now, value) == 0)
		return TRUE;
	if (g_strcmp0(name, "Anycast") == 0) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "anycast addresses are not supported: Linux has no rtnetlink "
				    "request that configures one");
		return FALSE;
	}
	if (g_strcmp0(name, "StaticType") == 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "StaticType %s is not supported: nothing here populates prefix slots",
			    value);
		return FALSE;
	}
	entry = cwmp_tr181_ip_address_entry_for_write(self, object, kind, name, &adopted, error);
	if (entry == NULL)
		return FALSE;
	copy = cwmp_tr181_ip_address_entry_copy(entry);
	if (!cwmp_tr181_ip_address_update_copy(self, object, copy, name, value, error) ||
	    !cwmp_tr181_ip_address_reconcile(self, entry, copy, error)) {
		if (adopted)
			g_ptr_array_remove(self->entries, entry);
		return FALSE;
	}
	g_ptr_array_find(self->entries, entry, &idx);
	self->entries->pdata[idx] = g_steal_pointer(&copy);
	if (!cwmp_tr181_ip_address_save(self, error)) {
		/* not acknowledged unless it is on disk: put the kernel back */
		if (!cwmp_tr181_ip_address_reconcile(self, self->entries->pdata[idx], entry,
						     &error_local))
			g_warning("cannot undo %s: %s", name, error_local->message);
		cwmp_tr181_ip_address_entry_free(self->entries->pdata[idx]);
		self->entries->pdata[idx] = entry;
		if (adopted)
			g_ptr_array_remove_index(self->entries, idx);
		return FALSE;
	}
	cwmp_tr181_ip_address_entry_free(entry);
	return TRUE;
}

/* the add, del and set callbacks of one table, with its kind */
#define CWMP_TR181_IP_ADDRESS_KIND_CALLBACKS(suffix, kind)                                         \
	static gboolean cwmp_tr181_ip_address_add_##suffix(CwmpDmObject *instance,                 \
							   gpointer user_data, GError **error)     \
	{                                                                                          \
		return cwmp_tr181_ip_address_add(instance, (kind), user_data, error);              \
	}                                                                                          \
	static gboolean cwmp_tr181_ip_address_del_##suffix(CwmpDmObject *instance,                 \
							   gpointer user_data, GError **error)     \
	{                                                                                          \
		return cwmp_tr181_ip_address_del(instance, (kind), user_data, error);              \
	}                                                                                          \
	static gboolean cwmp_tr181_ip_address_set_##suffix(CwmpDmObject *object,                   \
							   const gchar *name, const gchar *value,  \
							   gpointer user_data, GError **error)     \
	{                                                                                          \
		return cwmp_tr181_ip_address_set(object, (kind), name, value, user_data, error);   \
	}

CWMP_TR181_IP_ADDRESS_KIND_CALLBACKS(v4, CWMP_TR181_IP_ADDRESS_KIND_V4)
CWMP_TR181_IP_ADDRESS_KIND_CALLBACKS(v6, CWMP_TR181_IP_ADDRESS_KIND_V6)
CWMP_TR181_IP_ADDRESS_KIND_CALLBACKS(prefix, CWMP_TR181_IP_ADDRESS_KIND_PREFIX)

/* --- kernel notifications ------------------------------------------------ */

static void
cwmp_tr181_ip_address_event_free(CwmpTr181IpAddressEvent *event)
{
	rtnl_addr_put(event->addr);
	g_free(event);
}

static void
cwmp_tr181_ip_address_notify(CwmpDmObject	*iface,
			     const gchar	*table,
			     const gchar	*key,
			     const gchar *const *names)
{
	CwmpDmObject *instance = cwmp_dm_object_lookup_instance(iface, table, key);
	for (guint i = 0; instance != NULL && names[i] != NULL; i++)
		cwmp_dm_object_notify_changed(instance, names[i]);
}

static const gchar *const cwmp_tr181_ip_address_v4_pushed[] = {"Status", NULL};
static const gchar *const cwmp_tr181_ip_address_v6_pushed[] = {
    "Status", "IPAddressStatus", "PreferredLifetime", "ValidLifetime", NULL};
static const gchar *const cwmp_tr181_ip_address_prefix_pushed[] = {
    "PrefixStatus", "PreferredLifetime", "ValidLifetime", NULL};

static void
cwmp_tr181_ip_address_handle_prefix(CwmpTr181IpAddress *self,
				    CwmpDmObject       *iface,
				    const gchar	       *ifname,
				    struct rtnl_addr   *addr,
				    gint		action)
{
	g_autofree gchar *prefix = cwmp_tr181_ip_address_kernel_prefix(addr);
	g_autofree gchar *network = NULL;
	g_autofree gchar *key = NULL;
	guint		  prefixlen = 0;

	if (prefix == NULL ||
	    !cwmp_tr181_ip_address_parse_prefix(prefix, &network, &prefixlen, NULL))
		return;
	/* a static prefix entry stands for it: its values come from the entry */
	if (cwmp_tr181_ip_address_find_claim(self, CWMP_TR181_IP_ADDRESS_KIND_PREFIX, ifname,
					     network, prefixlen) != NULL)
		return;
	key = cwmp_tr181_ip_address_free_key(self, CWMP_TR181_IP_ADDRESS_KIND_PREFIX, ifname,
					     network, prefixlen);
	if (cwmp_tr181_ip_address_find_prefix_member(self, rtnl_addr_get_ifindex(addr), network,
						     prefixlen) == NULL) {
		cwmp_dm_object_remove_instance(iface, "IPv6Prefix", key);
		return;
	}
	if (action == NL_ACT_NEW)
		cwmp_dm_object_push_instance(iface, "IPv6Prefix", key, NULL, NULL);
	cwmp_tr181_ip_address_notify(iface, "IPv6Prefix", key, cwmp_tr181_ip_address_prefix_pushed);
}

static void
cwmp_tr181_ip_address_handle(CwmpTr181IpAddress *self, CwmpDm *dm, CwmpTr181IpAddressEvent *event)
{
	struct rtnl_addr	*addr = event->addr;
	gint			 family = rtnl_addr_get_family(addr);
	CwmpTr181IpAddressKind	 kind = family == AF_INET ? CWMP_TR181_IP_ADDRESS_KIND_V4
							  : CWMP_TR181_IP_ADDRESS_KIND_V6;
	const gchar		*table = cwmp_tr181_ip_address_tables[kind];
	const gchar *const	*pushed = kind == CWMP_TR181_IP_ADDRESS_KIND_V4
					      ? cwmp_tr181_ip_address_v4_pushed
					      : cwmp_tr181_ip_address_v6_pushed;
	g_autofree gchar	*ifname = NULL;
	g_autofree gchar	*text = NULL;
	CwmpDmObject		*ip;
	CwmpDmObject		*iface;
	CwmpTr181IpAddressEntry *claim;
	guint			 prefixlen = (guint) rtnl_addr_get_prefixlen(addr);

	if (family != AF_INET && family != AF_INET6)
		return;
	ifname = cwmp_tr181_ip_address_ifname(self, rtnl_addr_get_ifindex(addr));
	text = cwmp_tr181_ip_address_kernel_text(addr);
	ip = cwmp_dm_lookup_object(dm, "Device.IP.");
	if (ifname == NULL || text == NULL || ip == NULL)
		return;
	iface = cwmp_dm_object_lookup_instance(ip, "Interface", ifname);
	if (iface == NULL)
		return;
	claim = cwmp_tr181_ip_address_find_claim(self, kind, ifname, text, prefixlen);
	if (claim != NULL) {
		/* an entry of ours reached (or left) the kernel: its instance stays */
		cwmp_tr181_ip_address_notify(iface, table, claim->key, pushed);
	} else {
		g_autofree gchar *key =
		    cwmp_tr181_ip_address_free_key(self, kind, ifname, text, prefixlen);
		if (event->action == NL_ACT_DEL) {
			cwmp_dm_object_remove_instance(iface, table, key);
		} else {
			if (event->action == NL_ACT_NEW)
				cwmp_dm_object_push_instance(iface, table, key, NULL, NULL);
			cwmp_tr181_ip_address_notify(iface, table, key, pushed);
		}
	}
	if (kind == CWMP_TR181_IP_ADDRESS_KIND_V6)
		cwmp_tr181_ip_address_handle_prefix(self, iface, ifname, addr, event->action);
}

static gboolean
cwmp_tr181_ip_address_idle_cb(gpointer user_data)
{
	CwmpTr181IpAddress *self = user_data;
	CwmpDm *dm = self->plugin->ctx != NULL ? cwmp_plugin_context_get_dm(self->plugin->ctx)
					       : NULL;
	CwmpTr181IpAddressEvent *event;

	self->idle_id = 0;
	while ((event = g_queue_pop_head(&self->events)) != NULL) {
		if (dm != NULL)
			cwmp_tr181_ip_address_handle(self, dm, event);
		cwmp_tr181_ip_address_event_free(event);
	}
	return G_SOURCE_REMOVE;
}

static void
cwmp_tr181_ip_address_netlink_cb(CwmpTr181NetlinkKind kind,
				 struct nl_object    *object,
				 gint		      action,
				 gpointer	      user_data)
{
	CwmpTr181IpAddress	*self = user_data;
	struct rtnl_addr	*addr = (struct rtnl_addr *) object;
	CwmpTr181IpAddressEvent *event;

	if (kind != CWMP_TR181_NETLINK_ADDR)
		return;
	if (action == NL_ACT_DEL) {
		g_autofree gchar *key = cwmp_tr181_ip_address_lifetime_key(addr);
		g_hash_table_remove(self->lifetimes, key);
	} else {
		cwmp_tr181_ip_address_note_lifetimes(self, addr);
	}
	/* the data model is told from an idle: this may run inside one of its callbacks */
	event = g_new0(CwmpTr181IpAddressEvent, 1);
	nl_object_get(object);
	event->addr = addr;
	event->action = action;
	g_queue_push_tail(&self->events, event);
	if (self->idle_id == 0)
		self->idle_id = g_idle_add(cwmp_tr181_ip_address_idle_cb, self);
}

/* --- start and stop ---------------------------------------------------------- */

static void
cwmp_tr181_ip_address_free(CwmpTr181IpAddress *self)
{
	if (self == NULL)
		return;
	if (self->watch_id != 0 && self->plugin->netlink != NULL)
		cwmp_tr181_netlink_remove_watch(self->plugin->netlink, self->watch_id);
	g_clear_handle_id(&self->idle_id, g_source_remove);
	g_queue_clear_full(&self->events, (GDestroyNotify) cwmp_tr181_ip_address_event_free);
	g_ptr_array_unref(self->entries);
	g_hash_table_unref(self->lifetimes);
	g_free(self->filename);
	g_free(self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr181IpAddress, cwmp_tr181_ip_address_free)

static gboolean
cwmp_tr181_ip_address_start(CwmpTr181Plugin *plugin, GError **error)
{
	g_autoptr(CwmpTr181IpAddress) self = g_new0(CwmpTr181IpAddress, 1);
	const gchar *directory =
	    plugin->ctx != NULL ? cwmp_plugin_context_get_state_directory(plugin->ctx) : NULL;
	gboolean reapplied = FALSE;

	self->plugin = plugin;
	self->entries =
	    g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_tr181_ip_address_entry_free);
	self->next_id = 1;
	self->lifetimes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_queue_init(&self->events);
	if (directory != NULL)
		self->filename =
		    g_build_filename(directory, CWMP_TR181_IP_ADDRESS_STATE_FILE, NULL);
	if (!cwmp_tr181_ip_address_load(self, error))
		return FALSE;
	self->watch_id =
	    cwmp_tr181_netlink_add_watch(plugin->netlink, cwmp_tr181_ip_address_netlink_cb, self);
	/* what the ACS configured comes back after a reboot */
	for (guint i = 0; i < self->entries->len; i++) {
		CwmpTr181IpAddressEntry *entry = g_ptr_array_index(self->entries, i);
		g_autoptr(GError) error_local = NULL;
		if (!cwmp_tr181_ip_address_entry_wanted(entry) ||
		    cwmp_tr181_ip_address_ifindex(self, entry->ifname) <= 0 ||
		    cwmp_tr181_ip_address_entry_in_kernel(self, entry))
			continue;
		if (!cwmp_tr181_ip_address_kernel_change(self, entry, TRUE, NLM_F_EXCL,
							 &error_local))
			g_warning("%s", error_local->message);
		else
			reapplied = TRUE;
	}
	if (reapplied && !cwmp_tr181_netlink_sync(plugin->netlink, error))
		return FALSE;
	plugin->ip_address = g_steal_pointer(&self);
	return TRUE;
}

static void
cwmp_tr181_ip_address_stop(CwmpTr181Plugin *plugin)
{
	g_clear_pointer((CwmpTr181IpAddress **) &plugin->ip_address, cwmp_tr181_ip_address_free);
}

/* --- registration ----------------------------------------------------------- */

static const CwmpDmParamDef cwmp_tr181_ip_address_v4_params[] = {
    {.name = "Enable", .get = cwmp_tr181_ip_address_get_v4, .set = cwmp_tr181_ip_address_set_v4},
    {.name = "Status", .get = cwmp_tr181_ip_address_get_v4, .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "IPAddress", .get = cwmp_tr181_ip_address_get_v4, .set = cwmp_tr181_ip_address_set_v4},
    {.name = "SubnetMask",
     .get = cwmp_tr181_ip_address_get_v4,
     .set = cwmp_tr181_ip_address_set_v4,
     .validate = cwmp_tr181_ip_address_validate_mask},
    {.name = "AddressingType", .get = cwmp_tr181_ip_address_get_v4},
    {.name = NULL},
};

static const CwmpDmParamDef cwmp_tr181_ip_address_v6_params[] = {
    {.name = "Enable", .get = cwmp_tr181_ip_address_get_v6, .set = cwmp_tr181_ip_address_set_v6},
    {.name = "Status", .get = cwmp_tr181_ip_address_get_v6, .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "IPAddressStatus",
     .get = cwmp_tr181_ip_address_get_v6,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "IPAddress", .get = cwmp_tr181_ip_address_get_v6, .set = cwmp_tr181_ip_address_set_v6},
    {.name = "Origin", .get = cwmp_tr181_ip_address_get_v6},
    {.name = "Prefix", .get = cwmp_tr181_ip_address_get_v6, .set = cwmp_tr181_ip_address_set_v6},
    {.name = "PreferredLifetime",
     .get = cwmp_tr181_ip_address_get_v6,
     .set = cwmp_tr181_ip_address_set_v6,
     .validate = cwmp_tr181_ip_address_validate_lifetime,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "ValidLifetime",
     .get = cwmp_tr181_ip_address_get_v6,
     .set = cwmp_tr181_ip_address_set_v6,
     .validate = cwmp_tr181_ip_address_validate_lifetime,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "Anycast", .get = cwmp_tr181_ip_address_get_v6, .set = cwmp_tr181_ip_address_set_v6},
    {.name = NULL},
};

static const CwmpDmParamDef cwmp_tr181_ip_address_prefix_params[] = {
    {.name = "Enable",
     .get = cwmp_tr181_ip_address_get_prefix,
     .set = cwmp_tr181_ip_address_set_prefix},
    {.name = "Status", .get = cwmp_tr181_ip_address_get_prefix},
    {.name = "PrefixStatus",
     .get = cwmp_tr181_ip_address_get_prefix,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "Prefix",
     .get = cwmp_tr181_ip_address_get_prefix,
     .set = cwmp_tr181_ip_address_set_prefix,
     .validate = cwmp_tr181_ip_address_validate_prefix},
    {.name = "Origin", .get = cwmp_tr181_ip_address_get_prefix},
    {.name = "StaticType",
     .get = cwmp_tr181_ip_address_get_prefix,
     .set = cwmp_tr181_ip_address_set_prefix},
    {.name = "ParentPrefix",
     .get = cwmp_tr181_ip_address_get_prefix,
     .set = cwmp_tr181_ip_address_set_prefix},
    {.name = "ChildPrefixBits",
     .get = cwmp_tr181_ip_address_get_prefix,
     .set = cwmp_tr181_ip_address_set_prefix,
     .validate = cwmp_tr181_ip_address_validate_prefix},
    {.name = "OnLink",
     .get = cwmp_tr181_ip_address_get_prefix,
     .set = cwmp_tr181_ip_address_set_prefix},
    {.name = "Autonomous",
     .get = cwmp_tr181_ip_address_get_prefix,
     .set = cwmp_tr181_ip_address_set_prefix},
    {.name = "PreferredLifetime",
     .get = cwmp_tr181_ip_address_get_prefix,
     .set = cwmp_tr181_ip_address_set_prefix,
     .validate = cwmp_tr181_ip_address_validate_lifetime,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "ValidLifetime",
     .get = cwmp_tr181_ip_address_get_prefix,
     .set = cwmp_tr181_ip_address_set_prefix,
     .validate = cwmp_tr181_ip_address_validate_lifetime,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_ip_address_v4_object = {
    .path = "Device.IP.Interface.{i}.IPv4Address.{i}.",
    .params = cwmp_tr181_ip_address_v4_params,
    .enumerate = cwmp_tr181_ip_address_enumerate,
    .add = cwmp_tr181_ip_address_add_v4,
    .del = cwmp_tr181_ip_address_del_v4,
};

static const CwmpDmObjectDef cwmp_tr181_ip_address_v6_object = {
    .path = "Device.IP.Interface.{i}.IPv6Address.{i}.",
    .params = cwmp_tr181_ip_address_v6_params,
    .enumerate = cwmp_tr181_ip_address_enumerate,
    .add = cwmp_tr181_ip_address_add_v6,
    .del = cwmp_tr181_ip_address_del_v6,
};

static const CwmpDmObjectDef cwmp_tr181_ip_address_prefix_object = {
    .path = "Device.IP.Interface.{i}.IPv6Prefix.{i}.",
    .params = cwmp_tr181_ip_address_prefix_params,
    .enumerate = cwmp_tr181_ip_address_enumerate,
    .add = cwmp_tr181_ip_address_add_prefix,
    .del = cwmp_tr181_ip_address_del_prefix,
};

static const CwmpDmObjectDef *const cwmp_tr181_ip_address_objects[] = {
    &cwmp_tr181_ip_address_v4_object,
    &cwmp_tr181_ip_address_v6_object,
    &cwmp_tr181_ip_address_prefix_object,
    NULL,
};

const CwmpTr181Module cwmp_tr181_ip_address_module = {
    .name = "ip-address",
    .objects = cwmp_tr181_ip_address_objects,
    .start = cwmp_tr181_ip_address_start,
    .stop = cwmp_tr181_ip_address_stop,
};
