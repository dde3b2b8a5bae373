"""Format checks of project facts that more than one app writes."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# 全国投资项目在线审批监管平台 code: year, administrative division, industry, type, serial.
INVESTMENT_CODE = re.compile(r"^(?P<year>\d{4})-\d{6}-\d{2}-\d{2}-\d{6}$")
INVESTMENT_CODE_LENGTH = 24


def validate_investment_code(code: str) -> None:
    """The national investment-project code: YYYY-AAAAAA-II-TT-NNNNNN, 24 characters."""
    match = INVESTMENT_CODE.match(code)
    if (
        len(code) != INVESTMENT_CODE_LENGTH
        or match is None
        or not 2000 <= int(match["year"]) <= 2100
    ):
        raise ValidationError(
            _("Give the investment project code as YYYY-AAAAAA-II-TT-NNNNNN (24 characters)."),
            code="investment_code",
        )
