from django.urls import URLPattern, URLResolver, path

from govit.evaluation import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.evaluation_index, name="evaluation-index"),
    path("draws/new/", views.draw_new, name="evaluation-draw-new"),
    path("projects/<int:project_pk>/", views.evaluation_project, name="evaluation-project"),
    path("projects/<int:project_pk>/targets/", views.targets_edit, name="evaluation-targets"),
    path("projects/<int:project_pk>/self/", views.self_new, name="evaluation-self"),
    path("projects/<int:project_pk>/post/", views.post_new, name="evaluation-post"),
    path("projects/<int:project_pk>/ex-ante/", views.ex_ante_new, name="evaluation-ex-ante"),
    path("projects/<int:project_pk>/annual/", views.annual_new, name="evaluation-annual"),
    path(
        "projects/<int:project_pk>/comprehensive/",
        views.comprehensive_new,
        name="evaluation-comprehensive",
    ),
    path("<int:pk>/", views.evaluation_detail, name="evaluation-detail"),
    path("<int:pk>/export.<str:fmt>", views.evaluation_export, name="evaluation-export"),
]
