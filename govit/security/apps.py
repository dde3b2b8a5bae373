from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "govit.security"
    verbose_name = "网络安全与密码应用"

    def ready(self) -> None:
        from govit.core import actions
        from govit.security import facts, home, policies  # noqa: F401 - registers the rules
        from govit.systems import facts as system_facts

        system_facts.register(facts.system_facts)
        actions.register(home.next_actions)
