#!/bin/bash
# usage: keyring-run.sh COMMAND [ARGS...]
# Runs COMMAND in a private D-Bus session with an unlocked gnome-keyring (TESTBED.md §4),
# HOME, XDG_RUNTIME_DIR and TMPDIR in a temp dir, so libsecret never touches a real keyring.
# Servers the command starts under TMPDIR (tests/peers/dovecot-start.sh, postfix-start.sh)
# and leaves behind, say because a test aborted, are stopped at the end: only those whose
# command line names this run's own temp dir.
set -uo pipefail
command -v dbus-run-session >/dev/null || { echo "keyring-run.sh: dbus-run-session is missing (package dbus)" >&2; exit 1; }
command -v gnome-keyring-daemon >/dev/null || { echo "keyring-run.sh: gnome-keyring-daemon is missing (package gnome-keyring)" >&2; exit 1; }
K=$(mktemp -d /tmp/kefu-keyring.XXXXXX)
mkdir -p "$K/run" "$K/tmp" && chmod 700 "$K/run" && chmod 755 "$K" "$K/tmp"
cleanup() {
  for pid in $(pgrep -f "$K/tmp/"); do kill -TERM "$pid" 2>/dev/null; done
  sleep 0.5
  for pid in $(pgrep -f "$K/tmp/"); do kill -KILL "$pid" 2>/dev/null; done
  rm -rf "$K"
}
trap cleanup EXIT
HOME="$K" XDG_RUNTIME_DIR="$K/run" TMPDIR="$K/tmp" dbus-run-session -- sh -c '
  echo -n kefu-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' keyring-run "$@"
