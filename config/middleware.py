"""Vietnamese first: the language is Vietnamese unless the user chose another one. Numbers out of
range in a page's address or filters answer 400, not 500."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from config.api import is_number_out_of_range, number_out_of_range_message


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but the browser's Accept-Language is not consulted: a
    Ministry computer set up in English still gets Vietnamese pages. A user who picks another
    language (the language cookie, set by /i18n/setlang/) gets that one."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = dict(settings.LANGUAGES)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class NumberOutOfRangeMiddleware:
    """A page asked with an id or a filter past 64 bits answers 400 with a Vietnamese message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_number_out_of_range(exception):
            return render(request, "400.html", {"message": number_out_of_range_message()}, status=400)
        return None  # any other error goes on to Django's handling
