from django.contrib.auth import views as auth_views
from django.urls import path

from govit.core.permissions import PUBLIC, permission
from govit.orgs import views
from govit.orgs.signin import SignInView

urlpatterns = [
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", permission(PUBLIC)(auth_views.LogoutView.as_view()), name="logout"),
    path("two-factor/", views.two_factor_verify, name="two-factor-verify"),
    path("two-factor/enrol/", views.two_factor_enrol, name="two-factor-enrol"),
    path("audit-trail/", views.audit_trail, name="audit-trail"),
    path("sessions/", views.session_list, name="session-list"),
    path("password/", views.password_change, name="password-change"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
]
