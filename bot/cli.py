"""The `citebot` command line. Commands are thin: parse, call the service, render, print."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from bot.logs import configure_logging
from bot.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from pydantic import BaseModel

    from bot.answering.models import Comparison
    from bot.conversation import Conversation
    from bot.service import Service

log = logging.getLogger("citebot")

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure the user can fix; printed as one `error:` line."""


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def _service(args: argparse.Namespace, settings: Settings) -> Service:
    from bot.service import Service
    from retrieval.documents import CorpusError
    from retrieval.metadata import SidecarError

    folder = Path(args.corpus) if args.corpus else settings.corpus_dir
    try:
        return Service.open(
            folder,
            engine=getattr(args, "engine", None) or settings.engine,
            index_dir=settings.index_dir,
            rebuild=getattr(args, "rebuild", False),
            progress=getattr(args, "progress", None),
        )
    except (CorpusError, SidecarError) as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:  # the folder vanished, a permission, a link loop: say which path and why
        raise CommandError(
            _text(
                "cli_unreadable_corpus.txt", folder=folder, reason=exc.strerror or exc, filename=exc.filename
            )
        ) from None


def _reopened(service: Service) -> Service:
    """`service.reopen()` with the errors `_service` turns into one line."""
    from retrieval.documents import CorpusError
    from retrieval.metadata import SidecarError

    try:
        return service.reopen()
    except (CorpusError, SidecarError) as exc:
        raise CommandError(str(exc)) from None


def _text(template: str, **values: object) -> str:
    """A message for people, from its template in bot/templates (cli_*.txt)."""
    from bot.render import render_template

    return render_template(template, **values)


def _inputs(value: str) -> Iterator[str]:
    """The one question given, or with '-' every non-blank line of standard input."""
    if value != "-":
        yield value
        return
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


Kind = Literal["question", "query", "topic"]


def _batch(value: str, kind: Kind) -> Iterator[tuple[str, str | None]]:
    """(input, its heading) for each input: with '-' (many inputs) a heading such as
    'Question 2: ...' (template cli_batch_<kind>.txt) says which output belongs to which
    input; one input has none. Raises CommandError for a blank input (not '-')."""
    if value != "-" and not value.strip():
        raise CommandError(_text("cli_empty_input.txt", kind=kind))
    for n, item in enumerate(_inputs(value), start=1):
        yield item, _text(f"cli_batch_{kind}.txt", n=n, text=item) if value == "-" else None


def cmd_sources(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render import render_sources

    service = _service(args, settings)
    sources = service.sources()
    if args.json:
        _print_json([s.model_dump(mode="json") for s in sources])
    else:
        print(render_sources(sources, "text"))
    return EXIT_OK


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    service = _service(args, settings)
    for query, heading in _batch(args.query, "query"):
        hits = service.search(query, args.k)
        if args.json:
            _print_json({"query": query, "hits": [h.model_dump(mode="json") for h in hits]})
            continue
        if heading:
            print(heading, end="\n\n")
        print(_text("cli_search.txt", query=query, hits=hits), end="\n\n" if heading else "\n")
    return EXIT_OK


def _each(
    value: str, kind: Kind, produce: Callable[[str], BaseModel], render: Callable[..., str], as_json: bool
) -> int:
    """Answer one input, or every line of standard input for '-': JSON lines, or rendered text
    each under a heading naming its input ('Question 2: ...')."""
    for item, heading in _batch(value, kind):
        model = produce(item)
        if as_json:
            _print_json(model.model_dump(mode="json"))
            continue
        if heading:
            print(heading, end="\n\n")
        print(render(model, "text"), end="\n\n" if heading else "\n")
    return EXIT_OK


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render import render_answer

    service = _service(args, settings)
    if args.conversation is None:
        return _each(args.question, "question", service.ask, render_answer, args.json)
    from bot.conversation import ask_in

    # The questions given are one conversation, kept under its id between runs: follow-ups build
    # on the last answer, in this run or an earlier one.
    conversation, saved = _conversation(settings, args.conversation)
    for item, heading in _batch(args.question, "question"):
        resolution, answer, _ = ask_in(conversation, service.ask, item)
        try:
            saved.write_text(conversation.model_dump_json(), encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot keep the conversation in {saved}: {exc.strerror}") from exc
        if args.json:
            taken = {
                "conversation": args.conversation,
                "asked": resolution.asked,
                "followup": resolution.followup,
            }
            _print_json({**taken, **(answer.model_dump(mode="json") if answer else {"orphan": True})})
            continue
        if heading:
            print(heading, end="\n\n")
        if answer is None:  # "why?" with nothing before it: not searched
            text = _text("no_context.txt", asked=resolution.asked, example=None)
        elif resolution.followup:
            text = (
                _text("taking_as.txt", question=resolution.question) + "\n\n" + render_answer(answer, "text")
            )
        else:
            text = render_answer(answer, "text")
        print(text, end="\n\n" if heading else "\n")
    return EXIT_OK


_CONVERSATION_ID = re.compile(r"[\w.-]{1,64}")


def _conversation(settings: Settings, conversation_id: str) -> tuple[Conversation, Path]:
    """The conversation saved under `conversation_id` in the state folder (a new one when there
    is none or its file is unreadable), and the file it is saved to. Raises CommandError for an id
    that is not a plain name."""
    from bot.conversation import Conversation

    if not _CONVERSATION_ID.fullmatch(conversation_id) or conversation_id.strip(".") == "":
        raise CommandError(
            f"--conversation {conversation_id!r}: use letters, digits, '.', '_' or '-' (at most 64)"
        )
    path = settings.state_dir / "conversations" / f"{conversation_id}.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"cannot keep the conversation in {path.parent}: {exc.strerror}") from exc
    try:
        return Conversation.model_validate_json(path.read_text(encoding="utf-8")), path
    except (OSError, ValueError):
        return Conversation(), path


def cmd_compare(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render import render_comparison

    if args.chart and args.chart.suffix.lower() != ".png":
        raise CommandError(_text("cli_chart_not_png.txt", path=args.chart))  # before any work
    service = _service(args, settings)
    made: list[Comparison] = []

    def compare(topic: str) -> BaseModel:
        made.append(service.compare(topic))
        return made[-1]

    code = _each(args.topic, "topic", compare, render_comparison, args.json)
    if args.chart and made:
        _write_chart(made[-1], args.chart)
    return code


def _write_chart(comparison: Comparison, path: Path) -> None:
    """Write the chart of the (last) comparison as PNG; say so on stderr when it has none."""
    from bot.chart import chart_of, png

    chart = chart_of(comparison)
    if chart is None:
        print(_text("cli_no_chart.txt", path=path), file=sys.stderr)
        return
    try:
        path.write_bytes(png(chart))
    except OSError as exc:
        raise CommandError(_text("cli_chart_unwritable.txt", path=path, reason=exc.strerror or exc)) from None


def cmd_source(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render import render_source

    service = _service(args, settings)
    detail = service.source(args.id)
    if detail is None:
        candidates = service.source_candidates(args.id)
        if len(candidates) > 1:
            raise CommandError(_text("cli_ambiguous_source.txt", key=args.id, candidates=candidates))
        raise CommandError(_text("cli_no_source.txt", key=args.id))
    print(
        json.dumps(detail.model_dump(mode="json"), ensure_ascii=False)
        if args.json
        else render_source(detail, "text")
    )
    return EXIT_OK


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.chat import chat

    return chat(_service(args, settings), sys.stdin, sys.stdout)


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation import corpus_of, dumps, evaluate, load_questions, render_eval, report_json

    reports = []
    for given in args.paths:
        questions, corpus = corpus_of(Path(given))
        if args.corpus is not None and len(args.paths) == 1:
            corpus = Path(args.corpus)
        try:
            rows = load_questions(questions)
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        args.corpus = str(corpus)
        # a folder's name, or the file's; 'questions.jsonl' is named by its folder
        name = questions.parent.name if questions.stem == "questions" else questions.stem
        report = evaluate(_service(args, settings), rows, name)
        if args.verbose:
            for miss in report.citebot.misses:
                print(_text("cli_miss.txt", corpus=name, miss=miss), file=sys.stderr)
        reports.append(report)
    print(dumps(report_json(reports)) if args.json else render_eval(reports), end="")
    return EXIT_OK


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.store import TANTIVY_ABOVE

    if sys.stderr.isatty():
        args.progress = _progress_line
    service = _service(args, settings)
    if args.progress is not None:
        print(file=sys.stderr)
    opened = service.opened
    if opened is None:  # Service.open always says how it opened the index
        raise CommandError("the index was not opened by Service.open")
    print(
        _text(
            "cli_index.txt",
            description=opened.describe().replace("loaded", "up to date: loaded", 1),
            saved=opened.location is not None,
            tantivy_above=TANTIVY_ABOVE,
        )
    )
    return EXIT_OK


def _progress_line(phase: str, done: int, total: int) -> None:
    """A self-updating line on standard error: 'indexing passages  412,000/1,000,000  41%'."""
    line = _text("cli_progress.txt", phase=phase, done=done, total=total)
    print(f"\r{line}\x1b[K", end="", file=sys.stderr, flush=True)  # back to the line's start, then clear


def _count(text: str) -> int:
    """'10000', '10_000', '100k', '10M' as a number; ValueError otherwise."""
    text = text.strip().replace("_", "").lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(text[:-1] if scale > 1 else text) * scale


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from bot.benchmarking.bench import run_bench

    try:
        sizes = [_count(x) for x in args.sizes.split(",") if x.strip()]
        engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    except ValueError:
        raise CommandError(_text("cli_bad_sizes.txt")) from None
    unknown = [e for e in engines if e not in ("rank-bm25", "tantivy")]
    if unknown or not sizes or min(sizes) < 100:
        raise CommandError(_text("cli_bad_engines.txt"))
    corpus = Path(args.corpus) if args.corpus else None
    if corpus is not None and not corpus.is_dir():
        raise CommandError(_text("cli_no_corpus_folder.txt", folder=corpus))
    return run_bench(
        sizes, engines, Path(args.out) if args.out else None, questions=args.questions, corpus=corpus
    )


def _corpus_folder(args: argparse.Namespace, settings: Settings) -> Path:
    return Path(args.corpus) if args.corpus else settings.corpus_dir


def _update_line(service: Service) -> str:
    opened = service.opened
    return opened.describe() if opened is not None else ""


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.archive import add_to_corpus, added_source, fetch_limits
    from retrieval.fetch import FetchError

    folder = _corpus_folder(args, settings)
    try:
        saved = add_to_corpus(folder, args.target, fetch_limits(settings))
    except FetchError as exc:
        raise CommandError(str(exc)) from None
    service = _service(args, settings)
    source = added_source(service, folder, saved)
    if source is None:
        rel = saved.resolve().relative_to(folder.resolve()).as_posix()
        reason = next((s.reason for s in service.skipped if s.path == rel), "unknown")
        raise CommandError(_text("cli_add_skipped.txt", path=saved, reason=reason))
    print(_text("cli_added.txt", source=source, path=saved, updated=_update_line(service)).rstrip("\n"))
    return EXIT_OK


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    from bot.archive import remove_from_corpus
    from retrieval.fetch import FetchError

    folder = _corpus_folder(args, settings)
    service = _service(args, settings)
    candidates = service.source_candidates(args.id)
    if len(candidates) > 1:
        raise CommandError(_text("cli_ambiguous_source.txt", key=args.id, candidates=candidates))
    if not candidates:
        raise CommandError(_text("cli_no_source.txt", key=args.id))
    if args.id.strip() not in (candidates[0].source_id, candidates[0].path):
        # Deleting a file is not undone: a number, a prefix or an outlet only names the source.
        raise CommandError(_text("cli_remove_exact.txt", key=args.id.strip(), source=candidates[0]))
    try:
        removal = remove_from_corpus(service, folder, candidates[0])
    except FetchError as exc:
        raise CommandError(str(exc)) from None
    service = _reopened(service)  # the update starts from the index just opened
    text = _text("cli_removed.txt", source=candidates[0], removal=removal, updated=_update_line(service))
    print(text.rstrip("\n"))
    return EXIT_OK


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.telegram_adapter.app import run_bot

    settings = settings.for_run(webhook=args.webhook)  # before the corpus is read: a bad setting fails fast
    folder = Path(args.corpus) if args.corpus else settings.corpus_dir
    latest = [_service(args, settings)]

    def reopen() -> Service:
        """The corpus again, from the last service opened (only what changed is read)."""
        latest[0] = _reopened(latest[0])
        return latest[0]

    return run_bot(settings, latest[0], webhook=args.webhook, reopen=reopen, corpus=folder)


class _Words(argparse.Action):
    """One or more words taken as one text: `citebot ask how tall is it` asks "how tall is it"."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        words = [values] if isinstance(values, str) else [str(v) for v in values or ()]
        setattr(namespace, self.dest, " ".join(words))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citebot",
        description="Answers questions about a folder of news articles with verbatim, cited quotes.",
    )
    parser.add_argument("--version", action="version", version=f"citebot {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--corpus",
        metavar="DIR",
        help="folder of .txt/.md/.html/.pdf articles (default: CITEBOT_CORPUS_DIR or seeds)",
    )
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON (one object per line)")

    def add(name: str, func: Callable[..., int], help_text: str, parents: list) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=parents)
        p.set_defaults(func=func)
        return p

    add(
        "sources", cmd_sources, "List the articles with their metadata and passage counts.", [common, as_json]
    )
    p = add(
        "search",
        cmd_search,
        "Print the passages that best match a query, with ids and scores.",
        [common, as_json],
    )
    p.add_argument(
        "query",
        nargs="+",
        action=_Words,
        help="the query (quoted or not); '-' reads one query per line from standard input",
    )
    p.add_argument("-k", type=int, default=10, help="how many passages (default 10)")
    p = add(
        "ask", cmd_ask, "Answer a question with verbatim quotes and numbered citations.", [common, as_json]
    )
    p.add_argument(
        "question",
        nargs="+",
        action=_Words,
        help="the question (quoted or not); '-' reads one question per line from standard input",
    )
    p.add_argument(
        "--conversation",
        metavar="ID",
        help="read the questions as one conversation: follow-ups ('and X?', 'why?') build on the "
        "previous answer; with --json each line carries the id, what was asked and the question answered",
    )
    p = add("compare", cmd_compare, "Compare what each source says on a topic.", [common, as_json])
    p.add_argument(
        "topic",
        nargs="+",
        action=_Words,
        help="the topic (quoted or not); '-' reads one topic per line from standard input",
    )
    p.add_argument(
        "--chart", type=Path, metavar="FILE.png", help="also write a chart of the compared figures (PNG)"
    )
    p = add("source", cmd_source, "Show one article: metadata, opening and key figures.", [common, as_json])
    p.add_argument(
        "id",
        help="a source id, a unique prefix of one, its number in `citebot sources`, or its outlet's name "
        "or part of it",
    )
    add("chat", cmd_chat, "Hold a conversation in the terminal, with the bot's replies.", [common])
    p = add(
        "eval",
        cmd_eval,
        "Score citebot and a BM25 top-2-sentence baseline on question sets, per corpus.",
        [common, as_json],
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a folder with questions.jsonl and corpus/, or a JSONL question file (corpus/ beside it, "
        "or --corpus)",
    )
    p.add_argument("--verbose", action="store_true", help="list every miss on standard error")
    p = add(
        "index",
        cmd_index,
        "Build the corpus's search index now and save it (tantivy), or report it current.",
        [common],
    )
    p.add_argument(
        "--engine",
        choices=["auto", "rank-bm25", "tantivy"],
        help="the search engine (default: CITEBOT_ENGINE or auto)",
    )
    p.add_argument("--rebuild", action="store_true", help="rebuild even when the saved index is current")
    p.set_defaults(progress=None)
    p = add(
        "bench",
        cmd_bench,
        "Benchmark the engines on generated news archives, or on --corpus DIR (see BENCHMARKS.md).",
        [],
    )
    p.add_argument(
        "--corpus", metavar="DIR", help="measure this folder of articles instead of generated archives"
    )
    p.add_argument(
        "--sizes",
        default="10000,100000,1000000",
        help="passage counts, e.g. 10k,1M,10M (default 10000,100000,1000000)",
    )
    p.add_argument(
        "--engines", default="rank-bm25,tantivy", help="engines to compare (default rank-bm25,tantivy)"
    )
    p.add_argument(
        "--questions", type=int, default=200, help="questions timed per size and engine (default 200)"
    )
    p.add_argument("--out", metavar="FILE", help="also write the table (markdown) to FILE")
    p = add(
        "add",
        cmd_add,
        "Add an article: fetch a web page (http/https) or copy a file into the corpus, then index it.",
        [common],
    )
    p.add_argument("target", metavar="PATH|URL", help="an article file, or the link of a web page")
    p = add("remove", cmd_remove, "Remove an article's file from the corpus and from the index.", [common])
    p.add_argument("id", help="a source id, a unique prefix of one, or its number in `citebot sources`")
    p = add(
        "run", cmd_run, "Run the Telegram bot (polling; --webhook for a public HTTPS endpoint).", [common]
    )
    p.add_argument(
        "--webhook", action="store_true", help="receive updates by webhook (CITEBOT_WEBHOOK_* settings)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    running = args.command == "run"
    configure_logging(settings.log_level if running else "WARNING", timestamps=running)
    try:
        return args.func(args, settings)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _version() -> str:
    """The installed package's version (importlib.metadata), or 'unknown' when not installed."""
    from importlib import metadata

    try:
        return metadata.version("citebot")
    except metadata.PackageNotFoundError:
        return "unknown"
