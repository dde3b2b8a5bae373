"""Writes of applications: start one, save its chapters, submit it through the project's
lifecycle and withdraw it (撤回) before the review starts; and the assessment a unit sees
before it submits (the call window, the chapters, and the engine's findings for the step).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.orgs.models import Organisation, User
from govit.planning import calls, policies
from govit.planning.calls import Check
from govit.planning.chapters import form_of
from govit.planning.errors_cycles import (
    ApplicationRefused,
    NotPermitted,
    Problem,
    TransitionUnavailable,
    WarningsNotAcknowledged,
)
from govit.planning.models.cycles import Application, CallTiming, PlanningCycle
from govit.policy import loader
from govit.policy.schema import Transition
from govit.projects.models import Project
from govit.projects.services import check_steps, project_create, project_transition, project_update

MAX_CHAPTER = 20000


def submit_step(project: Project) -> Transition | None:
    """The unit's step from the project's state into ``submitted`` (申报 or 补正后重新报送)."""
    for step in loader.get(project.rulebook).transitions_from(project.state):
        if step.to == "submitted" and "unit" in step.roles:
            return step
    return None


@dataclass
class Assessment:
    """Everything that stands between the application and its submission, each with its
    article: blocks stop it, warnings need acknowledging, infos explain a route."""

    checks: list[Check] = field(default_factory=list)
    step: Transition | None = None

    @property
    def blocking(self) -> list[Check]:
        return [c for c in self.checks if c.severity == "block"]

    @property
    def warnings(self) -> list[Check]:
        return [c for c in self.checks if c.severity == "warn"]

    @property
    def infos(self) -> list[Check]:
        return [c for c in self.checks if c.severity == "info"]

    @property
    def ready(self) -> bool:
        return self.step is not None and not self.blocking


def application_assess(*, actor: User, application: Application) -> Assessment:
    """What the call, the form and the rulebook's rules say about submitting now."""
    project = application.project
    step = submit_step(project)
    if step is None:
        return Assessment(
            [
                Check(
                    "info",
                    _("The application is %(state)s: there is nothing to submit.")
                    % {"state": project.get_state_display()},
                )
            ]
        )
    today = timezone.localdate()
    emergency = project.emergency is True
    checks = calls.window_checks(application.cycle, emergency=emergency, today=today)
    checks += calls.kind_check(application)
    checks += calls.chapter_checks(application)
    for verdict in check_steps(actor=actor, project=project):
        if verdict.transition.name == step.name:
            checks += [Check.of(f) for f in verdict.blocking]
            checks += [Check.of(f) for f in verdict.warnings]
    return Assessment(checks, step)


def _clean_chapters(application: Application, values: Mapping[str, str]) -> dict[str, str]:
    form = form_of(application.cycle.rulebook, application.form)
    known = {c.key for c in form.chapters} if form else set()
    errors = {}
    cleaned: dict[str, str] = {}
    for key, value in values.items():
        if key not in known:
            errors[f"chapters.{key}"] = _("The form has no such chapter.")
        elif not isinstance(value, str):
            errors[f"chapters.{key}"] = _("Give the chapter as text.")
        elif len(value) > MAX_CHAPTER:
            errors[f"chapters.{key}"] = _("Keep a chapter under %(n)d characters.") % {
                "n": MAX_CHAPTER
            }
        elif value.strip():
            cleaned[key] = value.strip()
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def application_create(
    *,
    actor: User,
    cycle: PlanningCycle,
    form: str,
    project: Project | None = None,
    unit: Organisation | None = None,
    name: str = "",
    co_units: Iterable[Organisation] = (),
) -> Application:
    """Start an application in an open cycle: for a draft project of the unit, or a new one
    (``unit`` and ``name``); the project's plan year becomes the cycle's."""
    cycle = PlanningCycle.objects.select_for_update().get(pk=cycle.pk)
    target = project if project is not None else unit
    if target is None or not policies.application_create(actor, target):
        raise NotPermitted(_("Only a clerk of the project unit can apply for its projects."))
    if not cycle.accepts_applications:
        raise ApplicationRefused(
            _("The call for %(year)s is not open.") % {"year": cycle.plan_year},
            [Problem(message=_("Applications are taken while the call is open."), field="cycle")],
        )
    if form_of(cycle.rulebook, form) is None:
        raise ValidationError({"form": _("Choose one of the rulebook's forms.")})
    if project is None:
        if not name.strip():
            raise ValidationError({"name": _("Give the project a name.")})
        assert unit is not None
        project = project_create(
            actor=actor, unit=unit, name=name.strip(), facts={"plan_year": cycle.plan_year}
        )
        co_units = list(co_units)
        if co_units:
            # project_create cannot audit co-building units (its snapshot holds the objects);
            # the update records them by id.
            project = project_update(actor=actor, project=project, co_units=co_units)
    else:
        project = Project.objects.select_for_update().get(pk=project.pk)
        if project.state != "draft":
            raise ValidationError({"project": _("Only a draft project can be applied for.")})
        if Application.objects.filter(project=project).exists():
            raise ValidationError({"project": _("This project already has an application.")})
        if project.rulebook != cycle.rulebook:
            raise ValidationError({"project": _("The project is under another rulebook.")})
        if project.plan_year not in (None, cycle.plan_year):
            raise ValidationError(
                {"project": _("The project is planned for %(year)s.") % {"year": project.plan_year}}
            )
        if project.plan_year is None:
            project = project_update(
                actor=actor, project=project, facts={"plan_year": cycle.plan_year}
            )
    application = Application.objects.create(
        cycle=cycle, project=project, form=form, created_by=actor
    )
    audit.record(
        actor=actor,
        action="planning.application.create",
        obj=application,
        after={"cycle": cycle.pk, "project": project.pk, "form": form},
    )
    return application


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("cycle", "project", "project__unit")
        .get(pk=application.pk)
    )


@transaction.atomic
def application_save(
    *,
    actor: User,
    application: Application,
    chapters: Mapping[str, str],
    form: str | None = None,
) -> Application:
    """Save the draft: the chapters given replace the stored ones (empty ones are dropped)."""
    locked = _locked(application)
    if not policies.application_save(actor, locked):
        raise NotPermitted(_("This application cannot be edited by you in its present state."))
    if form is not None and form_of(locked.cycle.rulebook, form) is None:
        raise ValidationError({"form": _("Choose one of the rulebook's forms.")})
    before = {"form": locked.form, "chapters": sorted(locked.chapters)}
    if form is not None:
        locked.form = form
    locked.chapters = _clean_chapters(locked, chapters)
    locked.save(update_fields=["form", "chapters", "updated_at"])
    audit.record(
        actor=actor,
        action="planning.application.save",
        obj=locked,
        before=before,
        after={"form": locked.form, "chapters": sorted(locked.chapters)},
    )
    return locked


def _problem(check: Check, field_name: str = "") -> Problem:
    return Problem(
        message=check.message,
        field=field_name or check.field,
        article=check.article,
        quote=check.quote,
        rule=check.rule,
    )


@transaction.atomic
def application_submit(
    *, actor: User, application: Application, acknowledge_warnings: bool = False
) -> Application:
    """Submit through the project's lifecycle step, once the call, the chapters and the rules
    allow it; a late one is marked late."""
    locked = _locked(application)
    if not policies.application_submit(actor, locked):
        raise NotPermitted(_("Only a clerk of the project unit can submit its application."))
    step = submit_step(locked.project)
    if step is None:
        raise TransitionUnavailable(
            _("The application is %(state)s: there is nothing to submit.")
            % {"state": locked.project.get_state_display()}
        )
    today = timezone.localdate()
    own = calls.window_checks(locked.cycle, emergency=locked.project.emergency is True, today=today)
    own += calls.kind_check(locked) + calls.chapter_checks(locked)
    blocking = [c for c in own if c.severity == "block"]
    if blocking:
        raise ApplicationRefused(
            _("The application cannot be submitted yet."), [_problem(c) for c in blocking]
        )
    warnings = [c for c in own if c.severity == "warn"]
    if warnings and not acknowledge_warnings:
        raise WarningsNotAcknowledged(
            _("Submitting needs you to acknowledge the warnings first."),
            [_problem(c, "acknowledge_warnings") for c in warnings],
        )
    # The project's step runs the rulebook's rules (quota, deadline, documents) and refuses
    # with their findings; it writes the project's history and its own audit event.
    project_transition(
        actor=actor,
        project=locked.project,
        name=step.name,
        acknowledge_warnings=acknowledge_warnings,
    )
    locked.project.refresh_from_db()
    locked.late = locked.cycle.timing(today) == CallTiming.LATE
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["late", "submitted_at", "updated_at"])
    audit.record(
        actor=actor,
        action="planning.application.submit",
        obj=locked,
        after={
            "step": step.name,
            "late": locked.late,
            "acknowledged": [c.as_dict() for c in warnings],
        },
    )
    return locked


@transaction.atomic
def application_withdraw(*, actor: User, application: Application, reason: str = "") -> Application:
    """Take a submitted application back (撤回) before the review starts: the project
    returns to draft and no longer counts against the unit's quota."""
    locked = _locked(application)
    if not policies.application_withdraw(actor, locked):
        raise NotPermitted(_("Only a clerk of the project unit can withdraw its application."))
    if locked.project.state != "submitted":
        raise TransitionUnavailable(
            _("Only a submitted application can be withdrawn, before the review starts."),
            [Problem(message=_("The review has started or the application is a draft."))],
        )
    # Warnings about a draft (a deadline, a quota) are no objection to taking it back.
    project_transition(
        actor=actor,
        project=locked.project,
        name="withdraw",
        note=reason,
        acknowledge_warnings=True,
    )
    locked.project.refresh_from_db()
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["withdrawn_at", "updated_at"])
    audit.record(
        actor=actor, action="planning.application.withdraw", obj=locked, after={"reason": reason}
    )
    return locked
