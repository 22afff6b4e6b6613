"""ED002: absolute claims judged in context, as SAMR's 《广告绝对化用语执法指南》 (2023) asks."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, ClassVar, cast

import yaml

from ...config import HubConfig
from ...content.items import Item
from ..model import AuditContext, Finding, Rule
from .matching import Term, TermList, earliest_longest, fold, occurrences
from .prose import TEXT_FIELDS, column_in_file, field_value, prose_lines
from .wordlists import wordlists

# ---------------------------------------------------------------- the context lexicon (data)

_LISTS = (
    "technical",
    "technical_nouns",
    "technical_subjects",
    "negators",
    "not_negators",
    "negators_en",
    "hypothetical",
    "attitude",
    "goal",
    "own_comparison",
    "tip",
    "tip_nouns",
    "standard",
    "award_verbs",
    "ranking",
    "idioms",
    "other_org_nouns",
    "own",
    "own_en",
    "third",
    "third_en",
    "attribution",
    "customer_prefix",
    "offering",
    "copulas",
    "strong_negators",
    "hypothetical_en",
    "commercial_nouns",
    "relation",
    "advice_nouns",
)
_REGEXES = ("soft", "award_bodies", "order_time", "order_place", "order_terms", "background")


@dataclass(frozen=True)
class Lexicon:
    """The words ED002 reads a sentence with (tools/hubtool/data/wordlists/claims.yaml)."""

    words: Mapping[str, tuple[str, ...]]
    regexes: Mapping[str, re.Pattern[str]]

    def __getattr__(self, name: str) -> Any:
        if name in _REGEXES:
            return self.regexes[name]
        if name in _LISTS:
            return self.words[name]
        raise AttributeError(name)


@functools.lru_cache(maxsize=1)
def _packaged() -> dict[str, Any]:
    text = (resources.files("hubtool") / "data" / "wordlists" / "claims.yaml").read_text("utf-8")
    return cast(dict[str, Any], yaml.safe_load(text))  # yaml returns Any


@functools.lru_cache(maxsize=16)
def _lexicon(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
    data = _packaged()
    added = dict(extra)
    words = {
        name: tuple(fold(str(w)).text for w in (*(data.get(name) or ()), *added.get(name, ())))
        for name in _LISTS
    }
    regexes = {name: re.compile(str(data[name]["regex"])) for name in _REGEXES}
    return Lexicon(words, regexes)


def lexicon(options: Mapping[str, Any]) -> Lexicon:
    """The packaged lexicon, each list extended by the rule option of the same name."""
    extra = tuple(
        sorted(
            (name, tuple(str(v) for v in value))
            for name, value in options.items()
            if name in _LISTS and isinstance(value, list)
        )
    )
    return _lexicon(extra)


def own_names(config: HubConfig, options: Mapping[str, Any]) -> tuple[str, ...]:
    """The company's names, folded: site name and author, company name, legal name, aliases and
    products from `extra.hub.company` (each may be `{zh: …, en: …}`), and the option `own_names`."""
    company = config.hub.get("company") or {}
    found: list[Any] = [
        config.site_name,
        config.mkdocs.get("site_author"),
        company.get("name"),
        company.get("legal_name"),
        *(company.get("aliases") or []),
        *(options.get("own_names") or []),
    ]
    for product in company.get("products") or []:
        if isinstance(product, dict) and ("name" in product or "aliases" in product):
            found += [product.get("name"), *(product.get("aliases") or [])]
        else:
            found.append(product)
    names: set[str] = set()
    for value in found:
        for text in value.values() if isinstance(value, dict) else [value]:
            name = fold(str(text or "")).text.strip()
            if len(name) >= 2:
                names.add(name)
                # The short name writers use: 北京星衡数据科技有限公司 -> 星衡, Xingheng Data -> xingheng
                short = _SUFFIX.sub("", _PREFIX.sub("", name)).strip(" ,.")
                if len(short) >= 2 and short != name and (len(short) >= 4 or not short.isascii()):
                    names.add(short)
    return tuple(sorted(names, key=len, reverse=True))


_PREFIX = re.compile(
    r"^(?:北京|上海|深圳|广州|杭州|南京|成都|武汉|西安|苏州|天津|重庆|厦门|合肥|济南|青岛)(?:市)?"
)
_SUFFIX = re.compile(
    r"(?:(?:数据|科技|技术|信息|网络|软件|智能|数字|集团|控股|股份)*(?:有限责任公司|股份有限公司|"
    r"有限公司|公司)?|\s+(?:data|technology|technologies|tech|software|inc\.?|ltd\.?|"
    r"co\.?,?\s*ltd\.?|corporation|corp\.?|group)+)$"
)

# ---------------------------------------------------------------- reading one sentence

_SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?=\s|$|[\u3400-\u9fff])")
_CLAUSE_END = re.compile(r"[，,:：（）()—]|\s-\s")
_HAN = re.compile(r"[\u3400-\u9fff]")
_QUOTES = (("“", "”"), ("「", "」"), ("『", "』"), ("《", "》"), ("‘", "’"))
# One-character markers of a third party, where a plain find would hit 数据 or 其他.
_THIRD_SINGLE = (
    re.compile(r"(?:^|[\s，,（(])据"),
    re.compile(r"(?<![尤极与])其(?![他它中实次余后])"),
)
# An English clause that names its subject before a verb: "yunqi logistics is the largest …".
_SUBJECT_EN = re.compile(
    r"\s*(?!(?:it|this|that|there|which|what)\b)[a-z][\w&'.+-]*(?:\s+[\w&'.-]+){0,4}?"
    r"\s+(?:is|are|was|were|remains|runs|has|have|(?:may|can|might|would) be)\s"
)
_COPULA_EN = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|offers?|delivers?|provides?|"
    r"runs?|ranks?|gives?|gave|picks?|finds?|takes?|became|becomes)\b"
)


@dataclass(frozen=True)
class Verdict:
    """What ED002 concluded about one candidate: its level ('' = not a claim) and why."""

    level: str  # error | warning | ""
    case: str  # own-claim, implicit-own, third-party, quote, unclear, or the exemption that applied


def _has(text: str, words: Iterable[str]) -> str:
    """The first of `words` in `text` ('' if none); Latin words only as whole words."""
    for word in words:
        if not word:
            continue
        if word.isascii() and word[:1].isalnum():
            if re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text):
                return word
        elif word in text:
            return word
    return ""


def _first(text: str, words: Iterable[str]) -> tuple[int, str]:
    """(position, word) of the earliest of `words` in `text`; (-1, '') if none."""
    best = (-1, "")
    for word in words:
        if not word:
            continue
        if word.isascii() and word[:1].isalnum():
            match = re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text)
            at = match.start() if match else -1
        else:
            at = text.find(word)
        if at != -1 and (best[0] == -1 or at < best[0]):
            best = (at, word)
    return best


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in pattern.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _quoted(line: str, start: int, end: int) -> tuple[str, int] | None:
    """(opening mark, length of the quoted text) of the quotation holding line[start:end]."""
    for left, right in (*_QUOTES, ('"', '"')):
        at = 0
        while (opened := line.find(left, at)) != -1:
            closed = line.find(right, opened + 1)
            if closed == -1:
                break
            if opened < start and end <= closed:
                return left, closed - opened - 1
            at = closed + 1
    return None


@functools.lru_cache(maxsize=4096)
def _tags(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and part-of-speech tags (rjieba when installed: same tags, faster)."""
    try:
        import rjieba

        return tuple(rjieba.tag(text))
    except ImportError:  # pragma: no cover - rjieba is a dependency; jieba is the fallback
        import jieba.posseg

        return tuple((pair.word, pair.flag) for pair in jieba.posseg.lcut(text))


def _named(text: str, own: Iterable[str]) -> str:
    """A proper noun (person, organisation, brand) in `text` that is not the company's."""
    for word, flag in _tags(text):
        if flag in ("nr", "nrt", "nt", "nrfg") and not any(word in o or o in word for o in own):
            return word
    copula = re.match(r"\s*([^\s，,。]{2,24}?)\s*(?:正是|就是|才是|是|作为|成为|拥有|属于)", text)
    if copula and not any(copula.group(1) in o or o in copula.group(1) for o in own):
        return copula.group(1)
    tags = [(w, f) for w, f in _tags(text) if w.strip()]
    # An explicit subject: the clause opens with a noun or pronoun and a verb follows it.
    if (
        len(tags) >= 2
        and tags[0][1][:1] in ("n", "r", "e")
        and any(f.startswith("v") for _, f in tags[1:])
        and not any(tags[0][0] in o or o in tags[0][0] for o in own)
    ):
        return tags[0][0]
    return ""


_SCOPE = re.compile(  # a scope makes a soft superlative a market claim
    r"\b(?:on the market|in the (?:world|industry|market|country)|in china|in asia)\b"
)


@dataclass(frozen=True)
class _Spot:
    """A candidate in its sentence: line[start:end] is sentence[a:b], in clause `k` (c0..c1)."""

    line: str
    start: int
    end: int
    sentence: str
    a: int
    b: int
    clauses: list[tuple[int, int]]
    k: int

    @classmethod
    def at(cls, line: str, start: int, end: int) -> _Spot:
        s_start, s_end = next((a, b) for a, b in _spans(_SENTENCE_END, line) if a <= start < b)
        sentence = line[s_start:s_end]
        a = start - s_start
        clauses = _spans(_CLAUSE_END, sentence)
        k = next(i for i, (c0, c1) in enumerate(clauses) if c0 <= a < c1)
        return cls(line, start, end, sentence, a, end - s_start, clauses, k)

    @functools.cached_property
    def term(self) -> str:
        return self.sentence[self.a : self.b]

    @functools.cached_property
    def c1(self) -> int:
        return self.clauses[self.k][1]

    @functools.cached_property
    def before(self) -> str:
        return self.sentence[self.clauses[self.k][0] : self.a]

    @functools.cached_property
    def after(self) -> str:
        return self.sentence[self.b : self.c1]

    @functools.cached_property
    def latin(self) -> bool:
        return not _HAN.search(self.term)

    @functools.cached_property
    def english(self) -> bool:
        return self.latin and not _HAN.search(self.sentence)

    @functools.cached_property
    def own_level(self) -> str:
        """A claim of the company's own: an error, a warning in English (less often enforced)."""
        return "warning" if self.english else "error"


@dataclass(frozen=True)
class Reader:
    """Reads the sentence around a candidate term and decides (a Verdict)."""

    lex: Lexicon
    own: tuple[str, ...]  # the company's names, folded
    third: tuple[str, ...]  # this page's customer names, folded

    def judge(self, line: str, start: int, end: int, kind: str, field: str) -> Verdict:
        """`line`: folded text; line[start:end] the candidate; `kind` the page's kind."""
        c = _Spot.at(line, start, end)
        out = self._exempt(c)
        if out:
            return Verdict("", out)
        soft = bool(self.lex.soft.match(c.term)) and not _SCOPE.search(c.after)
        if field == "quote.text" or _quoted(line, start, end):
            return Verdict("warning", "quote")
        whose = self._subject(c.sentence, c.clauses, c.k, c.a, kind)
        if whose in ("", "named") and self.lex.background.search(
            c.sentence[: c.a] + c.sentence[c.b :]
        ):
            return Verdict("", "exempt-background")
        if self._other_org(c.sentence, c.a, c.b):  # 顶级会议, 数家行业领先的厂商: others
            if _has(c.sentence, self.lex.relation) or whose == "customer":
                return Verdict("warning", "third-party")
            return Verdict("", "other-org")
        if whose == "own":
            if soft and not self._soft_claim(c.sentence, c.a, c.b, c.c1):
                return Verdict("", "technical")
            return Verdict(c.own_level, "own-claim")
        if whose == "customer" or (whose == "named" and kind == "case"):
            return Verdict("warning", "third-party")
        return self._unattributed(c, whose, soft, kind)

    def _unattributed(self, c: _Spot, whose: str, soft: bool, kind: str) -> Verdict:
        """The verdict when the claim is neither the company's nor a customer's by its subject."""
        statement = self._statement(c.sentence, c.english)
        headline = len(c.sentence.strip()) <= 24  # a slogan or a heading, not a paragraph's
        noun_phrase = headline and c.before.rstrip().endswith("的")
        if whose == "named" and not statement and noun_phrase:
            whose = ""  # "金融机构隐私计算的首选平台": a noun phrase, a slogan with no subject
        if whose == "named" and (statement or kind != "case"):
            # Someone the hub's configuration does not name: a partner, another organisation, or a
            # product missing from `extra.hub.company.products`. Hard terms stay a warning.
            if soft:
                return Verdict("", "other-org")
            related = bool(_has(c.sentence, self.lex.relation))
            return Verdict("warning", "third-party" if related else "unclear")
        # Nobody is named: a slogan, a heading or an offer is the advertiser speaking.
        offer = _has(c.sentence, self.lex.offering)
        if kind == "case" and not offer:
            return Verdict("" if soft else "warning", "technical" if soft else "unclear")
        if offer:
            return Verdict(c.own_level, "implicit-own")
        if soft:  # a heading or a slogan that opens with it is still the company's claim
            if not statement and (not c.before.strip() or noun_phrase):
                return Verdict(c.own_level, "implicit-own")
            return Verdict("", "technical")
        if not statement or not c.before.strip() or self._starts_with_verb(c.before):
            return Verdict(c.own_level, "implicit-own")
        return Verdict("warning", "unclear")

    def _exempt(self, c: _Spot) -> str:
        """The exemption or reading under which the term is not a claim ('' if none)."""
        return self._not_a_claim(c) or self._exempt_by_context(c)

    def _not_a_claim(self, c: _Spot) -> str:
        """Readings in which the words are not a claim at all: a technical term, an idiom, a name,
        an English gloss, the name of an award."""
        lex, sentence, term = self.lex, c.sentence, c.term
        if self._overlaps(sentence, c.a, c.b, lex.technical):
            return "technical"
        if self._overlaps(sentence, c.a, c.b, lex.idioms) or (
            re.match(r"最佳", term) and re.match(r"[^，。,;；]{0,6}实践", sentence[c.b :])
        ):
            return "idiom"
        quoted = _quoted(c.line, c.start, c.end)
        if quoted and (quoted[0] == "《" or quoted[1] <= 8):
            return "exempt-name"
        if any(term in name and name in c.line for name in self.own if len(name) > len(term)):
            return "exempt-name"
        if c.latin and not c.english and re.search(r"[(（][^)）]*$", sentence[: c.a]):
            return "technical"  # an English gloss of a Chinese term: 不被匹配的 (unmatched)
        if re.match(r"最佳|最", term) and re.match(
            r"[^，。,;；]{0,10}?(?:奖|称号|荣誉)", sentence[c.b :]
        ):
            return "exempt-award"  # the name of an award: 最佳贡献奖
        return ""

    def _exempt_by_context(self, c: _Spot) -> str:
        """The guideline's exemptions and the writer's readings that the sentence around the words
        makes: negation, goals and attitude, own comparison, tips, grades, awards, order, ranking."""
        lex, sentence, term = self.lex, c.sentence, c.term
        if self._negated(c.before, c.latin) or _has(sentence[: c.a], lex.strong_negators):
            return "negation"
        if (_has(sentence, lex.hypothetical) and not c.english) or (
            c.english and _has(sentence[: c.b], lex.hypothetical_en)
        ):
            return "negation"
        if _has(sentence, lex.goal):
            return "exempt-goal"
        if _has(sentence[: c.a], lex.attitude) or _has(
            sentence[c.b :], ("放在第一位", "原则", "要务")
        ):
            return "exempt-attitude"
        if self._own_comparison(sentence):
            return "exempt-own-comparison"
        if self._tip(sentence, c.a, c.b, term):
            return "exempt-tip"
        if _has(sentence, lex.standard) and re.search(
            r"最高|一级|一等|最高级|最高等级|first class", term + c.after
        ):
            return "exempt-standard-grade"
        return self._exempt_by_record(c)

    def _exempt_by_record(self, c: _Spot) -> str:
        """Awards granted, objective order in a stated time and place, rankings, technical nouns."""
        lex, sentence, term = self.lex, c.sentence, c.term
        if _has(sentence, lex.award_verbs) and lex.award_bodies.search(sentence):
            return "exempt-award"
        if (
            lex.order_terms.search(term)
            and lex.order_time.search(sentence)
            and lex.order_place.search(sentence)
        ):
            return "exempt-order"
        if re.search(r"第一|首|冠军|最佳|领先|first|#\s?1|number one", term) and (
            _has(sentence, lex.ranking) or re.search(r"第[二三四]|其次|second", sentence[c.b :])
        ):
            return "ranking"
        if lex.soft.match(term) and self._technical_noun(sentence, c.a, c.b):
            return "technical"
        return ""

    def _own_comparison(self, sentence: str) -> bool:
        """Compares only the company's own products: 星衡自己的三款引擎, not 客户自己的."""
        marker = _has(sentence, self.lex.own_comparison)
        if marker in ("自己的", "自家"):
            at = sentence.find(marker)
            near = sentence[max(0, at - 8) : at]
            if not (self._owner_in(near) or _has(near, self.lex.own)):
                marker = ""
        return bool(marker)

    def _soft_claim(self, sentence: str, a: int, b: int, c1: int) -> bool:
        """Is a soft superlative said of the company's offer: it qualifies a commercial noun
        (最佳的联合风控方案), or it is the predicate of a product or the company (本产品性能最强)?"""
        rest = sentence[b:c1].rstrip("，,:：（）()—。.!！?？；; ")
        term = sentence[a:b]
        if term.startswith("guarantee") or re.match(
            r"\s*(?:on the market|in the (?:world|industry|market|country)|in china|in asia)", rest
        ):
            return True  # a promise, or a scope: not a technical superlative
        window = re.sub(r"^[\s的、]+", "", rest)[: 40 if term.isascii() else 14]
        if _has(window, self.lex.commercial_nouns):
            return True
        if re.fullmatch(r"[\s的了之一]*", rest):
            pre = sentence[:a]
            strong = [w for w in self.lex.own if w not in ("我们", "咱们")]
            if term.startswith(("极致", "首选")):  # no technical sense: "we" is enough
                strong = list(self.lex.own)
            return bool(
                _has(pre, self.own)
                or _has(pre, strong)
                or "我们的" in pre
                or re.search(r"我们(?:是|才是|就是)", pre)
                or re.search(r"\bour\s", pre)
            )
        return False

    # ------------------------------------------------------------ the tests, one by one

    @staticmethod
    def _overlaps(sentence: str, a: int, b: int, words: Iterable[str]) -> bool:
        for word in words:
            if not word:
                continue
            at = sentence.find(word, max(0, a - len(word) + 1))
            while at != -1 and at < b:
                if at + len(word) > a:
                    return True
                at = sentence.find(word, at + 1)
        return False

    def _negated(self, before: str, latin: bool) -> bool:
        window = before
        for word in self.lex.not_negators:
            window = window.replace(word, " " * len(word))
        if latin:
            return bool(_has(window, self.lex.negators_en))
        if _has(window, self.lex.negators):
            return True
        return bool(re.search(r"不(?:是|会|能|算|一定)?$", window.rstrip()))

    def _tip(self, sentence: str, a: int, b: int, term: str) -> bool:
        rest = sentence[b:].lstrip(" 的")
        if re.match(r"最(?:佳|好|优|有效|稳妥|合适|安全)", term):
            noun = _has(rest[:4], self.lex.tip_nouns)
            if noun and rest[:4].find(noun) <= 1:
                return True
            noun = _has(rest[:8], self.lex.advice_nouns)
            if noun and not self._owner_in(sentence) and not _has(sentence, self.lex.own):
                return True
        if re.match(r"最(?:佳|好|优|快)|the best|best|首选", term) and _has(sentence, self.lex.tip):
            near = sentence[max(0, a - 12) : a]
            return not _has(near, self.lex.own) and not self._owner_in(near)
        return False

    def _technical_noun(self, sentence: str, a: int, b: int) -> bool:
        rest = re.sub(r"^[\s的]+", "", sentence[b:])
        for noun in self.lex.technical_nouns:
            if rest.startswith(noun):
                return True
        head = sentence[max(0, a - 6) : a].rstrip(" 的达到为是取得")
        return any(head.endswith(noun) for noun in self.lex.technical_subjects)

    def _other_org(self, sentence: str, a: int, b: int) -> bool:
        if re.search(
            r"(?:数家|几家|多家|众多|一些|很多|许多|不少|各大)[^，。,]{0,4}$", sentence[:a]
        ):
            return True
        rest = re.split(r"[，,。；;：:（(]", re.sub(r"^[\s的]+", "", sentence[b:]), maxsplit=1)[0]
        if re.search(r"(?:竞赛|大赛|比赛|赛事|奥赛|联赛|会议|期刊)", rest[:12]):
            return True  # said of a contest or a venue: 最具影响力的大学生计算机竞赛
        return any(
            rest.find(noun) != -1 and rest.find(noun) <= 4 for noun in self.lex.other_org_nouns
        )

    def _owner_in(self, text: str) -> bool:
        return any(name in text for name in self.own)

    def _who(self, text: str, markers_only: bool = False) -> str:
        """'own', 'customer', 'named' or '' for the first subject named in `text`."""
        if not text.strip():
            return ""
        marks = [
            (at, "we" if word in ("我们", "咱们", "we", "our", "us", "we're", "ours") else "own")
            for at, word in [
                _first(text, self.own),
                _first(text, self.lex.own),
                _first(text, self.lex.own_en),
            ]
            if at != -1
        ]
        for single in _THIRD_SINGLE:
            if (match := single.search(text)) is not None:
                marks.append((match.start(), "customer"))
        # 客户 after 为/帮助/服务 is the object of an offer (为金融客户提供…), not the subject.
        subject_text = re.sub(
            r"(?:为|帮助|服务|向|让|给|助力)([^，。,]{0,4})(客户|用户)",
            lambda m: m.group(0)[:-2] + "  ",
            text,
        )
        marks += [
            (at, "customer")
            for at, _ in [
                _first(subject_text, self.third),
                _first(subject_text, self.lex.third),
                _first(text, self.lex.third_en),
            ]
            if at != -1
        ]
        prefixed = (
            re.search(
                r"(?:"
                + "|".join(map(re.escape, self.lex.customer_prefix))
                + r")[\u4e00-\u9fff]{1,6}(?:行|社|司|集团|医院|券商|机构|企业|公司|平台)",
                text,
            )
            if self.lex.customer_prefix
            else None
        )
        if prefixed:
            marks.append((prefixed.start(), "customer"))
        if marks:
            return min(marks)[1]
        if _has(text, self.lex.attribution) and not re.search(
            r"我(?:们)?[^，。]{0,6}(?:认为|觉得|说)", text
        ):
            return "customer"
        if not markers_only and not text.isascii() and _named(text, self.own):
            return "named"
        if not markers_only and text.isascii() and _SUBJECT_EN.match(text):
            return "named"
        return ""

    def _subject(
        self, sentence: str, clauses: list[tuple[int, int]], k: int, a: int, kind: str = "page"
    ) -> str:
        who = self._subject_in(sentence, clauses, k, a)
        if kind == "case" and re.search(r"我们(?:的)?\s*$", sentence[:a]):
            return "customer"  # 成为我们首选的方案: the customer's choice, in their words
        if who == "we":
            # In a case study "我们" is often the customer speaking (the case is told by them),
            # unless the customer is also named in the third person.
            third = _has(sentence, self.third) or _has(sentence, self.lex.third)
            return "own" if kind != "case" or third else "customer"
        return who

    def _subject_in(self, sentence: str, clauses: list[tuple[int, int]], k: int, a: int) -> str:
        c0, _ = clauses[k]
        lead = sentence[c0:a].strip().lstrip(">*-#+ ").strip()
        # A clause that opens with a preposition (在…上, 对于…) names no subject, only a place.
        who = self._who(
            lead + " ", markers_only=bool(re.match(r"(?:在|于|从|对于|对|随着|经过)", lead))
        )
        if who:
            return who
        if re.match(r"(?:作为|凭借|依托|通过|以|借助|as|with)\b|作为|凭借|依托", lead) or not lead:
            for c in clauses[k + 1 : k + 2]:
                who = self._who(sentence[c[0] : min(c[1], c[0] + 16)], markers_only=True)
                if who:
                    return who
        for c in reversed(clauses[:k]):
            who = self._who(sentence[c[0] : c[1]])
            if who:
                return who
        return ""

    def _statement(self, sentence: str, english: bool) -> bool:
        if english:
            return bool(_COPULA_EN.search(sentence))
        return bool(_has(sentence, self.lex.copulas))

    @staticmethod
    def _starts_with_verb(before: str) -> bool:
        text = before.strip()
        if not text or not _HAN.search(text[:1]):
            return False
        tags = _tags(text)
        return bool(tags) and tags[0][1].startswith(("v", "p"))


# ---------------------------------------------------------------- messages

_CASES_ZH = {
    "own-claim": "以本公司或本公司产品为主语的绝对化用语，不属于《广告绝对化用语执法指南》列举的任何例外情形",
    "implicit-own": "没有写主语的宣传语句，读者会理解为本公司的自我宣传；不属于《广告绝对化用语执法指南》列举的例外情形",
    "third-party": "客户或第三方的自我描述；发布在本站，也就成了本公司广告的一部分",
    "quote": "引语中的绝对化用语；发布引语即由本公司承担其内容",
    "unclear": "主语不明确：若说的是本公司或产品，就是违法的绝对化用语；若是客户的自述，须注明出处",
}
_CASES_EN = {
    "own-claim": "an absolute claim about the company or its products; none of the exemptions of "
    "SAMR's guideline on absolute terms applies",
    "implicit-own": "a promotional line without a subject reads as the company speaking about itself; "
    "none of the guideline's exemptions applies",
    "third-party": "a customer's or third party's description of itself; published here, it becomes "
    "part of the company's advertising",
    "quote": "an absolute term inside a quotation; publishing the quote makes it the company's claim",
    "unclear": "the subject is unclear: about the company it would be an unlawful absolute claim, "
    "as a customer's words it needs a source",
}


def _near_exemption(sentence: str, term: str, lex: Lexicon) -> tuple[str, str]:
    """(zh, en) hint naming the exemption the sentence almost meets, or ('', '')."""
    if _has(sentence, lex.award_verbs) or re.search(r"国家级|国际级|奖", term + sentence):
        return (
            "如为依国家规定评定的奖项或称号，请写明授予机关和年份（执法指南例外情形：依法评定的荣誉）",
            "if it is an award or title granted under state rules, name the granting body and "
            "year (exemption: awards granted under state rules)",
        )
    if lex.order_terms.search(term):
        return (
            "如属客观排序，请写明时间、地域和可证明的来源（执法指南例外情形：特定时空内的客观排序），"
            "例如“2025 年华东地区首家通过某认证的企业”",
            "if it is an objective order, state the time, the place and a provable source "
            "(exemption: objective order in a stated time and place), e.g. 'in 2025, the first "
            "vendor in East China to pass …'",
        )
    return ("", "")


# ---------------------------------------------------------------- the rule


class AdvertisingClaim(Rule):
    """An absolute claim (最佳, 第一, 顶级, 100% 安全…) made for the company or its products.

    **Why.** Article 9(3) of China's Advertising Law forbids "国家级", "最高级", "最佳" and similar
    terms; a company's website, case studies and whitepapers are advertising in law, and fines start
    at 200,000 yuan. SAMR's enforcement guideline 《广告绝对化用语执法指南》 (2023) asks that such
    terms be judged in context, not matched as words, and lists when they are not a violation.
    This rule follows it. A term from the advertising word list is first read in its sentence:

    - **Not reported** when the guideline exempts it: the company's service attitude or philosophy
      (我们追求极致的服务); a goal it pursues (致力于成为…); a comparison of its own products
      (迄今最快的版本); a tip for use (最佳运行温度, 为获得最佳性能，建议…); a grade under a national
      or industry standard; a product name, trademark or title (《…最佳实践》); background facts
      (最早由…于 1982 年提出); an award or title with its granting body (被工信部认定为…); an objective
      order in a stated time and place (2025 年华东地区首家…). Nor when it is no claim at all: a
      negation (不是最优, 没有人能保证 100%), a question or hypothesis, a technical or mathematical
      term (最优解, 最短路, 最坏情况, 最优的执行计划, from a vocabulary kept as data), a ranking in a
      contest or an enumeration (比赛第一名, 第一步), an idiom (最佳实践, 最好的例子), or other
      organisations described as background (顶级会议 VLDB, 顶级大厂).
    - **Error** when the subject is the company or its products: its names from `mkdocs.yml`
      (`site_name`, `site_author`, `extra.hub.company` name, legal name, `aliases`, `products`) or
      我们/本公司/本平台/我司/本产品; also a promotional line with no subject (a slogan, a heading,
      an offer to "您"), which readers take as the company speaking.
    - **Warning** when the words are a customer's or third party's (客户是全球领先的…, 该行…, a named
      organisation in a case study) or inside a quotation (“…”, 「…」, a case's `quote`): publishing
      them makes them the company's claim, so attribute them and cite the source and date. Also a
      warning when the subject stays unclear: in a case study (where "我们" is usually the
      customer telling its story, unless the customer is also named in the third person), in a
      statement naming no one, or about a name the configuration does not know.
      A superlative that also has a technical meaning (最优, 最快的, 最小, 唯一…) is reported only
      when the company, its products or a customer is its subject.
    - English ("best", "#1", "world's leading", "guaranteed", "the fastest"…) follows the same
      reading, and is at most a warning: such claims are unverifiable, not unlawful in China.

    Every message quotes the sentence, names the case of the guideline it fails (or the exemption
    that would apply, with what to add) and suggests a rewrite. Chinese part-of-speech tags
    (jieba) tell a heading or an offer without a subject from a statement about something else.

    **Fails:** `星衡隐私计算平台是业界第一的隐私计算平台，提供最佳的安全保障。`

    **Instead:** `星衡隐私计算平台已在 12 家城商行投产，通过等保三级测评。`

    **Options:** the candidate terms are `tools/hubtool/data/wordlists/advertising.yaml` (term,
    pattern, except, level, reason, suggest), extended or trimmed under `advertising:` / `remove:`
    in the file named by `extra.hub.audit.wordlists`. The context vocabulary (technical terms,
    negations, exemption markers, subject words) is `tools/hubtool/data/wordlists/claims.yaml`;
    the lists a company most often extends are rule options of the same name (`own`, `third`,
    `technical`, `technical_nouns`, `idioms`, `negators`, `other_org_nouns`, `commercial_nouns`),
    plus `own_names` (more names of the company or its products), e.g.
    `extra.hub.audit.rules.ED002: {technical: [最优传输], own: [本集团], own_names: [衡算]}`.
    Name the company's products in `extra.hub.company.products` (and other names in `aliases`):
    a claim about a product the configuration does not name can only be a warning.
    A claim that is lawful for a reason the rule cannot see can be kept with
    `<!-- hubtool: ignore-next-line ED002 -->` on the line above, and a note in the commit.

    **References:** 《中华人民共和国广告法》第九条、第五十七条; 市场监管总局《广告绝对化用语执法指南》
    (2023); docs/guide/writing.md.
    """

    code = "ED002"
    name = "advertising-law-claim"
    summary = (
        "把本公司或产品说成“最佳”“第一”“顶级”等绝对化用语",
        "An absolute claim (best, #1, top) made for the company or its products",
    )
    scope = "source"
    help = (
        "把绝对化用语换成可核实的事实：数字、证书、注明日期的来源。",
        "Replace the claim with a verifiable fact: a number, a certificate, a dated source.",
    )
    # Each list of claims.yaml can be extended (added to, never replaced); own_names: more names
    # of the company or its products (besides extra.hub.company).
    options: ClassVar[dict[str, Any]] = {
        name: []
        for name in (
            "own_names",
            "own",
            "third",
            "technical",
            "technical_nouns",
            "idioms",
            "negators",
            "other_org_nouns",
            "commercial_nouns",
        )
    }

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        terms = wordlists(ctx.config).advertising
        lex = lexicon(self.opts)
        own = own_names(ctx.config, self.opts)
        for item in ctx.items:
            third = _customer_names(item)
            reader = Reader(lex, own, third)
            for hit in candidates(item, terms):
                verdict = reader.judge(hit.folded, hit.start, hit.end, item.kind, hit.where)
                if not verdict.level:
                    continue
                level = self.configured or verdict.level
                yield self.finding(
                    self._message(hit, verdict, lex),
                    item=item,
                    line=hit.line,
                    column=hit.column,
                    severity=level,
                    help=self._fix(hit.term),
                )

    def _message(self, hit: Hit, verdict: Verdict, lex: Lexicon) -> str:
        shown = _context(hit.raw, hit.raw_start, hit.raw_end)
        words = hit.raw[hit.raw_start : hit.raw_end]
        zh, en = _CASES_ZH[verdict.case], _CASES_EN[verdict.case]
        near_zh, near_en = (
            _near_exemption(hit.folded, hit.folded[hit.start : hit.end], lex)
            if verdict.case in ("own-claim", "implicit-own")
            else ("", "")
        )
        if verdict.case in ("third-party", "quote", "unclear"):
            near_zh = "请注明说话人或出处和日期（例如“据该行 2025 年年报”），或改写为可核实的事实"
            near_en = "attribute it, cite the source and date (e.g. 'according to its 2025 annual report'), or state a verifiable fact"
        return self.say(
            f"“{shown}”中的“{words}”：{zh}" + (f"；{near_zh}" if near_zh else "") + "。",
            f"'{words}' in \"{shown}\": {en}" + (f"; {near_en}" if near_en else "") + ".",
        )

    def _fix(self, term: Term) -> str:
        if self.lang == "zh" and term.suggest:
            return f"{term.reason}建议：{term.suggest}" if term.reason else term.suggest
        if self.lang != "zh" and term.latin and term.suggest:
            return term.suggest
        return self._help()


def _customer_names(item: Item) -> tuple[str, ...]:
    names = []
    customer = item.meta.get("customer")
    if isinstance(customer, Mapping) and customer.get("name"):
        names.append(str(customer["name"]))
    quote = item.meta.get("quote")
    if isinstance(quote, Mapping) and quote.get("author"):
        names.append(str(quote["author"]))
    return tuple(fold(n).text for n in names if len(n) >= 2)


def _context(raw: str, start: int, end: int, width: int = 30) -> str:
    """The sentence around raw[start:end], cut to `width` characters either side."""
    left = max((m.end() for m in _SENTENCE_END.finditer(raw, 0, start)), default=0)
    found = _SENTENCE_END.search(raw, end)
    right = found.end() if found else len(raw)
    left = max(left, start - width)
    right = min(right, end + width)
    text = raw[left:right].strip()
    return (
        ("…" if left > 0 and raw[:left].strip() else "")
        + text
        + ("…" if right < len(raw.rstrip()) else "")
    )


# ---------------------------------------------------------------- candidates on a page


@dataclass(frozen=True)
class Hit:
    term: Term
    line: int
    column: int | None
    where: str  # '' for the body, else the front-matter field ('quote.text')
    raw: str  # the line (or field value) as written
    raw_start: int
    raw_end: int
    folded: str  # the same, normalised
    start: int  # the term in `folded`
    end: int


def _find(raw: str, terms: TermList) -> Iterator[tuple[Term, int, int, str, int, int]]:
    """(term, raw start, raw end, folded text, folded start, folded end) of each candidate;
    overlapping matches of several entries are one candidate (the earliest, then longest)."""
    for hit in earliest_longest(occurrences(raw, terms)):
        yield hit.term, hit.first, hit.last, fold(raw).text, hit.start, hit.end


def candidates(item: Item, terms: TermList) -> Iterator[Hit]:
    """The advertising-list terms on a page: shown front-matter fields, then the body's prose."""
    fields = [(path, value) for path in TEXT_FIELDS if (value := field_value(item.meta, path))]
    lines = prose_lines(item)
    terms = terms.on([value for _, value in fields] + [text for _, text in lines])
    if not terms.groups:
        return
    raw_lines: list[str] | None = None
    for path, value in fields:
        line = item.line_of(*path)
        for term, a, b, text, start, end in _find(value, terms):
            if raw_lines is None:
                try:
                    raw_lines = item.path.read_text(encoding="utf-8").splitlines()
                except OSError:
                    raw_lines = []
            yield Hit(
                term,
                line,
                column_in_file(raw_lines, line, value, a + 1),
                ".".join(map(str, path)),
                value,
                a,
                b,
                text,
                start,
                end,
            )
    for line, text in lines:
        for term, a, b, folded, start, end in _find(text, terms):
            yield Hit(term, line, a + 1, "", text, a, b, folded, start, end)
