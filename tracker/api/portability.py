"""POST /api/v1/imports/ and GET /api/v1/export/ (shared/contract.md section 2).

The import is the one endpoint that takes a file: it names its own parsers (multipart), and
checks the declared size before reading the body. Both read and write the caller's log only.
"""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.api.schema import ErrorSerializer
from tracker.api.throttles import ImportThrottle
from tracker.choices import Unit
from tracker.portability import export, importer
from tracker.portability.reading import check_size
from tracker.portability.sources import ImportFileError


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="A Strong or Hevy CSV export, a ZIP holding one, or a Thrustlog export.",
        allow_empty_file=False,
    )
    unit = serializers.ChoiceField(
        choices=Unit.choices,
        required=False,
        help_text="The unit of weights in files that do not say (default: the athlete's).",
    )
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="true: answer the preview, store nothing."
    )


class ImportResultSerializer(serializers.Serializer):
    sessions = serializers.IntegerField(help_text="Sessions added (a dry run: would be added).")
    sets = serializers.IntegerField(help_text="Sets added (a dry run: would be added).")
    skipped = serializers.IntegerField(help_text="Rows not imported: warm-ups, rest timers...")
    first_date = serializers.DateField(allow_null=True, help_text="The file's first session.")
    last_date = serializers.DateField(allow_null=True, help_text="The file's last session.")
    already_imported = serializers.IntegerField(help_text="Sets of the file already stored.")
    source = serializers.CharField(help_text="Strong, Hevy or Thrustlog.")
    skipped_reasons = serializers.DictField(child=serializers.IntegerField())


def _result(outcome: importer.Outcome) -> dict[str, Any]:
    return {
        "sessions": outcome.sessions,
        "sets": outcome.sets,
        "skipped": outcome.skipped,
        "first_date": outcome.first_date,
        "last_date": outcome.last_date,
        "already_imported": outcome.already_sets,
        "source": outcome.plan.source,
        "skipped_reasons": {r: n for r, n, _ in outcome.plan.skipped_reasons()},
    }


class ImportView(APIView):
    """Import a training history; importing the same file again adds nothing."""

    parser_classes = [MultiPartParser]
    throttle_classes = [ImportThrottle]

    @extend_schema(
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            201: ImportResultSerializer,
            200: ImportResultSerializer,
            429: OpenApiResponse(ErrorSerializer, "Too many imports from this account or address."),
        },
        summary="Import a Strong or Hevy export",
        description=(
            "201 with what was added (zeros when the file was imported before); a dry run "
            'answers 200 with what would be added. A bad file answers 400 {"file": ["..."]} '
            "naming the line, and nothing is stored."
        ),
        tags=["imports"],
    )
    def post(self, request: Request) -> Response:
        try:
            check_size(int(request.META.get("CONTENT_LENGTH") or 0))
        except ImportFileError as error:
            raise serializers.ValidationError({"file": [str(error)]}) from None
        except ValueError:
            pass  # a malformed length: Django's own reading refuses it
        incoming = ImportRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        upload = incoming.validated_data["file"]
        unit = incoming.validated_data.get("unit")
        run = importer.preview if incoming.validated_data["dry_run"] else importer.import_file
        try:
            check_size(upload.size)
            outcome = run(request.user, upload.read(), unit=unit)
        except ImportFileError as error:
            raise serializers.ValidationError({"file": [str(error)]}) from None
        code = status.HTTP_200_OK if incoming.validated_data["dry_run"] else status.HTTP_201_CREATED
        return Response(ImportResultSerializer(_result(outcome)).data, status=code)


class ExportView(APIView):
    """Everything the caller logged: every session with its sets and pain reports nested."""

    @extend_schema(responses=export.ExportSerializer, summary="Export your log", tags=["export"])
    def get(self, request: Request) -> Response:
        return Response(export.document(request.user))
