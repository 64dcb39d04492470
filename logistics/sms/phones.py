"""Phone numbers as people write them ("06 12 34 56 78") and as gateways want them (+33612345678).

Trainees' numbers are typed by staff in any layout; the gateway wants E.164, and an incoming
text carries its sender in E.164 (or, on some phones, as the operator wrote it): both sides
go through ``international`` before they are compared.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-/()]")
_INTERNATIONAL = re.compile(r"\+[1-9]\d{7,14}")
_FRENCH = re.compile(r"0[1-9]\d{8}")


def international(phone: str, country_code: str = "33") -> str | None:
    """``phone`` in E.164 (French numbers without their country code get +33), or ``None``
    when it is not a phone number."""
    digits = _SEPARATORS.sub("", phone or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith(f"+{country_code}0"):  # "+33 (0)6 …"
        digits = f"+{country_code}" + digits[len(country_code) + 2 :]
    if _INTERNATIONAL.fullmatch(digits):
        return digits
    if _FRENCH.fullmatch(digits):
        return f"+{country_code}{digits[1:]}"
    return None
