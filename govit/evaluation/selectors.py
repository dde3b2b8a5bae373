"""Read queries of the evaluation app, scoped to the actor through the project."""

from __future__ import annotations

from django.db.models import QuerySet

from govit.evaluation import policies
from govit.evaluation.models import Evaluation, SamplingDraw
from govit.orgs.models import User
from govit.projects.models import Project
from govit.projects.policies import acting_unit_ids
from govit.projects.selectors import visible_projects, visible_to


def evaluation_project(*, actor: User, pk: int) -> Project | None:
    """A project whose evaluations the actor may read, or None (answered as 404)."""
    project = visible_projects(actor).select_related("unit").filter(pk=pk).first()
    if project is None or not policies.evaluation_view(actor, project):
        return None
    return project


def visible_evaluations(actor: User) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(visible_to(actor)).select_related(
        "project", "project__unit", "subject_org"
    )


def evaluation_of(*, actor: User, pk: int) -> Evaluation | None:
    return visible_evaluations(actor).filter(pk=pk).first()


def project_evaluations(project: Project) -> QuerySet[Evaluation]:
    return project.evaluations.select_related("subject_org").prefetch_related("results__target")


def draws(actor: User) -> QuerySet[SamplingDraw]:
    """The draws are public to whoever evaluates; a unit sees none."""
    if not policies.sampling_draw(actor):
        return SamplingDraw.objects.none()
    return SamplingDraw.objects.all()


def projects_to_self_evaluate(actor: User) -> QuerySet[Project]:
    """The actor's unit's projects in operation without a self-evaluation."""
    return (
        visible_projects(actor)
        .filter(state="operation", self_evaluated_on__isnull=True)
        .filter(unit_id__in=acting_unit_ids(actor))
    )
