from django.apps import AppConfig


class DataResourcesConfig(AppConfig):
    name = "govit.data_resources"
    verbose_name = "政务数据资源目录"

    def ready(self) -> None:
        from govit.core import actions, row_versions
        from govit.data_resources import facts, home, policies  # noqa: F401 - registers the rules
        from govit.data_resources.models import DataResource
        from govit.systems import facts as system_facts

        system_facts.register(facts.system_facts)
        actions.register(home.next_actions)
        # The whole catalogue's count is kept until a resource is added or deleted (core.pages).
        row_versions.track(DataResource, rows_only=True)
