"""What the front-matter loader and schema tell a writer, in the writers' language: one table of
(zh, en) templates, so every message exists in both languages and nowhere else."""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    # schema.py: a field's value
    "unknown_field": ("未知字段{hint}", "unknown field{hint}"),
    "did_you_mean": ("（是不是要写 '{name}'？）", " (did you mean '{name}'?)"),
    "required": ("缺少必填字段", "required field is missing"),
    "not_text": ("必须是文本（这里是{got}）", "must be text (got {got})"),
    "not_text_or_number": (
        "必须是文本或数字（这里是{got}）",
        "must be text or a number (got {got})",
    ),
    "unsafe_scheme": (
        "必须是文件路径或 http(s) 网址，不能是 {scheme}: 网址",
        "must be a file path or an http(s) URL, not a {scheme}: URL",
    ),
    "markup_in_path": (
        "{value} 必须是文件路径或 http(s) 网址（不能含 < > \" ' `）",
        "{value} must be a file path or an http(s) URL (no < > \" ' `)",
    ),
    "not_bool": ("必须是 true 或 false（这里是 {value}）", "must be true or false (got {value})"),
    "not_int": ("必须是整数（这里是 {value}）", "must be a whole number (got {value})"),
    "not_list": ("必须是文本值的列表", "must be a list of text values"),
    "not_map": ("必须是包含 {fields} 的映射", "must be a mapping of {fields}"),
    "not_list_of_maps": (
        "必须是映射的列表，每项包含 {fields}",
        "must be a list of mappings with {fields}",
    ),
    "not_choice": (
        "'{value}' 不是 {allowed} 之一{hint}",
        "'{value}' is not one of {allowed}{hint}",
    ),
    "vocabulary_where": (
        "；允许的 {name} 列在 {where}（extra.hub.vocabulary.{name}）：要允许它，请在那里加上 "
        "`{example}`，然后运行 `hubtool schema` 更新编辑器",
        "; the allowed {name} are listed in {where} (extra.hub.vocabulary.{name}): to allow it, "
        "add `{example}` there, then run `hubtool schema` for the editor",
    ),
    "not_plain_name": (
        "{value} 必须是普通名称（不能含 < > & \" ' `）",
        "{value} must be a plain name (no < > & \" ' `)",
    ),
    "unknown_template": (
        "{value} 不是主题里的模板：删掉这一行用默认模板，或写 landing.html 等主题目录中已有的文件",
        "{value} is not a template of the theme: remove the line for the default, or name a file "
        "of the theme folder such as landing.html",
    ),
    "symlinks_out": (
        "内容目录中有指向目录之外的符号链接：",
        "symlinks out of the content folders:",
    ),
    "symlink_out": (
        "符号链接指向 {target}，在内容目录（{folders}）之外：网站会把它发布出去；"
        "请把文件复制进来，或删除这个链接",
        "symlink to {target}, outside the hub's content folders ({folders}): the site would "
        "publish it; copy the file in or remove the link",
    ),
    "name_not_utf8": (
        "文件名不是 UTF-8 编码，网站无法为它生成网址：请重命名（可用中文、字母、数字和 -）",
        "the file name is not UTF-8, so the site cannot give it a URL: rename it "
        "(letters, digits and -)",
    ),
    "authors_too_big": (
        "作者文件超过 1 MiB，没有读取",
        "the authors file is over 1 MiB and was not read",
    ),
    "authors_unreadable": (
        "作者文件无法读取（须为 UTF-8 文本）",
        "the authors file cannot be read (it must be UTF-8 text)",
    ),
    "not_date": (
        "必须是 YYYY-MM-DD 格式的日期（这里是 {value}）",
        "must be a date written YYYY-MM-DD (got {value})",
    ),
    "a_list": ("列表", "a list"),
    "a_mapping": ("映射", "a mapping"),
    "true_false": ("true/false", "true/false"),
    # load.py: the file and its front matter as a whole
    "unclosed": (
        "front matter 以 '---' 开头，但没有用 '---' 结束",
        "front matter opened with '---' is never closed",
    ),
    "not_mapping": (
        "front matter 必须是字段的映射（key: value）",
        "front matter must be a mapping of fields (key: value)",
    ),
    "not_utf8": ("文件不是 UTF-8 文本", "file is not UTF-8 text"),
    "unreadable": ("无法读取文件（{reason}）", "cannot read file ({reason})"),
    # gated.py: a gated whitepaper's `file`, which must stay in the gated folder
    "gated_unnamed": (
        "必须写出受控文件夹 {folder}/ 中的文件，例如 files/guide.pdf",
        "must name the file in the gated folder {folder}/, e.g. files/guide.pdf",
    ),
    "gated_absolute": (
        "'{name}' 是绝对路径：受控文件放在受控文件夹 {folder}/ 中（请写相对于本文件的路径，"
        "例如 files/guide.pdf）",
        "'{name}' is an absolute path: gated files live in the gated folder {folder}/ "
        "(write the path relative to this file, e.g. files/guide.pdf)",
    ),
    "gated_folder_link": (
        "受控文件夹 {folder}/ 是指向 {target} 的符号链接，在站点之外",
        "the gated folder {folder}/ is a symlink to {target}, outside the hub",
    ),
    "gated_folder_itself": (
        "'{name}' 指的是受控文件夹 {folder}/ 本身，而不是其中的文件",
        "'{name}' names the gated folder {folder}/ itself, not a file in it",
    ),
    "gated_symlink": (
        "'{name}' 是指向 {target} 的符号链接，在受控文件夹 {folder}/ 之外",
        "'{name}' is a symlink to {target}, outside the gated folder {folder}/",
    ),
    "gated_var": (
        "'{name}' 指向 var/（线索数据库和密钥），在受控文件夹 {folder}/ 之外",
        "'{name}' points into var/ (the lead database and secrets), outside the gated folder "
        "{folder}/",
    ),
    "gated_outside": (
        "'{name}' 指向 {target}，在受控文件夹 {folder}/ 之外",
        "'{name}' points to {target}, outside the gated folder {folder}/",
    ),
    # yamlfile.py: YAML that cannot be parsed
    "yaml_syntax": ("YAML 语法错误：{reason}", "invalid YAML: {reason}"),
    "yaml_too_deep": ("YAML 语法错误：嵌套太深", "invalid YAML: nested too deeply"),
    "yaml_alias_bomb": (
        "YAML 语法错误：这里的别名把值重复了 {limit} 次以上（别名炸弹？）",
        "invalid YAML: aliases repeat values here more than {limit} times (an alias bomb?)",
    ),
    "yaml_alias_cycle": (
        "YAML 语法错误：别名引用了包含它自己的值",
        "invalid YAML: an alias refers to the value that contains it",
    ),
    "full_width_colon": (
        "'{key}：' 用了全角冒号（：）：请改成半角冒号加空格，`{key}: …`（YAML 只认半角冒号）",
        "'{key}：' has a full-width colon (：): use a half-width colon and a space, `{key}: …` "
        "(YAML 只认半角冒号)",
    ),
    # site/devserver.py: what `hubtool serve` prints while the writer works
    "serve_building": ("正在构建预览（{url}）……", "building the preview ({url})…"),
    "serve_ready": (
        "预览就绪：{url}（{pages} 页，{seconds} 秒）",
        "preview ready: {url} ({pages} pages, {seconds} s)",
    ),
    "serve_rebuilt": (
        "后台重建完成 ({pages} 页, {seconds} s)",
        "background rebuild done ({pages} pages, {seconds} s)",
    ),
    "serve_failed": (
        "构建失败，预览仍显示上一版：{error}",
        "build failed, the preview still shows the last good one: {error}",
    ),
    "serve_failed_first": (
        "构建失败：{error}\n修改后保存即可重试。",
        "build failed: {error}\nsave a fix to try again.",
    ),
    "serve_updated": ("已更新 {url}（{seconds} 秒）", "updated {url} ({seconds} s)"),
    "serve_later": ("{rel}：后台重建完成后显示", "{rel}: shows after the background rebuild"),
    "serve_draft": (
        "{rel} 是草稿，不在预览中（发布后显示：status: published）",
        "{rel} is a draft, not in the preview (it shows once status: published)",
    ),
    "serve_error": ("{message}", "{message}"),
    "serve_kept": (
        "页面未更新，预览仍显示上一版：改正后保存即可",
        "page not updated, the preview still shows the last good version: save a fix",
    ),
}

# PyYAML's commonest complaints, as a writer would understand them (others are quoted as written).
YAML_PROBLEMS_ZH: dict[str, str] = {
    "mapping values are not allowed here": "这里不能再出现冒号（值里有冒号时请给整个值加引号）",
    "could not find expected ':'": "找不到应有的冒号 ':'（键后要有冒号和空格）",
    "found character '\\t' that cannot start any token": "不能用制表符（Tab）缩进，请用空格",
    "found unexpected end of stream": "文本意外结束（引号没有闭合？）",
    "did not find expected key": "找不到应有的字段名（缩进不一致？）",
    "did not find expected node content": "找不到应有的值",
    "found undefined alias": "用了未定义的别名",
    "did not find expected ',' or ']'": "方括号列表没有闭合（缺少 ']'，或项之间缺少 ','）",
    "did not find expected ',' or '}'": "花括号映射没有闭合（缺少 '}'，或项之间缺少 ','）",
}


def say(key: str, lang: str = "en", /, **values: Any) -> str:
    """The message `key` in `lang` (zh, or English for anything else), filled with `values`."""
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**values)


def did_you_mean(word: str, options: Any, lang: str = "en") -> str:
    """The closest of `options` as a hint to append, or "" when none is close."""
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1)
    return say("did_you_mean", lang, name=close[0]) if close else ""


def yaml_problem(problem: str, lang: str = "en") -> str:
    """PyYAML's description of a syntax error, in the writers' language where we know it."""
    if lang != "zh":
        return problem
    for english, chinese in YAML_PROBLEMS_ZH.items():
        if problem.startswith(english):
            return f"{chinese}（{problem}）"
    return problem


def describe(value: Any, lang: str = "en") -> str:
    """What a value of the wrong type is: a list, a mapping, true/false, or the value itself."""
    key = {list: "a_list", dict: "a_mapping", bool: "true_false"}.get(type(value))
    return say(key, lang) if key else repr(value)
