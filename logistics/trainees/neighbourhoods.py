"""The priority neighbourhoods (quartiers prioritaires de la ville, QPV) of Grand Chambéry.

The programme serves their residents first, and its funders count trainees per neighbourhood,
so a trainee's neighbourhood is one of these codes (or ``OUTSIDE``), never free text. The list
is the programme's own (see the domain notes, "Where people live").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Neighbourhood:
    code: str
    name: str
    commune: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.commune})"


OUTSIDE = "hors_qpv"
"""A resident of no priority neighbourhood: served too, counted apart."""

NEIGHBOURHOODS: tuple[Neighbourhood, ...] = (
    Neighbourhood("hauts_de_chambery", "Les Hauts-de-Chambéry", "Chambéry"),
    Neighbourhood("bellevue", "Bellevue", "Chambéry"),
    Neighbourhood("biollay", "Le Biollay", "Chambéry"),
    Neighbourhood("chantemerle", "Chantemerle", "Chambéry"),
    Neighbourhood("piochet", "Le Piochet", "Chambéry"),
    Neighbourhood("cassine", "La Cassine", "Chambéry"),
    Neighbourhood("mas_barral", "Le Mas Barral", "Chambéry"),
    Neighbourhood("clos_gaillard", "Le Clos Gaillard", "Barby"),
    Neighbourhood("epinettes", "Les Épinettes", "Barby, La Ravoire"),
    Neighbourhood("forgerie", "La Forgerie", "Cognin"),
    Neighbourhood("poterie", "La Poterie", "Cognin"),
    Neighbourhood("val_fleuri", "Le Val Fleuri", "La Ravoire"),
    Neighbourhood("fejaz", "Féjaz", "La Ravoire"),
    Neighbourhood("corbelet", "Le Corbelet", "Jacob-Bellecombette"),
    Neighbourhood("tournelles", "Les Tournelles", "Saint-Alban-Leysse"),
    Neighbourhood("chantres", "Les Chantres", "La Motte-Servolex"),
    Neighbourhood("espinier", "L'Espinier", "Saint-Baldoph"),
    Neighbourhood("pre_rond", "Le Pré Rond", "Saint-Baldoph"),
    Neighbourhood("galerie_chartreuse", "La Galerie de Chartreuse", "Barberaz"),
)

_BY_CODE = {neighbourhood.code: neighbourhood for neighbourhood in NEIGHBOURHOODS}
CODES = frozenset(_BY_CODE) | {OUTSIDE}


def label_of(code: str) -> str:
    """The French name a page shows for a stored code."""
    if code == OUTSIDE:
        return "Hors quartier prioritaire"
    return _BY_CODE[code].label
