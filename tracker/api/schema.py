"""OpenAPI additions: the error answers every operation can give, documented where they apply.

drf-spectacular documents the success answers it can see in a view. The errors come from DRF
and from our parser (shapes in shared/contract.md section 2); a postprocessing hook adds them
to each operation so clients, and schemathesis, know every status they may get.
"""

from decimal import Decimal
from typing import Any

from django.core.validators import RegexValidator
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "description": "What went wrong, in one message.",
}
VALIDATION_ERROR = {
    "type": "object",
    "additionalProperties": {},
    "description": (
        'DRF\'s shape: each bad field maps to a list of messages ({"load_kg": ["..."]}); '
        "nested fields nest (a list entry's errors by position); `non_field_errors` is about "
        'the whole body; a body that is not JSON gets {"detail": "..."}.'
    ),
}

_DESCRIPTIONS = {
    "400": "Bad input; nothing was stored.",
    "401": "No credentials, or a bad token.",
    "403": "Signed in by browser session without a CSRF token, or not allowed.",
    "404": "Not found: missing or another athlete's (the two look the same), or no such page.",
    "405": "Method not allowed here.",
    "406": "Only application/json can be answered.",
    "413": "The body is larger than the server accepts.",
    "415": "Send the body as application/json.",
}


class ErrorSerializer(serializers.Serializer):
    """For views that name an error answer of their own (429 on the sign-in endpoints)."""

    detail = serializers.CharField()


def _errors_of(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    has_body = "requestBody" in operation
    parameters = operation.get("parameters", [])
    has_query = any(p.get("in") == "query" for p in parameters)
    secured = any(requirement for requirement in operation.get("security", []))
    codes = ["405", "406"]
    if has_body or has_query:
        codes.append("400")
    if secured:
        codes += ["401", "403"]
    if parameters:  # an id in the path, a page, or an object named in the query
        codes.append("404")
    if has_body:
        codes += ["413", "415"]
    return sorted(codes)


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """POSTPROCESSING_HOOKS entry: document the errors of every operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas["ValidationError"] = VALIDATION_ERROR
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code in _errors_of(path, method, operation):
                responses.setdefault(code, _response(code))
    return result


def _response(code: str) -> dict[str, Any]:
    name = "ValidationError" if code == "400" else "Error"
    schema = {"$ref": f"#/components/schemas/{name}"}
    return {"description": _DESCRIPTIONS[code], "content": {"application/json": {"schema": schema}}}


class ExactDecimalExtension(OpenApiSerializerFieldExtension):
    """Loads are decimals with at most 2 places: say so with multipleOf, in requests only.

    (A validator reading an answer's 0.35 as a binary float would find it off the 0.01 grid.)
    """

    target_class = "tracker.api.fields.StrictDecimalField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        schema["multipleOf"] = float(Decimal(1).scaleb(-self.target.decimal_places))
        return schema


class StrictCharExtension(OpenApiSerializerFieldExtension):
    """Text fields refuse NUL characters (DRF's rule, and PostgreSQL's): say so with a pattern."""

    target_class = "tracker.api.fields.StrictCharField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        # A field with a pattern of its own (the username's) documents that one instead. "+":
        # a blank-allowed field is documented as oneOf this or "", which must not both match.
        if not any(isinstance(v, RegexValidator) for v in self.target.validators):
            schema["pattern"] = "^[^\\u0000]+$"
        return schema
