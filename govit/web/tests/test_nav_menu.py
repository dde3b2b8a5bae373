"""The menu bar: the menus a user's roles open, rendered once per language and set of menus."""

from __future__ import annotations

from unittest import mock

import pytest
from django.template import Context
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from govit.orgs.models import User
from govit.web.templatetags import govit_web

pytestmark = pytest.mark.django_db


def _menu(user: User) -> str:
    client = Client()
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    start = page.index('<ul class="navbar-nav me-auto">')
    return page[start : page.index(reverse("organisation-list"), start)]


def test_each_role_gets_its_own_menus(reviewer: User, applicant: User, vendor: User) -> None:
    official, clerk, supplier = _menu(reviewer), _menu(applicant), _menu(vendor)
    assert reverse("review-list") in official
    assert reverse("dashboard") in official
    assert reverse("planning-plans") in official
    assert reverse("planning-plans") not in clerk  # the annual plans are the oversight's
    assert reverse("dashboard") in clerk
    assert reverse("review-list") in clerk
    for link in ("review-list", "dashboard", "system-list", "report-vendors"):
        assert reverse(link) not in supplier


def test_the_menu_is_rendered_once_per_language_and_set_of_menus(reviewer: User) -> None:
    govit_web._menus.clear()
    flags = dict.fromkeys(govit_web.NAV_FLAGS, True)
    context, fewer_menus = Context(flags), Context({**flags, "NAV_REVIEWS": False})
    with mock.patch(
        "govit.web.templatetags.govit_web.render_to_string", wraps=render_to_string
    ) as rendered:
        with translation.override("zh-hans"):
            chinese = govit_web.nav_menu(context)
            assert govit_web.nav_menu(context) == chinese
        with translation.override("en"):
            english = govit_web.nav_menu(context)
        with translation.override("en"):
            fewer = govit_web.nav_menu(fewer_menus)
    assert rendered.call_count == 3
    assert "Reviews" in english
    assert "Reviews" not in fewer
    assert "评审" in chinese
