"""The controlled list of hardware categories (catégories de matériel) and what each one implies.

Agents pick a category when they log an item; free text would make the ledger and the depot stock
unreadable. Each category decides three rules of the journey:

- whether it is *labelled* (one item, one tag: computers, screens, phones…) or logged as a
  *quantity line* ("12 claviers") because a tag on every mouse would cost more than the mouse;
- whether it counts as a *computer* for a return quota whose basis is a count of computers;
- whether it *usually holds storage media* (disk, SSD, memory card) that TRIRA must wipe, so the
  agent is asked the question by default.

Codes are stable ASCII strings stored in the database and sent by the phone app; labels are French.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from inventory.errors import Invalid


@dataclass(frozen=True)
class CategoryTraits:
    """The rules a category carries; see the module docstring for why each one matters."""

    label: str
    labelled: bool
    computer: bool = False
    holds_storage: bool = False


class Category(StrEnum):
    """A hardware category; the value is the stable code, ``label`` the French name."""

    DESKTOP = "desktop"
    LAPTOP = "laptop"
    SCREEN = "screen"
    PRINTER = "printer"
    TABLET = "tablet"
    SMARTPHONE = "smartphone"
    SERVER = "server"
    NETWORK = "network"
    STORAGE_MEDIA = "storage_media"
    KEYBOARD_MOUSE = "keyboard_mouse"
    PERIPHERAL = "peripheral"
    CABLES_MISC = "cables_misc"

    @property
    def traits(self) -> CategoryTraits:
        return _TRAITS[self]

    @property
    def label(self) -> str:
        return self.traits.label

    @property
    def is_labelled(self) -> bool:
        """One item, one tag; otherwise logged as a quantity line."""
        return self.traits.labelled

    @property
    def is_computer(self) -> bool:
        """Counted in the basis of a quota agreed as "a count of computers"."""
        return self.traits.computer

    @property
    def usually_holds_storage(self) -> bool:
        """Default answer to "does it hold storage media to wipe?" when the agent logs it."""
        return self.traits.holds_storage

    @classmethod
    def parse(cls, code: str) -> Category:
        """The category for a code typed or sent by a client; refuses anything off the list."""
        try:
            return cls(code.strip().lower())
        except ValueError:
            raise Invalid(
                f"Catégorie « {code} » inconnue : choisissez une catégorie de la liste.",
                category=code,
            ) from None


_TRAITS: dict[Category, CategoryTraits] = {
    Category.DESKTOP: CategoryTraits("unité centrale", True, computer=True, holds_storage=True),
    Category.LAPTOP: CategoryTraits("portable", True, computer=True, holds_storage=True),
    Category.SCREEN: CategoryTraits("écran", True),
    Category.PRINTER: CategoryTraits("imprimante", True),
    Category.TABLET: CategoryTraits("tablette", True, holds_storage=True),
    Category.SMARTPHONE: CategoryTraits("smartphone", True, holds_storage=True),
    Category.SERVER: CategoryTraits("serveur", True, holds_storage=True),
    Category.NETWORK: CategoryTraits("réseau (switch, routeur, borne)", True),
    Category.STORAGE_MEDIA: CategoryTraits("disque dur ou SSD seul", True, holds_storage=True),
    Category.KEYBOARD_MOUSE: CategoryTraits("clavier/souris", False),
    Category.PERIPHERAL: CategoryTraits("autre périphérique (haut-parleur, webcam…)", False),
    Category.CABLES_MISC: CategoryTraits("câbles et divers", False),
}

LABELLED_CATEGORIES = frozenset(c for c in Category if c.is_labelled)
QUANTITY_CATEGORIES = frozenset(c for c in Category if not c.is_labelled)
COMPUTER_CATEGORIES = frozenset(c for c in Category if c.is_computer)
STORAGE_CATEGORIES = frozenset(c for c in Category if c.usually_holds_storage)
