"""`citebot chat`: the bot's conversation in a terminal, with the same replies as plain text."""

from __future__ import annotations

from typing import TextIO

from bot.render import render_answer, render_comparison, render_quotes, render_source, render_sources
from bot.service import Service

HELP = """Type a question and press Enter. Commands:
  /compare TOPIC   what each source says on a topic
  /sources         the articles
  /source ID       one article (an id, a prefix of one, or its number)
  /quotes          the full quotes behind the last answer
  /more            more evidence for the last question
  /help            this text
  /quit            leave (or Ctrl-D)"""


def chat(service: Service, stdin: TextIO, stdout: TextIO) -> int:
    """Read questions and commands line by line until /quit or end of input."""
    interactive = stdin.isatty()
    last_question: str | None = None
    last_answer = None
    page = 0

    def say(text: str) -> None:
        stdout.write(text.rstrip() + "\n\n")
        stdout.flush()

    say(f"citebot: {len(service.index.documents)} articles loaded. /help lists commands.")
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
            say(render_source(detail, "text") if detail else "Which source? /sources lists them.")
        elif command == "/compare":
            say(
                render_comparison(service.compare(rest), "text")
                if rest.strip()
                else "Compare what? /compare TOPIC"
            )
        elif command == "/quotes":
            say(render_quotes(last_answer, "text") if last_answer else "Ask a question first.")
        elif command == "/more":
            if last_question is None:
                say("Ask a question first.")
            else:
                page += 1
                say(render_answer(service.more(last_question, page), "text"))
        elif command.startswith("/"):
            say(f"Unknown command {command}. /help lists commands.")
        else:
            last_question, page = text, 0
            last_answer = service.ask(text)
            say(render_answer(last_answer, "text"))
