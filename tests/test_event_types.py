"""The editable list of event types: built-in and added types, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from skimlll_desktop.models import EventType
from skimlll_desktop.services.attendance_list import load_listed_event
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.event_types import (
    EventTypeError,
    add_event_type,
    delete_event_type,
    event_type_choices,
    move_event_type,
    rename_event_type,
    set_event_type_hidden,
)
from skimlll_desktop.services.events import EventDetails, EventQuery, list_events, save_event
from skimlll_desktop.services.registry import FormErrors


def _labels(db: Database, include_hidden: bool = True) -> list[str]:
    return [choice.label for choice in event_type_choices(db, include_hidden)]


def _event(db: Database, code: str, title: str = "Spotkanie") -> EventDetails:
    return save_event(db, EventDetails(type=code, title=title, starts_on=date(2026, 6, 2),
                                       ends_on=date(2026, 6, 2)))


def test_the_built_in_types_come_first_in_polish(any_db: Database) -> None:
    assert _labels(any_db)[:3] == ["poranek partnerski", "warsztaty", "konferencja"]
    assert len(_labels(any_db)) == len(EventType)
    assert all(choice.built_in for choice in event_type_choices(any_db))


def test_an_added_type_names_its_events_everywhere(any_db: Database) -> None:
    code = add_event_type(any_db, "  Webinarium  ")
    assert _labels(any_db)[-1] == "Webinarium"
    event = _event(any_db, code, "Kompetencje cyfrowe")
    assert event.type_label == "Webinarium"
    (row,) = list_events(any_db, EventQuery(type=code))
    assert row.type_label == "Webinarium" and row.type == code
    with any_db.transaction() as session:
        assert load_listed_event(session, event.id or 0).type_label == "Webinarium"
    choice = next(c for c in event_type_choices(any_db) if c.code == code)
    assert choice.events == 1 and not choice.built_in


def test_names_are_checked(any_db: Database) -> None:
    add_event_type(any_db, "Webinarium")
    for name in ("webinarium", "WEBINARIUM", "Poranek Partnerski", "   "):
        with pytest.raises(EventTypeError):
            add_event_type(any_db, name)
    with pytest.raises(EventTypeError):
        add_event_type(any_db, "x" * 121)
    with pytest.raises(FormErrors) as raised:
        _event(any_db, "no_such_type")
    assert "type" in raised.value.errors


def test_renaming_a_built_in_type_and_taking_it_back(any_db: Database) -> None:
    morning = _event(any_db, EventType.PARTNER_MORNING)
    rename_event_type(any_db, EventType.PARTNER_MORNING, "Poranek MPKU")
    assert _labels(any_db)[0] == "Poranek MPKU"
    assert list_events(any_db)[0].type_label == "Poranek MPKU"
    assert morning.id is not None
    rename_event_type(any_db, EventType.PARTNER_MORNING, "")
    assert _labels(any_db)[0] == "poranek partnerski"
    code = add_event_type(any_db, "Webinarium")
    with pytest.raises(EventTypeError):
        rename_event_type(any_db, code, "")  # an added type keeps a name


def test_a_hidden_type_stays_with_its_events_but_is_not_offered(any_db: Database) -> None:
    _event(any_db, EventType.GALA, "Gala 2026")
    set_event_type_hidden(any_db, EventType.GALA, True)
    assert "gala" not in _labels(any_db, include_hidden=False)
    assert "gala" in _labels(any_db)
    assert list_events(any_db)[0].type_label == "gala"
    for kind in EventType:
        if kind is not EventType.WORKSHOP:
            set_event_type_hidden(any_db, kind, True)
    with pytest.raises(EventTypeError):
        set_event_type_hidden(any_db, EventType.WORKSHOP, True)  # one must stay on offer
    assert _labels(any_db, include_hidden=False) == ["warsztaty"]


def test_only_unused_added_types_are_deleted(any_db: Database) -> None:
    used = add_event_type(any_db, "Webinarium")
    unused = add_event_type(any_db, "Spacer edukacyjny")
    _event(any_db, used)
    with pytest.raises(EventTypeError, match="Webinarium"):
        delete_event_type(any_db, used)
    with pytest.raises(EventTypeError):
        delete_event_type(any_db, EventType.WORKSHOP)
    delete_event_type(any_db, unused)
    assert "Spacer edukacyjny" not in _labels(any_db)
    assert "Webinarium" in _labels(any_db)


def test_the_order_is_kept(any_db: Database) -> None:
    code = add_event_type(any_db, "Webinarium")
    move_event_type(any_db, code, -1)
    move_event_type(any_db, code, -1)
    assert _labels(any_db)[-3:] == ["Webinarium", "spotkanie Think Tank", "laboratorium LLL"]
    move_event_type(any_db, EventType.PARTNER_MORNING, -1)  # already first: nothing moves
    assert _labels(any_db)[0] == "poranek partnerski"
