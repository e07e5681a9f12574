"""Fixtures of the reminder tests: an SMTP server on loopback (aiosmtpd) and the settings that send
to it."""

import asyncio
import email
import threading
from collections import Counter
from email import policy

import pytest
from aiosmtpd.controller import Controller

from tests.workers import free_port


class Mailbox:
    """aiosmtpd handler keeping every message it accepts. It can answer 451 to the first DATA for
    chosen addresses, 550 always for others, and take ``delay`` seconds to answer (the message is
    kept as soon as its DATA is complete, as a real server queues it before answering)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.attempts: Counter = Counter()
        self.fail_once: set[str] = set()
        self.reject: set[str] = set()
        self.delay = 0.0
        self.port = 0

    async def handle_DATA(self, server, session, envelope):
        rcpts = list(envelope.rcpt_tos)
        with self.lock:
            for rcpt in rcpts:
                self.attempts[rcpt] += 1
            if any(r in self.reject for r in rcpts):
                return "550 5.1.1 Mailbox unavailable"
            if any(r in self.fail_once for r in rcpts):
                self.fail_once -= set(rcpts)
                return "451 4.3.0 Try again later"
            message = email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
            self.messages.append((rcpts, message))
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 2.0.0 OK"

    def received(self) -> list[str]:
        with self.lock:
            return [rcpt for rcpts, _m in self.messages for rcpt in rcpts]

    def for_(self, address: str) -> list[email.message.EmailMessage]:
        with self.lock:
            return [m for rcpts, m in self.messages if address in rcpts]


@pytest.fixture
def smtp():
    mailbox = Mailbox()
    mailbox.port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    yield mailbox
    controller.stop()


@pytest.fixture
def smtp_settings(settings, smtp):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return settings
