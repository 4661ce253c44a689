"""The laws a request can rely on, the kinds of request each one gives, and what a letter
cites for each: the article or section a privacy team recognises, in plain words.

Only what the statutes say is here; nothing in this module is legal advice, and every
letter and screen says so (``NOT_LEGAL_ADVICE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gui.core.catalog.model import EEA_COUNTRIES

NOT_LEGAL_ADVICE = (
    "Privacy Review drafts this letter from public law texts and the platform's own policy; "
    "it is not legal advice."
)


class Law(StrEnum):
    GDPR = "gdpr"
    UK_GDPR = "uk-gdpr"
    CCPA = "ccpa"


LAW_TITLES = {
    Law.GDPR: "the General Data Protection Regulation (EU) 2016/679 (GDPR)",
    Law.UK_GDPR: "the UK General Data Protection Regulation (UK GDPR) and the Data "
    "Protection Act 2018",
    Law.CCPA: "the California Consumer Privacy Act as amended by the California Privacy "
    "Rights Act (CCPA/CPRA), Cal. Civ. Code section 1798.100 and following",
}
LAW_SHORT = {Law.GDPR: "GDPR", Law.UK_GDPR: "UK GDPR", Law.CCPA: "CCPA/CPRA"}


class Kind(StrEnum):
    # GDPR and UK GDPR
    ACCESS = "access"
    CORRECTION = "correction"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    OBJECTION = "objection"
    OBJECTION_MARKETING = "objection-marketing"
    WITHDRAW_CONSENT = "withdraw-consent"
    # CCPA/CPRA
    KNOW = "know"
    DELETE = "delete"
    CORRECT = "correct"
    OPT_OUT = "opt-out"
    LIMIT_SENSITIVE = "limit-sensitive"


@dataclass(frozen=True)
class Right:
    """One kind of request under one law: what the letter cites and asks for."""

    kind: Kind
    title: str  # "Access to your data", for lists
    citation: str  # "Article 15 GDPR (right of access by the data subject)"
    ask: str  # the sentence in the letter saying what the user asks for
    needs_grounds: bool = False  # GDPR Art. 21(1): the user must give reasons
    grounds_help: str = ""


_GROUNDS_HELP = (
    "An objection under Article 21(1) must give grounds relating to your particular "
    "situation: say in a sentence or two why this processing affects you (for example, what "
    "you post is personal, or you never expected it to be used this way). The controller "
    "must then stop unless it shows compelling legitimate grounds that override your "
    "interests. An objection to direct marketing (Article 21(2)) needs no grounds."
)


def _gdpr_rights(article_prefix: str) -> dict[Kind, Right]:
    """The same articles in the GDPR and the UK GDPR (retained in UK law), only the name
    of the law differs."""
    law = article_prefix
    return {
        Kind.ACCESS: Right(
            Kind.ACCESS,
            "Access: a copy of your data",
            f"Article 15 {law} (right of access by the data subject)",
            "confirm whether you process personal data concerning me and, where you do, give "
            "me a copy of it together with the information listed in Article 15(1): the "
            "purposes, the categories of data, the recipients, the storage period, the "
            "source where the data was not collected from me, and the existence of automated "
            "decision-making including profiling",
        ),
        Kind.CORRECTION: Right(
            Kind.CORRECTION,
            "Correction of inaccurate data",
            f"Article 16 {law} (right to rectification)",
            "rectify the inaccurate personal data concerning me described below and complete "
            "what is incomplete",
        ),
        Kind.ERASURE: Right(
            Kind.ERASURE,
            "Erasure of your data",
            f"Article 17 {law} (right to erasure)",
            "erase the personal data concerning me described below, and tell me, under "
            "Article 19, to which recipients you have communicated the erasure",
        ),
        Kind.RESTRICTION: Right(
            Kind.RESTRICTION,
            "Restriction of processing",
            f"Article 18 {law} (right to restriction of processing)",
            "restrict the processing of the personal data concerning me described below, so "
            "that it is only stored and not otherwise used while the matter is settled",
        ),
        Kind.OBJECTION: Right(
            Kind.OBJECTION,
            "Objection (for example to AI training)",
            f"Article 21(1) {law} (right to object to processing based on legitimate "
            "interests, Article 6(1)(e) or (f))",
            "stop processing the personal data concerning me for the purpose described "
            "below, on the grounds relating to my particular situation that I give",
            needs_grounds=True,
            grounds_help=_GROUNDS_HELP,
        ),
        Kind.OBJECTION_MARKETING: Right(
            Kind.OBJECTION_MARKETING,
            "Objection to direct marketing",
            f"Article 21(2) and (3) {law} (right to object to direct marketing, including "
            "profiling for it)",
            "stop processing the personal data concerning me for direct marketing, including "
            "profiling related to it; under Article 21(3) the data must then no longer be "
            "processed for that purpose",
        ),
        Kind.WITHDRAW_CONSENT: Right(
            Kind.WITHDRAW_CONSENT,
            "Withdrawal of consent",
            f"Article 7(3) {law} (right to withdraw consent at any time)",
            "take note that I withdraw my consent to the processing described below, with "
            "effect from now, and stop that processing",
        ),
    }


_CCPA_RIGHTS = {
    Kind.KNOW: Right(
        Kind.KNOW,
        "Right to know what is collected",
        "Cal. Civ. Code sections 1798.100 and 1798.110 (right to know what personal "
        "information is collected)",
        "disclose to me the categories and specific pieces of personal information you "
        "have collected about me, the categories of sources, the business or commercial "
        "purpose for collecting, selling or sharing it, and the categories of third parties "
        "to whom you disclose it",
    ),
    Kind.DELETE: Right(
        Kind.DELETE,
        "Right to delete",
        "Cal. Civ. Code section 1798.105 (right to delete personal information)",
        "delete the personal information about me described below that you collected from "
        "me, and direct your service providers and contractors to delete it too",
    ),
    Kind.CORRECT: Right(
        Kind.CORRECT,
        "Right to correct",
        "Cal. Civ. Code section 1798.106 (right to correct inaccurate personal information)",
        "correct the inaccurate personal information about me described below",
    ),
    Kind.OPT_OUT: Right(
        Kind.OPT_OUT,
        "Opt out of sale and sharing",
        "Cal. Civ. Code section 1798.120 (right to opt out of the sale or sharing of "
        "personal information)",
        "stop selling and sharing my personal information, including for cross-context "
        "behavioural advertising",
    ),
    Kind.LIMIT_SENSITIVE: Right(
        Kind.LIMIT_SENSITIVE,
        "Limit use of sensitive personal information",
        "Cal. Civ. Code section 1798.121 (right to limit use and disclosure of sensitive "
        "personal information)",
        "limit your use and disclosure of my sensitive personal information to what is "
        "necessary to perform the services I request",
    ),
}

RIGHTS: dict[Law, dict[Kind, Right]] = {
    Law.GDPR: _gdpr_rights("GDPR"),
    Law.UK_GDPR: _gdpr_rights("UK GDPR"),
    Law.CCPA: _CCPA_RIGHTS,
}


@dataclass(frozen=True)
class Authority:
    name: str
    url: str  # the authority's own complaint page
    basis: str  # why this authority


IRISH_DPC = Authority(
    "the Data Protection Commission (Ireland)",
    "https://www.dataprotection.ie/",
    "the lead supervisory authority (Article 56 GDPR) for a controller whose main "
    "establishment in the EU is in Ireland",
)
UK_ICO = Authority(
    "the Information Commissioner's Office (ICO)",
    "https://ico.org.uk/make-a-complaint/",
    "the UK's supervisory authority under the UK GDPR",
)
CPPA = Authority(
    "the California Privacy Protection Agency (CPPA)",
    "https://cppa.ca.gov/webapplications/complaint",
    "the agency that enforces the CCPA/CPRA (Cal. Civ. Code section 1798.199.10)",
)
LOCAL_EU_AUTHORITY = Authority(
    "the supervisory authority of the EU or EEA country where I live or work",
    "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en",
    "every data subject may complain to the supervisory authority of their habitual "
    "residence, place of work or the place of the alleged infringement (Article 77 GDPR)",
)


class RequestInputError(ValueError):
    """A kind or law that does not fit: the message lists what does."""


def law_for_region(country: str | None) -> Law | None:
    """The law that follows the user's region: GDPR in the EU and EEA, UK GDPR in the
    United Kingdom, CCPA for a user who chose the US (only California residents have these
    rights; the letter says so). None where none of these applies or no region is known."""
    if not country:
        return None
    code = country.upper()
    if code in EEA_COUNTRIES:
        return Law.GDPR
    if code == "GB":
        return Law.UK_GDPR
    if code == "US":
        return Law.CCPA
    return None


def parse_law(value: str) -> Law:
    try:
        return Law(value.strip().lower())
    except ValueError:
        valid = ", ".join(law.value for law in Law)
        raise RequestInputError(f"unknown law {value!r}; valid laws: {valid}") from None


def right_for(law: Law, kind: str) -> Right:
    """The right ``kind`` under ``law``, or RequestInputError listing the valid kinds."""
    rights = RIGHTS[law]
    try:
        return rights[Kind(kind.strip().lower())]
    except (ValueError, KeyError):
        valid = ", ".join(k.value for k in rights)
        raise RequestInputError(
            f"{kind!r} is not a request kind under {LAW_SHORT[law]}; valid kinds: {valid}"
        ) from None
