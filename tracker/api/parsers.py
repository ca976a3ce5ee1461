"""JSON in: exact decimals, a size limit, and a 400 (never a 500) for anything that is not JSON."""

import codecs
import json
from decimal import Decimal
from typing import Any

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "body_too_large"


def _refuse_constant(name: str) -> None:
    # NaN and Infinity are not JSON; Python's decoder would accept them.
    raise ValueError(f"{name} is not valid JSON")


class ExactJSONParser(JSONParser):
    """DRF's JSON parser, with three differences.

    - Fractions are read as Decimal, so 80.12 arrives as exactly 80.12 and a load with three
      decimals is caught by the field, not rounded away by binary floating point.
    - Bodies over DATA_UPLOAD_MAX_MEMORY_SIZE answer 413: DRF reads JSON straight from the
      stream, past the limit Django enforces for request.body and forms.
    - Nesting deep enough to exhaust the decoder's recursion answers 400.
    """

    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: dict | None = None
    ) -> Any:
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = parser_context.get("request")
        if limit is not None and request is not None:
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > limit:
                raise BodyTooLarge()
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise BodyTooLarge()
        try:
            text = codecs.decode(raw, encoding)
            return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
        except (ValueError, LookupError, RecursionError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
