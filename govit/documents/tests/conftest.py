"""These tests read Chinese messages: pin the language, whatever an earlier test left active
(a request with the English cookie leaves English active in the test thread)."""

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    with translation.override("zh-hans"):
        yield
