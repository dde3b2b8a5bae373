from django.urls import URLPattern, URLResolver, path

from govit.data_resources import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.resource_list, name="data-resource-list"),
    path("sharing/", views.resource_list, {"catalogue": "sharing"}, name="data-sharing-catalogue"),
    path("open/", views.resource_list, {"catalogue": "open"}, name="data-open-catalogue"),
    path("new/", views.resource_edit, name="data-resource-create"),
    path("export.xlsx", views.resource_export, name="data-resource-export"),
    path("import/", views.resource_import, name="data-resource-import"),
    path("<int:pk>/", views.resource_detail, name="data-resource-detail"),
    path("<int:pk>/edit/", views.resource_edit, name="data-resource-edit"),
    path("<int:pk>/request/", views.request_create, name="data-resource-request"),
    path(
        "<int:pk>/<slug:action>/",
        views.resource_move,
        name="data-resource-move",
    ),
    path("requests/", views.request_list, name="sharing-request-list"),
    path("requests/<int:pk>/", views.request_detail, name="sharing-request-detail"),
    path("requests/<int:pk>/<slug:action>/", views.request_act, name="sharing-request-act"),
]
