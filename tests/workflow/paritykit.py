"""A generated hub with page-rule problems, and the comparison of `check` with `seo-audit`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path[:0] = [str(BENCH), str(BENCH.parent)]
from check_bench import page  # noqa: E402 - the generator the benchmarks share
from hubfactory import make_hub  # noqa: E402

KINDS = ("case", "whitepaper", "news", "news")
FOLDERS = {"case": "cases", "whitepaper": "whitepapers", "news": "docs/news/posts"}


def _name(n: int, lang: str) -> str:
    return f"item-{n}" + (".en.md" if lang == "en" else ".md")


def _problems(n: int, kind: str, lang: str, text: str) -> str:
    """Every few pages, a slip a writer makes: the page rules must see it as the build does."""
    case = n % 7
    extra = ""
    if case == 1:  # vague link text, an image without alt, a link to a renamed file
        extra = (
            "\n更多内容请[点击这里](../whitepapers/item-1.md)，架构见 ![](arch.png)，"
            "旧案例见[旧案例](../cases/old-name.md)。\n"
            if lang == "zh"
            else "\nFor more, [click here](item-5.en.md), see ![](arch.png) and the "
            "[old case](old-name.md).\n"
        )
    elif case == 2:  # a second H1, an anchor that does not exist on the other page
        extra = (
            "\n# 另一个一级标题\n\n详见[第一部分](../cases/item-0.md#nope)。\n"
            if lang == "zh"
            else "\n# Another top heading\n\nSee [part one](item-0.md#nope).\n"
        )
    elif case == 3:  # a long title, a short description
        text = text.replace(
            "title: ",
            "title: 这是一个非常非常长的标题，用来说明标题宽度检查如何工作以及为什么重要 ",
            1,
        )
        text = text.replace("description: ", "description: 太短。\nx_description: ", 1)
    elif case == 4:  # links to a news post by its URL and to an English twin's folder
        extra = (
            "\n相关新闻：[第二号新闻](/news/item-2/)、[英文版](/en/cases/item-5/)。\n"
            if lang == "zh"
            else "\nRelated: [news two](/news/item-2/).\n"
        )
    elif case == 5 and kind == "case":  # thin: most of the body gone
        text = text.split("## ", 1)[0]
    elif case == 6 and kind == "news":  # images beside the posts: the blog moves them, URLs quoted
        extra = "\n发布会现场：![](media/发布会+现场.png)，日程见 ![](media/日程.png)。\n"
    return text + extra


def generate(root: Path, files: int) -> Path:
    """`files` content files (cases, whitepapers, news; Chinese and English) in a real hub."""
    make_hub(root, {})
    for n in range(files):
        kind, lang = KINDS[n % 4], ("zh", "zh", "en")[n % 3]
        path = root / FOLDERS[kind] / _name(n, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_problems(n, kind, lang, page(kind, n, lang)), encoding="utf-8")
    (root / "cases" / "arch.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / FOLDERS["news"] / "media").mkdir(parents=True, exist_ok=True)  # 日程.png is missing
    # A page without YAML front matter: MkDocs reads its top `key: value` lines as meta, not text.
    (root / "docs" / "notes.md").write_text(
        "author: 张三, 李四\n    王五\n\n## 部署说明\n\n部署前请先确认网络策略。\n",
        encoding="utf-8",
    )
    (root / FOLDERS["news"] / "media" / "发布会+现场.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "whitepapers" / "files").mkdir(exist_ok=True)
    (root / "whitepapers" / "files" / "guide.pdf").write_bytes(b"%PDF-1.4\n")
    return root


def claimed(check_json: dict, rules_json: list[dict], page_rules: frozenset[str]) -> set[str]:
    """The rule codes `check` judges: every source rule and the page rules it renders pages for."""
    return {r["code"] for r in rules_json if r["scope"] == "source"} | set(page_rules)


def keyed(report: dict, codes: set[str]) -> set[tuple]:
    return {
        (f["rule"], f["path"], f["line"], f["message"])
        for f in report["findings"]
        if f["rule"] in codes
    }


def load(stdout: str) -> dict:
    return json.loads(stdout)
