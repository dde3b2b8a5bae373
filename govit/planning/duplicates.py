"""Duplicate-construction check (重复建设): how alike an application or project is to every
project in the library and every system in the catalogue.

Chinese has no spaces between words, so texts are compared by character bigrams, weighted by
TF-IDF (a bigram many texts share says little) and scored by cosine similarity. An inverted
index over the bigrams is built once per process from the database and rebuilt when the
library or the catalogue changes (checked at most every ``REFRESH_SECONDS``; the library
services invalidate it on commit). A query walks the postings of its rarest bigrams first,
within a budget of postings, to find candidates, then scores the best candidates exactly.

Other apps call ``similar_to_text`` (an application's name, goals, functions and data) or
``similar_to_project``.
"""

from __future__ import annotations

import heapq
import math
import re
import threading
import time
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Max

from govit.systems.similarity import shared_phrases

if TYPE_CHECKING:
    from govit.orgs.models import User
    from govit.projects.models import Project

PROJECT = "project"
SYSTEM = "system"
# How often a process asks the database whether the library or the catalogue changed.
REFRESH_SECONDS = 30.0
# Postings walked to find candidates (rarest bigrams first), and candidates scored exactly.
POSTINGS_BUDGET = 40_000
CANDIDATES = 60
# Matches below this score are noise and are not shown.
MIN_SHOWN = 0.15
_NOT_TEXT = re.compile(r"[\s\W_]+", re.UNICODE)


def bigrams(text: str) -> set[str]:
    """The character bigrams of ``text``; punctuation and spaces split runs, a one-character
    run counts as itself."""
    found: set[str] = set()
    for run in _NOT_TEXT.split(text.lower()):
        if len(run) == 1:
            found.add(run)
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


@dataclass
class Index:
    """An inverted index of bigram ids to the documents holding them, with IDF weights."""

    keys: list[tuple[str, int]] = field(default_factory=list)
    vocabulary: dict[str, int] = field(default_factory=dict)
    postings: list[array[int]] = field(default_factory=list)
    doc_grams: list[array[int]] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    norms: list[float] = field(default_factory=list)
    stamp: Any = None

    @classmethod
    def build(cls, documents: Iterable[tuple[tuple[str, int], str]], stamp: Any = None) -> Index:
        """Index ``(key, text)`` pairs; a key is ``(kind, id)``."""
        index = cls(stamp=stamp)
        vocabulary = index.vocabulary
        lists: list[list[int]] = []
        for number, (key, text) in enumerate(documents):
            ids = array("I")
            for gram in bigrams(text):
                gid = vocabulary.get(gram)
                if gid is None:
                    gid = vocabulary[gram] = len(lists)
                    lists.append([])
                lists[gid].append(number)
                ids.append(gid)
            index.keys.append(key)
            index.doc_grams.append(ids)
        count = len(index.keys)
        index.postings = [array("I", docs) for docs in lists]
        index.weights = [(math.log((count + 1) / (len(docs) + 1)) + 1) ** 2 for docs in lists]
        weights = index.weights
        index.norms = [math.sqrt(sum(weights[g] for g in ids)) or 1.0 for ids in index.doc_grams]
        return index

    def unknown_weight(self) -> float:
        """The weight of a bigram no document holds (the rarest possible)."""
        return (math.log(len(self.keys) + 1) + 1) ** 2

    def query(
        self, text: str, *, limit: int = 10, exclude: frozenset[tuple[str, int]] = frozenset()
    ) -> list[tuple[tuple[str, int], float, set[str]]]:
        """The ``limit`` most similar documents: key, cosine score, shared bigrams."""
        grams = bigrams(text)
        if not grams or not self.keys:
            return []
        known = [(self.vocabulary[g], g) for g in grams if g in self.vocabulary]
        unknown = len(grams) - len(known)
        weights, postings = self.weights, self.postings
        total = sum(weights[gid] for gid, _g in known) + unknown * self.unknown_weight()
        query_norm = math.sqrt(total)
        known.sort(key=lambda pair: len(postings[pair[0]]))
        scores: dict[int, float] = {}
        get = scores.get
        spent = 0
        for gid, _gram in known:
            docs = postings[gid]
            if spent and spent + len(docs) > POSTINGS_BUDGET:
                break
            spent += len(docs)
            weight = weights[gid]
            for doc in docs:
                scores[doc] = get(doc, 0.0) + weight
        candidates = heapq.nlargest(CANDIDATES + len(exclude), scores.items(), key=itemgetter(1))
        wanted = dict(known)
        results = []
        for doc, _partial in candidates:
            key = self.keys[doc]
            if key in exclude:
                continue
            shared = [g for g in self.doc_grams[doc] if g in wanted]
            score = sum(weights[g] for g in shared) / (query_norm * self.norms[doc])
            results.append((key, score, {wanted[g] for g in shared}))
        results.sort(key=lambda item: (-item[1], item[0]))
        return results[:limit]


@dataclass(frozen=True)
class Match:
    """A similar library project or catalogue system, with the phrases both texts share."""

    kind: str
    id: int
    code: str
    name: str
    unit: str
    score: float
    phrases: list[str]
    warning: bool

    @property
    def percent(self) -> int:
        return round(self.score * 100)


@dataclass(frozen=True)
class Report:
    """The check's answer: the matches the actor may see and how many others there are."""

    matches: list[Match]
    threshold: float
    hidden: int
    indexed: int

    @property
    def warning(self) -> bool:
        return any(match.warning for match in self.matches)


_lock = threading.Lock()
_index: Index | None = None
_checked_at = 0.0


def invalidate() -> None:
    """Forget the index: the next check rebuilds it (the library or the catalogue changed)."""
    global _index
    with _lock:
        _index = None


def _stamp() -> tuple[Any, ...]:
    from govit.planning.models.plans import LibraryEntry
    from govit.systems.models import System

    library = LibraryEntry.objects.aggregate(
        n=Count("id"), at=Max("updated_at"), project_at=Max("project__updated_at")
    )
    systems = System.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    return (library["n"], library["at"], library["project_at"], systems["n"], systems["at"])


def project_text(name: str, description: str, systems: Sequence[str] = ()) -> str:
    """The text of a project the check compares: its name, content and its systems."""
    return "\n".join([name, name, description, *systems])


def _documents() -> Iterable[tuple[tuple[str, int], str]]:
    from govit.planning.models.plans import LibraryEntry, LibraryStatus
    from govit.projects.models import System as ProjectSystem
    from govit.systems.choices import SystemStatus
    from govit.systems.models import System

    entries = LibraryEntry.objects.exclude(status=LibraryStatus.WITHDRAWN)
    systems: dict[int, list[str]] = {}
    for project_id, name in ProjectSystem.objects.filter(
        project__library_entry__in=entries
    ).values_list("project_id", "name"):
        systems.setdefault(project_id, []).append(name)
    rows = entries.values_list("project_id", "project__name", "project__description")
    for project_id, name, description in rows.iterator(chunk_size=2000):
        yield (PROJECT, project_id), project_text(name, description, systems.get(project_id, ()))
    live = System.objects.exclude(status__in=[SystemStatus.CLOSED, SystemStatus.MIGRATED])
    for system_id, name, purpose in live.values_list("id", "name", "purpose").iterator(
        chunk_size=2000
    ):
        yield (SYSTEM, system_id), f"{name}\n{name}\n{purpose}"


def current_index() -> Index:
    """The process's index, rebuilt when the library or the catalogue has changed."""
    global _index, _checked_at
    with _lock:
        now = time.monotonic()
        if _index is not None and now - _checked_at < REFRESH_SECONDS:
            return _index
        stamp = _stamp()
        _checked_at = now
        if _index is None or _index.stamp != stamp:
            _index = Index.build(_documents(), stamp=stamp)
        return _index


def threshold() -> float:
    """The score from which a match raises a warning (GOVIT_DUPLICATE_THRESHOLD, percent)."""
    return float(settings.GOVIT_DUPLICATE_THRESHOLD) / 100


def _describe(
    found: list[tuple[tuple[str, int], float, set[str]]], text: str, actor: User | None
) -> tuple[list[Match], int]:
    from govit.projects.models import Project
    from govit.projects.selectors import visible_projects
    from govit.systems.models import System
    from govit.systems.selectors import system_list

    project_ids = [key[1] for key, _s, _g in found if key[0] == PROJECT]
    system_ids = [key[1] for key, _s, _g in found if key[0] == SYSTEM]
    projects = Project.objects.filter(id__in=project_ids)
    systems = System.objects.filter(id__in=system_ids)
    if actor is not None:
        projects = visible_projects(actor).filter(id__in=project_ids)
        systems = system_list(actor=actor).filter(id__in=system_ids)
    rows: dict[tuple[str, int], tuple[str, str, str]] = {}
    for pk, code, name, unit in projects.values_list("id", "code", "name", "unit__name"):
        rows[(PROJECT, pk)] = (code, name, unit)
    for pk, code, name, unit in systems.values_list("id", "code", "name", "unit__name"):
        rows[(SYSTEM, pk)] = (code, name, unit)
    limit = threshold()
    matches, hidden = [], 0
    for key, score, shared in found:
        if key not in rows:
            hidden += 1
            continue
        code, name, unit = rows[key]
        matches.append(
            Match(
                kind=key[0],
                id=key[1],
                code=code,
                name=name,
                unit=unit,
                score=round(score, 3),
                phrases=shared_phrases(text, shared),
                warning=score >= limit,
            )
        )
    return matches, hidden


def similar_to_text(
    text: str,
    *,
    actor: User | None = None,
    exclude_project_id: int | None = None,
    limit: int = 10,
) -> Report:
    """The library projects and catalogue systems most like ``text``; with ``actor``, those
    the actor may not see are counted in ``hidden`` instead of listed."""
    index = current_index()
    exclude = frozenset({(PROJECT, exclude_project_id)}) if exclude_project_id else frozenset()
    found = [
        item for item in index.query(text, limit=limit, exclude=exclude) if item[1] >= MIN_SHOWN
    ]
    matches, hidden = _describe(found, text, actor)
    return Report(matches=matches, threshold=threshold(), hidden=hidden, indexed=len(index.keys))


def similar_to_project(project: Project, *, actor: User | None = None, limit: int = 10) -> Report:
    """The check for a project: its name, construction content and systems."""
    systems = [system.name for system in project.systems.all()]
    text = project_text(project.name, project.description, systems)
    return similar_to_text(text, actor=actor, exclude_project_id=project.pk, limit=limit)
