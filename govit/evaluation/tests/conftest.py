"""These tests read Chinese messages: pin the language."""

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    with translation.override("zh-hans"):
        yield
