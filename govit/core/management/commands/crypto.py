"""``govit crypto rotate``: re-encrypt every SM4-encrypted value under the current key."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from govit.core import audit, crypto
from govit.core.fields import EncryptedTextField, keyring


class Command(BaseCommand):
    help = "Re-encrypt SM4-encrypted fields that use an older key (after adding a new key)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rotate"])

    def handle(self, *args: Any, **options: Any) -> None:
        ring = keyring()
        current_id = ring.current[0]
        total = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]
            if not fields:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            for field in fields:
                column = connection.ops.quote_name(field.column)
                pk = connection.ops.quote_name(model._meta.pk.column)
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
                        rows = cursor.fetchall()
                        changed = 0
                        for key, stored in rows:
                            if not stored or not crypto.is_encrypted(stored):
                                continue
                            if crypto.key_id_of(stored) == current_id:
                                continue
                            fresh = crypto.encrypt(crypto.decrypt(stored, ring), ring)
                            cursor.execute(
                                f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608
                                [fresh, key],
                            )
                            changed += 1
                    if changed:
                        audit.record(
                            actor=None,
                            action="crypto.rotate",
                            object_type=model._meta.label_lower,
                            object_repr=f"{field.name}: {changed} values",
                            after={"key": current_id, "values": changed},
                        )
                total += changed
        self.stdout.write(f"re-encrypted {total} values under key {current_id}")
