"""Confirmations after a form is saved: the redirect names what was done (``?fait=vehicule``)
and every page says so in one sentence at its top.

A word in the address rather than a flash message kept in a session: the pages' sessions live
in the database for authentication only, and the word picks a fixed sentence from ``NOTICES``,
so nothing typed into an address is ever echoed on the page.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.response import Redirect

NOTICES = {
    "enregistre": "Enregistré.",
    "donateur": "Donateur enregistré.",
    "enlevement": "Demande d'enlèvement enregistrée.",
    "annulee": "Demande d'enlèvement annulée.",
    "vehicule": "Véhicule enregistré.",
    "hors-service": "Véhicule mis hors service : il ne sera plus proposé pour les tournées.",
    "en-service": "Véhicule remis en service.",
    "desactive": "Compte désactivé : la personne ne peut plus se connecter.",
    "reactive": "Compte réactivé.",
    "depart": "Heure de départ enregistrée.",
    "equipage": "Équipage enregistré.",
    "publie": "Planning publié : les agents voient leurs tournées.",
    "lot": "Lot enregistré.",
    "envoye": "Message remis dans la file d'envoi.",
    "appel": "Appel noté.",
    "agenda": "Nouveau lien d'agenda créé : l'ancien, s'il y en avait un, ne fonctionne plus.",
    "agenda-revoque": "Lien d'agenda révoqué : votre agenda ne reçoit plus vos visites.",
    "objet": "Objet enregistré.",
    "stock": "Les objets sont en stock au dépôt.",
    "signee": "Collecte signée par le donateur.",
    "retrait": "Ligne retirée ; le retrait reste dans l'historique de la collecte.",
    "fiche": "Fiche salarié enregistrée.",
    "indisponibilite": "Indisponibilité enregistrée : le planning de l'équipe en tient compte.",
    "indisponibilite-retiree": "Indisponibilité retirée ; l'historique du salarié la garde.",
    "mot-de-passe": "Mot de passe changé. Vos autres sessions ont été fermées.",
    "donateur-desactive": "Donateur désactivé : il n'est plus proposé pour les collectes.",
    "donateur-reactive": "Donateur réactivé.",
    "collecte": "Collecte ouverte : ajoutez-y les objets.",
    "etat-objet": "Changement d'état de l'objet enregistré.",
    "appareil": "Appareil enregistré.",
    "etat-appareil": "Changement d'état de l'appareil enregistré.",
    "convention": "Convention enregistrée.",
    "lien-revoque": "Lien révoqué : il ne donne plus accès aux documents du donateur.",
    "attestation": "Attestation établie.",
    "planning": "Planning calculé : vérifiez les tournées, puis publiez-le.",
    "deplacement": "Arrêt déplacé.",
    "ajout": "Demande ajoutée à la tournée.",
    "reprise": "Planning repris en brouillon : les agents ne voient plus ses tournées.",
    "localise": "Donateur localisé.",
    "non-localise": "Adresse non localisée : placez le donateur sur la carte.",
    "localisations": "Localisation terminée : la liste montre les donateurs qui restent à placer.",
    "place": "Position du donateur enregistrée.",
    "depot": "Dépôt enregistré.",
    "visite": "Visite réservée.",
    "visite-deplacee": "Visite déplacée.",
    "visite-annulee": "Visite annulée : le créneau est libre.",
    "depannage": "Dépannage ouvert.",
    "depannage-note": "Dépannage enregistré.",
    "depannage-clos": "Dépannage clos.",
    "appareil-repris": "Appareil repris : son nouvel état est dans son historique.",
    "beneficiaire": "Bénéficiaire enregistré(e).",
    "cycle": "Cycle enregistré.",
    "seance": "Séance ajoutée au cycle.",
    "seance-deplacee": "Séance déplacée ; son émargement la suit.",
    "inscription": "Inscription enregistrée.",
    "abandon": "Départ de la formation enregistré : la place est libérée.",
    "emargement": "Émargement enregistré.",
    "reserve": "Appareil réservé : faites signer le contrat de mise à disposition.",
    "contrat-signe": "Contrat signé : l'appareil est attribué à la personne.",
    "installe": "Installation enregistrée.",
    "liberee": "Attribution libérée : l'appareil est de nouveau en stock.",
    "rendu": "Appareil rendu : il est de nouveau en stock.",
}


def saved(url: str, what: str = "enregistre") -> Redirect:
    """Redirect to ``url`` (after a POST) so that the page opened confirms ``what`` was done."""
    if what not in NOTICES:
        raise ValueError(f"no notice named {what!r}")
    path, hash_, fragment = url.partition("#")
    joiner = "&" if "?" in path else "?"
    return Redirect(f"{path}{joiner}fait={what}{hash_}{fragment}")


def notice_for(request: Request[Any, Any, Any] | None) -> str:
    """The sentence the address asks for, or nothing (an unknown word is ignored)."""
    if request is None:
        return ""
    return NOTICES.get(request.query_params.get("fait", ""), "")
