"""A request's own e-mail address: `request+<id>.<token>@<domain>` (pure: the secret is passed in).

The token is an HMAC of the request's id under the site's secret, so an address cannot be
guessed from an id and a reply to it finds its request without any lookup table. Lower-case
hex only: mail servers may change the case of a local part.
"""

import hashlib
import hmac
import re

TOKEN_LENGTH = 12
LOCAL_PREFIX = "request"
_ADDRESS = re.compile(
    rf"^{LOCAL_PREFIX}\+(?P<id>[1-9][0-9]{{0,18}})\.(?P<token>[0-9a-f]{{{TOKEN_LENGTH}}})@(?P<domain>[^@\s]+)$"
)


def request_token(request_id: int, secret: str) -> str:
    """The token of a request's address: an HMAC-SHA256 of its id, in lower-case hex."""
    digest = hmac.new(
        secret.encode(), f"foi-request-address:{request_id}".encode(), hashlib.sha256
    ).hexdigest()
    return digest[:TOKEN_LENGTH]


def request_address(request_id: int, secret: str, domain: str) -> str:
    """The address a request sends from and its replies come back to."""
    return f"{LOCAL_PREFIX}+{request_id}.{request_token(request_id, secret)}@{domain.lower()}"


def request_id_from_address(address: str, secret: str, domain: str) -> int | None:
    """The id of the request whose address this is, if the token is right and the domain ours;
    None for any other address (a forged or mistyped token included)."""
    match = _ADDRESS.match((address or "").strip().strip("<>").lower())
    if match is None or match["domain"] != domain.lower():
        return None
    request_id = int(match["id"])
    if not hmac.compare_digest(match["token"], request_token(request_id, secret)):
        return None
    return request_id


def is_our_domain(address: str, domain: str) -> bool:
    """Whether mail to `address` is for this tracker's FOI mail domain."""
    return (address or "").strip().strip("<>").lower().rpartition("@")[2] == domain.lower()
