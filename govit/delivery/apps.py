from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "govit.delivery"
    verbose_name = "项目实施与验收"

    def ready(self) -> None:
        from govit.core import actions
        from govit.delivery import home, policies  # noqa: F401 - registers the rules

        actions.register(home.next_actions)
