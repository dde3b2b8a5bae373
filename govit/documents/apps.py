from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "govit.documents"
    verbose_name = "文档"

    def ready(self) -> None:
        from govit.documents import policies  # noqa: F401 - registers the permission rules
