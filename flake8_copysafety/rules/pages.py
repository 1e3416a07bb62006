"""The rule pages shipped with the package (`flake8_copysafety/docs/<CODE>.md`)."""

import re
from pathlib import Path
from typing import Optional

from .catalogue import RULES, Rule

DOCS_DIR = Path(__file__).resolve().parent.parent / "docs"


def page(code: str) -> Optional[str]:
    """The Markdown page of a rule, or None when the package has none for it."""
    if code not in RULES:
        return None
    try:
        return (DOCS_DIR / f"{code}.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def fallback_page(rule: Rule) -> str:
    """What `copysafety rule CODE` prints when the rule has no page."""
    default = "on" if rule.default_on else "off (turn it on with --extend-select " + rule.code + ")"
    return (
        f"# {rule.code} {rule.name}\n\n{rule.summary}.\n\n"
        f"Default: {default}\n\nMore: {rule.help_uri}\n"
    )


_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*\*|\*|`)(?=\S)(.+?)(?<=\S)\1")


def plain_text(markdown: str) -> str:
    """A page as a terminal shows it: headings underlined, code blocks indented, links as
    `text (target)` with corpus paths relative to the repository, no Markdown markers."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            out.append("    " + line if line else "")
            continue
        heading = re.match(r"^(#+)\s+(.*)$", line)
        if heading:
            title = _inline(heading.group(2))
            out.append(title)
            out.append(("=" if len(heading.group(1)) <= 2 else "-") * len(title))
            continue
        out.append(_inline(line))
    return "\n".join(out).strip("\n") + "\n"


def _inline(line: str) -> str:
    def link(match: "re.Match[str]") -> str:
        text, target = match.group(1), match.group(2).replace("../../", "")
        return text if _inline(text) == target else f"{text} ({target})"

    line = _LINK.sub(link, line)
    line = re.sub(r"<(https?://[^>]+)>", r"\1", line)
    return _EMPHASIS.sub(lambda m: m.group(2), line)


def first_paragraph(markdown: str) -> Optional[str]:
    """The first prose paragraph of a page's "What it does" section (else of the page).

    Headings, code fences, tables, lists, quotes and the `*Default: ...*` line are skipped.
    """
    section = re.search(r"^#+\s*What it does\s*$", markdown, re.MULTILINE | re.IGNORECASE)
    for text in ((markdown[section.end():],) if section else ()) + (markdown,):
        for block in re.split(r"\n\s*\n", text):
            block = block.strip()
            if not block or block.startswith(
                    ("#", "```", "|", "- ", "* ", ">", "<!--", "*Default")):
                continue
            return " ".join(line.strip() for line in block.splitlines())
    return None


def full_description(rule: Rule) -> str:
    text = page(rule.code)
    paragraph = first_paragraph(text) if text else None
    return paragraph or rule.summary
