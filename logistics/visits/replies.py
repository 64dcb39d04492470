"""What a trainee's answer to the reminder text means: « OK » confirms, « REPORT » asks to move.

People answer from their phone keyboard: capitals or not, an accent the keyboard added
(« reporté »), a full stop, a few words after (« ok merci »). The first word decides; anything
else is not an answer and is left for the staff's call.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class VisitReply(StrEnum):
    CONFIRMED = "confirmed"
    TO_MOVE = "to_move"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    VisitReply.CONFIRMED: "a confirmé par SMS",
    VisitReply.TO_MOVE: "demande par SMS à déplacer la visite",
}

_WORDS = {
    "ok": VisitReply.CONFIRMED,
    "okay": VisitReply.CONFIRMED,
    "oui": VisitReply.CONFIRMED,
    "report": VisitReply.TO_MOVE,
    "reporter": VisitReply.TO_MOVE,
    "reporte": VisitReply.TO_MOVE,
    "reportez": VisitReply.TO_MOVE,
}


def _plain(text: str) -> str:
    """Lower case, without accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def reading(text: str) -> VisitReply | None:
    """The answer ``text`` gives, or ``None`` when it is not one."""
    words = re.findall(r"[a-z]+", _plain(text))
    return _WORDS.get(words[0]) if words else None
