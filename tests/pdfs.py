"""PDFs the tests (and ``bench/bench_pdf.py``) build for themselves: nothing binary is kept."""

from __future__ import annotations

import functools
import zlib
from collections.abc import Sequence

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
LINE = b"BT /F1 12 Tf 72 %d Td (Inspectors found that managers do not oversee plans.) Tj ET\n"


def pdf_file(objects: Sequence[bytes]) -> bytes:
    """A PDF of these numbered objects (the first the catalogue), with a correct xref."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data: bytes, entries: bytes = b"") -> bytes:
    """A stream object's body: its dictionary (``/Length`` and ``entries``) and data."""
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), entries, data)


def one_page(content: bytes, *, pages: int = 1, xobjects: bytes = b"") -> list[bytes]:
    """The objects of a document whose ``pages`` pages all show ``content`` (object 4)."""
    kids = b" ".join([b"3 0 R"] * pages)
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << %s >> >> >>" % xobjects,
        content,
        FONT,
    ]


@functools.cache  # built once: compressing costs more than reading it does
def flate_bomb(megabytes: int) -> bytes:
    """A page whose content stream is 1 kB a MB that inflates to ``megabytes`` MB."""
    packer = zlib.compressobj(9)
    spaces = b" " * (1 << 20)
    packed = [packer.compress(LINE % 700)]
    packed += [packer.compress(spaces) for _ in range(megabytes)]
    packed.append(packer.flush())
    return pdf_file(one_page(stream(b"".join(packed), b"/Filter /FlateDecode")))
