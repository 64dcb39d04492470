"""The kinds of organisation that hold the hardware along its journey, with French labels.

An organisation is a custodian in the chain of custody (the collecting association, the
reconditioner) or a partner (the installing association, the coordinating body), so its kind
belongs to the inventory; user roles built on top of it live in the application.
"""

from __future__ import annotations

from enum import StrEnum


class OrganisationKind(StrEnum):
    COLLECTING = "collecting"  # association de collecte (Régie Plus)
    INSTALLING = "installing"  # association d'installation (BLÉ)
    RECONDITIONER = "reconditioner"  # reconditionneur agréé DEEE (TRIRA)
    COORDINATING = "coordinating"  # coordination (Grand Chambéry)

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    OrganisationKind.COLLECTING: "Association de collecte",
    OrganisationKind.INSTALLING: "Association d'installation",
    OrganisationKind.RECONDITIONER: "Reconditionneur agréé",
    OrganisationKind.COORDINATING: "Coordination",
}


class DonorKind(StrEnum):
    ENTREPRISE = "entreprise"
    COLLECTIVITE = "collectivite"
    ASSOCIATION = "association"
    PARTICULIER = "particulier"

    @property
    def label(self) -> str:
        return _DONOR_LABELS[self]


_DONOR_LABELS = {
    DonorKind.ENTREPRISE: "Entreprise",
    DonorKind.COLLECTIVITE: "Collectivité",
    DonorKind.ASSOCIATION: "Association",
    DonorKind.PARTICULIER: "Particulier",
}


class GeocodingStatus(StrEnum):
    PENDING = "pending"  # not tried yet
    LOCATED = "located"  # found by the address base
    NOT_LOCATED = "not_located"  # no network or no match: the manager places it by hand
    MANUAL = "manual"  # placed by hand

    @property
    def label(self) -> str:
        return _GEOCODING_LABELS[self]


_GEOCODING_LABELS = {
    GeocodingStatus.PENDING: "à localiser",
    GeocodingStatus.LOCATED: "localisée",
    GeocodingStatus.NOT_LOCATED: "non localisée",
    GeocodingStatus.MANUAL: "placée à la main",
}
