from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "govit.reviews"
    verbose_name = "专家评审"

    def ready(self) -> None:
        from govit.core import actions
        from govit.projects import links
        from govit.reviews import home, policies  # noqa: F401 - registers the rules

        actions.register(home.next_actions)
        links.register(home.project_links)
