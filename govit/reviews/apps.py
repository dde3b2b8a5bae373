from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "govit.reviews"
    verbose_name = "专家评审"

    def ready(self) -> None:
        from govit.core import actions, row_versions
        from govit.projects import links, signals
        from govit.reviews import home, policies, workflow  # noqa: F401 - registers the rules
        from govit.reviews.models import Review

        signals.project_transitioned.connect(
            workflow.on_project_transitioned, dispatch_uid="reviews.clock_restart"
        )
        actions.register(home.next_actions)
        links.register(home.project_links)
        # Every review's count is kept until one is added or deleted (core.pages).
        row_versions.track(Review, rows_only=True)
