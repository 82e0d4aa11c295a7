#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The cwmpd developers
"""meson install --destdir into a temporary folder: the file list and modes;
then the example plugin (examples/vendor-plugin/) built against that tree with
pkg-config alone, and loaded by the installed cwmpd. TAP output."""

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

results = []


def check(ok, name, detail=''):
    results.append((bool(ok), name, detail))
    return ok


def skip(name, why):
    results.append((None, name, why))


def mode_of(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def check_file(dest, path, mode, name=None):
    full = dest + path
    name = name or path
    if not check(os.path.isfile(full), name + ' installed', full):
        return False
    return check(mode_of(full) == mode, '%s mode %o' % (name, mode),
                 'mode %o' % mode_of(full))


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--builddir', required=True)
    p.add_argument('--srcdir', required=True)
    for opt in ['prefix', 'sbindir', 'bindir', 'libdir', 'datadir', 'sysconfdir', 'mandir',
                'includedir', 'localstatedir', 'pluginsdir', 'includesubdir']:
        p.add_argument('--' + opt, required=True)
    p.add_argument('--systemd', choices=['yes', 'no'], required=True)
    p.add_argument('--polkit', choices=['yes', 'no'], required=True)
    p.add_argument('--builtin-plugins', choices=['yes', 'no'], required=True)
    a = p.parse_args()

    def under_prefix(d):
        return d if d.startswith('/') else os.path.join(a.prefix, d)

    meson = shutil.which('meson')
    if meson is None:
        print('1..0 # SKIP meson is not on PATH')
        return 0

    tmp = tempfile.mkdtemp(prefix='cwmp-install-')
    try:
        dest = os.path.join(tmp, 'dest')
        proc = run([meson, 'install', '-C', a.builddir, '--no-rebuild', '--quiet',
                    '--destdir', dest])
        if not check(proc.returncode == 0, 'meson install --destdir',
                     proc.stdout + proc.stderr):
            return report()

        sbindir = under_prefix(a.sbindir)
        bindir = under_prefix(a.bindir)
        libdir = under_prefix(a.libdir)
        datadir = under_prefix(a.datadir)
        sysconfdir = under_prefix(a.sysconfdir)
        mandir = under_prefix(a.mandir)
        includedir = under_prefix(a.includedir)
        localstatedir = under_prefix(a.localstatedir)

        cwmpd = sbindir + '/cwmpd'
        check_file(dest, cwmpd, 0o755)
        check_file(dest, bindir + '/cwmpctl', 0o755)
        check(not os.path.exists(dest + bindir + '/cwmpd'), 'cwmpd not in bindir')

        plugins_dir = dest + a.pluginsdir
        if a.builtin_plugins == 'no':
            modules = sorted(f for f in os.listdir(plugins_dir) if f.endswith('.so')) \
                if os.path.isdir(plugins_dir) else []
            check(len(modules) > 0, 'plugins in ' + a.pluginsdir, str(modules))
            for module in modules:
                check(mode_of(os.path.join(plugins_dir, module)) == 0o755,
                      'plugin %s mode 755' % module)
        check(os.path.isdir(dest + datadir + '/cwmpd/schemas') and
              any(f.endswith('.xml') for f in os.listdir(dest + datadir + '/cwmpd/schemas')),
              'schemas in $datadir/cwmpd/schemas')

        policy = datadir + '/dbus-1/system.d/org.cwmpd.Agent1.conf'
        if check_file(dest, policy, 0o644):
            text = open(dest + policy).read()
            check('<allow own="org.cwmpd.Agent1"/>' in text, 'the policy lets root own the name')
            if a.polkit == 'yes':
                check('send_member="GetParameterValues"' not in text,
                      'polkit policy: everybody sends, polkit decides')
            else:
                check('send_member="GetParameterValues"' in text and
                      'send_member="SetParameterValues"' not in text,
                      'policy: reads for all, writes for root only')
            xmllint = shutil.which('xmllint')
            if xmllint:
                proc = run([xmllint, '--noout', dest + policy])
                check(proc.returncode == 0, 'the policy is well-formed XML', proc.stderr)
        if a.polkit == 'yes':
            check_file(dest, datadir + '/polkit-1/actions/org.cwmpd.policy', 0o644)
        else:
            check(not os.path.exists(dest + datadir + '/polkit-1/actions/org.cwmpd.policy'),
                  'no polkit actions without polkit')
        service = datadir + '/dbus-1/system-services/org.cwmpd.Agent1.service'
        if check_file(dest, service, 0o644):
            text = open(dest + service).read()
            check('Exec=%s\n' % cwmpd in text and 'User=root\n' in text and
                  'SystemdService=cwmpd.service\n' in text, 'the activation file', text)
        check_file(dest, datadir + '/dbus-1/interfaces/org.cwmpd.Agent1.xml', 0o644)
        check_file(dest, sysconfdir + '/cwmpd/cwmpd.conf', 0o644)

        if a.systemd == 'yes':
            units = [os.path.join(d, f) for d, _, fs in os.walk(dest) for f in fs
                     if f == 'cwmpd.service']
            check(len(units) == 1, 'one cwmpd.service installed', str(units))
            check(all(u.startswith(dest + a.prefix) or a.prefix == '/usr' for u in units),
                  'cwmpd.service below the prefix', str(units))
            tmpfiles = [os.path.join(d, f) for d, _, fs in os.walk(dest) for f in fs
                        if f == 'cwmpd.conf' and d.endswith('tmpfiles.d')]
            check(len(tmpfiles) == 1, 'one tmpfiles.d/cwmpd.conf installed', str(tmpfiles))
            if units:
                unit = open(units[0]).read()
                check(mode_of(units[0]) == 0o644, 'cwmpd.service mode 644')
                for line in ['Type=dbus', 'BusName=org.cwmpd.Agent1',
                             'ExecStart=%s' % cwmpd, 'Restart=always', 'StateDirectory=cwmpd',
                             'StateDirectoryMode=0700']:
                    check(line + '\n' in unit, 'cwmpd.service has ' + line)
                for forbidden in ['PrivateNetwork=', 'ProtectKernelTunables=']:
                    check(forbidden not in unit.replace('# not set on purpose', ''),
                          'cwmpd.service has no ' + forbidden.rstrip('='))
                analyze = shutil.which('systemd-analyze')
                if analyze:
                    # the unit as it would be on the target: ExecStart made to
                    # point at the staged binary so verify can check it
                    staged = os.path.join(tmp, 'cwmpd.service')
                    with open(staged, 'w') as f:
                        f.write(unit.replace('ExecStart=' + cwmpd,
                                             'ExecStart=' + dest + cwmpd))
                    proc = run([analyze, 'verify', '--man=no', staged],
                               env=dict(os.environ, SYSTEMD_LOG_LEVEL='warning'))
                    problems = [l for l in proc.stderr.splitlines()
                                if 'cwmpd.service' in l or 'Unknown' in l]
                    check(proc.returncode == 0 and not problems, 'systemd-analyze verify',
                          proc.stderr)
                else:
                    skip('systemd-analyze verify', 'systemd-analyze not installed')
            if tmpfiles:
                text = open(tmpfiles[0]).read()
                check('d %s/lib/cwmpd 0700 root root -' % localstatedir in text,
                      'tmpfiles.d makes the state directory 0700', text)
        state = dest + localstatedir + '/lib/cwmpd'
        check(not os.path.exists(state), 'the state directory is not created by install')

        inc = dest + includedir + '/' + a.includesubdir
        for header in ['cwmpd-plugin.h', 'cwmp-dm.h', 'cwmp-dm-txn.h', 'cwmp-error.h',
                       'cwmp-path.h', 'cwmp-plugin-desc.h', 'cwmp-schema.h', 'cwmp-value.h']:
            check_file(dest, includedir + '/' + a.includesubdir + '/' + header, 0o644,
                       'header ' + header)
        pcdir = dest + libdir + '/pkgconfig'
        check_file(dest, libdir + '/pkgconfig/cwmpd.pc', 0o644)
        for page in ['man5/cwmpd.conf.5', 'man8/cwmpd.8', 'man1/cwmpctl.1']:
            check_file(dest, mandir + '/' + page, 0o644)

        # the example plugin against the staged SDK alone: a copy of its
        # folder, so nothing of the source tree is on the include path
        example = os.path.join(tmp, 'example')
        shutil.copytree(os.path.join(a.srcdir, 'examples', 'vendor-plugin'), example)
        # cwmpd.pc relocated to the staged prefix (PKG_CONFIG_SYSROOT_DIR would
        # move glib's flags into the staging folder too, where glib is not)
        relocated = os.path.join(tmp, 'pkgconfig')
        os.mkdir(relocated)
        pc = open(pcdir + '/cwmpd.pc').read()
        check(('prefix=%s\n' % a.prefix) in pc, 'cwmpd.pc names the prefix', pc)
        with open(os.path.join(relocated, 'cwmpd.pc'), 'w') as f:
            f.write(pc.replace('prefix=%s\n' % a.prefix, 'prefix=%s%s\n' % (dest, a.prefix), 1))
        env = dict(os.environ, PKG_CONFIG_PATH=relocated)
        env.pop('CFLAGS', None)
        env.pop('PKG_CONFIG_SYSROOT_DIR', None)
        proc = run(['pkg-config', '--cflags', 'cwmpd'], env=env)
        check(proc.returncode == 0 and '-I' + inc in proc.stdout,
              'pkg-config --cflags cwmpd names the staged headers', proc.stdout + proc.stderr)
        proc = run(['pkg-config', '--variable=pluginsdir', 'cwmpd'], env=env)
        check(proc.stdout.strip() == dest + a.pluginsdir, 'pkg-config pluginsdir',
              proc.stdout + proc.stderr)
        make = shutil.which('make')
        if make is None:
            skip('example plugin builds', 'make not installed')
            return report()
        proc = run([make, '-C', example, 'CFLAGS=-O2 -Wall -Wextra -Wno-unused-parameter '
                    '-Werror'], env=env)
        if not check(proc.returncode == 0, 'example plugin builds with pkg-config',
                     proc.stdout + proc.stderr):
            return report()
        plugdir = os.path.join(tmp, 'plugins')
        os.mkdir(plugdir)
        shutil.copy(os.path.join(example, 'libcwmp-plugin-example.so'), plugdir)
        statedir = os.path.join(tmp, 'state')
        conf = os.path.join(tmp, 'cwmpd.conf')
        open(conf, 'w').close()
        run_env = dict(os.environ, ASAN_OPTIONS='detect_leaks=0')
        args = [dest + cwmpd, '-c', conf, '--state-dir', statedir, '--list-data-model',
                '--json']
        if os.geteuid() == 0:
            args += ['--plugin-dir', plugdir]
        else:
            # plugin files must belong to root unless they come from here
            run_env['CWMP_PLUGIN_DIR'] = plugdir

        def hello():
            proc = run(args, env=run_env)
            if proc.returncode != 0:
                return None, proc.stderr
            for entry in json.loads(proc.stdout):
                if entry.get('path') == 'Device.X_000000_Example.Hello':
                    return entry.get('value'), entry
            return None, proc.stdout[:2000]

        value, detail = hello()
        check(value == 'Hello, world', 'the installed cwmpd loads the example plugin',
              str(detail))
        with open(os.path.join(statedir, 'example-hello'), 'w') as f:
            f.write('Bonjour\n')
        value, detail = hello()
        check(value == 'Bonjour', 'Device.X_000000_Example.Hello reads its file', str(detail))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report()


def report():
    print('1..%d' % len(results))
    failed = 0
    for i, (ok, name, detail) in enumerate(results, 1):
        if ok is None:
            print('ok %d %s # SKIP %s' % (i, name, detail))
        elif ok:
            print('ok %d %s' % (i, name))
        else:
            failed += 1
            print('not ok %d %s' % (i, name))
            if detail:
                print('# ' + detail.replace('\n', '\n# '))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
