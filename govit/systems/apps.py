from django.apps import AppConfig


class SystemsConfig(AppConfig):
    name = "govit.systems"
    verbose_name = "政务信息系统目录"

    def ready(self) -> None:
        from govit.core import actions
        from govit.systems import home, policies  # noqa: F401 - registers the permission rules

        actions.register(home.next_actions)
