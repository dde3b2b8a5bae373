"""Value lists of the delivery records."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

# 全国投资项目在线审批监管平台 code: year, administrative division, industry, type, serial.
INVESTMENT_CODE = re.compile(r"^(?P<year>\d{4})-\d{6}-\d{2}-\d{2}-\d{6}$")
INVESTMENT_CODE_LENGTH = 24


class PaymentKind(models.TextChoices):
    ADVANCE = "advance", _("Advance payment")
    PROGRESS = "progress", _("Progress payment")
    FINAL = "final", _("Final (remaining) payment")
