from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "govit.reviews"
    verbose_name = "专家评审"

    def ready(self) -> None:
        from govit.core import actions
        from govit.projects import links, signals
        from govit.reviews import home, policies, workflow  # noqa: F401 - registers the rules

        signals.project_transitioned.connect(
            workflow.on_project_transitioned, dispatch_uid="reviews.clock_restart"
        )
        actions.register(home.next_actions)
        links.register(home.project_links)
