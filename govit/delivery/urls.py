from django.urls import path

from govit.delivery import views, views_progress, views_steps

urlpatterns = [
    path("", views.delivery_detail, name="delivery-detail"),
    path("approval/", views.approval_edit, name="delivery-approval"),
    path("appropriations/new/", views.appropriation_new, name="delivery-appropriation-new"),
    path("payments/new/", views.payment_new, name="delivery-payment-new"),
    path("surplus/new/", views.surplus_new, name="delivery-surplus-new"),
    path("contracts/new/", views.contract_new, name="delivery-contract-new"),
    path("contracts/<int:pk>/", views.contract_detail, name="delivery-contract"),
    path("contracts/<int:pk>/filing/", views.contract_filing, name="delivery-contract-filing"),
    path("contracts/<int:pk>/amend/", views.contract_amend, name="delivery-contract-amend"),
    path("changes/new/", views.change_new, name="delivery-change-new"),
    path("changes/<int:pk>/approve/", views.change_approve, name="delivery-change-approve"),
    path("changes/<int:pk>/reject/", views_progress.change_reject, name="delivery-change-reject"),
    path("procurements/new/", views_steps.procurement_new, name="delivery-procurement-new"),
    path("procurements/<int:pk>/", views_steps.procurement_detail, name="delivery-procurement"),
    path(
        "procurements/<int:pk>/review/",
        views_steps.procurement_review,
        name="delivery-procurement-review",
    ),
    path(
        "procurements/<int:pk>/award/",
        views_steps.procurement_award,
        name="delivery-procurement-award",
    ),
    path(
        "procurements/<int:pk>/contract/",
        views_steps.procurement_contract,
        name="delivery-procurement-contract",
    ),
    path("supervision/new/", views_steps.supervision_new, name="delivery-supervision-new"),
    path("supervision/filing/", views_steps.supervision_filing, name="delivery-supervision-filing"),
    path("progress/", views_progress.progress_detail, name="delivery-progress"),
    path("milestones/new/", views_progress.milestone_new, name="delivery-milestone-new"),
    path(
        "milestones/<int:pk>/progress/",
        views_progress.milestone_progress,
        name="delivery-milestone-progress",
    ),
    path("rebaseline/", views_progress.rebaseline_new, name="delivery-rebaseline"),
    path("reports/new/", views_progress.progress_report_new, name="delivery-progress-report-new"),
    path(
        "payment-requests/new/",
        views_progress.payment_request_new,
        name="delivery-payment-request-new",
    ),
    path(
        "payment-requests/<int:pk>/approve/",
        views_progress.payment_request_approve,
        name="delivery-payment-request-approve",
    ),
    path(
        "payment-requests/<int:pk>/reject/",
        views_progress.payment_request_reject,
        name="delivery-payment-request-reject",
    ),
    path(
        "payment-requests/<int:pk>/execute/",
        views_progress.payment_request_execute,
        name="delivery-payment-request-execute",
    ),
    path(
        "payments/<int:pk>/reverse/",
        views_progress.payment_reverse,
        name="delivery-payment-reverse",
    ),
    path("ocds.json", views_steps.ocds_project, name="delivery-ocds"),
]
