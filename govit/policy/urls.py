from django.urls import path

from govit.policy import views

urlpatterns = [
    path("", views.regulation_list, name="regulation-list"),
    path("<slug:rulebook_id>/", views.regulation_detail, name="regulation-detail"),
    path("<slug:rulebook_id>/<int:number>/", views.article_detail, name="article-detail"),
]
