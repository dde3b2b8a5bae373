from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "govit.policy"
    verbose_name = "规则与法规"

    def ready(self) -> None:
        # An invalid rulebook stops start-up with the file, the field and the reason.
        from govit.core import actions
        from govit.policy import home, loader

        loader.load_all()
        actions.register(home.next_actions)
