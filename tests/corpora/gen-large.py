#!/usr/bin/env python3
# Writes the two corpus files too big to keep in git: gen-large.py OUTDIR
import json, os, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
head = ('{"format":"kefu-archive","version":1,"agents":[],"accounts":[],'
        '"customers":[{"id":1,"name":"Grace Mitchell","created_at":"2025-08-01T10:00:00Z",'
        '"identities":[{"id":1,"kind":"email","value":"grace@example.com"}]}],"tickets":[')
ticket = ('{"id":1,"number":1,"subject":"Refund for order LT20251102-0347","status":"open",'
          '"channel":"email","customer_id":1,"created_at":"2025-11-02T08:00:00Z","messages":[')
message = '{"id":1,"direction":"in","channel":"email","created_at":"2025-11-02T08:00:00Z","text":%s}'
tail = ']}],"settings":{}}\n'

with open(os.path.join(out, "huge-field.json"), "w") as f:
    f.write(head + ticket + message % json.dumps("refund " * (5 * 1024 * 1024 // 7)) + tail)

with open(os.path.join(out, "deep-nesting.json"), "w") as f:
    f.write(head + "[" * 100000 + "]" * 100000 + "]}\n")
