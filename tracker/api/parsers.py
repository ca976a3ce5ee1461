"""JSON in: exact decimals, and a 400 (never a 500) for anything that is not JSON."""

import codecs
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _refuse_constant(name: str) -> None:
    # NaN and Infinity are not JSON; Python's decoder would accept them.
    raise ValueError(f"{name} is not valid JSON")


class ExactJSONParser(JSONParser):
    """DRF's JSON parser, with two differences.

    - Fractions are read as Decimal, so 80.12 arrives as exactly 80.12 and a load with three
      decimals is caught by the field, not rounded away by binary floating point.
    - Nesting deep enough to exhaust the decoder's recursion answers 400, not 500.

    (DRF reads a JSON body through request.body, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE
    applies; tracker.api.errors turns its refusal into a 413.)
    """

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
            return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
        except (ValueError, LookupError, RecursionError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
