"""The national investment-project code (全国投资项目在线审批监管平台, 24 characters) is
format-checked wherever a project gets one: the project's own form and API, not only the
approval record of the delivery app."""

import pytest
from django.core.exceptions import ValidationError

from govit.projects import services
from govit.projects.validators import validate_investment_code

pytestmark = pytest.mark.django_db
GOOD = "2026-420100-65-01-000123"


@pytest.mark.parametrize(
    "code",
    [
        "2026-420100-65-01-00012",
        "2026-420100-65-01-0001234",
        "2026/420100/65/01/000123",
        "1999-420100-65-01-000123",
        "ABCD-420100-65-01-000123",
        "20264201006501000123xxxx",
    ],
)
def test_a_malformed_code_is_refused(code):
    with pytest.raises(ValidationError):
        validate_investment_code(code)


def test_a_well_formed_code_passes():
    validate_investment_code(GOOD)


def test_the_project_service_and_api_refuse_a_malformed_code(client, applicant, project):
    with pytest.raises(ValidationError) as refused:
        services.project_update(
            actor=applicant, project=project, facts={"investment_code": "2026-4201-65-01-1"}
        )
    assert "investment_code" in refused.value.message_dict
    client.force_login(applicant)
    url = f"/api/v1/projects/{project.pk}"
    response = client.patch(
        url, {"investment_code": "2026-4201-65-01-1"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["investment_code"]
    taken = client.patch(url, {"investment_code": GOOD}, content_type="application/json")
    assert taken.status_code == 200
    project.refresh_from_db()
    assert project.investment_code == GOOD
