#!/bin/bash
# usage: kamailio-start.sh DIR PORT [auth]
# Writes a kamailio config for an in-memory registrar + stateful proxy on
# 127.0.0.1:PORT (UDP) under DIR and runs kamailio in the foreground (exec),
# so the caller's PID is kamailio's main process; stop it with SIGTERM.
# With "auth", REGISTER needs digest auth: any user, password "secret".
# Short expiries (min 2 s) are allowed so tests can watch refreshes.
set -euo pipefail
D=$1 PORT=$2 AUTH=${3:-}
mkdir -p "$D/run"
cat > "$D/kamailio.cfg" <<EOC
#!KAMAILIO
debug=2
log_stderror=yes
children=2
disable_tcp=yes
auto_aliases=no
listen=udp:127.0.0.1:$PORT
alias="127.0.0.1:$PORT"
alias="localhost:$PORT"

loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "kex.so"
loadmodule "corex.so"
#!ifdef WITH_AUTH
loadmodule "auth.so"
#!endif

modparam("usrloc", "db_mode", 0)
modparam("registrar", "default_expires", 300)
modparam("registrar", "min_expires", 2)
modparam("registrar", "max_expires", 3600)
modparam("rr", "enable_full_lr", 1)
modparam("rr", "append_fromtag", 1)

request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (!sanity_check("17895", "7")) { xlog("L_WARN", "malformed from \$si:\$sp\n"); exit; }
    if (has_totag()) {
        if (loose_route()) { t_relay(); exit; }
        if (is_method("ACK")) { if (t_check_trans()) t_relay(); exit; }
        sl_send_reply("404", "Not here");
        exit;
    }
    if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
    t_check_trans();
    if (is_method("REGISTER")) {
#!ifdef WITH_AUTH
        if (!pv_auth_check("\$td", "secret", "0", "1")) { auth_challenge("\$td", "0"); exit; }
#!endif
        xlog("L_INFO", "REGISTER \$tu contact \$ct expires \$hdr(Expires) from \$si:\$sp\n");
        if (!save("location")) sl_reply_error();
        exit;
    }
    if (is_method("INVITE|SUBSCRIBE|REFER")) record_route();
    if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
    xlog("L_INFO", "relaying \$rm from \$fu to \$ru\n");
    if (!t_relay()) sl_reply_error();
    exit;
}
EOC
ARGS=()
[ "$AUTH" = auth ] && ARGS=(-A WITH_AUTH)
exec kamailio "${ARGS[@]}" -f "$D/kamailio.cfg" -DD -E -Y "$D/run" -w "$D" -m 32 -M 4
