"""Write a synthetic quote bank of N passages in the real bank format, for benchmarks.

    python bench/make_bank.py 100000 /tmp/bank-100k [--no-shipped]

About 150 authorities with several inspections each (SIF before 2018, ILACS after), one
YAML file per inspection, passages of report-like sentences tagged with the bank's themes.
``themes.yaml`` is copied from the shipped bank, and so (unless ``--no-shipped``) are the
shipped source files, so the labelled queries of ``bench_search.py`` have real answers
hidden among the synthetic passages. Output is deterministic for a given N.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

SHIPPED = Path(__file__).resolve().parent.parent / "quotes"

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


def make_bank(total: int, folder: Path, *, shipped: bool = True) -> None:
    rng = random.Random(total)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHIPPED / "themes.yaml", folder / "themes.yaml")
    if shipped:
        for path in SHIPPED.glob("*.yaml"):
            shutil.copy(path, folder / path.name)
    councils = authorities()
    per_authority = 5
    n_sources = max(3, min(len(councils) * per_authority, total // 130))
    per_source = [total // n_sources + (i < total % n_sources) for i in range(n_sources)]
    themes = list(SUBJECTS)
    for number in range(n_sources):
        council = councils[number % len(councils)]
        visit = number // len(councils)
        year = 2010 + 3 * visit + rng.randrange(3)
        published = date(year, rng.randrange(1, 13), rng.randrange(1, 28))
        framework = "SIF" if year < 2018 else "ILACS"
        slug = council.lower().replace(" ", "-")
        source_id = f"synthetic-{slug}-{year}-{number}"
        grade = rng.choice(GRADES)
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
            "note": "Synthetic benchmark source.",
        }
        passages = []
        for item in range(per_source[number]):
            theme, other = rng.sample(themes, 2)
            passages.append(
                {
                    "id": f"syn{number}-p{item + 1}",
                    "text": passage_text(rng, theme, other),
                    "page": 2 + item // 4,
                    "paragraph": item + 1,
                    "section": rng.choice(SECTIONS),
                    "themes": [theme, other] if rng.random() < 0.5 else [theme],
                    "checked": "report",
                }
            )
        document = {"source": header, "passages": passages}
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=88)
        (folder / f"{source_id}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("passages", type=int, help="how many synthetic passages")
    parser.add_argument("folder", type=Path, help="where to write the bank")
    parser.add_argument(
        "--no-shipped", action="store_true", help="leave out the shipped source files"
    )
    args = parser.parse_args()
    make_bank(args.passages, args.folder, shipped=not args.no_shipped)
    print(f"wrote {args.passages} synthetic passages to {args.folder}")


if __name__ == "__main__":
    main()
