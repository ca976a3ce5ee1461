"""Page-number pagination that refuses a bad page size instead of quietly ignoring it."""

from typing import Any

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request


def single(request: Request, name: str) -> str | None:
    """The one value of query parameter `name`; repeating it is a 400 (the schema says one)."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise ValidationError({name: ["Give this parameter once."]})
    return values[0] if values else None


class PagePagination(PageNumberPagination):
    """`?page=N` (1-based; a page that does not exist is DRF's 404) and `?page_size=1..100`."""

    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()  # the schema says integer; "last" would be a quiet exception

    def get_page_number(self, request: Request, paginator: Any) -> int | str:
        raw = single(request, self.page_query_param)
        if raw is None:
            return 1
        # DRF reads an empty or "+1" page as page 1; anything but plain digits is not a page.
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
            raise NotFound(self.invalid_page_message)
        return raw

    def get_page_size(self, request: Request) -> int | None:
        raw = single(request, self.page_size_query_param)
        if raw is None:
            return self.page_size
        # Check the length first: int() of thousands of digits is refused (and slow).
        valid = raw.isascii() and raw.isdigit() and len(raw) <= 3
        if not (valid and 1 <= int(raw) <= self.max_page_size):
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results per page (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
