"""Settings > Export: a short history streams at once; a long one is written by a background
job whose page shows its progress, then offers the file."""

from uuid import UUID

from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from thrustlog.http import AuthenticatedHttpRequest
from tracker.portability import export, exporting, streaming
from tracker.portability.models import ExportJob

CONTENT_TYPES = {"zip": "application/zip", "json": "application/json"}


@require_GET
def export_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "tracker/export.html")


@require_GET
def export_download(request: AuthenticatedHttpRequest, kind: str) -> HttpResponseBase:
    if kind not in CONTENT_TYPES:
        raise Http404("No such export.")
    if exporting.is_long(request.user):
        job = exporting.start(request.user, kind)
        return redirect("tracker:export_job", job.pk)
    # Streamed: the download starts at once (streaming.py).
    chunks = (streaming.zip_chunks if kind == "zip" else streaming.json_chunks)(request.user)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[kind])
    return _attachment(response, request, kind)


def _attachment(
    response: HttpResponseBase, request: AuthenticatedHttpRequest, kind: str
) -> HttpResponseBase:
    name = export.filename(request.user, kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def export_job(request: AuthenticatedHttpRequest, job_id: UUID) -> HttpResponse:
    job = get_object_or_404(ExportJob, pk=job_id, athlete=request.user)
    ready = job.state == "done" and exporting.path_of(job).is_file()
    return render(request, "tracker/export_job.html", {"job": job, "ready": ready})


@require_GET
def export_job_status(request: AuthenticatedHttpRequest, job_id: UUID) -> JsonResponse:
    """What the job page's script polls (static/js/import_job.js)."""
    job = get_object_or_404(ExportJob, pk=job_id, athlete=request.user)
    stage = "writing" if job.state == "running" else ""
    return JsonResponse({"state": job.state, "progress": job.progress, "stage": stage})


@require_GET
def export_file(request: AuthenticatedHttpRequest, job_id: UUID) -> HttpResponseBase:
    job = get_object_or_404(ExportJob, pk=job_id, athlete=request.user, state="done")
    path = exporting.path_of(job)
    if not path.is_file():
        raise Http404("That export is gone (exports are kept for a day): export again.")
    response = FileResponse(path.open("rb"), content_type=CONTENT_TYPES[job.kind])
    return _attachment(response, request, job.kind)
