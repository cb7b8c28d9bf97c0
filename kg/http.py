"""HTTP to SPARQL endpoints, shared by ``kg push`` and ``kg query --endpoint``.

Credentials come from the environment (``KG_ENDPOINT_TOKEN`` for a bearer token, or
``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD``) or from ``~/.netrc``, never from the
command line; they are sent in headers and never appear in messages. Every failure is
one ``EndpointError`` line.
"""
from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urlsplit, urlunsplit

from .errors import EndpointError, InputError

TIMEOUT = 60.0
_USER_AGENT = "kg (https://w3id.org/kg)"


def display_url(url: str) -> str:
    """A URL as messages show it: without credentials or query string."""
    parts = urlsplit(url or "")
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return urlunsplit((parts.scheme, host + port, parts.path, "", "")) if parts.scheme else (url or "")


# --- HTTP, credentials and errors ---------------------------------------------------------------

class Unreachable(EndpointError):
    """No request got to the server, so there is nothing on it to clean up."""


@dataclass
class HttpResponse:
    status: int
    content_type: str
    body: bytes


def http_request(method: str, url: str, *, body: bytes | None = None,
                 headers: Mapping[str, str] | None = None, timeout: float = TIMEOUT) -> HttpResponse:
    """One HTTP request with the endpoint's credentials; any failure is an ``EndpointError``.

    Redirects are not followed: they would resend the credentials to another host, and turn
    a POST into a GET that silently drops the body.
    """
    import urllib.request

    request = urllib.request.Request(url, data=body, method=method, headers={
        "User-Agent": _USER_AGENT, **(headers or {}), **credentials_header(url)})
    try:
        with _opener().open(request, timeout=timeout) as answer:
            return HttpResponse(answer.status, answer.headers.get("Content-Type", ""), answer.read())
    except Exception as err:  # noqa: BLE001 - every failure becomes one line for the user
        raise endpoint_error(err, url, timeout) from None


def _opener():
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None  # urllib then raises the 3xx answer as an HTTPError

    return urllib.request.build_opener(NoRedirect)


def endpoint_error(err: Exception, url: str, timeout: float) -> EndpointError:
    """The one-line message for an HTTP failure."""
    import http.client
    import socket
    import urllib.error

    where = display_url(url)
    if isinstance(err, urllib.error.HTTPError):
        return EndpointError(_status_message(err, where))
    reason = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return EndpointError(f"{where} did not answer within {timeout:g} s")
    if isinstance(reason, ConnectionRefusedError):
        return Unreachable(f"cannot reach {where}: connection refused")
    if isinstance(reason, socket.gaierror):
        return Unreachable(f"cannot reach {where}: unknown host")
    if isinstance(reason, (http.client.HTTPException, ConnectionError)):
        return EndpointError(f"{where} broke off the connection ({type(reason).__name__})")
    if isinstance(reason, OSError):
        return Unreachable(f"cannot reach {where}: {reason.strerror or reason}")
    return EndpointError(f"cannot reach {where}: {reason}")


def _status_message(err, where: str) -> str:
    status = f"{err.code} {err.reason}".strip()
    if 300 <= err.code < 400:
        return f"{where} redirects ({status}) to {err.headers.get('Location', '?')}: use that URL"
    if err.code in (401, 403):
        return (f"{where} refused access ({status}): set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, "
                "KG_ENDPOINT_TOKEN, or a ~/.netrc entry for its host")
    detail = _first_line(err)
    return f"{where} answered {status}" + (f": {detail}" if detail else "")


def _first_line(err) -> str:
    try:
        text = err.read(2000).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the status alone still says what happened
        return ""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line[:200] + ("..." if len(line) > 200 else "")


def credentials_header(url: str) -> dict[str, str]:
    """The Authorization header for ``url``: a token, a user and password, or ~/.netrc."""
    token = os.environ.get("KG_ENDPOINT_TOKEN")
    if token:
        return {"Authorization": f"Bearer {token}"}
    user, password = os.environ.get("KG_ENDPOINT_USER"), os.environ.get("KG_ENDPOINT_PASSWORD")
    if user or password:
        if not (user and password):
            raise InputError("set both KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, or neither")
        return _basic(user, password)
    login = _netrc_login(urlsplit(url).hostname or "")
    return _basic(*login) if login else {}


def _basic(user: str, password: str) -> dict[str, str]:
    pair = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
    return {"Authorization": f"Basic {pair}"}


def _netrc_login(host: str) -> tuple[str, str] | None:
    import netrc

    try:
        entry = netrc.netrc().authenticators(host)  # the default file, with its permission check
    except FileNotFoundError:
        return None
    except (netrc.NetrcParseError, OSError) as err:
        raise InputError(f"~/.netrc cannot be used: {getattr(err, 'msg', None) or err}") from None
    if not entry or not entry[2]:
        return None
    return entry[0] or "", entry[2]
