"""Root URL configuration: the web UI, the admin and the REST API under /api/v1/."""

from django.contrib import admin
from django.urls import include, path

from govit.api import api

admin.site.site_header = "govit 政务信息化项目管理平台"
admin.site.site_title = "govit"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("govit.orgs.urls")),
    path("regulations/", include("govit.policy.urls")),
    path("projects/<int:project_pk>/delivery/", include("govit.delivery.urls")),
    path("delivery/", include("govit.delivery.urls_index")),
    path("projects/", include("govit.projects.urls")),
    path("documents/", include("govit.documents.urls")),
    path("systems/", include("govit.systems.urls")),
    path("reviews/", include("govit.reviews.urls")),
    path("planning/", include("govit.planning.urls")),
    path("acceptance/", include("govit.acceptance.urls")),
    path("data-resources/", include("govit.data_resources.urls")),
    path("security/", include("govit.security.urls")),
    path("evaluation/", include("govit.evaluation.urls")),
    path("oversight/", include("govit.oversight.urls")),
    path("reports/", include("govit.reports.urls")),
    path("", include("govit.web.urls")),
]
