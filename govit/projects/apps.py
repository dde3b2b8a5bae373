from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "govit.projects"
    verbose_name = "项目"

    def ready(self) -> None:
        from govit.core import actions, ticks
        from govit.projects import deadlines, home, policies  # noqa: F401 - registers the rules

        actions.register(home.next_actions)
        actions.register(home.deadline_actions)
        ticks.register("projects.deadlines", deadlines.tick)
