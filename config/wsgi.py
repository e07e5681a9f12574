import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

# Ready before the first request, then kept out of the garbage collector's way: reading the URL
# patterns imports every view (about 2 s otherwise spent in the first request a worker serves), and
# gc.freeze() moves what start-up made (modules, models, views, URL patterns) to a permanent
# generation, so that the collections a request triggers walk only what requests make
# (bench/RESULTS.md, issue 14 goal 3).
get_resolver().url_patterns  # noqa: B018 - the import is the point
gc.freeze()
