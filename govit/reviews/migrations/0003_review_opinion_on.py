import django.db.models
from django.db import migrations


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Reviews that already have their opinion get its day: the consultation's day, else the
    day of the audit event that closed the review (an agency's task event for a third-party
    review, the approval of the 初审 task), else the review date."""
    Review = apps.get_model("reviews", "Review")
    ReviewTask = apps.get_model("reviews", "ReviewTask")
    AuditEvent = apps.get_model("core", "AuditEvent")
    done = Review.objects.filter(opinion_on__isnull=True).filter(
        django.db.models.Q(status="closed")
        | django.db.models.Q(kind="third_party", status="scored")
    )
    for review in done.iterator():
        day = review.held_on
        if day is None:
            event = (
                AuditEvent.objects.filter(
                    object_type="reviews.review",
                    object_id=str(review.pk),
                    action="reviews.review_close",
                )
                .order_by("-sequence")
                .first()
            )
            task = (
                ReviewTask.objects.filter(
                    review_id=review.pk, step__in=("agency", "preliminary"), status="approved"
                )
                .exclude(acted_at__isnull=True)
                .order_by("-acted_at")
                .first()
            )
            if event is not None:
                day = event.at.date()
            elif task is not None:
                day = task.acted_at.date()
            else:
                day = review.review_on
        Review.objects.filter(pk=review.pk).update(opinion_on=day)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_head"),
        ("reviews", "0002_workflow"),
    ]

    operations = [
        migrations.AddField(
            model_name="review",
            name="opinion_on",
            field=django.db.models.DateField(
                blank=True, db_index=True, null=True, verbose_name="opinion given on"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
