from django.urls import path

from govit.delivery import views

urlpatterns = [
    path("", views.delivery_detail, name="delivery-detail"),
    path("approval/", views.approval_edit, name="delivery-approval"),
    path("appropriations/new/", views.appropriation_new, name="delivery-appropriation-new"),
    path("payments/new/", views.payment_new, name="delivery-payment-new"),
    path("surplus/new/", views.surplus_new, name="delivery-surplus-new"),
    path("contracts/new/", views.contract_new, name="delivery-contract-new"),
    path("contracts/<int:pk>/", views.contract_detail, name="delivery-contract"),
    path("contracts/<int:pk>/filing/", views.contract_filing, name="delivery-contract-filing"),
    path("contracts/<int:pk>/amend/", views.contract_amend, name="delivery-contract-amend"),
    path("changes/new/", views.change_new, name="delivery-change-new"),
    path("changes/<int:pk>/approve/", views.change_approve, name="delivery-change-approve"),
]
