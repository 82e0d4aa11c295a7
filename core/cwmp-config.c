/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-config.h"
#include "cwmp-error.h"

typedef enum {
	CWMP_CONFIG_TYPE_STRING,
	CWMP_CONFIG_TYPE_COMMAND,     /* a command line, parsed like a shell would */
	CWMP_CONFIG_TYPE_PATH,	      /* an absolute path */
	CWMP_CONFIG_TYPE_URL,	      /* an http or https URL */
	CWMP_CONFIG_TYPE_BOOLEAN,     /* true or false */
	CWMP_CONFIG_TYPE_INTEGER,     /* decimal, within min and max */
	CWMP_CONFIG_TYPE_STRING_LIST, /* items separated by commas or semicolons */
	CWMP_CONFIG_TYPE_ENUM,	      /* one of the allowed values */
	CWMP_CONFIG_TYPE_OUI,	      /* six upper-case hexadecimal digits */
} CwmpConfigType;

/* what a change of the value needs to take effect (cwmp_agent_reload()) */
typedef enum {
	/* read again when used or applied by a reload: no restart needed */
	CWMP_CONFIG_FLAG_RUNTIME = 1 << 0,
	/* the factory default of a ManagementServer parameter: the data model
	 * keeps what it runs with, a change takes a factory reset */
	CWMP_CONFIG_FLAG_FACTORY_DEFAULT = 1 << 1,
} CwmpConfigFlags;

typedef struct {
	const gchar	   *group;
	const gchar	   *key;
	CwmpConfigType	    type;
	const gchar	   *default_value; /* NULL: not set unless configured */
	gint64		    min;
	gint64		    max;
	const gchar *const *allowed; /* for enums */
	const gchar	   *alias;   /* another accepted key name */
	gboolean	    secret;  /* never printed by cwmp_config_to_data() */
	CwmpConfigFlags	    flags;
	const gchar	   *description;
} CwmpConfigKey;

static const gchar *const cwmp_config_log_levels[] = {
    "error", "warning", "message", "info", "debug", NULL,
};

/* the order here is the order of cwmp_config_to_data() and of the man page */
static const CwmpConfigKey cwmp_config_keys[] = {
    {
	.group = "acs",
	.key = "url",
	.type = CWMP_CONFIG_TYPE_URL,
	.flags = CWMP_CONFIG_FLAG_FACTORY_DEFAULT,
	.description = "URL of the ACS (http or https)",
    },
    {
	.group = "acs",
	.key = "username",
	.type = CWMP_CONFIG_TYPE_STRING,
	.flags = CWMP_CONFIG_FLAG_FACTORY_DEFAULT,
	.description = "user name for HTTP authentication to the ACS",
    },
    {
	.group = "acs",
	.key = "password",
	.type = CWMP_CONFIG_TYPE_STRING,
	.secret = TRUE,
	.flags = CWMP_CONFIG_FLAG_FACTORY_DEFAULT,
	.description = "password for HTTP authentication to the ACS",
    },
    {
	.group = "acs",
	.key = "ca-file",
	.type = CWMP_CONFIG_TYPE_PATH,
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "PEM file of the CA certificates that may sign the ACS certificate",
    },
    {
	.group = "acs",
	.key = "ca-directory",
	.type = CWMP_CONFIG_TYPE_PATH,
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "directory of CA certificates that may sign the ACS certificate",
    },
    {
	.group = "acs",
	.key = "client-certificate",
	.type = CWMP_CONFIG_TYPE_PATH,
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "PEM certificate the CPE presents to the ACS",
    },
    {
	.group = "acs",
	.key = "client-key",
	.type = CWMP_CONFIG_TYPE_PATH,
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "PEM private key of the client certificate",
    },
    {
	.group = "acs",
	.key = "periodic-inform-enable",
	.type = CWMP_CONFIG_TYPE_BOOLEAN,
	.default_value = "true",
	.flags = CWMP_CONFIG_FLAG_FACTORY_DEFAULT,
	.description = "factory default of ManagementServer.PeriodicInformEnable",
    },
    {
	.group = "acs",
	.key = "periodic-inform-interval",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "86400",
	.min = 1,
	.max = 4294967295,
	.flags = CWMP_CONFIG_FLAG_FACTORY_DEFAULT,
	.description = "factory default of ManagementServer.PeriodicInformInterval, seconds",
    },
    {
	.group = "acs",
	.key = "retry-minimum-wait-interval",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "5",
	.min = 1,
	.max = 65535,
	.flags = CWMP_CONFIG_FLAG_FACTORY_DEFAULT,
	.description = "factory default of ManagementServer.CWMPRetryMinimumWaitInterval, seconds",
    },
    {
	.group = "acs",
	.key = "retry-interval-multiplier",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "2000",
	.min = 1000,
	.max = 65535,
	.flags = CWMP_CONFIG_FLAG_FACTORY_DEFAULT,
	.description = "factory default of ManagementServer.CWMPRetryIntervalMultiplier, 1/1000",
    },
    {
	.group = "acs",
	.key = "session-timeout",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "30",
	.min = 1,
	.max = 3600,
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "seconds to wait for the ACS within a session before it counts as failed",
    },
    {
	.group = "connection-request",
	.key = "address",
	.type = CWMP_CONFIG_TYPE_STRING,
	.default_value = "",
	.description = "address to listen on for connection requests, empty for all",
    },
    {
	.group = "connection-request",
	.key = "port",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "7547",
	.min = 0,
	.max = 65535,
	.description = "TCP port to listen on for connection requests (0: any free port)",
    },
    {
	.group = "connection-request",
	.key = "username",
	.type = CWMP_CONFIG_TYPE_STRING,
	.flags = CWMP_CONFIG_FLAG_FACTORY_DEFAULT,
	.description = "user name the ACS must give in a connection request",
    },
    {
	.group = "connection-request",
	.key = "password",
	.type = CWMP_CONFIG_TYPE_STRING,
	.secret = TRUE,
	.flags = CWMP_CONFIG_FLAG_FACTORY_DEFAULT,
	.description = "password the ACS must give in a connection request",
    },
    {
	.group = "connection-request",
	.key = "allow-basic",
	.type = CWMP_CONFIG_TYPE_BOOLEAN,
	.default_value = "false",
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "accept HTTP basic authentication, not only digest",
    },
    {
	.group = "connection-request",
	.key = "rate-limit-burst",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "3",
	.min = 1,
	.max = 1000,
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "connection requests accepted at once before rate limiting",
    },
    {
	.group = "connection-request",
	.key = "rate-limit-interval",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "5",
	.min = 1,
	.max = 3600,
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "seconds to earn one more connection request when rate limited",
    },
    {
	.group = "connection-request",
	.key = "advertised-host",
	.type = CWMP_CONFIG_TYPE_STRING,
	.default_value = "",
	.description = "host put in ConnectionRequestURL, empty to use the address of the default "
		       "route",
    },
    {
	.group = "device",
	.key = "manufacturer",
	.type = CWMP_CONFIG_TYPE_STRING,
	.default_value = "cwmpd",
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "manufacturer reported in the DeviceId",
    },
    {
	.group = "device",
	.key = "oui",
	.type = CWMP_CONFIG_TYPE_OUI,
	.default_value = "000000",
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "organisationally unique identifier of the manufacturer",
    },
    {
	.group = "device",
	.key = "product-class",
	.type = CWMP_CONFIG_TYPE_STRING,
	.default_value = "Linux",
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "product class reported in the DeviceId",
    },
    {
	.group = "device",
	.key = "serial-number",
	.type = CWMP_CONFIG_TYPE_STRING,
	.default_value = "",
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "serial number, empty to derive it from /etc/machine-id",
    },
    {
	.group = "device",
	.key = "hardware-version",
	.type = CWMP_CONFIG_TYPE_STRING,
	.default_value = "",
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "hardware version reported in Device.DeviceInfo",
    },
    {
	.group = "device",
	.key = "os-release",
	.type = CWMP_CONFIG_TYPE_PATH,
	.default_value = "",
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "os-release(5) file that SoftwareVersion is read from, when the firmware "
		       "keeps its version elsewhere than /etc/os-release",
    },
    {
	.group = "device",
	.key = "description",
	.type = CWMP_CONFIG_TYPE_STRING,
	.default_value = "",
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "description reported in Device.DeviceInfo",
    },
    {
	.group = "state",
	.key = "directory",
	.type = CWMP_CONFIG_TYPE_PATH,
	.default_value = "/var/lib/cwmpd",
	.description = "directory of the persistent state",
    },
    {
	.group = "hooks",
	.key = "reboot",
	.type = CWMP_CONFIG_TYPE_COMMAND,
	.default_value = "systemctl reboot",
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "command run to reboot the device",
    },
    {
	.group = "hooks",
	.key = "factory-reset",
	.type = CWMP_CONFIG_TYPE_COMMAND,
	.default_value = "",
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "command run for a factory reset, empty if not supported",
    },
    {
	.group = "hooks",
	.key = "firmware-upgrade",
	.type = CWMP_CONFIG_TYPE_COMMAND,
	.default_value = "",
	.description = "command given a downloaded \"1 Firmware Upgrade Image\" as its last "
		       "argument (e.g. sysupgrade); a non-zero exit refuses the image (9018); "
		       "empty: the file type is not supported",
    },
    {
	.group = "hooks",
	.key = "firmware-store",
	.type = CWMP_CONFIG_TYPE_COMMAND,
	.default_value = "",
	.description = "command given a downloaded \"6 Stored Firmware Image\" as its last "
		       "argument; empty: the file type is not supported",
    },
    {
	.group = "transfers",
	.key = "firmware-needs-reboot",
	.type = CWMP_CONFIG_TYPE_BOOLEAN,
	.default_value = "true",
	.description = "a firmware image applied by the firmware-upgrade hook takes effect after a "
		       "reboot, which cwmpd runs with the reboot hook",
    },
    {
	.group = "transfers",
	.key = "config-file",
	.type = CWMP_CONFIG_TYPE_PATH,
	.default_value = "",
	.description = "file replaced by a downloaded \"3 Vendor Configuration File\" and sent "
		       "for an upload of \"1 Vendor Configuration File\"; empty: not supported",
    },
    {
	.group = "transfers",
	.key = "config-file-needs-reboot",
	.type = CWMP_CONFIG_TYPE_BOOLEAN,
	.default_value = "false",
	.description = "a new configuration file takes effect after a reboot",
    },
    {
	.group = "transfers",
	.key = "log-file",
	.type = CWMP_CONFIG_TYPE_PATH,
	.default_value = "",
	.description = "file sent for an upload of \"2 Vendor Log File\"; empty: not supported",
    },
    {
	.group = "transfers",
	.key = "ca-file",
	.type = CWMP_CONFIG_TYPE_PATH,
	.default_value = "",
	.description = "PEM file of the CAs trusted for https transfers, empty for the system's",
    },
    {
	.group = "transfers",
	.key = "timeout",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "60",
	.min = 1,
	.max = 3600,
	.description = "seconds a file server may stay silent before the transfer fails",
    },
    {
	.group = "transfers",
	.key = "max-queued",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "16",
	.min = 1,
	.max = 1024,
	.description = "transfers kept at once; one more is refused with 9004",
    },
    {
	.group = "transfers",
	.key = "max-attempts",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "3",
	.min = 1,
	.max = 100,
	.description = "starts of one transfer (restarts after a crash count) before it fails",
    },
    {
	.group = "plugins",
	.key = "directory",
	.type = CWMP_CONFIG_TYPE_PATH,
	.default_value = "",
	.description = "directory to load plugins from, empty for the built-in one",
    },
    {
	.group = "plugins",
	.key = "disabled",
	.type = CWMP_CONFIG_TYPE_STRING_LIST,
	.default_value = "",
	.alias = "DisabledPlugins",
	.description = "plugins not to load, separated by commas or semicolons",
    },
    {
	.group = "data-model",
	.key = "poll-interval",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "30",
	.min = 1,
	.max = 86400,
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "seconds between two polls of the parameters with notification",
    },
    {
	.group = "data-model",
	.key = "poll-budget",
	.type = CWMP_CONFIG_TYPE_INTEGER,
	.default_value = "2000",
	.min = 1,
	.max = 1000000,
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "most parameters read in one poll",
    },
    {
	.group = "data-model",
	.key = "alias-based-addressing",
	.type = CWMP_CONFIG_TYPE_BOOLEAN,
	.default_value = "false",
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "support alias-based addressing of instances",
    },
    {
	.group = "log",
	.key = "level",
	.type = CWMP_CONFIG_TYPE_ENUM,
	.default_value = "message",
	.allowed = cwmp_config_log_levels,
	.flags = CWMP_CONFIG_FLAG_RUNTIME,
	.description = "least severe level logged: error, warning, message, info or debug",
    },
};

#define CWMP_CONFIG_N_KEYS G_N_ELEMENTS(cwmp_config_keys)

typedef struct {
	gchar *value;  /* NULL: not configured */
	gchar *source; /* "FILE:LINE", NULL when set at run time */
} CwmpConfigValue;

struct _CwmpConfig {
	GObject		parent_instance;
	CwmpConfigValue values[CWMP_CONFIG_N_KEYS];
	GPtrArray      *sources;
};

G_DEFINE_TYPE(CwmpConfig, cwmp_config, G_TYPE_OBJECT)

static void
cwmp_config_finalize(GObject *object)
{
	CwmpConfig *self = CWMP_CONFIG(object);

	for (guint i = 0; i < CWMP_CONFIG_N_KEYS; i++) {
		g_free(self->values[i].value);
		g_free(self->values[i].source);
	}
	g_ptr_array_unref(self->sources);
	G_OBJECT_CLASS(cwmp_config_parent_class)->finalize(object);
}

static void
cwmp_config_class_init(CwmpConfigClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->finalize = cwmp_config_finalize;
}

static void
cwmp_config_init(CwmpConfig *self)
{
	self->sources = g_ptr_array_new_with_free_func(g_free);
}

/**
 * cwmp_config_new:
 *
 * Returns: (transfer full): a configuration holding only the defaults
 */
CwmpConfig *
cwmp_config_new(void)
{
	return g_object_new(CWMP_TYPE_CONFIG, NULL);
}

/* --- key table ----------------------------------------------------------- */

static gboolean
cwmp_config_group_is_known(const gchar *group)
{
	for (guint i = 0; i < CWMP_CONFIG_N_KEYS; i++) {
		if (g_strcmp0(cwmp_config_keys[i].group, group) == 0)
			return TRUE;
	}
	return FALSE;
}

/* the index in the key table, or -1; aliases are accepted */
static gint
cwmp_config_lookup(const gchar *group, const gchar *key)
{
	for (guint i = 0; i < CWMP_CONFIG_N_KEYS; i++) {
		const CwmpConfigKey *entry = &cwmp_config_keys[i];
		if (g_strcmp0(entry->group, group) != 0)
			continue;
		if (g_strcmp0(entry->key, key) == 0 || g_strcmp0(entry->alias, key) == 0)
			return (gint) i;
	}
	return -1;
}

static gchar **
cwmp_config_split_list(const gchar *value)
{
	g_auto(GStrv) items = g_strsplit_set(value, ",;", -1);
	g_autoptr(GStrvBuilder) builder = g_strv_builder_new();

	for (guint i = 0; items[i] != NULL; i++) {
		g_strstrip(items[i]);
		if (items[i][0] != '\0')
			g_strv_builder_add(builder, items[i]);
	}
	return g_strv_builder_end(builder);
}

static gboolean
cwmp_config_parse_boolean(const gchar *value, gboolean *result)
{
	if (g_strcmp0(value, "true") == 0 || g_strcmp0(value, "1") == 0) {
		*result = TRUE;
		return TRUE;
	}
	if (g_strcmp0(value, "false") == 0 || g_strcmp0(value, "0") == 0) {
		*result = FALSE;
		return TRUE;
	}
	return FALSE;
}

/* strict decimal, optional minus sign, no spaces */
static gboolean
cwmp_config_parse_integer(const gchar *value, gint64 *result)
{
	gint64	     v = 0;
	const gchar *p = value;
	gboolean     negative = FALSE;

	if (*p == '-') {
		negative = TRUE;
		p++;
	}
	if (*p == '\0')
		return FALSE;
	for (; *p != '\0'; p++) {
		if (!g_ascii_isdigit(*p))
			return FALSE;
		if (v > (G_MAXINT64 - 9) / 10)
			return FALSE;
		v = v * 10 + (*p - '0');
	}
	*result = negative ? -v : v;
	return TRUE;
}

/* why @value is not good for @entry, or NULL if it is */
static gchar *
cwmp_config_check_value(const CwmpConfigKey *entry, const gchar *value)
{
	gboolean empty_ok = entry->default_value == NULL || entry->default_value[0] == '\0';

	if (!g_utf8_validate(value, -1, NULL))
		return g_strdup("not valid UTF-8");
	switch (entry->type) {
	case CWMP_CONFIG_TYPE_STRING:
		return NULL;
	case CWMP_CONFIG_TYPE_COMMAND: {
		g_auto(GStrv) argv = NULL;
		g_autoptr(GError) error_local = NULL;
		if (value[0] == '\0') {
			if (empty_ok)
				return NULL;
			return g_strdup("must not be empty");
		}
		if (!g_shell_parse_argv(value, NULL, &argv, &error_local))
			return g_strdup_printf("not a command line: %s", error_local->message);
		return NULL;
	}
	case CWMP_CONFIG_TYPE_PATH:
		if (value[0] == '\0') {
			if (empty_ok)
				return NULL;
			return g_strdup("must not be empty");
		}
		if (!g_path_is_absolute(value))
			return g_strdup("must be an absolute path");
		return NULL;
	case CWMP_CONFIG_TYPE_URL: {
		g_autoptr(GUri) uri = NULL;
		g_autoptr(GError) error_local = NULL;
		if (value[0] == '\0') {
			if (empty_ok)
				return NULL;
			return g_strdup("must not be empty");
		}
		uri = g_uri_parse(value, G_URI_FLAGS_NONE, &error_local);
		if (uri == NULL)
			return g_strdup_printf("not a URL: %s", error_local->message);
		if (g_ascii_strcasecmp(g_uri_get_scheme(uri), "http") != 0 &&
		    g_ascii_strcasecmp(g_uri_get_scheme(uri), "https") != 0)
			return g_strdup("must be an http or https URL");
		if (g_uri_get_host(uri) == NULL || g_uri_get_host(uri)[0] == '\0')
			return g_strdup("the URL has no host");
		return NULL;
	}
	case CWMP_CONFIG_TYPE_BOOLEAN: {
		gboolean result;
		if (!cwmp_config_parse_boolean(value, &result))
			return g_strdup("must be true or false");
		return NULL;
	}
	case CWMP_CONFIG_TYPE_INTEGER: {
		gint64 result = 0;
		if (!cwmp_config_parse_integer(value, &result))
			return g_strdup("not an integer");
		if (result < entry->min || result > entry->max) {
			return g_strdup_printf("must be between %" G_GINT64_FORMAT
					       " and %" G_GINT64_FORMAT,
					       entry->min, entry->max);
		}
		return NULL;
	}
	case CWMP_CONFIG_TYPE_STRING_LIST:
		return NULL;
	case CWMP_CONFIG_TYPE_ENUM: {
		g_autofree gchar *allowed = NULL;
		if (g_strv_contains(entry->allowed, value))
			return NULL;
		allowed = g_strjoinv(", ", (gchar **) entry->allowed);
		return g_strdup_printf("must be one of %s", allowed);
	}
	case CWMP_CONFIG_TYPE_OUI:
		if (strlen(value) != 6)
			return g_strdup("must be 6 upper-case hexadecimal digits");
		for (const gchar *p = value; *p != '\0'; p++) {
			if (!g_ascii_isxdigit(*p) || g_ascii_islower(*p))
				return g_strdup("must be 6 upper-case hexadecimal digits");
		}
		return NULL;
	default:
		break;
	}
	return g_strdup("unknown type");
}

/* --- parsing ------------------------------------------------------------- */

typedef struct {
	gint   index; /* in the key table */
	gchar *value; /* unescaped */
	guint  line;
} CwmpConfigAssignment;

static void
cwmp_config_assignment_free(CwmpConfigAssignment *assignment)
{
	g_free(assignment->value);
	g_free(assignment);
}

static gchar *
cwmp_config_printable(const gchar *str, gsize len)
{
	g_autofree gchar *copy = g_strndup(str, len);
	return g_utf8_make_valid(copy, -1);
}

static void G_GNUC_PRINTF(4, 5) cwmp_config_add_problem(GString	    *problems,
							const gchar *name,
							guint	     line,
							const gchar *format,
							...)
{
	va_list args;

	if (problems->len > 0)
		g_string_append_c(problems, '\n');
	if (line > 0)
		g_string_append_printf(problems, "%s:%u: ", name, line);
	else
		g_string_append_printf(problems, "%s: ", name);
	va_start(args, format);
	g_string_append_vprintf(problems, format, args);
	va_end(args);
}

/* GKeyFile value escapes: \s \n \t \r \\; NULL with @why for anything else */
static gchar *
cwmp_config_unescape(const gchar *raw, gsize len, gchar **why)
{
	g_autoptr(GString) str = g_string_sized_new(len);

	for (gsize i = 0; i < len; i++) {
		if (raw[i] != '\\') {
			g_string_append_c(str, raw[i]);
			continue;
		}
		if (++i == len) {
			*why = g_strdup("backslash at the end of the line");
			return NULL;
		}
		switch (raw[i]) {
		case 's':
			g_string_append_c(str, ' ');
			break;
		case 'n':
			g_string_append_c(str, '\n');
			break;
		case 't':
			g_string_append_c(str, '\t');
			break;
		case 'r':
			g_string_append_c(str, '\r');
			break;
		case '\\':
			g_string_append_c(str, '\\');
			break;
		default:
			*why = g_strdup_printf("invalid escape sequence \\%c",
					       g_ascii_isprint(raw[i]) ? raw[i] : '?');
			return NULL;
		}
	}
	return g_string_free(g_steal_pointer(&str), FALSE);
}

/*
 * GKeyFile has no line numbers, so the text is scanned here the way GKeyFile
 * splits it (LF or CRLF lines, leading blanks ignored, "#" comments, "[group]"
 * and "key = value"); GKeyFile only checks the syntax
 */
static GPtrArray *
cwmp_config_parse(const gchar *name, const gchar *data, gsize length, GString *problems)
{
	g_autoptr(GKeyFile) keyfile = g_key_file_new();
	g_autoptr(GError) error_local = NULL;
	g_autoptr(GPtrArray) assignments =
	    g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_config_assignment_free);
	g_autofree guint *first_line = g_new0(guint, CWMP_CONFIG_N_KEYS);
	g_autofree gchar *group = NULL;
	gboolean	  group_known = FALSE;
	gboolean	  keyfile_ok;
	gboolean	  syntax_ok = TRUE;
	guint		  problems_before = problems->len;
	const gchar	 *p = data;
	guint		  line_nr = 0;

	keyfile_ok =
	    g_key_file_load_from_data(keyfile, data, length, G_KEY_FILE_NONE, &error_local);

	while (p < data + length) {
		const gchar	 *eol = memchr(p, '\n', data + length - p);
		const gchar	 *start = p;
		const gchar	 *end = eol != NULL ? eol : data + length;
		const gchar	 *equal;
		g_autofree gchar *key = NULL;
		gint		  index;

		line_nr++;
		p = eol != NULL ? eol + 1 : data + length;
		if (memchr(start, '\0', end - start) != NULL) {
			cwmp_config_add_problem(problems, name, line_nr, "NUL byte in the line");
			syntax_ok = FALSE;
			continue;
		}
		while (start < end && g_ascii_isspace(*start))
			start++;
		while (end > start && g_ascii_isspace(end[-1]))
			end--;
		if (start == end || *start == '#')
			continue;

		if (*start == '[') {
			const gchar *close = memchr(start, ']', end - start);
			if (close == NULL || close != end - 1 ||
			    memchr(start + 1, '[', close - start - 1) != NULL ||
			    close == start + 1) {
				cwmp_config_add_problem(problems, name, line_nr,
							"malformed group header");
				syntax_ok = FALSE;
				g_clear_pointer(&group, g_free);
				group_known = TRUE; /* no follow-up errors for its keys */
				continue;
			}
			g_free(group);
			group = g_strndup(start + 1, close - start - 1);
			group_known = cwmp_config_group_is_known(group);
			if (!group_known) {
				g_autofree gchar *safe =
				    cwmp_config_printable(group, strlen(group));
				cwmp_config_add_problem(problems, name, line_nr,
							"unknown group [%s]", safe);
			}
			continue;
		}

		equal = memchr(start, '=', end - start);
		if (equal == NULL || equal == start) {
			cwmp_config_add_problem(problems, name, line_nr,
						"not a group, key=value pair or comment");
			syntax_ok = FALSE;
			continue;
		}
		{
			const gchar *key_end = equal;
			while (key_end > start && g_ascii_isspace(key_end[-1]))
				key_end--;
			key = g_strndup(start, key_end - start);
		}
		if (group == NULL) {
			g_autofree gchar *safe = cwmp_config_printable(key, strlen(key));
			if (group_known)
				continue; /* under a malformed group header, already reported */
			cwmp_config_add_problem(problems, name, line_nr,
						"key \"%s\" outside of any group", safe);
			syntax_ok = FALSE;
			continue;
		}
		if (!group_known)
			continue;
		index = cwmp_config_lookup(group, key);
		if (index < 0) {
			g_autofree gchar *safe = cwmp_config_printable(key, strlen(key));
			cwmp_config_add_problem(problems, name, line_nr,
						"unknown key \"%s\" in group [%s]", safe, group);
			continue;
		}
		if (first_line[index] != 0) {
			cwmp_config_add_problem(problems, name, line_nr,
						"duplicate key \"%s\" in group [%s], first set on "
						"line %u",
						cwmp_config_keys[index].key, group,
						first_line[index]);
			continue;
		}
		first_line[index] = line_nr;
		{
			const gchar	     *raw = equal + 1;
			g_autofree gchar     *value = NULL;
			g_autofree gchar     *why = NULL;
			CwmpConfigAssignment *assignment;

			/* unescaped here, not by GKeyFile: it keeps only the last of duplicates */
			while (raw < end && g_ascii_isspace(*raw))
				raw++;
			value = cwmp_config_unescape(raw, end - raw, &why);
			if (value != NULL)
				why = cwmp_config_check_value(&cwmp_config_keys[index], value);
			if (why != NULL) {
				g_autofree gchar *safe = cwmp_config_printable(raw, end - raw);
				cwmp_config_add_problem(problems, name, line_nr,
							"invalid value \"%s\" for %s in group "
							"[%s]: %s",
							safe, cwmp_config_keys[index].key, group,
							why);
				continue;
			}
			assignment = g_new0(CwmpConfigAssignment, 1);
			assignment->index = index;
			assignment->value = g_steal_pointer(&value);
			assignment->line = line_nr;
			g_ptr_array_add(assignments, assignment);
		}
	}
	if (!keyfile_ok && syntax_ok)
		cwmp_config_add_problem(problems, name, 0, "%s", error_local->message);
	if (problems->len != problems_before)
		return NULL;
	return g_steal_pointer(&assignments);
}

static gboolean
cwmp_config_apply_data(CwmpConfig  *self,
		       const gchar *name,
		       const gchar *data,
		       gsize	    length,
		       GString	   *problems)
{
	g_autoptr(GPtrArray) assignments = cwmp_config_parse(name, data, length, problems);

	/* a file with an error changes nothing */
	if (assignments == NULL)
		return FALSE;
	for (guint i = 0; i < assignments->len; i++) {
		CwmpConfigAssignment *assignment = g_ptr_array_index(assignments, i);
		CwmpConfigValue	     *slot = &self->values[assignment->index];

		g_free(slot->value);
		g_free(slot->source);
		slot->value = g_steal_pointer(&assignment->value);
		slot->source = g_strdup_printf("%s:%u", name, assignment->line);
	}
	g_ptr_array_add(self->sources, g_strdup(name));
	return TRUE;
}

static gboolean
cwmp_config_apply_file(CwmpConfig *self, const gchar *filename, GString *problems)
{
	g_autofree gchar *contents = NULL;
	g_autoptr(GError) error_local = NULL;
	gsize length = 0;

	if (!g_file_get_contents(filename, &contents, &length, &error_local)) {
		if (g_error_matches(error_local, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
			cwmp_config_add_problem(problems, filename, 0, "No such file");
		} else {
			cwmp_config_add_problem(problems, filename, 0, "%s", error_local->message);
		}
		return FALSE;
	}
	return cwmp_config_apply_data(self, filename, contents, length, problems);
}

static gboolean
cwmp_config_problems_to_error(GString *problems, GError **error)
{
	if (problems->len == 0)
		return TRUE;
	g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_CONFIG, problems->str);
	return FALSE;
}

/**
 * cwmp_config_load_file:
 * @self: a #CwmpConfig
 * @filename: a GKeyFile of cwmpd settings
 * @error: a #GError, or %NULL
 *
 * Applies the settings of @filename over those loaded before. A file with any
 * error is not applied at all; the error lists every problem, one
 * "FILE:LINE: message" per line.
 *
 * Returns: %TRUE on success, %FALSE with CWMP_ERROR_CONFIG
 */
gboolean
cwmp_config_load_file(CwmpConfig *self, const gchar *filename, GError **error)
{
	g_autoptr(GString) problems = g_string_new(NULL);

	g_return_val_if_fail(CWMP_IS_CONFIG(self), FALSE);
	g_return_val_if_fail(filename != NULL, FALSE);

	cwmp_config_apply_file(self, filename, problems);
	return cwmp_config_problems_to_error(problems, error);
}

/**
 * cwmp_config_load_data:
 * @self: a #CwmpConfig
 * @name: the name used for @data in messages and in the sources
 * @data: the text of a configuration file
 * @error: a #GError, or %NULL
 *
 * Like cwmp_config_load_file() for text in memory.
 *
 * Returns: %TRUE on success, %FALSE with CWMP_ERROR_CONFIG
 */
gboolean
cwmp_config_load_data(CwmpConfig *self, const gchar *name, const gchar *data, GError **error)
{
	g_autoptr(GString) problems = g_string_new(NULL);

	g_return_val_if_fail(CWMP_IS_CONFIG(self), FALSE);
	g_return_val_if_fail(name != NULL, FALSE);
	g_return_val_if_fail(data != NULL, FALSE);

	cwmp_config_apply_data(self, name, data, strlen(data), problems);
	return cwmp_config_problems_to_error(problems, error);
}

static gint
cwmp_config_compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const gchar *const *) a, *(const gchar *const *) b);
}

/**
 * cwmp_config_load_with_dropins:
 * @self: a #CwmpConfig
 * @filename: the main configuration file, which must exist
 * @error: a #GError, or %NULL
 *
 * Loads @filename, then every "*.conf" of the conf.d/ folder next to it in
 * byte order of the names, each overriding the keys set before. Every file is
 * checked even after an error, and the problems of all files are reported
 * together.
 *
 * Returns: %TRUE on success, %FALSE with CWMP_ERROR_CONFIG
 */
gboolean
cwmp_config_load_with_dropins(CwmpConfig *self, const gchar *filename, GError **error)
{
	g_autoptr(GString) problems = g_string_new(NULL);
	g_autofree gchar *dirname = NULL;
	g_autofree gchar *dropin_dir = NULL;
	g_autoptr(GDir) dir = NULL;
	g_autoptr(GError) error_local = NULL;
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const gchar *entry;

	g_return_val_if_fail(CWMP_IS_CONFIG(self), FALSE);
	g_return_val_if_fail(filename != NULL, FALSE);

	cwmp_config_apply_file(self, filename, problems);

	dirname = g_path_get_dirname(filename);
	dropin_dir = g_build_filename(dirname, "conf.d", NULL);
	dir = g_dir_open(dropin_dir, 0, &error_local);
	if (dir == NULL) {
		if (!g_error_matches(error_local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
			cwmp_config_add_problem(problems, dropin_dir, 0, "%s",
						error_local->message);
		return cwmp_config_problems_to_error(problems, error);
	}
	while ((entry = g_dir_read_name(dir)) != NULL) {
		if (entry[0] == '.' || !g_str_has_suffix(entry, ".conf"))
			continue;
		g_ptr_array_add(names, g_strdup(entry));
	}
	g_ptr_array_sort(names, cwmp_config_compare_names);
	for (guint i = 0; i < names->len; i++) {
		g_autofree gchar *path =
		    g_build_filename(dropin_dir, (const gchar *) g_ptr_array_index(names, i), NULL);
		cwmp_config_apply_file(self, path, problems);
	}
	return cwmp_config_problems_to_error(problems, error);
}

/* --- values -------------------------------------------------------------- */

static const gchar *
cwmp_config_peek(CwmpConfig *self, gint index)
{
	if (self->values[index].value != NULL)
		return self->values[index].value;
	return cwmp_config_keys[index].default_value;
}

static gint
cwmp_config_lookup_checked(const gchar *group, const gchar *key)
{
	gint index = cwmp_config_lookup(group, key);
	if (index < 0)
		g_critical("unknown configuration key [%s] %s", group, key);
	return index;
}

/**
 * cwmp_config_get_string:
 * @self: a #CwmpConfig
 * @group: a group of the key table
 * @key: a key of @group
 *
 * Plugins read their settings through this, so a key that is not in the
 * table is not a programming error here: it just has no value.
 *
 * Returns: (transfer full) (nullable): the configured value, else the
 * default, else %NULL
 */
gchar *
cwmp_config_get_string(CwmpConfig *self, const gchar *group, const gchar *key)
{
	gint index;

	g_return_val_if_fail(CWMP_IS_CONFIG(self), NULL);
	g_return_val_if_fail(group != NULL, NULL);
	g_return_val_if_fail(key != NULL, NULL);
	index = cwmp_config_lookup(group, key);
	if (index < 0)
		return NULL;
	return g_strdup(cwmp_config_peek(self, index));
}

/**
 * cwmp_config_get_integer:
 * @self: a #CwmpConfig
 * @group: a group of the key table
 * @key: an integer key of @group
 *
 * Returns: the configured value, else the default
 */
gint64
cwmp_config_get_integer(CwmpConfig *self, const gchar *group, const gchar *key)
{
	const gchar *value;
	gint64	     result = 0;
	gint	     index;

	g_return_val_if_fail(CWMP_IS_CONFIG(self), 0);
	index = cwmp_config_lookup_checked(group, key);
	if (index < 0)
		return 0;
	g_return_val_if_fail(cwmp_config_keys[index].type == CWMP_CONFIG_TYPE_INTEGER, 0);
	value = cwmp_config_peek(self, index);
	if (value == NULL || !cwmp_config_parse_integer(value, &result))
		return 0;
	return result;
}

/**
 * cwmp_config_get_boolean:
 * @self: a #CwmpConfig
 * @group: a group of the key table
 * @key: a boolean key of @group
 *
 * Returns: the configured value, else the default
 */
gboolean
cwmp_config_get_boolean(CwmpConfig *self, const gchar *group, const gchar *key)
{
	const gchar *value;
	gboolean     result = FALSE;
	gint	     index;

	g_return_val_if_fail(CWMP_IS_CONFIG(self), FALSE);
	index = cwmp_config_lookup_checked(group, key);
	if (index < 0)
		return FALSE;
	g_return_val_if_fail(cwmp_config_keys[index].type == CWMP_CONFIG_TYPE_BOOLEAN, FALSE);
	value = cwmp_config_peek(self, index);
	if (value == NULL || !cwmp_config_parse_boolean(value, &result))
		return FALSE;
	return result;
}

/**
 * cwmp_config_get_string_list:
 * @self: a #CwmpConfig
 * @group: a group of the key table
 * @key: a key of @group
 *
 * Splits the value at commas and semicolons, trims blanks around the items
 * and drops empty ones.
 *
 * Returns: (transfer full): the items, an empty vector if there are none
 */
gchar **
cwmp_config_get_string_list(CwmpConfig *self, const gchar *group, const gchar *key)
{
	const gchar *value;
	gint	     index;

	g_return_val_if_fail(CWMP_IS_CONFIG(self), NULL);
	index = cwmp_config_lookup_checked(group, key);
	if (index < 0)
		return NULL;
	value = cwmp_config_peek(self, index);
	return cwmp_config_split_list(value != NULL ? value : "");
}

/**
 * cwmp_config_has_key:
 * @self: a #CwmpConfig
 * @group: a group name
 * @key: a key name
 *
 * Returns: %TRUE if the key was set by a file or cwmp_config_set_string(),
 * %FALSE if it has its default or is not a known key
 */
gboolean
cwmp_config_has_key(CwmpConfig *self, const gchar *group, const gchar *key)
{
	gint index;

	g_return_val_if_fail(CWMP_IS_CONFIG(self), FALSE);
	index = cwmp_config_lookup(group, key);
	return index >= 0 && self->values[index].value != NULL;
}

/**
 * cwmp_config_set_string:
 * @self: a #CwmpConfig
 * @group: a group of the key table
 * @key: a key of @group
 * @value: the value, as it would be after GKeyFile unescaping
 * @error: a #GError, or %NULL
 *
 * Sets a value, checked like a line of a file.
 *
 * Returns: %TRUE on success, %FALSE with CWMP_ERROR_CONFIG
 */
gboolean
cwmp_config_set_string(CwmpConfig  *self,
		       const gchar *group,
		       const gchar *key,
		       const gchar *value,
		       GError	  **error)
{
	g_autofree gchar *why = NULL;
	gint		  index;

	g_return_val_if_fail(CWMP_IS_CONFIG(self), FALSE);
	g_return_val_if_fail(group != NULL, FALSE);
	g_return_val_if_fail(key != NULL, FALSE);
	g_return_val_if_fail(value != NULL, FALSE);

	if (!cwmp_config_group_is_known(group)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG, "unknown group [%s]", group);
		return FALSE;
	}
	index = cwmp_config_lookup(group, key);
	if (index < 0) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG,
			    "unknown key \"%s\" in group [%s]", key, group);
		return FALSE;
	}
	why = cwmp_config_check_value(&cwmp_config_keys[index], value);
	if (why != NULL) {
		g_autofree gchar *safe = cwmp_config_printable(value, strlen(value));
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CONFIG,
			    "invalid value \"%s\" for %s in group [%s]: %s", safe,
			    cwmp_config_keys[index].key, group, why);
		return FALSE;
	}
	g_free(self->values[index].value);
	g_clear_pointer(&self->values[index].source, g_free);
	self->values[index].value = g_strdup(value);
	return TRUE;
}

/* GKeyFile escaping; blanks only at the ends, where GKeyFile would trim them */
static void
cwmp_config_append_escaped(GString *str, const gchar *value)
{
	gsize len = strlen(value);
	gsize lead = 0;
	gsize trail = len;

	while (lead < len && (value[lead] == ' ' || value[lead] == '\t'))
		lead++;
	while (trail > lead && (value[trail - 1] == ' ' || value[trail - 1] == '\t'))
		trail--;
	for (gsize i = 0; i < len; i++) {
		gchar	 c = value[i];
		gboolean edge = i < lead || i >= trail;

		if (c == ' ' && edge)
			g_string_append(str, "\\s");
		else if (c == '\t' && edge)
			g_string_append(str, "\\t");
		else if (c == '\n')
			g_string_append(str, "\\n");
		else if (c == '\r')
			g_string_append(str, "\\r");
		else if (c == '\\')
			g_string_append(str, "\\\\");
		else
			g_string_append_c(str, c);
	}
}

/**
 * cwmp_config_to_data:
 * @self: a #CwmpConfig
 *
 * Prints the merged configuration: every known key with a comment telling
 * where its value came from. Keys that are not set are commented out, and so
 * are secrets (passwords), whose values are never printed. The result loads
 * again with cwmp_config_load_data().
 *
 * Returns: (transfer full): GKeyFile text
 */
gchar *
cwmp_config_to_data(CwmpConfig *self)
{
	GString	    *str = g_string_new(NULL);
	const gchar *group = NULL;

	g_return_val_if_fail(CWMP_IS_CONFIG(self), NULL);

	g_string_append(str, "# cwmpd configuration: built-in defaults");
	for (guint i = 0; i < self->sources->len; i++)
		g_string_append_printf(str, "%s %s", i + 1 < self->sources->len ? "," : " and",
				       (const gchar *) g_ptr_array_index(self->sources, i));
	g_string_append_c(str, '\n');
	for (guint i = 0; i < CWMP_CONFIG_N_KEYS; i++) {
		const CwmpConfigKey   *entry = &cwmp_config_keys[i];
		const CwmpConfigValue *slot = &self->values[i];
		const gchar	      *value = cwmp_config_peek(self, (gint) i);

		if (g_strcmp0(group, entry->group) != 0) {
			group = entry->group;
			g_string_append_printf(str, "\n[%s]\n", group);
		}
		if (slot->value != NULL && slot->source != NULL)
			g_string_append_printf(str, "# from %s", slot->source);
		else if (slot->value != NULL)
			g_string_append(str, "# set at run time");
		else if (value != NULL)
			g_string_append(str, "# default");
		else
			g_string_append(str, "# not set");
		if (entry->secret && slot->value != NULL) {
			g_string_append_printf(str, ", value hidden\n#%s=\n", entry->key);
			continue;
		}
		g_string_append_c(str, '\n');
		if (value == NULL) {
			g_string_append_printf(str, "#%s=\n", entry->key);
			continue;
		}
		g_string_append_printf(str, "%s=", entry->key);
		cwmp_config_append_escaped(str, value);
		g_string_append_c(str, '\n');
	}
	return g_string_free(str, FALSE);
}

/**
 * cwmp_config_get_sources:
 * @self: a #CwmpConfig
 *
 * Returns: (transfer none) (element-type utf8): the names of the files
 * applied, in the order they were read
 */
GPtrArray *
cwmp_config_get_sources(CwmpConfig *self)
{
	g_return_val_if_fail(CWMP_IS_CONFIG(self), NULL);
	return self->sources;
}

/* --- reload and documentation -------------------------------------------- */

/* the index of "group.key" in the key table, or -1 */
static gint
cwmp_config_lookup_name(const gchar *name)
{
	const gchar	 *dot;
	g_autofree gchar *group = NULL;

	if (name == NULL)
		return -1;
	dot = strchr(name, '.');
	if (dot == NULL)
		return -1;
	group = g_strndup(name, dot - name);
	return cwmp_config_lookup(group, dot + 1);
}

static gchar *
cwmp_config_key_name(guint index)
{
	return g_strdup_printf("%s.%s", cwmp_config_keys[index].group, cwmp_config_keys[index].key);
}

/**
 * cwmp_config_list_keys:
 *
 * Returns: (transfer full): "group.key" of every key of the table, in the
 * order of the table
 */
gchar **
cwmp_config_list_keys(void)
{
	g_autoptr(GStrvBuilder) builder = g_strv_builder_new();

	for (guint i = 0; i < CWMP_CONFIG_N_KEYS; i++) {
		g_autofree gchar *name = cwmp_config_key_name(i);
		g_strv_builder_add(builder, name);
	}
	return g_strv_builder_end(builder);
}

/**
 * cwmp_config_key_is_runtime:
 * @name: "group.key"
 *
 * Returns: %TRUE if a reload applies a change of the key without a restart
 */
gboolean
cwmp_config_key_is_runtime(const gchar *name)
{
	gint index = cwmp_config_lookup_name(name);
	return index >= 0 && (cwmp_config_keys[index].flags & CWMP_CONFIG_FLAG_RUNTIME) != 0;
}

/**
 * cwmp_config_key_is_factory_default:
 * @name: "group.key"
 *
 * Returns: %TRUE if the key is only the factory default of a
 * Device.ManagementServer. parameter, so that neither a reload nor a restart
 * applies a change, only a factory reset
 */
gboolean
cwmp_config_key_is_factory_default(const gchar *name)
{
	gint index = cwmp_config_lookup_name(name);
	return index >= 0 &&
	       (cwmp_config_keys[index].flags & CWMP_CONFIG_FLAG_FACTORY_DEFAULT) != 0;
}

/**
 * cwmp_config_diff:
 * @old_config: a #CwmpConfig
 * @new_config: another #CwmpConfig
 *
 * Compares the values in effect (configured, else the default), secrets
 * included; where a value came from does not count.
 *
 * Returns: (transfer full): "group.key" of each key whose value differs, in
 * the order of the table; an empty vector if none does
 */
gchar **
cwmp_config_diff(CwmpConfig *old_config, CwmpConfig *new_config)
{
	g_autoptr(GStrvBuilder) builder = g_strv_builder_new();

	g_return_val_if_fail(CWMP_IS_CONFIG(old_config), NULL);
	g_return_val_if_fail(CWMP_IS_CONFIG(new_config), NULL);

	for (guint i = 0; i < CWMP_CONFIG_N_KEYS; i++) {
		if (g_strcmp0(cwmp_config_peek(old_config, (gint) i),
			      cwmp_config_peek(new_config, (gint) i)) != 0) {
			g_autofree gchar *name = cwmp_config_key_name(i);
			g_strv_builder_add(builder, name);
		}
	}
	return g_strv_builder_end(builder);
}

static void
cwmp_config_copy_slot(CwmpConfig *self, CwmpConfig *from, guint index)
{
	g_free(self->values[index].value);
	g_free(self->values[index].source);
	self->values[index].value = g_strdup(from->values[index].value);
	self->values[index].source = g_strdup(from->values[index].source);
}

/**
 * cwmp_config_copy_key:
 * @self: a #CwmpConfig
 * @from: the #CwmpConfig to copy from
 * @name: "group.key"
 *
 * Makes @self hold what @from holds for the key: its value (or none) and
 * where the value came from.
 *
 * Returns: %FALSE if @name is not a key of the table
 */
gboolean
cwmp_config_copy_key(CwmpConfig *self, CwmpConfig *from, const gchar *name)
{
	gint index;

	g_return_val_if_fail(CWMP_IS_CONFIG(self), FALSE);
	g_return_val_if_fail(CWMP_IS_CONFIG(from), FALSE);
	index = cwmp_config_lookup_name(name);
	if (index < 0)
		return FALSE;
	cwmp_config_copy_slot(self, from, (guint) index);
	return TRUE;
}

/**
 * cwmp_config_copy_overrides:
 * @self: a #CwmpConfig
 * @from: the #CwmpConfig to copy from
 *
 * Copies the values @from was given with cwmp_config_set_string() (the
 * command-line overrides of cwmpd), so they survive a reload of the files.
 */
void
cwmp_config_copy_overrides(CwmpConfig *self, CwmpConfig *from)
{
	g_return_if_fail(CWMP_IS_CONFIG(self));
	g_return_if_fail(CWMP_IS_CONFIG(from));

	for (guint i = 0; i < CWMP_CONFIG_N_KEYS; i++) {
		if (from->values[i].value != NULL && from->values[i].source == NULL)
			cwmp_config_copy_slot(self, from, i);
	}
}

/**
 * cwmp_config_copy_sources:
 * @self: a #CwmpConfig
 * @from: the #CwmpConfig to copy from
 *
 * Replaces the list of files @self was read from by that of @from.
 */
void
cwmp_config_copy_sources(CwmpConfig *self, CwmpConfig *from)
{
	g_return_if_fail(CWMP_IS_CONFIG(self));
	g_return_if_fail(CWMP_IS_CONFIG(from));

	g_ptr_array_set_size(self->sources, 0);
	for (guint i = 0; i < from->sources->len; i++)
		g_ptr_array_add(self->sources, g_strdup(g_ptr_array_index(from->sources, i)));
}

/* roff text: a backslash printed as such, no control character at the start
 * of a line, and hyphens that stay hyphens in names and values */
static void
cwmp_config_append_roff(GString *str, const gchar *text, gboolean literal)
{
	if (text[0] == '.' || text[0] == '\'')
		g_string_append(str, "\\&");
	for (const gchar *p = text; *p != '\0'; p++) {
		if (*p == '\\')
			g_string_append(str, "\\e");
		else if (*p == '-' && literal)
			g_string_append(str, "\\-");
		else if (*p == '\n')
			g_string_append_c(str, ' ');
		else
			g_string_append_c(str, *p);
	}
}

static const gchar *
cwmp_config_type_name(CwmpConfigType type)
{
	switch (type) {
	case CWMP_CONFIG_TYPE_STRING:
		return "STRING";
	case CWMP_CONFIG_TYPE_COMMAND:
		return "COMMAND";
	case CWMP_CONFIG_TYPE_PATH:
		return "PATH";
	case CWMP_CONFIG_TYPE_URL:
		return "URL";
	case CWMP_CONFIG_TYPE_BOOLEAN:
		return "BOOLEAN";
	case CWMP_CONFIG_TYPE_INTEGER:
		return "INTEGER";
	case CWMP_CONFIG_TYPE_STRING_LIST:
		return "LIST";
	case CWMP_CONFIG_TYPE_ENUM:
		return "LEVEL";
	case CWMP_CONFIG_TYPE_OUI:
		return "OUI";
	default:
		break;
	}
	return "VALUE";
}

/**
 * cwmp_config_keys_to_roff:
 *
 * Documents every key of the table for cwmpd.conf(5): one .SS per group, one
 * .TP per key with its type, default, limits, and what a change needs to take
 * effect. The man page is generated from this at build time.
 *
 * Returns: (transfer full): roff text
 */
gchar *
cwmp_config_keys_to_roff(void)
{
	GString	    *str = g_string_new(NULL);
	const gchar *group = NULL;

	for (guint i = 0; i < CWMP_CONFIG_N_KEYS; i++) {
		const CwmpConfigKey *entry = &cwmp_config_keys[i];

		if (g_strcmp0(group, entry->group) != 0) {
			group = entry->group;
			g_string_append(str, ".SS \"[");
			cwmp_config_append_roff(str, group, TRUE);
			g_string_append(str, "]\"\n");
		}
		g_string_append(str, ".TP\n\\fB");
		cwmp_config_append_roff(str, entry->key, TRUE);
		g_string_append_printf(str, "=\\fR\\fI%s\\fR\n",
				       cwmp_config_type_name(entry->type));
		/* the descriptions are phrases: a sentence here */
		g_string_append_c(str, g_ascii_toupper(entry->description[0]));
		cwmp_config_append_roff(str, entry->description + 1, FALSE);
		g_string_append(str, ".\n");
		if (entry->type == CWMP_CONFIG_TYPE_INTEGER)
			g_string_append_printf(
			    str, "From %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ".\n", entry->min,
			    entry->max);
		if (entry->type == CWMP_CONFIG_TYPE_ENUM) {
			g_string_append(str, "One of");
			for (guint j = 0; entry->allowed[j] != NULL; j++) {
				g_string_append_printf(str, "%s \\fB", j == 0 ? "" : ",");
				cwmp_config_append_roff(str, entry->allowed[j], TRUE);
				g_string_append(str, "\\fR");
			}
			g_string_append(str, ".\n");
		}
		if (entry->alias != NULL) {
			g_string_append(str, "Also accepted as \\fB");
			cwmp_config_append_roff(str, entry->alias, TRUE);
			g_string_append(str, "\\fR.\n");
		}
		if (entry->default_value == NULL)
			g_string_append(str, "Not set by default.\n");
		else if (entry->default_value[0] == '\0')
			g_string_append(str, "Default: empty.\n");
		else {
			g_string_append(str, "Default: \\fB");
			cwmp_config_append_roff(str, entry->default_value, TRUE);
			g_string_append(str, "\\fR.\n");
		}
		if (entry->secret)
			g_string_append(str, "Never printed by \\fBcwmpd "
					     "\\-\\-check\\-config\\fR.\n");
		if ((entry->flags & CWMP_CONFIG_FLAG_FACTORY_DEFAULT) != 0)
			g_string_append(str, "A factory default: the data model keeps its value, "
					     "so a change takes effect only after a factory "
					     "reset.\n");
		else if ((entry->flags & CWMP_CONFIG_FLAG_RUNTIME) != 0)
			g_string_append(str, "A reload applies a change.\n");
		else
			g_string_append(str, "A change takes a restart of cwmpd.\n");
	}
	return g_string_free(str, FALSE);
}
