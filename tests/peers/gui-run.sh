#!/bin/bash
# usage: gui-run.sh COMMAND [ARGS...]
# Runs COMMAND in a private Xvfb and a private D-Bus session bus (nothing can be
# auto-activated: no portals, no at-spi, no keyring), with HOME, XDG_CACHE_HOME and
# XDG_RUNTIME_DIR in a temp dir (TESTBED.md §5.2). The environment is cleared except
# for the variables the test suites set (see PASS below), so a test never sees the
# user's session. Everything it started is stopped by PID at the end.
set -euo pipefail
T=$(mktemp -d /tmp/kefu-gui.XXXXXX)
mkdir -m 700 "$T/home" "$T/run" "$T/dbus-services"
cat > "$T/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$T/run</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <servicedir>$T/dbus-services</servicedir>
</busconfig>
CONF
# Mesa (llvmpipe, in Xvfb's GLX and in the app) writes a shader cache under the passwd
# entry's home unless XDG_CACHE_HOME is set, so both get a temp one.
env HOME="$T/home" XDG_CACHE_HOME="$T/home/.cache" \
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$T/display" 2>"$T/xvfb.log" &
XVFB=$!
trap 'kill -TERM $XVFB 2>/dev/null; wait $XVFB 2>/dev/null; rm -rf "$T"' EXIT
for i in $(seq 100); do [ -s "$T/display" ] && break; sleep 0.05; done
[ -s "$T/display" ] || { cat "$T/xvfb.log" >&2; exit 1; }

# What the test suites set (tests/meson.build) passes through; nothing else does.
PASS=()
for v in G_DEBUG G_MESSAGES_DEBUG G_SLICE GSETTINGS_BACKEND GSETTINGS_SCHEMA_DIR MALLOC_CHECK_ \
         LC_ALL LANG LANGUAGE PANGO_LANGUAGE G_TEST_SRCDIR G_TEST_BUILDDIR GSK_RENDERER \
         $(compgen -e | grep '^KEFU_' || true); do
  [ -n "${!v+x}" ] && PASS+=("$v=${!v}")
done

env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$T/home" XDG_CACHE_HOME="$T/home/.cache" \
    XDG_RUNTIME_DIR="$T/run" DISPLAY=":$(cat "$T/display")" GDK_BACKEND=x11 \
    GSK_RENDERER=cairo GTK_A11Y=none "${PASS[@]}" ${GUI_ENV:-} \
    dbus-run-session --config-file="$T/session.conf" -- "$@"
