from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Procurement and FOI")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Importing the modules connects their receivers: sign-ins and membership changes to
        # the audit log; deadline inputs (holidays, suspensions) to recomputation; the fields
        # each save wrote to its historical version.
        import procurement.accounts.receivers
        import procurement.core.audit
        import procurement.foi.receivers  # noqa: F401
