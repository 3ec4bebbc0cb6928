"""Write a synthetic quote bank of N passages in the real bank format, for benchmarks.

    python bench/make_bank.py 100000 /tmp/bank-100k [--no-shipped] [--templates]
    python bench/make_bank.py 100000 /tmp/bank-100k --reports DIR [DIR ...]

About 150 authorities with several inspections each (SIF before 2018, ILACS after), one
YAML file per inspection, passages tagged with the bank's themes. ``themes.yaml`` is copied
from the shipped bank, and so (unless ``--no-shipped``) are the shipped source files, so the
labelled queries of ``bench_search.py`` have real answers hidden among the synthetic passages.

Passages are made of the sentences of real Ofsted reports: by default the PDFs in
``../shared/reference/corpus`` and ``../shared/reference/reports`` beside the checkout
(``--reports`` names other folders), read with ``pdftotext`` when the bank is made (their
text is never kept in the repository). Each synthetic inspection draws from one real report,
so a source reads like one report, and each passage recombines one to four of its sentences,
so the vocabulary, lengths and themes are a real bank's but no passage is a real one. A
sentence sharing eight words in a row with a shipped passage is left out, so the right
answers stay unique. Where no report can be read (a checkout without ``../shared``, or
``--templates``) passages come from the old report-like templates instead, and the script
says so. Output is deterministic for a given N and set of reports.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

import yaml

SHIPPED = Path(__file__).resolve().parent.parent / "quotes"
REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference"
DEFAULT_REPORTS = (REFERENCE / "corpus", REFERENCE / "reports")

PLACES = [
    "Barnsley",
    "Bedford",
    "Birmingham",
    "Blackburn",
    "Blackpool",
    "Bolton",
    "Bournemouth",
    "Bradford",
    "Brighton",
    "Bristol",
    "Bury",
    "Calderdale",
    "Cambridgeshire",
    "Cheshire",
    "Cornwall",
    "Coventry",
    "Cumbria",
    "Darlington",
    "Derby",
    "Derbyshire",
    "Devon",
    "Doncaster",
    "Dorset",
    "Dudley",
    "Durham",
    "Gateshead",
    "Gloucestershire",
    "Halton",
    "Hampshire",
    "Hartlepool",
    "Herefordshire",
    "Hertfordshire",
    "Kent",
    "Kirklees",
    "Knowsley",
    "Lancashire",
    "Leeds",
    "Leicester",
    "Leicestershire",
    "Lincolnshire",
    "Liverpool",
    "Luton",
    "Manchester",
    "Medway",
    "Middlesbrough",
    "Northumberland",
    "Nottingham",
    "Nottinghamshire",
    "Oldham",
    "Oxfordshire",
    "Peterborough",
    "Plymouth",
    "Portsmouth",
    "Reading",
    "Rochdale",
    "Rotherham",
    "Rutland",
    "Salford",
    "Sandwell",
    "Sefton",
    "Sheffield",
    "Shropshire",
    "Slough",
    "Solihull",
    "Somerset",
    "Southampton",
    "Southend",
    "Stockport",
    "Stockton",
    "Suffolk",
    "Sunderland",
    "Surrey",
    "Swindon",
    "Tameside",
    "Telford",
    "Thurrock",
    "Torbay",
    "Trafford",
    "Wakefield",
    "Walsall",
    "Warrington",
    "Warwickshire",
    "Wigan",
    "Wiltshire",
    "Wirral",
    "Wokingham",
    "Wolverhampton",
    "Worcestershire",
    "York",
]
LONDON = [
    "Barking",
    "Barnet",
    "Bexley",
    "Brent",
    "Bromley",
    "Camden",
    "Croydon",
    "Ealing",
    "Enfield",
    "Greenwich",
    "Hackney",
    "Haringey",
    "Harrow",
    "Havering",
    "Hillingdon",
    "Hounslow",
    "Islington",
    "Lambeth",
    "Lewisham",
    "Merton",
    "Newham",
    "Redbridge",
    "Southwark",
    "Sutton",
    "Wandsworth",
    "Westminster",
]
INVENTED = [
    "Ashcombe",
    "Brackley",
    "Colbourne",
    "Dunmore",
    "Elsworth",
    "Farnleigh",
    "Glenmoor",
    "Harwood",
    "Ivybridge",
    "Kelmarsh",
    "Lynford",
    "Marlow",
    "Netherby",
    "Oakhurst",
    "Pendle",
    "Queensbury",
    "Ravenmoor",
    "Shelford",
    "Thornbury",
    "Upwood",
    "Valemouth",
    "Westerleigh",
    "Yarford",
    "Zennor",
    "Aldmere",
    "Bramwell",
    "Corringham",
    "Deepdale",
    "Easterby",
    "Fenwick",
]

SUBJECTS = {
    "help-and-protection": [
        "the response to children at risk of significant harm",
        "child protection enquiries",
        "the identification of risk for children in need",
        "safeguarding practice",
        "section 47 enquiries",
    ],
    "early-help": ["the early help offer", "early intervention", "family support services"],
    "front-door": [
        "the multi-agency safeguarding hub",
        "strategy discussions",
        "the management of contacts and referrals",
        "the out-of-hours emergency duty team",
    ],
    "thresholds": ["the application of thresholds", "threshold decisions", "step-up decisions"],
    "pre-proceedings": [
        "pre-proceedings work under the public law outline",
        "legal planning meetings",
        "the timeliness of care proceedings",
    ],
    "assessments": ["assessments of need", "the analysis of risk in assessments"],
    "planning": ["child protection plans", "care plans", "reviews and core groups"],
    "private-fostering": ["the identification of private fostering arrangements"],
    "exploitation-and-missing": [
        "the response to children who go missing",
        "return home interviews",
        "work to tackle child sexual exploitation",
        "the response to county lines and gang activity",
    ],
    "children-in-care": [
        "placement stability for children looked after",
        "permanence planning",
        "the work of independent reviewing officers",
    ],
    "adoption": ["adoption performance", "family finding for adopters", "the adoption panel"],
    "care-leavers": [
        "pathway planning for care leavers",
        "the support of personal advisers",
        "suitable accommodation for care leavers",
    ],
    "workforce": [
        "the recruitment and retention of social workers",
        "caseloads",
        "the reliance on agency staff",
        "staff turnover",
    ],
    "management-oversight": [
        "management oversight",
        "supervision",
        "managerial challenge",
    ],
    "quality-assurance": ["performance data", "case file audits", "the quality of recording"],
    "leadership": [
        "senior leaders",
        "the director of children's services",
        "political scrutiny by elected members",
        "corporate governance",
    ],
    "partnership": [
        "the local safeguarding children board",
        "multi-agency partnership working",
        "the safeguarding partnership",
    ],
    "deterioration": ["the decline since the previous inspection"],
    "improvement": ["the pace of improvement", "progress since the last inspection"],
    "statutory-framework": ["the discharge of statutory duties"],
}
GOOD = [
    "is consistently strong",
    "is effective and timely",
    "is purposeful and well recorded",
    "has improved markedly",
    "is of a good quality in most cases seen",
]
POOR = [
    "is inconsistent",
    "is not yet good enough",
    "is weak and lacks rigour",
    "remains variable across teams",
    "is poor in too many cases",
    "is not sufficiently robust",
]
CONSEQUENCES = [
    "As a result, too many children remain in situations of risk for too long.",
    "This means that some children's plans drift and are not progressed in a timely way.",
    "Consequently, children do not receive the help they need when they need it.",
    "Children benefit from stable relationships with their social workers.",
    "Inspectors saw examples of strong direct work that reflected children's wishes.",
    "Senior managers were not aware of the extent of these weaknesses.",
    "Recording on case files does not consistently reflect the rationale for decisions.",
    "This has led to delay in securing permanence for a small number of children.",
    "Partner agencies report that communication has improved.",
    "Audits do not focus sufficiently on the impact of practice on children's outcomes.",
]
OPENERS = [
    "Inspectors found that {subject} {quality}.",
    "In the large majority of cases seen, {subject} {quality}.",
    "For a minority of children, {subject} {quality}.",
    "Since the last inspection, {subject} {quality}.",
    "Leaders recognise that {subject} {quality}.",
]
SECTIONS = [
    "Executive summary",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children looked after and achieving permanence",
    "Leadership, management and governance",
    "Recommendations",
]
GRADES = ["outstanding", "good", "requires improvement to be good", "inadequate"]


def authorities() -> list[str]:
    names = [f"{p} County Council" if p.endswith("shire") else f"{p} Council" for p in PLACES]
    names += [f"London Borough of {p}" for p in LONDON]
    names += [f"{p} Borough Council" for p in INVENTED]
    return names[:150]


def passage_text(rng: random.Random, theme: str, other: str) -> str:
    subject = rng.choice(SUBJECTS[theme])
    quality = rng.choice(GOOD if rng.random() < 0.4 else POOR)
    first = rng.choice(OPENERS).format(subject=subject, quality=quality)
    first = first[0].upper() + first[1:]
    second = rng.choice(SUBJECTS[other])
    middle = f"The quality of {second} {rng.choice(POOR + GOOD)}."
    sentences = [first, middle, rng.choice(CONSEQUENCES)]
    if rng.random() < 0.5:
        sentences.append(rng.choice(CONSEQUENCES))
    return " ".join(sentences)


# A sentence of a report: starts with a capital, ends with a full stop, reads as prose.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)’”][.!?])\s+(?=[A-Z“‘])")
_PROSE = re.compile(r"^[A-Z“‘][^\uf0b7•]{30,398}[a-z0-9)’”][.!?]$")
_SHINGLE = 8


def report_sentences(folders: Sequence[Path]) -> dict[str, list[str]]:
    """The prose sentences of each report PDF in ``folders`` (by file name), read with
    ``pdftotext`` once and kept in a temporary file keyed by the PDFs' names and sizes."""
    pdfs = sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.pdf"))
    if not pdfs or shutil.which("pdftotext") is None:
        return {}
    stamp = hashlib.sha256(repr([(p.name, p.stat().st_size) for p in pdfs]).encode())
    kept = Path(tempfile.gettempdir()) / f"carecite-bench-sentences-{stamp.hexdigest()[:12]}.json"
    if kept.is_file():
        found: dict[str, list[str]] = json.loads(kept.read_text(encoding="utf-8"))
        return found
    found = {}
    for pdf in pdfs:
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8", "replace")
        found[pdf.stem] = _sentences(text)
    kept.write_text(json.dumps(found), encoding="utf-8")
    return found


def _sentences(text: str) -> list[str]:
    """The prose sentences of a report's text: blocks joined, split at full stops, and
    headings, bullets, tables, page furniture and numbers-only lines left out."""
    out = []
    for block in re.split(r"\n\s*\n|\f", text):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        joined = re.sub(r"^\d{1,3}\.\s+", "", joined)  # a numbered paragraph's number
        for sentence in _SENTENCE_END.split(joined):
            sentence = re.sub(r"\s+", " ", sentence).strip()
            sentence = re.sub(r"(?<=[.!?]) \d{1,3}\.$", "", sentence)  # the next one's number
            if (
                _PROSE.match(sentence)
                and not re.search(r" \d{1,3}\.$", sentence)  # a heading and a number
                and "www." not in sentence
                and "http" not in sentence
            ):
                out.append(sentence)
    return list(dict.fromkeys(out))


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return {tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def _shipped_shingles() -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for path in SHIPPED.glob("*.yaml"):
        for passage in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(
            "passages"
        ) or []:
            found |= _shingles(str(passage.get("text", "")))
    return found


def _theme_words() -> dict[str, set[str]]:
    """Each theme's words (id, label, synonyms), for tagging a passage as import would."""
    themes = yaml.safe_load((SHIPPED / "themes.yaml").read_text(encoding="utf-8"))["themes"]
    stop = {"and", "of", "the", "to", "for", "in", "a", "on", "children", "children's"}
    return {
        theme_id: {
            w
            for phrase in [theme_id.replace("-", " "), entry["label"], *entry.get("synonyms", ())]
            for w in re.findall(r"[a-z']+", phrase.casefold())
            if w not in stop and len(w) > 3
        }
        for theme_id, entry in themes.items()
    }


# A passage's text and its themes, made from one report's sentences (by the report's name).
Passage_ = tuple[str, list[str]]
Maker = Callable[[random.Random, str], Passage_]


def _real_text_maker(reports: dict[str, list[str]]) -> tuple[Maker, list[str]]:
    """A function making a passage from one report's sentences, and the reports it draws on."""
    banned = _shipped_shingles()
    pools = {
        name: [s for s in sentences if not (_shingles(s) & banned)]
        for name, sentences in reports.items()
    }
    pools = {name: pool for name, pool in pools.items() if len(pool) >= 20}
    theme_words = _theme_words()
    theme_ids = sorted(theme_words)

    def make(rng: random.Random, report: str) -> Passage_:
        pool = pools[report]
        # Mostly two to four sentences, as a report's numbered paragraph runs (median 374
        # characters at 100k; the 40 real reports' paragraphs, imported: 402).
        text = " ".join(rng.sample(pool, rng.choice((1, 2, 2, 3, 3, 3, 4, 4))))
        words = set(re.findall(r"[a-z']+", text.casefold()))
        scored = sorted(theme_ids, key=lambda t: (-len(theme_words[t] & words), t))
        chosen = [t for t in scored[:2] if theme_words[t] & words] or [rng.choice(theme_ids)]
        return text, chosen

    return make, sorted(pools)


def _template_maker() -> tuple[Maker, list[str]]:
    themes = list(SUBJECTS)

    def make(rng: random.Random, report: str) -> Passage_:
        theme, other = rng.sample(themes, 2)
        return passage_text(rng, theme, other), [theme, other] if rng.random() < 0.5 else [theme]

    return make, [""]


def make_bank(
    total: int,
    folder: Path,
    *,
    shipped: bool = True,
    reports: Sequence[Path] | None = DEFAULT_REPORTS,
) -> str:
    """Write the bank; returns what its passages are made of (for the caller to say)."""
    rng = random.Random(total)
    sentences = report_sentences(reports) if reports else {}
    make_passage, real = _real_text_maker(sentences) if sentences else _template_maker()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHIPPED / "themes.yaml", folder / "themes.yaml")
    if shipped:
        for path in SHIPPED.glob("*.yaml"):
            shutil.copy(path, folder / path.name)
    councils = authorities()
    per_authority = 5
    n_sources = max(3, min(len(councils) * per_authority, total // 130))
    per_source = [total // n_sources + (i < total % n_sources) for i in range(n_sources)]
    for number in range(n_sources):
        council = councils[number % len(councils)]
        visit = number // len(councils)
        year = 2010 + 3 * visit + rng.randrange(3)
        published = date(year, rng.randrange(1, 13), rng.randrange(1, 28))
        framework = "SIF" if year < 2018 else "ILACS"
        slug = council.lower().replace(" ", "-")
        source_id = f"synthetic-{slug}-{year}-{number}"
        grade = rng.choice(GRADES)
        report = real[number % len(real)]
        header = {
            "id": source_id,
            "kind": "inspection-report",
            "author": "Ofsted",
            "publisher": "Ofsted",
            "authority": council,
            "title": f"{council}: Inspection of local authority children's services",
            "short_name": f"Ofsted {year} report",
            "inspected": {
                "from": (published - timedelta(days=60)).isoformat(),
                "to": (published - timedelta(days=40)).isoformat(),
            },
            "published": published.isoformat(),
            "framework": framework,
            "judgements": [
                {"area": "Overall effectiveness", "grade": grade},
                {"area": "Leadership and management", "grade": rng.choice(GRADES)},
            ],
            "headline": f"Children's services in {council} are {grade}",
            "url": None,
            "licence": "OGL-3.0",
            "attribution": None,
            "report_file": None,
            "note": f"Synthetic benchmark source{f' (sentences of {report})' if report else ''}.",
        }
        passages = []
        for item in range(per_source[number]):
            text, themes = make_passage(rng, report)
            passages.append(
                {
                    "id": f"syn{number}-p{item + 1}",
                    "text": text,
                    "page": 2 + item // 4,
                    "paragraph": item + 1,
                    "section": rng.choice(SECTIONS),
                    "themes": themes,
                    "checked": "report",
                }
            )
        document = {"source": header, "passages": passages}
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=88)
        (folder / f"{source_id}.yaml").write_text(text, encoding="utf-8")
    if sentences:
        return f"sentences of {len(real)} real reports"
    return "report-like templates (no report PDFs could be read)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("passages", type=int, help="how many synthetic passages")
    parser.add_argument("folder", type=Path, help="where to write the bank")
    parser.add_argument(
        "--no-shipped", action="store_true", help="leave out the shipped source files"
    )
    parser.add_argument(
        "--reports",
        type=Path,
        nargs="+",
        default=list(DEFAULT_REPORTS),
        help="folders of report PDFs whose sentences make the passages",
    )
    parser.add_argument(
        "--templates", action="store_true", help="report-like templates instead of real sentences"
    )
    args = parser.parse_args()
    made_of = make_bank(
        args.passages,
        args.folder,
        shipped=not args.no_shipped,
        reports=None if args.templates else args.reports,
    )
    print(f"wrote {args.passages} synthetic passages to {args.folder}: {made_of}")
    if not args.templates and made_of.startswith("report-like"):
        print("note: no report PDFs found; passages are templates", file=sys.stderr)


if __name__ == "__main__":
    main()
