#!/bin/bash
# usage: dovecot-stop.sh PID [SIGNAL]  -- signal the Dovecot master we started, wait (max 10 s)
# until it is gone (TESTBED.md §0.2). A zombie counts as gone: PID 1 here reaps late.
PID=$1 SIG=${2:-TERM}
gone() { local s; s=$(ps -o stat= -p "$PID" 2>/dev/null); [ -z "$s" ] || [ "${s:0:1}" = Z ]; }
gone && exit 0
kill -"$SIG" "$PID" 2>/dev/null || exit 0
for i in $(seq 200); do gone && exit 0; sleep 0.05; done
kill -KILL "$PID" 2>/dev/null; exit 1
