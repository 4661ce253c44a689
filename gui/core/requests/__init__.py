"""Privacy requests where no switch exists: GDPR, UK GDPR and CCPA/CPRA letters drafted from
the checklist, their legal deadlines, follow-ups and complaints. Qt-free; PDF and the
drafting dialog are in ``gui.desktop.requests``. Nothing here sends anything: the user
sends the letter and tells the app they did."""

from gui.core.requests.deadlines import STATUS_LABELS, RequestStatus, current_status, deadline
from gui.core.requests.laws import (
    NOT_LEGAL_ADVICE,
    RIGHTS,
    Kind,
    Law,
    RequestInputError,
    law_for_region,
    parse_law,
    right_for,
)
from gui.core.requests.letters import (
    Letter,
    authorities,
    draft_complaint,
    draft_follow_up,
    draft_request,
)
from gui.core.requests.model import DataRequest, Requester, overdue_requests

__all__ = [
    "NOT_LEGAL_ADVICE",
    "RIGHTS",
    "STATUS_LABELS",
    "DataRequest",
    "Kind",
    "Law",
    "Letter",
    "RequestInputError",
    "RequestStatus",
    "Requester",
    "authorities",
    "current_status",
    "deadline",
    "draft_complaint",
    "draft_follow_up",
    "draft_request",
    "law_for_region",
    "overdue_requests",
    "parse_law",
    "right_for",
]
