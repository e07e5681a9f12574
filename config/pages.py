"""Web-page plumbing shared by every feature: a service's errors as form errors, saving with a revision."""

import functools

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext as _

from accounts.models import Unit
from config.revisions import Conflict, StaleRevision


def add_form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def stale_message() -> str:
    return _("Somebody changed this record after you opened it. Reload the page, then make your change again.")


def save_record(form, save):
    """Run a service that saves a unit's record from a valid form; a stale revision or the
    service's own rule becomes an error on the form. Returns the saved record, or None."""
    try:
        return save()
    except StaleRevision:
        form.add_error(None, stale_message())
    except Conflict as exc:  # e.g. the figures of an accepted report are locked
        form.add_error(None, str(exc))
    except ValidationError as exc:
        add_form_errors(form, exc)
    return None


def with_query(request, name: str) -> str:
    """The URL of the page ``name`` with this request's query string (``?plan=``, ``?unit=``), for the
    redirect after a form that was posted from it."""
    return reverse(name) + (f"?{request.GET.urlencode()}" if request.GET else "")


def quoted(text: str) -> str:
    """``text`` to go between “ ”: quotes inside it become ‘ ’, as Vietnamese nests them (a model named
    “Khu dân cư không ma túy” is saved as “Mô hình ‘Khu dân cư không ma túy’”, not with “ ” twice)."""
    return (text or "").replace("“", "‘").replace("”", "’").replace('"', "’")


def unit_filter(request) -> Unit | None:
    """The ?unit= a reviewer narrows a list to (a unit's users always see their own)."""
    if request.user.sees_all_units() and request.GET.get("unit", "").isdigit():
        return get_object_or_404(Unit, pk=request.GET["unit"])
    return None


@functools.cache
def _choice_labels(model, name: str) -> dict:
    return dict(make_hashable(model._meta.get_field(name).flatchoices))


def choice_label(instance, name: str) -> str:
    """``instance.get_<name>_display()`` with the field's choices read once per process (Django
    rebuilds them at each call: a list page's rows spent a good part of their time there)."""
    value = getattr(instance, name)
    return force_str(_choice_labels(type(instance), name).get(make_hashable(value), value), strings_only=True)


_ID_MARK = 987_654_321_987  # an id no table reaches, where the real one goes in a reversed URL


def url_with_id(cache: dict, name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for a route whose one argument is an integer id, reversed once per
    ``cache`` (a render's own ``render_context``) and the id put in: a list of rows, each with its
    link, otherwise reverses the same route once per row."""
    key = ("url_with_id", name)
    parts = cache.get(key)
    if parts is None:
        parts = cache[key] = reverse(name, args=[_ID_MARK]).rsplit(str(_ID_MARK), 1)
    return f"{parts[0]}{int(pk)}{parts[1]}"


def csrf_input(context) -> str:
    """``{% csrf_token %}``'s hidden input, made once per render: a page with a form on each row otherwise
    masks the token again for every row (one masked token serves every form of the response)."""
    key = "csrf_input"
    if key not in context.render_context:
        from django.template.defaulttags import CsrfTokenNode

        context.render_context[key] = CsrfTokenNode().render(context)
    return context.render_context[key]
