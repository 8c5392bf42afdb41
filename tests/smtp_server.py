"""A real SMTP server (aiosmtpd) in a thread of the test process, that can refuse: for the
SMTP-failure test and bench/bench_delivery.py."""

import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from tests.integration.conftest import free_port


class FlakySmtp:
    """An aiosmtpd server that answers 451 to refused recipients, accepts the others and
    keeps what it accepted."""

    def __init__(self) -> None:
        self.refused: dict[str, int] = {}  # address → refusals left (-1: for ever)
        self.refuse_all = False
        self.accepted: list[Envelope] = []
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            left = self.refused.get(address, 0)
            if self.refuse_all:
                return "451 4.3.0 Mail system unavailable, try again later"
            if left:
                self.refused[address] = left - 1 if left > 0 else left
                return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.accepted.append(envelope)
        return "250 Message accepted for delivery"

    def message_ids(self, address: str) -> list[str]:
        ids = []
        for envelope in self.accepted:
            if address in envelope.rcpt_tos:
                for line in envelope.content.decode().splitlines():
                    if line.lower().startswith("message-id:"):
                        ids.append(line.split(":", 1)[1].strip())
        return ids
