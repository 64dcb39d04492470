"""The right-of-access export as a French PDF, for the person to read or take home.

Plain, short sections in the order of the person's journey: who they are for the association,
their course and attendance, the devices lent to them, the visits to their home, the help they
got after it, and who opened their file. Long texts (a problem, what was done) are paragraphs,
never cut.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from inventory.certificates.document import DonorDocument
from logistics.french import french_date
from logistics.privacy.export import PersonalData
from logistics.settings import get_settings
from logistics.visits.windows import window_text

TITLE = "Données personnelles"


def _when(value: datetime | date | None) -> str:
    """ "3 décembre 2026 à 14:05" (a day alone for a date); "—" when nothing was recorded."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        local = value.astimezone(get_settings().timezone)
        return f"{french_date(local)} à {local:%H:%M}"
    return french_date(value)


def _yes(value: bool | None) -> str:
    return {True: "oui", False: "non", None: "—"}[value]


def _person(document: DonorDocument, person: dict[str, Any]) -> None:
    document.heading("Ce que l'association sait de vous")
    consents = [
        w
        for w, given in (("SMS", person["consent_sms"]), ("courriel", person["consent_email"]))
        if given
    ]
    document.fields(
        [
            ("Prénom et nom", f"{person['first_name']} {person['last_name']}".strip()),
            ("Téléphone", person["phone"]),
            ("Courriel", person["email"]),
            (
                "Adresse",
                " ".join(p for p in (person["address"], person["postcode"], person["city"]) if p),
            ),
            ("Quartier", person["neighbourhood"]),
            ("Orienté(e) par", person["prescriber"]),
            ("Internet à la maison", person["internet_at_home"]),
            ("Ordinateur à la maison", _yes(person["has_computer"])),
            ("Appareil souhaité", person["device_wanted"]),
            ("Accepte d'être contacté(e)", " et ".join(consents) or "non"),
            ("Depuis le", _when(person["consent_on"])),
            ("Remarques", person["notes"]),
            ("Inscrit(e) le", _when(person["registered_at"])),
        ]
    )


def _course(document: DonorDocument, enrolments: list[dict[str, Any]]) -> None:
    document.heading("Formation et présences")
    if not enrolments:
        document.paragraph("Aucun cycle de formation.")
    for enrolment in enrolments:
        left = f", quitté le {_when(enrolment['left_on'])}" if enrolment["left_on"] else ""
        document.paragraph(
            f"{enrolment['cycle']} : du {_when(enrolment['starts_on'])} au "
            f"{_when(enrolment['ends_on'])}{left}"
            + (f" ({enrolment['left_reason']})" if enrolment["left_reason"] else "")
        )
        document.grid(
            ["Séance", "Date", "Lieu", "Présence"],
            [20, 45, 85, 30],
            [
                [
                    str(s["module"]),
                    _when(s["day"]),
                    s["place"],
                    "présent(e)" if s["present"] else "absent(e)",
                ]
                for s in enrolment["sessions"]
            ],
        )


def _devices(document: DonorDocument, lent: list[dict[str, Any]]) -> None:
    document.heading("Appareils prêtés")
    if not lent:
        document.paragraph("Aucun appareil.")
    for a in lent:
        document.fields(
            [
                ("Appareil", f"{a['device']} ({a['state']})"),
                ("Contrat", a["contract_number"]),
                ("Signé le", _when(a["contract_signed_at"])),
                ("Installé le", _when(a["installed_at"])),
                ("Internet fonctionne", _yes(a["with_internet"])),
                ("Rendu ou libéré le", _when(a["ended_at"])),
                ("Motif", a["end_reason"]),
            ]
        )
        document.ln(2)


def _visits(document: DonorDocument, visits: list[dict[str, Any]]) -> None:
    document.heading("Visites à domicile")
    if not visits:
        document.paragraph("Aucune visite.")
        return
    document.grid(
        ["Date", "Créneau", "Avec", "Adresse", "État"],
        [32, 30, 32, 56, 30],
        [
            [
                _when(v["day"]),
                window_text(_time(v["window_start"]), _time(v["window_end"])),
                v["staff_member"],
                v["address"],
                v["status"],
            ]
            for v in visits
        ],
    )


def _time(value: time | str) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


def _tickets(document: DonorDocument, tickets: list[dict[str, Any]]) -> None:
    document.heading("Dépannages")
    if not tickets:
        document.paragraph("Aucun dépannage.")
    for t in tickets:
        document.paragraph(
            f"N° {t['id']} du {_when(t['opened_on'])}, {t['mode']} ({t['status']}) : {t['problem']}"
        )
        if t["work_done"]:
            document.paragraph(f"Ce qui a été fait : {t['work_done']}", size=9)


def _accesses(document: DonorDocument, accesses: list[dict[str, Any]]) -> None:
    document.heading("Qui a consulté vos données")
    document.grid(
        ["Quand", "Qui", "Quoi"],
        [50, 70, 60],
        [[_when(a["at"]), a["who"], a["action"]] for a in accesses],
    )


def render_export(data: PersonalData) -> bytes:
    """The PDF of one trainee's data."""
    document = DonorDocument(TITLE, f"n° {data.person['id']}", data.association)
    document.alias_nb_pages()
    document.title_block(
        f"{TITLE} de {data.name}",
        f"Ce que {data.association} garde à votre sujet, au {_when(data.exported_at)}.",
    )
    _person(document, data.person)
    _course(document, data.enrolments)
    _devices(document, data.assignments)
    _visits(document, data.visits)
    _tickets(document, data.tickets)
    _accesses(document, data.accesses)
    return bytes(document.output())
