"""Label tags (étiquettes) a person can read, type and say on the phone: ``RP-26-000123-G``.

A tag is the organisation code (2 to 4 letters), the two-digit year, a six-digit sequence and one
check character. Agents stick pre-printed labels in the field and scan or type them later, so a
typing slip must be caught at once rather than attach an item to somebody else's history.

Check character: a weighted sum modulo the prime 31, with the powers of 3 as weights (the
construction of ISO/IEC 7064's pure systems, taken with a prime whose symbols fit an alphabet
without ambiguous letters). In Horner form over the payload (the tag without dashes and without
its check character), each character valued as a base-36 digit (0-9 → 0-9, A-Z → 10-35)::

    p = 0
    for each character ch of payload: p = (p * 3 + base36(ch)) mod 31
    check = CHECK_ALPHABET[(-3 * p) mod 31]

In JavaScript: ``p = (p * 3 + parseInt(ch, 36)) % 31`` then ``CHECK_ALPHABET[(31 - (3 * p) % 31)
% 31]``. Why it catches every error the brief names: within a field the values of two different
allowed characters differ by less than 31, and 31 is prime, so changing one character changes the
sum (its weight 3^k is never 0 mod 31), and swapping neighbours a, b changes it by
(a - b) * 2 * 3^k, never 0 either; a swap across fields breaks the format (a letter where a digit
is due). ``CHECK_ALPHABET`` leaves out I, L, O, S and U; when typed as a check character, O, I, L
and S are read as 0, 1, 1 and 5, as a person would mean them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inventory.errors import Invalid

MODULUS = 31
WEIGHT = 3
CHECK_ALPHABET = "0123456789ABCDEFGHJKMNPQRTVWXYZ"
TAG_PATTERN = rf"^([A-Z]{{2,4}})(\d{{2}})(\d{{6}})([{CHECK_ALPHABET}])$"
"""A tag once upper-cased and stripped of spaces and dashes; the same regex works in JavaScript."""

_LOOKALIKES = str.maketrans("OILS", "0115")
_SEPARATORS = re.compile(r"[\s\-_.]+")
_TAG = re.compile(TAG_PATTERN)
_PREFIX = re.compile(r"^[A-Z]{2,4}$")
_LAST_SEQUENCE = 999_999


def check_character(payload: str) -> str:
    """The check character of a payload such as ``"RP26000123"`` (see the module docstring)."""
    p = 0
    for ch in payload:
        p = (p * WEIGHT + int(ch, 36)) % MODULUS
    return CHECK_ALPHABET[(-WEIGHT * p) % MODULUS]


@dataclass(frozen=True, order=True)
class Tag:
    """A valid tag; ``str(tag)`` is the printed form with dashes."""

    prefix: str
    year: int
    sequence: int

    @property
    def payload(self) -> str:
        return f"{self.prefix}{self.year:02d}{self.sequence:06d}"

    @property
    def check(self) -> str:
        return check_character(self.payload)

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year:02d}-{self.sequence:06d}-{self.check}"


def make_tag(prefix: str, year: int, sequence: int) -> Tag:
    """A tag from its parts; ``year`` may be given in full (2026) or as two digits (26)."""
    code = prefix.strip().upper()
    if not _PREFIX.match(code):
        raise Invalid(
            f"Code d'organisation « {prefix} » invalide : 2 à 4 lettres sans accent.",
            prefix=prefix,
        )
    if not (0 <= year <= 99 or 2000 <= year <= 2099):
        raise Invalid(f"Année {year} invalide pour une étiquette.", year=year)
    if not 1 <= sequence <= _LAST_SEQUENCE:
        raise Invalid(
            f"Numéro {sequence} invalide : il doit aller de 1 à {_LAST_SEQUENCE}.",
            sequence=sequence,
        )
    return Tag(code, year % 100, sequence)


def format_tag(prefix: str, year: int, sequence: int) -> str:
    """The printed tag, e.g. ``format_tag("RP", 2026, 123) == "RP-26-000123-G"``."""
    return str(make_tag(prefix, year, sequence))


_LIST_SEPARATORS = re.compile(r"[\n,;]+")


def split_tags(text: str) -> list[str]:
    """The tags of a typed or pasted list: one per line (or between commas).

    Within a line, spaces separate tags unless the line read as a whole is one tag: the phone
    reads "rp 26 000123 g" as RP-26-000123-G, so a form must too.
    """
    tags: list[str] = []
    for line in _LIST_SEPARATORS.split(text):
        compact = _SEPARATORS.sub("", line).upper()
        if _TAG.match(compact[:-1] + compact[-1:].translate(_LOOKALIKES)):
            tags.append(line.strip())
        else:
            tags.extend(line.split())
    return tags


def parse_tag(text: str) -> Tag:
    """The tag a person typed or a scanner read; forgiving of case, spaces and missing dashes.

    Raises ``Invalid`` with a French message when the format is wrong or the check character
    does not match (a typing slip).
    """
    compact = _SEPARATORS.sub("", text).upper()
    if compact[-1:] in "OILS":
        compact = compact[:-1] + compact[-1:].translate(_LOOKALIKES)
    found = _TAG.match(compact)
    if not found:
        raise Invalid(
            f"Étiquette « {text.strip()} » illisible : le format attendu est RP-26-000123-G "
            "(code, année, numéro à 6 chiffres, caractère de contrôle).",
            tag=text,
        )
    prefix, year, sequence, check = found.groups()
    tag = Tag(prefix, int(year), int(sequence))
    if tag.check != check:
        raise Invalid(
            f"Étiquette {prefix}-{year}-{sequence}-{check} invalide : le caractère de contrôle "
            "ne correspond pas, vérifiez la saisie.",
            tag=text,
        )
    return tag


def tag_block(prefix: str, year: int, first_sequence: int, count: int) -> list[Tag]:
    """``count`` consecutive tags for a sheet of blank pre-numbered labels."""
    if count < 1:
        raise Invalid("Le nombre d'étiquettes doit être d'au moins 1.", count=count)
    first = make_tag(prefix, year, first_sequence)
    last = make_tag(prefix, year, first_sequence + count - 1)
    return [Tag(first.prefix, first.year, n) for n in range(first.sequence, last.sequence + 1)]
