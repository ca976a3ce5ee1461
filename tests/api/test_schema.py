"""The OpenAPI schema documents the contract; Swagger UI (/api/v1/docs/) is served locally."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from tracker import choices

pytestmark = pytest.mark.django_db

CONTRACT_OPERATIONS = {
    "/api/v1/auth/register/": {"post"},
    "/api/v1/auth/token/": {"post"},
    "/api/v1/sessions/": {"get", "post"},
    "/api/v1/sessions/{id}/": {"get", "patch", "delete"},
    "/api/v1/sets/": {"get", "post"},
    "/api/v1/sets/{id}/": {"get", "patch", "delete"},
    "/api/v1/pain-reports/": {"get", "post"},
    "/api/v1/pain-reports/{id}/": {"get", "patch", "delete"},
}
VOCABULARIES = {
    "PainRegion": choices.PainRegion,
    "PainTiming": choices.PainTiming,
    "PainCharacter": choices.PainCharacter,
    "FootDistance": choices.FootDistance,
    "StanceWidth": choices.StanceWidth,
    "Padding": choices.Padding,
    "Equipment": choices.Equipment,
    "RedFlag": choices.RedFlag,
}
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def openapi(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        response = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def operations(openapi):
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def test_the_schema_validates_without_a_warning(tmp_path):
    # Fails on any warning: an untyped field, an enum name clash, an invalid OpenAPI document.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "api.yaml")
    assert (tmp_path / "api.yaml").read_text().startswith("openapi: 3.")


def test_the_schema_is_public_openapi_3(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.0")


def test_every_operation_of_the_contract_is_documented(openapi):
    documented = {
        path: {m for m in item if m in HTTP_METHODS} for path, item in openapi["paths"].items()
    }
    for path, methods in CONTRACT_OPERATIONS.items():
        assert methods <= documented.get(path, set()), path


@pytest.mark.parametrize("name", VOCABULARIES)
def test_every_vocabulary_is_an_enum_with_the_contracts_values(openapi, name):
    enum = openapi["components"]["schemas"][name]
    assert enum["type"] == "string"
    assert enum["enum"] == list(VOCABULARIES[name].values)


def test_loads_are_numbers_with_two_decimals(openapi):
    schemas = openapi["components"]["schemas"]
    assert schemas["SetInput"]["properties"]["load_kg"]["type"] == "number"
    assert schemas["SetInput"]["properties"]["load_kg"]["multipleOf"] == 0.01
    assert schemas["Set"]["properties"]["load_kg"]["type"] == "number"


def test_text_fields_document_that_nul_characters_are_refused(openapi):
    notes = openapi["components"]["schemas"]["SessionInput"]["properties"]["notes"]
    # Blank allowed: one branch for text without NUL, one for "" (never both: it is a oneOf).
    assert notes["oneOf"][0]["pattern"] == "^[^\\u0000]+$"
    assert notes["oneOf"][1]["maxLength"] == 0
    username = openapi["components"]["schemas"]["Registration"]["properties"]["username"]
    assert username["pattern"] == "^[A-Za-z0-9_.@+-]+$"


def test_every_operation_documents_the_errors_it_can_give(openapi):
    for path, method, operation in operations(openapi):
        codes = set(operation["responses"])
        expected = {"405", "406"}
        if "requestBody" in operation:
            expected |= {"400", "413", "415"}
        if any(operation.get("security", [])):
            expected |= {"401", "403"}
        if "{id}" in path:
            expected.add("404")
        assert expected <= codes, f"{method.upper()} {path} lacks {expected - codes}"
        for code in expected:
            content = operation["responses"][code]["content"]["application/json"]
            assert content["schema"]["$ref"].split("/")[-1] in {"Error", "ValidationError"}


def test_the_sign_in_endpoints_document_their_429(openapi):
    for path in ("/api/v1/auth/register/", "/api/v1/auth/token/"):
        assert "429" in openapi["paths"][path]["post"]["responses"]


def test_a_repeated_client_id_is_documented_as_200(openapi):
    for family in ("sessions", "sets", "pain-reports"):
        assert {"200", "201"} <= set(openapi["paths"][f"/api/v1/{family}/"]["post"]["responses"])


def test_the_token_header_is_the_documented_authentication(openapi):
    token = openapi["components"]["securitySchemes"]["tokenAuth"]
    assert (token["type"], token["in"], token["name"]) == ("apiKey", "header", "Authorization")


# --- Swagger UI ------------------------------------------------------------------------------


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in s for s in sources)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]  # no CDN
    # The Content-Security-Policy forbids inline scripts: every script is a file.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    for source in sources:
        if "/static/" in source:
            path = source.split("/static/", 1)[1].split("?", 1)[0]
            assert finders.find(path), f"{path} is not a static file"


def test_the_docs_start_up_script_is_served_as_a_file(client):
    response = client.get("/api/v1/docs/", {"script": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert b"/api/v1/schema/" in response.content
