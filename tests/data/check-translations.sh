#!/bin/bash
# check-translations.sh — every language in po/LINGUAS is complete: no message untranslated or fuzzy.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: check-translations.sh [SOURCE_ROOT]
# Runs `msgfmt --check --statistics` on po/LANG.po for each language in
# po/LINGUAS and fails if a file does not compile, or if any message is
# untranslated or fuzzy, so that no string silently stays English after
# `meson compile kefu-update-po` merges new ones in.
set -euo pipefail

cd "${1:-$(dirname "$0")/../..}"
status=0

# LINGUAS may hold several languages a line and # comments.
languages=$(sed -e 's/#.*//' po/LINGUAS | tr -s '[:space:]' '\n' | sed -e '/^$/d')

if [ -z "$languages" ]; then
  echo "po/LINGUAS lists no languages"
  exit 1
fi

for lang in $languages; do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$lang: $po is missing"
    status=1
    continue
  fi

  # msgfmt prints its statistics (and any error) to stderr; LC_ALL=C keeps
  # them in English so the counts can be read.
  if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    echo "$lang: msgfmt --check failed:"
    echo "$stats"
    status=1
    continue
  fi

  if grep -qE '[0-9]+ (untranslated|fuzzy)' <<< "$stats"; then
    echo "$lang: incomplete: $stats"
    status=1
  else
    echo "$lang: $stats"
  fi
done

exit $status
