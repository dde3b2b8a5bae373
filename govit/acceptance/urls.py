from django.urls import URLPattern, URLResolver, path

from govit.acceptance import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.acceptance_index, name="acceptance-index"),
    path("projects/<int:project_pk>/", views.acceptance_detail, name="acceptance-detail"),
    path(
        "projects/<int:project_pk>/evidence/<slug:item>/",
        views.evidence_edit,
        name="acceptance-evidence",
    ),
    path(
        "projects/<int:project_pk>/initial/",
        views.initial_acceptance_new,
        name="acceptance-initial",
    ),
    path("projects/<int:project_pk>/trial-run/", views.trial_run_new, name="acceptance-trial-run"),
    path("projects/<int:project_pk>/apply/", views.apply_new, name="acceptance-apply"),
    path("projects/<int:project_pk>/meeting/", views.meeting_new, name="acceptance-meeting"),
    path("projects/<int:project_pk>/conclude/", views.conclude_new, name="acceptance-conclude"),
    path("projects/<int:project_pk>/filing/", views.filing_new, name="acceptance-filing"),
    path("projects/<int:project_pk>/notice/", views.notice_new, name="acceptance-notice"),
    path("projects/<int:project_pk>/receipt/", views.receipt_new, name="acceptance-receipt"),
    path("projects/<int:project_pk>/assets/new/", views.asset_new, name="acceptance-asset-new"),
]
