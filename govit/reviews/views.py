"""Pages of the expert pool and reviews (thin: parse, call a service or selector, render)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govit.core.pages import CountedPaginator, kept_filters
from govit.core.permissions import permission
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.projects.selectors import visible_projects
from govit.reviews import exports, policies, selectors, services
from govit.reviews.errors import DrawError, NotAllowed
from govit.reviews.forms import AvailabilityForm, ReviewFilterForm, ReviewForm, ScoreForm
from govit.reviews.models import Review

# Reviews per page of the review list (newest first, as the API's pages).
LIST_PAGE_SIZE = 50


def actor_of(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _review(request: HttpRequest, pk: int) -> Review:
    review = selectors.review_get(actor=actor_of(request), pk=pk)
    if review is None:
        raise Http404
    return review


@login_required
@permission("reviews.expert_pool_read")
def expert_list(request: HttpRequest) -> HttpResponse:
    if not policies.expert_pool_read(actor_of(request)):
        raise PermissionDenied
    experts = selectors.expert_list(actor=actor_of(request))[:500]
    return render(request, "reviews/expert_list.html", {"experts": experts})


@login_required
@permission("reviews.expert_pool_read", "reviews.expert_update")
def expert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    expert = selectors.expert_get(actor=actor_of(request), pk=pk)
    if expert is None:
        raise Http404
    form = AvailabilityForm(
        request.POST or None,
        initial={
            "available": expert.available,
            "unavailable_reason": expert.unavailable_reason,
            "unavailable_until": expert.unavailable_until,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_update(
                actor=actor_of(request),
                expert=expert,
                available=form.cleaned_data["available"],
                unavailable_reason=form.cleaned_data["unavailable_reason"],
                unavailable_until=form.cleaned_data["unavailable_until"],
            )
        except (NotAllowed, ValueError) as error:
            form.add_error(None, str(error))
        else:
            return redirect("expert-detail", pk=expert.pk)
    return render(request, "reviews/expert_detail.html", {"expert": expert, "form": form})


@login_required
@permission("reviews.review_list")
def review_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not policies.review_list(actor):
        raise PermissionDenied
    code = request.GET.get("project", "").strip()
    if code and policies.review_create(actor):
        project = visible_projects(actor).filter(code=code).first()
        if project is not None:
            return redirect("review-create", project_pk=project.pk)
        messages.error(request, _("No project with this code."))
    form = ReviewFilterForm(request.GET or None)
    reviews = selectors.filter_reviews(
        selectors.review_list(actor=actor), form.filters(), timezone.localdate()
    )
    page = CountedPaginator(reviews, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "can_create": bool(policies.review_create(actor)),
        "form": form,
        "filtered": bool(form.filters()),
        "total": page.paginator.count,
        "reviews": page,
        "page": page,
        "query": kept_filters(request),
        "waiting": set(selectors.reviews_waiting_for(actor=actor).values_list("pk", flat=True)),
    }
    return render(request, "reviews/review_list.html", context)


@login_required
@permission("reviews.review_create")
def review_create(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = visible_projects(actor).filter(pk=project_pk).first()
    if project is None:
        raise Http404
    if not policies.review_create(actor):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_create(
                actor=actor,
                project=project,
                kind=form.cleaned_data["kind"],
                review_on=form.cleaned_data["review_on"],
                specialty_mix=form.mix(),
                reserve_count=form.cleaned_data["reserve_count"],
                outlier_distance=form.cleaned_data["outlier_distance"],
            )
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            return redirect("review-detail", pk=review.pk)
    return render(request, "reviews/review_form.html", {"form": form, "project": project})


@login_required
@permission("reviews.review_view")
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    review = _review(request, pk)
    seats = selectors.seats(review=review)
    own = next((s for s in seats if s.expert.user_id == actor.pk), None)
    competent = bool(policies.is_competent(actor))
    context: dict[str, object] = {
        "review": review,
        "seats": seats if competent else [],
        "own": own,
        "submitted": sum(1 for s in seats if not s.reserve and s.submitted_at),
        "drawn": sum(1 for s in seats if not s.reserve),
        "signoffs": list(review.signoffs.select_related("signed_by")),
        "signoff_complete": services.signoff_complete(review),
        "opinions": [] if review.is_sealed() else [s for s in seats if not s.reserve],
        "can_draw": competent and review.status == "open",
        "can_close": competent and review.status == "scored",
        "can_replace": competent and review.status == "drawn",
        "can_sign": bool(policies.signoff_sign(actor, review)) and review.status == "scored",
        "can_refuse": bool(policies.signoff_refuse(actor, review)) and review.status == "scored",
        "signoff_outcome": services.signoff_outcome(review),
        "tasks": selectors.review_tasks(review=review),
        "supplements": list(review.supplements.all()),
        "can_resubmit": bool(policies.supplement_resubmit(actor, review))
        and review.clock_paused_on is not None,
        "overdue": review.is_overdue(),
        "signer_roles": [
            (role, label)
            for role, label in Role.choices
            if role in policies.SIGNER_ROLES
            and role not in {entry.role for entry in review.signoffs.all()}
        ]
        if competent and review.kind == "joint" and review.status != "closed"
        else [],
    }
    return render(request, "reviews/review_detail.html", context)


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = actor_of(request)
    review = _review(request, pk)
    try:
        if action == "draw":
            services.review_draw(actor=actor, review=review)
            messages.success(request, _("The experts were drawn."))
        elif action == "replace":
            seat = review.assignments.filter(pk=request.POST.get("seat") or 0).first()
            if seat is None:
                raise Http404
            services.assignment_replace(
                actor=actor,
                review=review,
                expert=seat.expert,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("A reserve took the seat."))
        elif action == "close":
            services.review_close(actor=actor, review=review)
            messages.success(request, _("The review is closed."))
        else:
            services.signoff_sign(
                actor=actor,
                review=review,
                note=request.POST.get("note", ""),
                opinion=request.POST.get("opinion", ""),
            )
            messages.success(request, _("Signed."))
    except (NotAllowed, DrawError, ValueError) as error:
        messages.error(request, str(error))
    return redirect("review-detail", pk=review.pk)


@login_required
@require_POST
@permission("reviews.review_view", "reviews.review_draw")
def review_draw(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "draw")


@login_required
@require_POST
@permission("reviews.review_view", "reviews.assignment_replace")
def assignment_replace(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "replace")


@login_required
@require_POST
@permission("reviews.review_view", "reviews.review_close")
def review_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "close")


@login_required
@require_POST
@permission("reviews.review_view", "reviews.signoff_sign")
def review_sign(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "sign")


@login_required
@permission("reviews.review_view")
def review_opinion_docx(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    if review.is_sealed():
        raise Http404
    content = exports.opinion_docx(review, selectors.seats(review=review))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="review-{review.pk}.docx"'
    return response


@login_required
@permission("reviews.assignment_score")
def review_score(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    review = _review(request, pk)
    own = selectors.own_seat(actor=actor, review=review)
    if own is None or own.reserve:
        raise Http404
    form = ScoreForm(request.POST or None, criteria=review.criteria)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_score(
                actor=actor,
                review=review,
                scores=form.scores(),
                opinion=form.cleaned_data["opinion"],
            )
        except (NotAllowed, ValueError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your scores were submitted."))
            return redirect("review-detail", pk=review.pk)
    return render(request, "reviews/score_form.html", {"form": form, "review": review, "own": own})
