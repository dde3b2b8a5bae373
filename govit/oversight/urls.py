from django.urls import URLPattern, URLResolver, path

from govit.oversight import views

P = "projects/<int:project_pk>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.oversight_index, name="oversight-index"),
    path("stale/", views.stale_list, name="oversight-stale"),
    path(P, views.oversight_project, name="oversight-project"),
    path(P + "inspections/new/", views.inspection_new, name="oversight-inspection-new"),
    path(P + "inspections/<int:pk>/findings/new/", views.finding_new, name="oversight-finding-new"),
    path(P + "orders/new/", views.order_new, name="oversight-order-new"),
    path(P + "orders/<int:pk>/report/", views.order_report, name="oversight-order-report"),
    path(P + "orders/<int:pk>/recheck/", views.order_recheck, name="oversight-order-recheck"),
    path(P + "orders/<int:pk>/escalate/", views.order_escalate, name="oversight-order-escalate"),
    path(P + "sanctions/<int:pk>/lift/", views.sanction_lift, name="oversight-sanction-lift"),
]
