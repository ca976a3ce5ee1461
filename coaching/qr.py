"""The QR code of an invitation link, for signing up in person at the gym: drawn on the server
as inline SVG with segno (no script, no image request, no inline style for the CSP)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str) -> SafeString:
    """Black on white whatever the page's colours: a scanner needs the contrast."""
    code = segno.make(url, error="m")
    # The SVG holds only the code's squares and a fixed title, never the URL's text.
    return mark_safe(
        code.svg_inline(
            scale=5, dark="#000", light="#fff", svgclass="qr", title="QR code of the link"
        )
    )
