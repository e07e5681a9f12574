"""The OpenAPI schema's shared parts: which operations need no sign-in, and the error answers that
every operation can give, documented once here rather than on each view (drf-spectacular's schema
class and a postprocessing hook, both named in settings)."""

from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes

from config.uploads import EVIDENCE_TYPES

UNSAFE = {"post", "put", "patch", "delete"}

# What a stored file's download answers (evidence, a unit's plan): the file, under the type read
# from its content when it was uploaded.
FILE_DOWNLOAD = {(200, content_type): OpenApiTypes.BINARY for content_type in EVIDENCE_TYPES}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's, plus: a view without permission classes (the token endpoint) is marked as
    open to anyone (an empty security requirement), as one with ``AllowAny`` already is; every
    change of a record with revisions (PUT, PATCH, DELETE) documents the If-Match header it needs."""

    def get_description(self):
        from config.api_descriptions import operation_description

        return operation_description(self.view, super().get_description())

    def get_auth(self):
        auths = super().get_auth()
        if not self.view.get_permissions() and {} not in auths:
            auths.append({})
        return auths

    def get_override_parameters(self):
        from config.api_revisions import IF_MATCH, RevisionETagMixin

        parameters = super().get_override_parameters()
        if self.method in ("PUT", "PATCH", "DELETE") and isinstance(self.view, RevisionETagMixin):
            parameters = [*parameters, IF_MATCH]
        return parameters


def error_components() -> dict:
    return {
        "Error": {
            "type": "object",
            "description": _("An error: its message in Vietnamese."),
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        },
        "ValidationError": {
            "type": "object",
            "description": _(
                "What was wrong with the request: for each field, its messages in Vietnamese "
                "(\u201cdetail\u201d or \u201cnon_field_errors\u201d for the request as a whole)."
            ),
            "additionalProperties": {},
        },
    }


def error_responses(path: str, method: str, operation: dict) -> dict[str, tuple[str, str]]:
    """The error answers an operation can give: status → (component, description)."""
    parameters = operation.get("parameters") or []
    public = {} in (operation.get("security") or [])
    errors = {}
    if parameters or operation.get("requestBody"):
        errors["400"] = ("ValidationError", _("The request is not valid; nothing was changed."))
    if not public:
        errors["401"] = ("Error", _("Not signed in, or the token is not valid."))
        errors["403"] = ("Error", _("The signed-in user may not do this."))
    names = {p.get("name") for p in parameters if p.get("in") == "query"}
    if "{" in path or names & {"page", "format"}:
        errors["404"] = ("Error", _("No such record (or not one this user may see), page or format."))
    if method in UNSAFE:
        errors["409"] = ("Error", _("The record's state does not allow this now (the message says why)."))
    if method in UNSAFE and operation.get("requestBody"):
        errors["415"] = ("Error", _("The request body is not of a type this operation reads."))
    if any(p.get("in") == "header" and p.get("name", "").lower() == "if-match" for p in parameters):
        errors["412"] = ("Error", _("Somebody changed the record after your last read; read it again."))
        errors["428"] = ("Error", _("The If-Match header with the ETag of your last read is missing."))
    return errors


def _json(component: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: add the error answers (``error_responses``) to every
    operation. Where a view documents an error answer of its own (the import's list of bad rows),
    the generic one is added as an alternative: the request's fields are checked first."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(error_components())
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status, (component, description) in error_responses(path, method, operation).items():
                if status not in responses:
                    responses[status] = {"description": description, "content": _json(component)}
                    continue
                for media in responses[status].setdefault("content", _json(component)).values():
                    own = media.get("schema")
                    if own and own != _json(component)["application/json"]["schema"]:
                        media["schema"] = {"anyOf": [own, {"$ref": f"#/components/schemas/{component}"}]}
    return result
