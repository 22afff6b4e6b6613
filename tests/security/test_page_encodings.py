"""Pages not in UTF-8: a built page in GBK, GB18030 or UTF-16 must be read in the encoding it declares.

The attack (or simply a legacy build): a folder audited with `seo-audit --site-dir X --no-build`
holds pages written in GBK/GB18030 (declared with `<meta charset>` or `http-equiv`) or in UTF-16
(with a byte-order mark). Read as UTF-8, every title and description turns into replacement
characters: the findings quote garbage, titles compare equal or different by accident, and a
keyword "missing" from a title is really there. The audit honours the declaration as browsers do:
a byte-order mark first, then a charset declared in the first 1024 bytes (`gbk` and `gb2312` read
as GB18030, their superset), else UTF-8.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from hubtool.audit.facts import decode_page

# Appended to every title: over 40 Chinese characters, far longer than any title rule allows.
TITLE_TAIL = "：多家机构在数据不出域的前提下联合建模与分析的实践与经验总结"
HEAD = '<!doctype html><html lang="zh"><head>{meta}<title>{title}</title></head>'
BODY = "<body><main><h1>{title}</h1><p>正文第一段。</p></main></body></html>"
# (file, how the page declares its encoding, the codec that writes it, its short title)
PAGES = [
    ("gbk.html", '<meta charset="gbk">', "gbk", "联合风控案例"),
    ("gb18030.html", '<meta charset="GB18030">', "gb18030", "𠮷野家数据"),  # 4-byte GB18030
    (
        "gb2312.html",
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        "gbk",
        "银行隐私计算",
    ),
    ("x-gbk.html", "<meta charset='x-gbk'>", "gbk", "供应链金融"),
    ("utf16le.html", '<meta charset="utf-16">', "utf-16-le+bom", "联邦学习实践"),
    ("utf16be.html", "", "utf-16-be+bom", "数据不出域"),
    ("utf8bom.html", "", "utf-8+bom", "制造企业案例"),
    ("utf16-nobom.html", '<meta charset="utf-16">', "utf-16-le", "零售业洞察"),
    # A UTF-16 label that an ASCII reader could read cannot be true: the page is UTF-8.
    ("says-utf16.html", '<meta charset="utf-16">', "utf-8", "保险业风控"),
    ("plain.html", '<meta charset="utf-8">', "utf-8", "政务数据共享"),
    ("undeclared.html", "", "utf-8", "医疗联合研究"),
]
BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}


def encode(text: str, how: str) -> bytes:
    codec, _, bom = how.partition("+")
    return (BOMS[codec] if bom else b"") + text.encode(codec)


def test_titles_of_pages_in_declared_encodings_are_read_right(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 测试\nsite_url: https://example.test/\n", encoding="utf-8"
    )
    for file, meta, how, short in PAGES:
        title = short + TITLE_TAIL
        html = HEAD.format(meta=meta, title=title) + BODY.format(title=title)
        (site / file).write_bytes(encode(html, how))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "hubtool.cli",
            "seo-audit",
            "--site-dir",
            "site",
            "--no-build",
            "--select",
            "TEC001",
            "--format",
            "json",
            "--lang",
            "en",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    found = {
        f["url"]: f["message"] for f in json.loads(done.stdout)["findings"] if f["rule"] == "TEC001"
    }
    # Every title is far too long (TEC001 quotes it, whatever its wording): read right, it is
    # quoted as written; read as UTF-8 it would be replacement characters.
    quoted = {
        f"/{file}": short + TITLE_TAIL in found.get(f"/{file}", "")
        for file, _meta, _how, short in PAGES
    }
    assert quoted == {f"/{file}": True for file, *_ in PAGES}, found


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]),
    label=st.sampled_from(
        [
            b"gbk",
            b"utf-16",
            b"rot13",
            b"unicode_escape",
            b"x-no-such",
            b"hex",
            b"idna",
            b"\xff\xfe",
            b"",
        ]
    ),
    body=st.binary(max_size=3000),
)
def test_any_bytes_and_any_declared_label_decode_without_error(prefix, label, body):
    # A hostile page declares a codec that is no web encoding (rot13, unicode_escape, hex) or
    # garbage: it is read as UTF-8, never decoded by a text transform, never an exception.
    page = prefix + b'<meta charset="' + label + b'">' + body
    text = decode_page(page)
    assert isinstance(text, str)
    if prefix == codecs.BOM_UTF8 or not prefix:
        assert "meta" in text  # the markup survives (no transform codec was applied to it)
