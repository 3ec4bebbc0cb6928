"""A file made for the user, sent as a download with a safe file name."""

from __future__ import annotations

import json
import re

from starlette.responses import Response

from carecite.web.actions import DraftFile, FieldProblem
from carecite.web.wording import Face, said

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


#: The header carrying a draft's warnings to a script, as a JSON list of strings.
WARNINGS_HEADER = "x-carecite-warnings"


def download(made: DraftFile) -> Response:
    """The file as an attachment; its name keeps only characters safe in any header.

    A draft's warnings (near its page limit, a quotation pointing back …) go with it in
    ``X-Carecite-Warnings``, for a script: each a line of text, in the API's words
    (``wording``), JSON with every character outside ASCII escaped, as a header must be.
    """
    name = _UNSAFE.sub("-", made.filename).strip("-.") or "download"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    if made.warnings:
        headers[WARNINGS_HEADER] = json.dumps([_line_of_text(w) for w in made.warnings])
    return Response(made.content, media_type=made.media_type, headers=headers)


def _line_of_text(warning: FieldProblem) -> str:
    """``line 46 (issues.2.findings.0): the quotation … — say …``: the case text's line and
    its key first where the warning has them (the posted case, not a file of the server's)."""
    where = f"line {warning.line}" if warning.line else ""
    if where and warning.field:
        where += f" ({warning.field})"
    hint = f" — {said(warning.hint, Face.API)}" if warning.hint else ""
    return f"{where}{': ' if where else ''}{said(warning.message, Face.API)}{hint}"
