import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.generics import RetrieveUpdateAPIView

from accounts.models import Area, Unit
from accounts.serializers import MeSerializer, UnitSerializer


class UnitFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices)
    area = django_filters.ChoiceFilter(choices=Area.choices)
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("valid on (YYYY-MM-DD)"))
    province_code = django_filters.CharFilter()

    class Meta:
        model = Unit
        fields = ["kind", "area", "valid_on", "province_code"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """The unit registry: every authenticated user may read it."""

    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    queryset = Unit.objects.prefetch_related("predecessors", "successors")


class TokenView(ObtainAuthToken):
    """POST username and password; the answer holds the token for ``Authorization: Token …``."""


class MeView(RetrieveUpdateAPIView):
    """The signed-in user; reminder preferences can be changed here."""

    serializer_class = MeSerializer

    def get_object(self):
        return self.request.user
