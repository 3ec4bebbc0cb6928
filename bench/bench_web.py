"""carecite serve, measured as a user meets it: a live server on loopback, warm, per request.

Prints a table of median and slowest times (of 10 requests after one warm-up) for each page
and API call a lawyer's session makes, over the shipped bank. Run:

    python bench/bench_web.py
"""

from __future__ import annotations

import json
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import uvicorn

import carecite
from carecite.resources import shipped_dir
from carecite.web.actions import Site
from carecite.web.app import create_app
from carecite.web.security import Policy, served_hosts
from carecite.web.server import free_port

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.web.html_form import form_fields  # the tests' reader of a page's form

TOKEN = "bench"
RUNS = 10


def main() -> None:
    port = free_port("127.0.0.1")
    app = create_app(Site(carecite.shipped_bank()), Policy(TOKEN, served_hosts("127.0.0.1", port)))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    case = (shipped_dir("examples") / "re-a-tower-hamlets.yaml").read_text(encoding="utf-8")
    draft_body = json.dumps({"template": "skeleton-argument", "case": case}).encode()
    skeleton = Path("/tmp/bench-web-skeleton.docx")
    skeleton.write_bytes(_request(base + "/api/draft", draft_body, "application/json"))
    boundary = "benchboundary"
    audit_body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.docx"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + skeleton.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    form = "application/x-www-form-urlencoded"
    # The builder's fields as the browser posts them, read from the page itself.
    fields = form_fields(_request(base + "/draft", None, None).decode())
    add_row = urllib.parse.urlencode({**fields, "action": "add:children"}).encode()
    calls = [
        ("GET /search?q=lscb inadequat (page)", base + "/search?q=lscb+inadequat", None, None),
        ("GET /draft (the builder, example case)", base + "/draft", None, None),
        ("POST /draft (form: add a child, no script)", base + "/draft", add_row, form),
        (
            "GET /search … &partial=1 (as you type)",
            base + "/search?q=managment+oversite&partial=1",
            None,
            None,
        ),
        (
            "GET /api/search?q=social workers keep leaving",
            base + "/api/search?q=social+workers+keep+leaving",
            None,
            None,
        ),
        ("GET /passage/th17-lscb-inadequate", base + "/passage/th17-lscb-inadequate", None, None),
        ("GET /authority/Tower Hamlets", base + "/authority/Tower%20Hamlets", None, None),
        ("POST /api/draft (skeleton, .docx)", base + "/api/draft", draft_body, "application/json"),
        (
            "POST /api/audit (that skeleton)",
            base + "/api/audit",
            audit_body,
            f"multipart/form-data; boundary={boundary}",
        ),
    ]
    print(
        f"carecite serve on the shipped bank: {RUNS} warm requests each "
        f"(Python {sys.version.split()[0]})\n"
    )
    print("| request | median | slowest |\n| --- | ---: | ---: |")
    for name, url, body, kind in calls:
        _request(url, body, kind)  # warm-up: caches, bank load
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            _request(url, body, kind)
            times.append(time.perf_counter() - start)
        print(f"| {name} | {statistics.median(times) * 1000:.0f} ms | {max(times) * 1000:.0f} ms |")
    server.should_exit = True


def _request(url: str, body: bytes | None, kind: str | None) -> bytes:
    request = urllib.request.Request(url, data=body, headers={"Authorization": f"token {TOKEN}"})
    if kind:
        request.add_header("Content-Type", kind)
    with urllib.request.urlopen(request) as response:
        return bytes(response.read())


if __name__ == "__main__":
    main()
