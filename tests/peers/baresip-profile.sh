#!/bin/bash
# usage: baresip-profile.sh DIR SIP_PORT RTP_MIN WAV ACCOUNT_LINE
# Writes a baresip config directory DIR (run it with: baresip -f DIR) that
# listens on 127.0.0.1:SIP_PORT (and SIP_PORT+1 for TCP), sends RTP from
# RTP_MIN..RTP_MIN+99, plays WAV (S16LE mono 8 kHz) as its microphone, records
# what it hears to DIR/rec/dump-*-dec.wav, and takes stdin commands
# (/dial, /sndcode, /hold, /resume, /hangup, /quit). PHONE.md §2.
set -euo pipefail
D=$1 PORT=$2 RTP=$3 WAV=$4 ACCOUNT=$5
mkdir -p "$D/rec"
cat > "$D/config" <<EOC
poll_method		epoll
sip_listen		127.0.0.1:$PORT
net_interface		127.0.0.1
call_local_timeout	120
call_max_calls		4
audio_player		alsa,null
audio_alert		alsa,null
audio_source		aufile,$WAV
audio_level		no
ausrc_format		s16
auplay_format		s16
auenc_format		s16
audec_format		s16
audio_buffer		20-160
rtp_ports		$RTP-$((RTP + 99))
rtcp_mux		no
jitter_buffer_delay	5-10
rtp_stats		no
module_path		/usr/lib/baresip/modules
module			stdio.so
module			g711.so
module			g722.so
module			sndfile.so
module			alsa.so
module			aufile.so
module_tmp		uuid.so
module_tmp		account.so
module_app		menu.so
snd_path		$D/rec
statmode_default	off
EOC
echo "$ACCOUNT" > "$D/accounts"
