from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "govit.orgs"
    verbose_name = "组织与用户"

    def ready(self) -> None:
        from govit.core import actions, row_versions
        from govit.orgs import home, policies  # noqa: F401 - registers the permission rules
        from govit.orgs.models import Organisation

        actions.register(home.next_actions)
        # The unit filters keep their options by this table's version (core/widgets.py).
        row_versions.track(Organisation)
