from django.apps import AppConfig


class SystemsConfig(AppConfig):
    name = "govit.systems"
    verbose_name = "政务信息系统目录"

    def ready(self) -> None:
        from govit.core import actions, row_versions, ticks
        from govit.projects import links, snapshots
        from govit.systems import docking, facts, funding, home, policies  # noqa: F401 - rules
        from govit.systems.models import System

        facts.register(docking.system_facts)
        actions.register(home.next_actions)
        links.register(home.project_links)
        snapshots.register_catalogue(funding.project_systems)
        ticks.register("systems.om_funding", funding.tick)
        # The whole catalogue's count is kept until a system is added or deleted (core.pages).
        row_versions.track(System, rows_only=True)
