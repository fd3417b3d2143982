"""The README against the tree: its "How the code is laid out" section names what exists, and
every module and folder of `bot/` is in it. The tests against the tree: every product module
with logic has its own test module."""

from __future__ import annotations

import re
from fnmatch import fnmatch

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


def test_every_module_of_retrieval_and_every_top_folder_is_in_the_layout():
    named = set(_layout())
    modules = {
        f"retrieval/{p.name}" for p in (REPO_ROOT / "retrieval").glob("*.py") if p.name != "__init__.py"
    }
    ignored = [line.strip().rstrip("/") for line in (REPO_ROOT / ".gitignore").read_text().splitlines()]
    folders = {
        f"{p.name}/"
        for p in REPO_ROOT.iterdir()
        if p.is_dir() and not p.name.startswith(".") and not any(fnmatch(p.name, g) for g in ignored if g)
    }
    assert {"bot/", "retrieval/", "tests/", "benchmarks/", "tools/", "seeds/"} <= folders
    assert (modules | folders) - named == set(), "what the README's layout leaves out"


# Product modules without a tests/test_<name>.py of their own, each with the reason. Modules that
# are only data or re-exports (__init__.py, __main__.py) are not listed: the rule skips them.
WITHOUT_OWN_TEST_MODULE: dict[str, str] = {}


def _product_modules() -> list[str]:
    return sorted(
        p.relative_to(REPO_ROOT).as_posix()
        for package in ("bot", "retrieval")
        for p in (REPO_ROOT / package).rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    )


def test_every_product_module_has_a_test_module_of_its_name():
    modules = _product_modules()
    assert "bot/answering/answerer.py" in modules and "retrieval/index.py" in modules
    without = {m for m in modules if not (REPO_ROOT / "tests" / f"test_{m.rsplit('/', 1)[-1]}").exists()}
    assert without - WITHOUT_OWN_TEST_MODULE.keys() == set(), "write tests/test_<module>.py for these"
    stale = WITHOUT_OWN_TEST_MODULE.keys() - without
    assert stale == set(), "these exist and have a test module now: take them off the list"
    assert all(WITHOUT_OWN_TEST_MODULE.values())


# Test modules at the top of tests/ that are named for no module, each with the reason.
NOT_NAMED_FOR_A_MODULE: dict[str, str] = {"test_docs.py": "the README and the tree, against each other"}


def test_each_test_module_at_the_top_is_named_for_the_module_it_tests():
    """tests/test_X.py tests one module X.py on its own; suites that run several modules
    together live in tests/e2e/, named for what they run."""
    modules = {
        p.stem
        for folder in ("bot", "retrieval", "tools", "tests/support")
        for p in (REPO_ROOT / folder).rglob("*.py")
        if p.name != "__init__.py"
    }
    tests = {p.name for p in (REPO_ROOT / "tests").glob("test_*.py")}
    unnamed = {t for t in tests if t.removeprefix("test_").removesuffix(".py") not in modules}
    assert unnamed - NOT_NAMED_FOR_A_MODULE.keys() == set(), (
        "name these for their module, or move them to e2e/"
    )
    assert NOT_NAMED_FOR_A_MODULE.keys() <= tests
    assert len(list((REPO_ROOT / "tests" / "e2e").glob("test_*.py"))) >= 10
