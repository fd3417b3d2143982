"""`citebot chat`: the bot's conversation in a terminal, with the same replies as plain text."""

from __future__ import annotations

from typing import TextIO

from bot.render import (
    render_answer,
    render_comparison,
    render_quotes,
    render_source,
    render_sources,
    render_template,
)
from bot.service import Service

HELP = render_template("chat_help.txt")


def chat(service: Service, stdin: TextIO, stdout: TextIO) -> int:
    """Read questions and commands line by line until /quit or end of input."""
    interactive = stdin.isatty()
    last_question: str | None = None
    last_answer = None
    page = 0

    def say(text: str) -> None:
        stdout.write(text.rstrip() + "\n\n")
        stdout.flush()

    say(render_template("chat_welcome.txt", count=len(service.index.documents)))
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            return 0
        text = line.strip()
        command, _, rest = text.partition(" ")
        if not text:
            continue
        if command in ("/quit", "/exit", "/q"):
            return 0
        if command == "/help":
            say(HELP)
        elif command == "/sources":
            say(render_sources(service.sources(), "text"))
        elif command == "/source":
            detail = service.source(rest) if rest.strip() else None
            candidates = service.source_candidates(rest) if detail is None else []
            if detail is not None:
                say(render_source(detail, "text"))
            elif len(candidates) > 1:
                say(render_template("chat_ambiguous_source.txt", key=rest.strip(), candidates=candidates))
            else:
                say(render_template("chat_which_source.txt"))
        elif command == "/compare":
            say(
                render_comparison(service.compare(rest), "text")
                if rest.strip()
                else render_template("chat_compare_what.txt")
            )
        elif command == "/quotes":
            say(render_quotes(last_answer, "text") if last_answer else render_template("chat_ask_first.txt"))
        elif command == "/more":
            if last_question is None:
                say(render_template("chat_ask_first.txt"))
            else:
                page += 1
                say(render_answer(service.more(last_question, page), "text"))
        elif command.startswith("/"):
            say(render_template("chat_unknown_command.txt", command=command))
        else:
            last_question, page = text, 0
            last_answer = service.ask(text)
            say(render_answer(last_answer, "text"))
