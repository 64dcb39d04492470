"""An order of magnitude of the greenhouse gases avoided by reusing donated computers.

Conservative on purpose, and stated with its sources on every page that shows it:

- only desktops, laptops and screens are counted, with the carbon footprint of making a new
  equivalent (kg CO2e, "cradle-to-grave", ADEME Base Impacts figures as relayed by WeeeFund,
  « Comment mesurer l'impact environnemental du réemploi d'un ordinateur ? », juin 2021):
  portable 169, unité centrale 189, écran 21,5 pouces 236;
- only the units actually reused count: those the reconditioner reported as reused, or, when no
  report says so yet, the return rate of the agreement (10 % of the collected volume returns as
  working equipment) applied to these categories;
- recycling is not credited with any figure, and the impact of reconditioning itself is not
  deducted (ADEME, « Évaluation de l'impact environnemental d'un ensemble de produits
  reconditionnés », septembre 2022, finds it small next to making a new device but dependent on
  the parts replaced) — hence "ordre de grandeur".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

KG_CO2E_NEW: dict[str, float] = {"laptop": 169.0, "desktop": 189.0, "screen": 236.0}
SOURCE = (
    "Facteurs : empreinte carbone de fabrication d'un équipement neuf équivalent (kg CO₂e, "
    "analyse du cycle de vie complet) — portable 169, unité centrale 189, écran 21,5 pouces 236 — "
    "chiffres de la base de l'ADEME relayés par WeeeFund (« Comment mesurer l'impact "
    "environnemental du réemploi d'un ordinateur ? », juin 2021). Seules les unités réemployées "
    "comptent : celles que le reconditionneur a déclarées réemployées ou, à défaut, le taux de "
    "retour de la convention ({rate} %). Le recyclage n'est pas chiffré ; l'impact du "
    "reconditionnement n'est pas déduit (ADEME, « Évaluation de l'impact environnemental d'un "
    "ensemble de produits reconditionnés », 2022). Il s'agit d'un ordre de grandeur."
)


@dataclass(frozen=True)
class BenefitEstimate:
    reused_units: float
    kg_co2e: float
    from_reports: bool
    rate_percent: float

    @property
    def source(self) -> str:
        return SOURCE.format(rate=f"{self.rate_percent:g}")


def estimate(
    units: Mapping[str, int], reported_reused: Mapping[str, int], rate_percent: float
) -> BenefitEstimate:
    """Avoided kg CO2e from units per category and the units reported reused per category."""
    counted = {c: n for c, n in units.items() if c in KG_CO2E_NEW}
    if any(reported_reused.get(c, 0) for c in counted):
        reused = {c: float(reported_reused.get(c, 0)) for c in counted}
        from_reports = True
    else:
        reused = {c: n * rate_percent / 100 for c, n in counted.items()}
        from_reports = False
    kg = sum(reused[c] * KG_CO2E_NEW[c] for c in reused)
    return BenefitEstimate(round(sum(reused.values()), 1), round(kg), from_reports, rate_percent)
