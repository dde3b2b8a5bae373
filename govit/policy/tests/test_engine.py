"""The engine itself: unknown fields, unknown facts, severities, statuses, decisions."""

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from govit.policy import loader
from govit.policy.engine import registry
from govit.policy.engine.i18n import pinned_language
from govit.policy.tests.helpers import D, blocked, check, findings, obligation


def test_it_names_an_unknown_field_instead_of_refusing_it():
    result = check("wuhan", investmnet=1, unit={"budgetunits": 2})
    messages = [f.message for f in findings(result, "snapshot.unknown_field")]
    assert any("project.investmnet" in m for m in messages)
    assert any("unit.budgetunits" in m for m in messages)


def test_it_names_unknown_fields_of_parts_in_lists_and_nested_parts():
    result = check(
        "wuhan",
        documents=[{"type": "proposal"}, {"type": "proposal", "signed": True}],
        contract={"amount": 5, "colour": "red"},
        incidents=[{"occurred_on": "2026-01-01"}, {"occurred_on": "2026-01-02", "x": 1, "y": 2}],
    )
    messages = [f.message for f in findings(result, "snapshot.unknown_field")]
    expected = [
        "project.documents[1].signed",
        "project.contract.colour",
        "project.incidents[1].x",
        "project.incidents[1].y",
    ]
    assert len(messages) == len(expected)
    assert all(f" {path} " in message for path, message in zip(expected, messages, strict=True))


def test_a_snapshot_of_known_fields_has_no_unknown_field_finding():
    result = check(
        "wuhan", documents=[{"type": "proposal"}], contract={"amount": 5}, systems=[{"name": "a"}]
    )
    assert findings(result, "snapshot.unknown_field") == []


def test_a_language_pinned_around_many_evaluations_is_the_one_used():
    with translation.override("en"), pinned_language():
        with translation.override("zh-hans"):
            pinned = check("wuhan", investment=Decimal("5000000"))
        unpinned = check("wuhan", investment=Decimal("5000000"))
    with translation.override("zh-hans"):
        chinese = check("wuhan", investment=Decimal("5000000"))
    assert [f.message for f in pinned.findings] == [f.message for f in unpinned.findings]
    assert [f.message for f in pinned.findings] != [f.message for f in chinese.findings]


def test_it_says_when_a_rule_needs_an_unknown_fact():
    result = check("wuhan")
    route = findings(result, "route.amount")
    assert route[0].severity == "info"
    assert "project.investment" in route[0].message
    assert "approval_route" not in result.decisions


def test_block_findings_name_the_states_they_stop():
    result = check("wuhan", features=["machine_room"])
    finding = findings(result, "infrastructure.no_machine_room", "block")[0]
    assert "submitted" in finding.blocks
    assert finding in result.blocking("submitted")
    assert result.blocking("procurement") == []


def test_a_severity_cap_turns_a_block_into_a_warning():
    result = check("wuhan", paid_before_approval=True)
    assert findings(result, "money.no_payment_before_design")[0].severity == "warn"


def test_entries_wait_for_their_stage():
    early = check("wuhan", stage="construction")
    assert not findings(early, "acceptance.prerequisites")
    at_gate = check("wuhan", stage="construction", target="acceptance")
    assert blocked(at_gate, "acceptance.prerequisites")


def test_an_obligation_is_met_pending_or_overdue():
    pending = check("wuhan", completed_on=D(2026, 9, 1), as_of=D(2026, 11, 24))
    assert obligation(pending, "acceptance").status == "pending"
    assert obligation(pending, "acceptance").due == D(2027, 3, 1)
    overdue = check("wuhan", completed_on=D(2026, 1, 5), as_of=D(2026, 11, 24))
    assert obligation(overdue, "acceptance").status == "overdue"
    late = check("wuhan", completed_on=D(2026, 1, 5), accepted_on=D(2026, 7, 10))
    assert obligation(late, "acceptance").status == "overdue"
    met = check("wuhan", completed_on=D(2026, 1, 5), accepted_on=D(2026, 7, 6))
    assert obligation(met, "acceptance").status == "met"


def test_a_deadline_in_an_unknown_year_is_provisional():
    result = check("wuhan", completed_on=D(2030, 11, 1), as_of=D(2030, 11, 2))
    assert obligation(result, "acceptance").provisional is True


def test_every_rule_entry_cites_a_registered_rule_with_valid_params():
    for rulebook in loader.load_all().values():
        for entry in rulebook.entries:
            assert entry.rule in registry.RULES
            assert entry.article.startswith("第")


@pytest.mark.django_db
def test_the_command_prints_the_documented_shape(tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps({"as_of": "2026-11-24", "project": {"name": "x", "investment": 500000}})
    )
    call_command("check", str(path), rulebook="wuhan")
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"rulebook", "findings", "obligations", "decisions"}
    assert data["decisions"]["approval_route"] == {
        "value": "approval",
        "article": "第八条",
        "quote": data["decisions"]["approval_route"]["quote"],
        "rule": "route.amount",
    }
    finding = data["findings"][0]
    assert set(finding) >= {"rule", "severity", "article", "quote", "message"}


@pytest.mark.django_db
def test_the_command_lists_every_field_error(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"project": {"investment": "lots", "kind": "castle"}}))
    with pytest.raises(CommandError) as caught:
        call_command("check", str(path), rulebook="wuhan")
    text = str(caught.value)
    for field in ("project.name", "project.investment", "project.kind"):
        assert field in text
    assert caught.value.returncode == 2


@pytest.mark.django_db
def test_the_command_refuses_bad_json(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("check", str(path), rulebook="wuhan")


@pytest.mark.django_db
def test_the_command_refuses_a_mismatched_rulebook(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"rulebook": "harbin", "project": {"name": "x"}}))
    with pytest.raises(CommandError, match="does not match"):
        call_command("check", str(path), rulebook="wuhan")


def test_plain_check_still_runs_the_system_checks(capsys):
    call_command("check")
    assert "no issues" in capsys.readouterr().out.lower()


@pytest.mark.django_db
def test_the_api_checks_a_snapshot(client, applicant):
    client.force_login(applicant)
    response = client.post(
        "/api/v1/check?rulebook=wuhan",
        data={"as_of": "2026-11-24", "project": {"name": "x", "investment": 30000000}},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["decisions"]["approval_route"]["value"] == "government_approval"


@pytest.mark.django_db
def test_the_api_answers_422_with_field_errors(client, applicant):
    client.force_login(applicant)
    response = client.post(
        "/api/v1/check", data={"project": {"investment": -1}}, content_type="application/json"
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"project.name", "project.investment"}


@pytest.mark.django_db
def test_the_api_refuses_anonymous_checks(client):
    response = client.post("/api/v1/check", data={}, content_type="application/json")
    assert response.status_code == 401


@pytest.mark.django_db
def test_the_snapshot_schema_is_published(client):
    schema = client.get("/api/v1/schema/snapshot.json").json()
    assert "project" in schema["properties"]
    assert "Project" in schema["$defs"]


def test_an_application_deadline_on_a_saturday_moves_to_monday():
    # Kaihua: applications by the end of September; 30 September 2028 is a Saturday.
    result = check("kaihua", plan_year=2029, submitted_on=D(2028, 10, 2), as_of=D(2028, 10, 2))
    due = obligation(result, "application")
    assert due.due == D(2028, 10, 2)
    assert due.status == "met"
    assert due.provisional is True  # 2028 has no holiday data yet


def test_an_application_deadline_on_a_working_day_stays():
    result = check("kaihua", plan_year=2027, submitted_on=D(2026, 10, 8), as_of=D(2026, 10, 8))
    due = obligation(result, "application")
    assert due.due == D(2026, 9, 30)
    assert due.status == "overdue"
