"""The receiver's few HTML pages: small, standalone, accessible, in the visitor's language."""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from ..config import HubConfig, text
from ..escape import safe_url

CSS = Path(__file__).resolve().parent.parent / "theme" / "assets" / "stylesheets" / "hub-form.css"
_BASE_CSS = ("body{font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;"
             "line-height:1.6;margin:0;padding:1rem;color:#1a1a1a;background:#fff}"
             "main{max-width:40rem;margin:0 auto}a{color:#1a47b8}")

TEXT = {
    "error": {"zh": "出错了", "en": "Something went wrong"},
    "back": {"zh": "返回原页面", "en": "Back to the page"},
    "fix": {"zh": "请更正后重新提交", "en": "Please correct the form and send it again"},
    "unavailable": {"zh": "暂时无法保存您的信息，您填写的内容仍在下方。请稍后再试一次。",
                    "en": "We could not save your details just now; they are still in the form "
                          "below. Please try again in a moment."},
    "not_found": {"zh": "没有这个表单。", "en": "There is no such form."},
    "forbidden": {"zh": "此表单只能从本站页面提交。", "en": "This form can only be sent from our site."},
    "too_large": {"zh": "提交的内容太长（上限 16 KB）。请缩短后重试。",
                  "en": "What you sent is too long (16 KB at most). Please shorten it and retry."},
    "too_many": {"zh": "提交过于频繁，请一分钟后再试。",
                 "en": "Too many submissions; please try again in a minute."},
    "bad_type": {"zh": "无法读取提交的内容。", "en": "The submission could not be read."},
    "link_invalid": {"zh": "此下载链接无效：它可能被复制不完整或被修改过。",
                     "en": "This download link is not valid: it may be incomplete or altered."},
    "link_expired": {"zh": "此下载链接已过期。", "en": "This download link has expired."},
    "link_again": {"zh": "请重新提交表单获取新的下载链接：", "en": "Fill in the form again for a new link:"},
    "no_file": {"zh": "找不到这个文件。", "en": "This file cannot be found."},
}


@lru_cache(maxsize=1)
def _form_css() -> str:
    try:
        return CSS.read_text(encoding="utf-8")
    except OSError:
        return ""


def t(key: str, lang: str) -> str:
    return text(TEXT[key], lang)


def page(config: HubConfig, lang: str, title: str, body: str, back_url: str = "") -> str:
    """A whole HTML document; `body` is already-escaped HTML, `title` and `back_url` are text."""
    site = html.escape(text(config.hub["company"]["name"], lang, config.default_lang)
                       or config.site_name)
    back_url = safe_url(back_url)  # the caller checks its origin; never a javascript: link anyway
    back = (f'<p><a href="{html.escape(back_url, quote=True)}">{html.escape(t("back", lang))}</a></p>'
            if back_url else "")
    # The stylesheet is inlined: this page comes from the receiver's origin, not the site's.
    return (f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="robots" content="noindex">\n'
            f"<title>{html.escape(title)} · {site}</title>\n"
            f"<style>{_BASE_CSS}\n{_form_css()}</style>\n</head>\n<body>\n<main>\n"
            f"{back}{body}\n</main>\n</body>\n</html>\n")


def message_page(config: HubConfig, lang: str, key: str, extra_html: str = "") -> str:
    title = t("error", lang)
    body = (f'<h1>{html.escape(title)}</h1>\n<p role="alert">{html.escape(t(key, lang))}</p>'
            f"{extra_html}")
    return page(config, lang, title, body)
