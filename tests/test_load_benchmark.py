"""The load benchmark (benchmarks/load.py) is slow and never runs in the suite; this checks
only that its scenario parses and names real routes, without importing locust (which
monkey-patches the standard library with gevent)."""

from __future__ import annotations

import ast
from pathlib import Path

from django.urls import Resolver404, resolve

from benchmarks import load
from benchmarks.forms_html import form_values

LOCUSTFILE = Path(load.__file__).with_name("locustfile.py")


def _tree() -> ast.Module:
    return ast.parse(LOCUSTFILE.read_text(encoding="utf-8"))


def _strings(name: str) -> tuple[str, ...]:
    for node in _tree().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, tuple)
            return value
    raise AssertionError(f"{name} not found in the locustfile")


def test_the_scenario_names_three_kinds_of_user_with_tasks() -> None:
    classes = {n.name: n for n in _tree().body if isinstance(n, ast.ClassDef)}
    assert {"Official", "Clerk", "Leader"} <= set(classes)
    for name in ("Official", "Clerk", "Leader"):
        tasks = [
            f
            for f in classes[name].body
            if isinstance(f, ast.FunctionDef)
            and any("task" in ast.unparse(d) for d in f.decorator_list)
        ]
        assert tasks, name


def test_the_urls_it_reads_exist() -> None:
    urls = [*_strings("API_LISTS"), *_strings("PAGE_LISTS"), *load.SQL_RATIO_LISTS]
    urls += ["/", "/projects/", "/reports/", "/reports/finance/", "/projects/new/"]
    for url in urls:
        try:
            resolve(url.split("?")[0])
        except Resolver404:  # pragma: no cover - the failure message
            raise AssertionError(f"{url} is not a route") from None


def test_it_fills_a_form_as_a_browser_does() -> None:
    html = """<form><input type="hidden" name="csrfmiddlewaretoken" value="t">
    <input name="name" value="x"><input type="checkbox" name="a" value="1">
    <input type="checkbox" name="b" value="2" checked><select name="s"><option value="1">
    <option value="2" selected></select><select name="m" multiple><option value="3"></select>
    <textarea name="d">文本</textarea><input type="submit" name="go"></form>"""
    assert form_values(html) == {
        "csrfmiddlewaretoken": "t",
        "name": "x",
        "b": "2",
        "s": "2",
        "d": "文本",
    }
