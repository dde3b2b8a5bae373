"""The acceptance meeting decides the step after an application, wherever the step is taken
(the acceptance pages, the generic lifecycle page or API): registered as a step guard of
``govit.projects.guards``.

- Into operation only with a passed meeting of the current application; a failed project
  cannot go into operation (it rectifies and applies again, which is a new application).
- Out of acceptance into rectification only with a failed meeting of the current application
  (Gaoping's 责令限期整改 from construction is not an acceptance result and is not guarded).

Each finding cites the rulebook's acceptance article (``meeting`` in its checklist file).
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from govit.acceptance import checklist
from govit.acceptance.choices import MeetingKind
from govit.acceptance.models import Meeting
from govit.policy.engine.results import Finding
from govit.projects.guards import CACHE_PREFIX
from govit.projects.models import Project, StateChange

RULE = "acceptance.meeting"
CACHE = CACHE_PREFIX + "acceptance_meeting"
_NONE = object()


def meeting_of_application(project: Project) -> Meeting | None:
    """The final meeting answering the project's last application for acceptance (one query,
    kept on the project object for the several steps of one page)."""
    cached = getattr(project, CACHE, _NONE)
    if cached is _NONE:
        application = (
            StateChange.objects.filter(project=OuterRef("project"), to_state="acceptance")
            .order_by("-at", "-id")
            .values("id")[:1]
        )
        cached = (
            Meeting.objects.filter(project=project, kind=MeetingKind.FINAL)
            .filter(application_id=Subquery(application))
            .order_by("-id")
            .first()
        )
        setattr(project, CACHE, cached)
    return cached  # type: ignore[return-value]


def _finding(project: Project, failed: bool, message: str) -> Finding:
    citations = checklist.meeting_citations(project.rulebook)
    cited = None if citations is None else (citations.failed if failed else citations.held)
    return Finding(
        rule=RULE,
        severity="block",
        article=cited.article if cited else "",
        quote=cited.quote if cited else "",
        message=message,
    )


def step_guard(project: Project, target: str) -> list[Finding]:
    if target == "operation":
        meeting = meeting_of_application(project)
        if meeting is None:
            return [
                _finding(
                    project,
                    False,
                    _(
                        "No acceptance meeting of this application is recorded: the project "
                        "cannot go into operation before it passes acceptance."
                    ),
                )
            ]
        if not meeting.passed:
            return [
                _finding(
                    project,
                    True,
                    _(
                        "The acceptance meeting failed: the project cannot go into operation; "
                        "it rectifies and applies for acceptance again."
                    ),
                )
            ]
        return []
    if target == "rectification" and project.state == "acceptance":
        meeting = meeting_of_application(project)
        if meeting is None:
            return [
                _finding(
                    project,
                    False,
                    _(
                        "No acceptance meeting of this application is recorded: record its "
                        "result before concluding the acceptance."
                    ),
                )
            ]
        if meeting.passed:
            return [
                _finding(
                    project,
                    False,
                    _(
                        "The acceptance meeting passed: the project goes into operation, "
                        "not into rectification."
                    ),
                )
            ]
    return []
