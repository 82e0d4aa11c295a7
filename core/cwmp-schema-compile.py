#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The cwmpd developers
"""Compile the BBF CWMP data-model XML into C tables for core/cwmp-schema.c.

Reads the TR-181 full file (root model Device:2.19) and the TR-104 full file
(service model VoiceService:2.0, mounted under Device.Services.) and writes a C
file defining cwmp_schema_data_objects[], cwmp_schema_data_params[] and their
counts, with every named data type's facets folded into each parameter.

Only the Python standard library is used. The output is deterministic, and the
script fails if the object or parameter counts differ from the expected ones,
so a wrong schema never builds.
"""

import argparse
import os
import sys
import xml.etree.ElementTree as ET

ROOT_MODEL = 'Device:2.19'
SERVICE_MODEL = 'VoiceService:2.0'
SERVICE_MOUNT = 'Device.Services.'

# expected counts (items with status="deleted" excluded)
EXPECTED = {
    'root_objects': 860,
    'root_params': 7210,
    'service_objects': 113,
    'service_params': 849,
}

BASE_TYPES = {
    'string': 'CWMP_TYPE_STRING',
    'int': 'CWMP_TYPE_INT',
    'unsignedInt': 'CWMP_TYPE_UNSIGNED_INT',
    'long': 'CWMP_TYPE_LONG',
    'unsignedLong': 'CWMP_TYPE_UNSIGNED_LONG',
    'boolean': 'CWMP_TYPE_BOOLEAN',
    'dateTime': 'CWMP_TYPE_DATE_TIME',
    'base64': 'CWMP_TYPE_BASE64',
    'hexBinary': 'CWMP_TYPE_HEX_BINARY',
    'decimal': 'CWMP_TYPE_DECIMAL',
}
SIGNED_TYPES = ('int', 'long')
UNSIGNED_TYPES = ('unsignedInt', 'unsignedLong')

ACCESS = {
    'readOnly': 'CWMP_ACCESS_READ_ONLY',
    'readWrite': 'CWMP_ACCESS_READ_WRITE',
}
ACTIVE_NOTIFY = {
    'normal': 'CWMP_ACTIVE_NOTIFY_NORMAL',
    'forceEnabled': 'CWMP_ACTIVE_NOTIFY_FORCE_ENABLED',
    'forceDefaultEnabled': 'CWMP_ACTIVE_NOTIFY_FORCE_DEFAULT_ENABLED',
    'canDeny': 'CWMP_ACTIVE_NOTIFY_CAN_DENY',
}
FLAG_NAMES = [
    (1 << 0, 'CWMP_SCHEMA_PARAM_FLAG_FORCED_INFORM'),
    (1 << 1, 'CWMP_SCHEMA_PARAM_FLAG_LIST'),
    (1 << 2, 'CWMP_SCHEMA_PARAM_FLAG_HIDDEN'),
    (1 << 3, 'CWMP_SCHEMA_PARAM_FLAG_COMMAND'),
    (1 << 4, 'CWMP_SCHEMA_PARAM_FLAG_DEPRECATED'),
    (1 << 5, 'CWMP_SCHEMA_PARAM_FLAG_HAS_MIN'),
    (1 << 6, 'CWMP_SCHEMA_PARAM_FLAG_HAS_MAX'),
    (1 << 7, 'CWMP_SCHEMA_PARAM_FLAG_REFERENCE'),
]
FLAG = {name.replace('CWMP_SCHEMA_PARAM_FLAG_', ''): bit for bit, name in FLAG_NAMES}

U32_MAX = 0xFFFFFFFF
I64_MIN = -(1 << 63)
I64_MAX = (1 << 63) - 1
U64_MAX = (1 << 64) - 1

# facets that a derived type or a parameter may override, each kind as a whole
FACET_KINDS = ('sizes', 'ranges', 'patterns', 'enumerations')


class SchemaError(Exception):
    pass


def local(tag):
    """Tag without a {namespace} prefix."""
    return tag.rsplit('}', 1)[-1]


def is_deleted(elem):
    return elem.get('status') == 'deleted'


def is_deprecated(elem):
    return elem.get('status') in ('deprecated', 'obsoleted')


# --- XSD regular expressions -> PCRE ------------------------------------------

# XML name character classes (\i, \c) limited to what a PCRE class can state
# portably; the BBF models only use ASCII in patterns
XSD_NAME_START = '_:A-Za-z\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{2FF}\\x{370}-\\x{37D}\\x{37F}-\\x{1FFF}'
XSD_NAME_CHAR = XSD_NAME_START + '\\-.0-9\\x{B7}\\x{300}-\\x{36F}\\x{203F}-\\x{2040}'


def xsd_regex_to_pcre(pattern, where):
    """Translate one XSD 1.0 regular expression into an anchored PCRE one.

    XSD patterns are implicitly anchored and know no ^/$ anchors (they are
    literal characters there), so those are escaped. The multi-character
    escapes \\i \\c \\I \\C are expanded. Character-class subtraction and Unicode
    block escapes (\\p{IsBlock}) have no PCRE equivalent here and are refused.
    """
    out = []
    i = 0
    in_class = False
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == '\\':
            if i + 1 >= n:
                raise SchemaError('%s: pattern %r ends with a backslash' % (where, pattern))
            nxt = pattern[i + 1]
            if nxt in 'iIcC':
                cls = XSD_NAME_START if nxt in 'iI' else XSD_NAME_CHAR
                if in_class:
                    if nxt in 'IC':
                        raise SchemaError('%s: pattern %r: \\%s inside a class is not supported'
                                          % (where, pattern, nxt))
                    out.append(cls)
                else:
                    out.append('[%s%s]' % ('^' if nxt in 'IC' else '', cls))
                i += 2
                continue
            if nxt in 'pP' and pattern.startswith('{Is', i + 2):
                raise SchemaError('%s: pattern %r: Unicode block escapes are not supported'
                                  % (where, pattern))
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if ch == '-' and i + 1 < n and pattern[i + 1] == '[':
                raise SchemaError('%s: pattern %r: character-class subtraction is not supported'
                                  % (where, pattern))
            if ch == '[':
                out.append('\\[')
            elif ch == ']':
                in_class = False
                out.append(ch)
            else:
                out.append(ch)
            i += 1
            continue
        if ch == '[':
            in_class = True
            out.append(ch)
            # a leading ^ negates, a ] right after [ or [^ is literal in PCRE
            # but invalid in XSD; keep both as they are
            if i + 1 < n and pattern[i + 1] == '^':
                out.append('^')
                i += 1
            i += 1
            continue
        if ch in '^$':
            out.append('\\' + ch)
            i += 1
            continue
        out.append(ch)
        i += 1
    if in_class:
        raise SchemaError('%s: pattern %r has an unterminated character class' % (where, pattern))
    return '^(?:%s)$' % ''.join(out)


# --- syntax resolution ----------------------------------------------------------

def new_syntax():
    return {
        'base': None,          # XML tag of the base type
        'data_type': None,     # most derived named data type
        'is_list': False,
        'list_min_items': 0,
        'list_max_items': 0,
        'list_max_length': 0,
        'reference': False,
        'sizes': [],
        'ranges': [],
        'patterns': [],
        'enumerations': [],
    }


def copy_syntax(s):
    c = dict(s)
    for k in FACET_KINDS:
        c[k] = list(s[k])
    return c


def parse_uint(text, where):
    try:
        v = int(text, 10)
    except ValueError:
        raise SchemaError('%s: %r is not an integer' % (where, text))
    if v < 0:
        raise SchemaError('%s: %r is negative' % (where, text))
    return v


def read_facets(container, syn, where):
    """Fold the facet children of @container into @syn, overriding per kind."""
    found = {k: [] for k in FACET_KINDS}
    seen = set()
    for child in container:
        tag = local(child.tag)
        if tag == 'size':
            mn = child.get('minLength')
            mx = child.get('maxLength')
            if mn is None and mx is None:
                # an empty <size/> states nothing
                continue
            seen.add('sizes')
            found['sizes'].append((parse_uint(mn, where) if mn is not None else 0,
                                   parse_uint(mx, where) if mx is not None else None))
        elif tag == 'range':
            seen.add('ranges')
            step = child.get('step')
            found['ranges'].append((child.get('minInclusive'), child.get('maxInclusive'),
                                    parse_uint(step, where) if step is not None else 0))
        elif tag == 'pattern':
            if is_deleted(child):
                continue
            seen.add('patterns')
            found['patterns'].append(xsd_regex_to_pcre(child.get('value', ''), where))
        elif tag == 'enumeration':
            if is_deleted(child):
                continue
            seen.add('enumerations')
            found['enumerations'].append(child.get('value', ''))
        elif tag in ('pathRef', 'instanceRef'):
            syn['reference'] = True
        elif tag == 'enumerationRef':
            # values come from another parameter at run time
            seen.add('enumerations')
        elif tag in ('units', 'description'):
            pass
        else:
            raise SchemaError('%s: unexpected facet <%s>' % (where, tag))
    for k in seen:
        syn[k] = found[k]


def read_list(elem, syn, where):
    syn['is_list'] = True
    syn['list_min_items'] = parse_uint(elem.get('minItems', '0'), where)
    mx = elem.get('maxItems', 'unbounded')
    syn['list_max_items'] = 0 if mx == 'unbounded' else parse_uint(mx, where)
    syn['list_max_length'] = 0
    for child in elem:
        tag = local(child.tag)
        if tag == 'size':
            if child.get('maxLength') is not None:
                syn['list_max_length'] = parse_uint(child.get('maxLength'), where)
        elif tag != 'description':
            raise SchemaError('%s: unexpected <%s> in <list>' % (where, tag))


class DataTypes:
    """The named data types of one document, resolved lazily with their bases."""

    def __init__(self, root, where):
        self.elems = {}
        self.resolved = {}
        self.where = where
        for dt in root.findall('dataType'):
            self.elems[dt.get('name')] = dt

    def resolve(self, name, stack=()):
        if name in self.resolved:
            return self.resolved[name]
        if name in stack:
            raise SchemaError('%s: data type loop through %s' % (self.where, name))
        elem = self.elems.get(name)
        if elem is None:
            raise SchemaError('%s: unknown data type %r' % (self.where, name))
        where = '%s: dataType %s' % (self.where, name)
        base = elem.get('base')
        if base is not None:
            syn = copy_syntax(self.resolve(base, stack + (name,)))
        else:
            syn = new_syntax()
        apply_type_children(elem, syn, self, where, stack + (name,))
        if syn['base'] is None:
            raise SchemaError('%s: no base type' % where)
        syn['data_type'] = name
        self.resolved[name] = syn
        return syn


def apply_type_children(elem, syn, types, where, stack=()):
    """Apply the children of a <dataType> definition or a parameter <syntax>."""
    direct = []
    for child in elem:
        tag = local(child.tag)
        if tag in BASE_TYPES:
            syn['base'] = tag
            read_facets(child, syn, where)
        elif tag == 'list':
            read_list(child, syn, where)
        elif tag == 'dataType':
            ref = child.get('ref') or child.get('base')
            if ref is None:
                raise SchemaError('%s: <dataType> without ref or base' % where)
            dt = types.resolve(ref, stack)
            keep_list = syn['is_list']
            list_facets = (syn['list_min_items'], syn['list_max_items'], syn['list_max_length'])
            for k, v in copy_syntax(dt).items():
                if k in ('is_list', 'list_min_items', 'list_max_items', 'list_max_length') \
                        and keep_list:
                    continue
                syn[k] = v
            if keep_list:
                syn['list_min_items'], syn['list_max_items'], syn['list_max_length'] = \
                    list_facets
            read_facets(child, syn, where)
        elif tag in ('size', 'range', 'pattern', 'enumeration', 'pathRef', 'instanceRef',
                     'enumerationRef', 'units'):
            # facets written directly in a derived <dataType base="...">
            direct.append(child)
        elif tag in ('description', 'default'):
            pass
        else:
            raise SchemaError('%s: unexpected <%s>' % (where, tag))
    if direct:
        read_facets(direct, syn, where)


# --- model walking --------------------------------------------------------------

def parse_number(text, base, where):
    if text is None:
        return None
    try:
        if base == 'decimal':
            return float(text)
        return int(text, 10)
    except ValueError:
        raise SchemaError('%s: range bound %r is not a %s' % (where, text, base))


def make_param(path, pelem, types, obj_deprecated, where):
    syn_elem = pelem.find('syntax')
    if syn_elem is None:
        raise SchemaError('%s: parameter without <syntax>' % where)
    syn = new_syntax()
    apply_type_children(syn_elem, syn, types, where)
    if syn['base'] is None:
        raise SchemaError('%s: no base type' % where)

    flags = 0
    if pelem.get('forcedInform') == 'true':
        flags |= FLAG['FORCED_INFORM']
    if syn['is_list']:
        flags |= FLAG['LIST']
    if syn_elem.get('hidden') == 'true' or syn_elem.get('secured') == 'true':
        flags |= FLAG['HIDDEN']
    if syn_elem.get('command') == 'true':
        flags |= FLAG['COMMAND']
    if is_deprecated(pelem) or obj_deprecated:
        flags |= FLAG['DEPRECATED']
    if syn['reference']:
        flags |= FLAG['REFERENCE']

    base = syn['base']
    ranges = []
    for mn, mx, step in syn['ranges']:
        lo = parse_number(mn, base, where)
        hi = parse_number(mx, base, where)
        if base not in SIGNED_TYPES + UNSIGNED_TYPES + ('decimal',):
            raise SchemaError('%s: range on a %s' % (where, base))
        if base in UNSIGNED_TYPES and ((lo is not None and lo < 0) or
                                       (hi is not None and hi < 0)):
            raise SchemaError('%s: negative bound for %s' % (where, base))
        if lo is not None and hi is not None and lo > hi:
            raise SchemaError('%s: empty range %s..%s' % (where, mn, mx))
        ranges.append((base, lo, hi, step))
        if lo is not None:
            flags |= FLAG['HAS_MIN']
        if hi is not None:
            flags |= FLAG['HAS_MAX']

    # several size facets are alternatives: keep their envelope
    min_length = 0
    max_length = 0
    if syn['sizes']:
        min_length = min(s[0] for s in syn['sizes'])
        maxes = [s[1] for s in syn['sizes']]
        max_length = 0 if None in maxes else max(maxes)

    default = None
    d = syn_elem.find('default')
    if d is not None and d.get('type') in ('object', 'factory') and not is_deleted(d):
        default = d.get('value', '')
        # list defaults are written "[a,b]" in the model: the CWMP value is "a,b"
        if syn['is_list'] and default.startswith('[') and default.endswith(']'):
            default = default[1:-1]

    access = pelem.get('access', 'readOnly')
    if access not in ACCESS:
        raise SchemaError('%s: unknown access %r' % (where, access))
    notify = pelem.get('activeNotify', 'normal')
    if notify not in ACTIVE_NOTIFY:
        raise SchemaError('%s: unknown activeNotify %r' % (where, notify))

    return {
        'path': path,
        'name': pelem.get('name'),
        'data_type': syn['data_type'],
        'default': default,
        'enumerations': tuple(syn['enumerations']) or None,
        'patterns': tuple(syn['patterns']) or None,
        'ranges': tuple(ranges) or None,
        'min_length': min_length,
        'max_length': max_length,
        'list_min_items': syn['list_min_items'] if syn['is_list'] else 0,
        'list_max_items': syn['list_max_items'] if syn['is_list'] else 0,
        'list_max_length': syn['list_max_length'] if syn['is_list'] else 0,
        'flags': flags,
        'type': BASE_TYPES[base],
        'access': ACCESS[access],
        'active_notify': ACTIVE_NOTIFY[notify],
    }


def make_object(path, oelem, where):
    access = oelem.get('access', 'readOnly')
    if access not in ACCESS:
        raise SchemaError('%s: unknown access %r' % (where, access))
    mn = parse_uint(oelem.get('minEntries', '1'), where)
    mx_text = oelem.get('maxEntries', '1')
    mx = U32_MAX if mx_text == 'unbounded' else parse_uint(mx_text, where)
    keys = []
    for uk in oelem.findall('uniqueKey'):
        if is_deleted(uk):
            continue
        names = [p.get('ref') for p in uk.findall('parameter')]
        if not names or None in names:
            raise SchemaError('%s: malformed <uniqueKey>' % where)
        keys.append(','.join(names))
    return {
        'path': path,
        'num_entries_parameter': oelem.get('numEntriesParameter'),
        'enable_parameter': oelem.get('enableParameter'),
        'unique_keys': tuple(keys) or None,
        'min_entries': mn,
        'max_entries': mx,
        'access': ACCESS[access],
        'multi_instance': path.endswith('.{i}.'),
        'deprecated': is_deprecated(oelem),
    }


def load_model(filename, model_name, prefix):
    """Return (objects, params, model_params) of one model, paths prefixed."""
    try:
        root = ET.parse(filename).getroot()
    except (OSError, ET.ParseError) as e:
        raise SchemaError('%s: %s' % (filename, e))
    where = os.path.basename(filename)
    types = DataTypes(root, where)
    models = [m for m in root.findall('model') if m.get('name') == model_name]
    if len(models) != 1:
        raise SchemaError('%s: expected one model %s, found %d' % (where, model_name, len(models)))
    model = models[0]
    objects = []
    params = []
    model_params = []
    for child in model:
        tag = local(child.tag)
        if tag == 'parameter':
            if is_deleted(child):
                continue
            path = prefix + child.get('name')
            model_params.append(make_param(path, child, types, False, '%s: %s' % (where, path)))
        elif tag == 'object':
            if is_deleted(child):
                continue
            opath = prefix + child.get('name')
            if not opath.endswith('.'):
                raise SchemaError('%s: object %r does not end with a dot' % (where, opath))
            obj = make_object(opath, child, '%s: %s' % (where, opath))
            objects.append(obj)
            for p in child.findall('parameter'):
                if is_deleted(p):
                    continue
                ppath = opath + p.get('name')
                params.append(make_param(ppath, p, types, obj['deprecated'],
                                         '%s: %s' % (where, ppath)))
    return objects, params, model_params


def parent_path(path):
    """"Device.IP.Interface.{i}." -> "Device.IP.", "Device." -> None."""
    segs = path[:-1].split('.')
    if segs[-1] == '{i}':
        segs = segs[:-1]
    segs = segs[:-1]
    if not segs:
        return None
    return '.'.join(segs) + '.'


def build(tr181, tr104):
    objs181, params181, mp181 = load_model(tr181, ROOT_MODEL, '')
    objs104, params104, mp104 = load_model(tr104, SERVICE_MODEL, SERVICE_MOUNT)
    if mp181:
        raise SchemaError('%s: unexpected model-level parameters in %s' % (tr181, ROOT_MODEL))

    counts = {
        'root_objects': len(objs181),
        'root_params': len(params181),
        'service_objects': len(objs104),
        'service_params': len(params104) + len(mp104),
    }
    bad = ['%s: got %d, expected %d' % (k, counts[k], EXPECTED[k])
           for k in sorted(EXPECTED) if counts[k] != EXPECTED[k]]
    if bad:
        raise SchemaError('schema counts differ from the expected ones: ' + '; '.join(bad))

    objects = objs181 + objs104
    params = params181 + params104 + mp104
    for s in [o['path'] for o in objects] + [p['path'] for p in params]:
        if not s.isascii() or '\0' in s:
            raise SchemaError('path %r is not plain ASCII' % s)

    objects.sort(key=lambda o: o['path'].encode())
    obj_index = {}
    for i, o in enumerate(objects):
        if o['path'] in obj_index:
            raise SchemaError('duplicate object %s' % o['path'])
        obj_index[o['path']] = i
    if objects[0]['path'] != 'Device.':
        raise SchemaError('first object is %s, not Device.' % objects[0]['path'])

    for o in objects:
        pp = parent_path(o['path'])
        if pp is None:
            o['parent'] = U32_MAX
        elif pp not in obj_index:
            raise SchemaError('object %s has no parent object %s' % (o['path'], pp))
        else:
            o['parent'] = obj_index[pp]

    for p in params:
        opath = p['path'][:-len(p['name'])]
        if opath not in obj_index:
            raise SchemaError('parameter %s has no object %s' % (p['path'], opath))
        p['object'] = obj_index[opath]
    params.sort(key=lambda p: (p['object'], p['name'].encode()))
    seen = set()
    for p in params:
        if p['path'] in seen:
            raise SchemaError('duplicate parameter %s' % p['path'])
        seen.add(p['path'])
        objects[p['object']]['n_params'] = objects[p['object']].get('n_params', 0) + 1
    # params are sorted by object: each object's run starts where the previous ended
    first = 0
    for o in objects:
        o.setdefault('n_params', 0)
        o['first_param'] = first
        first += o['n_params']
    for o in objects:
        names = {p['name'] for p in params[o['first_param']:o['first_param'] + o['n_params']]}
        for attr in ('enable_parameter',):
            if o[attr] is not None and o[attr] not in names:
                raise SchemaError('object %s: %s %s is not one of its parameters'
                                  % (o['path'], attr, o[attr]))
        for key in o['unique_keys'] or ():
            for k in key.split(','):
                if k not in names:
                    raise SchemaError('object %s: unique key %s is not one of its parameters'
                                      % (o['path'], k))
        if o['num_entries_parameter'] is not None:
            parent = objects[o['parent']]
            pnames = {p['name'] for p in
                      params[parent['first_param']:parent['first_param'] + parent['n_params']]}
            if o['num_entries_parameter'] not in pnames:
                raise SchemaError('object %s: numEntriesParameter %s is not in %s'
                                  % (o['path'], o['num_entries_parameter'], parent['path']))
    return objects, params, counts


# --- C output -------------------------------------------------------------------

def c_string(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch in '"\\':
            out.append('\\' + ch)
        elif ch == '?':
            # no trigraphs
            out.append('\\?')
        elif 0x20 <= o < 0x7F:
            out.append(ch)
        else:
            for b in ch.encode('utf-8'):
                out.append('\\%03o' % b)
    out.append('"')
    return ''.join(out)


class StringPool:
    """All strings in one char array; entries are referenced as S + offset."""

    def __init__(self):
        self.offsets = {}
        self.items = []
        self.size = 0

    def add(self, s):
        if s in self.offsets:
            return self.offsets[s]
        off = self.size
        self.offsets[s] = off
        self.items.append(s)
        self.size += len(s.encode('utf-8')) + 1
        return off

    def ref(self, s):
        if s is None:
            return 'NULL'
        return 'S + %d' % self.add(s)


def c_int64(v):
    if v == I64_MIN:
        return 'G_MININT64'
    return 'G_GINT64_CONSTANT(%d)' % v


def c_uint64(v):
    return 'G_GUINT64_CONSTANT(%d)' % v


def c_double(v):
    r = repr(float(v))
    if 'e' not in r and '.' not in r and 'inf' not in r and 'nan' not in r:
        r += '.0'
    return r


# the natural bounds of each integer type, used for an open end of a range
TYPE_BOUNDS = {
    'int': (-(1 << 31), (1 << 31) - 1),
    'long': (I64_MIN, I64_MAX),
    'unsignedInt': (0, U32_MAX),
    'unsignedLong': (0, U64_MAX),
}


def range_initialiser(rng):
    base, lo, hi, step = rng
    fields = []
    if base in TYPE_BOUNDS:
        tmin, tmax = TYPE_BOUNDS[base]
        for v in (lo, hi):
            if v is not None and not tmin <= v <= tmax:
                raise SchemaError('range bound %d does not fit in a %s' % (v, base))
    if base in SIGNED_TYPES:
        fields.append('.min = %s' % c_int64(lo if lo is not None else tmin))
        fields.append('.max = %s' % c_int64(hi if hi is not None else tmax))
    elif base in UNSIGNED_TYPES:
        fields.append('.umin = %s' % c_uint64(lo if lo is not None else 0))
        fields.append('.umax = %s' % c_uint64(hi if hi is not None else tmax))
    else:
        if lo is not None:
            fields.append('.dmin = %s' % c_double(lo))
        if hi is not None:
            fields.append('.dmax = %s' % c_double(hi))
    if step:
        fields.append('.step = %s' % c_uint64(step))
    fields.append('.has_min = %d' % (lo is not None))
    fields.append('.has_max = %d' % (hi is not None))
    return '{ %s }' % ', '.join(fields)


def flags_expr(flags):
    names = [name for bit, name in FLAG_NAMES if flags & bit]
    return ' | '.join(names) if names else '0'


def emit(objects, params, counts, out):
    pool = StringPool()
    arrays = {}        # tuple of strings -> name
    array_lines = []
    range_arrays = {}
    range_lines = []

    def str_array(values):
        if values is None:
            return 'NULL'
        name = arrays.get(values)
        if name is None:
            name = 'A%d' % len(arrays)
            arrays[values] = name
            refs = [pool.ref(v) for v in values] + ['NULL']
            array_lines.append('static const gchar *const %s[] = { %s };'
                               % (name, ', '.join(refs)))
        return name

    def range_array(values):
        if values is None:
            return 'NULL'
        name = range_arrays.get(values)
        if name is None:
            name = 'R%d' % len(range_arrays)
            range_arrays[values] = name
            range_lines.append('static const CwmpSchemaRange %s[] = { %s };'
                               % (name, ', '.join(range_initialiser(r) for r in values)))
        return name

    obj_lines = []
    for o in objects:
        f = ['.path = %s' % pool.ref(o['path'])]
        if o['num_entries_parameter'] is not None:
            f.append('.num_entries_parameter = %s' % pool.ref(o['num_entries_parameter']))
        if o['enable_parameter'] is not None:
            f.append('.enable_parameter = %s' % pool.ref(o['enable_parameter']))
        if o['unique_keys'] is not None:
            f.append('.unique_keys = %s' % str_array(o['unique_keys']))
        f.append('.parent = %s' % ('G_MAXUINT32' if o['parent'] == U32_MAX else o['parent']))
        f.append('.first_param = %d' % o['first_param'])
        f.append('.n_params = %d' % o['n_params'])
        f.append('.min_entries = %d' % o['min_entries'])
        f.append('.max_entries = %s' % ('G_MAXUINT32' if o['max_entries'] == U32_MAX
                                         else o['max_entries']))
        f.append('.access = %s' % o['access'])
        f.append('.multi_instance = %s' % ('TRUE' if o['multi_instance'] else 'FALSE'))
        obj_lines.append('\t{ %s },' % ', '.join(f))

    param_lines = []
    for p in params:
        path_off = pool.add(p['path'])
        name_off = path_off + len(p['path']) - len(p['name'])
        f = ['.path = S + %d' % path_off, '.name = S + %d' % name_off]
        if p['data_type'] is not None:
            f.append('.data_type = %s' % pool.ref(p['data_type']))
        if p['default'] is not None:
            f.append('.default_value = %s' % pool.ref(p['default']))
        if p['enumerations'] is not None:
            f.append('.enumerations = %s' % str_array(p['enumerations']))
        if p['patterns'] is not None:
            f.append('.patterns = %s' % str_array(p['patterns']))
        if p['ranges'] is not None:
            f.append('.ranges = %s' % range_array(p['ranges']))
            f.append('.n_ranges = %d' % len(p['ranges']))
        f.append('.object = %d' % p['object'])
        for k in ('min_length', 'max_length', 'list_min_items', 'list_max_items',
                  'list_max_length'):
            if p[k]:
                f.append('.%s = %d' % (k, p[k]))
        if p['flags']:
            f.append('.flags = %s' % flags_expr(p['flags']))
        f.append('.type = %s' % p['type'])
        f.append('.access = %s' % p['access'])
        if p['active_notify'] != 'CWMP_ACTIVE_NOTIFY_NORMAL':
            f.append('.active_notify = %s' % p['active_notify'])
        param_lines.append('\t{ %s },' % ', '.join(f))

    w = out.write
    w('/* SPDX-License-Identifier: LGPL-2.1-or-later */\n')
    w('/* generated by core/cwmp-schema-compile.py from the BBF data models %s and %s\n'
      ' * (mounted under %s): do not edit */\n\n' % (ROOT_MODEL, SERVICE_MODEL, SERVICE_MOUNT))
    w('#include "cwmp-schema.h"\n\n')
    w('/* %d objects, %d parameters; %s: %d objects, %d parameters; '
      '%s: %d objects, %d parameters */\n\n'
      % (len(objects), len(params), ROOT_MODEL, counts['root_objects'], counts['root_params'],
         SERVICE_MODEL, counts['service_objects'], counts['service_params']))
    w('extern const CwmpSchemaObject cwmp_schema_data_objects[];\n')
    w('extern const guint cwmp_schema_data_n_objects;\n')
    w('extern const CwmpSchemaParam cwmp_schema_data_params[];\n')
    w('extern const guint cwmp_schema_data_n_params;\n')
    w('extern const gchar cwmp_schema_data_root_version[];\n\n')
    w('const gchar cwmp_schema_data_root_version[] = %s;\n\n' % c_string(ROOT_MODEL))
    # the pool is complete once every reference has been taken: arrays and
    # tables were rendered above, so write the pool first
    w('static const gchar S[] =\n')
    for s in pool.items:
        w('\t%s\n' % c_string(s + '\0'))
    w('\t;\n\n')
    for line in array_lines:
        w(line + '\n')
    w('\n')
    for line in range_lines:
        w(line + '\n')
    w('\n')
    w('const CwmpSchemaObject cwmp_schema_data_objects[] = {\n')
    w('\n'.join(obj_lines))
    w('\n};\n')
    w('const guint cwmp_schema_data_n_objects = G_N_ELEMENTS(cwmp_schema_data_objects);\n\n')
    w('const CwmpSchemaParam cwmp_schema_data_params[] = {\n')
    w('\n'.join(param_lines))
    w('\n};\n')
    w('const guint cwmp_schema_data_n_params = G_N_ELEMENTS(cwmp_schema_data_params);\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--tr181', required=True, help='TR-181 full XML (%s)' % ROOT_MODEL)
    ap.add_argument('--tr104', required=True, help='TR-104 full XML (%s)' % SERVICE_MODEL)
    ap.add_argument('--output', help='C file to write')
    ap.add_argument('--check', action='store_true',
                    help='only parse and check the models, print the counts')
    args = ap.parse_args()
    if not args.check and not args.output:
        ap.error('--output is required unless --check is given')
    try:
        objects, params, counts = build(args.tr181, args.tr104)
    except SchemaError as e:
        print('cwmp-schema-compile: error: %s' % e, file=sys.stderr)
        return 1
    if args.check:
        print('%s: %d objects, %d parameters' % (ROOT_MODEL, counts['root_objects'],
                                                 counts['root_params']))
        print('%s: %d objects, %d parameters' % (SERVICE_MODEL, counts['service_objects'],
                                                 counts['service_params']))
        print('total: %d objects, %d parameters' % (len(objects), len(params)))
        return 0
    tmp = args.output + '.tmp'
    with open(tmp, 'w', encoding='ascii', newline='\n') as f:
        emit(objects, params, counts, f)
    os.replace(tmp, args.output)
    return 0


if __name__ == '__main__':
    sys.exit(main())
