"""How pages travel: compressed for phones that accept it, never for those that do not."""

import gzip

from django.urls import reverse


def test_a_page_is_gzipped_for_a_browser_that_accepts_it(athlete_client):
    response = athlete_client.get(reverse("tracker:today"), HTTP_ACCEPT_ENCODING="gzip, br")

    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)


def test_a_page_is_plain_for_a_client_that_does_not_accept_gzip(athlete_client):
    response = athlete_client.get(reverse("tracker:today"))

    assert not response.has_header("Content-Encoding")
    assert b"<html" in response.content


def test_api_answers_are_gzipped_too(athlete_client):
    response = athlete_client.get("/api/v1/schema/", HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]  # caches keep the two versions apart
