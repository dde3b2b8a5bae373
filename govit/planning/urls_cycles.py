from django.urls import URLPattern, URLResolver, path

from govit.planning import views_cycles as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("cycles/", views.cycle_list, name="planning-cycles"),
    path("cycles/new/", views.cycle_new, name="planning-cycle-new"),
    path("cycles/<int:pk>/", views.cycle_detail, name="planning-cycle-detail"),
    path("cycles/<int:pk>/edit/", views.cycle_edit, name="planning-cycle-edit"),
    path("cycles/<int:pk>/guide/", views.cycle_guide, name="planning-cycle-guide"),
    path(
        "cycles/<int:pk>/steps/<slug:step>/",
        views.cycle_step,
        name="planning-cycle-step",
    ),
    path(
        "cycles/<int:pk>/applications/new/",
        views.application_new,
        name="planning-application-new",
    ),
    path("applications/<int:pk>/", views.application_detail, name="planning-application-detail"),
    path(
        "applications/<int:pk>/submit/",
        views.application_submit,
        name="planning-application-submit",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        views.application_withdraw,
        name="planning-application-withdraw",
    ),
    path(
        "applications/<int:pk>/export.<slug:fmt>",
        views.application_export,
        name="planning-application-export",
    ),
]
