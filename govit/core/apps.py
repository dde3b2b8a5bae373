from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "govit.core"
    verbose_name = "核心"

    def ready(self) -> None:
        from govit.core import choices

        choices.install()
