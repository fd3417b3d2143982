"""The `citebot` command line: help texts, JSON contracts, batch mode, exact output and exit codes."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
from collections.abc import Iterator

import pytest

from bot.chat import HELP
from bot.cli import main
from bot.render import (
    render_answer,
    render_comparison,
    render_quotes,
    render_source,
    render_sources,
    render_template,
)
from bot.settings import Settings
from tests.support.corpora import REPO_ROOT, S003, SEED_IDS, SEEDS_DIR, SMALL_CORPUS

SOURCES_TEXT = """\
5 articles:
1. OpenVoiceNews Pakistan — Pakistan, El Salvador Ink Bitcoin Cooperation Deal (2025-07-18)
   id 000_725ceed84fbadf8a, 8 passages
2. OpenVoiceNews Pakistan — Bitcoin Alliance Between Pakistan and El Salvador Signals a New Path to Financial Sovereignty (2025-07-18)
   id 001_9a7c962aa3729561, 4 passages
3. Bitxjournal
   id 002_e9d3afdfc9fc9f1e, 8 passages
4. Forging a New Era of “Bitcoin Diplomacy”: Pakistan and El Salvador’s Groundbreaking Crypto Partnership
   id 003_16ac97b14101a3b7, 26 passages
5. BTCC — Pakistan and El Salvador Forge Groundbreaking Crypto Partnership: Bitcoin Mining and National Reserves Take Center Stage (2025-07-18)
   id 004_0f4a1baf2173df0c, 13 passages, by N4k4m0t0
"""
CITATION_FIELDS = {
    "n",
    "source_id",
    "title",
    "outlet",
    "published",
    "url",
    "passage_id",
    "sentence_id",
    "quote",
    "start",
    "end",
}


def _help(*argv: str) -> str:
    """What `citebot ARGV --help` prints, on a wide terminal (one line per entry)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exit_:
        with _wide_terminal():
            main([*argv, "--help"])
    assert exit_.value.code == 0
    return out.getvalue()


@contextlib.contextmanager
def _wide_terminal() -> Iterator[None]:
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "250"
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


def _commands() -> dict[str, str]:
    """Each command `citebot --help` lists, with its one-line help ('' when it has none)."""
    listing = _help().split("  COMMAND\n", 1)[1].split("\n\n", 1)[0]
    return {
        m["name"]: m["help"] or ""
        for m in re.finditer(r"^    (?P<name>[a-z]+)(?: {2,}(?P<help>\S.*))?$", listing, re.M)
    }


def _arguments_without_help(text: str) -> list[str]:
    """Entries of a `--help` page's argument sections with no help text beside or below them."""
    lines = text.splitlines()
    missing, in_section = [], False
    for i, line in enumerate(lines):
        if line and not line.startswith(" "):
            in_section = line in ("positional arguments:", "options:")
            continue
        if not in_section or not line.startswith("  ") or line.startswith("   "):
            continue
        below = lines[i + 1] if i + 1 < len(lines) else ""
        if not re.search(r"\S {2,}\S", line) and not (below.startswith("   ") and below.strip()):
            missing.append(line.strip())
    return missing


COMMANDS = _commands()


def _file_text(source_id: str) -> str:
    return (SEEDS_DIR / f"{source_id}.txt").read_text(encoding="utf-8")


# -- help ------------------------------------------------------------------------------------


def test_every_command_has_help_text():
    assert {"sources", "search", "ask", "compare", "source", "chat", "eval", "index", "bench", "run"} <= set(
        COMMANDS
    )
    for name, help_text in COMMANDS.items():
        assert help_text.strip(), f"`citebot {name}` has no help in `citebot --help`"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_help_describes_it_and_every_argument(command):
    out = _help(command)
    assert out.startswith(f"usage: citebot {command}")
    assert COMMANDS[command] in " ".join(out.split()), f"`citebot {command} --help` has no description"
    assert not _arguments_without_help(out), f"`citebot {command}` arguments without help"


def test_the_help_checker_finds_an_argument_without_help():
    page = "usage: x\n\noptions:\n  -h, --help  show help\n  --bare\n  --long-option {a,b}\n      its help\n"
    assert _arguments_without_help(page) == ["--bare"]


def test_every_command_has_a_row_in_the_readme():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Command line", 1)[1].split("\n\n", 2)[1]
    rows = re.findall(r"^\| `citebot ([a-z]+)\b[^|]*` \| (\S[^|]*\S) \|$", table, re.M)
    assert sorted(name for name, _ in rows) == sorted(COMMANDS), "README's command table vs `citebot --help`"


def test_top_level_help(run_cli):
    result = run_cli("--help")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("usage: citebot ")
    for name, help_text in COMMANDS.items():
        assert name in result.stdout
        assert help_text.split()[0] in result.stdout


@pytest.mark.parametrize("argv", [[], ["search"], ["search", "x", "-k", "many"], ["frobnicate"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: citebot") and "error:" in err


# -- sources, search, ask, compare -------------------------------------------------------------


def test_sources_text_exact(run_cli):
    result = run_cli("sources")
    assert (result.returncode, result.stdout, result.stderr) == (0, SOURCES_TEXT, "")


def test_sources_json(cli, seeds_index):
    result = cli("sources", "--json")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.count("\n") == 1
    sources = json.loads(result.stdout)
    assert [s["source_id"] for s in sources] == list(SEED_IDS)
    for s in sources:
        meta = seeds_index.documents[s["source_id"]].meta
        assert {
            k: s[k] for k in ("title", "outlet", "published", "author", "category", "url")
        } == meta.model_dump()
        assert s["path"] == f"{s['source_id']}.txt"
        assert s["passages"] == len(seeds_index.passages_of(s["source_id"]))


def test_search_json(cli, seeds_index):
    result = cli("search", "2000 MW", "--json", "-k", "3")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["query"] == "2000 MW"
    hits = data["hits"]
    assert [h["rank"] for h in hits] == [1, 2, 3]
    expected = seeds_index.search("2000 MW", 3)
    assert [(h["passage"]["id"], h["score"]) for h in hits] == [(h.passage.id, h.score) for h in expected]
    for h in hits:
        p = h["passage"]
        assert _file_text(p["source_id"])[p["start"] : p["end"]] == p["text"]
        assert "2,000" in p["text"]
        assert h["matched_terms"] == ["2000", "mw"]
        assert set(h["meta"]) == {"title", "outlet", "published", "author", "category", "url"}


def test_search_text_exact(clean_env, capsys, seeds_index):
    assert main(["search", "Who chairs the PCC?", "-k", "2"]) == 0
    expected = ""
    for h in seeds_index.search("Who chairs the PCC?", 2):
        expected += f"{h.rank:>2}. {h.score:7.3f}  {h.passage.id}  [{', '.join(h.matched_terms)}]\n"
        expected += f"    {' '.join(h.passage.text.split())[:300]}\n"
    out = capsys.readouterr()
    assert (out.out, out.err) == (expected, "")
    assert out.out.startswith(" 1. ") and f"{S003}#p23  [chair, pcc]" in out.out


def test_search_without_hits(clean_env, capsys):
    assert main(["search", "the of and"]) == 0
    assert capsys.readouterr().out == "No passage matches 'the of and'.\n"


def test_ask_json_contract(run_cli):
    result = run_cli("ask", "Who chairs the PCC?", "--json")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert {"question", "answer", "abstained", "citations"} <= set(data)
    assert data["question"] == "Who chairs the PCC?"
    assert data["abstained"] is False
    assert data["citations"][0]["sentence_id"] == f"{S003}#p23.s1"
    for c in data["citations"]:
        assert CITATION_FIELDS <= set(c)
        assert _file_text(c["source_id"])[c["start"] : c["end"]] == c["quote"]
        assert f"[{c['n']}]" in data["answer"]


def test_ask_json_decline(cli):
    data = json.loads(cli("ask", "What is the capital of Kenya?", "--json").stdout)
    assert data["abstained"] is True and data["citations"] == []
    assert data["answer"].startswith("The articles don't answer this.")


def test_ask_text(clean_env, capsys, ask):
    assert main(["ask", "Who chairs the PCC?"]) == 0
    out = capsys.readouterr()
    assert (out.out, out.err) == (render_answer(ask("Who chairs the PCC?"), "text") + "\n", "")


def test_compare_json_contract(cli):
    result = cli("compare", "El Salvador's bitcoin holdings", "--json")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert {"topic", "sources", "agreements", "differences", "silent"} <= set(data)
    assert data["topic"] == "El Salvador's bitcoin holdings"
    assert [s["source_id"] for s in data["sources"]] == list(SEED_IDS)
    for s in data["sources"]:
        for st in s["statements"]:
            assert _file_text(s["source_id"])[st["start"] : st["end"]] == st["quote"]
    for d in data["differences"]:
        assert d["about"] and len(d["values"]) >= 2
        for v in d["values"]:
            assert v["value"] and set(v["source_ids"]) <= set(SEED_IDS)
    assert any(
        {"6,238", "6,000"} <= {f for v in d["values"] for f in ("6,238", "6,000") if f in v["value"]}
        for d in data["differences"]
    )
    assert set(data["silent"]) <= set(SEED_IDS)


@pytest.mark.parametrize("command", ["ask", "compare", "search"])
def test_words_given_without_quotes_are_one_input(cli, command):
    words = ["How", "many", "megawatts", "will", "Pakistan", "use", "for", "mining?"]
    unquoted, quoted = cli(command, *words), cli(command, " ".join(words))
    assert (unquoted.returncode, unquoted.stderr) == (0, "")
    assert unquoted.stdout == quoted.stdout
    as_json = json.loads(cli(command, "--json", *words).stdout)
    assert as_json == json.loads(cli(command, "--json", " ".join(words)).stdout)
    field = {"ask": "question", "compare": "topic", "search": "query"}[command]
    assert as_json[field].startswith("How many megawatts will Pakistan use for mining")


def test_long_question(cli):
    question = "How much bitcoin does El Salvador hold? " + "and what else " * 60
    result = cli("ask", question, "--json")
    assert result.returncode == 0 and result.stderr == ""
    assert len(json.loads(result.stdout)["question"]) <= 500


# -- batch -------------------------------------------------------------------------------------


def test_batch_ask_reads_stdin_and_writes_json_lines(run_cli):
    questions = [
        "Who chairs the PCC?",
        "How tall is Mount Everest?",
        "How much bitcoin does El Salvador hold?",
    ]
    result = run_cli("ask", "-", "--json", input="\n".join(questions[:2]) + "\n\n  \n" + questions[2] + "\n")
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    rows = [json.loads(line) for line in lines]
    assert [r["question"] for r in rows] == questions
    assert [r["abstained"] for r in rows] == [False, True, False]


def test_batch_compare(cli):
    topics = ["El Salvador's bitcoin holdings", "the 2,000 MW bitcoin mining plan"]
    result = cli("compare", "-", "--json", input="\n".join(topics) + "\n")
    assert result.returncode == 0 and result.stderr == ""
    assert [json.loads(line)["topic"] for line in result.stdout.splitlines()] == topics


def test_batch_search(clean_env, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("2000 MW\nPCC\n"))
    assert main(["search", "-", "--json", "-k", "1"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["query"], len(r["hits"])) for r in rows] == [("2000 MW", 1), ("PCC", 1)]


def test_batch_of_nothing_prints_nothing(clean_env, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("\n\n"))
    assert main(["ask", "-", "--json"]) == 0
    assert capsys.readouterr().out == ""


# -- corpus selection and errors ---------------------------------------------------------------


def test_corpus_flag(make_corpus, clean_env, capsys):
    folder = make_corpus(SMALL_CORPUS)
    assert main(["sources", "--json", "--corpus", str(folder)]) == 0
    assert [s["source_id"] for s in json.loads(capsys.readouterr().out)] == ["ferry", "museum", "wind"]


def test_corpus_environment_variable(make_corpus, run_cli):
    """In a fresh process, as a user would set it."""
    folder = make_corpus(SMALL_CORPUS)
    result = run_cli("sources", "--json", env={"CITEBOT_CORPUS_DIR": str(folder)})
    assert result.returncode == 0
    assert [s["source_id"] for s in json.loads(result.stdout)] == ["ferry", "museum", "wind"]


def test_corpus_flag_beats_the_environment(make_corpus, clean_env, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("CITEBOT_CORPUS_DIR", str(tmp_path / "missing"))
    assert main(["sources", "--json", "--corpus", str(make_corpus(SMALL_CORPUS))]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3


def test_missing_corpus_folder(cli, tmp_path):
    folder = tmp_path / "missing"
    result = cli("ask", "Who chairs the PCC?", "--corpus", str(folder))
    assert (result.returncode, result.stdout) == (1, "")
    assert (
        result.stderr
        == f"error: corpus folder not found: {folder} (set --corpus DIR or CITEBOT_CORPUS_DIR)\n"
    )


@pytest.mark.parametrize(
    "command",
    [
        ["sources"],
        ["search", "x"],
        ["ask", "x"],
        ["compare", "x"],
        ["source", "1"],
        ["chat"],
        ["eval", "tests/data/questions.jsonl"],
    ],
)
def test_empty_corpus_folder_on_every_command(command, clean_env, capsys, tmp_path):
    assert main([*command, "--corpus", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert (out.out, out.err) == (
        "",
        f"error: no readable articles (.txt, .md, .html and .pdf) in {tmp_path}\n",
    )


def test_skipped_files_are_one_warning_each(make_corpus, cli):
    folder = make_corpus(
        {**SMALL_CORPUS, "empty.txt": b"", "scan.pdf": b"%PDF-1.4", "photo.jpg": b"\xff\xd8"}
    )
    result = cli("sources", "--json", "--corpus", str(folder))
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 3
    assert sorted(result.stderr.splitlines()) == [
        "warning: skipped empty.txt: empty file",
        "warning: skipped photo.jpg: unsupported format (.jpg); citebot reads .txt, .md, .html and .pdf",
        "warning: skipped scan.pdf: a damaged PDF (its pages cannot be read)",
    ]


def test_bad_sidecar_is_one_error_line(make_corpus, clean_env, capsys):
    folder = make_corpus(SMALL_CORPUS, sidecar='[ferry]\ncolour = "red"\n')
    assert main(["sources", "--corpus", str(folder)]) == 1
    out = capsys.readouterr()
    assert (out.out, out.err) == ("", f"error: {folder / 'sources.toml'}: [ferry] unknown field(s): colour\n")


def test_unknown_source(clean_env, capsys):
    assert main(["source", "nope"]) == 1
    out = capsys.readouterr()
    assert (out.out, out.err) == (
        "",
        "error: no source 'nope'; `citebot sources` lists them "
        "(an id, a unique prefix of one, a number, or an outlet or part of its name)\n",
    )


def test_source_text(clean_env, capsys, seeds_service):
    assert main(["source", "4"]) == 0
    assert capsys.readouterr().out == render_source(seeds_service.source(S003), "text") + "\n"


def test_bad_setting_in_a_fresh_process(run_cli):
    result = run_cli("ask", "Who chairs the PCC?", env={"CITEBOT_LOG_LEVEL": "LOUD"})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("error: CITEBOT_LOG_LEVEL: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CITEBOT_ENGINE", "foo"),
        ("CITEBOT_LOG_LEVEL", "LOUD"),
        ("CITEBOT_ALLOWED_CHATS", "everyone"),
        ("CITEBOT_RATE_LIMIT_PER_MINUTE", "0"),
    ],
)
def test_bad_setting_exits_2_naming_it(name, value, cli):
    assert name.removeprefix("CITEBOT_").lower() in Settings.model_fields
    result = cli("sources", env={name: value})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"error: {name}: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_no_traceback_for_a_corpus_of_furniture(make_corpus, cli):
    folder = make_corpus({"menu.txt": "Search\n\nMenu\n\nShort line here\n"})
    result = cli("sources", "--corpus", str(folder))
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "error: the corpus has articles but no body text to index (only headings and page furniture)\n",
    )


# -- chat --------------------------------------------------------------------------------------


def test_chat_through_stdin(run_cli, seeds_service):
    q = "Who chairs the PCC?"
    result = run_cli("chat", input=f"/help\n{q}\n/quotes\n/more\n/sources\n/source 1\n/quit\nnot read\n")
    assert (result.returncode, result.stderr) == (0, "")
    answer = seeds_service.ask(q)
    replies = [
        "citebot: 5 articles loaded. /help lists commands.",
        HELP,
        render_answer(answer, "text"),
        render_quotes(answer, "text"),
        render_answer(seeds_service.more(q, 1), "text"),
        render_sources(seeds_service.sources(), "text"),
        render_source(seeds_service.source("1"), "text"),
    ]
    assert result.stdout == "".join(r.rstrip() + "\n\n" for r in replies)
    assert "Muhammad Aurangzeb" in result.stdout and f"{S003}#p23.s1" in result.stdout


def test_chat_commands_before_a_question(cli):
    result = cli("chat", input="/quotes\n/more\n/source\n/compare\n/frob\n")
    assert result.returncode == 0
    assert result.stdout.split("\n\n")[1:-1] == [
        "Ask a question first.",
        "Ask a question first.",
        "Which source? /sources lists them.",
        "Compare what? /compare TOPIC",
        "Unknown command /frob. /help lists commands.",
    ]


# -- eval --------------------------------------------------------------------------------------


def test_eval_prints_citebot_and_the_baseline_per_corpus(cli, tmp_path):
    rows = [
        {
            "id": "t1",
            "kind": "ask",
            "question": "Who chairs the PCC?",
            "all_of": [["Aurangzeb"]],
            "sources": [S003],
        },
        {"id": "t2", "kind": "abstain", "question": "What is the capital of Kenya?"},
    ]
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "questions.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = cli("eval", str(folder), "--corpus", "seeds")
    assert out.returncode == 0 and out.stderr == ""
    lines = out.stdout.splitlines()
    assert lines[0].split()[:4] == ["corpus", "system", "found", "shown"]
    ours, base = lines[1].split(), lines[2].split()
    assert ours[:2] == ["tiny", "citebot"] and base[:2] == ["tiny", "baseline"]
    assert ours[2] == "100%" and ours[5] == "0%" and ours[6] == "100%"  # found, false declines, near misses
    assert base[6] == "0%"  # the baseline never abstains
    assert lines[-1] == "Counts: tiny 1 answerable, 1 unanswerable, 0 comparisons."
    data = json.loads(cli("eval", str(folder), "--corpus", "seeds", "--json").stdout)
    assert data["tiny"]["citebot"]["found"] == 1.0 and data["tiny"]["baseline"]["near_abstained"] == 0.0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "2: line: Invalid JSON"),
        (
            '{"id": "a", "kind": "ask", "question": "x", "answer": "y"}',
            "2: answer: Extra inputs are not permitted",
        ),
        ('{"id": "a", "kind": "guess", "question": "x"}', "2: kind: Input should be"),
    ],
)
def test_eval_rejects_a_bad_question_file(clean_env, capsys, tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "kind": "ask", "question": "x"}\n' + line + "\n", encoding="utf-8")
    assert main(["eval", str(path)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {path}:{message}")


# -- which source a key names -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "source_id"),
    [
        (S003, S003),  # an exact id
        ("002", SEED_IDS[2]),  # a unique prefix of an id
        ("002_e9d", SEED_IDS[2]),
        ("2", SEED_IDS[1]),  # no id begins with '2': the second in `citebot sources`
        ("5", SEED_IDS[4]),
        ("BTCC", SEED_IDS[4]),  # a unique outlet, in any case
        ("btcc", SEED_IDS[4]),
        ("Bitxjournal", SEED_IDS[2]),
        ("bitx", SEED_IDS[2]),  # the start of a unique outlet's name
        ("  JOURNAL ", SEED_IDS[2]),  # a part of it, in any case and spacing
        ("Bt", SEED_IDS[4]),
    ],
)
def test_source_by_id_prefix_number_or_outlet(key, source_id, cli, seeds_service):
    result = cli("source", key)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == render_source(seeds_service.source(source_id), "text") + "\n"


def test_an_ambiguous_prefix_lists_the_candidates(cli):
    result = cli("source", "00")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "error: '00' is ambiguous: it could be 5 sources; give its id, more of the id or its number in `citebot sources`:\n"
        "  000_725ceed84fbadf8a  OpenVoiceNews Pakistan — Pakistan, El Salvador Ink Bitcoin Cooperation Deal "
        "(2025-07-18)\n"
        "  001_9a7c962aa3729561  OpenVoiceNews Pakistan — Bitcoin Alliance Between Pakistan and El Salvador "
        "Signals a New Path to Financial Sovereignty (2025-07-18)\n"
        "  002_e9d3afdfc9fc9f1e  Bitxjournal\n"
        "  003_16ac97b14101a3b7  Forging a New Era of \u201cBitcoin Diplomacy\u201d: Pakistan and El Salvador\u2019s "
        "Groundbreaking Crypto Partnership\n"
        "  004_0f4a1baf2173df0c  BTCC — Pakistan and El Salvador Forge Groundbreaking Crypto Partnership: "
        "Bitcoin Mining and National Reserves Take Center Stage (2025-07-18)\n"
    )


def test_an_outlet_with_two_articles_is_ambiguous(cli):
    result = cli("source", "openvoicenews pakistan")
    assert (result.returncode, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "error: 'openvoicenews pakistan' is ambiguous: it could be 2 sources; "
        "give its id, more of the id or its number in `citebot sources`:"
    )
    assert [line.split()[0] for line in lines[1:]] == [SEED_IDS[0], SEED_IDS[1]]


@pytest.mark.parametrize("key", ["OpenVoice", "news   pakistan", "VOICE"])
def test_part_of_an_outlet_with_two_articles_is_ambiguous(cli, key):
    result = cli("source", key)
    assert (result.returncode, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: '{key}' is ambiguous: it could be 2 sources; ")
    assert [line.split()[0] for line in lines[1:]] == [SEED_IDS[0], SEED_IDS[1]]


def test_an_outlet_named_in_full_beats_one_it_begins(make_corpus, cli):
    """'Post' is one outlet's whole name and the start of another's: it means the first."""
    ferry, museum = SMALL_CORPUS["ferry.txt"], SMALL_CORPUS["museum.txt"]
    folder = make_corpus(
        {"ferry.txt": ferry, "museum.txt": museum},
        sidecar='[ferry]\noutlet = "Post"\n\n[museum]\noutlet = "Post Gazette"\n',
    )
    assert cli("source", "--corpus", str(folder), "post").stdout.startswith("Post — Harbour Cities")
    assert cli("source", "--corpus", str(folder), "post g").stdout.startswith("Post Gazette — City Museum")
    assert cli("source", "--corpus", str(folder), "gazette").stdout.startswith("Post Gazette — City Museum")


def test_a_number_past_the_list_is_no_source(cli):
    result = cli("source", "6")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("error: no source '6';")


# -- many inputs from standard input ------------------------------------------------------------


def test_ask_many_says_which_answer_is_whose(cli, ask):
    questions = ["Who chairs the PCC?", "What is the capital of Kenya?"]
    result = cli("ask", "-", input="\n".join(questions) + "\n")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"Question 1: {questions[0]}\n\n{render_answer(ask(questions[0]), 'text')}\n\n"
        f"Question 2: {questions[1]}\n\n{render_answer(ask(questions[1]), 'text')}\n\n"
    )


def test_compare_many_and_search_many_say_which_output_is_whose(cli, compare, seeds_index):
    topics = ["El Salvador's bitcoin holdings", "the PCC"]
    result = cli("compare", "-", input="\n".join(topics) + "\n")
    assert result.stdout == "".join(
        f"Topic {n}: {t}\n\n{render_comparison(compare(t), 'text')}\n\n" for n, t in enumerate(topics, 1)
    )
    result = cli("search", "-", "-k", "1", input="PCC chair\nthe of and\n")
    [hit] = seeds_index.search("PCC chair", 1)
    assert result.stdout == (
        "Query 1: PCC chair\n\n"
        f"{hit.rank:>2}. {hit.score:7.3f}  {hit.passage.id}  [{', '.join(hit.matched_terms)}]\n"
        f"    {' '.join(hit.passage.text.split())[:300]}\n\n"
        "Query 2: the of and\n\nNo passage matches 'the of and'.\n\n"
    )


def test_compare_without_coverage_ends_on_its_own_line(cli):
    result = cli("compare", "volcanic eruptions in Iceland")
    assert (result.returncode, result.stderr) == (0, "")
    *_, silent, none = result.stdout.splitlines()
    assert silent.startswith("Silent on this: OpenVoiceNews Pakistan")
    assert silent.endswith("Bitcoin Mining and National Reserves Take Center Stage (2025-07-18)")
    assert none == "None of the articles covers this topic."


def test_index_on_a_terminal_shows_its_progress_on_a_line_that_updates_itself(cli, make_corpus, monkeypatch):
    folder = make_corpus(SMALL_CORPUS)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    result = cli("index", "--corpus", str(folder), "--engine", "tantivy")
    assert result.returncode == 0 and result.stdout.startswith("built index of 12 passages from 3 articles")
    first, *_, last = result.stderr.split("\r")[1:]  # back to the line's start, then the line, then clear
    assert first == "reading articles                 3/3 100%\x1b[K"
    assert last == "committing the index            12/12 100%\x1b[K\n"
    assert all(
        re.fullmatch(r"[a-z ]+ +[\d,]+/[\d,]+ +\d+%\x1b\[K\n?", s) for s in result.stderr.split("\r")[1:]
    )


def test_the_progress_line_keeps_its_columns():
    assert render_template("cli_progress.txt", phase="indexing passages", done=412_000, total=1_000_000) == (
        "indexing passages          412,000/1,000,000  41%"
    )
    assert render_template("cli_progress.txt", phase="reading files", done=3, total=0) == (
        "reading files                    3/0"
    )


def test_chat_lists_the_sources_an_ambiguous_key_could_mean(cli):
    result = cli("chat", input="/source openvoicenews pakistan\n/source 9\n")
    assert result.returncode == 0
    replies = result.stdout.split("\n\n")
    assert replies[1].splitlines()[0] == "'openvoicenews pakistan' could be 2 sources:"
    assert [line.split()[0] for line in replies[1].splitlines()[1:3]] == [SEED_IDS[0], SEED_IDS[1]]
    assert replies[1].splitlines()[3] == "Give its id, more of the id or its number in /sources."
    assert replies[2] == "I have no article '9'. /sources lists them (by number, id or outlet)."


def test_version_is_printed(cli):
    result = cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("citebot ")


def test_batch_headings_shorten_a_very_long_question(cli, tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text(
        "How much bitcoin does El Salvador hold " + "really " * 200 + "?\n", encoding="utf-8"
    )
    result = cli("ask", "-", input=questions.read_text(encoding="utf-8"))
    heading = result.stdout.splitlines()[0]
    assert heading.startswith("Question 1: How much bitcoin") and heading.endswith("…")
    assert len(heading) < 330


def test_remove_takes_the_article_out_of_the_sidecar_so_later_commands_do_not_warn(cli, make_corpus):
    folder = make_corpus(
        {"ferry.txt": SMALL_CORPUS["ferry.txt"], "museum.txt": SMALL_CORPUS["museum.txt"]},
        sidecar='# corrections by hand\n[ferry]\noutlet = "Harbour Post"\n\n[museum]\noutlet = "City Post"\n',
    )
    removed = cli("remove", "--corpus", str(folder), "museum")
    assert (removed.returncode, removed.stderr) == (0, "")
    assert removed.stdout.splitlines()[0] == (
        f"removed City Post — City Museum Reopens After Renovation (museum, {folder.resolve() / 'museum.txt'}), "
        f"and its entry in {folder / 'sources.toml'}"
    )
    assert (folder / "sources.toml").read_text(encoding="utf-8") == (
        '# corrections by hand\n[ferry]\noutlet = "Harbour Post"\n\n'
    )
    later = cli("sources", "--corpus", str(folder))
    assert (later.returncode, later.stderr) == (0, "")
    assert later.stdout.startswith("1 article:\n1. Harbour Post — Harbour Cities Agree New Ferry Pact")


def test_a_chart_file_not_ending_in_png_is_refused_before_comparing(cli, tmp_path):
    target = tmp_path / "holdings.jpg"
    result = cli("compare", "the cost of the scheme", "--chart", str(target))
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"error: --chart writes a PNG image: give a file name ending in .png (not {target})"
    )
    assert result.stdout == "" and not target.exists()


@pytest.mark.parametrize(
    ("command", "kind"), [("ask", "question"), ("compare", "topic"), ("search", "query")]
)
def test_a_blank_question_topic_or_query_is_one_error_line(cli, command, kind):
    result = cli(command, "  ")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: the {kind} is empty:")
    assert len(result.stderr.strip().splitlines()) == 1
