#!/bin/bash
# quickstart.sh — set up, build and run Kefu, or run its whole test suite.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/quickstart.sh run [kefu args…]   install what is missing, build, start Kefu
#   build-aux/quickstart.sh test               install what is missing, build, run every test
#
# Both install the Debian packages listed in build-aux/packages.txt that are not
# installed yet (apt-get, as root or through sudo), configure the build directory
# if it is not configured, and build. `test` ends with one line `N passed, N failed`
# and exits non-zero when anything failed. Running it twice does nothing new.
#
# Environment: KEFU_BUILD_DIR (default: build), KEFU_TEST_TIMEOUT_MULTIPLIER
# (default: 2; CI machines have two slow cores), KEFU_NO_APT=1 to skip the
# package step on a machine set up by other means.

set -euo pipefail

usage ()
{
  echo "usage: $0 run [kefu arguments…]" >&2
  echo "       $0 test" >&2
  exit 2
}

[ $# -ge 1 ] || usage
mode=$1
shift
case "$mode" in
  run) ;;
  test) [ $# -eq 0 ] || usage ;;
  *) usage ;;
esac

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
build=${KEFU_BUILD_DIR:-build}
packages_file=build-aux/packages.txt

say ()
{
  echo "quickstart: $*" >&2
}

# In `test` mode the last line must always be the summary, so a set-up step
# that fails counts as one failed test: CI then reports it like any other.
setup_failed ()
{
  say "$*"
  if [ "$mode" = test ]; then
    echo "0 passed, 1 failed"
  fi
  exit 1
}

# Prints the entries of the given sections of packages.txt, one per line.
read_section ()
{
  local wanted=" $* " section="" line
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%%#*}
    line=$(echo "$line" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
    [ -n "$line" ] || continue
    if [[ $line =~ ^\[([a-z]+)\]$ ]]; then
      section=${BASH_REMATCH[1]}
    elif [[ $wanted == *" $section "* ]]; then
      echo "$line"
    fi
  done < "$packages_file"
}

install_packages ()
{
  local -a wanted missing sudo=()
  local pkg installed

  if [ "$mode" = test ]; then
    mapfile -t wanted < <(read_section build run test)
  else
    mapfile -t wanted < <(read_section build run)
  fi

  # "pkg (or command cmd)": a cmd installed by other means (NodeSource's node
  # and npm, say) stands in for the Debian package, which would conflict with it.
  local -a resolved=()
  local entry
  local alternative='^([^[:space:]]+) [(]or command ([^[:space:])]+)[)]$'
  for entry in "${wanted[@]}"; do
    if [[ $entry =~ $alternative ]]; then
      command -v "${BASH_REMATCH[2]}" >/dev/null 2>&1 || resolved+=("${BASH_REMATCH[1]}")
    else
      resolved+=("$entry")
    fi
  done
  wanted=("${resolved[@]}")

  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "this is not a Debian or Ubuntu system; install the packages in $packages_file by hand."
    return 0
  fi

  # dpkg-query prints only the packages it knows; anything not fully installed
  # ("ii") is missing, including removed packages that left their configuration.
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${wanted[@]}" 2>/dev/null \
              | awk '$2 == "ii" { print $1 }' || true)
  missing=()
  for pkg in "${wanted[@]}"; do
    grep -qxF "$pkg" <<< "$installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -gt 0 ] || return 0

  if [ "${KEFU_NO_APT:-}" = 1 ]; then
    setup_failed "KEFU_NO_APT=1 but these packages are missing: ${missing[*]}"
  fi
  if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      setup_failed "these packages are missing and you are not root and sudo is not installed;" \
                   "as root run: apt-get install ${missing[*]}"
    fi
    # Without a terminal sudo cannot ask for a password: fail instead of hanging.
    if [ -t 0 ]; then sudo=(sudo); else sudo=(sudo -n); fi
  fi

  say "installing ${#missing[@]} missing packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -q || setup_failed "apt-get update failed"
  local selections
  selections=$(read_section debconf)
  if [ -n "$selections" ]; then
    echo "$selections" | "${sudo[@]}" debconf-set-selections \
      || setup_failed "debconf-set-selections failed"
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || setup_failed "apt-get install failed"
}

configure_and_build ()
{
  if [ -f "$build/build.ninja" ]; then
    # Configured: ninja re-runs meson by itself when a meson.build changed.
    :
  elif [ -f "$build/meson-private/coredata.dat" ]; then
    # An interrupted configure left a half-made build directory.
    meson setup --reconfigure "$build" || setup_failed "meson setup failed"
  else
    meson setup "$build" || setup_failed "meson setup failed"
  fi
  meson compile -C "$build" || setup_failed "the build failed; no test ran"
}

run_kefu ()
{
  local kefu="$build/src/ui/kefu"

  [ -x "$kefu" ] || setup_failed "$kefu was not built (is the ui option disabled in $build?)"
  # The schema is compiled into the build tree, so nothing needs installing.
  # Kefu keeps its database in ~/.local/share/kefu/kefu.db unless --db says otherwise.
  # Translations come from the build tree too (kefu_i18n_init).
  GSETTINGS_SCHEMA_DIR="$top/$build/data" KEFU_LOCALEDIR="$top/$build/po" exec "$kefu" "$@"
}

run_tests ()
{
  local log="$build/meson-logs/testlog.json" rc=0 summary python=python3

  rm -f "$log"
  meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 2 \
    --timeout-multiplier "${KEFU_TEST_TIMEOUT_MULTIPLIER:-2}" || rc=$?

  if [ ! -f "$log" ]; then
    setup_failed "meson test wrote no $log (exit status $rc)"
  fi

  # python3 on PATH may be a separate interpreter; Debian's is always there.
  [ -x /usr/bin/python3 ] && python=/usr/bin/python3
  # A skipped test counts as failed: it proves nothing, and a missing peer or
  # tool must fail loudly in CI (DESIGN.md, "Test bed").
  summary=$("$python" - "$log" <<'EOF'
import json, sys

passed, failed = 0, []
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        line = line.strip()
        if not line:
            continue
        test = json.loads(line)
        if test.get("result") in ("OK", "EXPECTEDFAIL"):
            passed += 1
        else:
            failed.append("%s (%s)" % (test.get("name"), test.get("result")))
for name in failed:
    print("not passed: " + name)
print("%d passed, %d failed" % (passed, len(failed)))
EOF
  ) || setup_failed "could not read $log"

  case "${summary##*$'\n'}" in
    "0 passed, 0 failed") say "no test ran"; rc=1 ;;
    *", 0 failed") ;;
    *) [ "$rc" != 0 ] || rc=1 ;;
  esac
  echo "$summary"
  exit "$rc"
}

install_packages
configure_and_build
if [ "$mode" = run ]; then
  run_kefu "$@"
else
  run_tests
fi
