"""Trigram indexes for the project search (name or code contains the words) on PostgreSQL.

The list's search is ``UPPER(name) LIKE UPPER('%words%')``: without an index, a scan of every
project (at a province's 100,000, 60–130 ms). A GIN index of trigrams (``pg_trgm``, a trusted
extension since PostgreSQL 13) answers words of three characters or more from the index; one
or two characters (``系统``) have no trigram and are still a scan. SQLite has no such index:
there the migration does nothing.
"""

from django.db import migrations

INDEXES = (
    ("projects_name_trgm", "name"),
    ("projects_code_trgm", "code"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON projects_project "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_open_deadlines_index"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
