"""Writes for organisations, users and memberships: one transaction and an audit event each."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.admin_base import snapshot_of
from govit.orgs.choices import ADMIN_ROLES
from govit.orgs.models import Membership, Organisation, User


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    parent: Organisation | None = None,
    budget_unit_count: int = 1,
    credit_code: str | None = None,
    short_name: str = "",
) -> Organisation:
    """Register an organisation after validating it (credit code check character included)."""
    organisation = Organisation(
        name=name,
        kind=kind,
        parent=parent,
        budget_unit_count=budget_unit_count,
        credit_code=credit_code or None,
        short_name=short_name,
    )
    organisation.full_clean()
    organisation.save()
    audit.record(
        actor=actor, action="organisation.create", obj=organisation, after=snapshot_of(organisation)
    )
    return organisation


@transaction.atomic
def user_create(
    *, actor: User | None, username: str, password: str, display_name: str = "", email: str = ""
) -> User:
    """Create a user account with a hashed password."""
    user = User(username=username, display_name=display_name, email=email)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor=actor, action="user.create", obj=user, after=snapshot_of(user))
    return user


@transaction.atomic
def membership_grant(
    *, actor: User | None, user: User, organisation: Organisation, role: str
) -> Membership:
    """Give ``user`` a role in ``organisation`` (a permission change, so audited).

    The three administrator roles are kept apart (三员分立): nobody gets a second one, and only
    the security administrator (or the installer, ``actor=None`` or a superuser) grants them.
    """
    from govit.orgs.policies import admin_roles_conflict, may_grant_admin_roles

    if role in ADMIN_ROLES:
        if actor is not None and not may_grant_admin_roles(actor):
            raise PermissionDenied(_("Only the security administrator grants administrator roles."))
        held = set(user.memberships.values_list("role", flat=True))
        if admin_roles_conflict(held, role):
            raise ValidationError(
                _("The system, security and audit administrators must be different people.")
            )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if created:
        audit.record(
            actor=actor,
            action="membership.grant",
            obj=membership,
            after={"user": user.pk, "organisation": organisation.pk, "role": role},
        )
    return membership


@transaction.atomic
def membership_revoke(*, actor: User | None, membership: Membership) -> None:
    """Take a role away from a user (a permission change, so audited)."""
    before = {
        "user": membership.user_id,
        "organisation": membership.organisation_id,
        "role": membership.role,
    }
    audit.record(actor=actor, action="membership.revoke", obj=membership, before=before)
    membership.delete()
