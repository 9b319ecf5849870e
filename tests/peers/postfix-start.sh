#!/bin/bash
# usage: postfix-start.sh DIR SMTP_PORT LMTP_HOST:PORT [SASL_HOST:PORT] [CERT KEY]
# A private Postfix (run as root) listening on 127.0.0.1:SMTP_PORT that hands EVERY
# accepted message to Dovecot LMTP (nothing can leave the machine).
# SASL_HOST:PORT = Dovecot auth inet listener -> SMTP AUTH with the IMAP users.
# REQUIRE_AUTH=1 in the environment -> unauthenticated relaying is refused.
# Prints the master PID; stop with: kill -TERM PID
set -euo pipefail
D=$1 PORT=$2 LMTP=$3 SASL=${4:-} CERT=${5:-} KEY=${6:-}
mkdir -p "$D/conf" "$D/queue" "$D/data"
chown postfix "$D/data"
chmod 755 "$D"
if [ "${REQUIRE_AUTH:-0}" = 1 ]; then RELAY="permit_sasl_authenticated, reject"
else RELAY="permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination"; fi
cat > "$D/conf/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $D/queue
data_directory = $D/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = /dev/stdout
myhostname = mail.kefu.test
mydomain = kefu.test
myorigin = \$mydomain
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination =
relay_domains =
local_recipient_maps =
alias_maps =
alias_database =
biff = no
# every destination, any domain, goes to Dovecot LMTP
default_transport = lmtp:inet:$LMTP
relay_transport = lmtp:inet:$LMTP
smtpd_relay_restrictions = $RELAY
# speed: no DNS, no delays, no bounces sitting in the queue
smtp_dns_support_level = disabled
lmtp_host_lookup = native
smtpd_client_restrictions =
smtpd_helo_required = no
smtpd_error_sleep_time = 0
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 5s
EOF
if [ -n "$SASL" ]; then cat >> "$D/conf/main.cf" <<EOF
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:$SASL
smtpd_sasl_security_options = noanonymous
smtpd_tls_auth_only = no
EOF
fi
if [ -n "$CERT" ]; then cat >> "$D/conf/main.cf" <<EOF
smtpd_tls_security_level = may
smtpd_tls_cert_file = $CERT
smtpd_tls_key_file = $KEY
EOF
fi
# no chroot anywhere (Debian's master.cf chroots into the queue dir)
cat > "$D/conf/master.cf" <<EOF
127.0.0.1:$PORT inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n -  0 cleanup
qmgr      unix  n - n 300 1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n -  - trivial-rewrite
bounce    unix  - - n -  0 bounce
defer     unix  - - n -  0 bounce
trace     unix  - - n -  0 bounce
verify    unix  - - n -  1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -  - proxymap
smtp      unix  - - n -  - smtp
relay     unix  - - n -  - smtp
showq     unix  n - n -  - showq
error     unix  - - n -  - error
retry     unix  - - n -  - error
discard   unix  - - n -  - discard
lmtp      unix  - - n -  - lmtp
anvil     unix  - - n -  1 anvil
scache    unix  - - n -  1 scache
postlog   unix-dgram n - n - 1 postlogd
EOF
touch -d '1 minute ago' "$D"/conf/*.cf     # Postfix stalls ~2 s reading a config file newer than 1 s
postfix -c "$D/conf" check >>"$D/postfix.log" 2>&1   # creates queue dirs with the right owners
/usr/lib/postfix/sbin/master -c "$D/conf" -d </dev/null >>"$D/postfix.log" 2>&1 &
PID=$!
for i in $(seq 100); do                       # wait (max 10 s) until SMTP accepts
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && { echo $PID; exit 0; }
  kill -0 $PID 2>/dev/null || break
  sleep 0.1
done
cat "$D/postfix.log" >&2; kill $PID 2>/dev/null; exit 1
