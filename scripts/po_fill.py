"""Fill msgstr entries of a gettext catalogue from a JSON or YAML mapping (English -> Chinese).

Usage: python scripts/po_fill.py govit/<app>/locale/zh_Hans/LC_MESSAGES/django.po MAPPING.yaml
Plural entries take a one-element list (Chinese has one plural form). Entries already
translated are kept unless the mapping names them. Prints what is still untranslated.
"""

from __future__ import annotations

import sys

import polib
import yaml


def main() -> int:
    po_path, mapping_path = sys.argv[1], sys.argv[2]
    with open(mapping_path, encoding="utf-8") as handle:
        mapping = yaml.safe_load(handle) or {}
    catalogue = polib.pofile(po_path)
    catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    catalogue.metadata["Language"] = "zh_Hans"
    for entry in catalogue:
        if entry.msgid in mapping:
            value = mapping[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0] if isinstance(value, list) else value}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    catalogue.save(po_path)
    missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
