"""`manage.py receive_mail`: the SMTP (or LMTP) receiver an MTA delivers the FOI mail domain to.

Only recipients at FOI_MAIL_DOMAIN are accepted (550 for any other: it is no relay). A
message is acknowledged (250) only once it is stored and committed; when storing fails the
answer is 451, so the delivering MTA keeps it and tries again. Messages larger than
MAIL_MAX_BYTES are refused with 552.
"""

import asyncio
import logging
import signal
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from procurement.foi.rules.mail_addresses import is_our_domain
from procurement.foi.services.mail_in import receive_message
from procurement.models import IncomingMessage

log = logging.getLogger(__name__)


class FoiMailHandler:
    """aiosmtpd handler: accepts mail for the FOI domain and stores it before answering."""

    def __init__(self, source: str) -> None:
        self.source = source

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not is_our_domain(address, settings.FOI_MAIL_DOMAIN):
            return "550 5.7.1 Relaying denied: not an address of this tracker"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def _store(self, raw: bytes, recipients: list[str]) -> None:
        close_old_connections()
        try:
            receive_message(raw, source=self.source, envelope_recipients=recipients)
        finally:
            close_old_connections()

    async def handle_DATA(self, server, session, envelope):
        recipients = list(envelope.rcpt_tos)
        try:
            await asyncio.to_thread(self._store, envelope.original_content, recipients)
        except Exception:  # the MTA keeps the message and retries: nothing is lost
            log.exception("could not store a message from %s", envelope.mail_from)
            status = "451 4.3.0 Could not store the message; try again later"
        else:
            status = "250 2.0.0 Message stored"
        if self.source == IncomingMessage.Source.LMTP:
            for _recipient in recipients[1:]:  # LMTP answers once per recipient
                await server.push(status)
        return status


class LmtpController(Controller):
    def factory(self):
        return LMTP(self.handler, **self.SMTP_kwargs)


class Command(BaseCommand):
    help = "Receive FOI mail over SMTP (or LMTP with --lmtp) from an MTA and file it on requests."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8025)
        parser.add_argument("--lmtp", action="store_true", help="speak LMTP instead of SMTP")

    def handle(self, *args, host: str, port: int, lmtp: bool, **options) -> None:
        source = IncomingMessage.Source.LMTP if lmtp else IncomingMessage.Source.SMTP
        kind = LmtpController if lmtp else Controller
        controller = kind(
            FoiMailHandler(source),
            hostname=host,
            port=port,
            server_hostname=settings.FOI_MAIL_DOMAIN,
            data_size_limit=settings.MAIL_MAX_BYTES,
            decode_data=False,
        )
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_args: stop.set())
        controller.start()
        self.stdout.write(
            f"receive_mail: {source.upper()} on {host}:{port} for @{settings.FOI_MAIL_DOMAIN}",
        )
        self.stdout.flush()
        try:
            stop.wait()
        finally:
            controller.stop()
