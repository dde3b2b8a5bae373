"""Benchmark: deep pages of the API lists (offset and cursor), and the SQL of a deep page.

    DATABASE_URL=postgres://… DEBUG=0 PYTHONPATH=$PWD .venv/bin/python benchmarks/deep_pages.py \
        [--user NAME] [--repeat 20] [--explain]

Signs in as ``--user`` (default: the first user who oversees everything) and times, with
Django's test client, the list endpoints at offset 0, the middle and the end of each list; with
a code that answers ``next``, also the page after the cursor of the row before the last page.
``--explain`` prints EXPLAIN ANALYZE of the projects list at the deepest offset: the plain
slice, and the two queries of the deferred join (govit.core.paging) when it is there.
Run it from the checkout to measure (PYTHONPATH names which code is measured).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govit.settings")
os.environ.setdefault("GOVIT_2FA_ENFORCED", "false")

URLS = ("/api/v1/projects", "/api/v1/systems", "/api/v1/data-resources", "/api/v1/deadlines")
LIMIT = 50


def _median_ms(client: Any, url: str, params: dict[str, Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.content[:300]
    return statistics.median(times)


def _count(client: Any, url: str) -> int:
    body = client.get(url, {"limit": 1}).json()
    return int(body["count"]) if isinstance(body, dict) else 0


def _explain(user: Any) -> None:
    from govit.projects import selectors

    listed = selectors.project_list(actor=user)
    offset = max(listed.count() - LIMIT, 0)
    print(f"-- projects, offset {offset}: the plain slice")
    print(listed[offset : offset + LIMIT].explain(analyze=True))
    try:
        from govit.core import paging
    except ImportError:
        return
    names = [key.name for key in paging.sort_keys(listed)]
    print("-- deferred join: the keys")
    print(listed.values_list(*names)[offset : offset + LIMIT + 1].explain(analyze=True))
    ids = [row[-1] for row in listed.values_list(*names)[offset : offset + LIMIT]]
    print("-- deferred join: the rows")
    print(listed.order_by().filter(pk__in=ids).explain(analyze=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--user", default="")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings

    import govit
    from benchmarks.pages import _client
    from govit.orgs.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    users = User.objects.filter(is_active=True).order_by("pk")
    user = (
        users.get(username=args.user)
        if args.user
        else next(u for u in users.iterator() if u.oversees_all)
    )
    client = _client(user.username)
    print(f"code: {os.path.dirname(govit.__file__)}; user: {user.username}")
    for url in URLS:
        total = _count(client, url)
        if url.endswith("/deadlines"):  # a bare list: no count
            from govit.projects import selectors

            total = selectors.deadlines(actor=user).count()
        deep = max(total - LIMIT, 0)
        cells = []
        for offset in sorted({0, deep // 2, deep}):
            ms = _median_ms(client, url, {"limit": LIMIT, "offset": offset}, args.repeat)
            cells.append(f"offset {offset}: {ms:.1f} ms")
        before = client.get(url, {"limit": LIMIT, "offset": max(deep - LIMIT, 0)})
        cursor = before.json().get("next") if isinstance(before.json(), dict) else None
        if cursor:
            ms = _median_ms(client, url, {"limit": LIMIT, "after": cursor}, args.repeat)
            cells.append(f"after the cursor of row {deep}: {ms:.1f} ms")
        print(f"{url} ({total} rows): " + "; ".join(cells))
    if args.explain:
        _explain(user)


if __name__ == "__main__":
    main()
