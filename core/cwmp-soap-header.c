/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-soap-header.h"

/**
 * cwmp_soap_header_clear:
 * @self: a header
 *
 * Frees the strings of @self and resets every field.
 *
 * Since: 1.0
 */
void
cwmp_soap_header_clear(CwmpSoapHeader *self)
{
	g_free(self->id);
	g_free(self->supported_cwmp_versions);
	g_free(self->use_cwmp_version);
	memset(self, 0, sizeof(*self));
}

/**
 * cwmp_soap_header_copy:
 * @dest: an empty or cleared header
 * @src: the header to copy
 *
 * Deep-copies @src into @dest.
 *
 * Since: 1.0
 */
void
cwmp_soap_header_copy(CwmpSoapHeader *dest, const CwmpSoapHeader *src)
{
	*dest = *src;
	dest->id = g_strdup(src->id);
	dest->supported_cwmp_versions = g_strdup(src->supported_cwmp_versions);
	dest->use_cwmp_version = g_strdup(src->use_cwmp_version);
}
