"""The README against the tree: its "How the code is laid out" section names what exists, and
every module and folder of `bot/` is in it."""

from __future__ import annotations

import re

from tests.support.corpora import REPO_ROOT


def _layout() -> list[str]:
    """The paths the layout section names, e.g. 'bot/telegram_adapter/', 'bot/cli.py'."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### How the code is laid out\n\n", 1)[1].split("\n\n", 1)[0]
    paths: list[str] = []
    parents: list[str] = []
    for line in block.splitlines():
        m = re.match(r"^    ( *)(\S+)", line)
        if not m or len(m[1]) >= 16:
            continue  # a description's continuation line, aligned under the descriptions
        depth = len(m[1]) // 2
        parents = parents[:depth]
        paths.append("".join(parents) + m[2])
        if m[2].endswith("/"):
            parents.append(m[2])
    return paths


def test_the_layout_names_only_what_exists():
    paths = _layout()
    assert len(paths) > 10
    missing = [p for p in paths if not (REPO_ROOT / p).exists()]
    assert not missing, f"README's layout names what the tree lacks: {missing}"


def test_every_module_and_folder_of_bot_is_in_the_layout():
    named = set(_layout())
    present = {
        f"bot/{p.name}/" if p.is_dir() else f"bot/{p.name}"
        for p in (REPO_ROOT / "bot").iterdir()
        if not p.name.startswith(("_", ".")) and (p.is_dir() or p.suffix == ".py")
    }
    assert present - named == set(), "modules of bot/ the README's layout leaves out"
