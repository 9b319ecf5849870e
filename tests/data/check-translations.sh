#!/bin/bash
# check-translations.sh — every language in po/LINGUAS is complete: no message untranslated or fuzzy.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: check-translations.sh [SOURCE_ROOT]
# Runs `msgfmt --check --statistics` on po/LANG.po for each language in
# po/LINGUAS and fails if a file does not compile, or if any message is
# untranslated or fuzzy. Each file is first merged with a template made from
# the sources as they are now, so a string added to the code without its
# translations fails here, before anyone runs `meson compile kefu-update-po`.
set -euo pipefail

cd "${1:-$(dirname "$0")/../..}"
status=0

# LINGUAS may hold several languages a line and # comments.
languages=$(sed -e 's/#.*//' po/LINGUAS | tr -s '[:space:]' '\n' | sed -e '/^$/d')

if [ -z "$languages" ]; then
  echo "po/LINGUAS lists no languages"
  exit 1
fi

# The template, made as meson's i18n "glib" preset makes po/kefu.pot.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
xgettext --package-name=kefu --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_set_error:4:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --files-from=po/POTFILES.in --output="$scratch/kefu.pot" 2>"$scratch/xgettext.log" || {
  echo "xgettext failed:"; cat "$scratch/xgettext.log"; exit 1; }

for lang in $languages; do
  po="$scratch/$lang.po"
  if [ ! -f "po/$lang.po" ]; then
    echo "$lang: po/$lang.po is missing"
    status=1
    continue
  fi
  msgmerge --quiet --no-fuzzy-matching --output-file="$po" "po/$lang.po" "$scratch/kefu.pot"

  # msgfmt prints its statistics (and any error) to stderr; LC_ALL=C keeps
  # them in English so the counts can be read.
  if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    echo "$lang: msgfmt --check failed:"
    echo "$stats"
    status=1
    continue
  fi

  if grep -qE '[0-9]+ (untranslated|fuzzy)' <<< "$stats"; then
    echo "$lang: incomplete against the sources (meson compile kefu-update-po, then translate): $stats"
    status=1
  else
    echo "$lang: $stats"
  fi
done

exit $status
