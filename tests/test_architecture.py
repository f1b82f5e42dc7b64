"""The house rules of issue 13, read from the source with ``ast`` (fast, nothing imported).

* ``ui/`` imports from the core only the factory and data types (the allow-list below).
* No import circle among the modules of ``assistant/``, ``ingest/`` and ``knowledge/`` at
  module level (an import inside a function is lazy and allowed; so is one under
  ``if TYPE_CHECKING:``, which never runs).
* No module of ``assistant/``, ``ingest/`` or ``knowledge/`` over ``MAX_LINES`` lines.
"""

from __future__ import annotations

import ast
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
