from django.urls import path

from govit.reports import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("finance/", views.finance_view, name="finance-view"),
    path("projects.xlsx", views.projects_xlsx, name="report-projects-xlsx"),
    path("vendors/", views.vendor_list, name="report-vendors"),
    path("vendors.xlsx", views.vendors_xlsx, name="report-vendors-xlsx"),
    path("vendors/<int:pk>/", views.vendor_detail, name="report-vendor"),
    path("opendata.<str:fmt>", views.opendata, name="report-opendata"),
    path("projects/<int:pk>/application.<str:fmt>", views.project_print, name="project-print"),
    path("reviews/<int:pk>/opinion.<str:fmt>", views.review_print, name="review-print"),
    path("evaluations/<int:pk>/report.<str:fmt>", views.evaluation_print, name="evaluation-print"),
    path("acceptance/<int:pk>/report.<str:fmt>", views.acceptance_print, name="acceptance-print"),
]
