"""Terminal rendering of the comparison matrix (``versus compare`` without ``--json``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.compare.models import AGREE, DISAGREE, MIXED, NEITHER, SINGLE_SOURCE

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from assistant.compare.models import ComparisonMatrix


_AGREEMENT_STYLE = {AGREE: "green", DISAGREE: "red", MIXED: "yellow", SINGLE_SOURCE: "cyan"}


def render_matrix(console: Console, matrix: ComparisonMatrix) -> None:
    """Print the matrix as a rich table; article text is never parsed as markup."""
    from rich.table import Table
    from rich.text import Text

    if not matrix.criteria:
        console.print("No criterion of the comparison is discussed by the articles.",
                      markup=False)
        return
    table = Table(
        title=Text(matrix.title or " vs ".join(matrix.subjects)),
        show_lines=True,
        expand=True,
    )
    table.add_column("Criterion", ratio=1, no_wrap=False)
    for subj in matrix.subjects:
        table.add_column(Text(subj), ratio=3)
    for crit in matrix.criteria:
        head = Text(crit.name, style="bold")
        head.append("\n")
        head.append(crit.agreement, style=_AGREEMENT_STYLE.get(crit.agreement, ""))
        if crit.favours and crit.agreement in (AGREE, SINGLE_SOURCE):
            head.append(f" ({crit.favours})", style="dim")
        cells = []
        for subj in matrix.subjects:
            cell = Text()
            for i, claim in enumerate(crit.cells.get(subj, [])):
                if i:
                    cell.append("\n")
                cell.append("• ")
                cell.append(claim.text)
                cell.append(f"  → {claim.favours}", style="bold" if claim.favours != NEITHER
                            else "dim")
                cell.append(f"  [{claim.citation.article_id}]", style="dim")
            cells.append(cell)
        table.add_row(head, *cells)
    console.print(table)
    if matrix.corpus_version:
        console.print(Text(f"corpus {matrix.corpus_version}", style="dim"))
