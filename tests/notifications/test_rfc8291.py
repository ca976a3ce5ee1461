"""The test helper that reads Web Push messages as a browser does (tests/notifications/
rfc8291.py) is itself checked against RFC 8291 Appendix A: the example's keys, salt and
body, and the intermediate keys the RFC prints."""

import base64

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric import ec

from tests.notifications import rfc8291


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# RFC 8291 Appendix A (and §5 for the body).
UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"
UA_PUBLIC = (
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
)
AS_PUBLIC = (
    "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8"
)
AUTH = "BTBZMqHH6r4Tts7J_aSIgg"
SALT = "DGv6ra1nlYgDCS1FRnbzlw"
IKM = "S4lYMb_L0FxCeq0WhDx813KgSYqU26kOyzWUdsXYyrg"
CEK = "oIhVW04MRdy2XN9CiKLxTg"
NONCE = "4h_95klXJ5E_qnoN"
BODY = (
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6"
    "TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Q"
    "ulcy4a-fN"
)
PLAINTEXT = b"When I grow up, I want to be a watermelon"


@pytest.fixture
def ua_private() -> ec.EllipticCurvePrivateKey:
    return ec.derive_private_key(int.from_bytes(_unb64(UA_PRIVATE), "big"), ec.SECP256R1())


def test_the_example_user_agents_key_is_the_one_the_rfc_publishes(ua_private):
    assert rfc8291.public_bytes(ua_private) == _unb64(UA_PUBLIC)


def test_the_key_derivation_gives_the_rfcs_ikm_cek_and_nonce(ua_private):
    ikm = rfc8291.web_push_ikm(ua_private, _unb64(AS_PUBLIC), _unb64(AUTH))
    assert ikm == _unb64(IKM)
    assert rfc8291.content_keys(ikm, _unb64(SALT)) == (_unb64(CEK), _unb64(NONCE))


def test_the_rfcs_example_message_decrypts_to_its_plaintext(ua_private):
    assert rfc8291.decrypt(_unb64(BODY), ua_private, _unb64(AUTH)) == PLAINTEXT


def test_another_auth_secret_does_not_open_the_message(ua_private):
    with pytest.raises(InvalidTag):
        rfc8291.decrypt(_unb64(BODY), ua_private, b"sixteen byte key")


def test_a_final_record_without_its_0x02_delimiter_is_refused():
    with pytest.raises(rfc8291.DecryptionError, match="0x01, expected 0x02"):
        rfc8291._unpad(b"hello\x01\x00\x00", last=True)
