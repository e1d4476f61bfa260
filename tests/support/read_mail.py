#!/usr/bin/python3
"""Parses a saved e-mail with Python's email package (an independent MIME reader) and prints
what the tests check as JSON: the decoded subject and addresses, the structure, each text
part decoded, and any defects the parser found.

    read_mail.py FILE.eml
"""
import email
import email.policy
import json
import sys

with open(sys.argv[1], "rb") as f:
    raw = f.read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
parts = []
for part in msg.walk():
    entry = {"type": part.get_content_type(), "charset": part.get_content_charset(),
             "encoding": part.get("Content-Transfer-Encoding"),
             "defects": [type(d).__name__ for d in part.defects]}
    if part.get_content_maintype() == "text":
        entry["content"] = part.get_content()
    parts.append(entry)
print(json.dumps({
    "subject": str(msg["Subject"]),
    "raw_subject": raw.split(b"\r\nDate:")[0].split(b"Subject: ")[1].decode("ascii"),
    "from": str(msg["From"]),
    "to": [str(a) for a in msg["To"].addresses] if msg["To"] else [],
    "message_id": str(msg["Message-ID"]),
    "date": str(msg["Date"]),
    "mime_version": str(msg["MIME-Version"]),
    "all_lines_crlf": b"\n" not in raw.replace(b"\r\n", b""),
    "longest_line": max(len(l) for l in raw.split(b"\r\n")),
    "parts": parts,
}, ensure_ascii=False))
