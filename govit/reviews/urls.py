from django.urls import path

from govit.reviews import views
from govit.reviews import workflow_views as wv

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
    path("<int:pk>/resubmit/", wv.supplement_resubmit, name="review-resubmit"),
    path("<int:pk>/refuse/", wv.signoff_refuse, name="review-refuse"),
    path("<int:pk>/signers/", wv.signoff_add, name="review-signoff-add"),
    path("preliminary/<int:project_pk>/", wv.preliminary_open, name="review-preliminary-open"),
    path("agency/<int:project_pk>/", wv.agency_commission, name="review-agency-commission"),
    path("decision/<int:project_pk>/", wv.decision_record, name="review-decision-record"),
    path("history/<int:project_pk>/", wv.project_history, name="review-project-history"),
    path("tasks/", wv.task_list, name="review-tasks"),
    path("tasks/<int:task_pk>/", wv.task_detail, name="review-task"),
    path("delegations/<int:delegation_pk>/end/", wv.delegation_end, name="review-delegation-end"),
]
