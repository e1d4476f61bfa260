#!/usr/bin/python3
"""A local SMTP server for the tests (Debian's python3-aiosmtpd): accepts every message and
saves it in FOLDER as NNN.eml (the bytes received) with NNN.json (envelope sender and
recipients), written before the server answers 250, so a client that got its answer finds the
file. Listens on 127.0.0.1 on a free port, prints the port on standard output once listening,
and serves until its standard input is closed.

    smtp_sink.py FOLDER
"""
import asyncio
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Saver:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, "%03d" % self.count)
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        with open(base + ".eml.part", "wb") as f:
            f.write(raw)
        os.rename(base + ".eml.part", base + ".eml")
        return "250 OK"


async def main():
    loop = asyncio.get_running_loop()
    handler = Saver(sys.argv[1])
    server = await loop.create_server(lambda: SMTP(handler), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
