"""`hubtool new` with a Chinese title proposes a slug (pinyin, shortened, dated fallback) that the
writer accepts or overrides, and says how to change it in the hub's language."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time

from workflowkit import HUBTOOL, TODAY, front_matter, script, write_hub


def test_chinese_title_gets_a_pinyin_slug_and_a_chinese_note(hub):
    result = script(
        hub, "new", "case", "城商行联合风控建模：审批时长缩短到 40 分钟", "--today", TODAY
    )
    assert result.returncode == 0, result.stderr
    # Words, not syllables: segmented, each word's pinyin run together, cut at a word boundary.
    assert result.stdout.strip() == "cases/chengshanghang-lianhe-fengkong-jianmo.md"
    meta, _ = front_matter(hub / "cases/chengshanghang-lianhe-fengkong-jianmo.md")
    assert meta["title"] == "城商行联合风控建模：审批时长缩短到 40 分钟"
    # The note is for the writer (stderr), in Chinese on a Chinese hub, with the URL and how to change it.
    assert "取自标题拼音" in result.stderr
    assert "/cases/chengshanghang-lianhe-fengkong-jianmo/" in result.stderr
    assert (
        "--slug" in result.stderr
        and "删除 cases/chengshanghang-lianhe-fengkong-jianmo.md" in result.stderr
    )


def test_the_slug_leaves_out_fillers_and_never_ends_on_half_a_phrase(hub):
    # 某 (an anonymised customer) and 的 say nothing in an address; cut after 跨 (of 跨院区), the
    # slug would end on half a phrase, so it ends a word earlier.
    result = script(hub, "new", "case", "某三甲医院的科研数据协作平台跨院区上线", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "cases/sanjia-yiyuan-keyan-shuju-xiezuo-pingtai.md"


def test_traditional_characters_and_latin_words_in_the_title(hub):
    result = script(hub, "new", "news", "星衡數據發布 Platform 4.0", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "docs/news/posts/xingheng-shuju-fabu-platform-4-0.md"


def test_a_title_without_convertible_characters_gets_a_dated_slug(hub):
    result = script(hub, "new", "news", "！！！🎉", "--date", "2026-12-01", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "docs/news/posts/news-20261201.md"
    assert "暂用日期" in result.stderr


def test_slug_option_overrides_the_proposal(hub):
    result = script(hub, "new", "case", "城商行联合风控", "--slug", "city-bank", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "cases/city-bank.md"
    assert "网址别名" not in result.stderr  # nothing proposed, nothing to explain
    bad = script(hub, "new", "case", "城商行联合风控", "--slug", "City Bank", "--today", TODAY)
    assert bad.returncode == 2 and "--slug 'City Bank'" in bad.stderr


def test_english_hub_explains_the_proposal_in_english(tmp_path):
    hub = write_hub(tmp_path / "hub", hub={"languages": {"default": "en", "others": ["zh"]}})
    result = script(hub, "new", "case", "联合风控", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "cases/lianhe-fengkong.md"
    assert "from the title's pinyin" in result.stderr and "--slug" in result.stderr


def _run_in_terminal(hub, args: list[str], answer: bytes) -> tuple[int, str, str]:
    """Run the console script with its stdin and stderr on a pseudo-terminal, answer the prompt."""
    master, slave = pty.openpty()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [str(HUBTOOL), *args], cwd=hub, env=env, stdin=slave, stderr=slave, stdout=subprocess.PIPE
    )
    os.close(slave)
    seen, deadline, answered = b"", time.monotonic() + 60, False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break  # the child closed the terminal
            if not chunk:
                break
            seen += chunk
        if not answered and "回车采用建议".encode() in seen:
            os.write(master, answer)
            answered = True
        if proc.poll() is not None and not ready:
            break
    out = proc.communicate(timeout=60)[0].decode()
    os.close(master)
    return proc.returncode, out, seen.decode(errors="replace")


def test_in_a_terminal_the_writer_accepts_or_types_a_slug(hub):
    code, out, terminal = _run_in_terminal(
        hub, ["new", "case", "联合风控", "--today", TODAY], b"\n"
    )
    assert code == 0, terminal
    assert "[lianhe-fengkong]" in terminal  # the proposal is shown as the default
    assert out.strip() == "cases/lianhe-fengkong.md"
    code, out, terminal = _run_in_terminal(
        hub, ["new", "case", "联合风控建模", "--today", TODAY], b"joint-risk\n"
    )
    assert code == 0, terminal
    assert out.strip() == "cases/joint-risk.md"
