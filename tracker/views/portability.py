"""Settings > Import and Delete my account (exports: views/exports.py)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import limits
from thrustlog.http import AuthenticatedHttpRequest
from tracker.api.throttles import import_limits
from tracker.portability import account, importer, jobs, spool
from tracker.portability.forms import (
    ConfirmImportForm,
    DeleteAccountForm,
    ImportForm,
    import_form_refusing,
)
from tracker.portability.models import ImportJob
from tracker.portability.reading import check_size
from tracker.portability.sources import ImportFileError
from tracker.preferences import unit_of


def _too_large(request: AuthenticatedHttpRequest) -> str | None:
    """The refusal of an upload declared too large, decided before its body is read."""
    try:
        check_size(int(request.META.get("CONTENT_LENGTH") or 0))
    except ImportFileError as error:
        return str(error)
    except ValueError:
        pass
    return None


@csrf_exempt  # the size is checked before the CSRF check reads the body; then that check runs
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST" and limits.over_any(*import_limits(request)):
        return limits.too_many(request, "Too many imports: try again in an hour.")
    refusal = _too_large(request) if request.method == "POST" else None
    if refusal:
        form = import_form_refusing(refusal, unit=unit_of(request))
        return render(request, "tracker/import.html", {"form": form}, status=400)
    return _import_upload(request)


@csrf_protect
def _import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = ImportForm(initial={"unit": unit_of(request)})
        return render(request, "tracker/import.html", {"form": form})
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        data, unit = upload.read(), form.cleaned_data["unit"]
        try:
            if jobs.is_small(data):
                outcome = importer.preview(request.user, data, unit=unit)
                token = jobs.keep_upload(request.user, data)
                return _preview_page(request, jobs.Preview.of(outcome), token, unit)
            # A large file: the request checks its first rows, a job reads the rest.
            jobs.check(request.user, data, unit=unit)
            token = jobs.keep_upload(request.user, data)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            job = jobs.start(
                request.user, token, kind=ImportJob.Kind.PREVIEW, unit=unit,
                file_name=upload.name, size=upload.size,
            )  # fmt: skip
            return redirect("tracker:import_job", job.pk)
    return render(request, "tracker/import.html", {"form": form}, status=400)


def _preview_page(
    request: HttpRequest, preview: jobs.Preview, token: str, unit: str, *, status: int = 200
) -> HttpResponse:
    form = ConfirmImportForm(initial={"token": token, "unit": unit})
    context = {"preview": preview, "form": form}
    return render(request, "tracker/import_preview.html", context, status=status)


@require_POST
def import_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Import the waiting file with the confirmed unit (or preview it again in another unit)."""
    form = ConfirmImportForm(request.POST)
    data = spool.load(request.user, request.POST.get("token", ""))
    if data is None:  # imported already, or never this athlete's upload
        raise Http404("That upload is no longer waiting: choose the file again.")
    if not form.is_valid():
        upload = import_form_refusing("Pick kilograms or pounds.", unit=unit_of(request))
        return render(request, "tracker/import.html", {"form": upload}, status=400)
    token, unit = form.cleaned_data["token"], form.cleaned_data["unit"]
    if request.POST.get("action") == "preview":
        if not jobs.is_small(data):
            job = jobs.start(request.user, token, kind=ImportJob.Kind.PREVIEW, unit=unit)
            return redirect("tracker:import_job", job.pk)
        try:
            preview = jobs.Preview.of(importer.preview(request.user, data, unit=unit))
        except ImportFileError as error:
            spool.discard(request.user, token)
            upload = import_form_refusing(str(error), unit=unit)
            return render(request, "tracker/import.html", {"form": upload}, status=400)
        return _preview_page(request, preview, token, unit)
    job = jobs.start(request.user, token, unit=unit, size=len(data))
    return redirect("tracker:import_job", job.pk)


@require_GET
def import_job(request: AuthenticatedHttpRequest, job_id: UUID) -> HttpResponse:
    """An import or preview running in the background: its progress, then what it found."""
    job = get_object_or_404(ImportJob, pk=job_id, athlete=request.user)
    if job.kind == ImportJob.Kind.PREVIEW and job.state == ImportJob.State.DONE:
        preview = jobs.Preview.from_json(job.result)
        if spool.load(request.user, job.token) is None:
            raise Http404("That upload is no longer waiting: choose the file again.")
        return _preview_page(request, preview, job.token, job.unit or unit_of(request))
    context = {"job": job, "summary": _summary(job) if job.state == ImportJob.State.DONE else ""}
    return render(request, "tracker/import_job.html", context)


def _summary(job: ImportJob) -> str:
    source = job.result.get("source", "the file")
    added = f"Imported {job.sessions} sessions and {job.sets} sets from {source}"
    already = job.result.get("already_sets", 0)
    if already or job.result.get("already_sessions"):
        added += f"; {already} sets were already in your log"
    if job.skipped:
        added += f"; {job.skipped} rows skipped"
    return added + "."


@require_http_methods(["GET", "POST"])
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account.delete_account(user)
        messages.success(request, "Your account and everything you logged have been deleted.")
        return redirect("login")
    context = {"form": form, "what_goes": account.what_goes(request.user)}
    return render(
        request, "tracker/account_delete.html", context, status=400 if form.errors else 200
    )
