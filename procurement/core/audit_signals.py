"""Sign-ins, sign-outs, failed sign-ins and lockouts written to the audit log (signal receivers)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from procurement.core.audit import record_audit


@receiver(user_logged_in, dispatch_uid="audit-login")
def audit_login(sender, request, user, **kwargs) -> None:
    record_audit("auth.login", actor=user, subject=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit-logout")
def audit_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        record_audit("auth.logout", actor=user, subject=user, request=request)


def _username(credentials: dict) -> str:
    field = get_user_model().USERNAME_FIELD
    return str(credentials.get(field) or credentials.get("username") or "")[:150]


@receiver(user_login_failed, dispatch_uid="audit-login-failed")
def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The username tried is kept (it is what an attack targets); the password never is.
    record_audit("auth.login_failed", request=request, username=_username(credentials))


@receiver(user_locked_out, dispatch_uid="audit-locked-out")
def audit_locked_out(sender, request, username=None, ip_address=None, **kwargs) -> None:
    record_audit("auth.locked_out", request=request, username=str(username or "")[:150])
