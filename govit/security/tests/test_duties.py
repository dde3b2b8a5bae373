"""Security duties at their boundaries: grades, filing period, yearly assessments, contracts."""

from __future__ import annotations

import datetime as dt

import pytest

from govit.core.calendar import WorkCalendar
from govit.core.models import AuditEvent
from govit.security import services
from govit.security.duties import compliance, system_duties
from govit.security.errors import NotAllowed
from govit.security.models import Assessment, Grading, Incident, ServiceContract
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db
CALENDAR = WorkCalendar()


def grading(level: int, graded_on=dt.date(2025, 3, 10), filed_on=dt.date(2025, 3, 20)):
    return Grading(
        business_level=level,
        service_level=1,
        level=level,
        graded_on=graded_on,
        filed_on=filed_on,
        filing_number="41010099999-25001" if filed_on else "",
    )


def assessment(kind: str, done_on: dt.date, conclusion: str = "good", high_risks: int = 0):
    return Assessment(kind=kind, done_on=done_on, conclusion=conclusion, high_risks=high_risks)


def duties(g, assessments=(), contracts=(), today=dt.date(2026, 3, 10)):
    return system_duties(
        grading=g,
        assessments=list(assessments),
        contracts=list(contracts),
        today=today,
        calendar=CALENDAR,
    )


@pytest.mark.parametrize(
    ("business", "service", "level"), [(1, 1, 1), (2, 3, 3), (3, 2, 3), (4, 1, 4), (2, 2, 2)]
)
def test_the_level_is_the_higher_of_the_two_grades(business, service, level, applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    recorded = services.grading_record(
        actor=applicant,
        system=system,
        data={
            "business_level": business,
            "service_level": service,
            "graded_on": dt.date(2025, 1, 6),
        },
    )
    assert recorded.level == level
    system.refresh_from_db()
    assert system.mlps_level == level
    assert AuditEvent.objects.filter(action="security.grading").count() == 1


def test_a_level_3_assessment_is_due_a_year_later_on_the_day():
    found = duties(
        grading(3), [assessment("mlps", dt.date(2025, 3, 10))], today=dt.date(2026, 3, 10)
    )
    mlps = next(d for d in found if d.kind == "mlps")
    assert mlps.due == dt.date(2026, 3, 10)
    assert not mlps.overdue
    later = duties(
        grading(3), [assessment("mlps", dt.date(2025, 3, 10))], today=dt.date(2026, 3, 11)
    )
    assert next(d for d in later if d.kind == "mlps").overdue


def test_level_4_is_assessed_every_six_months_and_it_is_a_setting(settings):
    found = duties(grading(4), [assessment("mlps", dt.date(2025, 3, 10))])
    assert next(d for d in found if d.kind == "mlps").due == dt.date(2025, 9, 10)
    settings.GOVIT_MLPS_TEST_MONTHS = 24
    found = duties(grading(3), [assessment("mlps", dt.date(2025, 3, 10))])
    assert next(d for d in found if d.kind == "mlps").due == dt.date(2027, 3, 10)


def test_level_2_has_no_periodic_assessment_and_no_cryptography_duty():
    assert {d.kind for d in duties(grading(2))} == set()


def test_cryptography_is_assessed_from_the_configured_level(settings):
    assert "crypto" in {d.kind for d in duties(grading(3))}
    settings.GOVIT_CRYPTO_MIN_LEVEL = 4
    assert "crypto" not in {d.kind for d in duties(grading(3))}


def test_filing_is_due_thirty_days_after_grading():
    # 2025-03-10 + 30 days = 2025-04-09, a Wednesday.
    unfiled = grading(2, graded_on=dt.date(2025, 3, 10), filed_on=None)
    [filing] = duties(unfiled, today=dt.date(2025, 4, 9))
    assert filing.due == dt.date(2025, 4, 9)
    assert not filing.overdue
    [filing] = duties(unfiled, today=dt.date(2025, 4, 10))
    assert filing.overdue


def test_a_service_contract_obliges_yearly_tests():
    contract = ServiceContract(
        vendor="某公司", starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2027, 12, 31)
    )
    found = duties(None, contracts=[contract], today=dt.date(2026, 1, 1))
    assert {d.kind for d in found} == {"security_test", "crypto", "risk"}
    assert all(d.due == dt.date(2026, 1, 1) and not d.overdue for d in found)
    late = duties(None, contracts=[contract], today=dt.date(2026, 1, 2))
    assert all(d.overdue for d in late)
    assert all(d.basis == "毕节 第二十八条" for d in late)
    tested = duties(
        None,
        [assessment("pentest", dt.date(2025, 11, 1))],
        contracts=[contract],
        today=dt.date(2026, 1, 2),
    )
    assert not next(d for d in tested if d.kind == "security_test").overdue


def test_overdue_contract_tests_fail_an_ungraded_system():
    contract = ServiceContract(
        vendor="x", starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2027, 1, 1)
    )
    late = duties(None, contracts=[contract], today=dt.date(2026, 1, 2))
    facts = compliance(grading=None, assessments=[], incidents=[], duties=late)
    assert facts["security_compliant"] is False
    assert facts["crypto_compliant"] is False
    assert facts["major_hazard"] is None


def test_an_ended_contract_obliges_nothing():
    contract = ServiceContract(
        vendor="x", starts_on=dt.date(2023, 1, 1), ends_on=dt.date(2024, 1, 1)
    )
    assert duties(None, contracts=[contract]) == []


def test_compliance_follows_the_duties_and_conclusions():
    g = grading(3)
    ok = [
        assessment("mlps", dt.date(2025, 6, 1)),
        assessment("crypto", dt.date(2025, 6, 1), "passed"),
    ]
    today = dt.date(2026, 3, 1)
    facts = compliance(grading=g, assessments=ok, incidents=[], duties=duties(g, ok, today=today))
    assert facts == {"security_compliant": True, "crypto_compliant": True, "major_hazard": False}
    poor = [
        assessment("mlps", dt.date(2025, 6, 1), "poor"),
        assessment("crypto", dt.date(2025, 6, 1), "failed"),
    ]
    facts = compliance(
        grading=g, assessments=poor, incidents=[], duties=duties(g, poor, today=today)
    )
    assert facts["security_compliant"] is False
    assert facts["crypto_compliant"] is False
    late = dt.date(2026, 7, 1)
    facts = compliance(grading=g, assessments=ok, incidents=[], duties=duties(g, ok, today=late))
    assert facts["security_compliant"] is False


def test_an_open_high_risk_or_a_major_incident_is_a_major_hazard():
    risky = [assessment("pentest", dt.date(2025, 6, 1), high_risks=2)]
    assert compliance(grading=None, assessments=risky, incidents=[], duties=[])["major_hazard"]
    risky[0].remediated_on = dt.date(2025, 7, 1)
    assert not compliance(grading=None, assessments=risky, incidents=[], duties=[])["major_hazard"]
    incident = Incident(severity="major", occurred_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    assert compliance(grading=None, assessments=[], incidents=[incident], duties=[])["major_hazard"]
    assert compliance(grading=None, assessments=[], incidents=[], duties=[]) == {
        "major_hazard": None,
        "security_compliant": None,
        "crypto_compliant": None,
    }


def test_another_unit_may_not_keep_a_units_registers(other_applicant, reviewer, unit_org):
    system = SystemFactory(unit=unit_org)
    data = {"business_level": 2, "service_level": 2, "graded_on": dt.date(2025, 1, 6)}
    with pytest.raises(NotAllowed):
        services.grading_record(actor=other_applicant, system=system, data=data)
    services.grading_record(actor=reviewer, system=system, data=data)


def test_an_incident_is_closed_only_with_its_handling(applicant, unit_org):
    from django.core.exceptions import ValidationError

    system = SystemFactory(unit=unit_org)
    data = {
        "occurred_at": dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC),
        "severity": "large",
        "symptoms": "网站首页被篡改",
        "closed_on": dt.date(2025, 6, 2),
    }
    with pytest.raises(ValidationError):
        services.incident_record(actor=applicant, system=system, data=data)
    services.incident_record(
        actor=applicant,
        system=system,
        data={
            **data,
            "handling": "断网恢复",
            "reported_to": "市网信办",
            "reported_on": dt.date(2025, 6, 1),
        },
    )
    assert AuditEvent.objects.filter(action="security.incident").count() == 1
