"""The documents the reports app prints: the application summary (申报表) of a project and the
review opinion (评审意见), as ``Doc`` descriptions rendered to docx and PDF."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core.money import format_wan
from govit.policy.vocabulary import label, labels
from govit.projects.models import Project
from govit.reports.documents import Doc, Facts, Heading, Paragraph, Table


def _printed() -> str:
    return _("Printed by govit on %(day)s.") % {"day": timezone.localdate().isoformat()}


def project_doc(project: Project) -> Doc:
    """The application summary: the project's facts, its budget and its documents."""
    doc = Doc(
        title=_("Application form of a government IT project"),
        subtitle=f"{project.code} · {project.name}",
        footer=_printed(),
    )
    co_units = "、".join(unit.name for unit in project.co_units.all())
    doc.add(
        Heading(_("Basic facts")),
        Facts(
            [
                (_("Project name"), project.name),
                (_("Project unit"), project.unit.name),
                (_("Co-building units"), co_units or "—"),
                (_("Plan year"), str(project.plan_year or "—")),
                (_("Project type"), label(project.kind) if project.kind else "—"),
                (_("State"), label(project.state)),
                (_("Total investment"), format_wan(project.investment)),
                (_("Funding sources"), labels(project.funding_sources or []) or "—"),
            ]
        ),
        Heading(_("Construction content")),
        Paragraph(project.description or "—"),
    )
    items = list(project.budget_items.all())
    if items:
        doc.add(
            Heading(_("Investment estimate")),
            Table(
                [_("Item"), _("Category"), _("Amount")],
                [[item.name, label(item.category), format_wan(item.amount)] for item in items],
            ),
        )
    documents = list(project.documents.all())
    if documents:
        doc.add(
            Heading(_("Attached documents")),
            Table(
                [_("Document"), _("Type")],
                [[document.title, label(document.type)] for document in documents],
            ),
        )
    return doc


def review_doc(review: object, seats: list[object]) -> Doc:
    """The aggregated scores and each expert's opinion, without the experts' names."""
    from govit.reviews.models import Assignment, Review

    assert isinstance(review, Review)
    result = review.result or {}
    doc = Doc(
        title=_("Review opinion"),
        subtitle=f"{review.project.name} · {review.get_kind_display()}",
        footer=_printed(),
    )
    doc.add(
        Facts(
            [
                (_("Project"), f"{review.project.code} · {review.project.name}"),
                (_("Project unit"), review.project.unit.name),
                (_("Review date"), f"{review.review_on:%Y-%m-%d}"),
            ]
        ),
        Heading(_("Scores")),
        Table(
            [_("Criterion"), _("Mean")],
            [
                [c["label"], str(result.get("per_criterion", {}).get(c["id"], ""))]
                for c in review.criteria
            ]
            + [[_("Total"), str(result.get("total", ""))]],
        ),
    )
    opinions = [
        seat.opinion
        for seat in seats
        if isinstance(seat, Assignment) and not seat.reserve and seat.opinion
    ]
    if opinions:
        doc.add(Heading(_("Opinions")), *(Paragraph(text) for text in opinions))
    return doc


def evaluation_doc(evaluation: object) -> Doc:
    """The evaluation report: the form's head, the indicator rows, the total and the grade."""
    from govit.evaluation import exports
    from govit.evaluation.models import Evaluation

    assert isinstance(evaluation, Evaluation)
    doc = Doc(
        title=_("Performance evaluation report"),
        subtitle=f"{evaluation.project.name} · {evaluation.get_kind_display()}",
        footer=_printed(),
    )
    return doc.add(
        Facts(exports.head_rows(evaluation)),
        Heading(_("Indicators")),
        Table(exports.headers(), exports.indicator_rows(evaluation)),
        Facts(exports.tail_rows(evaluation)),
    )


def acceptance_doc(meeting: object) -> Doc:
    """The acceptance report of one meeting: the project, the meeting, who took part, the
    opinion and, for a failure, the rectification period."""
    from govit.acceptance import checklist
    from govit.acceptance.models import Evidence, Meeting

    assert isinstance(meeting, Meeting)
    project = meeting.project
    items = {item.key: item.label for item in checklist.for_rulebook(project.rulebook)}
    doc = Doc(
        title=_("Acceptance report"),
        subtitle=f"{project.code} · {project.name}",
        footer=_printed(),
    )
    facts = [
        (_("Project unit"), project.unit.name),
        (_("Meeting"), f"{meeting.get_kind_display()} · {meeting.round}"),
        (_("Held on"), meeting.held_on.isoformat()),
        (_("Result"), str(meeting.get_result_display())),
    ]
    if meeting.rectification_due_on:
        facts.append((_("Rectify by"), meeting.rectification_due_on.isoformat()))
    doc.add(Facts(facts))
    participants = list(meeting.participants.select_related("organisation"))
    if participants:
        doc.add(
            Heading(_("Participants")),
            Table(
                [_("Name"), _("Role"), _("Affiliation")],
                [[p.name, str(p.get_kind_display()), p.affiliation or "—"] for p in participants],
            ),
        )
    evidence = list(Evidence.objects.filter(project=project).select_related("document"))
    if evidence:
        doc.add(
            Heading(_("Prerequisites and their evidence")),
            Table(
                [_("Prerequisite"), _("Document"), _("Note")],
                [
                    [
                        items.get(e.item, e.item),
                        e.document.title if e.document else "—",
                        e.note or "—",
                    ]
                    for e in evidence
                ],
            ),
        )
    return doc.add(Heading(_("Opinion")), Paragraph(meeting.opinion or "—"))
