"""The dashboard's pages and its security rules, through Starlette's test client."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sqlite3
import warnings
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    # Starlette 1.x nudges towards httpx2; httpx is what its TestClient still runs on here.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from diveml.config import Settings
from diveml.web import create_app
from tests.web.conftest import HOSTILE_COLUMN, HOSTILE_FILE, Home

pytestmark = pytest.mark.xdist_group("web")
TOKEN = "test-token-0123456789"


@pytest.fixture
def client(web_home: Home) -> Iterator[TestClient]:
    with TestClient(
        create_app(web_home.settings, token=TOKEN), base_url="http://127.0.0.1:8765"
    ) as c:
        yield c


def pages(home: Home) -> list[str]:
    a, b = home.first, home.second
    return [
        "/",
        "/lessons",
        "/lessons/00-how-this-works",
        "/studies",
        "/studies?sort=holdout&order=asc",
        f"/studies/{a}",
        f"/studies/{a}/report",
        f"/studies/{a}/review",
        f"/studies/{a}/files/study.json",
        f"/studies/compare?id={a}&id={b}",
        "/data",
        "/data/penguins",
        "/choose",
        "/choose?data=penguins",
        "/resources",
        "/resources?topic=pandas&lesson=03-pandas-1",
    ]


def test_every_page_answers_with_its_key_text(client: TestClient, web_home: Home) -> None:
    expected = {
        "/": "Where you are",
        "/lessons": "The path",
        "/studies": "holdout looks",
        "/data": "penguins",
        "/choose?data=penguins": "More than 50 samples?",
        "/resources": "A Few Useful Things to Know about Machine Learning",
        f"/studies/{web_home.first}": "The ladder",
        f"/studies/{web_home.first}/review": (
            f"diveml review {web_home.settings.studies_dir}"
            if importlib.util.find_spec("diveml.review") is None
            else "Review of study"
        ),
    }
    for url in pages(web_home):
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:500])
        if url in expected:
            assert expected[url] in response.text, url


def test_studies_show_holdout_looks_and_the_second_look_is_flagged(
    client: TestClient, web_home: Home
) -> None:
    html = client.get("/studies").text
    rows = re.findall(r"<tr><td><input.*?</tr>", html, flags=re.S)
    assert len(rows) == 2
    looks = sorted(re.findall(r'class="num(?: looks-many)?">(\d+)</td>', "".join(rows)))
    assert looks == ["1", "2"]
    assert "looks-many" in html
    second = client.get(f"/studies/{web_home.second}").text
    assert "This holdout has been scored 2 times" in second


def test_compare_shows_only_what_differs(client: TestClient, web_home: Home) -> None:
    html = client.get(f"/studies/compare?id={web_home.first}&id={web_home.second}").text
    keys = re.findall(r'<td class="mono">([^<]+)</td>', html)
    assert "settings.folds" in keys
    assert "ledger.times_scored" in keys
    # The same data and seed: these are equal, so they must not be listed.
    for same in ("data.fingerprint", "target", "task", "metric", "seed"):
        assert same not in keys
    assert not any("seconds" in k for k in keys)
    assert (
        re.search(r"(\d+) are the same", html)
        and int(re.search(r"(\d+) are the same", html)[1]) > 10
    )


def test_compare_needs_exactly_two(client: TestClient, web_home: Home) -> None:
    response = client.get(f"/studies/compare?id={web_home.first}")
    assert response.status_code == 400
    assert "Pick exactly two studies to compare; 1 were picked" in response.text


def test_studies_are_paged_and_sorted_on_the_server(tmp_path: Path) -> None:
    from diveml.study import _ledger

    settings = Settings(home=tmp_path / "home", studies_dir=tmp_path / "s", workspace=tmp_path)
    for i in range(30):
        _ledger.register(
            settings,
            _ledger.Registration(
                study_id=f"s{i:02d}",
                created_at=f"2026-01-01T00:00:{i:02d}+00:00",
                data_name="t.csv",
                data_fingerprint="d",
                holdout_fingerprint=f"h{i}",
                target="y",
                task="binary",
                metric="roc_auc",
                out_dir=tmp_path / f"s{i:02d}",
            ),
        )
        _ledger.finish(settings, f"s{i:02d}", "linear", i / 100)
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as c:
        first = c.get("/studies").text
        second = c.get("/studies?page=2").text
        low = c.get("/studies?sort=holdout&order=asc").text
        bad = c.get("/studies?sort=nope")
    ids = lambda html: re.findall(r'<a href="/studies/(s\d\d)">', html)  # noqa: E731
    assert ids(first)[:2] == ["s29", "s28"] and len(ids(first)) == 25
    assert ids(second) == ["s04", "s03", "s02", "s01", "s00"]
    assert ids(low)[:3] == ["s00", "s01", "s02"]
    assert "26–30 of 30" in second
    assert bad.status_code == 400
    assert "Cannot sort studies by 'nope'. Sort by one of: created" in unescape(bad.text)


def test_lesson_page_shows_progress_command_copies_and_resources(
    client: TestClient, web_home: Home
) -> None:
    html = client.get("/lessons/01-get-your-feet-wet").text
    assert "diveml learn 1" in html
    assert "incorrect" in html  # the exercise tried once
    assert "Stack Overflow: questions tagged scikit-learn" in html
    zero = client.get("/lessons/0").text  # a number works as in `diveml learn 0`
    assert "00-how-this-works.ipynb" in zero


def test_a_wrong_target_in_the_chooser_form_is_a_400_with_the_nearest_name(
    tmp_path: Path,
) -> None:
    settings = Settings(home=tmp_path / "home", studies_dir=tmp_path / "s", workspace=tmp_path)
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as c:
        response = c.get("/choose?data=penguins&target=Species")
    assert response.status_code == 400
    assert "Did you mean 'species'?" in unescape(response.text)


def test_unknown_names_are_404_pages_with_the_fix(client: TestClient) -> None:
    for url, words in [
        ("/data/titanc", "Did you mean 'titanic'"),
        ("/lessons/99", "There is no lesson called '99'"),
        ("/studies/nope", "There is no study 'nope'"),
        ("/nothing-here", "Nothing is served here"),
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert words in unescape(response.text), url


# --- security ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2f%2e%2e%2fsecret.txt",
        "%252e%252e%252f%252e%252e%252fsecret.txt",  # double-encoded
        "..%5C..%5Csecret.txt",
        "%2Fetc%2Fpasswd",  # absolute
        "report.html%00.txt",
        "model.skops%2F..%2F..%2F..%2Fsecret.txt",
    ],
)
def test_traversal_never_leaves_the_study_folder(
    client: TestClient, web_home: Home, name: str
) -> None:
    response = client.get(f"/studies/{web_home.first}/files/{name}")
    assert response.status_code == 404
    assert "root:" not in response.text and "SECRET-OUTSIDE" not in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/studies/..%2F..%2F..%2Fetc/report",
        "/studies/%2e%2e/files/study.json",
        "/static/..%2F..%2Fconfig.py",
        "//etc/passwd",
        "/data/..%2F..%2Fetc%2Fpasswd",
        "/lessons/..%2F..%2Fexercises",
    ],
)
def test_traversal_in_other_addresses_is_refused(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in {400, 404}
    assert "root:" not in response.text


def test_a_symlink_out_of_the_study_folder_is_not_followed(
    client: TestClient, web_home: Home, tmp_path: Path
) -> None:
    from diveml.study import get_study

    folder = Path(get_study(web_home.second, web_home.settings)["out_dir"])
    md = folder / "report.md"
    saved = md.read_bytes()
    md.unlink()
    md.symlink_to(web_home.outside / "secret.txt")
    try:
        response = client.get(f"/studies/{web_home.second}/files/report.md")
        page = client.get(f"/studies/{web_home.second}").text
    finally:
        md.unlink()
        md.write_bytes(saved)
    assert response.status_code == 404
    assert "SECRET-OUTSIDE" not in response.text
    assert "/files/report.md" not in page  # not offered either


def test_hostile_names_show_as_text(client: TestClient, web_home: Home) -> None:
    for url in [f"/studies/{web_home.first}", "/studies", "/", "/lessons/0"]:
        html = client.get(url).text
        assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;.csv" in client.get("/studies").text
    lesson = client.get("/lessons/0").text
    assert "00-how-this-works-&lt;img src=x onerror=alert(1)&gt;.ipynb" in lesson
    compare = client.get(f"/studies/compare?id={web_home.first}&id={web_home.second}").text
    assert "<script>" not in compare
    # The report is the study's own file: its template escapes the column name too.
    report = client.get(f"/studies/{web_home.first}/report").text
    assert HOSTILE_COLUMN not in report
    assert "&lt;script&gt;" in report
    assert HOSTILE_FILE not in report


def test_every_response_forbids_scripts(client: TestClient, web_home: Home) -> None:
    for url in ["/", f"/studies/{web_home.first}/report", "/nothing-here"]:
        csp = client.get(url).headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp


def test_other_host_headers_are_refused(client: TestClient) -> None:
    # A DNS-rebinding page reaches 127.0.0.1 under its own name; it gets nothing.
    response = client.get("/", headers={"host": "evil.example:8765"})
    assert response.status_code == 400
    assert "Where you are" not in response.text


def _snapshot(settings: Settings) -> dict[str, str]:
    """Every file under the served folders with its hash; the database by its rows."""
    state: dict[str, str] = {}
    for root in (settings.home, settings.studies_dir, settings.workspace):
        for path in sorted(Path(root).rglob("*")) if Path(root).exists() else []:
            if path.is_file() and not path.name.endswith(("-wal", "-shm")):
                if path.suffix == ".sqlite":
                    with sqlite3.connect(path) as con:
                        rows = [
                            repr(list(con.execute(f"SELECT * FROM {t} ORDER BY 1")))
                            for (t,) in con.execute(
                                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY 1"
                            )
                        ]
                    state[str(path)] = hashlib.sha256("".join(rows).encode()).hexdigest()
                else:
                    state[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def test_get_never_changes_state(client: TestClient, web_home: Home) -> None:
    before = _snapshot(web_home.settings)
    for url in pages(web_home):
        client.get(url)
    assert _snapshot(web_home.settings) == before


def test_get_does_not_create_the_database(tmp_path: Path) -> None:
    settings = Settings(
        home=tmp_path / "home", studies_dir=tmp_path / "s", workspace=tmp_path / "w"
    )
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as c:
        for url in ["/", "/lessons", "/studies", "/lessons/1", "/resources"]:
            assert c.get(url).status_code == 200, url
    assert not (tmp_path / "home").exists() and not (tmp_path / "w").exists()


def test_the_copy_action_needs_this_servers_token(client: TestClient, web_home: Home) -> None:
    workspace = web_home.settings.workspace
    before = sorted(p.name for p in workspace.iterdir())
    refused = [
        client.post("/lessons/02-what-is-a-model/copy", data={}),
        client.post("/lessons/02-what-is-a-model/copy", data={"token": "guessed"}),
        client.get("/lessons/02-what-is-a-model/copy"),
    ]
    assert [r.status_code for r in refused] == [403, 403, 405]
    assert "its token does not match" in refused[0].text
    assert sorted(p.name for p in workspace.iterdir()) == before
    # The page carries the token; posting it copies the lesson and says where.
    form = client.get("/lessons/02-what-is-a-model").text
    token = re.search(r'name="token" value="([^"]+)"', form)
    assert token is not None and token[1] == TOKEN
    done = client.post("/lessons/02-what-is-a-model/copy", data={"token": token[1]})
    assert done.status_code == 200 and "A fresh copy is in your workspace" in done.text
    assert (workspace / "02-what-is-a-model.ipynb").is_file()
    (workspace / "02-what-is-a-model.ipynb").unlink()


def test_each_server_gets_its_own_random_token(web_home: Home) -> None:
    a, b = create_app(web_home.settings), create_app(web_home.settings)
    assert a.state.token != b.state.token and len(a.state.token) >= 32


def test_a_hostile_study_id_in_the_ledger_is_escaped_in_text_and_links(tmp_path: Path) -> None:
    from diveml.study import _ledger

    settings = Settings(home=tmp_path / "home", studies_dir=tmp_path / "s", workspace=tmp_path)
    hostile = '"><img src=x onerror=alert(3)>'
    _ledger.register(
        settings,
        _ledger.Registration(
            study_id=hostile,
            created_at="2026-01-01T00:00:00+00:00",
            data_name="<svg onload=alert(4)>",
            data_fingerprint="d",
            holdout_fingerprint="h",
            target="<i>y</i>",
            task="binary",
            metric="roc_auc",
            out_dir=tmp_path / "gone",
        ),
    )
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as c:
        listing = c.get("/studies").text
        page = c.get("/studies/" + quote(hostile, safe="")).text
        report = c.get("/studies/" + quote(hostile, safe="") + "/report")
    for html in (listing, page):
        assert "<img src=x" not in html and "<svg" not in html and "<i>y" not in html
    assert 'href="/studies/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%283%29%3E"' in listing
    assert "&lt;svg onload=alert(4)&gt;" in page
    assert report.status_code == 404 and "is not in its folder" in unescape(report.text)


def test_review_page_shows_the_review_when_diveml_review_exists(
    client: TestClient, web_home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    calls: list[tuple[Path, dict[str, object]]] = []

    class FakeReview:
        def html(self) -> str:
            return "<html><body><h1>Review of study X</h1></body></html>"

    def review(path: Path, **kwargs: object) -> FakeReview:
        calls.append((Path(path), kwargs))
        return FakeReview()

    fake = types.ModuleType("diveml.review")
    fake.review = review  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "diveml.review", fake)
    response = client.get(f"/studies/{web_home.first}/review")
    assert response.status_code == 200 and "Review of study X" in response.text
    [(path, kwargs)] = calls
    assert (path / "study.json").is_file()
    assert kwargs["refit"] is False  # a page view never re-runs the study's code


def test_a_study_json_of_another_shape_shows_the_ledger_row_and_why(tmp_path: Path) -> None:
    from diveml.study import _ledger

    settings = Settings(home=tmp_path / "home", studies_dir=tmp_path / "s", workspace=tmp_path)
    from tests.conftest import NOT_A_STUDY

    folder = tmp_path / "s" / f"odd-{NOT_A_STUDY}"
    folder.mkdir(parents=True)
    (folder / "study.json").write_text('{"format": "something-else"}', encoding="utf-8")
    _ledger.register(
        settings,
        _ledger.Registration(
            study_id="odd",
            created_at="2026-01-01T00:00:00+00:00",
            data_name="t.csv",
            data_fingerprint="d",
            holdout_fingerprint="h",
            target="y",
            task="binary",
            metric="roc_auc",
            out_dir=folder,
        ),
    )
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as c:
        response = c.get("/studies/odd")
    assert response.status_code == 200
    assert "Its study.json cannot be read" in response.text
    assert "study.json" in unescape(response.text)
