"""Shared helpers of the library and plan pages: run a service from a form, map its errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govit.orgs.models import User
from govit.projects.errors import ProjectError

FORM_TEMPLATE = "planning/plans/form.html"


def actor_of(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's validation errors on the form's fields (or on the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


def add_refusal(form: forms.BaseForm, exc: ProjectError) -> None:
    """A refused step: its reason, and each problem with its article."""
    if exc.status == 403:
        raise PermissionDenied(exc.detail)
    form.add_error(None, exc.detail)
    for problem in exc.problems:
        article = f"（{problem.article}）" if problem.article else ""
        form.add_error(None, f"{problem.message}{article}")


def form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    call: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], str],
    success: str,
    title: str,
    back: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET shows the form; a valid POST calls the service and redirects to ``done(result)``;
    a refused or invalid POST shows the form again with the reasons (status 400)."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except ProjectError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, success)
            return redirect(done(result))
    return render(
        request,
        FORM_TEMPLATE,
        {"form": form, "title": title, "back": back, **(context or {})},
        status=400 if request.method == "POST" else 200,
    )


def post_action(
    request: HttpRequest, *, call: Callable[[], Any], success: str, back: str
) -> HttpResponse:
    """A button that calls a service: a message either way, back to the page."""
    try:
        call()
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    except ProjectError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.detail) from None
        messages.error(request, exc.detail)
    else:
        messages.success(request, success)
    return redirect(back)
