"""A request's deadline as a calendar event (``.ics``, RFC 5545, written with
``icalendar``), so that the user's own calendar reminds them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from gui import __version__
from gui.core.requests.laws import LAW_SHORT
from gui.core.requests.model import DataRequest


def deadline_event(
    request: DataRequest, platform_name: str, *, now: datetime, today: date
) -> bytes:
    """An all-day event on the request's deadline with a reminder the day before. Raises
    ValueError for a request not sent yet (it has no deadline)."""
    import icalendar

    _, due = request.status_on(today)
    if due is None:
        raise ValueError("the request has no deadline until you say you sent it")
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//Privacy Review {__version__}//requests//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    # The same id for the same request, so that exporting again updates the event.
    event.add("uid", f"request-{request.id}-{request.sent_on}@privacy-review.invalid")
    event.add("dtstamp", now)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add(
        "summary", f"Deadline: {platform_name} must answer your {LAW_SHORT[request.law]} request"
    )
    event.add(
        "description",
        f"Request {request.id} ({request.kind.value}) sent on {request.sent_on}. If no "
        "answer came, Privacy Review drafts a follow-up: privacy-review request follow-up "
        f"{request.id}",
    )
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Privacy request deadline tomorrow")
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
