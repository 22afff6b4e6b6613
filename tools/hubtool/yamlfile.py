"""YAML loading that remembers the line of every key, so errors can name file, line and field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .messages import say, yaml_problem

Path_ = tuple[str | int, ...]


# libyaml's parser (when PyYAML was built with it) is ~6x faster and keeps node marks (lines):
# `hubtool check` of 200 files went from 1.2 s to 0.2 s.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that tolerates MkDocs' custom tags (`!ENV`, `!!python/name:`) instead of failing."""


def _unknown_tag(loader: _Loader, tag_suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # PyYAML raises ValueError on `2026-13-01`; keep the text so validation can name the field.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


class PythonName(str):
    """`!!python/name:module.attr` as written: MkDocs imports it (an emoji index of a Markdown
    extension); `hubtool check` does the same when it renders pages, nothing else does."""


def _python_tag(loader: _Loader, tag_suffix: str, node: yaml.Node) -> Any:
    if tag_suffix.startswith("name:"):
        return PythonName(tag_suffix[len("name:") :])
    return _unknown_tag(loader, tag_suffix, node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_multi_constructor("!", _unknown_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


@dataclass(frozen=True)
class YamlError(Exception):
    """YAML that cannot be parsed; `line` is 1-based in the file."""

    line: int
    reason: str

    def __str__(self) -> str:
        return self.reason


# Aliases may repeat what is written, but not blow it up: a few hundred bytes of nested aliases
# ("billion laughs") expand to billions of values, and anything that walks the expanded tree (our
# line map, MkDocs' repr of its configuration, a template) then runs for minutes and gigabytes.
# Ordinary anchors (a shared default, a repeated list) stay far below this.
MAX_ALIAS_EXPANSION = 10_000


def load_with_lines(
    text: str, first_line: int = 1, lang: str = "en"
) -> tuple[Any, dict[Path_, int]]:
    """Parse one YAML document; return its data and the 1-based file line of every key path.

    `first_line` is the file line where `text` begins (front matter starts after its fence).
    Time and memory stay proportional to the text: aliases that would expand the document by more
    than MAX_ALIAS_EXPANSION values, or refer to themselves, are a YamlError at their line.
    `lang`: the language of the error (zh or en; mkdocs.yml's own errors are in English).
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None and "*" in text:  # no `*` in the text: no alias, nothing to bound
            _check_aliases(node, first_line, lang)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        slip = full_width_colon(text, first_line, lang)
        if slip is not None:
            raise slip from None
        line = first_line + _error_line(exc)
        reason = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise YamlError(line, say("yaml_syntax", lang, reason=yaml_problem(reason, lang))) from None
    except RecursionError:  # the pure-Python parser (no libyaml) on absurdly deep nesting
        raise YamlError(first_line, say("yaml_too_deep", lang)) from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    if node is not None:
        _collect_lines(node, first_line, lines)
    return data, lines


def _error_line(exc: yaml.YAMLError) -> int:
    """The 0-based line to report: where the parser gave up, except for a bracket or a quote left
    open, which it notices only on a later line (`tags: [a, b` fails on the next key): then the
    line where the bracket or quote opened, the one to fix."""
    context = str(getattr(exc, "context", None) or "")
    opened = getattr(exc, "context_mark", None)
    if opened is not None and ("flow" in context or "quoted scalar" in context):
        return int(opened.line)
    mark = getattr(exc, "problem_mark", None) or opened
    return int(mark.line) if mark else 0


# `keyword：值`: a key followed by a full-width colon, the commonest slip of a Chinese keyboard. YAML
# reads it as text, and reports the error a line later, or not at all (a lone line is a string).
_FULL_WIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)\s*：")


def full_width_colon(text: str, first_line: int = 1, lang: str = "en") -> YamlError | None:
    """The first line whose key ends in a full-width colon, as the error to report, or None."""
    for number, line in enumerate(text.splitlines()):
        match = _FULL_WIDTH_KEY.match(line)
        if match:
            key = match.group(2)
            return YamlError(first_line + number, say("full_width_colon", lang, key=key))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_aliases(root: yaml.Node, first_line: int, lang: str = "en") -> None:
    """Refuse alias bombs and self-referring aliases, in time linear in the number of nodes.

    An alias is the same node object reached twice; a node's expanded size (counting every
    repetition) is summed from its children's, each computed once, so no expansion happens.
    """
    distinct: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) not in distinct:
            distinct.add(id(node))
            stack.extend(_children(node))
    limit = len(distinct) + MAX_ALIAS_EXPANSION
    size: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are being sized: reaching one again is a cycle
    work: list[tuple[yaml.Node, bool]] = [(root, False)]
    while work:
        node, children_done = work.pop()
        key = id(node)
        if children_done:
            open_.discard(key)
            size[key] = total = 1 + sum(size[id(child)] for child in _children(node))
            if total > limit:
                raise YamlError(
                    first_line + node.start_mark.line,
                    say("yaml_alias_bomb", lang, limit=f"{MAX_ALIAS_EXPANSION:,}"),
                )
        elif key in open_:
            raise YamlError(
                first_line + node.start_mark.line,
                say("yaml_alias_cycle", lang),
            )
        elif key not in size:
            open_.add(key)
            work.append((node, True))
            work.extend((child, False) for child in _children(node))


def _collect_lines(root: yaml.Node, first_line: int, out: dict[Path_, int]) -> None:
    # Iterative: nesting as deep as the parser allows never hits Python's recursion limit.
    # Aliases are walked where they are used (so `b: *a` maps b's keys), bounded by _check_aliases.
    stack: list[tuple[yaml.Node, Path_]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        out.setdefault(path, first_line + node.start_mark.line)
        if isinstance(node, yaml.MappingNode):
            for key, _ in node.value:  # a key's own line (a repeated key: the last one)
                out[path + (str(key.value),)] = first_line + key.start_mark.line
            # Pushed in reverse, so values are visited in document order (first visit wins).
            stack.extend((value, path + (str(key.value),)) for key, value in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(
                (value, path + (index,)) for index, value in reversed(list(enumerate(node.value)))
            )


def dotted(path: Path_) -> str:
    """`('customer', 'tier')` -> `customer.tier`; `('results', 0, 'value')` -> `results[0].value`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
