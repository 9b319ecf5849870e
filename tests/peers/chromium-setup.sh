#!/bin/bash
# usage: chromium-setup.sh DIR
# Makes DIR (a build directory) ready to drive Debian's headless Chromium with
# playwright-core: checks /usr/bin/chromium and node, and installs the pinned
# playwright-core from tests/chat/package-lock.json into DIR/node_modules
# (never globally; no browser is downloaded). Fails loudly when a piece is
# missing: a test that needs Chromium never passes by skipping.
set -euo pipefail

dir=${1:?usage: chromium-setup.sh DIR}
here=$(cd "$(dirname "$0")/.." && pwd)

for tool in chromium node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "chromium-setup: $tool is missing (apt-get install chromium nodejs npm)" >&2
    exit 1
  fi
done

mkdir -p "$dir"
if ! cmp -s "$here/chat/package-lock.json" "$dir/package-lock.json" ||
   [ ! -f "$dir/node_modules/playwright-core/package.json" ]; then
  cp "$here/chat/package.json" "$here/chat/package-lock.json" "$dir/"
  # npm's cache and logs stay in DIR too (tests may run with HOME=/dev/null).
  mkdir -p "$dir/home"
  (cd "$dir" && HOME="$dir/home" npm ci --no-audit --no-fund --loglevel=error \
     --cache "$dir/home/npm-cache" >&2)
fi
echo "$dir/node_modules"
