"""Template context every page needs: the deployment's rulebook."""

from __future__ import annotations

from django.http import HttpRequest

from govit.policy import loader


def govit(request: HttpRequest) -> dict[str, object]:
    return {"GOVIT_RULEBOOK": loader.active()}
