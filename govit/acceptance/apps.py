from django.apps import AppConfig


class AcceptanceConfig(AppConfig):
    name = "govit.acceptance"
    verbose_name = "项目验收"

    def ready(self) -> None:
        from govit.acceptance import guards, home, policies, tick  # noqa: F401 - registers
        from govit.core import actions, ticks
        from govit.projects import guards as project_guards
        from govit.projects import links

        project_guards.register_step_guard(guards.step_guard)

        actions.register(home.next_actions)
        links.register(home.project_links)
        ticks.register("acceptance.overdue", tick.tick)
