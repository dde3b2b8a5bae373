from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "govit.oversight"
    verbose_name = "监督管理"

    def ready(self) -> None:
        from govit.core import actions, ticks
        from govit.oversight import guards, home, policies, stale  # noqa: F401 - registers
        from govit.projects import guards as project_guards
        from govit.projects import links

        project_guards.register_step_guard(guards.step_guard)
        project_guards.register_payment_guard(guards.payment_guard)
        ticks.register("oversight.stale_flags", stale.flags_refresh)
        actions.register(home.next_actions)
        links.register(home.project_links)
