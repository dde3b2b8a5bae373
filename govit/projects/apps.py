from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "govit.projects"
    verbose_name = "项目"

    def ready(self) -> None:
        from govit.core import actions, row_versions, ticks
        from govit.projects import deadlines, home, policies  # noqa: F401 - registers the rules
        from govit.projects.models import Project

        # The whole portfolio's count is kept until a project is added or deleted (core.pages).
        row_versions.track(Project, rows_only=True)

        actions.register(home.next_actions)
        actions.register(home.deadline_actions)
        ticks.register("projects.deadlines", deadlines.tick)
