"""Sessions, sets and pain reports over the API.

Thin on purpose: every lookup goes through the requesting athlete (so another athlete's object
is a 404 on every verb), an input serializer validates, a service in tracker.services writes,
an output serializer answers.
"""

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Model, QuerySet, prefetch_related_objects
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from thrustlog.http import signed_in
from tracker import queries, services
from tracker.api import serializers as s
from tracker.api.fields import MAX_ID, OwnIdField
from tracker.api.pagination import single
from tracker.services import PainInput


def _documented(noun: str, output: type, create: type, change: type) -> Any:
    """The schema of a log endpoint: a repeated client_id answers 200 instead of 201."""
    return extend_schema_view(
        list=extend_schema(summary=f"List your {noun}s", responses=output),
        retrieve=extend_schema(summary=f"One of your {noun}s", responses=output),
        create=extend_schema(
            summary=f"Log a {noun}",
            request=create,
            responses={201: output, 200: output},
            description="201 when stored; 200 with the stored one when its client_id was seen.",
        ),
        partial_update=extend_schema(
            summary=f"Change one of your {noun}s", request=change, responses=output
        ),
        destroy=extend_schema(summary=f"Delete one of your {noun}s", responses={204: None}),
    )


class LogViewSet(viewsets.GenericViewSet):
    """List, read, log, change and delete the requesting athlete's own rows."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    create_serializer_class: type[serializers.Serializer]
    change_serializer_class: type[serializers.Serializer]
    # What the answer to a create nests, loaded onto the row just written instead of reading
    # the row back (logging a set is the hot path). None: read it back.
    created_relations: tuple[str, ...] | None = None
    serializer_class: type[serializers.ModelSerializer]

    @property
    def athlete(self) -> User:
        return signed_in(self.request)

    def owned(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no athlete
            model: type[Model] = self.serializer_class.Meta.model
            return model._default_manager.none()
        return self.owned()

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        # For DRF's OPTIONS metadata; the actions below name their serializers themselves.
        if self.action == "create":
            return self.create_serializer_class
        if self.action == "partial_update":
            return self.change_serializer_class
        return self.serializer_class

    def get_object(self) -> Model:
        raw = str(self.kwargs["pk"])
        # An id that cannot exist is as missing as one that does not (and must not overflow SQL).
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 19 and 1 <= int(raw) <= MAX_ID):
            raise NotFound()
        found = self.get_queryset().filter(pk=int(raw)).first()
        if found is None:
            raise NotFound()
        return found

    def validated(self, serializer_class: type, *, partial: bool = False) -> dict[str, Any]:
        incoming = serializer_class(
            data=self.request.data, context=self.get_serializer_context(), partial=partial
        )
        incoming.is_valid(raise_exception=True)
        return dict(incoming.validated_data)

    def answer(self, row: Model, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=row.pk)  # reloaded with everything nested
        return Response(self.serializer_class(fresh).data, status=code)

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.serializer_class(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(self.serializer_class(self.get_object()).data)

    def create(self, request: Request) -> Response:
        row, created = self.log(self.validated(self.create_serializer_class))
        if not created:
            return self.answer(row)  # the row stored under that client_id, as it is now
        if self.created_relations is None:
            return self.answer(row, status.HTTP_201_CREATED)
        prefetch_related_objects([row], *self.created_relations)
        return Response(self.serializer_class(row).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        row = self.get_object()
        self.change(row, self.validated(self.change_serializer_class, partial=True))
        return self.answer(row)

    def destroy(self, request: Request, pk: str) -> Response:
        services.log_row_delete(athlete=self.athlete, row=self.get_object())  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)

    def log(self, data: dict[str, Any]) -> tuple[Model, bool]:
        raise NotImplementedError

    def change(self, row: Any, data: dict[str, Any]) -> None:
        raise NotImplementedError


@_documented("session", s.SessionSerializer, s.SessionInputSerializer, s.SessionChangeSerializer)
@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="Sessions on or after."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Sessions on or before."),
        ]
    )
)
class SessionViewSet(LogViewSet):
    """Training sessions, newest first, each with its sets, pain reports and red flags."""

    serializer_class = s.SessionSerializer
    create_serializer_class = s.SessionInputSerializer
    change_serializer_class = s.SessionChangeSerializer

    def owned(self) -> QuerySet:
        return queries.sessions_with_log(self.athlete)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        given = {name: single(self.request, name) for name in ("from", "to")}
        days = s.SessionFilterSerializer(data={k: v for k, v in given.items() if v is not None})
        days.is_valid(raise_exception=True)
        if "from" in days.validated_data:
            queryset = queryset.filter(date__gte=days.validated_data["from"])
        if "to" in days.validated_data:
            queryset = queryset.filter(date__lte=days.validated_data["to"])
        return queryset

    def log(self, data: dict[str, Any]) -> tuple[Model, bool]:
        return services.session_start(athlete=self.athlete, **data)

    def change(self, row: Any, data: dict[str, Any]) -> None:
        symptoms = data.pop("symptoms", None)
        services.session_update(athlete=self.athlete, session=row, symptoms=symptoms, **data)


def _pain(entries: list[dict[str, Any]]) -> list[PainInput]:
    return [PainInput(**entry) for entry in entries]


@_documented("set", s.SetSerializer, s.SetInputSerializer, s.SetChangeSerializer)
class SetViewSet(LogViewSet):
    """Sets with the pain felt in them."""

    serializer_class = s.SetSerializer
    create_serializer_class = s.SetInputSerializer
    change_serializer_class = s.SetChangeSerializer
    created_relations = ("pain_reports",)

    def owned(self) -> QuerySet:
        return queries.sets_of(self.athlete)

    def log(self, data: dict[str, Any]) -> tuple[Model, bool]:
        pain = _pain(data.pop("pain", []))
        try:
            return services.set_log(athlete=self.athlete, pain=pain, **data)
        except services.SessionNotFound:
            missing = OwnIdField.missing(data["session"])
            raise serializers.ValidationError({"session": missing}) from None

    def change(self, row: Any, data: dict[str, Any]) -> None:
        pain = _pain(data.pop("pain")) if "pain" in data else None
        services.set_update(athlete=self.athlete, logged_set=row, pain=pain, **data)


@_documented(
    "pain report", s.PainReportSerializer, s.PainReportInputSerializer, s.PainReportChangeSerializer
)
class PainReportViewSet(LogViewSet):
    """Pain reports: in a set (`during`), after the session, or the next morning."""

    serializer_class = s.PainReportSerializer
    create_serializer_class = s.PainReportInputSerializer
    change_serializer_class = s.PainReportChangeSerializer

    def owned(self) -> QuerySet:
        return queries.pain_reports_of(self.athlete)

    def log(self, data: dict[str, Any]) -> tuple[Model, bool]:
        logged_set = data.pop("set", None)
        return services.pain_report_log(athlete=self.athlete, logged_set=logged_set, **data)

    def change(self, row: Any, data: dict[str, Any]) -> None:
        services.pain_report_update(athlete=self.athlete, report=row, **data)
