"""Docking records (Gaoping 第十一条): who records and confirms, bad input, and the docked facts
the O&M funding decision and the engine snapshot read (GOVIT_DOCKING_REQUIRES_RECORD both ways)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from govit.core.models import AuditEvent
from govit.documents.tests.samples import EXE, PDF, upload
from govit.orgs.choices import Role
from govit.orgs.tests.factories import member
from govit.policy import loader
from govit.systems import docking, funding
from govit.systems.choices import DockingStatus, OmFunding
from govit.systems.models import DockingRecord, System
from govit.systems.tests.factories import SystemFactory
from govit.systems.tests.test_check_agrees import GOOD, built, check

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture
def gaoping(monkeypatch):
    monkeypatch.setattr(loader, "active", lambda: loader.get("gaoping"))


@pytest.fixture
def datacenter(db):
    return member(Role.DATACENTER, username="bigdata", display_name="大数据中心")


def record(actor, system, **values):
    data = {
        "platform": "service_platform",
        "docked_on": dt.date(2026, 1, 5),
        "method": "api",
        "reference": "高数函〔2026〕3号",
    }
    data.update(values)
    return docking.docking_record(actor=actor, system=system, **data)


def post_json(client, url, data):
    return client.post(url, data=json.dumps(data, default=str), content_type="application/json")


# --- who may do what -------------------------------------------------------------------------


def test_the_unit_records_and_the_competent_department_confirms(applicant, reviewer, unit_org):
    system = SystemFactory(unit=unit_org)
    entry = record(applicant, system)
    assert entry.status == DockingStatus.PENDING
    confirmed = docking.docking_confirm(actor=reviewer, record=entry)
    assert confirmed.status == DockingStatus.CONFIRMED
    assert confirmed.confirmed_by == reviewer
    assert confirmed.confirmed_on == TODAY
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"system.docking.record", "system.docking.confirm"} <= actions


def test_the_big_data_centre_confirms_but_does_not_record(applicant, datacenter, unit_org):
    system = SystemFactory(unit=unit_org)
    entry = record(applicant, system)
    assert docking.docking_confirm(actor=datacenter, record=entry).is_confirmed
    with pytest.raises(PermissionDenied):
        record(datacenter, system)


def test_nobody_confirms_their_own_entry(reviewer, unit_org):
    system = SystemFactory(unit=unit_org)
    entry = record(reviewer, system)
    with pytest.raises(PermissionDenied):
        docking.docking_confirm(actor=reviewer, record=entry)


def test_refused_roles_and_other_units(applicant, other_applicant, finance_clerk, unit_org):
    system = SystemFactory(unit=unit_org)
    for actor in (other_applicant, finance_clerk):
        with pytest.raises(PermissionDenied):
            record(actor, system)
    entry = record(applicant, system)
    for actor in (applicant, other_applicant, finance_clerk):
        with pytest.raises(PermissionDenied):
            docking.docking_confirm(actor=actor, record=entry)
    with pytest.raises(PermissionDenied):
        docking.docking_end(actor=other_applicant, record=entry, ended_on=TODAY)
    assert DockingRecord.objects.count() == 1


def test_a_confirmed_record_is_not_confirmed_again(applicant, reviewer, datacenter, unit_org):
    entry = record(applicant, SystemFactory(unit=unit_org))
    docking.docking_confirm(actor=reviewer, record=entry)
    with pytest.raises(ValidationError):
        docking.docking_confirm(actor=datacenter, record=entry)


# --- bad input -------------------------------------------------------------------------------


def test_a_date_in_the_future_and_an_unknown_platform_are_field_errors(applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    with pytest.raises(ValidationError) as caught:
        record(
            applicant,
            system,
            platform="moon_platform",
            docked_on=TODAY + dt.timedelta(days=1),
            method="telepathy",
        )
    assert set(caught.value.message_dict) == {"platform", "docked_on", "method"}
    with pytest.raises(ValidationError) as ended:
        record(applicant, system, ended_on=dt.date(2025, 12, 31))
    assert "ended_on" in ended.value.message_dict
    assert not DockingRecord.objects.exists()


def test_the_end_is_neither_future_nor_before_the_start_nor_repeated(applicant, unit_org):
    entry = record(applicant, SystemFactory(unit=unit_org))
    for day in (TODAY + dt.timedelta(days=1), dt.date(2026, 1, 4)):
        with pytest.raises(ValidationError) as caught:
            docking.docking_end(actor=applicant, record=entry, ended_on=day)
        assert "ended_on" in caught.value.message_dict
    docking.docking_end(actor=applicant, record=entry, ended_on=TODAY)
    with pytest.raises(ValidationError):
        docking.docking_end(actor=applicant, record=entry, ended_on=TODAY)
    assert AuditEvent.objects.filter(action="system.docking.end").count() == 1


# --- the facts and the O&M funding decision --------------------------------------------------


def test_a_declared_yes_stands_without_records_unless_records_are_required(
    gaoping, settings, unit_org
):
    system = SystemFactory(unit=unit_org, **GOOD)
    settings.GOVIT_DOCKING_REQUIRES_RECORD = False
    assert docking.system_facts([system], TODAY) == {}
    assert funding.om_funding_evaluate(system).decision == OmFunding.ELIGIBLE
    settings.GOVIT_DOCKING_REQUIRES_RECORD = True
    assert docking.system_facts([system], TODAY)[system.pk] == {
        "docked_service_platform": False,
        "docked_data_platform": False,
    }
    withheld = funding.om_funding_evaluate(system)
    assert withheld.decision == OmFunding.WITHHELD
    assert withheld.article == "第十一条"


def test_withheld_under_the_setting_and_restored_when_confirmed(
    gaoping, settings, applicant, reviewer, unit_org
):
    settings.GOVIT_DOCKING_REQUIRES_RECORD = True
    system = SystemFactory(unit=unit_org, **GOOD)
    funding.system_recompute_funding(actor=None, system=system)
    system.refresh_from_db()
    assert system.om_funding == OmFunding.WITHHELD
    entry = record(applicant, system)
    # A pending record decides nothing.
    assert funding.om_funding_evaluate(system).decision == OmFunding.WITHHELD
    docking.docking_confirm(actor=reviewer, record=entry)
    system.refresh_from_db()
    assert system.om_funding == OmFunding.ELIGIBLE  # stored at once, not at the next tick
    assert system.docked_service_platform is True
    docking.docking_end(actor=applicant, record=entry, ended_on=TODAY)
    system.refresh_from_db()
    assert system.om_funding == OmFunding.WITHHELD
    assert system.om_funding_article == "第十一条"


def test_confirmed_records_win_over_the_declaration_either_way(
    gaoping, settings, applicant, reviewer, unit_org
):
    settings.GOVIT_DOCKING_REQUIRES_RECORD = False
    declared_no = SystemFactory(unit=unit_org, **{**GOOD, "docked_service_platform": False})
    docking.docking_confirm(actor=reviewer, record=record(applicant, declared_no))
    assert funding.om_funding_evaluate(declared_no).decision == OmFunding.ELIGIBLE
    declared_yes = SystemFactory(unit=unit_org, **GOOD)
    ended = record(applicant, declared_yes, ended_on=YESTERDAY)
    docking.docking_confirm(actor=reviewer, record=ended)
    assert docking.system_facts([declared_yes], TODAY)[declared_yes.pk] == {
        "docked_service_platform": False
    }
    assert funding.om_funding_evaluate(declared_yes).decision == OmFunding.WITHHELD


def test_the_data_platform_record_decides_only_the_data_platform(applicant, reviewer, unit_org):
    system = SystemFactory(unit=unit_org)
    entry = record(applicant, system, platform="data_platform", method="database")
    docking.docking_confirm(actor=reviewer, record=entry)
    assert docking.system_facts([system], TODAY)[system.pk] == {"docked_data_platform": True}


def test_the_engine_snapshot_reads_the_records(
    client, gaoping, settings, applicant, reviewer, unit_org
):
    """`govit check --project` agrees with the system's page under the setting."""
    settings.GOVIT_DOCKING_REQUIRES_RECORD = True
    project, system = built("gaoping", unit_org)
    assert check(project.code)["decisions"]["om_funding"]["value"] == "withheld"
    docking.docking_confirm(actor=reviewer, record=record(applicant, system))
    assert check(project.code)["decisions"]["om_funding"]["value"] == "eligible"


# --- pages, API and census sheet -------------------------------------------------------------


def test_the_page_records_with_evidence_and_refuses_a_dangerous_file(client, applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    client.force_login(applicant)
    url = reverse("system-docking-create", args=[system.pk])
    assert client.get(url).status_code == 200
    form = {"platform": "service_platform", "docked_on": "2026-01-05", "method": "sso"}
    bad = client.post(url, {**form, "evidence": upload("证明.exe", EXE)})
    assert bad.status_code == 200
    assert bad.context["form"].errors["evidence"]
    good = client.post(url, {**form, "evidence": upload("对接证明.pdf", PDF)})
    assert good.status_code == 302
    entry = DockingRecord.objects.get()
    assert entry.evidence_name == "对接证明.pdf"
    assert len(entry.evidence_sm3) == 64
    download = client.get(reverse("system-docking-evidence", args=[entry.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_the_page_refuses_a_future_date_with_the_field(client, applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    client.force_login(applicant)
    future = (TODAY + dt.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("system-docking-create", args=[system.pk]),
        {"platform": "service_platform", "docked_on": future, "method": "api"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["docked_on"]


def test_the_page_shows_the_records_and_confirms(client, applicant, reviewer, unit_org):
    system = SystemFactory(unit=unit_org)
    entry = record(applicant, system)
    client.force_login(reviewer)
    page = client.get(reverse("system-detail", args=[system.pk])).content.decode()
    assert "高数函〔2026〕3号" in page
    assert reverse("system-docking-confirm", args=[entry.pk]) in page
    response = client.post(reverse("system-docking-confirm", args=[entry.pk]))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.is_confirmed


def test_the_unit_cannot_confirm_on_the_page(client, applicant, other_applicant, unit_org):
    entry = record(applicant, SystemFactory(unit=unit_org))
    client.force_login(applicant)
    assert client.post(reverse("system-docking-confirm", args=[entry.pk])).status_code == 403
    client.force_login(other_applicant)
    assert client.post(reverse("system-docking-confirm", args=[entry.pk])).status_code == 404
    assert client.get(reverse("system-docking-evidence", args=[entry.pk])).status_code == 404


def test_the_page_query_count_does_not_grow_with_the_records(client, applicant, reviewer, unit_org):
    system = SystemFactory(unit=unit_org)
    docking.docking_confirm(actor=reviewer, record=record(applicant, system))
    client.force_login(reviewer)
    url = reverse("system-detail", args=[system.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in range(6, 16):
        entry = record(applicant, system, docked_on=dt.date(2026, 1, day))
        if day % 2:
            docking.docking_confirm(actor=reviewer, record=entry)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_api_lists_creates_and_confirms(client, applicant, reviewer, unit_org):
    system = SystemFactory(unit=unit_org)
    base = f"/api/v1/systems/{system.pk}/docking"
    client.force_login(applicant)
    created = post_json(
        client,
        base,
        {"platform": "data_platform", "docked_on": "2026-02-01", "method": "frontend"},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "pending"
    assert body["recorded_by"] == applicant.username
    assert post_json(client, f"/api/v1/systems/docking/{body['id']}/confirm", {}).status_code == 403
    client.force_login(reviewer)
    confirmed = post_json(client, f"/api/v1/systems/docking/{body['id']}/confirm", {})
    assert confirmed.status_code == 200
    assert confirmed.json()["confirmed_by"] == reviewer.username
    listed = client.get(base).json()
    assert [item["id"] for item in listed] == [body["id"]]
    ended = post_json(
        client, f"/api/v1/systems/docking/{body['id']}/end", {"ended_on": TODAY.isoformat()}
    )
    assert ended.json()["ended_on"] == TODAY.isoformat()


def test_the_api_answers_bad_input_with_field_errors(client, applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    client.force_login(applicant)
    future = (TODAY + dt.timedelta(days=1)).isoformat()
    response = post_json(
        client,
        f"/api/v1/systems/{system.pk}/docking",
        {"platform": "moon", "docked_on": future, "method": "api"},
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"platform", "docked_on"}


def test_the_api_hides_other_units_and_refuses_other_roles(
    client, other_applicant, finance_clerk, unit_org
):
    system = SystemFactory(unit=unit_org)
    data = {"platform": "service_platform", "docked_on": "2026-01-05", "method": "api"}
    client.force_login(other_applicant)
    assert client.get(f"/api/v1/systems/{system.pk}/docking").status_code == 404
    assert post_json(client, f"/api/v1/systems/{system.pk}/docking", data).status_code == 404
    client.force_login(finance_clerk)
    assert client.get(f"/api/v1/systems/{system.pk}/docking").status_code == 200
    assert post_json(client, f"/api/v1/systems/{system.pk}/docking", data).status_code == 403
    assert not System.objects.get(pk=system.pk).docking.exists()


# --- records awaiting confirmation: the list filter and the home page ------------------------


def test_confirmers_see_the_systems_awaiting_confirmation(
    client, applicant, reviewer, datacenter, unit_org
):
    from govit.systems import home

    waiting = SystemFactory(unit=unit_org, name="待确认系统")
    done = SystemFactory(unit=unit_org, name="已确认系统")
    record(applicant, waiting)
    docking.docking_confirm(actor=reviewer, record=record(applicant, done))
    client.force_login(reviewer)
    page = client.get(reverse("system-list") + "?docking=pending").content.decode()
    assert "待确认系统" in page
    assert "已确认系统" not in page
    for confirmer in (reviewer, datacenter):
        actions = [a for a in home.next_actions(confirmer) if "?docking=pending" in a.url]
        assert [a.count for a in actions] == [1]
    # The unit records but does not confirm: no such action for it.
    assert not [a for a in home.next_actions(applicant) if "?docking=pending" in a.url]
    docking.docking_confirm(actor=datacenter, record=waiting.docking.get())
    assert not [a for a in home.next_actions(reviewer) if "?docking=pending" in a.url]
