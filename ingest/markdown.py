"""Markdown to plain text through markdown-it-py (CommonMark plus GFM tables).

What becomes of each block, so that the cleaner and chunker see article prose only:

* YAML (``---``) or TOML (``+++``) front matter: parsed, and its ``title``, ``author`` and
  ``date`` (and ``publisher``/``site``) go into the ``Document``; the block itself never
  reaches the text.
* Headings: their own line between blank lines (the cleaner's section detection finds them).
* Paragraphs and blockquotes: one line each, soft line breaks joined with a space.
* List items: "• " or "N. " lines.
* Tables with a header row: ``ingest.tables.render_table`` lines (label, then each cell
  named by its header), so no pipe reaches the text and every row keeps its cells.
* Fenced and indented code blocks: dropped (code is never quoted as an answer); inline code
  keeps its text. Links keep their text, images and raw HTML tags go.

The title is the front matter's, else the first level-1 heading when it opens the document;
a byline near the top ("By NAME · DATE") gives author and date when front matter does not.
"""

from __future__ import annotations

import tomllib
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ingest.meta import Document, iso_date, take_byline
from ingest.tables import render_table

_TOML_FENCE = "+++"


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(
        front_matter_plugin
    )


def _split_toml_front_matter(source: str) -> tuple[str, dict[str, Any]]:
    """Remove a leading ``+++`` TOML block (which markdown-it does not know) and parse it."""
    lines = source.split("\n")
    if not lines or lines[0].strip() != _TOML_FENCE:
        return source, {}
    for i in range(1, len(lines)):
        if lines[i].strip() == _TOML_FENCE:
            try:
                data = tomllib.loads("\n".join(lines[1:i]))
            except tomllib.TOMLDecodeError:
                return source, {}
            return "\n".join(lines[i + 1 :]), data
    return source, {}


def _yaml(content: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _field(data: dict[str, Any], *keys: str) -> Any:
    lowered = {str(k).lower(): v for k, v in data.items()}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, ""):
            return value
    return None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [_author(v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return _author(value.get("name"))
    return str(value).strip() or None if value is not None else None


def _inline(token: Token) -> str:
    """Plain text of an inline token: text and inline code kept, markup dropped."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in {"text", "code_inline"}:
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
    return "".join(out).strip()


class _Renderer:
    """Walk markdown-it's token stream and write plain-text lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.title: str | None = None
        self.headings: list[tuple[str, int]] = []
        self._lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self._item_prefix: str | None = None
        self._table: list[list[str]] | None = None
        self._header_rows = 0
        self._row: list[str] | None = None

    def block(self, text: str) -> None:
        if text.strip():
            self.lines.extend([text, ""])

    def run(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                text = _inline(tokens[i + 1])
                if self.title is None and tok.tag == "h1" and not any(self.lines):
                    self.title = text
                if text:
                    self.headings.append((text, int(tok.tag[1])))
                self.lines.extend(["", text, ""])
                i += 3
                continue
            if kind in {"bullet_list_open", "ordered_list_open"}:
                start = tok.attrGet("start")
                ordered = kind.startswith("ordered")
                self._lists.append([int(start) if start else 1] if ordered else [])
            elif kind in {"bullet_list_close", "ordered_list_close"}:
                self._lists.pop()
                self.lines.append("")
            elif kind == "list_item_open":
                if self._lists and self._lists[-1]:
                    self._item_prefix = f"{self._lists[-1][0]}. "
                    self._lists[-1][0] += 1
                else:
                    self._item_prefix = "• "
            elif kind == "table_open":
                self._table, self._header_rows = [], 0
            elif kind == "thead_close":
                self._header_rows = len(self._table or [])
            elif kind == "tr_open":
                self._row = []
            elif kind in {"th_open", "td_open"} and self._row is not None:
                self._row.append(_inline(tokens[i + 1]))
                i += 3
                continue
            elif kind == "tr_close" and self._table is not None and self._row is not None:
                self._table.append(self._row)
                self._row = None
            elif kind == "table_close" and self._table is not None:
                self._end_table(self._table)
                self._table = None
            elif kind == "inline" and self._table is None:
                text = _inline(tok)
                if self._item_prefix is not None:
                    self.lines.append(self._item_prefix + text)
                    self._item_prefix = None
                elif self._lists:
                    self.lines.append(text)
                else:
                    self.block(text)
            elif kind == "html_block":
                from ingest.formats import html_to_text  # raw HTML inside Markdown

                self.block(html_to_text(tok.content))
            # fence, code_block, hr, front_matter, images: nothing reaches the text
            i += 1

    def _end_table(self, rows: list[list[str]]) -> None:
        header_rows = max(1, self._header_rows)
        rendered = render_table(rows[header_rows - 1], rows[header_rows:]) if rows else []
        if rendered:
            self.lines.extend(["", *rendered, ""])
        else:
            self.lines.extend(["", *(" ".join(c for c in r if c) for r in rows), ""])


def markdown_to_document(source: str) -> Document:
    """Convert Markdown to a ``Document`` (plain text plus front-matter facts)."""
    body, front = _split_toml_front_matter(source)
    tokens = _parser().parse(body)
    for tok in tokens:
        if tok.type == "front_matter":
            front = _yaml(tok.content)
            break
    renderer = _Renderer()
    renderer.run(tokens)
    text = "\n".join(renderer.lines)
    text, by_author, by_date = take_byline(text)
    title = _field(front, "title")
    return Document(
        text=text,
        title=str(title).strip() if title is not None else renderer.title,
        author=_author(_field(front, "author", "authors")) or by_author,
        date=iso_date(_field(front, "date", "published", "pubdate")) or by_date,
        headings=tuple(renderer.headings),
        publisher=_author(_field(front, "publisher", "site", "site_name")),
    )
