from django.urls import URLPattern, URLResolver, path

from govit.security import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("overdue/", views.overdue_list, name="security-overdue"),
    path("incidents/", views.incident_list, name="security-incidents"),
    path("systems/<int:pk>/", views.system_registers, name="security-system"),
    path("systems/<int:pk>/filing/", views.grading_file, name="security-filing"),
    path("systems/<int:pk>/<slug:kind>/", views.register_add, name="security-add"),
    path(
        "assessments/<int:pk>/remediated/",
        views.assessment_remediate,
        name="security-remediate",
    ),
]
