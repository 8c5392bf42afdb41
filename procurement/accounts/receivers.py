"""Sign-ins, sign-outs, failed sign-ins, lockouts and memberships deleted with their account
or organisation, written to the audit log (signal receivers)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from procurement.accounts.services.membership_notices import notify_membership_change
from procurement.core.audit import record_audit
from procurement.models import Membership, Organisation, User


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


@receiver(post_delete, sender=Membership, dispatch_uid="audit-membership-deleted")
def audit_membership_deleted(sender, instance, **kwargs) -> None:
    """A membership that goes with its account or organisation (a deletion in the admin) is a
    membership change too: audited and told to the organisation's remaining admins. Removals
    through the members page are recorded there, with their reason."""
    if getattr(instance, "_change_recorded", False):
        return
    request = getattr(HistoricalRecords.context, "request", None)
    actor = getattr(request, "user", None)
    actor = actor if getattr(actor, "is_authenticated", False) else None
    record_audit(
        "membership.removed",
        actor=actor,
        subject=instance,
        user=instance.user_id,
        organisation=instance.organisation_id,
        role=instance.role,
        by="deletion",
    )
    organisation = Organisation.objects.filter(pk=instance.organisation_id).first()
    user = User.objects.filter(pk=instance.user_id).first()
    if organisation is not None:
        notify_membership_change(
            organisation,
            actor,
            "removed",
            user=user.get_username() if user else f"#{instance.user_id}",
            role=instance.role,
        )
