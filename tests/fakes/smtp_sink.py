"""A minimal SMTP server (RFC 5321 subset) that keeps every message it accepts.

Written on asyncio streams rather than the deprecated ``smtpd`` module (gone in 3.12).
It speaks just enough for smtplib: EHLO/HELO, MAIL, RCPT, DATA (with dot-unstuffing),
RSET, NOOP, QUIT. No STARTTLS: tests configure the sender with ``starttls=False``.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
from dataclasses import dataclass, field
from email.message import EmailMessage

from tests.fakes.net import free_port


@dataclass
class Mail:
    mail_from: str
    rcpt_to: list[str]
    message: EmailMessage


@dataclass
class SmtpSink:
    mails: list[Mail] = field(default_factory=list)
    port: int = 0
    _server: asyncio.AbstractServer | None = None

    async def start(self) -> SmtpSink:
        self.port = free_port()
        self._server = await asyncio.start_server(self._session, "127.0.0.1", self.port)
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async def reply(line: str) -> None:
            writer.write(f"{line}\r\n".encode())
            await writer.drain()

        await reply("220 sink.test ESMTP")
        mail_from, rcpt_to = "", []
        try:
            while True:
                line = (await reader.readline()).decode().rstrip("\r\n")
                if not line:
                    break
                verb = line.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    await reply("250-sink.test")
                    await reply("250 8BITMIME")
                elif verb == "HELO":
                    await reply("250 sink.test")
                elif verb == "MAIL":
                    mail_from, rcpt_to = line.split(":", 1)[1].strip().strip("<>"), []
                    await reply("250 OK")
                elif verb == "RCPT":
                    rcpt_to.append(line.split(":", 1)[1].strip().strip("<>"))
                    await reply("250 OK")
                elif verb == "DATA":
                    await reply("354 End data with <CR><LF>.<CR><LF>")
                    data = await self._read_data(reader)
                    message = email.message_from_bytes(data, policy=email.policy.default)
                    self.mails.append(Mail(mail_from, rcpt_to, message))
                    await reply("250 OK queued")
                elif verb in {"RSET", "NOOP"}:
                    await reply("250 OK")
                elif verb == "QUIT":
                    await reply("221 Bye")
                    break
                else:
                    await reply("502 Command not implemented")
        finally:
            writer.close()

    @staticmethod
    async def _read_data(reader: asyncio.StreamReader) -> bytes:
        lines = []
        while True:
            line = await reader.readline()
            if line in {b".\r\n", b".\n", b""}:
                break
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)
