"""Models of performance targets, ex-ante, in-construction, self, post and comprehensive
evaluations, and the random draws of key projects."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from govit.evaluation.choices import Basis, Category, Grade, Kind, Nature, Subject


class PerformanceTarget(models.Model):
    """One third-level indicator of a project's 绩效目标表."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="performance_targets"
    )
    category = models.CharField(_("indicator"), max_length=20, choices=Category.choices)
    name = models.CharField(_("indicator name"), max_length=200)
    nature = models.CharField(_("nature"), max_length=12, choices=Nature.choices)
    target_value = models.DecimalField(
        _("target value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_text = models.CharField(_("target (qualitative)"), max_length=200, blank=True)
    unit = models.CharField(_("unit of measure"), max_length=30, blank=True)
    basis = models.CharField(_("basis"), max_length=12, choices=Basis.choices)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["project", "position", "id"]
        verbose_name = _("performance target")
        verbose_name_plural = _("performance targets")

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    """An evaluation of a project (or, in a comprehensive assessment, of one party to it)."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="evaluations"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject = models.CharField(
        _("subject"), max_length=20, choices=Subject.choices, default=Subject.PROJECT
    )
    subject_org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation evaluated"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    conducted_on = models.DateField(_("conducted on"))
    evaluator = models.CharField(_("evaluator"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    total = models.DecimalField(
        _("total score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices, blank=True)
    article = models.CharField(_("article"), max_length=30, blank=True)
    quote = models.TextField(_("quote"), blank=True)
    draw = models.ForeignKey(
        "evaluation.SamplingDraw", null=True, blank=True, on_delete=models.PROTECT
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-conducted_on", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.conducted_on}"


class IndicatorResult(models.Model):
    """The actual value of one indicator in an evaluation, its score and any deviation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    target = models.ForeignKey(PerformanceTarget, on_delete=models.PROTECT, related_name="+")
    actual_value = models.DecimalField(
        _("actual value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    actual_text = models.CharField(_("actual (qualitative)"), max_length=200, blank=True)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    deviation_reason = models.TextField(_("reason for the deviation and remedy"), blank=True)

    class Meta:
        ordering = ["evaluation", "target__position", "target_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "target"], name="evaluation_result_once")
        ]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.score}"


class SamplingDraw(models.Model):
    """A seeded random draw of key projects for evaluation (Kaihua 第十四条): the seed and the
    candidate list are kept so that the draw can be replayed."""

    rulebook = models.CharField(_("rulebook"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"))
    seed = models.CharField(_("seed"), max_length=64)
    size = models.PositiveSmallIntegerField(_("number drawn"))
    candidates = models.JSONField(_("candidates"))
    chosen = models.JSONField(_("chosen"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-drawn_at", "-id"]
        verbose_name = _("random draw")
        verbose_name_plural = _("random draws")

    def __str__(self) -> str:
        return f"{self.year} #{self.pk}"
