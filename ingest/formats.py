"""Turn an uploaded or bundled file into plain text lines that cleaning can work on.

Why the conversion is this strict:

* Everything downstream (cleaning, chunk offsets, citations rendered in the UI) assumes plain
  text. Markup that slipped through would either be cited as article text or, worse, be
  rendered: so HTML and Markdown lose every tag, script and attribute here, and the output is
  checked once more for anything tag-shaped.
* Each format goes through a well-kept parser (markdown-it-py for Markdown, trafilatura for
  HTML main content, see ``ingest.markdown`` and ``ingest.html``), which also yields the
  title, author and date the file carries (``ingest.meta.Document``); front matter and
  bylines never stay in the text.
* Structure that matters for retrieval survives as plain-text conventions the chunker knows:
  headings on their own line, list items as "• " lines, tables with a header row as
  ``ingest.tables.render_table`` lines (label, then each cell named by its header; no pipes).
  Code blocks are dropped: code is never article prose and never quoted.
* Bad input fails loudly with ``UnsupportedInput`` saying what was received, so an upload
  form can show the user a reason instead of silently indexing mojibake. (The size limit is
  the pipeline's job, not this module's.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from ingest.html import html_to_document
from ingest.markdown import markdown_to_document
from ingest.meta import Document, take_byline
from ingest.tables import pipe_cells, render_table

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm")

# Elements whose whole content is dropped: code, embedded documents, and page chrome that is
# never the article (navigation, header/footer bars, sidebars, forms).
_SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "svg", "nav", "footer",
        "header", "aside", "form", "head", "title", "object", "embed", "canvas", "button",
        "select", "math", "video", "audio", "map",
    }
)
# Elements that start and end a line of text.
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "ul", "ol", "dl", "dt", "dd", "blockquote",
        "pre", "figure", "figcaption", "hr", "address", "details", "summary", "table",
        "thead", "tbody", "tfoot", "caption", "center", "fieldset", "legend",
        "h1", "h2", "h3", "h4", "h5", "h6",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)
# Magic numbers of formats people upload by mistake, for a precise error message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt file)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
)
# Share of control characters (other than tab/newline/CR/form feed) above which decoded
# "text" is really binary data that happened to decode.
_MAX_CONTROL_RATIO = 0.01
# cp1252 accepts almost any byte, so a fallback decode must also *look* like prose: mostly
# letters, spaces and punctuation, and accented letters inside words (a run of several
# non-ASCII characters in a row is what binary data decodes to, not French or German).
_MIN_CP1252_WORDISH_RATIO = 0.85
_MAX_CP1252_NON_ASCII_RATIO = 0.3
_NON_ASCII_RUN_RE = re.compile(r"[^\x00-\x7f]{4,}")

# Defence in depth on converted output: a script/style element that survived as text (e.g.
# "&lt;script&gt;" in the source) and any remaining tag-shaped run are removed.
# No whitespace is allowed after "<": "a < b and c > d" is prose, and browsers agree.
_SCRIPTISH_RE = re.compile(
    r"<(script|style|iframe|template|noscript|svg)\b[^>]*>.*?</\s*\1\s*>", re.I | re.S
)
_TAG_RE = re.compile(r"</?[A-Za-z!][^<>]*>")
_UNCLOSED_SCRIPT_RE = re.compile(r"<(?:script|style)\b[^\n]*", re.I)


class UnsupportedInput(ValueError):
    """A file that cannot be turned into article text; the message says why."""


def _describe(data: bytes) -> str:
    return f"{len(data)} bytes"


def _check_not_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnsupportedInput(
                f"binary content: the file looks like {what} ({_describe(data)}), not text"
            )
    if b"\x00" in data:
        raise UnsupportedInput(
            f"binary content: found NUL bytes in {_describe(data)}; expected a text file"
        )


def _control_ratio(text: str) -> float:
    controls = sum(
        1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0
    )
    return controls / max(1, len(text))


def _looks_like_cp1252_text(text: str) -> bool:
    if not text:
        return False
    wordish = sum(1 for ch in text if ch.isalnum() or ch.isspace() or ch in ".,;:!?'\"()-–—’“”")
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return (
        wordish / len(text) >= _MIN_CP1252_WORDISH_RATIO
        and non_ascii / len(text) <= _MAX_CP1252_NON_ASCII_RATIO
        and not _NON_ASCII_RUN_RE.search(text)
        and _control_ratio(text) == 0
    )


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 (BOM allowed), else as clearly textual Windows-1252.

    Raises:
        UnsupportedInput: For empty, binary or undecodable content.
    """
    if not data.strip():
        what = "an empty file (0 bytes)" if not data else f"only whitespace ({_describe(data)})"
        raise UnsupportedInput(f"empty content: received {what}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnsupportedInput(f"undecodable UTF-16 text: {exc.reason}") from exc
    else:
        _check_not_binary(data)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = ""
            if not _looks_like_cp1252_text(text):
                raise UnsupportedInput(
                    f"undecodable text: not valid UTF-8 (byte 0x{data[exc.start]:02x} at "
                    f"position {exc.start}: {exc.reason}) and not plausible Windows-1252 text; "
                    "please save the file as UTF-8"
                ) from exc
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise UnsupportedInput(
            f"binary content: {_describe(data)} decode to mostly control characters, not text"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _defang(text: str) -> str:
    """Remove anything markup-shaped that survived conversion (never output a tag)."""
    text = _SCRIPTISH_RE.sub("", text)
    text = _TAG_RE.sub("", text)
    return _UNCLOSED_SCRIPT_RE.sub("", text)


def _tidy(lines: list[str]) -> str:
    """Strip line ends and collapse runs of blank lines to one."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


# --------------------------------------------------------------------------- HTML


@dataclass
class _Table:
    """Rows collected so far for one open ``<table>``."""

    rows: list[list[str]] = field(default_factory=list)
    row: list[str] | None = None
    cell: list[str] | None = None


class _HTMLToText(HTMLParser):
    """Stream HTML into plain-text lines (see module docstring for the conventions)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._skip = 0
        self._pre = 0
        self._lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self._tables: list[_Table] = []

    # -- line buffer
    def _flush(self, blank: bool = False) -> None:
        text = "".join(self._buf)
        self._buf = []
        if self._pre:
            self.lines.extend(text.split("\n"))
        else:
            text = " ".join(text.split())
            if text:
                self.lines.append(text)
        if blank:
            self.lines.append("")

    def _cell_text(self) -> list[str] | None:
        return self._tables[-1].cell if self._tables else None

    def _in_row(self) -> bool:
        return bool(self._tables) and self._tables[-1].row is not None

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
                self._skip += 1
            return
        if tag in _SKIP_TAGS:
            if tag not in _VOID_TAGS:
                self._skip += 1
            return
        if tag == "table":
            self._flush(blank=True)
            self._tables.append(_Table())
            return
        if self._tables and tag == "tr":
            self._tables[-1].row = []
            return
        if self._tables and tag in {"td", "th"}:
            self._tables[-1].cell = []
            return
        if self._in_row():
            # Inside a row, blocks and line breaks only separate words: the row must stay one
            # pipe line, or the table would fall apart into prose.
            cell = self._cell_text()
            if cell is not None and (tag == "br" or tag in _BLOCK_TAGS or tag == "li"):
                cell.append(" ")
            return
        if tag == "br":
            self._flush()
            return
        if tag in {"ul", "ol"}:
            self._flush()
            self._lists.append([1] if tag == "ol" else [])
            return
        if tag == "li":
            self._flush()
            if self._lists and self._lists[-1]:
                number = self._lists[-1][0]
                self._lists[-1][0] += 1
                self._buf.append(f"{number}. ")
            else:
                self._buf.append("• ")
            return
        if tag in _BLOCK_TAGS:
            self._flush(blank=tag in _HEADINGS or tag == "p")
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._skip:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag in _SKIP_TAGS:
                self._skip -= 1
            return
        if self._tables and tag in {"td", "th"}:
            table = self._tables[-1]
            if table.cell is not None and table.row is not None:
                table.row.append(" ".join("".join(table.cell).split()))
            table.cell = None
            return
        if self._tables and tag == "tr":
            self._end_row()
            return
        if tag == "table" and self._tables:
            self._end_row()
            rows = self._tables.pop().rows
            rendered = render_table(rows[0], rows[1:]) if len(rows) >= 2 else []
            self.lines.extend(rendered or [" ".join(c for c in r if c) for r in rows])
            self.lines.append("")
            return
        if self._in_row():
            cell = self._cell_text()
            if cell is not None and (tag in _BLOCK_TAGS or tag == "li"):
                cell.append(" ")
            return
        if tag in {"ul", "ol"}:
            self._flush(blank=True)
            if self._lists:
                self._lists.pop()
            return
        if tag == "li":
            self._flush()
            return
        if tag in _BLOCK_TAGS:
            self._flush(blank=tag in _HEADINGS or tag == "p")
            if tag == "pre" and self._pre:
                self._pre -= 1

    def _end_row(self) -> None:
        table = self._tables[-1]
        if table.row is not None and any(table.row):
            table.rows.append(table.row)
        table.row = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        cell = self._cell_text()
        if cell is not None:
            cell.append(data)
        elif self._in_row():
            return  # whitespace between cells
        else:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(source: str) -> str:
    """Convert an HTML document to plain text lines using the stdlib parser only."""
    parser = _HTMLToText()
    parser.feed(source)
    parser.close()
    return _tidy(_defang("\n".join(parser.lines)).split("\n"))


# --------------------------------------------------------------------------- plain text

_PIPE_SEPARATOR_RE = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*")


def _cells(line: str) -> list[str] | None:
    spans = pipe_cells(line, 0, len(line))
    return [line[c.start : c.end] for c in spans] if spans else None


def _text_tables(lines: list[str]) -> list[str]:
    """Rewrite GFM pipe tables (header row, ``---|---`` separator, rows) in plain text the way
    Markdown tables are written (``ingest.tables.render_table``); other lines stay as they are."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        header = _cells(lines[i])
        if header and i + 1 < len(lines) and _PIPE_SEPARATOR_RE.fullmatch(lines[i + 1]):
            rows: list[list[str]] = []
            j = i + 2
            while j < len(lines) and (row := _cells(lines[j])) is not None:
                rows.append(row)
                j += 1
            rendered = render_table(header, rows)
            if rendered:
                out.extend(rendered)
                i = j
                continue
        out.append(lines[i])
        i += 1
    return out


def text_to_document(source: str) -> Document:
    """Plain text: pipe tables rewritten, a byline near the top taken out as author and date,
    and the first line as title when it reads as one (short, no final full stop)."""
    text = "\n".join(_text_tables(source.split("\n")))
    text, author, date = take_byline(text)
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    title = first if first and len(first) <= _MAX_TITLE_CHARS and first[-1] != "." else None
    return Document(text=text, title=title, author=author, date=date)


_MAX_TITLE_CHARS = 160


def markdown_to_text(source: str) -> str:
    """Convert Markdown to plain text lines (see ``ingest.markdown``)."""
    return markdown_to_document(source).text


# --------------------------------------------------------------------------- entry point


def to_plain_text(data: bytes, suffix: str) -> str:
    """Convert a file's bytes to plain text according to its suffix (``to_document().text``)."""
    return to_document(data, suffix).text


def to_document(data: bytes, suffix: str) -> Document:
    """Convert a file's bytes to a ``Document`` (plain text plus title, author, date).

    Args:
        data: The file content.
        suffix: The file name suffix, with or without the dot (case-insensitive).

    Returns:
        The document: ``.txt`` nearly verbatim (newlines normalised, pipe tables and a byline
        handled, see ``text_to_document``), ``.md``/``.markdown`` through markdown-it-py
        (``ingest.markdown``), ``.html``/``.htm`` through trafilatura (``ingest.html``).

    Raises:
        UnsupportedInput: For an unsupported suffix, or empty, binary or undecodable content,
            or a document with no readable text left after conversion.
    """
    norm = suffix.lower().strip()
    norm = norm if norm.startswith(".") else f".{norm}"
    if norm not in SUPPORTED_SUFFIXES:
        raise UnsupportedInput(
            f"unsupported file type {suffix!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    source = decode_text(data)
    if norm in {".html", ".htm"}:
        doc = html_to_document(source)
    elif norm in {".md", ".markdown"}:
        doc = markdown_to_document(_SCRIPTISH_RE.sub("", source))
    else:
        doc = text_to_document(source)
    text = _tidy(_defang(doc.text).split("\n")) if norm != ".txt" else doc.text
    doc = replace(doc, text=text)
    if not text.strip():
        raise UnsupportedInput(
            f"no readable text: the {norm} file ({_describe(data)}) contains no article text "
            "after removing markup"
        )
    return doc
