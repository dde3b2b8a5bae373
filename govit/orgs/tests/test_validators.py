import pytest
from django.core.exceptions import ValidationError

from govit.orgs.validators import (
    credit_code_check_character,
    is_valid_credit_code,
    validate_credit_code,
)

# Real, published codes (their check characters follow GB 32100-2015).
VALID = ["91350100M000100Y43", "91110000600037341L"]


@pytest.mark.parametrize("code", VALID)
def test_it_accepts_published_codes(code):
    assert is_valid_credit_code(code)
    validate_credit_code(code)


def test_it_accepts_lower_case_input():
    validate_credit_code(VALID[0].lower())


def test_it_computes_check_character_zero_when_the_sum_divides_by_31():
    # Find a body whose weighted sum is a multiple of 31: its check character is "0".
    body = next(
        f"1100000000000{n:04d}"
        for n in range(10000)
        if credit_code_check_character(f"1100000000000{n:04d}") == "0"
    )
    assert is_valid_credit_code(body + "0")


def test_it_refuses_a_wrong_check_character():
    with pytest.raises(ValidationError) as caught:
        validate_credit_code("91350100M000100Y44")
    assert caught.value.code == "credit_code_check"
    assert "3" in str(caught.value.messages)  # names the expected character


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("91350100M000100Y4", "credit_code_length"),
        ("91350100M000100Y433", "credit_code_length"),
        ("91350100M000100I43", "credit_code_chars"),  # I is never used
        ("91350100M000100O43", "credit_code_chars"),
    ],
)
def test_it_refuses_malformed_codes(code, error):
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(code)
    assert caught.value.code == error
    assert not is_valid_credit_code(code)
