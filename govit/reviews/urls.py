from django.urls import path

from govit.reviews import views

urlpatterns = [
    path("", views.review_list, name="review-list"),
    path("experts/", views.expert_list, name="expert-list"),
    path("experts/<int:pk>/", views.expert_detail, name="expert-detail"),
    path("new/<int:project_pk>/", views.review_create, name="review-create"),
    path("<int:pk>/", views.review_detail, name="review-detail"),
    path("<int:pk>/draw/", views.review_draw, name="review-draw"),
    path("<int:pk>/opinion.docx", views.review_opinion_docx, name="review-opinion-docx"),
    path("<int:pk>/score/", views.review_score, name="review-score"),
    path("<int:pk>/replace/", views.assignment_replace, name="review-replace"),
    path("<int:pk>/sign/", views.review_sign, name="review-sign"),
    path("<int:pk>/close/", views.review_close, name="review-close"),
]
