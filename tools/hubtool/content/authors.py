"""The news blog's authors file (`docs/news/.authors.yml`), checked like front matter.

mkdocs-material prints its fields into every post and list page (`alt="{{ author.name }}"`,
`<img src="{{ author.avatar }}">`, `<a href="{{ author.url }}">`) and the RSS plugin puts the names
into the feeds' <author>, all unescaped. So every name, description and id must be a plain name,
and the avatar and url a path or an http(s) URL, or the build stops, as for an invalid post.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..config import HubConfig
from ..errors import Problem
from ..escape import unsafe_scheme
from ..messages import say
from ..yamlfile import YamlError, load_with_lines
from .schema import MARKUP, MARKUP_IN_PATH

_TEXT_FIELDS = ("name", "description", "slug")
_LINK_FIELDS = ("avatar", "url")
MAX_BYTES = 1 << 20  # an authors file is a few lines; a bigger one is not read


def authors_files(config: HubConfig) -> list[Path]:
    """Each blog's authors file under docs/ (material's `authors_file`, `{blog}/.authors.yml`)."""
    found = []
    for options in config.blogs:
        blog = str(options.get("blog_dir") or "blog").strip("/")
        pattern = str(options.get("authors_file") or "{blog}/.authors.yml")
        found.append(config.docs_dir / pattern.format(blog=blog))
    return found


def author_problems(config: HubConfig, lang: str) -> tuple[Problem, ...]:
    """Every field of the authors files that would put markup or a script link on the site."""
    problems: list[Problem] = []
    for path in authors_files(config):
        rel = (
            path.relative_to(config.root).as_posix()
            if path.is_relative_to(config.root)
            else str(path)
        )
        if not path.is_file():
            continue  # no file, no authors (a link out of docs/ stops the build as SEC001)
        if path.stat().st_size > MAX_BYTES:
            problems.append(Problem(rel, 1, "", say("authors_too_big", lang)))
            continue
        try:
            data, lines = load_with_lines(path.read_text(encoding="utf-8"), lang=lang)
        except YamlError as exc:
            problems.append(Problem(rel, exc.line, "", exc.reason))
            continue
        except (OSError, UnicodeDecodeError):
            problems.append(Problem(rel, 1, "", say("authors_unreadable", lang)))
            continue
        authors = data.get("authors") if isinstance(data, dict) else None
        for key, author in authors.items() if isinstance(authors, dict) else ():
            problems += _author(rel, lines, str(key), author, lang)
    return tuple(problems)


def _author(rel: str, lines: dict, key: str, author: Any, lang: str) -> list[Problem]:
    found = []
    where = ("authors", key)
    if MARKUP.search(key):
        found.append(
            Problem(
                rel,
                lines.get(where, 1),
                f"authors.{key}",
                say("not_plain_name", lang, value=repr(key)),
            )
        )
    for field, value in author.items() if isinstance(author, dict) else ():
        line, name = lines.get((*where, field), 1), f"authors.{key}.{field}"
        text = str(value)
        if field in _LINK_FIELDS and (scheme := unsafe_scheme(text)):
            found.append(Problem(rel, line, name, say("unsafe_scheme", lang, scheme=scheme)))
        elif field in _LINK_FIELDS and MARKUP_IN_PATH.search(text):
            found.append(Problem(rel, line, name, say("markup_in_path", lang, value=repr(text))))
        elif field in _TEXT_FIELDS and MARKUP.search(text):
            found.append(Problem(rel, line, name, say("not_plain_name", lang, value=repr(text))))
    return found
