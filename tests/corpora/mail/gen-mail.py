#!/usr/bin/python3
# gen-mail.py OUTDIR: the mail corpus files too big to keep in git.
#   huge-headers.eml   5,000 Received lines and a 300 KB References header
#   big-attachment.eml a 10.5 MB attachment, over the tests' 10 MB limit
import base64, os, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

with open(os.path.join(out, 'huge-headers.eml'), 'wb') as f:
    for i in range(5000):
        f.write(b'Received: from relay%d.example (relay%d.example [192.0.2.%d]) by mx.example; Mon, 2 Nov 2026 10:00:00 +0800\r\n' % (i, i, i % 250))
    f.write(b'From: loops@example.com\r\nTo: support@shop.example\r\nSubject: Many hops\r\n')
    f.write(b'Message-ID: <huge-headers-1@example.com>\r\nReferences:')
    for i in range(8000):
        f.write(b' <ref-%d@example.com>\r\n' % i)
    f.write(b'Content-Type: text/plain; charset=utf-8\r\n\r\nStill a normal body.\r\n')

with open(os.path.join(out, 'big-attachment.eml'), 'wb') as f:
    f.write(b'From: video@example.com\r\nTo: support@shop.example\r\nSubject: Video of the problem\r\n'
            b'Message-ID: <big-1@example.com>\r\nMIME-Version: 1.0\r\n'
            b'Content-Type: multipart/mixed; boundary="big"\r\n\r\n'
            b'--big\r\nContent-Type: text/plain\r\n\r\nThe video is attached.\r\n'
            b'--big\r\nContent-Type: video/mp4\r\nContent-Disposition: attachment; filename="problem.mp4"\r\n'
            b'Content-Transfer-Encoding: base64\r\n\r\n')
    chunk = bytes(range(256)) * 4096          # 1 MiB
    data = chunk * 10 + chunk[: 512 * 1024]   # 10.5 MiB
    f.write(base64.encodebytes(data).replace(b'\n', b'\r\n'))
    f.write(b'--big--\r\n')
