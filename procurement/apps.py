from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Procurement and FOI")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from procurement.core import audit_signals  # noqa: F401  (connects the receivers)
        from procurement.foi import receivers  # noqa: F401  (connects the deadline recompute receivers)
