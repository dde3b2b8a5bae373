from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "govit.orgs"
    verbose_name = "组织与用户"

    def ready(self) -> None:
        from govit.core import actions, row_versions
        from govit.orgs import home, policies  # noqa: F401 - registers the permission rules
        from govit.orgs.models import Membership, Organisation, User

        actions.register(home.next_actions)
        # The unit filters keep their options by the organisations' version (core/widgets.py),
        # and each request's user is kept by all three (orgs/backends.py).
        for model in (Organisation, Membership, User):
            row_versions.track(model)
