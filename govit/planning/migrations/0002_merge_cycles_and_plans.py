# The two halves of the planning app were built side by side, each with its first migration.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_cycles"),
        ("planning", "0001_library_and_plans"),
    ]

    operations = []
