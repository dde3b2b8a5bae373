from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "govit.delivery"
    verbose_name = "项目实施与验收"

    def ready(self) -> None:
        from govit.core import actions
        from govit.delivery import home, policies  # noqa: F401 - registers the rules
        from govit.projects import links

        actions.register(home.next_actions)
        links.register(home.project_links)
