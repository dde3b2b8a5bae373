from django.urls import path

from govit.documents import views

urlpatterns = [
    path("projects/<int:project_pk>/", views.project_documents, name="project-documents"),
    path("<int:pk>/versions/", views.document_version_add, name="document-version-add"),
    path("versions/<int:pk>/download/", views.version_download, name="document-download"),
]
