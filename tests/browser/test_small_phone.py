"""The smallest common phone (360x740): every page of the log still fits and passes the checks."""

import pytest
from django.utils import timezone

from tests.browser.conftest import NewContext
from tests.browser.phone import check_page, log_in
from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_page_fits_a_360_pixel_phone(live_server, new_context: NewContext, athlete):
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    logged = SetFactory(session=session)
    PainReportFactory(session=session, region="hip_bone", score=4)
    context = new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    log_in(page, live_server.url, athlete.username)
    pages = {
        "today": "/",
        "session": f"/sessions/{session.pk}/",
        "set-edit": f"/sets/{logged.pk}/edit/",
        "finish": f"/sessions/{session.pk}/finish/",
        "history": "/sessions/",
        "advice": "/advice/",
        "settings": "/settings/",
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        check_page(page, f"360-{name}")
