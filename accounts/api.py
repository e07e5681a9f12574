import django_filters
from django.contrib.auth import authenticate, logout
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.generics import RetrieveUpdateAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiToken, Area, Unit
from accounts.serializers import (
    ApiTokenSerializer,
    MeSerializer,
    SignedInSerializer,
    SignInSerializer,
    UnitSerializer,
)
from accounts.tokens import token_issue, token_revoke, tokens_active
from accounts.two_factor import code_verify, has_second_step, second_step_needed
from config.filters import DayFilter


class UnitFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices)
    area = django_filters.ChoiceFilter(choices=Area.choices)
    valid_on = DayFilter(method="filter_valid_on", label=_("valid on (YYYY-MM-DD)"))
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


class TokenView(APIView):
    """Sign in: username and password (and ``otp``, the code, for accounts with two-step sign-in); the
    answer holds a new token for ``Authorization: Token …`` and when it expires. Each sign-in makes a
    new token; repeated failures from one address lock it for a while (429)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = SignInSerializer

    @extend_schema(request=SignInSerializer, responses={200: SignedInSerializer})
    def post(self, request):
        form = SignInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        values = form.validated_data
        user = authenticate(request._request, username=values["username"], password=values["password"])
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to log in with provided credentials.")]}, code="authorization"
            )
        if second_step_needed(user):
            self.check_code(request, user, values.get("otp", ""))
        token, key = token_issue(user=user, user_agent=request.META.get("HTTP_USER_AGENT", ""))
        session = request._request.session
        had_session = session.session_key is not None
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        if not had_session and session.session_key is not None:
            # django-axes made a web session to log a hash of it; a token client has no use for it, and
            # kept, it would be sent back (its cookie) and saved again with every API request.
            session.flush()
        return Response(SignedInSerializer({"token": key, "expires_at": token.expires_at}).data)

    def check_code(self, request, user, code):
        if not has_second_step(user):
            raise serializers.ValidationError(
                {
                    "otp": [
                        _(
                            "This account must sign in with two steps: first sign in on the web pages "
                            "(/dang-nhap/) to set up an authenticator app, then send its code in the field otp."
                        )
                    ]
                }
            )
        if not code.strip():
            raise serializers.ValidationError(
                {"otp": [_("This account signs in with two steps: send the code from the authenticator app in otp.")]}
            )
        try:
            code_verify(user=user, code=code)
        except DjangoValidationError as exc:
            user_login_failed.send(
                sender=__name__, credentials={"username": user.get_username()}, request=request._request
            )
            raise serializers.ValidationError({"otp": exc.messages}) from exc


class LogoutView(APIView):
    """Sign out: the token this request is made with is revoked (or, signed in by the web session,
    the session ends)."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        if isinstance(request.auth, ApiToken):
            token_revoke(token=request.auth)
            user_logged_out.send(sender=request.user.__class__, request=request._request, user=request.user)
        else:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The signed-in user's tokens that still work; DELETE revokes one (another user's answers 404)."""

    serializer_class = ApiTokenSerializer
    queryset = ApiToken.objects.none()  # the schema's view of the model; requests get their user's tokens

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return tokens_active(user=self.request.user)

    def perform_destroy(self, instance):
        token_revoke(token=instance)


class MeView(RetrieveUpdateAPIView):
    """The signed-in user; reminder preferences can be changed here."""

    serializer_class = MeSerializer

    def get_object(self):
        return self.request.user
