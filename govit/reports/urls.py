from django.urls import path

from govit.reports import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("finance/", views.finance_view, name="finance-view"),
    path("projects.xlsx", views.projects_xlsx, name="report-projects-xlsx"),
    path("opendata.<str:fmt>", views.opendata, name="report-opendata"),
    path("projects/<int:pk>/application.<str:fmt>", views.project_print, name="project-print"),
    path("reviews/<int:pk>/opinion.<str:fmt>", views.review_print, name="review-print"),
    path("evaluations/<int:pk>/report.<str:fmt>", views.evaluation_print, name="evaluation-print"),
    path("acceptance/<int:pk>/report.<str:fmt>", views.acceptance_print, name="acceptance-print"),
]
