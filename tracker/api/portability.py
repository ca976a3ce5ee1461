"""POST /api/v1/imports/, GET /api/v1/imports/{id}/ and GET /api/v1/export/ (shared/contract.md
section 2, v1.1).

The import is the one endpoint that takes a file: it names its own parsers (multipart), and
checks the declared size before reading the body. It answers within the request what a request
can tell (a file of the wrong kind, a bad row of a small file), then the task runner imports
(tracker.portability.jobs). All read and write the caller's log only; another athlete's import
is a 404.
"""

from typing import Any

from django.http import StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import RetrieveAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thrustlog.http import signed_in
from tracker.api.schema import ErrorSerializer
from tracker.api.throttles import ImportThrottle
from tracker.choices import Unit
from tracker.portability import export, importer, jobs, reading, streaming
from tracker.portability.models import ImportJob
from tracker.portability.plan import UNIT_REASONS
from tracker.portability.reading import check_size
from tracker.portability.sources import MAX_ROWS, ImportFileError


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
    sessions = serializers.IntegerField(help_text="Sessions that would be added.")
    sets = serializers.IntegerField(help_text="Sets that would be added.")
    skipped = serializers.IntegerField(help_text="Rows not imported: warm-ups, rest timers...")
    first_date = serializers.DateField(allow_null=True, help_text="The file's first session.")
    last_date = serializers.DateField(allow_null=True, help_text="The file's last session.")
    unit = serializers.ChoiceField(
        choices=Unit.choices, help_text="The unit weights are read in where the file says none."
    )
    unit_reason = serializers.ChoiceField(
        choices=sorted(UNIT_REASONS),
        help_text="Why that unit: the file's column names (header), a unit column, your "
        "choice (the unit parameter), the pattern of barbell plates, or your setting.",
    )
    unit_explanation = serializers.CharField(help_text="unit_reason in words.")
    already_imported = serializers.IntegerField(help_text="Sets of the file already stored.")
    # The contract names this field `source`, as DRF's Field names an attribute; the
    # serializer's metaclass moves declared fields aside, so they never meet at run time.
    source = serializers.CharField(help_text="Strong, Hevy, FitNotes or Thrustlog.")  # type: ignore[assignment]
    layout = serializers.CharField(help_text="Which of the source's layouts the file has.")
    skipped_reasons = serializers.DictField(child=serializers.IntegerField())


class ImportJobSerializer(serializers.ModelSerializer):
    """GET /api/v1/imports/{id}/ (contract v1.1): a background import and what it added."""

    url = serializers.SerializerMethodField(help_text="Where to follow this import.")
    source = serializers.SerializerMethodField(  # type: ignore[assignment]
        help_text="Strong, Hevy, FitNotes or Thrustlog."
    )

    class Meta:
        model = ImportJob
        fields = [
            "id", "state", "progress", "stage", "sessions", "sets", "skipped", "first_date",
            "last_date", "errors", "source", "url", "created", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = {
            "progress": {"help_text": "0 to 1."},
            "stage": {"help_text": "reading or saving while running; empty otherwise."},
            "errors": {"help_text": "Why it failed (then nothing was stored), naming lines."},
        }

    def get_source(self, job: ImportJob) -> str:
        return str(job.result.get("source", ""))

    def get_url(self, job: ImportJob) -> str:
        return reverse("api-import", args=[job.pk])


class ImportStartedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    state = serializers.CharField()
    url = serializers.CharField(help_text="GET it to follow the import.")


def _result(preview: jobs.Preview) -> dict[str, Any]:
    return {
        "sessions": preview.sessions,
        "sets": preview.sets,
        "skipped": preview.skipped,
        "first_date": preview.first_date,
        "last_date": preview.last_date,
        "unit": preview.unit,
        "unit_reason": preview.unit_reason,
        "unit_explanation": preview.unit_explanation,
        "already_imported": preview.already_sets,
        "source": preview.source,
        "layout": preview.layout,
        "skipped_reasons": {r: n for r, n, _ in preview.skipped_reasons},
    }


def _dry_run_too_large() -> str:
    return (
        f"A dry run reads at most {jobs.SYNC_ROWS:,} rows at once, and this file has more. "
        "Import it without dry_run: the import runs in the background, checks every row first "
        "and stores nothing if one is wrong (or preview it in Settings > Import)."
    )


class ImportView(APIView):
    """Import a training history in the background; importing the same file again adds nothing."""

    parser_classes = [MultiPartParser]
    throttle_classes = [ImportThrottle]

    @extend_schema(
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            202: ImportStartedSerializer,
            200: ImportResultSerializer,
            429: OpenApiResponse(ErrorSerializer, "Too many imports from this account or address."),
        },
        summary="Import a Strong, Hevy or FitNotes export (or a Thrustlog export)",
        description=(
            "202 with the job (`url`: follow it with GET) since v1.1; a dry run answers 200 with "
            "what would be added, the unit assumed and why. A file that cannot be read answers "
            '400 {"file": ["..."]} naming the line, and nothing is stored. Limits: '
            f"{reading.MAX_UPLOAD_BYTES // (1024 * 1024)} MB per upload "
            f"({reading.MAX_UNPACKED_BYTES // (1024 * 1024)} MB unpacked from a ZIP), "
            f"{MAX_ROWS:,} rows per file, {jobs.SYNC_ROWS:,} rows for a dry run."
        ),
        tags=["imports"],
    )
    def post(self, request: Request) -> Response:
        athlete = signed_in(request)
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
        try:
            check_size(upload.size)
            data = upload.read()
            if incoming.validated_data["dry_run"]:
                if not jobs.is_small(data):
                    raise ImportFileError(_dry_run_too_large())
                preview = jobs.Preview.of(importer.preview(athlete, data, unit=unit))
                return Response(ImportResultSerializer(_result(preview)).data)
            jobs.check(athlete, data, unit=unit)
            token = jobs.keep_upload(athlete, data)
        except ImportFileError as error:
            raise serializers.ValidationError({"file": [str(error)]}) from None
        job = jobs.start(athlete, token, unit=unit, file_name=upload.name, size=upload.size)
        body: dict[str, Any] = {
            "id": job.pk,
            "state": job.state,
            "url": reverse("api-import", args=[job.pk]),
        }
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


class ImportJobView(RetrieveAPIView):
    """One of the caller's imports: its state, progress and, once done, what it added."""

    serializer_class = ImportJobSerializer

    def get_queryset(self) -> Any:
        return ImportJob.objects.filter(athlete=signed_in(self.request))

    @extend_schema(summary="Follow a background import", tags=["imports"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ExportView(APIView):
    """Everything the caller logged: every session with its sets and pain reports nested,
    streamed as it is read (the same bytes as the JSON download), so years of history start
    arriving at once and never sit whole in a web worker's memory."""

    @extend_schema(responses=export.ExportSerializer, summary="Export your log", tags=["export"])
    def get(self, request: Request) -> StreamingHttpResponse:
        return StreamingHttpResponse(
            streaming.json_chunks(signed_in(request)), content_type="application/json"
        )
