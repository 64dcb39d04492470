"""The one place where errors become responses.

Domain errors and HTTP errors become RFC 9457 problem-details JSON on the API and a friendly
French page elsewhere. Anything unexpected is logged with its traceback and answered with a
generic 500 that shows none of it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from litestar import MediaType, Request, Response
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from inventory.errors import (
    Conflict,
    DomainError,
    Forbidden,
    IllegalTransition,
    Invalid,
    NotFound,
    TooManyAttempts,
)
from logistics.accounts.service import BadCredentials

logger = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"

# Most specific first: the first class an error is an instance of decides.
DOMAIN_ERRORS: list[tuple[type[DomainError], int, str]] = [
    (NotFound, 404, "Introuvable"),
    (IllegalTransition, 409, "Changement d'état impossible"),
    (Conflict, 409, "Conflit"),
    (Invalid, 422, "Données refusées"),
    (Forbidden, 403, "Action non autorisée"),
    (TooManyAttempts, 429, "Trop de tentatives"),
    (BadCredentials, 401, "Connexion refusée"),
]

# French words for the HTTP errors Litestar raises itself (routing, guards, parsing, CSRF).
HTTP_TITLES: dict[int, tuple[str, str]] = {
    400: ("Requête invalide", "La requête est mal formée."),
    401: ("Authentification requise", "Connectez-vous pour continuer."),
    403: ("Action non autorisée", "Vous n'avez pas le droit de faire cette action."),
    404: ("Introuvable", "Rien ne se trouve à cette adresse."),
    405: ("Méthode non autorisée", "Cette action n'est pas possible à cette adresse."),
    413: ("Requête trop volumineuse", "Les données envoyées sont trop volumineuses."),
    415: ("Format non pris en charge", "Ce format de données n'est pas accepté."),
    429: ("Trop de requêtes", "Trop de requêtes : patientez un peu avant de réessayer."),
}
CSRF_MESSAGE = (
    "Le formulaire a expiré ou ne vient pas de cette application : rechargez la page et réessayez."
)


@dataclass(frozen=True)
class NextStep:
    """What an error page tells a person to do next, in words, with the one link that does it.

    ``back`` links to the page the person came from (the form, when a form was refused) if it
    is a page of this application, else to the home page.
    """

    text: str
    label: str
    href: str = "/"
    back: bool = False


_HOME = NextStep("Revenez à l'accueil et reprenez depuis les menus.", "Revenir à l'accueil")
_FORM = NextStep(
    "Revenez au formulaire, corrigez ce qui est indiqué et envoyez-le de nouveau.",
    "Revenir au formulaire",
    back=True,
)
# The people reading these pages are not developers: a status becomes an instruction.
NEXT_STEPS: dict[int, NextStep] = {
    400: _FORM,
    401: NextStep("Connectez-vous, puis recommencez.", "Se connecter", "/connexion"),
    403: NextStep(
        "Votre compte ne permet pas cette action. Si vous en avez besoin, demandez-la à un "
        "responsable de votre association, ou revenez à l'accueil.",
        "Revenir à l'accueil",
    ),
    404: NextStep(
        "Cette page n'existe pas ou n'est pas de votre association. Revenez à l'accueil.",
        "Revenir à l'accueil",
    ),
    409: NextStep(
        "Quelqu'un a peut-être changé cet élément entre-temps : revenez à la page pour voir son "
        "état actuel, puis recommencez si c'est encore utile.",
        "Revenir à la page",
        back=True,
    ),
    413: NextStep(
        "Revenez au formulaire et envoyez un fichier plus petit.",
        "Revenir au formulaire",
        back=True,
    ),
    422: _FORM,
    429: NextStep(
        "Patientez une minute, puis réessayez.", "Revenir à la page précédente", back=True
    ),
    500: NextStep(
        "Réessayez dans quelques minutes. Si l'erreur revient, prévenez la personne qui gère "
        "l'application en disant ce que vous faisiez.",
        "Revenir à l'accueil",
    ),
}
CSRF_NEXT_STEP = NextStep(
    "Revenez au formulaire, rechargez la page, puis envoyez-le de nouveau.",
    "Revenir au formulaire",
    back=True,
)


def next_step_link(request: Request[Any, Any, Any], step: NextStep) -> str:
    """Where the next step's link goes: the page the person came from when it is one of ours
    (a browser sends it as the Referer), else the step's own address."""
    came_from = urlsplit(request.headers.get("referer", ""))
    if step.back and came_from.netloc == request.url.netloc and came_from.path:
        return came_from.path + (f"?{came_from.query}" if came_from.query else "")
    return step.href


def is_api(request: Request[Any, Any, Any]) -> bool:
    return request.url.path.startswith("/api/")


# msgspec's wording, put in French once for the API's errors list and the pages' fields: the
# first pattern that matches decides; ``{n}`` is the bound msgspec names.
_VALIDATION_WORDING = [
    (re.compile(r"^Object missing required field"), "obligatoire"),
    (re.compile(r"^Object contains unknown field"), "champ inconnu"),
    (re.compile(r"^Expected `str` of length >= 1\b"), "obligatoire"),
    (re.compile(r"^Expected `str` of length >= (?P<n>\d+)"), "au moins {n} caractères"),
    (re.compile(r"^Expected `str` of length <= (?P<n>\d+)"), "au plus {n} caractères"),
    (re.compile(r"^Expected `array` of length >= (?P<n>\d+)"), "en choisir au moins {n}"),
    (re.compile(r"^Expected `array` of length <= (?P<n>\d+)"), "en choisir au plus {n}"),
    (re.compile(r"^Expected `str` matching regex"), "format non accepté"),
    (re.compile(r"^Expected `(int|float)` >= 0(\.0)?$"), "ne peut pas être négatif"),
    (re.compile(r"^Expected `(int|float)` >= (?P<n>[-\d.]+)"), "au moins {n}"),
    (re.compile(r"^Expected `(int|float)` > (?P<n>[-\d.]+)"), "doit dépasser {n}"),
    (re.compile(r"^Expected `(int|float)` <= (?P<n>[-\d.]+)"), "au plus {n}"),
    (re.compile(r"^Expected `(int|float)` < (?P<n>[-\d.]+)"), "doit rester sous {n}"),
    (re.compile(r"^Invalid (enum|literal) value"), "choisissez une valeur de la liste"),
    (
        re.compile(r"^(Invalid RFC3339 encoded date$|Expected `date`)"),
        "saisissez une date (jj/mm/aaaa)",
    ),
    (
        re.compile(r"^(Invalid RFC3339 encoded time$|Expected `time`)"),
        "saisissez une heure (hh:mm)",
    ),
    (re.compile(r"^Expected `int"), "saisissez un nombre entier"),
    (re.compile(r"^Expected `float"), "saisissez un nombre"),
    (re.compile(r"^Expected `bool"), "oui ou non"),
    (re.compile(r"^Expected `"), "type de valeur incorrect"),
]


def _bound(number: str) -> str:
    """A bound as a French reader writes it: 0.5 → 0,5 and 1.0 → 1."""
    return number.removesuffix(".0").replace(".", ",")


def in_french(message: str) -> str:
    """msgspec's (or Litestar's) validation message as the French words shown beside a field."""
    for pattern, french in _VALIDATION_WORDING:
        found = pattern.search(message)
        if found:
            return french.format(n=_bound(found.groupdict().get("n") or ""))
    return "valeur refusée"


def _validation_errors(exc: ValidationException) -> list[dict[str, str]]:
    extra = exc.extra if isinstance(exc.extra, list) else []
    errors = []
    for item in extra:
        if not isinstance(item, dict):
            continue
        message = str(item.get("message", ""))
        missing = re.search(r"field `(\w+)`", message)
        field = str(item.get("key") or (missing.group(1) if missing else ""))
        errors.append({"champ": field, "message": in_french(message)})
    return errors


def problem(
    request: Request[Any, Any, Any],
    status: int,
    title: str,
    detail: str,
    next_step: NextStep | None = None,
    **extra: Any,
) -> Response[Any]:
    """A problem-details response on the API, a French error page elsewhere; the page says
    what to do next (``next_step``, else the one for its status)."""
    if is_api(request):
        body = {
            "type": "about:blank",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": request.url.path,
            **extra,
        }
        return Response(body, status_code=status, media_type=PROBLEM_JSON)
    step = next_step or NEXT_STEPS.get(status, _HOME)
    return Template(
        template_name="error.html",
        context={
            "status": status,
            "title": title,
            "detail": detail,
            "next_step": step.text,
            "next_link": next_step_link(request, step),
            "next_label": step.label,
            **extra,
        },
        status_code=status,
        media_type=MediaType.HTML,
    )


def status_and_title(exc: DomainError) -> tuple[int, str]:
    """The HTTP status and French title of a domain error (the first matching class decides)."""
    for cls, status, title in DOMAIN_ERRORS:
        if isinstance(exc, cls):
            return status, title
    return 400, "Requête refusée"


def domain_error_handler(request: Request[Any, Any, Any], exc: DomainError) -> Response[Any]:
    status, title = status_and_title(exc)
    return problem(request, status, title, exc.message, **exc.details)


def http_error_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    status = exc.status_code
    if isinstance(exc, NotAuthorizedException) and not is_api(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return Redirect(f"/connexion?suivant={quote(target)}")
    title, detail = HTTP_TITLES.get(status, ("Erreur", "La requête n'a pas pu aboutir."))
    extra: dict[str, Any] = {}
    step = None
    if isinstance(exc, ValidationException):
        title, detail = "Données invalides", "Certaines données envoyées sont invalides."
        extra["erreurs"] = _validation_errors(exc)
    elif isinstance(exc, PermissionDeniedException) and "CSRF" in str(exc.detail):
        detail, step = CSRF_MESSAGE, CSRF_NEXT_STEP
    return problem(request, status, title, detail, step, **extra)


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    logger.exception("Unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(
        request,
        HTTP_500_INTERNAL_SERVER_ERROR,
        "Erreur interne",
        "Une erreur inattendue s'est produite. Elle a été enregistrée ; réessayez plus tard.",
    )


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: domain_error_handler,
    HTTPException: http_error_handler,
    Exception: internal_error_handler,
}
