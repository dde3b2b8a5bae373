from django.urls import path

from govit.delivery import views, views_steps

urlpatterns = [
    path("", views.delivery_index, name="delivery-index"),
    path("ocds.json", views_steps.ocds_all, name="delivery-ocds-all"),
    path("supervision/<int:pk>/", views_steps.supervision_detail, name="delivery-supervision"),
    path(
        "supervision/<int:pk>/report/",
        views_steps.supervision_report,
        name="delivery-supervision-report",
    ),
    path(
        "supervision/<int:pk>/reports/<int:report_pk>/file/",
        views_steps.supervision_report_file,
        name="delivery-supervision-report-file",
    ),
]
