"""What the security registers tell about systems, for their O&M funding (Harbin 第三十五条).

``security_compliant``, ``crypto_compliant`` and ``major_hazard`` come from the duties and
records (see duties.py); a system with no record keeps the facts declared in the catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from govit.core.selectors import work_calendar
from govit.security.selectors import registers
from govit.systems.facts import Facts
from govit.systems.models import System


def system_facts(systems: Sequence[System], today: dt.date) -> dict[int, Facts]:
    found = registers(systems, today=today, calendar=work_calendar())
    return {pk: register.facts for pk, register in found.items()}
