#!/bin/bash
# Checks every translation of the user guide listed in help/LINGUAS against
# the current help/C/*.page:
#  - help/<lang>/<lang>.po passes msgfmt --check;
#  - merged with a template made from the pages now, it has no untranslated
#    and no fuzzy message (a sentence changed in help/C fails here until the
#    translation follows it);
#  - each translation keeps the markup of its message, and the text of
#    <cmd>, <sys>, <code>, <key> and <file> exactly;
#  - itstool merges it into the pages without a warning (a translation it
#    cannot merge silently falls back to English otherwise).
#
# Usage: check-help-translations.sh SOURCE_ROOT

set -eu

help_dir=$1/help
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

fail () {
  echo "$*" >&2
  failed=1
}

# Adds one to markup[ITEM] for each tag and literal element of $2 when $1 is
# +1, takes one away when it is -1.
declare -A markup
count_markup () {
  local sign=$1 rest=$2 tag_re='(<[^>]*>)(.*)'
  local literal_re='<(cmd|sys|code|key|file)>([^<]*)</(.*)'
  while [[ $rest =~ $tag_re ]]; do
    markup[${BASH_REMATCH[1]}]=$(( ${markup[${BASH_REMATCH[1]}]:-0} + sign ))
    rest=${BASH_REMATCH[2]}
  done
  rest=$2
  while [[ $rest =~ $literal_re ]]; do
    local item="${BASH_REMATCH[1]}:${BASH_REMATCH[2]}"
    markup[$item]=$(( ${markup[$item]:-0} + sign ))
    rest=${BASH_REMATCH[3]}
  done
}

# Checks one message; the strings are still escaped as in the PO file, the
# same way on both sides.
check_message () {
  local po=$1 msgid=$2 msgstr=$3 item
  [ -n "$msgid" ] && [ -n "$msgstr" ] || return 0
  markup=()
  count_markup 1 "$msgid"
  count_markup -1 "$msgstr"
  for item in "${!markup[@]}"; do
    if [ "${markup[$item]}" -ne 0 ]; then
      fail "$po: the translation changes the markup or literal text ($item):"
      fail "  msgid:  $msgid"
      fail "  msgstr: $msgstr"
      return 0
    fi
  done
}

check_markup () {
  local po=$1 line part msgid='' msgstr='' in=''
  while IFS= read -r line; do
    case $line in
      'msgctxt "'*) in=ctxt ;;
      'msgid "'*) part=${line#msgid \"}; msgid=${part%\"}; in=id ;;
      'msgstr "'*) part=${line#msgstr \"}; msgstr=${part%\"}; in=str ;;
      '"'*)
        part=${line#\"}; part=${part%\"}
        case $in in
          id) msgid+=$part ;;
          str) msgstr+=$part ;;
        esac ;;
      '')
        check_message "$po" "$msgid" "$msgstr"
        msgid='' msgstr='' in='' ;;
    esac
  done < <(msgattrib --no-obsolete --translated --no-fuzzy --no-wrap "$po")
  check_message "$po" "$msgid" "$msgstr"
}

itstool -o "$work/kefu.pot" "$help_dir"/C/*.page

# shellcheck disable=SC2013 # LINGUAS may list several languages on a line
for lang in $(sed -e 's/#.*//' "$help_dir/LINGUAS"); do
  po=$help_dir/$lang/$lang.po
  if [ ! -f "$po" ]; then
    fail "help/LINGUAS lists $lang, but $po is missing."
    continue
  fi

  msgfmt --check -o "$work/$lang.gmo" "$po" || fail "$po does not pass msgfmt --check."

  msgmerge --quiet -o "$work/$lang.po" "$po" "$work/kefu.pot"
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$work/$lang.po" 2>&1)
  case $stats in
    *fuzzy*|*untranslated*)
      fail "$po is behind help/C/*.page: $stats"
      fail "Run msgmerge with a template from itstool and translate these:"
      msgattrib --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep '^msgid "..*"$' >&2 || true
      msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/$lang.po" | grep '^msgid "..*"$' >&2 || true
      ;;
  esac

  check_markup "$po"

  mkdir -p "$work/$lang"
  itstool -m "$work/$lang.gmo" --lang "$lang" -o "$work/$lang/" "$help_dir"/C/*.page 2> "$work/$lang.log"
  if [ -s "$work/$lang.log" ]; then
    fail "itstool could not merge some of $po into the pages:"
    cat "$work/$lang.log" >&2
  fi
done

exit $failed
