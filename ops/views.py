"""/healthz: for a load balancer or a monitor, without signing in."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ops.health import health


@never_cache
@require_GET
def healthz(request):
    """200 with a small JSON when the database, the broker, beat and the daily reminder scan are
    well; 503 with the reasons otherwise. Holds no secret: no address, user name or error text."""
    healthy, body = health()
    return JsonResponse(body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
