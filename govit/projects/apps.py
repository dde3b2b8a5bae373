from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "govit.projects"
    verbose_name = "项目"

    def ready(self) -> None:
        from govit.core import actions
        from govit.projects import home, policies  # noqa: F401 - registers the permission rules

        actions.register(home.next_actions)
