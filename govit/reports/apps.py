from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "govit.reports"
    verbose_name = "统计报表"

    def ready(self) -> None:
        from govit.projects import links
        from govit.reports import home, policies  # noqa: F401 - registers the rules

        links.register(home.project_links)
