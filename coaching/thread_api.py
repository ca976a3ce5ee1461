"""Conversations over the API: threads (/api/v1/threads/), their read state, and messages
(/api/v1/messages/). A thread is seen by its two participants only (its coach while the link
is active): anyone else's is a 404. A message's client_id makes a retry return the stored one.
"""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from advice.causes import CAUSES
from coaching import queries, services
from coaching.models import Comment, Thread
from thrustlog.http import signed_in
from tracker import queries as log
from tracker.api.fields import (
    MAX_ID,
    StrictCharField,
    StrictChoiceField,
    StrictIntegerField,
    StrictUUIDField,
)
from tracker.api.pagination import PagePagination, single
from tracker.api.schema import ErrorSerializer
from tracker.choices import PainRegion


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.IntegerField(source="author_id", help_text="The writer's user id.")
    author_name = serializers.SerializerMethodField()
    from_coach = serializers.BooleanField(help_text="A coach's note (false: the athlete's reply).")

    class Meta:
        model = Comment
        fields = ["id", "thread", "author", "author_name", "from_coach", "body", "client_id",
                  "created"]  # fmt: skip
        read_only_fields = fields

    def get_author_name(self, message: Comment) -> str:
        return message.author.get_full_name() or message.author.get_username()


class ThreadSerializer(serializers.ModelSerializer):
    role = serializers.SerializerMethodField(help_text="Your part in it: coach or athlete.")
    subject = serializers.CharField(read_only=True)
    cause = serializers.ChoiceField(choices=sorted(CAUSES), allow_null=True, source="cause_or_none")
    region = serializers.ChoiceField(
        choices=PainRegion.choices, allow_null=True, source="region_or_none"
    )
    open = serializers.BooleanField(help_text="False once the coaching link ended: no replies.")
    unread = serializers.IntegerField(help_text="Messages from the other side you have not read.")
    read_up_to = serializers.SerializerMethodField(help_text="The last message id you read.")
    other_read_up_to = serializers.SerializerMethodField(
        help_text="The last message id the other side read (0: none)."
    )

    class Meta:
        model = Thread
        fields = ["id", "coach", "athlete", "session", "cause", "region", "subject", "role",
                  "open", "unread", "read_up_to", "other_read_up_to", "last_message_at",
                  "created"]  # fmt: skip
        read_only_fields = fields

    def _as_coach(self, thread: Thread) -> bool:
        return thread.coach_id == signed_in(self.context["request"]).pk

    @extend_schema_field(serializers.ChoiceField(choices=["coach", "athlete"]))
    def get_role(self, thread: Thread) -> str:
        return "coach" if self._as_coach(thread) else "athlete"

    @extend_schema_field(OpenApiTypes.INT)
    def get_read_up_to(self, thread: Thread) -> int:
        return thread.coach_read_up_to if self._as_coach(thread) else thread.athlete_read_up_to

    @extend_schema_field(OpenApiTypes.INT)
    def get_other_read_up_to(self, thread: Thread) -> int:
        return thread.athlete_read_up_to if self._as_coach(thread) else thread.coach_read_up_to


class ThreadDetailSerializer(ThreadSerializer):
    messages = MessageSerializer(many=True, source="listed")

    class Meta(ThreadSerializer.Meta):
        fields = [*ThreadSerializer.Meta.fields, "messages"]
        read_only_fields = fields


class ThreadQuery(serializers.Serializer):
    unread = serializers.ChoiceField(
        choices=["true", "false"], required=False, help_text="true: only threads with unread."
    )


class ReadInputSerializer(serializers.Serializer):
    up_to = StrictIntegerField(
        required=False,
        min_value=0,
        max_value=MAX_ID,
        help_text="Read up to this message id; default: the latest. Never moves backwards.",
    )


class MessageInputSerializer(serializers.Serializer):
    body = StrictCharField(max_length=services.BODY_MAX)
    client_id = StrictUUIDField(
        required=False,
        allow_null=True,
        help_text="Chosen by the client; repeating it returns the stored message (200).",
    )


class NoteInputSerializer(MessageInputSerializer):
    """A coach's note: on one of the athlete's sessions, or on an advice item (cause, region)."""

    athlete = StrictIntegerField(
        min_value=1, max_value=MAX_ID, help_text="An athlete you coach (anyone else: 404)."
    )
    session = StrictIntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="One of their sessions."
    )
    cause = serializers.ChoiceField(
        choices=sorted(CAUSES), required=False, help_text="Or an advice item's cause..."
    )
    region = StrictChoiceField(PainRegion, required=False, help_text="...and maybe its region.")

    def validate_athlete(self, value: int) -> Any:
        # Before the subject is checked: whom one does not coach is invisible, whatever else.
        athlete = queries.coached_athlete_or_none(signed_in(self.context["request"]), value)
        if athlete is None:
            raise NotFound("No such athlete.")
        return athlete

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if ("session" in data) == ("cause" in data):
            raise serializers.ValidationError(
                {"session": ["Give a session, or a cause (and maybe a region), not both."]}
            )
        if "session" in data:
            if "region" in data:
                raise serializers.ValidationError({"region": ["A session note has no region."]})
            session = log.sessions_of(data["athlete"]).filter(pk=data["session"]).first()
            if session is None:
                raise serializers.ValidationError({"session": ["No such session of theirs."]})
            data["session"] = session
        return data


def _thread_id(raw: str) -> int:
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 19 and 1 <= int(raw) <= MAX_ID):
        raise NotFound("No such thread.")
    return int(raw)


THREAD_ID = OpenApiParameter("pk", OpenApiTypes.INT, OpenApiParameter.PATH)


class ThreadsView(GenericAPIView):
    serializer_class = ThreadSerializer
    pagination_class = PagePagination

    @extend_schema(
        summary="Your conversations",
        operation_id="threads_list",
        responses=ThreadSerializer(many=True),
        description="Threads you take part in (as coach or athlete), unread first, then the "
        "latest; `unread` counts the other side's messages after your read state.",
        parameters=[ThreadQuery],
    )
    def get(self, request: Request) -> Response:
        given = {k: v for k in ("unread",) if (v := single(request, k)) is not None}
        query = ThreadQuery(data=given)
        query.is_valid(raise_exception=True)
        threads = queries.inbox(signed_in(request))
        if query.validated_data.get("unread") == "true":
            threads = [t for t in threads if t.unread]  # type: ignore[attr-defined]
        page: list[Thread] = self.paginate_queryset(threads) or []  # type: ignore[arg-type]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ThreadView(APIView):
    @extend_schema(
        summary="One conversation with its messages",
        operation_id="threads_retrieve",
        parameters=[THREAD_ID],
        responses=ThreadDetailSerializer,
    )
    def get(self, request: Request, pk: str) -> Response:
        thread = queries.thread_of(signed_in(request), _thread_id(pk))
        return Response(ThreadDetailSerializer(thread, context={"request": request}).data)


class ThreadReadView(APIView):
    @extend_schema(
        summary="Mark a conversation read",
        parameters=[THREAD_ID],
        request=ReadInputSerializer,
        responses=ThreadSerializer,
    )
    def post(self, request: Request, pk: str) -> Response:
        user = signed_in(request)
        thread = queries.thread_of(user, _thread_id(pk))
        given = ReadInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        services.thread_read(thread=thread, reader=user, up_to=given.validated_data.get("up_to"))
        fresh = queries.visible_threads(user).get(pk=thread.pk)
        return Response(ThreadSerializer(fresh, context={"request": request}).data)


def _posted(user: Any, thread: Thread, data: dict[str, Any]) -> Response:
    try:
        message, created = services.message_post(
            thread=thread, author=user, body=data["body"], client_id=data.get("client_id")
        )
    except services.MessageError as error:
        raise serializers.ValidationError({"body": [str(error)]}) from None
    except PermissionError:
        raise PermissionDenied("The coaching link has ended: no more messages.") from None
    answer = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return Response(MessageSerializer(message).data, status=answer)


class ThreadMessagesView(APIView):
    @extend_schema(
        summary="Reply, or write another note, in a conversation",
        description="201 when stored; 200 with the stored message when its client_id was seen. "
        "403 once the coaching link has ended.",
        parameters=[THREAD_ID],
        request=MessageInputSerializer,
        responses={201: MessageSerializer, 200: MessageSerializer},
    )
    def post(self, request: Request, pk: str) -> Response:
        user = signed_in(request)
        thread = queries.thread_of(user, _thread_id(pk))
        given = MessageInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        return _posted(user, thread, given.validated_data)


class NotesView(APIView):
    @extend_schema(
        summary="Coaches: a note on an athlete's session or advice item",
        description="Opens the conversation on that subject (or continues it). 201 when stored; "
        "200 with the stored message when its client_id was seen; 404 for an athlete you do "
        "not coach.",
        request=NoteInputSerializer,
        responses={201: MessageSerializer, 200: MessageSerializer, 404: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        user = signed_in(request)
        given = NoteInputSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        data = given.validated_data
        thread = services.thread_open(
            coach=user,
            athlete=data["athlete"],
            session=data.get("session"),
            cause=data.get("cause", ""),
            region=data.get("region", ""),
        )
        return _posted(user, thread, data)
