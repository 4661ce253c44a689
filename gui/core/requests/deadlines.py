"""Legal deadlines of a request and its status on a given day.

GDPR and UK GDPR, Article 12(3): the controller answers without undue delay and at the
latest within one month of receipt; it may extend that by two further months when it tells
the data subject so within the first month. CCPA, Cal. Civ. Code section 1798.130(a)(2):
45 days from receipt, extendable once by another 45 days with notice within the first 45.

The app counts from the day the user says they sent the request (e-mail and web forms
arrive the same day; a letter by post takes longer, which only makes the deadline later).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum

from gui.core.requests.laws import Law

CCPA_DAYS = 45
CCPA_EXTENSION_DAYS = 45
GDPR_MONTHS = 1
GDPR_EXTENSION_MONTHS = 2


class RequestStatus(StrEnum):
    DRAFTED = "drafted"
    SENT = "sent"
    EXTENDED = "extended"
    ANSWERED = "answered"
    OVERDUE = "overdue"  # computed: sent or extended, and the deadline has passed
    CLOSED = "closed"


STATUS_LABELS = {
    RequestStatus.DRAFTED: "Drafted, not sent yet",
    RequestStatus.SENT: "Sent, waiting for an answer",
    RequestStatus.EXTENDED: "Deadline extended by the platform",
    RequestStatus.ANSWERED: "Answered",
    RequestStatus.OVERDUE: "Overdue: no answer by the deadline",
    RequestStatus.CLOSED: "Closed",
}

# Statuses the user records; OVERDUE is never stored, it follows from the date.
STORED_STATUSES = (
    RequestStatus.DRAFTED,
    RequestStatus.SENT,
    RequestStatus.EXTENDED,
    RequestStatus.ANSWERED,
    RequestStatus.CLOSED,
)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the last day of the month where that day does not
    exist (31 January + 1 month = 28 or 29 February), as periods in months are counted in
    EU law (Regulation 1182/71, Article 3(2)(c))."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def deadline(law: Law, received: date, *, extended: bool = False) -> date:
    """The last day the controller has to answer a request received on ``received``."""
    if law is Law.CCPA:
        days = CCPA_DAYS + (CCPA_EXTENSION_DAYS if extended else 0)
        return received + timedelta(days=days)
    months = GDPR_MONTHS + (GDPR_EXTENSION_MONTHS if extended else 0)
    return add_months(received, months)


def deadline_rule(law: Law) -> str:
    """The rule in one sentence, for letters and screens."""
    if law is Law.CCPA:
        return (
            "Cal. Civ. Code section 1798.130(a)(2): a response within 45 days of receiving "
            "the request, extendable once by a further 45 days when reasonably necessary, "
            "provided I am told of the extension within the first 45 days."
        )
    article = "Article 12(3) UK GDPR" if law is Law.UK_GDPR else "Article 12(3) GDPR"
    return (
        f"{article}: a response without undue delay and in any event within one month of "
        "receipt, extendable by two further months where necessary, provided I am told of "
        "the extension and the reasons for it within the first month."
    )


def current_status(
    stored: RequestStatus, law: Law, sent_on: date | None, today: date, *, extended: bool = False
) -> tuple[RequestStatus, date | None]:
    """(status as the user should see it, deadline): a sent or extended request whose
    deadline has passed is overdue. ``extended`` says the controller announced an
    extension (kept even once the request is answered)."""
    extended = extended or stored is RequestStatus.EXTENDED
    due = deadline(law, sent_on, extended=extended) if sent_on is not None else None
    waiting = stored in (RequestStatus.SENT, RequestStatus.EXTENDED)
    if waiting and due is not None and today > due:
        return RequestStatus.OVERDUE, due
    return stored, due
