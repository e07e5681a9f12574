"""Strings shown by third-party apps that ship no Vietnamese translation (Django's admin facets,
DRF's token admin, django-axes). Listing them here lets makemessages collect them into
locale/vi, whose translations take precedence over the apps' own catalogues."""

from django.utils.translation import gettext_noop

THIRD_PARTY_STRINGS = [
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Auth Token"),
    gettext_noop("Token"),
    gettext_noop("Tokens"),
    gettext_noop("Axes"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
]
