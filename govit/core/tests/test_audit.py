import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from govit.core import audit
from govit.core.models import AuditEvent, AuditHead

pytestmark = pytest.mark.django_db


def _chain(n=3, actor=None):
    return [
        audit.record(
            actor=actor, action="test.write", object_type="x", object_id=str(i), after={"i": i}
        )
        for i in range(n)
    ]


TABLE = AuditEvent._meta.db_table


def _raw(sql, params):
    """Change the table behind the ORM's back, as an intruder with database access would."""
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("TABLE", TABLE), params)


def test_it_links_each_event_to_the_previous_one(applicant):
    first, second, third = _chain(actor=applicant)
    assert first.prev_hash == audit.GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert len(first.hash) == 64
    assert first.actor_repr == "applicant"
    assert AuditHead.objects.get().last_hash == third.hash


def test_it_verifies_an_intact_chain():
    _chain()
    count, broken = audit.verify()
    assert broken is None
    assert count == AuditEvent.objects.count()


def test_it_finds_an_event_edited_behind_the_orms_back(capsys):
    events = _chain(4)
    _raw(
        "UPDATE TABLE SET object_repr = %s WHERE id = %s",
        ["tampered", events[1].pk],
    )
    _count, broken = audit.verify()
    assert broken is not None
    assert broken.sequence == events[1].sequence
    assert "content" in broken.reason
    with pytest.raises(CommandError, match=f"broken at event #{events[1].sequence}"):
        call_command("audit", "verify")


def test_it_finds_a_rewritten_hash_through_the_next_link():
    events = _chain(3)
    _raw(
        "UPDATE TABLE SET action = %s, hash = %s WHERE id = %s",
        ["forged", "f" * 64, events[0].pk],
    )
    _count, broken = audit.verify()
    assert broken is not None
    assert broken.sequence == events[0].sequence


def test_it_finds_a_deleted_event():
    events = _chain(3)
    _raw("DELETE FROM TABLE WHERE id = %s", [events[1].pk])
    _count, broken = audit.verify()
    assert broken is not None
    assert broken.sequence == events[1].sequence
    assert "missing" in broken.reason


def test_it_finds_a_truncated_tail():
    events = _chain(3)
    _raw("DELETE FROM TABLE WHERE id = %s", [events[-1].pk])
    _count, broken = audit.verify()
    assert broken is not None
    assert "missing" in broken.reason


def test_it_refuses_updates_and_deletes_through_the_orm():
    event = _chain(1)[0]
    event.action = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="x")


def test_it_stores_decimals_and_dates_as_json_text():
    import datetime as dt
    from decimal import Decimal

    event = audit.record(
        actor=None, action="t", after={"amount": Decimal("500000.00"), "on": dt.date(2026, 1, 2)}
    )
    event.refresh_from_db()
    assert event.after == {"amount": "500000.00", "on": "2026-01-02"}
    assert audit.verify()[1] is None


def test_the_command_reports_an_intact_chain(capsys):
    _chain(2)
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out


def test_many_events_at_once_continue_the_chain_as_one_by_one_would(
    applicant, django_assert_num_queries
):
    first = _chain(2)[-1]
    entries = [
        audit.Entry(action="test.bulk", object_type="x", object_id=str(i), after={"i": i})
        for i in range(7)
    ]
    # A savepoint and its release, lock the head, insert in two batches, move the head.
    with django_assert_num_queries(6):
        events = audit.record_many(actor=applicant, entries=entries, batch_size=5)
    assert [e.sequence for e in events] == list(range(first.sequence + 1, first.sequence + 8))
    assert events[0].prev_hash == first.hash
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    assert AuditHead.objects.get().last_hash == events[-1].hash
    assert {e.actor_repr for e in AuditEvent.objects.filter(action="test.bulk")} == {"applicant"}
    assert audit.verify() == (first.sequence + 7, None)
    later = audit.record(actor=None, action="test.write")
    assert later.prev_hash == events[-1].hash
    assert audit.verify()[1] is None
    call_command("audit", "verify")


def test_many_events_name_their_objects_and_nothing_is_written_for_none(applicant):
    assert audit.record_many(actor=None, entries=[]) == []
    (event,) = audit.record_many(actor=None, entries=[audit.Entry(action="t", obj=applicant)])
    assert (event.object_type, event.object_id) == ("orgs.user", str(applicant.pk))
    assert event.object_repr == str(applicant)
    assert audit.verify()[1] is None
