"""The letters: a request, a follow-up when the deadline passed, and a complaint to the
supervisory authority. Each is plain structured text (``Letter``); the renderers turn it
into text, Markdown, a ``mailto:`` link or a PDF.

Every letter states that it is the user's own request, cites the article or section it
relies on and says by when an answer is due. What the user typed goes in as it is: the
renderers make sure markup or control characters come out literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from gui.core import dates
from gui.core.catalog.model import Category, Contact, Platform
from gui.core.requests.deadlines import deadline, deadline_rule
from gui.core.requests.laws import (
    CPPA,
    IRISH_DPC,
    LAW_SHORT,
    LAW_TITLES,
    LOCAL_EU_AUTHORITY,
    UK_ICO,
    Authority,
    Kind,
    Law,
    RequestInputError,
    Right,
    right_for,
)
from gui.core.requests.model import MAX_FREE_TEXT_CHARS, MAX_NAME_CHARS, DataRequest, Requester

NOBODY = Requester()

# A follow-up gives the controller this long before the complaint.
REMINDER_GRACE = timedelta(days=14)

# A paragraph is text; a tuple of texts is a bulleted list.
Block = str | tuple[str, ...]

OWN_REQUEST = (
    "This is my own request, made by me about my own personal data. I have not asked anyone "
    "to act for me."
)
NO_CONTACT = (
    "The catalog has no privacy contact for {platform} taken from its own policy text, so "
    "this letter has no addressee: look up the privacy or data protection contact in "
    "{platform}'s privacy policy before you send it."
)


@dataclass(frozen=True)
class Letter:
    subject: str
    addressee: tuple[str, ...]  # lines; empty when no sourced contact is known
    email: str | None  # where a mail client should send it, when the contact is e-mail
    web_form: str | None  # the form to paste it into, when the platform takes only that
    blocks: tuple[Block, ...]
    signature: tuple[str, ...]
    dated: date
    deadline: date | None = None
    notice: str = ""  # said to the user, not part of the letter (e.g. no addressee)


def check_requester(requester: Requester) -> None:
    for what, value in (("name", requester.name), ("account", requester.account)):
        if len(value) > MAX_NAME_CHARS:
            raise RequestInputError(
                f"the {what} is too long ({len(value)} characters; at most {MAX_NAME_CHARS})"
            )


def check_free_text(what: str, value: str) -> None:
    if len(value) > MAX_FREE_TEXT_CHARS:
        raise RequestInputError(
            f"the {what} is too long ({len(value)} characters; at most {MAX_FREE_TEXT_CHARS})"
        )


def choose_contact(platform: Platform, country: str | None) -> Contact | None:
    """The contact a letter goes to: an e-mail address first (a mail client can send it),
    then a web form, then a postal address."""
    contacts = platform.contacts_for(country)
    for kind in ("email", "web-form", "postal"):
        for contact in contacts:
            if contact.kind == kind:
                return contact
    return None


def _addressee(platform: Platform, contact: Contact | None) -> tuple[str, ...]:
    if contact is None:
        return ()
    lines = [f"{platform.name}: {contact.label}"]
    if contact.kind == "postal":
        lines.extend(part.strip() for part in contact.value.split(",") if part.strip())
    elif contact.kind == "email":
        lines.append(contact.value)
    else:
        lines.append(f"Web form: {contact.value}")
    return tuple(lines)


def _category_lines(categories: Sequence[Category]) -> tuple[str, ...]:
    lines = []
    for category in categories:
        quote = category.quote
        lines.append(
            f"{category.title}: {category.collected} Your own text says: \u201c{quote.text}\u201d "
            f"({quote.source}, {dates.day(quote.policy_date)})."
        )
    return tuple(lines)


def _identity(requester: Requester, platform: Platform) -> str:
    if requester.account:
        return (
            f"My account on {platform.name} is: {requester.account}. Please use it to find my "
            "data. If you need more to confirm that I am the account holder, tell me what, and "
            "ask only for what is necessary for that."
        )
    return (
        f"I will give you the details of my account on {platform.name} that you need to find "
        "my data; please ask only for what is necessary to confirm who I am."
    )


def _by_when(law: Law, dated: date) -> str:
    due = deadline(law, dated)
    return (
        f"Please answer by {dates.day(due)} at the latest if you receive this today. The law "
        f"sets the time limit: {deadline_rule(law)}"
    )


def _signature(requester: Requester) -> tuple[str, ...]:
    lines = ["Yours sincerely,", requester.name or "[your name]"]
    if requester.account:
        lines.append(requester.account)
    return tuple(lines)


def _subject(right: Right, law: Law, platform: Platform, requester: Requester) -> str:
    who = f" ({requester.account})" if requester.account else ""
    return f"{right.title}: request under {LAW_SHORT[law]} to {platform.name}{who}"


def draft_request(
    platform: Platform,
    kind: str,
    law: Law,
    *,
    categories: Sequence[Category] = (),
    requester: Requester = NOBODY,
    grounds: str = "",
    details: str = "",
    findings: Sequence[str] = (),
    country: str | None = None,
    today: date,
) -> Letter:
    """The request letter. Raises RequestInputError for a kind the law does not give, or
    an objection under Art. 21(1) without grounds."""
    right = right_for(law, kind)
    check_requester(requester)
    check_free_text("grounds", grounds)
    check_free_text("details", details)
    contact = choose_contact(platform, country)
    blocks: list[Block] = [
        "Dear Data Protection Officer," if law is not Law.CCPA else "Dear privacy team,",
        OWN_REQUEST,
    ]
    if law is Law.CCPA:
        blocks.append(
            "I am a California resident and a consumer within the meaning of Cal. Civ. Code "
            "section 1798.140."
        )
    blocks.append(
        f"I make this request under {LAW_TITLES[law]}, {right.citation}. I ask you to {right.ask}."
    )
    if categories:
        blocks.append("It concerns the following data, as your own policy describes it:")
        blocks.append(_category_lines(categories))
        if any("ai-training" in c.topics for c in categories) and right.kind in (
            Kind.OBJECTION,
            Kind.WITHDRAW_CONSENT,
            Kind.ERASURE,
            Kind.RESTRICTION,
        ):
            blocks.append(
                "This includes the use of my personal data to develop, train or improve "
                "artificial intelligence models."
            )
    if findings:
        blocks.append("I downloaded a copy of my data from you; the tool I read it with reports:")
        blocks.append(tuple(f"\u201c{finding}\u201d" for finding in findings))
    if right.needs_grounds:
        if not grounds.strip():
            raise RequestInputError(
                "an objection under Article 21(1) needs your grounds: "
                + right.grounds_help
                + " (use the direct-marketing objection, objection-marketing, for ads)"
            )
        blocks.append("My grounds, relating to my particular situation:")
        blocks.append(grounds.strip())
    elif grounds.strip():
        blocks.append(grounds.strip())
    if details.strip():
        blocks.append(details.strip())
    blocks.append(_identity(requester, platform))
    blocks.append(_by_when(law, today))
    blocks.append("Please confirm that you have received this request.")
    notice = "" if contact is not None else NO_CONTACT.format(platform=platform.name)
    return Letter(
        subject=_subject(right, law, platform, requester),
        addressee=_addressee(platform, contact),
        email=contact.value if contact is not None and contact.kind == "email" else None,
        web_form=contact.value if contact is not None and contact.kind == "web-form" else None,
        blocks=tuple(blocks),
        signature=_signature(requester),
        dated=today,
        deadline=deadline(law, today),
        notice=notice,
    )


def authorities(law: Law, platform: Platform) -> tuple[Authority, ...]:
    """Where a complaint goes, the first one being the one the letter is addressed to.

    GDPR: the Irish Data Protection Commission, lead authority, when the platform's own
    policy gives an EU controller in Ireland (a sourced postal contact there); in every case
    also the authority where the user lives or works (Article 77). UK GDPR: the ICO. CCPA:
    the California Privacy Protection Agency."""
    if law is Law.UK_GDPR:
        return (UK_ICO,)
    if law is Law.CCPA:
        return (CPPA,)
    if established_in_ireland(platform):
        return (IRISH_DPC, LOCAL_EU_AUTHORITY)
    return (LOCAL_EU_AUTHORITY,)


def established_in_ireland(platform: Platform) -> bool:
    """Whether the platform's sourced contacts name a controller in Ireland for EU users
    (a postal address in Ireland that applies in the EU)."""
    return any(
        contact.kind == "postal"
        and "ireland" in contact.value.lower()
        and (not contact.regions or contact.applies_in("IE"))
        for contact in platform.contacts
    )


def _original(request: DataRequest, platform: Platform) -> str:
    right = right_for(request.law, request.kind)
    sent = dates.day(request.sent_on) if request.sent_on else "[date sent]"
    return (
        f"On {sent} I sent {platform.name} a request under {LAW_TITLES[request.law]}, "
        f"{right.citation}: I asked you to {right.ask}."
    )


def draft_follow_up(
    request: DataRequest,
    platform: Platform,
    *,
    categories: Sequence[Category] = (),
    country: str | None = None,
    today: date,
) -> Letter:
    """The reminder after the deadline: the original request, the deadline that passed,
    and the authority a complaint will go to."""
    _, due = request.status_on(today)
    contact = choose_contact(platform, country)
    authority = authorities(request.law, platform)[0]
    due_text = dates.day(due) if due else "[deadline]"
    blocks: list[Block] = [
        "Dear Data Protection Officer," if request.law is not Law.CCPA else "Dear privacy team,",
        OWN_REQUEST,
        _original(request, platform),
    ]
    if categories:
        blocks.append(_category_lines(categories))
    extended = " (with the extension you announced)" if request.extended else ""
    blocks.append(
        f"The time limit for your answer{extended} ended on {due_text}. "
        f"{deadline_rule(request.law)} I have not received a complete answer."
    )
    blocks.append(
        "Please answer my request in full without further delay, and in any case by "
        f"{dates.day(today + REMINDER_GRACE)}."
    )
    blocks.append(
        f"If I do not receive an answer, I will lodge a complaint with {authority.name} "
        f"({authority.basis})."
    )
    blocks.append(_identity(request.requester, platform))
    right = right_for(request.law, request.kind)
    sent = dates.day(request.sent_on) if request.sent_on else "[date]"
    return Letter(
        subject=f"Reminder: {right.title}, request of {sent}, deadline {due_text} passed",
        addressee=_addressee(platform, contact),
        email=contact.value if contact is not None and contact.kind == "email" else None,
        web_form=contact.value if contact is not None and contact.kind == "web-form" else None,
        blocks=tuple(blocks),
        signature=_signature(request.requester),
        dated=today,
        deadline=due,
        notice="" if contact is not None else NO_CONTACT.format(platform=platform.name),
    )


def draft_complaint(
    request: DataRequest,
    platform: Platform,
    *,
    categories: Sequence[Category] = (),
    today: date,
) -> Letter:
    """The complaint to the supervisory authority after the follow-up went unanswered."""
    _, due = request.status_on(today)
    found = authorities(request.law, platform)
    authority = found[0]
    right = right_for(request.law, request.kind)
    due_text = dates.day(due) if due else "[deadline]"
    if request.law is Law.CCPA:
        basis = (
            "I submit this complaint to the California Privacy Protection Agency about a "
            "business's failure to respond to my consumer request under the CCPA/CPRA."
        )
    elif request.law is Law.UK_GDPR:
        basis = (
            "I lodge this complaint under Article 77 UK GDPR and section 165 of the Data "
            "Protection Act 2018."
        )
    else:
        basis = f"I lodge this complaint under Article 77 GDPR with {authority.name}."
    blocks: list[Block] = [
        "Dear Sir or Madam,",
        basis,
        "This complaint is about my own request, about my own personal data.",
        _original(request, platform),
    ]
    if categories:
        blocks.append(_category_lines(categories))
    follow = (
        f" I sent a reminder on {dates.day(request.follow_up_on)}." if request.follow_up_on else ""
    )
    blocks.append(
        f"The time limit for an answer ended on {due_text} ({deadline_rule(request.law)}) and "
        f"I have not received a complete answer.{follow}"
    )
    blocks.append(
        f"I ask you to examine this complaint and to require {platform.name} to answer my "
        f"request. Copies of my request{' and reminder' if follow else ''} are attached."
    )
    if len(found) > 1:
        blocks.append(f"I am aware that I may also complain to {found[1].name} ({found[1].basis}).")
    blocks.append(_contact_for_authority(request.requester))
    return Letter(
        subject=f"Complaint: {platform.name} did not answer my request under "
        f"{LAW_SHORT[request.law]} ({right.citation})",
        addressee=(authority.name[0].upper() + authority.name[1:], authority.url),
        email=None,
        web_form=authority.url,
        blocks=tuple(blocks),
        signature=_signature(request.requester),
        dated=today,
        deadline=due,
    )


def _contact_for_authority(requester: Requester) -> str:
    if requester.account:
        return f"My account on the platform: {requester.account}."
    return "I can give you the details of my account on the platform."


def grounds_help(law: Law, kind: str) -> str:
    """Why the user is asked for grounds (empty when the kind needs none)."""
    return right_for(law, kind).grounds_help
