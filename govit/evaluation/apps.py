from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "govit.evaluation"
    verbose_name = "绩效评价"

    def ready(self) -> None:
        from govit.core import actions
        from govit.delivery import vendor_results
        from govit.evaluation import home, policies  # noqa: F401 - registers the rules
        from govit.evaluation.results import (
            om_funding_results,
            plan_ranking_result,
            procurement_vendor_results,
        )
        from govit.planning.ranking_plans import register_evaluation_provider
        from govit.projects import links
        from govit.systems import facts

        actions.register(home.next_actions)
        links.register(home.project_links)
        register_evaluation_provider(plan_ranking_result)
        facts.register_evaluation(om_funding_results)
        vendor_results.register(procurement_vendor_results)
