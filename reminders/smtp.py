"""Sending one email with a commit point, and telling temporary SMTP errors from permanent ones.

An email can't be sent and recorded in one transaction. If it is recorded *after* the server's
"250 OK", a worker killed between the two sends it again. So for SMTP the message is sent up to,
but not including, the final "." of DATA; then ``commit()`` records it as sent in the database;
only then the "." is written. A worker killed before the commit leaves a message the server
throws away (the connection drops in the middle of DATA) and a row still claimed, which the retry
scan hands to another worker once the claim has expired: sent once. If ``commit()`` finds that
the claim was lost, the "." is never written.
"""

import contextlib
import re
import smtplib
import socket
from collections.abc import Callable

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address


class DeliveryError(Exception):
    """Sending failed; ``temporary`` tells whether trying again later may succeed."""

    def __init__(self, message: str, *, temporary: bool):
        super().__init__(message)
        self.temporary = temporary


class ClaimLost(Exception):
    """Another worker took the email over: stop without sending."""


_LEADING_DOT = re.compile(rb"(?m)^\.")


def _response_error(code: int, text, what: str) -> DeliveryError:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return DeliveryError(f"{what}: {code} {text}", temporary=400 <= code < 500)


def classify(exc: BaseException) -> DeliveryError:
    """Map an exception from sending to a DeliveryError: 4xx and network errors are temporary,
    5xx answers about this message or address are permanent."""
    if isinstance(exc, DeliveryError):
        return exc
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        temporary = bool(codes) and all(400 <= code < 500 for code in codes)
        detail = "; ".join(f"{addr}: {code} {msg!r}" for addr, (code, msg) in exc.recipients.items())
        return DeliveryError(f"recipient refused: {detail}", temporary=temporary)
    if isinstance(exc, smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return _response_error(exc.smtp_code, exc.smtp_error, type(exc).__name__)
    # Server or configuration trouble (auth, HELO, connect, disconnect) and network errors: the
    # message itself is fine, so it waits for the server to come back.
    if isinstance(exc, smtplib.SMTPException | OSError | socket.timeout):
        return DeliveryError(f"{type(exc).__name__}: {exc}", temporary=True)
    return DeliveryError(f"{type(exc).__name__}: {exc}", temporary=True)


def send_with_commit_point(message: EmailMessage, *, commit: Callable[[], bool]) -> None:
    """Send ``message``, calling ``commit()`` at the last moment before the server accepts it.

    ``commit()`` returns False when the claim was lost: then nothing is delivered and ClaimLost is
    raised. Raises DeliveryError when sending fails (after ``commit()`` too: the caller undoes it).
    """
    connection = message.get_connection() if message.connection else get_connection()
    if not isinstance(connection, SMTPBackend):
        # locmem, file, console backends: no protocol to split; record right after handing over.
        try:
            connection.send_messages([message])
        except Exception as exc:
            raise classify(exc) from exc
        if not commit():
            raise ClaimLost
        return
    _smtp_send(connection, message, commit)


def _smtp_send(backend: SMTPBackend, message: EmailMessage, commit: Callable[[], bool]) -> None:
    encoding = message.encoding or "utf-8"
    from_addr = sanitize_address(message.from_email, encoding)
    recipients = [sanitize_address(addr, encoding) for addr in message.recipients()]
    data = message.message().as_bytes(linesep="\r\n")
    data = _LEADING_DOT.sub(b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    try:
        backend.open()
        smtp = backend.connection
        smtp.ehlo_or_helo_if_needed()
        code, resp = smtp.mail(from_addr)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, resp, from_addr)
        refused = {}
        for rcpt in recipients:
            code, resp = smtp.rcpt(rcpt)
            if code not in (250, 251):
                refused[rcpt] = (code, resp)
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)
        code, resp = smtp.docmd("DATA")
        if code != 354:
            raise smtplib.SMTPDataError(code, resp)
        smtp.send(data)
    except Exception as exc:
        _abort(backend)
        raise classify(exc) from exc
    if not commit():
        _abort(backend)  # the server throws away a DATA that never ended
        raise ClaimLost
    try:
        smtp.send(b".\r\n")
        code, resp = smtp.getreply()
    except Exception as exc:
        _abort(backend)
        raise classify(exc) from exc
    with contextlib.suppress(Exception):  # the message has been answered; a failing QUIT changes nothing
        backend.close()
    if code != 250:
        raise _response_error(code, resp, "DATA")


def _abort(backend: SMTPBackend) -> None:
    """Drop the connection without QUIT (in the middle of DATA, QUIT would be read as data)."""
    for conn in (backend.connection, backend._partial_connection):
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.close()
    backend.connection = backend._partial_connection = None
