from django.urls import path

from govit.projects import views, views_deadlines

urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("new/", views.project_create, name="project-create"),
    path("deadlines/", views_deadlines.deadline_list, name="deadline-list"),
    path("notices/<int:pk>/read/", views_deadlines.notice_read, name="notice-read"),
    path("<int:pk>/", views.project_detail, name="project-detail"),
    path("<int:pk>/edit/", views.project_edit, name="project-edit"),
    path("<int:pk>/steps/<slug:name>/", views.project_step, name="project-step"),
]
