"""The menu shows each role only pages it may open: every link in the navigation bar answers
200 for the user who sees it."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PERSONAS = ("applicant", "reviewer", "finance_clerk", "expert", "vendor", "leader")


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_menu_link_opens_for_the_user_who_sees_it(request, persona):
    user = request.getfixturevalue(persona)
    client = Client()
    client.force_login(user)
    home = client.get("/").content.decode()
    nav = home.split('<nav class="navbar', 1)[1].split("</nav>", 1)[0]
    links = sorted(set(re.findall(r'href="(/[^"#]*)"', nav)) - {"/"})
    assert links
    refused = {url: client.get(url).status_code for url in links}
    assert {url: code for url, code in refused.items() if code != 200} == {}


def test_assigned_roles_see_no_catalogue_menu(expert):
    client = Client()
    client.force_login(expert)
    assert "/systems/" not in client.get("/").content.decode().split("</nav>")[0]


def test_the_dashboard_is_in_the_menu_of_those_who_may_see_it(reviewer, applicant, expert):
    for user, shown in ((reviewer, True), (applicant, True), (expert, False)):
        client = Client()
        client.force_login(user)
        nav = client.get("/").content.decode().split("</nav>")[0]
        assert ('data-testid="nav-dashboard"' in nav) is shown
