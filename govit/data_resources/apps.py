from django.apps import AppConfig


class DataResourcesConfig(AppConfig):
    name = "govit.data_resources"
    verbose_name = "政务数据资源目录"

    def ready(self) -> None:
        from govit.core import actions
        from govit.data_resources import facts, home, policies  # noqa: F401 - registers the rules
        from govit.systems import facts as system_facts

        system_facts.register(facts.system_facts)
        actions.register(home.next_actions)
