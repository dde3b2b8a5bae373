"""统一社会信用代码 (unified social credit code) per GB 32100-2015."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The 31 characters of the code, in value order (I, O, Z, S and V are never used).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def credit_code_check_character(first17: str) -> str:
    """Return the check character (the 18th) for the first 17 characters of a code."""
    total = sum(
        ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True)
    )
    return ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(code: str) -> bool:
    """Whether ``code`` has 18 valid characters and the right GB 32100 check character."""
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return False
    return credit_code_check_character(code[:17]) == code[17]


def validate_credit_code(value: str) -> None:
    """Django validator for 统一社会信用代码 fields."""
    code = value.strip().upper()
    if len(code) != LENGTH:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="credit_code_length",
            params={"count": len(code)},
        )
    bad = sorted({char for char in code if char not in ALPHABET})
    if bad:
        raise ValidationError(
            _("A unified social credit code cannot contain %(chars)s."),
            code="credit_code_chars",
            params={"chars": "".join(bad)},
        )
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("The check character should be %(expected)s, not %(actual)s: check the code."),
            code="credit_code_check",
            params={"expected": expected, "actual": code[17]},
        )


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_number_check_character(first17: str) -> str:
    """The check character of a resident identity card number (GB 11643-1999)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def validate_id_number(value: str) -> None:
    """An 18-character resident identity card number with its check character."""
    code = value.strip().upper()
    if len(code) != 18 or not code[:17].isdigit():
        raise ValidationError(
            _("A resident identity card number has 17 digits and a check character."),
            code="id_number_format",
        )
    if id_number_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character of this identity card number is wrong: check the number."),
            code="id_number_check",
        )


def validate_phone(value: str) -> None:
    """A mainland mobile number (11 digits from 1) or a landline with its area code."""
    import re

    if not re.fullmatch(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}", value.strip()):
        raise ValidationError(
            _("Enter an 11-digit mobile number or a landline number with its area code."),
            code="phone_format",
        )


class CharacterClassValidator:
    """A password uses at least three of: lower case, upper case, digits, other characters."""

    def __init__(self, classes: int = 3) -> None:
        self.classes = classes

    def validate(self, password: str, user: object = None) -> None:
        found = sum(
            [
                any(c.islower() for c in password),
                any(c.isupper() for c in password),
                any(c.isdigit() for c in password),
                any(not c.isalnum() for c in password),
            ]
        )
        if found < self.classes:
            raise ValidationError(
                _(
                    "The password must mix at least %(classes)d of: lower-case letters, "
                    "upper-case letters, digits and other characters."
                ),
                code="password_classes",
                params={"classes": self.classes},
            )

    def get_help_text(self) -> str:
        return str(
            _(
                "Use at least %(classes)d of: lower-case letters, upper-case letters, digits "
                "and other characters."
            )
            % {"classes": self.classes}
        )
