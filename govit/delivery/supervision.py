"""Supervision services: whether the rulebook requires a supervisor (Kaihua 第十一条: 200万元
以上; Gaoping 第十五条), engaging and filing the supervisor organisation, and its own users'
periodic reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from govit.core import audit
from govit.delivery import policies
from govit.delivery.errors import NotPermitted
from govit.delivery.models import SupervisionEngagement, SupervisionReport
from govit.delivery.services import _locked_project, evaluate
from govit.documents.models import Document, DocumentVersion
from govit.documents.services import document_attach
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.projects.models import Project


def supervision_decision(project: Project) -> Any:
    """The rulebook's decision whether a supervisor is required (Kaihua 第十一条: 200万以上)."""
    return evaluate(project).decisions.get("supervision_required")


@transaction.atomic
def supervision_engage(
    *,
    actor: User,
    project: Project,
    supervisor: Organisation,
    engaged_on: dt.date,
    fee: Decimal | None = None,
) -> SupervisionEngagement:
    """Engage the supervisor organisation; the project's fact ``supervision`` follows."""
    locked = _locked_project(project)
    if not policies.supervision_engage(actor, locked):
        raise NotPermitted(_("You cannot engage the supervisor of this project."))
    if supervisor.kind != Role.SUPERVISOR:
        raise ValidationError({"supervisor": _("Choose a supervisor organisation.")})
    if SupervisionEngagement.objects.filter(project=locked).exists():
        raise ValidationError({"supervisor": _("A supervisor is engaged already.")})
    engagement = SupervisionEngagement.objects.create(
        project=locked, supervisor=supervisor, engaged_on=engaged_on, fee=fee, recorded_by=actor
    )
    locked.supervision = True
    locked.save(update_fields=["supervision", "updated_at"])
    audit.record(
        actor=actor,
        action="delivery.supervision_engage",
        obj=engagement,
        after={"supervisor": supervisor.pk, "engaged_on": engaged_on, "fee": fee},
    )
    return engagement


@transaction.atomic
def supervision_file(
    *, actor: User, engagement: SupervisionEngagement, filed_on: dt.date
) -> SupervisionEngagement:
    """Record the filing of the supervisor with the competent department (Gaoping 第十五条)."""
    project = _locked_project(engagement.project)
    locked = SupervisionEngagement.objects.select_for_update().get(pk=engagement.pk)
    if not policies.supervision_file(actor, project):
        raise NotPermitted(_("You cannot file the supervisor of this project."))
    if filed_on < locked.engaged_on:
        raise ValidationError({"filed_on": _("The supervisor is filed after it is engaged.")})
    before = locked.filed_on
    locked.filed_on = filed_on
    locked.save(update_fields=["filed_on"])
    project.supervision_filed_on = filed_on
    project.save(update_fields=["supervision_filed_on", "updated_at"])
    audit.record(
        actor=actor,
        action="delivery.supervision_file",
        obj=locked,
        before={"filed_on": before},
        after={"filed_on": filed_on},
    )
    return locked


@transaction.atomic
def supervision_report(
    *,
    actor: User,
    engagement: SupervisionEngagement,
    kind: str,
    period_start: dt.date,
    period_end: dt.date,
    summary: str,
    document: Document | None = None,
    upload: UploadedFile | None = None,
) -> SupervisionReport:
    """The supervisor's users submit a periodic report (monthly, stage or acceptance opinion),
    pointing at a project document or with a file of their own (``upload``: it becomes a
    project document of type 监理报告, through the documents app's upload checks)."""
    locked = SupervisionEngagement.objects.select_for_update().get(pk=engagement.pk)
    if not policies.supervision_report(actor, locked):
        raise NotPermitted(_("Only the engaged supervisor submits supervision reports."))
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period ends after it starts.")})
    if document is not None and document.project_id != locked.project_id:
        raise ValidationError({"document": _("Choose a document of this project.")})
    if document is not None and upload is not None:
        raise ValidationError({"upload": _("Choose a document or upload a file, not both.")})
    if upload is not None:
        document = _attach(actor, locked, period_start, period_end, upload).document
    report = SupervisionReport(
        engagement=locked,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        summary=summary,
        document=document,
        submitted_by=actor,
    )
    report.full_clean()
    report.save()
    audit.record(
        actor=actor,
        action="delivery.supervision_report",
        obj=report,
        after={
            "kind": kind,
            "period_start": period_start,
            "period_end": period_end,
            "document": document.pk if document else None,
        },
    )
    return report


def _attach(
    actor: User,
    engagement: SupervisionEngagement,
    start: dt.date,
    end: dt.date,
    upload: UploadedFile,
    document: Document | None = None,
) -> DocumentVersion:
    try:
        return document_attach(
            actor=actor,
            project=engagement.project,
            type="supervision_report",
            title=_("Supervision report %(start)s to %(end)s")
            % {"start": start.isoformat(), "end": end.isoformat()},
            date=end,
            upload=upload,
            document=document,
        )
    except ValidationError as exc:
        # The upload checks speak of "file"; the supervisor's form calls it "upload".
        raise ValidationError({"upload": exc.message_dict.get("file", exc.messages)}) from None


@transaction.atomic
def supervision_report_attach(
    *, actor: User, report: SupervisionReport, upload: UploadedFile
) -> SupervisionReport:
    """The supervisor's users attach a file to their report: the report's document if it has
    none, else its next version."""
    locked = (
        SupervisionReport.objects.select_for_update(of=("self",))
        .select_related("engagement", "engagement__project", "document")
        .get(pk=report.pk)
    )
    if not policies.supervision_report(actor, locked.engagement):
        raise NotPermitted(_("Only the engaged supervisor submits supervision reports."))
    own = locked.document is None or (
        locked.document.created_by is not None
        and policies.supervisor_of(locked.document.created_by, locked.engagement)
    )
    if not own:
        raise ValidationError(
            {"upload": _("The report points at the project unit's document; submit a new report.")}
        )
    version = _attach(
        actor,
        locked.engagement,
        locked.period_start,
        locked.period_end,
        upload,
        document=locked.document,
    )
    if locked.document_id is None:
        locked.document = version.document
        locked.save(update_fields=["document"])
    audit.record(
        actor=actor,
        action="delivery.supervision_report_attach",
        obj=locked,
        after={"document": version.document_id, "version": version.number},
    )
    return locked
