"""A browser's side of Web Push encryption, written from the RFCs with `cryptography` only.

pywebpush encrypts with http_ece; a test that decrypts with http_ece too would not see a
mistake the library makes both ways. This reads a message as RFC 8291 (Message Encryption
for Web Push) and RFC 8188 (the aes128gcm content coding) say a user agent does, and is
checked against RFC 8291's Appendix A example.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

TAG_BYTES = 16  # AEAD_AES_128_GCM's tag, at the end of every record
LAST_RECORD = 0x02  # the padding delimiter of the final record (0x01: one of several)
OTHER_RECORD = 0x01


class DecryptionError(ValueError):
    pass


def _hkdf(*, salt: bytes, ikm: bytes, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def public_bytes(key: ec.EllipticCurvePrivateKey) -> bytes:
    """The uncompressed P-256 point (65 octets), as a push subscription's p256dh holds it."""
    return key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def web_push_ikm(
    ua_private: ec.EllipticCurvePrivateKey, as_public: bytes, auth_secret: bytes
) -> bytes:
    """RFC 8291 §3.3-3.4: HKDF(salt=auth_secret, IKM=ECDH(ua, as),
    info="WebPush: info" 0x00 ua_public as_public, L=32)."""
    sender = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), as_public)
    shared = ua_private.exchange(ec.ECDH(), sender)
    info = b"WebPush: info\x00" + public_bytes(ua_private) + as_public
    return _hkdf(salt=auth_secret, ikm=shared, info=info, length=32)


def content_keys(ikm: bytes, salt: bytes) -> tuple[bytes, bytes]:
    """RFC 8188 §2.2-2.3: the content-encryption key (16 octets) and base nonce (12)."""
    cek = _hkdf(salt=salt, ikm=ikm, info=b"Content-Encoding: aes128gcm\x00", length=16)
    nonce = _hkdf(salt=salt, ikm=ikm, info=b"Content-Encoding: nonce\x00", length=12)
    return cek, nonce


def _unpad(record: bytes, *, last: bool) -> bytes:
    content = record.rstrip(b"\x00")
    if not content:
        raise DecryptionError("a record without its padding delimiter")
    expected = LAST_RECORD if last else OTHER_RECORD
    if content[-1] != expected:
        raise DecryptionError(f"padding delimiter {content[-1]:#04x}, expected {expected:#04x}")
    return content[:-1]


def decrypt(body: bytes, ua_private: ec.EllipticCurvePrivateKey, auth_secret: bytes) -> bytes:
    """The plaintext of an aes128gcm Web Push message body.

    RFC 8188 §2.1 header: salt (16) | rs (uint32) | idlen (uint8) | keyid (idlen octets: for
    Web Push the sender's public key, RFC 8291 §4); then records of rs octets each, the last
    one shorter, each sealed with the base nonce XOR its sequence number (§2.3).
    """
    if len(body) < 21:
        raise DecryptionError("shorter than the aes128gcm header")
    salt, rs, idlen = body[:16], int.from_bytes(body[16:20], "big"), body[20]
    as_public = body[21 : 21 + idlen]
    if idlen != 65 or as_public[:1] != b"\x04":
        raise DecryptionError("the keyid is not an uncompressed P-256 public key")
    if rs <= TAG_BYTES + 1:
        raise DecryptionError(f"record size {rs} too small")
    cek, base_nonce = content_keys(web_push_ikm(ua_private, as_public, auth_secret), salt)
    cipher = AESGCM(cek)
    payload = body[21 + idlen :]
    records = [payload[at : at + rs] for at in range(0, len(payload), rs)]
    if not records:
        raise DecryptionError("no record")
    plain = []
    for seq, record in enumerate(records):
        nonce = (int.from_bytes(base_nonce, "big") ^ seq).to_bytes(12, "big")
        opened = cipher.decrypt(nonce, record, None)  # raises InvalidTag on a wrong key
        plain.append(_unpad(opened, last=seq == len(records) - 1))
    return b"".join(plain)
