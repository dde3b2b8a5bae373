from django.urls import path

from govit.delivery import views

urlpatterns = [
    path("", views.delivery_detail, name="delivery-detail"),
    path("approval/", views.approval_edit, name="delivery-approval"),
    path("appropriations/new/", views.appropriation_new, name="delivery-appropriation-new"),
    path("payments/new/", views.payment_new, name="delivery-payment-new"),
    path("surplus/new/", views.surplus_new, name="delivery-surplus-new"),
]
