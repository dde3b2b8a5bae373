from django.urls import path

from govit.web import views

urlpatterns = [path("", views.home, name="home")]
