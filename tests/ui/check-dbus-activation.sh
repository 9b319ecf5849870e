#!/bin/bash
# usage: check-dbus-activation.sh SERVICE_FILE KEFU
# Run inside tests/peers/gui-run.sh. Installs the built D-Bus service file
# (its Exec pointed at the KEFU just built) in the private bus's service
# folder, then checks what the desktop does with Kefu: it is started by
# activation, one instance answers every call, it lists its actions, opens a
# tel: link, and quits through its quit action.
set -euo pipefail
SERVICE_FILE=$1
KEFU=$2
NAME=io.github.kefu.Kefu
OBJECT=/io/github/kefu/Kefu
SERVICES="$(dirname "$XDG_RUNTIME_DIR")/dbus-services"

fail() { echo "not ok - $*"; exit 1; }
call() { gdbus call --session --timeout 30 --dest "$NAME" --object-path "$OBJECT" --method "$@"; }
running() { pgrep -f -- "$KEFU --gapplication-service" | wc -l; }

echo "1..5"
grep -q "^Name=$NAME$" "$SERVICE_FILE" || fail "the service file names $NAME"
sed "s|^Exec=.*/kefu |Exec=$KEFU |" "$SERVICE_FILE" > "$SERVICES/$NAME.service"
gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
  --method org.freedesktop.DBus.ReloadConfig > /dev/null

call org.freedesktop.Application.Activate '{}' > /dev/null || fail "activation starts Kefu"
[ "$(running)" = 1 ] || fail "one Kefu runs after activation"
echo "ok 1 - D-Bus activation starts Kefu"

call org.freedesktop.Application.Activate '{}' > /dev/null
[ "$(running)" = 1 ] || fail "a second activation reaches the same Kefu"
echo "ok 2 - a single instance"

actions=$(call org.gtk.Actions.List)
for action in help preferences quit about shortcuts; do
  grep -q "'$action'" <<< "$actions" || fail "action app.$action is exported: $actions"
done
echo "ok 3 - app actions are exported"

call org.freedesktop.Application.Open "['tel:+8613800138000']" '{}' > /dev/null || fail "Kefu opens a tel: link"
[ "$(running)" = 1 ] || fail "the link went to the running Kefu"
echo "ok 4 - a tel: link goes to the running Kefu"

call org.gtk.Actions.Activate quit '[]' '{}' > /dev/null || true
for _ in $(seq 100); do [ "$(running)" = 0 ] && break; sleep 0.1; done
[ "$(running)" = 0 ] || fail "app.quit ends Kefu"
echo "ok 5 - app.quit ends it"
