"""The values a browser would post for a page's form (for the load benchmark's users)."""

from __future__ import annotations

from html.parser import HTMLParser


class FormValues(HTMLParser):
    """The values a browser would send for the page's forms, as the page fills them in:
    inputs with their values (checkboxes when checked), each select's selected option (a
    single select's first when none is), textareas' text."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._multiple = False
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values.setdefault(name, a.get("value", ""))
        elif tag == "select" and name:
            self._select, self._multiple = name, "multiple" in a
        elif tag == "option" and self._select:
            first = self._select not in self.values and not self._multiple
            if "selected" in a or first:
                self.values[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


def form_values(html: str) -> dict[str, str]:
    parser = FormValues()
    parser.feed(html)
    return parser.values
