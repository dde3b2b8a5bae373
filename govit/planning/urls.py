from django.urls import include, path

urlpatterns = [
    path("", include("govit.planning.urls_cycles")),
    path("", include("govit.planning.urls_plans")),
]
