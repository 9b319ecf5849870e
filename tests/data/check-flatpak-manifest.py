#!/usr/bin/env python3
# check-flatpak-manifest.py — the Flatpak manifest is complete, pinned and minimal.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: check-flatpak-manifest.py MANIFEST README [FLATPAK_BUILDER]
#
# The manifest cannot be built here (no Flathub, no GitHub), so this checks what
# can be checked without the network:
#   - it is JSON with the keys flatpak-builder needs, on a numbered GNOME runtime;
#   - every module is pinned: archive and file sources have an https url, a
#     64-hex sha256 and an x-checksum-source saying where that sha256 was
#     confirmed; git sources have a 40-hex commit; only Kefu itself builds from
#     the checkout (type dir, path ..), as the last module;
#   - finish-args come from a short allowed list, with no filesystem access, and
#     each one is explained in the README's Flatpak section;
#   - given FLATPAK_BUILDER, `flatpak-builder --show-manifest` loads the manifest
#     offline without a single warning (unknown or mistyped properties).
# It then breaks copies of the manifest on purpose and makes sure each break is
# caught, so the checks above cannot silently stop checking.

import copy
import json
import os
import re
import subprocess
import sys
import tempfile

APP_ID = 'io.github.kefu.Kefu'
BUILD_COMMAND = 'flatpak-builder --user --install --force-clean build-flatpak flatpak/io.github.kefu.Kefu.json'

REQUIRED_FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--socket=pulseaudio',
}
# What Kefu could still justify. Anything else (a filesystem, the session bus,
# devices beyond the GPU) needs a change here and a reason in the README.
ALLOWED_FINISH_ARGS = REQUIRED_FINISH_ARGS | {
    '--device=dri',
    '--talk-name=org.freedesktop.secrets',
    '--talk-name=org.freedesktop.Notifications',
}

BUILDSYSTEMS = {'autotools', 'cmake', 'cmake-ninja', 'meson', 'simple', 'qmake'}
REMOTE_SOURCES = {'archive', 'file'}
LOCAL_SOURCES = {'dir', 'patch', 'shell', 'script'}
SHA256 = re.compile(r'^[0-9a-f]{64}$')
COMMIT = re.compile(r'^[0-9a-f]{40}$')


def check_source(module_name, source, where, errors):
    kind = source.get('type')
    label = f'{where}: module {module_name}: {kind or "untyped"} source'

    if kind in REMOTE_SOURCES:
        url = source.get('url', '')
        if not url.startswith('https://'):
            errors.append(f'{label} needs an https url (got {url!r})')
        if 'path' in source:
            errors.append(f'{label} must download its url, not use a local path')
        if not SHA256.match(source.get('sha256', '')):
            errors.append(f'{label} {url} is not pinned by a 64-hex sha256')
        if not str(source.get('x-checksum-source', '')).strip():
            errors.append(f'{label} {url} does not say where its sha256 was confirmed (x-checksum-source)')
        return True
    if kind == 'git':
        if not COMMIT.match(source.get('commit', '')):
            errors.append(f'{label} {source.get("url")} is not pinned by a 40-hex commit')
        return True
    if kind in LOCAL_SOURCES:
        return False
    errors.append(f'{label}: type must be one of {sorted(REMOTE_SOURCES | LOCAL_SOURCES | {"git"})}')
    return False


def check_modules(modules, where, errors, names):
    if not isinstance(modules, list) or not modules:
        errors.append(f'{where}: modules must be a non-empty list')
        return
    for module in modules:
        if not isinstance(module, dict):
            errors.append(f'{where}: module {module!r} must be written inline, so that it is checked here')
            continue
        name = module.get('name', '')
        if not name:
            errors.append(f'{where}: a module has no name')
        if name in names:
            errors.append(f'{where}: two modules are named {name}')
        names.append(name)
        if module.get('buildsystem', 'autotools') not in BUILDSYSTEMS:
            errors.append(f'{where}: module {name}: unknown buildsystem {module.get("buildsystem")!r}')
        sources = module.get('sources', [])
        if not isinstance(sources, list) or not sources:
            errors.append(f'{where}: module {name} has no sources')
            sources = []
        pinned = [check_source(name, s, where, errors) for s in sources if isinstance(s, dict)]
        if len(pinned) != len(sources):
            errors.append(f'{where}: module {name}: every source must be an object')
        if name != 'kefu' and not any(pinned):
            errors.append(f'{where}: module {name} downloads nothing pinned: only kefu may build from the checkout')
        if 'modules' in module:
            check_modules(module['modules'], f'{where} > {name}', errors, names)


def flatpak_section(readme_text):
    match = re.search(r'^## Flatpak\s*$(.*?)(?=^## |\Z)', readme_text, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else None


def check(manifest, readme_text, where='manifest'):
    errors = []
    if not isinstance(manifest, dict):
        return [f'{where}: the top level must be a JSON object']

    if manifest.get('id', manifest.get('app-id')) != APP_ID:
        errors.append(f'{where}: id must be {APP_ID}')
    for key, value in (('runtime', 'org.gnome.Platform'), ('sdk', 'org.gnome.Sdk'), ('command', 'kefu')):
        if manifest.get(key) != value:
            errors.append(f'{where}: {key} must be {value} (got {manifest.get(key)!r})')
    version = str(manifest.get('runtime-version', ''))
    if not re.fullmatch(r'[0-9]+', version):
        errors.append(f'{where}: runtime-version must be a released GNOME runtime such as "51" (got {version!r})')

    names = []
    check_modules(manifest.get('modules'), where, errors, names)
    modules = manifest.get('modules') if isinstance(manifest.get('modules'), list) and manifest['modules'] else [{}]
    last = modules[-1] if isinstance(modules[-1], dict) else {}
    if last.get('name') != 'kefu' or last.get('buildsystem') != 'meson' or not any(
            s.get('type') == 'dir' and s.get('path') == '..' for s in last.get('sources', []) if isinstance(s, dict)):
        errors.append(f'{where}: the last module must be kefu, built with meson from the checkout (type dir, path ..)')

    finish_args = manifest.get('finish-args', [])
    if not isinstance(finish_args, list):
        errors.append(f'{where}: finish-args must be a list')
        finish_args = []
    for arg in finish_args:
        if arg not in ALLOWED_FINISH_ARGS:
            errors.append(f'{where}: finish-arg {arg} is not allowed (files go through the file chooser portal)')
    for arg in sorted(REQUIRED_FINISH_ARGS - set(finish_args)):
        errors.append(f'{where}: finish-arg {arg} is missing')
    if len(set(finish_args)) != len(finish_args):
        errors.append(f'{where}: finish-args repeat themselves')

    section = flatpak_section(readme_text)
    if section is None:
        errors.append('README.md has no "## Flatpak" section')
    else:
        for arg in finish_args:
            if arg not in section:
                errors.append(f'README.md Flatpak section does not explain finish-arg {arg}')
        if f'org.gnome.Platform//{version}' not in section:
            errors.append(f'README.md Flatpak section does not install org.gnome.Platform//{version}')
        if BUILD_COMMAND not in section:
            errors.append(f'README.md Flatpak section does not show: {BUILD_COMMAND}')
    return errors


def broken_copies(manifest):
    """Yield (what, manifest) pairs that check() must refuse."""
    def mutate(what, change):
        broken = copy.deepcopy(manifest)
        change(broken)
        return what, broken

    def first_archive(m):
        return next(s for mod in m['modules'] for s in mod.get('sources', []) if s.get('type') == 'archive')

    yield mutate('an archive without sha256', lambda m: first_archive(m).pop('sha256'))
    yield mutate('a short sha256', lambda m: first_archive(m).update(sha256='0' * 63))
    yield mutate('an archive without x-checksum-source', lambda m: first_archive(m).pop('x-checksum-source'))
    yield mutate('a plain http url', lambda m: first_archive(m).update(url='http://example.org/a.tar.gz'))
    yield mutate('a git source on a branch', lambda m: m['modules'][0]['sources'].append(
        {'type': 'git', 'url': 'https://example.org/a.git', 'branch': 'main'}))
    yield mutate('a library built from a local dir', lambda m: m['modules'][0].update(
        sources=[{'type': 'dir', 'path': '../../lib'}]))
    yield mutate('a module kept in another file', lambda m: m['modules'].insert(0, 'shared-modules/x.json'))
    yield mutate('home directory access', lambda m: m['finish-args'].append('--filesystem=home'))
    yield mutate('no pulseaudio', lambda m: m['finish-args'].remove('--socket=pulseaudio'))
    yield mutate('a nightly runtime', lambda m: m.update({'runtime-version': 'master'}))
    yield mutate('kefu not built last', lambda m: m['modules'].reverse())


def check_with_flatpak_builder(flatpak_builder, manifest_path, manifest):
    errors = []
    with tempfile.TemporaryDirectory() as home:
        env = {key: value for key, value in os.environ.items() if key != 'G_DEBUG'}
        env.update(HOME=home, XDG_DATA_HOME=os.path.join(home, 'data'),
                   XDG_CACHE_HOME=os.path.join(home, 'cache'), XDG_CONFIG_HOME=os.path.join(home, 'config'))
        try:
            # It leaves a .flatpak-builder directory in its working directory.
            result = subprocess.run([flatpak_builder, '--show-manifest', os.path.abspath(manifest_path)],
                                    env=env, cwd=home, stdin=subprocess.DEVNULL, capture_output=True,
                                    text=True, timeout=120)
        except FileNotFoundError:
            return [f'{flatpak_builder} is missing: install flatpak-builder (build-aux/packages.txt, [test])']
    if result.returncode != 0:
        errors.append(f'flatpak-builder --show-manifest failed ({result.returncode}): {result.stderr.strip()}')
    elif result.stderr.strip():
        errors.append(f'flatpak-builder --show-manifest warned: {result.stderr.strip()}')
    else:
        shown = json.loads(result.stdout)
        if [m['name'] for m in shown['modules']] != [m['name'] for m in manifest['modules']]:
            errors.append('flatpak-builder --show-manifest read other modules than this check did')
    return errors


def main(argv):
    if len(argv) not in (3, 4):
        print(f'usage: {argv[0]} MANIFEST README [FLATPAK_BUILDER]', file=sys.stderr)
        return 2
    manifest_path, readme_path = argv[1], argv[2]
    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'{manifest_path}: {e}')
        return 1
    with open(readme_path, encoding='utf-8') as f:
        readme_text = f.read()

    errors = check(manifest, readme_text)
    if not errors:
        for what, broken in broken_copies(manifest):
            if not check(broken, readme_text, where=f'copy with {what}'):
                errors.append(f'the check accepts a manifest with {what}')
    if not errors and len(argv) == 4:
        errors += check_with_flatpak_builder(argv[3], manifest_path, manifest)

    for error in errors:
        print(error)
    if errors:
        return 1
    sources = sum(1 for m in manifest['modules'] for s in m['sources'] if s.get('type') in REMOTE_SOURCES)
    print(f'{len(manifest["modules"])} modules, {sources} pinned downloads, '
          f'{len(manifest["finish-args"])} finish-args explained in the README')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
