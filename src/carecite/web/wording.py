"""The library's messages in the web's words: a step on the page, not a command-line flag.

The library's messages name what to do as a ``carecite.errors.Step`` inside a
``carecite.errors.StepText``, which the CLI prints in the command line's words ("pass
--allow-over-length"). The web has no command line, so every message it shows passes
``said``, which says each step as the page offers it (tick "Allow a draft over its page
limit") or, for the JSON API, as a request says it (send ``"allow_over_length": true``).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from carecite.errors import Step, StepText


class Face(Enum):
    """Who reads the message: a person at a page, or a program calling the API."""

    PAGE = "page"
    API = "api"


#: The labels of the controls a step is taken with, by field name. The pages' templates
#: label their controls from here (``labels``), so a message names the control the page has.
LABELS = {
    "allow_over_length": "Allow a draft over its page limit",
    "check_length": "Count the pages as laid out",
    "template": "Template",
    "id": "Source id",
    "published": "Published",
    "since": "Published from",
    "until": "Published to",
    # A finding's keys in the case form, which a warning about its words names.
    "sentence": "Quote only sentence",
    "start": "Quote from the words",
    "block": "Quote as a block",
    "paraphrase": "Paraphrase",
}

#: Each step as a page says it: its control's label, or the page that does it.
ON_THE_PAGE: dict[Step, str] = {
    Step.ALLOW_OVER_LENGTH: f"tick “{LABELS['allow_over_length']}”",
    Step.CHECK_LENGTH: f"(tick “{LABELS['check_length']}”)",
    Step.PUBLISHED: f"in “{LABELS['published']}”",
    Step.OWN_BANK: (
        "make a bank of your own (run 'carecite init' once), then start carecite serve "
        "again: it serves that bank"
    ),
    Step.FORCE: "choose another name, or remove that file to replace it",
    Step.ANOTHER_SOURCE_ID: (
        f"choose another “{LABELS['id']}” and read the report again, or remove that file "
        "from your bank to replace it"
    ),
    Step.OTHER_SOURCE_ID: f"choose another “{LABELS['id']}” and read the report again",
    Step.REIMPORT: (
        "it is this report, imported before; to replace it with this reading, remove that "
        "file from your bank folder and read the report again (under another "
        f"“{LABELS['id']}” the bank would hold the same report twice)"
    ),
    Step.SINCE: f"“{LABELS['since']}”",
    Step.UNTIL: f"“{LABELS['until']}”",
    Step.AUDIT: "use the Cite-check page",
    Step.SEE_THEMES: "choose one from the Theme list on the Search page",
    Step.LIST_THEMES: "see the Theme list on the Search page",
    Step.THEMES: "see the Theme list on the Search page",
    Step.THEMES_NAMED: "(the Theme list on the Search page names them)",
    Step.THEME_IDS: "(the Theme list on the Search page names them)",
    Step.SEE_PASSAGES: "find the passage on the Search page",
    Step.PASSAGES: "find the passage on the Search page",
    Step.SEE_SOURCES: "find the report on the Authorities page",
    Step.SOURCES: "find the report on the Authorities page",
    Step.AUTHORITIES: "check the authority's name as Ofsted writes it",
    Step.HISTORY: 'the Authorities page for "',
    Step.IMPORT: "the Import page adds a report to your bank",
    Step.IMPORT_READS: "carecite imports",
    Step.IMPORT_OR_DATA: "import its reports on the Import page",
    Step.TEMPLATE_FOR_HEARING: f"choose the right document under “{LABELS['template']}”",
    Step.TEMPLATE_NEEDS: (
        f"(the example case shows one), or choose another “{LABELS['template']}”"
    ),
    Step.SHOW: "(open the passage from the Search page)",
    Step.DRAFTED: "or carecite's draft builder",
    Step.REPORT_PDF: "the Import page adds it to your bank",
    Step.INIT_THEMES: (
        "stop carecite serve, run 'carecite init' on the bank's folder (it puts the shipped "
        "one there, keeping the folder's other files), then start carecite serve again"
    ),
    Step.REPORTS_FOLDER: (
        "in the reports/ folder of the bank carecite serve reads (make a bank of your own "
        "with 'carecite init' if it serves the shipped one), then start carecite serve again"
    ),
    Step.AGAIN: "try again",
    Step.IMPORT_AGAIN: "read it again",
    Step.REPLACE_FILE: "remove that file from your bank's reports/ folder to replace it",
    Step.RELIANCE_REASON: (
        "take it out of “Relied on › Passages” and any issue's findings, or, to rely on it all "
        "the same, press “Add a reason” under “Relied on › Reasons” and give its passage id "
        "and why the court should read it"
    ),
    Step.EXTRACTS: "“Witness › Extracts”",
    Step.QUOTE_FROM: f"(“{LABELS['start']}”, “{LABELS['sentence']}”)",
    Step.FINDING_WORDS: (
        f"“{LABELS['sentence']}” N quotes sentence N (“{LABELS['start']}” begins within it); "
        f"tick “{LABELS['block']}” for the whole passage, or give your own words in "
        f"“{LABELS['paraphrase']}”"
    ),
}

#: Where the API says a step otherwise than a page: as the request's field.
BY_THE_API: dict[Step, str] = {
    Step.ALLOW_OVER_LENGTH: 'send "allow_over_length": true',
    Step.CHECK_LENGTH: '(send "check_length": true)',
    Step.PUBLISHED: 'in the field "published" (YYYY-MM-DD)',
    Step.FORCE: "choose another name, or remove that file to replace it",
    Step.ANOTHER_SOURCE_ID: 'send another "id", or remove that file from your bank to replace it',
    Step.OTHER_SOURCE_ID: 'send another "id"',
    Step.REIMPORT: (
        "it is this report, imported before; to replace it with this reading, remove that "
        'file from your bank and send the request again (under another "id" the bank would '
        "hold the same report twice)"
    ),
    Step.SINCE: "since",
    Step.UNTIL: "until",
    Step.AUDIT: "use POST /api/audit",
    Step.TEMPLATE_FOR_HEARING: 'send the right "template"',
    Step.TEMPLATE_NEEDS: '(the example case shows one), or send another "template"',
    Step.SHOW: "(GET /api/passages/ID)",
    Step.REPORT_PDF: "POST /api/import adds it to your bank",
    Step.AGAIN: "send the request again",
    Step.IMPORT_AGAIN: "send it again",
    Step.RELIANCE_REASON: (
        'take it out of the case, or say why it is relied on in its "relied_on" mapping\'s '
        '"reasons" (PASSAGE-ID: the reason)'
    ),
    Step.EXTRACTS: 'the witness\'s "extracts"',
    Step.QUOTE_FROM: '(the finding\'s "start" or "sentence")',
    Step.FINDING_WORDS: (
        'the finding\'s "sentence": N quotes sentence N ("start" begins within it), "block": '
        'true the whole passage, "paraphrase" your own words: {passage: ID, sentence: 2}'
    ),
}


def said(text: str, face: Face = Face.PAGE, reports: Path | None = None) -> str:
    """``text`` (a library message, hint or warning) with each step in ``face``'s words;
    text that names no step (a plain ``str``) as it is. ``reports``: the reports folder the
    server reads (``Site.reports_dir``), named where a step says where a report goes; it is
    read at each cite-check, so a report put there needs no restart."""
    if not isinstance(text, StepText):
        return text

    def words(step: Step) -> str:
        if step is Step.REPORTS_FOLDER and reports is not None:
            return f"in {reports}, the reports folder carecite serve reads"
        return (BY_THE_API.get(step) if face is Face.API else None) or ON_THE_PAGE[step]

    return text.say(words)
