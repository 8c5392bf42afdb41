"""The tracker's domain model; modules by subject, re-exported here."""

from .agreements import Agreement, AgreementParty
from .authorities import AuthorityProposal
from .common import CodeSetField, Confidentiality, DatePrecision, ReviewStatus, ValueStatus
from .documents import Citation, Document, Source, StoredFile
from .imports import ImportRun, OcdsRelease
from .jurisdictions import (
    Confidence,
    DayKind,
    DeadlineSuspension,
    FoiLaw,
    HolidayOverride,
    Jurisdiction,
    LetterTemplate,
)
from .mail import IncomingMessage, OutgoingMessage
from .parties import (
    AuthorityType,
    Invitation,
    Membership,
    Organisation,
    OrganisationAlias,
    OrganisationIdentifier,
    RegisterStatus,
    User,
)
from .redflags import RedFlag, RedFlagRecomputation, RedFlagThreshold
from .requests import InfoRequest, Notification, Reminder, RequestEvent, RequestStatus, Visibility
from .review import AuditLog, ReviewDecision, SuggestedCorrection
from .system import TaskHeartbeat
from .tenders import (
    Award,
    AwardSupplier,
    Contract,
    ContractAmendment,
    Method,
    ProcurementProcess,
    Sector,
)

__all__ = [
    "Agreement",
    "AgreementParty",
    "AuditLog",
    "AuthorityProposal",
    "AuthorityType",
    "Award",
    "AwardSupplier",
    "Citation",
    "CodeSetField",
    "Confidence",
    "Confidentiality",
    "Contract",
    "ContractAmendment",
    "DatePrecision",
    "DayKind",
    "DeadlineSuspension",
    "Document",
    "FoiLaw",
    "HolidayOverride",
    "ImportRun",
    "IncomingMessage",
    "InfoRequest",
    "Invitation",
    "Jurisdiction",
    "LetterTemplate",
    "Membership",
    "Method",
    "Notification",
    "OcdsRelease",
    "Organisation",
    "OrganisationAlias",
    "OrganisationIdentifier",
    "OutgoingMessage",
    "ProcurementProcess",
    "RedFlag",
    "RedFlagRecomputation",
    "RedFlagThreshold",
    "RegisterStatus",
    "Reminder",
    "RequestEvent",
    "RequestStatus",
    "ReviewDecision",
    "ReviewStatus",
    "Sector",
    "Source",
    "StoredFile",
    "SuggestedCorrection",
    "TaskHeartbeat",
    "User",
    "ValueStatus",
    "Visibility",
]
