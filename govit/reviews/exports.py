"""The review opinion (评审意见) as a Word document."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _

from govit.reviews.models import Assignment, Review


def opinion_docx(review: Review, seats: list[Assignment]) -> bytes:
    """The aggregated scores, the outliers and each expert's opinion, without their names."""
    from docx import Document

    document = Document()
    document.add_heading(_("Review opinion"), level=1)
    document.add_paragraph(f"{review.project.name} · {review.get_kind_display()}")
    document.add_paragraph(f"{_('Review date')}: {review.review_on:%Y-%m-%d}")
    result = review.result or {}
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = _("Criterion")
    table.rows[0].cells[1].text = _("Mean")
    for criterion in review.criteria:
        row = table.add_row()
        row.cells[0].text = criterion["label"]
        row.cells[1].text = str(result.get("per_criterion", {}).get(criterion["id"], ""))
    total = table.add_row()
    total.cells[0].text = _("Total")
    total.cells[1].text = str(result.get("total", ""))
    for seat in seats:
        if not seat.reserve and seat.opinion:
            document.add_paragraph(seat.opinion)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
