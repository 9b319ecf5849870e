#!/bin/bash
# check-potfiles.sh — po/POTFILES.in lists exactly the files with translatable strings.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: check-potfiles.sh [SOURCE_ROOT]
# Every file under src/ and data/ that marks a string for translation (_(), N_(),
# C_(), NC_(), ngettext, translatable="yes", and the desktop, metainfo and
# schema files) must be listed, every listed file must exist, and the list must
# be sorted, so that no string silently stays English.
set -euo pipefail

cd "${1:-$(dirname "$0")/../..}"
potfiles=po/POTFILES.in
status=0

listed=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles")

# Code style puts a space before '(', so both `_("…")` and `_ ("…")` count.
marked=$( {
  grep -rlE --include='*.c' --include='*.h' --include='*.cc' --include='*.cpp' \
    '(^|[^[:alnum:]_])((N|C|NC|Q)?_|g_dngettext|ngettext) ?\(' src data || true
  grep -rl --include='*.ui' 'translatable="yes"' src data || true
  find data -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml'
} | LC_ALL=C sort -u)

while IFS= read -r file; do
  [ -n "$file" ] || continue
  if ! grep -qxF "$file" <<< "$listed"; then
    echo "not in $potfiles: $file"
    status=1
  fi
done <<< "$marked"

while IFS= read -r file; do
  if [ ! -f "$file" ]; then
    echo "listed in $potfiles but missing: $file"
    status=1
  fi
done <<< "$listed"

if [ "$listed" != "$(LC_ALL=C sort -u <<< "$listed")" ]; then
  echo "$potfiles is not sorted (LC_ALL=C sort -u) or has duplicates"
  status=1
fi

[ $status = 0 ] && echo "$potfiles lists all $(wc -l <<< "$listed") files with translatable strings"
exit $status
