"""Strict JSON fields: a value of the wrong JSON type is a 400, never a guess.

DRF by default turns "10" and 10.0 into 10, 12 into "12", "yes" into True and a bare int into a
UUID. The schema promises JSON types, clients (and schemathesis) hold us to them, so every field
here accepts exactly the type it documents.
"""

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models
from rest_framework import serializers

# The largest id a bigint primary key can hold; larger ones cannot exist (and would overflow).
MAX_ID = 2**63 - 1
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CANONICAL_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


def is_number(value: object) -> bool:
    """A JSON number: int or decimal (the parser reads fractions as Decimal), never a boolean."""
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def is_encodable(value: str) -> bool:
    """Lone surrogates ("\\ud800") survive JSON decoding, not UTF-8: the database refuses them."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class StrictCharField(serializers.CharField):
    default_error_messages = {"invalid": "Not a valid string."}

    def __init__(self, **kwargs: Any) -> None:
        if not kwargs.get("allow_blank", False) and kwargs.get("min_length") is None:
            kwargs["min_length"] = 1  # so the schema says what "may not be blank" means
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str) or not is_encodable(data):
            self.fail("invalid")
        # The schema's maxLength counts what was sent; DRF would count it after trimming.
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictDecimalField(serializers.DecimalField):
    """A JSON number with at most `decimal_places` decimals; strings are refused."""

    def to_internal_value(self, data: Any) -> Decimal:
        if not is_number(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictChoiceField(serializers.ChoiceField):
    """One of a vocabulary's machine values (shared/contract.md section 1)."""

    def __init__(self, choices: type[models.TextChoices], **kwargs: Any) -> None:
        self.vocabulary = choices
        super().__init__(choices=choices.choices, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


class StrictDateField(serializers.DateField):
    """An ISO 8601 calendar date, YYYY-MM-DD exactly (no week dates, no compact form)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="iso-8601", input_formats=["iso-8601"], **kwargs)

    def to_internal_value(self, value: Any) -> date:
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            self.fail("invalid", format="YYYY-MM-DD")
        return super().to_internal_value(value)


class StrictUUIDField(serializers.UUIDField):
    """A UUID in its canonical 8-4-4-4-12 hex form, as the schema's `format: uuid` says."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str) or not _CANONICAL_UUID.fullmatch(data):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class OwnPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """The id of one of the requesting athlete's rows.

    Another athlete's id gets the same "does not exist" answer as a missing one, so ids cannot
    be probed. `owned` maps the user to the queryset of rows they may reference.
    """

    def __init__(
        self, *, model: type[models.Model], owned: Callable[[Any], models.QuerySet], **kwargs: Any
    ) -> None:
        self.owned = owned
        # An empty queryset of the model tells the schema generator the id's type.
        super().__init__(queryset=model._default_manager.none(), **kwargs)

    def get_queryset(self) -> models.QuerySet:
        return self.owned(self.context["request"].user)

    def to_internal_value(self, data: Any) -> models.Model:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class OwnIdField(OwnPrimaryKeyField):
    """The id of one of the requesting athlete's rows, checked by the service that writes with
    it (in the same statement) rather than read here: the answer to an id that is not the
    athlete's is the same 400, raised by the view (`does_not_exist`)."""

    def to_internal_value(self, data: Any) -> int:  # type: ignore[override]
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return data

    @classmethod
    def missing(cls, pk: int) -> list[str]:
        """The field's errors for an id that is not one of the athlete's rows."""
        return [str(cls.default_error_messages["does_not_exist"]).format(pk_value=pk)]
