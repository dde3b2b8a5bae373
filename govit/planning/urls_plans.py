from django.urls import URLPattern, URLResolver, path

from govit.planning import views_library_plans as library
from govit.planning import views_plans as plans

urlpatterns: list[URLPattern | URLResolver] = [
    path("library/", library.library_list, name="planning-library"),
    path("library/export.xlsx", library.library_export, name="planning-library-export"),
    path("library/admit/", library.library_admit, name="planning-library-admit"),
    path("library/<int:pk>/", library.library_detail, name="planning-library-entry"),
    path(
        "library/<int:pk>/reclassify/",
        library.library_reclassify,
        name="planning-library-reclassify",
    ),
    path("library/<int:pk>/move/", library.library_move_year, name="planning-library-move"),
    path("library/<int:pk>/withdraw/", library.library_withdraw, name="planning-library-withdraw"),
    path(
        "projects/<int:project_pk>/similar/",
        library.project_similar,
        name="planning-project-similar",
    ),
    path("plans/", plans.plan_list, name="planning-plans"),
    path("plans/new/", plans.plan_create, name="planning-plan-create"),
    path("plans/<int:pk>/", plans.plan_detail, name="planning-plan"),
    path("plans/<int:pk>/fill/", plans.plan_fill, name="planning-plan-fill"),
    path("plans/<int:pk>/rank/", plans.plan_rank, name="planning-plan-rank"),
    path("plans/<int:pk>/submit/", plans.plan_submit, name="planning-plan-submit"),
    path("plans/<int:pk>/approve/", plans.plan_approve, name="planning-plan-approve"),
    path("plans/<int:pk>/reopen/", plans.plan_reopen, name="planning-plan-reopen"),
    path("plans/<int:pk>/supplement/", plans.plan_supplement, name="planning-plan-supplement"),
    path("plans/<int:pk>/lines/add/", plans.plan_line_add, name="planning-plan-line-add"),
    path(
        "plans/<int:pk>/lines/<int:line_pk>/",
        plans.plan_line_edit,
        name="planning-plan-line-edit",
    ),
    path(
        "plans/<int:pk>/lines/<int:line_pk>/remove/",
        plans.plan_line_remove,
        name="planning-plan-line-remove",
    ),
    path("plans/<int:pk>/versions/<int:number>/", plans.plan_version, name="planning-plan-version"),
    path(
        "plans/<int:pk>/versions/<int:number>/export.xlsx",
        plans.plan_version_export,
        name="planning-plan-export",
    ),
]
