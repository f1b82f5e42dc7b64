"""The house rules of issue 13, read from the source with ``ast`` (fast, nothing imported).

* ``ui/`` imports from the core only the factory and data types (the allow-list below).
* No import circle among the modules of ``assistant/``, ``ingest/`` and ``knowledge/`` at
  module level (an import inside a function is lazy and allowed; so is one under
  ``if TYPE_CHECKING:``, which never runs).
* No module of ``assistant/``, ``ingest/`` or ``knowledge/`` over ``MAX_LINES`` lines.
* No subject name in their logic: no string literal outside a docstring spells a name or
  alias of the bundled subjects file (comments are not code; the subjects TOML is data).
  What the subjects are comes from the subjects object ``build_assistant`` loads, so
  another pair is a new subjects file and no code change.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ("assistant", "ingest", "knowledge")

#: What ui/ may import from the core: the factory, its type, and data types / settings.
UI_ALLOWED = frozenset({
    "assistant.service",  # build_assistant and the Versus type
    "assistant.models",  # Answer, Citation, EngineStatus ...
    "knowledge.models",  # ArticleMeta, CleanedArticle ...
    "knowledge.settings",  # Settings
    "knowledge.text.sizes",  # human_size: a text utility, shared with ingest
})

#: "About 500 lines": a module over this fails.
MAX_LINES = 520


def _modules(*packages: str) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` under ``packages``."""
    out: dict[str, Path] = {}
    for pkg in packages:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(
    module: str, path: Path, *, top_level_only: bool
) -> Iterator[tuple[str, tuple[str, ...], int]]:
    """(dotted module, names, line) of every import in ``path``; ``names`` are those of
    ``from module import a, b`` (each may be a submodule), empty for ``import module``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_pkg = path.name == "__init__.py"

    def walk(nodes: list[ast.stmt]) -> Iterator[ast.stmt]:
        for node in nodes:
            if top_level_only and isinstance(node, ast.If) and _is_type_checking(node):
                yield from walk(node.orelse)  # the TYPE_CHECKING branch never runs
                continue
            yield node
            if top_level_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue  # a lazy import, run on first call
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from walk([child])
                elif isinstance(child, ast.excepthandler):
                    yield from walk(child.body)

    for node in walk(tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_pkg:
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield target, tuple(a.name for a in node.names), node.lineno


def test_ui_imports_only_the_factory_and_data_types() -> None:
    bad = []
    for name, path in _modules("ui").items():
        for target, names, line in _imported(name, path, top_level_only=False):
            if target.split(".")[0] not in CORE:
                continue
            # ``from assistant import service`` names the allowed module by its parts
            if target not in UI_ALLOWED and not (
                names and all(f"{target}.{n}" in UI_ALLOWED for n in names)
            ):
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert not bad, "ui/ may import only " + ", ".join(sorted(UI_ALLOWED)) + ":\n" + "\n".join(
        bad
    )


def _graph() -> dict[str, set[str]]:
    mods = _modules(*CORE)
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        for target, names, _ in _imported(name, path, top_level_only=True):
            # ``from pkg import sub`` depends on the submodule when ``sub`` is one
            for dep in (target, *(f"{target}.{n}" for n in names)):
                if dep in mods and dep != name:
                    graph[name].add(dep)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a list of modules (first repeated at the end), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_graph_sees_known_edges() -> None:
    graph = _graph()
    assert "ingest.clean_rules" in graph["ingest.clean"]
    assert "assistant.llm_grounding" in graph["assistant.llm"]
    # the service imports ingest lazily, inside its methods: not a module-level edge
    assert "ingest.library" not in graph["assistant.service"]


def test_no_import_circle_in_the_core() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, "module-level import circle: " + " -> ".join(cycle or [])


def test_no_module_over_about_500_lines() -> None:
    big = []
    for path in _modules(*CORE).values():
        rel = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            big.append(f"{rel} ({lines} lines)")
    assert not big, f"modules over {MAX_LINES} lines: " + ", ".join(sorted(big))


#: Literals that may spell a bundled subject although they are no subject logic:
#: (file, assigned name) -> why.
SUBJECT_LITERAL_ALLOWED = {
    # Third technologies a question may name; a name the configured subjects claim (or the
    # corpus holds) is never foreign, so "Express" here is Express as a third technology.
    ("assistant/question_names.py", "KNOWN_TECH"): "third-technology vocabulary",
    ("assistant/question_names.py", "_TECH_SPELLINGS"): "third-technology vocabulary",
    ("knowledge/settings.py", "BUNDLED_SUBJECTS"): "the path of the bundled subjects file",
}


def _bundled_spellings() -> list[str]:
    """Names and aliases of the bundled subjects file (read as data, nothing imported)."""
    data = tomllib.loads(
        (ROOT / "knowledge" / "subjects" / "django-vs-nodejs.toml").read_text(encoding="utf-8"))
    return sorted({a for s in data["subjects"] for a in (s["name"], *s.get("aliases", ()))},
                  key=len, reverse=True)


def _subject_literals(source: str, spellings: list[str],
                      allowed: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(line, literal) of every string literal in ``source`` that spells one of
    ``spellings`` (as a word, any case), docstrings and assignments to ``allowed`` names
    excepted."""
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(s) for s in spellings) + r")(?!\w)", re.I)
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                       | ast.AsyncFunctionDef) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)):
            skip.add(id(body[0].value))  # a docstring
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, ast.AnnAssign) else [])
        if any(isinstance(t, ast.Name) and t.id in allowed for t in targets):
            skip.update(id(n) for n in ast.walk(node))
    return sorted((node.lineno, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in skip and pattern.search(node.value))


def test_subject_literal_finder_finds_one() -> None:
    source = ('"""Django is named in a docstring: fine."""\n'
              'def f(x):\n    """Node.js here too."""\n    return x == "node js"\n'
              'TECH = {"express": "Express"}\nLABEL = f"{1} NodeJS"\n')
    found = _subject_literals(source, ["Django", "Node.js", "node js", "NodeJS", "Express"],
                              frozenset({"TECH"}))
    assert found == [(4, "node js"), (6, " NodeJS")]


def test_no_subject_literal_in_core_logic() -> None:
    spellings = _bundled_spellings()
    assert "Django" in spellings and "Node.js" in spellings
    bad = []
    for path in _modules(*CORE).values():
        rel = path.relative_to(ROOT).as_posix()
        allowed = frozenset(name for (file, name) in SUBJECT_LITERAL_ALLOWED if file == rel)
        for line, literal in _subject_literals(path.read_text(encoding="utf-8"), spellings,
                                               allowed):
            bad.append(f"{rel}:{line} {literal[:60]!r}")
    assert not bad, ("subject names belong in the subjects file, read through the subjects "
                     "object:\n" + "\n".join(sorted(bad)))


#: Calls that read the configured subjects; at import time they freeze one pair for the
#: whole process (the old ``BOTH = both()``), whatever subjects object is injected later.
SUBJECT_READERS = frozenset({"default_subjects", "both", "load_comparison_config"})


def _import_time_subject_reads(source: str) -> list[int]:
    """Lines of module-level statements (outside functions) that call a subject reader."""
    out = []
    for stmt in ast.parse(source).body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", "")
                if name in SUBJECT_READERS:
                    out.append(node.lineno)
    return out


def test_import_time_subject_read_is_found() -> None:
    assert _import_time_subject_reads("def both(): pass\nBOTH = both()\n") == [2]
    assert _import_time_subject_reads("def f():\n    return default_subjects()\n") == []


def test_no_subjects_frozen_at_import() -> None:
    bad = [f"{path.relative_to(ROOT).as_posix()}:{line}"
           for path in _modules(*CORE).values()
           for line in _import_time_subject_reads(path.read_text(encoding="utf-8"))]
    assert not bad, "subjects read at import time (pass the subjects object): " + ", ".join(bad)
