"""The athlete's advice page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from advice.services import advice_for


@require_GET
def advice_page(request: HttpRequest) -> HttpResponse:
    items = advice_for(request.user)
    context = {"items": items, "chart_url": reverse("tracker:dashboard")}
    return render(request, "advice/advice.html", context)
