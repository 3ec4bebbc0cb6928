"""A file made for the user, sent as a download with a safe file name."""

from __future__ import annotations

import re

from starlette.responses import Response

from carecite.web.actions import DraftFile

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def download(made: DraftFile) -> Response:
    """The file as an attachment; its name keeps only characters safe in any header."""
    name = _UNSAFE.sub("-", made.filename).strip("-.") or "download"
    return Response(
        made.content,
        media_type=made.media_type,
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
