from django.urls import path

from govit.delivery import views

urlpatterns = [
    path("", views.delivery_index, name="delivery-index"),
]
