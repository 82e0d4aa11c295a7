/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "cwmp-schema.h"

#define VOICE_PREFIX "Device.Services.VoiceService"

static gboolean
is_voice(const gchar *path)
{
	return g_str_has_prefix(path, VOICE_PREFIX);
}

static void
test_schema_counts(void)
{
	const CwmpSchema *schema = cwmp_schema_get_default();
	guint		  n_obj = cwmp_schema_get_n_objects(schema);
	guint		  n_par = cwmp_schema_get_n_params(schema);
	guint		  root_obj = 0, voice_obj = 0, root_tables = 0, voice_tables = 0;
	guint		  root_par = 0, voice_par = 0, root_rw = 0, voice_rw = 0;
	guint		  root_can_deny = 0, voice_can_deny = 0, commands = 0, force_enabled = 0;

	g_assert_true(schema == cwmp_schema_get_default());
	g_assert_cmpstr(cwmp_schema_get_root_version(schema), ==, "Device:2.19");
	g_assert_cmpuint(n_obj, ==, 973);
	g_assert_cmpuint(n_par, ==, 8059);

	for (guint i = 0; i < n_obj; i++) {
		const CwmpSchemaObject *obj = cwmp_schema_get_object(schema, i);
		if (is_voice(obj->path)) {
			voice_obj++;
			voice_tables += obj->multi_instance ? 1 : 0;
		} else {
			root_obj++;
			root_tables += obj->multi_instance ? 1 : 0;
		}
	}
	for (guint i = 0; i < n_par; i++) {
		const CwmpSchemaParam *p = cwmp_schema_get_param(schema, i);
		gboolean	       rw = p->access == CWMP_ACCESS_READ_WRITE;
		gboolean	       can_deny = p->active_notify == CWMP_ACTIVE_NOTIFY_CAN_DENY;

		if (is_voice(p->path)) {
			voice_par++;
			voice_rw += rw ? 1 : 0;
			voice_can_deny += can_deny ? 1 : 0;
		} else {
			root_par++;
			root_rw += rw ? 1 : 0;
			root_can_deny += can_deny ? 1 : 0;
		}
		if (p->flags & CWMP_SCHEMA_PARAM_FLAG_COMMAND)
			commands++;
		if (p->active_notify == CWMP_ACTIVE_NOTIFY_FORCE_ENABLED)
			force_enabled++;
	}
	g_assert_cmpuint(root_obj, ==, 860);
	g_assert_cmpuint(root_tables, ==, 439);
	g_assert_cmpuint(root_par, ==, 7210);
	g_assert_cmpuint(root_rw, ==, 2644);
	g_assert_cmpuint(root_can_deny, ==, 1035);
	g_assert_cmpuint(voice_obj, ==, 113);
	g_assert_cmpuint(voice_tables, ==, 56);
	/* 848 object parameters + the model-level VoiceServiceNumberOfEntries */
	g_assert_cmpuint(voice_par, ==, 849);
	g_assert_cmpuint(voice_rw, ==, 514);
	g_assert_cmpuint(voice_can_deny, ==, 96);
	g_assert_cmpuint(commands, ==, 66);
	g_assert_cmpuint(force_enabled, ==, 2);

	/* out of range */
	g_assert_null(cwmp_schema_get_object(schema, n_obj));
	g_assert_null(cwmp_schema_get_param(schema, n_par));
	g_assert_null(cwmp_schema_get_param(schema, G_MAXUINT));
}

/* the table layout the binary searches rely on */
static void
test_schema_layout(void)
{
	const CwmpSchema *schema = cwmp_schema_get_default();
	guint		  n_obj = cwmp_schema_get_n_objects(schema);
	guint		  n_par = cwmp_schema_get_n_params(schema);
	guint		  next_param = 0;

	for (guint i = 0; i < n_obj; i++) {
		const CwmpSchemaObject *obj = cwmp_schema_get_object(schema, i);
		gsize			len = strlen(obj->path);

		g_assert_true(g_str_has_prefix(obj->path, "Device."));
		g_assert_true(g_str_has_suffix(obj->path, "."));
		g_assert_cmpint(obj->multi_instance, ==, g_str_has_suffix(obj->path, ".{i}."));
		g_assert_true(obj->access == CWMP_ACCESS_READ_ONLY ||
			      obj->access == CWMP_ACCESS_READ_WRITE);
		g_assert_cmpuint(obj->min_entries, <=, obj->max_entries);
		if (!obj->multi_instance)
			g_assert_cmpuint(obj->max_entries, ==, 1);
		if (i > 0) {
			const CwmpSchemaObject *prev = cwmp_schema_get_object(schema, i - 1);
			g_assert_cmpint(strcmp(prev->path, obj->path), <, 0);
		}

		/* parent: the path minus its last segment (and its {i}) */
		if (i == 0) {
			g_assert_cmpstr(obj->path, ==, "Device.");
			g_assert_cmpuint(obj->parent, ==, G_MAXUINT32);
		} else {
			const CwmpSchemaObject *parent;
			const gchar	       *rest;

			g_assert_cmpuint(obj->parent, <, n_obj);
			parent = cwmp_schema_get_object(schema, obj->parent);
			g_assert_true(g_str_has_prefix(obj->path, parent->path));
			rest = obj->path + strlen(parent->path);
			/* one segment, optionally followed by {i} */
			g_assert_nonnull(strchr(rest, '.'));
			if (obj->multi_instance)
				g_assert_cmpuint(strchr(rest, '.') - rest + 5, ==, strlen(rest));
			else
				g_assert_cmpuint(strchr(rest, '.') - rest + 1, ==, strlen(rest));
		}

		/* parameters contiguous, in order, sorted by name */
		g_assert_cmpuint(obj->first_param, ==, next_param);
		next_param += obj->n_params;
		for (guint j = obj->first_param; j < obj->first_param + obj->n_params; j++) {
			const CwmpSchemaParam *p = cwmp_schema_get_param(schema, j);

			g_assert_nonnull(p);
			g_assert_cmpuint(p->object, ==, i);
			g_assert_true(strncmp(p->path, obj->path, len) == 0);
			g_assert_true(p->name == p->path + len);
			g_assert_null(strchr(p->name, '.'));
			g_assert_cmpuint(strlen(p->name), >, 0);
			if (j > obj->first_param) {
				const CwmpSchemaParam *prev = cwmp_schema_get_param(schema, j - 1);
				g_assert_cmpint(strcmp(prev->name, p->name), <, 0);
			}
		}

		/* object attributes name real parameters */
		if (obj->enable_parameter != NULL) {
			g_autofree gchar *path =
			    g_strconcat(obj->path, obj->enable_parameter, NULL);
			g_assert_nonnull(cwmp_schema_lookup_param(schema, path));
		}
		if (obj->num_entries_parameter != NULL) {
			const CwmpSchemaObject *parent =
			    cwmp_schema_get_object(schema, obj->parent);
			g_autofree gchar *path = NULL;

			g_assert_true(obj->multi_instance);
			path = g_strconcat(parent->path, obj->num_entries_parameter, NULL);
			g_assert_nonnull(cwmp_schema_lookup_param(schema, path));
		}
		for (guint k = 0; obj->unique_keys != NULL && obj->unique_keys[k] != NULL; k++) {
			g_auto(GStrv) names = g_strsplit(obj->unique_keys[k], ",", -1);
			for (guint n = 0; names[n] != NULL; n++) {
				g_autofree gchar *path = g_strconcat(obj->path, names[n], NULL);
				g_assert_nonnull(cwmp_schema_lookup_param(schema, path));
			}
		}
	}
	g_assert_cmpuint(next_param, ==, n_par);
}

static void
test_schema_lookup_self(void)
{
	const CwmpSchema *schema = cwmp_schema_get_default();
	guint		  n_obj = cwmp_schema_get_n_objects(schema);
	guint		  n_par = cwmp_schema_get_n_params(schema);

	for (guint i = 0; i < n_obj; i++) {
		const CwmpSchemaObject *obj = cwmp_schema_get_object(schema, i);
		g_assert_true(cwmp_schema_lookup_object(schema, obj->path) == obj);
		g_assert_cmpuint(cwmp_schema_object_index(schema, obj), ==, i);
		g_assert_null(cwmp_schema_lookup_param(schema, obj->path));
	}
	for (guint i = 0; i < n_par; i++) {
		const CwmpSchemaParam *p = cwmp_schema_get_param(schema, i);
		g_assert_true(cwmp_schema_lookup_param(schema, p->path) == p);
		g_assert_null(cwmp_schema_lookup_object(schema, p->path));
	}
}

static void
test_schema_lookup_unknown(void)
{
	const CwmpSchema      *schema = cwmp_schema_get_default();
	const CwmpSchemaObject other = {.path = "Device."};
	const gchar	      *bad_params[] = {
		      "",
		      ".",
		      "Device",
		      "Device.",
		      "Device.Foo",
		      "Foo.RootDataModelVersion",
		      "Device.IP.Interface.{i}.Nope",
		      "Device.IP.Interface.{i}",
		      "Device.IP.Interface.Enable",
		      "Device.IP.Interface.{i}.Enable.",
		      "Device.IP.Interface.{i}.Enabl",
		      "Device.IP.Interface.{i}.Enablee",
		      "Device.IP.Interface.3.Nope",
		      "Device.IP.Interface.3",
		      "Device.Services.VoiceService.Enable",
		      "VoiceService.{i}.Enable",
		      "device.RootDataModelVersion",
	  };
	const gchar *bad_objects[] = {
	    "",
	    ".",
	    "Device",
	    "Device.Foo.",
	    "Device.IP.Interface",
	    "Device.IP.Interface.{i}",
	    "Device.IP.Interface.{i}.Enable",
	    "Device.IP.Interface.{i}.Nope.",
	    "Device.IP.Interfac.",
	    "Device.IP.Interfaces.",
	    "VoiceService.{i}.",
	    "Device.Services.VoiceService.",
	};

	for (guint i = 0; i < G_N_ELEMENTS(bad_params); i++)
		g_assert_null(cwmp_schema_lookup_param(schema, bad_params[i]));
	for (guint i = 0; i < G_N_ELEMENTS(bad_objects); i++)
		g_assert_null(cwmp_schema_lookup_object(schema, bad_objects[i]));
	g_assert_cmpuint(cwmp_schema_object_index(schema, &other), ==, G_MAXUINT32);
}

static void
test_schema_lookup_instances(void)
{
	const CwmpSchema       *schema = cwmp_schema_get_default();
	const CwmpSchemaParam  *addr = cwmp_schema_lookup_param(schema, "Device.IP.Interface.{i}."
									 "IPv4Address.{i}.IPAddress");
	const CwmpSchemaObject *iface = cwmp_schema_lookup_object(schema, "Device.IP.Interface.{i}"
									  ".");

	g_assert_nonnull(addr);
	g_assert_nonnull(iface);
	g_assert_true(cwmp_schema_lookup_param(schema, "Device.IP.Interface.3.IPv4Address.1."
						       "IPAddress") == addr);
	g_assert_true(cwmp_schema_lookup_param(schema, "Device.IP.Interface.*.IPv4Address.*."
						       "IPAddress") == addr);
	g_assert_true(cwmp_schema_lookup_param(schema, "Device.IP.Interface.[cpe-wan].IPv4Address.["
						       "a.b].IPAddress") == addr);
	g_assert_true(cwmp_schema_lookup_object(schema, "Device.IP.Interface.12.") == iface);
	g_assert_true(cwmp_schema_lookup_object(schema, "Device.IP.Interface.[lan].") == iface);
	g_assert_nonnull(cwmp_schema_lookup_param(schema, "Device.Services.VoiceService.1.SIP."
							  "Client.2.AuthPassword"));
	g_assert_null(cwmp_schema_lookup_param(schema, "Device.IP.Interface.3.IPv4Address.x."
						       "IPAddress"));
	g_assert_null(cwmp_schema_lookup_object(schema, "Device.IP.3."));
}

static void
test_schema_generalize(void)
{
	const struct {
		const gchar *in;
		const gchar *out;
	} cases[] = {
	    {"Device.IP.Interface.3.IPv4Address.1.IPAddress", "Device.IP.Interface.{i}.IPv4Address."
							      "{i}.IPAddress"},
	    {"Device.IP.Interface.*.Enable", "Device.IP.Interface.{i}.Enable"},
	    {"Device.IP.Interface.[cpe-1].Enable", "Device.IP.Interface.{i}.Enable"},
	    {"Device.IP.Interface.[a.b].IPv4Address.[x].", "Device.IP.Interface.{i}.IPv4Address.{i}"
							   "."},
	    {"Device.IP.Interface.12.", "Device.IP.Interface.{i}."},
	    {"Device.IP.Interface.12", "Device.IP.Interface.{i}"},
	    {"Device.IP.Interface.{i}.Enable", "Device.IP.Interface.{i}.Enable"},
	    {"Device.DeviceInfo.UpTime", "Device.DeviceInfo.UpTime"},
	    {"Device.IP.Interface.3a.Enable", "Device.IP.Interface.3a.Enable"},
	    {"Device.IP.Interface.**.Enable", "Device.IP.Interface.**.Enable"},
	    {"Device.IP.Interface.[.Enable", "Device.IP.Interface.[.Enable"},
	    {"Device.", "Device."},
	    {"", ""},
	    {"1.2", "{i}.{i}"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree gchar *out = cwmp_schema_path_generalize(cases[i].in);
		g_assert_cmpstr(out, ==, cases[i].out);
	}
}

static const CwmpSchemaParam *
lookup(const gchar *path)
{
	const CwmpSchemaParam *p = cwmp_schema_lookup_param(cwmp_schema_get_default(), path);
	if (p == NULL)
		g_error("no schema parameter %s", path);
	return p;
}

static void
test_schema_params(void)
{
	const CwmpSchemaParam *p;

	p = lookup("Device.DeviceInfo.UpTime");
	g_assert_cmpint(p->type, ==, CWMP_TYPE_UNSIGNED_INT);
	g_assert_cmpint(p->access, ==, CWMP_ACCESS_READ_ONLY);
	g_assert_cmpint(p->active_notify, ==, CWMP_ACTIVE_NOTIFY_CAN_DENY);

	p = lookup("Device.ManagementServer.PeriodicInformInterval");
	g_assert_cmpint(p->type, ==, CWMP_TYPE_UNSIGNED_INT);
	g_assert_cmpint(p->access, ==, CWMP_ACCESS_READ_WRITE);
	g_assert_cmpuint(p->n_ranges, ==, 1);
	g_assert_nonnull(p->ranges);
	g_assert_true(p->ranges[0].has_min);
	g_assert_false(p->ranges[0].has_max);
	g_assert_cmpuint(p->ranges[0].umin, ==, 1);
	g_assert_cmpuint(p->ranges[0].umax, ==, G_MAXUINT32);
	g_assert_true(p->flags & CWMP_SCHEMA_PARAM_FLAG_HAS_MIN);
	g_assert_false(p->flags & CWMP_SCHEMA_PARAM_FLAG_HAS_MAX);

	/* signed range with a step, from a data type refined in the parameter */
	p = lookup("Device.Optical.Interface.{i}.OpticalSignalLevel");
	g_assert_cmpint(p->type, ==, CWMP_TYPE_INT);
	g_assert_cmpstr(p->data_type, ==, "Dbm1000");
	g_assert_cmpuint(p->n_ranges, ==, 1);
	g_assert_cmpint(p->ranges[0].min, ==, -65536);
	g_assert_cmpint(p->ranges[0].max, ==, 65534);
	g_assert_cmpuint(p->ranges[0].step, ==, 2);
	g_assert_cmpint(p->flags &
			    (CWMP_SCHEMA_PARAM_FLAG_HAS_MIN | CWMP_SCHEMA_PARAM_FLAG_HAS_MAX),
			==, CWMP_SCHEMA_PARAM_FLAG_HAS_MIN | CWMP_SCHEMA_PARAM_FLAG_HAS_MAX);

	p = lookup("Device.DeviceInfo.SoftwareVersion");
	g_assert_cmpint(p->active_notify, ==, CWMP_ACTIVE_NOTIFY_FORCE_ENABLED);
	p = lookup("Device.DeviceInfo.ProvisioningCode");
	g_assert_cmpint(p->active_notify, ==, CWMP_ACTIVE_NOTIFY_FORCE_ENABLED);
	g_assert_cmpint(p->access, ==, CWMP_ACCESS_READ_WRITE);

	p = lookup("Device.IP.Interface.{i}.LowerLayers");
	g_assert_cmpint(p->type, ==, CWMP_TYPE_STRING);
	g_assert_true(p->flags & CWMP_SCHEMA_PARAM_FLAG_LIST);
	g_assert_true(p->flags & CWMP_SCHEMA_PARAM_FLAG_REFERENCE);
	g_assert_cmpuint(p->list_max_length, ==, 1024);
	/* the model's "[]" list default is the empty CWMP list */
	g_assert_cmpstr(p->default_value, ==, "");

	p = lookup("Device.IP.Interface.{i}.Enable");
	g_assert_cmpint(p->type, ==, CWMP_TYPE_BOOLEAN);
	g_assert_cmpstr(p->default_value, ==, "false");
	g_assert_false(p->flags & CWMP_SCHEMA_PARAM_FLAG_LIST);

	p = lookup("Device.IP.Interface.{i}.Alias");
	g_assert_cmpuint(p->max_length, ==, 64);

	p = lookup("Device.ManagementServer.Password");
	g_assert_true(p->flags & CWMP_SCHEMA_PARAM_FLAG_HIDDEN);
	p = lookup("Device.ManagementServer.URL");
	g_assert_false(p->flags & CWMP_SCHEMA_PARAM_FLAG_HIDDEN);

	p = lookup("Device.DSL.Diagnostics.ADSLLineTest.DiagnosticsState");
	g_assert_cmpstr(p->data_type, ==, "DiagnosticsState");
	g_assert_nonnull(p->enumerations);
	g_assert_true(g_strv_contains(p->enumerations, "Requested"));
	g_assert_true(g_strv_contains(p->enumerations, "Error_Internal"));

	/* MAC addresses: a data type with a size and two patterns */
	p = lookup("Device.Ethernet.Interface.{i}.MACAddress");
	g_assert_cmpstr(p->data_type, ==, "MACAddress");
	g_assert_cmpuint(p->max_length, ==, 17);
	g_assert_cmpuint(g_strv_length((gchar **) p->patterns), ==, 2);

	/* a list of an item data type that is itself a list */
	p = lookup("Device.DSL.Diagnostics.SELTUER.UER");
	g_assert_true(p->flags & CWMP_SCHEMA_PARAM_FLAG_LIST);
	g_assert_cmpuint(p->list_min_items, ==, 1);
	g_assert_cmpuint(p->list_max_items, ==, 4096);
	g_assert_cmpint(p->type, ==, CWMP_TYPE_INT);

	/* size of a hexBinary type counts bytes */
	p = lookup("Device.MoCA.Interface.{i}.FreqCapabilityMask");
	g_assert_cmpint(p->type, ==, CWMP_TYPE_HEX_BINARY);
	g_assert_cmpstr(p->data_type, ==, "MocaChannelMask");
	g_assert_cmpuint(p->min_length, ==, 8);
	g_assert_cmpuint(p->max_length, ==, 8);

	p = lookup("Device.Services.VoiceServiceNumberOfEntries");
	g_assert_cmpint(p->type, ==, CWMP_TYPE_UNSIGNED_INT);
	g_assert_cmpint(p->access, ==, CWMP_ACCESS_READ_ONLY);
	g_assert_cmpstr(cwmp_schema_get_object(cwmp_schema_get_default(), p->object)->path, ==,
			"Device.Services.");
}

static void
test_schema_forced_inform(void)
{
	const CwmpSchema *schema = cwmp_schema_get_default();
	const gchar	 *expected[] = {
		 "Device.RootDataModelVersion",
		 "Device.DeviceInfo.HardwareVersion",
		 "Device.DeviceInfo.SoftwareVersion",
		 "Device.DeviceInfo.ProvisioningCode",
		 "Device.ManagementServer.ParameterKey",
		 "Device.ManagementServer.ConnectionRequestURL",
		 "Device.ManagementServer.AliasBasedAddressing",
	     };
	guint n = 0;

	for (guint i = 0; i < cwmp_schema_get_n_params(schema); i++) {
		const CwmpSchemaParam *p = cwmp_schema_get_param(schema, i);
		gboolean	       found = FALSE;

		if (!(p->flags & CWMP_SCHEMA_PARAM_FLAG_FORCED_INFORM))
			continue;
		n++;
		for (guint j = 0; j < G_N_ELEMENTS(expected); j++)
			found |= g_str_equal(p->path, expected[j]);
		if (!found)
			g_error("unexpected forcedInform parameter %s", p->path);
	}
	g_assert_cmpuint(n, ==, G_N_ELEMENTS(expected));
	for (guint j = 0; j < G_N_ELEMENTS(expected); j++)
		g_assert_true(lookup(expected[j])->flags & CWMP_SCHEMA_PARAM_FLAG_FORCED_INFORM);
}

static void
test_schema_ipv4_address(void)
{
	const CwmpSchema *schema = cwmp_schema_get_default();
	guint		  n = 0;

	for (guint i = 0; i < cwmp_schema_get_n_params(schema); i++) {
		const CwmpSchemaParam *p = cwmp_schema_get_param(schema, i);
		gboolean	       ok_addr = FALSE, ok_empty = FALSE, ok_bad = FALSE;

		if (g_strcmp0(p->data_type, "IPv4Address") != 0)
			continue;
		n++;
		g_assert_cmpint(p->type, ==, CWMP_TYPE_STRING);
		g_assert_cmpuint(p->max_length, ==, 15);
		g_assert_nonnull(p->patterns);
		/* the patterns are alternatives: an address or the empty string */
		for (guint k = 0; p->patterns[k] != NULL; k++) {
			g_autoptr(GRegex) re = g_regex_new(p->patterns[k], 0, 0, NULL);
			g_assert_nonnull(re);
			ok_addr |= g_regex_match(re, "192.168.1.254", 0, NULL);
			ok_empty |= g_regex_match(re, "", 0, NULL);
			ok_bad |= g_regex_match(re, "256.1.1.1", 0, NULL);
			ok_bad |= g_regex_match(re, "1.2.3.4 ", 0, NULL);
			ok_bad |= g_regex_match(re, "x1.2.3.4", 0, NULL);
		}
		g_assert_true(ok_addr);
		g_assert_true(ok_empty);
		g_assert_false(ok_bad);
	}
	g_assert_cmpuint(n, >=, 30);
	g_assert_cmpstr(lookup("Device.IP.Interface.{i}.IPv4Address.{i}.IPAddress")->data_type, ==,
			"IPv4Address");
}

static void
test_schema_patterns(void)
{
	const CwmpSchema *schema = cwmp_schema_get_default();
	guint		  n_patterns = 0;

	for (guint i = 0; i < cwmp_schema_get_n_params(schema); i++) {
		const CwmpSchemaParam *p = cwmp_schema_get_param(schema, i);

		for (guint k = 0; p->patterns != NULL && p->patterns[k] != NULL; k++) {
			g_autoptr(GError) error = NULL;
			g_autoptr(GRegex) re = g_regex_new(p->patterns[k], 0, 0, &error);

			if (re == NULL)
				g_error("%s: pattern %s: %s", p->path, p->patterns[k],
					error->message);
			g_assert_true(g_str_has_prefix(p->patterns[k], "^(?:"));
			g_assert_true(g_str_has_suffix(p->patterns[k], ")$"));
			n_patterns++;
		}
		for (guint k = 0; p->enumerations != NULL && p->enumerations[k] != NULL; k++)
			g_assert_true(g_utf8_validate(p->enumerations[k], -1, NULL));
		if (p->n_ranges > 0)
			g_assert_nonnull(p->ranges);
		else
			g_assert_null(p->ranges);
		g_assert_true(p->type > CWMP_TYPE_NONE && p->type < CWMP_TYPE_LAST);
		g_assert_true(p->access == CWMP_ACCESS_READ_ONLY ||
			      p->access == CWMP_ACCESS_READ_WRITE);
		if (p->max_length != 0)
			g_assert_cmpuint(p->min_length, <=, p->max_length);
		if (!(p->flags & CWMP_SCHEMA_PARAM_FLAG_LIST)) {
			g_assert_cmpuint(p->list_min_items, ==, 0);
			g_assert_cmpuint(p->list_max_items, ==, 0);
			g_assert_cmpuint(p->list_max_length, ==, 0);
		}
	}
	g_assert_cmpuint(n_patterns, >, 200);

	/* patterns are anchored */
	{
		const CwmpSchemaParam *p = lookup("Device.DeviceInfo.ManufacturerOUI");
		g_autoptr(GRegex) re = NULL;

		g_assert_nonnull(p->patterns);
		re = g_regex_new(p->patterns[0], 0, 0, NULL);
		g_assert_true(g_regex_match(re, "00D09E", 0, NULL));
		g_assert_false(g_regex_match(re, "00D09E0", 0, NULL));
		g_assert_false(g_regex_match(re, "x00D09E", 0, NULL));
	}
}

static void
test_schema_objects(void)
{
	const CwmpSchema       *schema = cwmp_schema_get_default();
	const CwmpSchemaObject *obj;

	obj = cwmp_schema_lookup_object(schema, "Device.IP.Interface.{i}.");
	g_assert_nonnull(obj);
	g_assert_true(obj->multi_instance);
	g_assert_cmpint(obj->access, ==, CWMP_ACCESS_READ_WRITE);
	g_assert_cmpstr(obj->num_entries_parameter, ==, "InterfaceNumberOfEntries");
	g_assert_cmpstr(obj->enable_parameter, ==, "Enable");
	g_assert_nonnull(obj->unique_keys);
	g_assert_true(g_strv_contains(obj->unique_keys, "Alias"));
	g_assert_true(g_strv_contains(obj->unique_keys, "Name"));
	g_assert_cmpuint(obj->min_entries, ==, 0);
	g_assert_cmpuint(obj->max_entries, ==, G_MAXUINT32);
	g_assert_cmpstr(cwmp_schema_get_object(schema, obj->parent)->path, ==, "Device.IP.");
	g_assert_cmpuint(obj->n_params, >, 10);

	obj = cwmp_schema_lookup_object(schema, "Device.DeviceInfo.");
	g_assert_nonnull(obj);
	g_assert_false(obj->multi_instance);
	g_assert_cmpint(obj->access, ==, CWMP_ACCESS_READ_ONLY);
	g_assert_cmpuint(obj->min_entries, ==, 1);
	g_assert_cmpuint(obj->max_entries, ==, 1);
	g_assert_null(obj->num_entries_parameter);

	obj = cwmp_schema_lookup_object(schema, "Device.Services.VoiceService.{i}.");
	g_assert_nonnull(obj);
	g_assert_true(obj->multi_instance);
	g_assert_cmpstr(obj->num_entries_parameter, ==, "VoiceServiceNumberOfEntries");
	g_assert_cmpstr(cwmp_schema_get_object(schema, obj->parent)->path, ==, "Device.Services.");
	g_assert_cmpuint(obj->n_params, >, 0);
	g_assert_nonnull(cwmp_schema_lookup_object(schema, "Device.Services.VoiceService.{i}.SIP."
							   "Client.{i}."));
	g_assert_nonnull(cwmp_schema_lookup_param(schema, "Device.Services.VoiceService.{i}."
							  "Capabilities.MaxLineCount"));
	g_assert_true(
	    lookup("Device.Services.VoiceService.{i}.SIP.Client.{i}.AuthPassword")->flags &
	    CWMP_SCHEMA_PARAM_FLAG_HIDDEN);

	/* a table with a composite unique key */
	obj = cwmp_schema_lookup_object(schema, "Device.NAT.PortMapping.{i}.");
	g_assert_nonnull(obj);
	g_assert_true(g_strv_contains(obj->unique_keys, "RemoteHost,ExternalPort,Protocol"));
}

static void
test_schema_types(void)
{
	for (guint t = CWMP_TYPE_NONE + 1; t < CWMP_TYPE_LAST; t++) {
		const gchar	 *name = cwmp_type_to_string((CwmpType) t);
		g_autofree gchar *xsd = NULL;

		g_assert_nonnull(name);
		g_assert_cmpint(cwmp_type_from_string(name), ==, t);
		xsd = g_strconcat("xsd:", name, NULL);
		g_assert_cmpint(cwmp_type_from_string(xsd), ==, t);
	}
	g_assert_cmpstr(cwmp_type_to_string(CWMP_TYPE_UNSIGNED_INT), ==, "unsignedInt");
	g_assert_cmpstr(cwmp_type_to_string(CWMP_TYPE_DATE_TIME), ==, "dateTime");
	g_assert_cmpstr(cwmp_type_to_string(CWMP_TYPE_HEX_BINARY), ==, "hexBinary");
	g_assert_null(cwmp_type_to_string(CWMP_TYPE_NONE));
	g_assert_null(cwmp_type_to_string(CWMP_TYPE_LAST));
	g_assert_cmpint(cwmp_type_from_string("xsd:boolean"), ==, CWMP_TYPE_BOOLEAN);
	g_assert_cmpint(cwmp_type_from_string("decimal"), ==, CWMP_TYPE_DECIMAL);
	g_assert_cmpint(cwmp_type_from_string("unsignedint"), ==, CWMP_TYPE_NONE);
	g_assert_cmpint(cwmp_type_from_string("xsd:"), ==, CWMP_TYPE_NONE);
	g_assert_cmpint(cwmp_type_from_string("xsd:xsd:int"), ==, CWMP_TYPE_NONE);
	g_assert_cmpint(cwmp_type_from_string(""), ==, CWMP_TYPE_NONE);
	g_assert_cmpint(cwmp_type_from_string(NULL), ==, CWMP_TYPE_NONE);

	/* every base type occurs in the schema */
	for (guint t = CWMP_TYPE_NONE + 1; t < CWMP_TYPE_LAST; t++) {
		const CwmpSchema *schema = cwmp_schema_get_default();
		gboolean	  seen = FALSE;

		for (guint i = 0; i < cwmp_schema_get_n_params(schema) && !seen; i++)
			seen = cwmp_schema_get_param(schema, i)->type == t;
		if (!seen)
			g_error("no parameter of type %s", cwmp_type_to_string((CwmpType) t));
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/schema/counts", test_schema_counts);
	g_test_add_func("/cwmp/schema/layout", test_schema_layout);
	g_test_add_func("/cwmp/schema/lookup-self", test_schema_lookup_self);
	g_test_add_func("/cwmp/schema/lookup-unknown", test_schema_lookup_unknown);
	g_test_add_func("/cwmp/schema/lookup-instances", test_schema_lookup_instances);
	g_test_add_func("/cwmp/schema/generalize", test_schema_generalize);
	g_test_add_func("/cwmp/schema/params", test_schema_params);
	g_test_add_func("/cwmp/schema/forced-inform", test_schema_forced_inform);
	g_test_add_func("/cwmp/schema/ipv4-address", test_schema_ipv4_address);
	g_test_add_func("/cwmp/schema/patterns", test_schema_patterns);
	g_test_add_func("/cwmp/schema/objects", test_schema_objects);
	g_test_add_func("/cwmp/schema/types", test_schema_types);
	return g_test_run();
}
