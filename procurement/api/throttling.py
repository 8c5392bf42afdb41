"""API throttles on the one client-address rule (procurement.core.ratelimit): anonymous callers
are counted per address, signed-in users per account (API_ANON_RATE, API_USER_RATE)."""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from procurement.core.ratelimit import client_address


class AnonymousAddressThrottle(AnonRateThrottle):
    """Anonymous calls per client address; a forged X-Forwarded-For changes nothing."""

    def get_ident(self, request) -> str:
        return client_address(request) or "unknown"


class SignedInUserThrottle(UserRateThrottle):
    """Calls of a signed-in user, wherever they come from; anonymous calls are not counted here."""

    def get_cache_key(self, request, view) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}
