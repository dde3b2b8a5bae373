"""The data-resource catalogue through the pages: a unit compiles an entry for its system, the
competent department publishes it (the system's O&M funding goes from withheld to fundable),
another unit requests the data, the competent department checks and the provider grants."""

from __future__ import annotations

import pytest

from govit.policy import loader
from govit.systems.tests.factories import SystemFactory
from tests.browser.steps import PASSWORD, publish_and_share_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_entry_is_compiled_published_and_its_data_shared(
    live_server, page, settings, monkeypatch, applicant, reviewer, other_applicant, unit_org
):
    settings.GOVIT_RULEBOOK = "harbin"
    harbin = loader.get("harbin")
    monkeypatch.setattr(loader, "active", lambda: harbin)
    for user in (applicant, reviewer, other_applicant):
        user.set_password(PASSWORD)
        user.save()
    system = SystemFactory(
        unit=unit_org,
        name="社会救助管理系统",
        shares_data=True,
        in_data_catalog=True,
        duplicate_collection=False,
        security_compliant=True,
        crypto_compliant=True,
        major_hazard=False,
    )
    publish_and_share_data(
        page,
        live_server,
        applicant=applicant,
        reviewer=reviewer,
        other_applicant=other_applicant,
        unit_org=unit_org,
        system=system,
    )
