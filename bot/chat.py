"""`citebot chat`: the bot's conversation in a terminal, with the same replies as plain text.

Follow-ups ("and Pakistan?", "why?", "who said that?") build on the last answer, as in
Telegram (bot/conversation.py). At a terminal, lines can be edited and earlier ones recalled
with the arrow keys (the standard library's readline, where the platform has it).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TextIO

from bot.answering.models import Answer
from bot.conversation import Conversation, ask_in
from bot.render import (
    render_answer,
    render_comparison,
    render_quotes,
    render_source,
    render_sources,
    render_template,
)
from bot.service import Service
from bot.smalltalk import foreign_language, small_talk
from bot.suggestions import suggestions

HELP = render_template("chat_help.txt")


def chat(service: Service, stdin: TextIO, stdout: TextIO) -> int:
    """Read questions and commands line by line until /quit or end of input."""
    interactive = stdin.isatty() and stdout.isatty()
    read = _line_editor() if interactive else stdin.readline
    conversation = Conversation()
    last_answer: Answer | None = None  # the last answered question: /quotes and /more use it
    page = 0
    examples = suggestions(service, 1)
    example = examples[0] if examples else None

    def say(text: str) -> None:
        stdout.write(text.rstrip() + "\n\n")
        stdout.flush()

    say(render_template("chat_welcome.txt", count=len(service.index.documents)))
    while True:
        line = read()
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
        elif command == "/new":
            conversation.forget()
            last_answer, page = None, 0
            say(render_template("chat_new.txt"))
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
                say(render_template("chat_which_source.txt", key=rest.strip()))
        elif command == "/compare":
            say(
                render_comparison(service.compare(rest), "text")
                if rest.strip()
                else render_template("chat_compare_what.txt")
            )
        elif command == "/quotes":
            say(render_quotes(last_answer, "text") if last_answer else render_template("chat_ask_first.txt"))
        elif command == "/more":
            if last_answer is None:
                say(render_template("chat_ask_first.txt"))
            else:
                page += 1
                more = service.more(last_answer.question, page)
                say(
                    render_template("no_more_evidence.txt")
                    if more.reason == "no more evidence"
                    else render_answer(more, "text")
                )
        elif command.startswith("/"):
            say(render_template("chat_unknown_command.txt", command=command))
        elif kind := small_talk(text):
            say(render_template("small_talk.txt", kind=kind, example=example))
        elif foreign_language(text):
            say(render_template("foreign_language.txt", example=example))
        else:
            resolution, answer, _ = ask_in(conversation, service.ask, text)
            if answer is None:  # "why?" with nothing before it
                say(render_template("no_context.txt", asked=resolution.asked, example=example))
                continue
            if not answer.abstained:
                last_answer, page = answer, 0
            taken = render_template("taking_as.txt", question=resolution.question) + "\n\n"
            say((taken if resolution.followup else "") + render_answer(answer, "text"))


def _line_editor() -> Callable[[], str]:
    """A prompt with line editing and history (readline), '' at end of input."""
    try:
        import readline  # noqa: F401  (imported for its effect on input())
    except ImportError:  # Windows without pyreadline: plain lines
        pass

    def read() -> str:
        with contextlib.suppress(EOFError):
            return input("> ") + "\n"
        return ""

    return read
