"""System.projects: the projects that built or changed a system, filled from its codes."""

import re

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SPLIT = re.compile(r"[\s,，;；、]+")


def link_existing(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    system_model = apps.get_model("systems", "System")
    project_model = apps.get_model("projects", "Project")
    projects = dict(project_model.objects.values_list("code", "id"))
    through = system_model.projects.through
    rows = []
    for system_id, codes in system_model.objects.exclude(project_codes="").values_list(
        "id", "project_codes"
    ):
        found = {projects[c.upper()] for c in SPLIT.split(codes) if c and c.upper() in projects}
        rows += [through(system_id=system_id, project_id=pk) for pk in sorted(found)]
    through.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_deadlines"),
        ("systems", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="system",
            name="projects",
            field=models.ManyToManyField(
                blank=True,
                editable=False,
                related_name="catalogued_systems",
                to="projects.project",
                verbose_name="projects that built or changed it",
            ),
        ),
        migrations.RunPython(link_existing, migrations.RunPython.noop),
    ]
