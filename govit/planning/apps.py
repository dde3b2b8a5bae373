from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "govit.planning"
    verbose_name = "年度计划与项目库"

    def ready(self) -> None:
        from govit.core import actions
        from govit.planning import (  # noqa: F401 - registers the rules and the admin
            admin_cycles,
            home_cycles,
            home_plans,
            policies,
            policies_plans,
        )
        from govit.projects import links

        actions.register(home_cycles.next_actions)
        actions.register(home_plans.next_actions)
        links.register(home_cycles.project_links)
        links.register(home_plans.project_links)
