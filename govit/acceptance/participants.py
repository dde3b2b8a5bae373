"""Participants of a meeting as given by a form or the API, and their rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from govit.acceptance.choices import ParticipantKind
from govit.acceptance.models import Meeting, Participant
from govit.orgs.models import Organisation


@dataclass(frozen=True)
class ParticipantLine:
    """One participant: an organisation (by id), an expert or a person with an affiliation."""

    kind: str
    name: str = ""
    organisation_id: int | None = None
    affiliation: str = ""


def parse_people(text: str, kind: str) -> list[ParticipantLine]:
    """Lines of "name, affiliation" (a Chinese comma works too) as participants."""
    lines = []
    for raw in text.splitlines():
        raw = raw.strip()
        if not raw:
            continue
        name, _sep, affiliation = raw.replace("，", ",").partition(",")
        lines.append(ParticipantLine(kind=kind, name=name.strip(), affiliation=affiliation.strip()))
    return lines


def add_participants(meeting: Meeting, lines: Sequence[ParticipantLine]) -> list[Participant]:
    """Validate and store the participants (at least one) of ``meeting``."""
    if not lines:
        raise ValidationError({"participants": _("Name at least one participant.")})
    ids = {line.organisation_id for line in lines if line.organisation_id is not None}
    organisations = Organisation.objects.in_bulk(ids)
    rows = []
    for line in lines:
        if line.kind not in ParticipantKind.values:
            raise ValidationError({"participants": _("Unknown kind of participant.")})
        organisation = None
        name = line.name.strip()
        if line.kind == ParticipantKind.ORGANISATION:
            organisation = organisations.get(line.organisation_id or 0)
            if organisation is None:
                raise ValidationError({"participants": _("Unknown organisation.")})
            name = name or organisation.name
        if not name:
            raise ValidationError({"participants": _("Every participant needs a name.")})
        rows.append(
            Participant(
                meeting=meeting,
                kind=line.kind,
                name=name[:200],
                organisation=organisation,
                affiliation=line.affiliation[:200],
            )
        )
    return Participant.objects.bulk_create(rows)
