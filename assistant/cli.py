"""The ``versus`` command line (see ``../shared/CONTRACTS.md``).

Only argparse is imported at module level: ``versus --help`` must stay instant and never
import torch, Chroma or Streamlit. Each command imports what it needs.

Exit status: 0 on success, 2 on bad usage or bad input (one-line reason on stderr), 1 on
any other failure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad usage or bad input: exit status 2."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="versus",
        description="Grounded answers about articles comparing two technologies (the pair "
        "of the subjects file, VERSUS_SUBJECTS_FILE), with every claim cited to an exact "
        "passage.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ing = sub.add_parser(
        "ingest", help="(re-)ingest the bundled articles or given files, folders or http(s) pages"
    )
    ing.add_argument("paths", nargs="*", metavar="PATH_OR_URL")
    ing.add_argument("--rebuild", action="store_true", help="re-embed everything from scratch")
    ing.add_argument("--remove", action="append", default=[], metavar="ID",
                     help="remove an article by id (repeatable)")
    ing.add_argument("--json", action="store_true", help="print the JSON summary")

    ask = sub.add_parser("ask", help="answer one question (or a JSON-lines batch with --json -)")
    ask.add_argument("question", help="the question, or - with --json for a batch on stdin")
    ask.add_argument("--history", nargs="*", default=[], metavar="Q",
                     help="earlier user turns, oldest first")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")

    cmp_ = sub.add_parser("compare", help="the structured comparison of the two subjects")
    cmp_.add_argument("--criterion", metavar="NAME", help="only this criterion")
    cmp_.add_argument("--json", action="store_true")

    ev = sub.add_parser("eval", help="quality metrics on a question file")
    ev.add_argument("--questions", type=Path, metavar="FILE",
                    help="JSON-lines gold set (default: the project's own)")
    ev.add_argument("--json", action="store_true")

    ref = sub.add_parser("refresh", help="re-fetch every article that has a URL; "
                         "re-ingest only those that changed")
    ref.add_argument("--json", action="store_true")

    chg = sub.add_parser("changes", help="the change reports of the last ingests, newest first")
    chg.add_argument("--last", type=int, default=1, metavar="N",
                     help="how many reports (default 1)")
    chg.add_argument("--json", action="store_true", help="one JSON object a line")

    wat = sub.add_parser("watch", help="the questions asked again after every changing ingest")
    wat.add_argument("questions", nargs="*", metavar="QUESTION", help="questions to pin")
    wat.add_argument("--remove", action="append", default=[], metavar="QUESTION",
                     help="unpin a question (repeatable)")
    wat.add_argument("--json", action="store_true")

    srv = sub.add_parser("serve", help="the web app")
    srv.add_argument("--port", type=int, default=int(os.environ.get("VERSUS_PORT", "8501")))
    srv.add_argument("--address", default="127.0.0.1")
    return p


def _fail(msg: str) -> None:
    print(f"versus: {msg.splitlines()[0] if msg else 'error'}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    handler = {
        "ingest": cmd_ingest,
        "refresh": cmd_refresh,
        "changes": cmd_changes,
        "watch": cmd_watch,
        "ask": cmd_ask,
        "compare": cmd_compare,
        "eval": cmd_eval,
        "serve": cmd_serve,
    }[args.command]
    try:
        return handler(args)
    except UsageError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _fail("interrupted")
        return EXIT_FAIL
    except Exception as exc:  # the contract: one line, exit 1, no traceback
        from knowledge.settings import SettingsError

        if isinstance(exc, SettingsError | ValueError) and _is_input_error(exc):
            _fail(str(exc))
            return EXIT_USAGE
        _fail(f"{exc.__class__.__name__}: {exc}")
        if os.environ.get("VERSUS_DEBUG"):
            raise
        return EXIT_FAIL


def _is_input_error(exc: Exception) -> bool:
    from assistant.errors import BadInput
    from knowledge.settings import SettingsError

    return isinstance(exc, BadInput | SettingsError)


def _service() -> Any:
    from pydantic import ValidationError

    from assistant.service import build_assistant
    from knowledge.settings import Settings

    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        raise UsageError(f"bad setting {first['loc'][0]}: {first['msg']}") from exc
    return build_assistant(settings)


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


# -- ingest ---------------------------------------------------------------------------


def _is_url(arg: str) -> bool:
    return arg.lower().startswith(("http://", "https://"))


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest.pipeline import IngestError

    urls = [a for a in args.paths if _is_url(a)]
    args.paths = [Path(a) for a in args.paths if not _is_url(a)]
    args.urls = urls
    versus = _service()
    show_bar = sys.stderr.isatty() and not args.json
    try:
        if show_bar:
            report = _ingest_with_bar(versus, args)
        else:
            report = versus.ingest(args.paths or None, urls=urls, rebuild=args.rebuild,
                                   remove=args.remove)
    except IngestError as exc:
        raise UsageError(str(exc)) from exc
    if args.json:
        _print_json(report.to_json())
    else:
        _print_ingest_summary(report)
    given = args.paths or urls
    if given and report.skipped and not (report.added or report.updated or report.unchanged):
        return EXIT_USAGE  # nothing given could be ingested: bad input
    return EXIT_OK


def _ingest_with_bar(versus: Any, args: argparse.Namespace) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            label = {"read": "cleaning articles", "embed": "embedding chunks"}.get(stage, stage)
            if stage not in tasks:
                tasks[stage] = bar.add_task(label, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        return versus.ingest(
            args.paths or None, urls=args.urls, rebuild=args.rebuild, remove=args.remove,
            progress=progress,
        )


def _print_ingest_summary(report: Any) -> None:
    from rich.console import Console

    console = Console(stderr=False, highlight=False)
    for label, ids in (
        ("added", report.added),
        ("updated", report.updated),
        ("removed", report.removed),
        ("unchanged", report.unchanged),
    ):
        if ids:
            console.print(f"{label:>9}: {', '.join(ids)}", markup=False)
    for skip in report.skipped:
        console.print(f"  skipped: {skip['path']}: {skip['reason']}", markup=False)
    console.print(
        f"{report.chunks} chunks live; embedded {report.embedded}, reused {report.reused}; "
        f"{report.seconds:.2f} s",
        markup=False,
    )


# -- refresh and changes --------------------------------------------------------------


def cmd_refresh(args: argparse.Namespace) -> int:
    from ingest.pipeline import IngestError

    versus = _service()
    if not any(r.url for r in versus._manifest_hint().articles.values()):
        raise UsageError("no article has a URL; add one with `versus ingest https://...`")
    try:
        report = versus.refresh()
    except IngestError as exc:
        raise UsageError(str(exc)) from exc
    if args.json:
        _print_json(report.to_json())
        return EXIT_OK
    from rich.console import Console

    console = Console(highlight=False)
    for label, ids in (("updated", report.updated), ("unchanged", report.unchanged)):
        if ids:
            console.print(f"{label:>9}: {', '.join(ids)}", markup=False)
    for f in report.failed:
        console.print(f"   failed: {f['id']} ({f['url']}): {f['reason']}", markup=False)
    console.print(f"checked {len(report.checked)} pages in {report.seconds:.2f} s", markup=False)
    return EXIT_OK


def cmd_changes(args: argparse.Namespace) -> int:
    if args.last is not None and args.last < 1:
        raise UsageError(f"--last must be at least 1, got {args.last}")
    reports = _service().changes(args.last)
    if args.json:
        for rep in reports:
            _print_json(rep)
        return EXIT_OK
    from rich.console import Console

    console = Console(highlight=False)
    if not reports:
        console.print("no change reports yet (an ingest that changes something writes one)",
                      markup=False)
    for rep in reports:
        _print_change_report(console, rep)
    return EXIT_OK


def _print_change_report(console: Any, rep: dict[str, Any]) -> None:
    console.print(f"== {rep.get('at', '?')}", markup=False, style="bold")
    for art in rep.get("articles", []):
        line = f"{art['change']:>8}: {art['article_id']}"
        if art["change"] == "updated":
            line += (f" (+{len(art.get('sentences_added', []))} "
                     f"-{len(art.get('sentences_removed', []))} sentences, "
                     f"{len(art.get('sentences_edited', []))} edited; "
                     f"{art.get('passages_reembedded', 0)} passages re-embedded)")
        console.print(line, markup=False)
        for s in art.get("sentences_removed", []):
            console.print(f"      - {s}", markup=False, style="red")
        for s in art.get("sentences_added", []):
            console.print(f"      + {s}", markup=False, style="green")
    claims = rep.get("claims", {})
    for key, sign in (("added", "+"), ("removed", "-")):
        for c in claims.get(key, []):
            console.print(f"  claim {sign} {c.get('criterion')} / {c.get('subject')}: "
                          f"{c.get('text')}", markup=False)
    for f in claims.get("flipped", []):
        console.print(f"  claim flipped {f['criterion']}: {f['text']} ({f['from']} -> {f['to']})",
                      markup=False)
    for c in rep.get("criteria", []):
        console.print(f"  agreement {c['name']}: {c['agreement_before']} -> "
                      f"{c['agreement_after']}", markup=False)
    for a in rep.get("answers", []):
        console.print(f"  answer changed: {a['question']}", markup=False)


def cmd_watch(args: argparse.Namespace) -> int:
    versus = _service()
    current = versus.watchlist()
    gone = {" ".join(q.split()) for q in args.remove}
    questions = versus.set_watchlist([q for q in [*current, *args.questions] if q not in gone]) \
        if (args.questions or args.remove) else current
    if args.json:
        _print_json({"questions": questions})
    else:
        for q in questions:
            print(q)
    return EXIT_OK


# -- ask ------------------------------------------------------------------------------


def cmd_ask(args: argparse.Namespace) -> int:
    if args.question == "-":
        if not args.json:
            raise UsageError("batch mode reads JSON lines: use `versus ask --json -`")
        return _ask_batch()
    versus = _service()
    answer = versus.ask(args.question, args.history)
    if args.json:
        _print_json(answer.to_json())
    else:
        _print_answer(answer)
    return EXIT_OK


def _ask_batch() -> int:
    """One JSON object a line in, one answer a line out, in order; the model loads once."""
    from assistant.errors import BadInput

    versus = _service()
    status = EXIT_OK
    for lineno, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("question"), str):
                raise BadInput('each line must be an object with a string "question"')
            history = item.get("history") or []
            if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
                raise BadInput('"history" must be a list of strings')
            _print_json(versus.ask(item["question"], history).to_json())
        except (json.JSONDecodeError, BadInput) as exc:
            status = EXIT_USAGE
            _print_json({"error": str(exc), "line": lineno})
    return status


def _print_answer(answer: Any) -> None:
    from rich.console import Console

    console = Console(highlight=False)
    if answer.notice:
        console.print(f"note: {answer.notice}", markup=False, style="yellow")
    console.print(answer.answer, markup=False)
    if answer.standalone_question != answer.question:
        console.print(f"(understood as: {answer.standalone_question})", markup=False, style="dim")
    for c in answer.citations:
        where = f"{c.title}" + (f" › {c.section}" if c.section else "")
        console.print(f"[{c.n}] {where}", markup=False, style="bold")
        console.print(f"    {c.text}", markup=False, style="dim")


# -- compare --------------------------------------------------------------------------


def cmd_compare(args: argparse.Namespace) -> int:
    from assistant.cli_render import render_matrix
    from assistant.compare import UnknownCriterion

    versus = _service()
    try:
        matrix = versus.compare(args.criterion)
    except UnknownCriterion as exc:
        raise UsageError(str(exc)) from exc
    if args.json:
        _print_json(matrix.to_json())
    else:
        from rich.console import Console

        render_matrix(Console(), matrix)
    return EXIT_OK


# -- eval -----------------------------------------------------------------------------


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluation import load_questions, render_report, run_eval

    if args.questions is not None and not args.questions.is_file():
        raise UsageError(f"no question file at {args.questions}")
    versus = _service()
    try:
        questions = load_questions(args.questions)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    report = run_eval(versus, questions)
    if args.json:
        _print_json(report.to_json())
    else:
        from rich.console import Console

        render_report(Console(), report)
    return EXIT_OK


# -- serve ----------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    import subprocess

    app = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.address", args.address,
        "--server.port", str(args.port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]
    return subprocess.call(cmd)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
