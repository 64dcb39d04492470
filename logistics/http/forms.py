"""Reading a submitted form into the input Struct the API decodes, and showing it again refused.

A page validates its input with the same msgspec Struct as its API counterpart, so a rule is
written once. What a browser sends differs from JSON in ways this module absorbs in one place:
every value is text, an empty field means "not given", a phone keyboard types "2,5" for 2.5, an
unticked checkbox sends nothing, ``<input type="time">`` sends "09:30", and a list may be spread
over boxes named one each (``vehicle_12``). Every field that does not fit is reported at once,
in French (``logistics.http.problems.in_french``, the wording the API uses too), by input name
so the template shows each message beside its field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import time
from types import NoneType, UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import msgspec
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Template

from inventory.errors import DomainError, Invalid
from logistics.http.problems import in_french, status_and_title

FormData = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]
"""A urlencoded body as Litestar parses it: a text per name, a list of texts for a repeated one."""

S = TypeVar("S", bound=msgspec.Struct)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_LISTS = (list, tuple, set, frozenset)


@dataclass(frozen=True)
class Prefixed:
    """A list or dict field spread over inputs named ``<prefix><key>``.

    A list takes the keys of the inputs filled in (ticked boxes ``vehicle_12``, ``vehicle_15``
    give ``[12, 15]``); a dict maps each key to its input's text (``qty_laptop=6``), passed
    through ``parse(key, text)`` when the form shows an entry as one typed text.
    """

    prefix: str
    parse: Callable[[str, str], object] | None = None


class FormInvalid(Invalid):
    """Inputs of a form that do not fit its Struct, each with its French message.

    ``fields`` maps input names to messages for the template; the message lists them with
    their labels (the fields' ``title``) for the top of the page or an error page.
    """

    def __init__(self, fields: dict[str, str], labels: Mapping[str, str]) -> None:
        summary = " ".join(f"{labels[name]} : {message}." for name, message in fields.items())
        erreurs = [{"champ": name, "message": message} for name, message in fields.items()]
        super().__init__(summary, erreurs=erreurs)
        self.fields = fields


def form_with_error(template: str, context: dict[str, Any], error: DomainError) -> Template:
    """Show the same form again, filled in, with the refusal above it and, for fields that did
    not fit, each message beside its field (status as on the API)."""
    status, _ = status_and_title(error)
    fields = error.fields if isinstance(error, FormInvalid) else {}
    return Template(
        template, context={**context, "error": error.message, "errors": fields}, status_code=status
    )


def read_form(
    form: Mapping[str, Any],
    shape: type[S],
    *,
    names: Mapping[str, str | Prefixed] | None = None,
    given: Mapping[str, object] | None = None,
    defaults: Mapping[str, object] | None = None,
) -> S:
    """The form as an instance of ``shape``, or ``FormInvalid`` naming every input that does
    not fit.

    Each field reads the input of its name, or the one ``names`` gives it (another name, or a
    ``Prefixed`` group); ``given`` holds fields the page knows itself (an id from the path),
    ``defaults`` what an input left empty stands for on this page (today's date).
    Inputs the Struct does not declare (the CSRF token, a submit button) are ignored.
    """
    names, defaults = names or {}, defaults or {}
    values: dict[str, object] = dict(given or {})
    errors: dict[str, str] = {}
    labels: dict[str, str] = {}
    for field in msgspec.structs.fields(shape):
        if field.name in values:
            continue
        source = names.get(field.name, field.name)
        where = source.prefix if isinstance(source, Prefixed) else source
        try:
            if isinstance(source, Prefixed):
                found = _prefixed(form, source, field.type)
            else:
                found = _single(form, source, field.type)
            if found is _ABSENT:
                found = defaults.get(field.name, _ABSENT)
            if found is not _ABSENT:
                values[field.name] = _convert(found, field.type, where)
            elif field.required:
                raise _Refused(where, in_french("Object missing required field"))
        except _Refused as refused:
            errors[refused.input] = refused.message
            labels[refused.input] = _title(field.type) or field.name
    if errors:
        raise FormInvalid(errors, labels)
    return msgspec.convert(values, shape, strict=False)


class _Absent:
    """Nothing was typed: the field takes its default, or is reported as required."""


_ABSENT = _Absent()


class _Refused(Exception):
    """One input does not fit; ``input`` names it for the template."""

    def __init__(self, input_name: str, message: str) -> None:
        super().__init__(message)
        self.input = input_name
        self.message = message


def _convert(value: object, annotation: Any, input_name: str) -> object:
    try:
        return msgspec.convert(value, annotation, strict=False)
    except msgspec.ValidationError as error:
        raise _Refused(input_name, in_french(str(error).split(" - ", 1)[0])) from None


def _single(form: Mapping[str, Any], name: str, annotation: Any) -> object:
    bare, optional = _bare(annotation)
    if get_origin(bare) in _LISTS or bare in _LISTS:
        item, _ = _bare(_item_type(bare))
        return [_typed(text, item) for text in _texts(form, name) if text.strip()]
    text = next(iter(_texts(form, name)), "")
    if bare is bool and not optional and not text.strip():
        return False  # an unticked checkbox sends nothing
    if bare is str:
        return _ABSENT if optional and not text else text
    return _typed(text, bare) if text.strip() else _ABSENT


def _prefixed(form: Mapping[str, Any], group: Prefixed, annotation: Any) -> object:
    bare, _ = _bare(annotation)
    entries = {
        name[len(group.prefix) :]: text
        for name in form
        if name.startswith(group.prefix)
        for text in _texts(form, name)
        if text.strip()
    }
    if get_origin(bare) is dict:
        item = get_args(bare)[1]
        return {key: _entry(group, key, text, item) for key, text in entries.items()}
    item = _item_type(bare)
    return [_entry(group, key, key, item) for key in entries]


def _entry(group: Prefixed, key: str, text: str, item: Any) -> object:
    """One input of a group, converted alone so that its refusal is shown beside it."""
    try:
        value = group.parse(key, text) if group.parse else _typed(text, _bare(item)[0])
    except Invalid as error:
        raise _Refused(group.prefix + key, error.message) from None
    return _convert(value, item, group.prefix + key)


def _typed(text: str, bare: Any) -> object:
    """A typed text made readable to msgspec: decimal comma, time without seconds."""
    text = text.strip()
    if bare is float:
        return text.replace(",", ".")
    clock = _CLOCK.match(text) if bare is time else None
    return f"{int(clock[1]):02d}:{clock[2]}:00" if clock else text


def _texts(form: Mapping[str, Any], name: str) -> Iterable[str]:
    value = form.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _bare(annotation: Any) -> tuple[Any, bool]:
    """The type under its constraints and ``| None``, and whether None is accepted."""
    optional = False
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, UnionType):
            members = [a for a in get_args(annotation) if a is not NoneType]
            optional = optional or len(members) < len(get_args(annotation))
            annotation = members[0]
        else:
            return annotation, optional


def _item_type(bare: Any) -> Any:
    args = get_args(bare)
    return args[0] if args else str


def _title(annotation: Any) -> str | None:
    """The French name a field's ``msgspec.Meta(title=...)`` gives it, if any."""
    return next((meta.title for meta in _metas(annotation) if meta.title), None)


def _metas(annotation: Any) -> Iterator[msgspec.Meta]:
    if get_origin(annotation) is Annotated:
        yield from (m for m in annotation.__metadata__ if isinstance(m, msgspec.Meta))
        yield from _metas(get_args(annotation)[0])
    elif get_origin(annotation) in (Union, UnionType):
        for member in get_args(annotation):
            yield from _metas(member)
