from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "govit.orgs"
    verbose_name = "组织与用户"

    def ready(self) -> None:
        from govit.core import actions
        from govit.orgs import home, policies  # noqa: F401 - registers the permission rules

        actions.register(home.next_actions)
