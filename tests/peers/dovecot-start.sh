#!/bin/bash
# usage: dovecot-start.sh DIR IMAP_PORT LMTP_PORT [IMAPS_PORT|0] [SASL_PORT|0]
# Starts a private Dovecot (IMAP + LMTP, optional IMAPS with a fresh self-signed cert,
# optional auth listener for Postfix SMTP AUTH) on 127.0.0.1, all state under DIR.
# Prints the master PID on stdout; stop with: kill -TERM PID
set -euo pipefail
D=$1 IMAP=$2 LMTP=$3 IMAPS=${4:-0} SASL=${5:-0}
mkdir -p "$D"/run "$D"/state "$D"/home
chmod 755 "$D"                      # mail processes (uid mail) must traverse it
if [ "$(id -u)" = 0 ]; then
  MUSER=mail IUSER=dovecot LUSER=dovenull IGROUP=dovecot NOCHROOT=""
  chown mail:mail "$D/home"
else                                # rootless: everything runs as the caller
  MUSER=$(id -un) IUSER=$MUSER LUSER=$MUSER IGROUP=$(id -gn)
  NOCHROOT="service anvil {
  chroot =
}
service imap-login {
  chroot =
}"
fi
MUID=$(id -u "$MUSER") MGID=$(id -g "$MUSER")
# user:password:uid:gid:gecos:home:shell:extra  (empty uid/gid/home -> default_fields)
cat > "$D/users" <<EOF
alice@example.test:{PLAIN}alicepw::::::
bob@example.test:{PLAIN}bobpw::::::
EOF
if [ "$IMAPS" != 0 ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$D/key.pem" -out "$D/cert.pem" 2>/dev/null
  SSL="ssl = yes
ssl_cert = <$D/cert.pem
ssl_key = <$D/key.pem
ssl_dh = </usr/share/dovecot/dh.pem
ssl_min_protocol = TLSv1.2"
else
  SSL="ssl = no"
fi
cat > "$D/dovecot.conf" <<EOF
# self-contained: no !include of /etc/dovecot
base_dir = $D/run
state_dir = $D/state
instance_name = kefu-test-$IMAP
protocols = imap lmtp
listen = 127.0.0.1
log_path = /dev/stderr
default_internal_user = $IUSER
default_login_user = $LUSER
default_internal_group = $IGROUP
first_valid_uid = $MUID
last_valid_uid = 0
$SSL
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $D/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $D/users
  default_fields = uid=$MUID gid=$MGID home=$D/home/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP
  }
}
service auth {
  inet_listener sasl {
    address = 127.0.0.1
    port = $SASL
  }
}
$NOCHROOT
protocol imap {
  mail_max_userip_connections = 50
}
EOF
dovecot -F -c "$D/dovecot.conf" </dev/null >>"$D/dovecot.log" 2>&1 &
PID=$!
for i in $(seq 100); do                       # wait (max 10 s) until IMAP accepts
  (exec 3<>"/dev/tcp/127.0.0.1/$IMAP") 2>/dev/null && { echo $PID; exit 0; }
  kill -0 $PID 2>/dev/null || break
  sleep 0.1
done
cat "$D/dovecot.log" >&2; kill $PID 2>/dev/null; exit 1
