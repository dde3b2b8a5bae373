from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "govit.core"
    verbose_name = "核心"

    def ready(self) -> None:
        from govit.core import choices, row_versions
        from govit.core.models import CalendarDay, CalendarYear

        choices.install()
        # The working calendar is kept by these tables' versions (core/selectors.py).
        row_versions.track(CalendarDay)
        row_versions.track(CalendarYear)
