"""The form contract: one definition from mkdocs.yml, one validation, one accessible HTML."""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup
from hubfactory import write_hub
from hypothesis import example, given, settings
from hypothesis import strategies as st
from leadkit import make_hub

from hubtool.config import load_config
from hubtool.errors import HubError
from hubtool.forms import (
    HIDDEN_FIELDS,
    form_definition,
    form_definitions,
    render_form,
    validate_submission,
)


@pytest.fixture
def config(tmp_path):
    return make_hub(tmp_path / "hub")


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_the_form_posts_to_the_receiver_and_labels_every_input(config):
    form = soup(render_form(config, "contact", "zh")).form
    assert form["method"] == "post" and form["action"] == "http://127.0.0.1:8001/forms/contact"
    visible = [i for i in form.find_all(["input", "textarea"]) if i.get("type") != "hidden"]
    for element in visible:
        label = form.find("label", attrs={"for": element["id"]})
        assert label is not None and label.get_text(strip=True), element
    assert form.find("button", attrs={"type": "submit"}).get_text() == "提交"
    assert all(
        c.startswith("hub-form") for tag in form.find_all(True) for c in tag.get("class", [])
    )


def test_required_fields_say_so_in_words_and_attributes(config):
    form = soup(render_form(config, "contact", "en")).form
    name = form.find(id="hub-form-contact-name")
    assert name.has_attr("required") and name["aria-required"] == "true"
    assert "(required)" in form.find("label", attrs={"for": "hub-form-contact-name"}).get_text()
    phone = form.find(id="hub-form-contact-phone")
    assert not phone.has_attr("required")
    assert (
        "(required)" not in form.find("label", attrs={"for": "hub-form-contact-phone"}).get_text()
    )
    assert name["maxlength"] == "10" and form.find(id="hub-form-contact-email")["type"] == "email"


def test_errors_sit_next_to_their_fields_and_in_an_alert_summary(config):
    html = render_form(
        config,
        "contact",
        "zh",
        values={"name": "张三", "email": "x@"},
        errors={"email": "请输入有效的邮箱地址。"},
    )
    form = soup(html).form
    email = form.find(id="hub-form-contact-email")
    assert email["aria-invalid"] == "true"
    error = form.find(id=email["aria-describedby"])
    assert error.get_text() == "请输入有效的邮箱地址。"
    summary = form.find(attrs={"role": "alert"})
    assert summary.find("a")["href"] == "#hub-form-contact-email"
    assert "工作邮箱" in summary.get_text()
    assert email["value"] == "x@" and form.find(id="hub-form-contact-name")["value"] == "张三"
    assert not form.find(id="hub-form-contact-name").has_attr("aria-invalid")


def test_consent_is_unticked_links_the_privacy_notice_and_crossborder_is_separate(tmp_path):
    plain = soup(render_form(make_hub(tmp_path / "a"), "contact", "en")).form
    consent = plain.find(id="hub-form-contact-consent")
    assert consent["type"] == "checkbox" and not consent.has_attr("checked")
    assert plain.find("label", attrs={"for": consent["id"]}).a["href"] == "/en/privacy/"
    assert plain.find(attrs={"name": "consent_crossborder"}) is None
    zh = soup(render_form(make_hub(tmp_path / "b", crossborder=True), "contact", "zh")).form
    assert zh.find("label", attrs={"for": "hub-form-contact-consent"}).a["href"] == "/privacy/"
    crossborder = zh.find(attrs={"name": "consent_crossborder"})
    assert crossborder["type"] == "checkbox" and not crossborder.has_attr("checked")
    assert crossborder["id"] != "hub-form-contact-consent"
    assert "境外" in zh.find("label", attrs={"for": crossborder["id"]}).get_text()


def test_hidden_context_and_a_honeypot_no_person_meets(config):
    form = soup(
        render_form(
            config,
            "whitepaper-download",
            "en",
            hidden={"content_id": "whitepapers/report", "page_url": "/x/"},
        )
    ).form
    hidden = {i["name"]: i["value"] for i in form.find_all("input", attrs={"type": "hidden"})}
    assert list(hidden) == list(HIDDEN_FIELDS)
    assert hidden["content_id"] == "whitepapers/report" and hidden["lang"] == "en"
    assert hidden["form_id"] == "whitepaper-download" and hidden["consent_version"] == "2026-09"
    trap = form.find(attrs={"name": "website"})
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off" and trap["value"] == ""
    wrapper = trap.find_parent("div")
    assert wrapper["aria-hidden"] == "true" and "hub-form__hp" in wrapper["class"]


def test_every_text_is_escaped(config):
    hostile = '"><script>alert(1)</script>'
    html = render_form(
        config,
        "contact",
        "zh",
        values={"name": hostile, "message": hostile},
        errors={"name": hostile},
        hidden={"page_url": hostile},
    )
    assert "<script>" not in html
    form = soup(html).form
    assert form.find(id="hub-form-contact-name")["value"] == hostile
    assert form.find(id="hub-form-contact-message").get_text() == hostile


def test_validation_counts_characters_and_accepts_chinese_keyboards(config):
    formdef = form_definition(config, "contact")
    values, errors = validate_submission(
        formdef,
        {
            "name": "欧阳娜娜娜娜娜娜娜娜",
            "email": "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ",
            "phone": "１３８ ００１３ ８０００",
            "consent": "on",
            "ignored": "x",
        },
        "zh",
    )
    assert errors == []
    assert values["email"] == "zhang@example.cn" and values["phone"] == "138 0013 8000"
    assert "ignored" not in values
    _, errors = validate_submission(
        formdef,
        {"name": "欧" * 11, "email": "张三@公司.中国", "phone": "call me", "consent": "on"},
        "en",
    )
    assert [(e.field, e.code) for e in errors] == [("name", "max"), ("phone", "tel")]
    assert errors[0].message == "Use at most 10 characters (now 11)."


def test_a_bad_form_definition_names_the_mkdocs_yml_line(tmp_path):
    config = make_hub(tmp_path / "hub")
    data = yaml.safe_load(config.path.read_text(encoding="utf-8"))
    fields = data["extra"]["hub"]["forms"]["contact"]["fields"]
    fields[1]["type"] = "e-mail"
    fields[2].update(required="maybe", max=0)
    write_hub(config.path.parent, base=data)
    text = config.path.read_text(encoding="utf-8")
    broken = load_config(config.path)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "e-mail" in row)
    with pytest.raises(HubError) as caught:
        form_definitions(broken)
    message = str(caught.value)
    assert (
        f"mkdocs.yml:{line}: extra.hub.forms.contact.fields[1].type: 'e-mail' is not one of"
        in message
    )
    assert "fields[2].required: must be true or false" in message
    assert "fields[2].max: must be a positive whole number" in message
    with pytest.raises(
        HubError,
        match=r"mkdocs.yml:\d+: extra.hub.forms: no form 'contcat' "
        r"\(did you mean 'contact'\?\)",
    ):
        form_definition(broken, "contcat")


@pytest.fixture(scope="module")
def shared_config(tmp_path_factory):
    return make_hub(tmp_path_factory.mktemp("forms") / "hub")


_values = st.one_of(
    st.text(),
    st.integers(),
    st.booleans(),
    st.none(),
    st.lists(st.text(), max_size=3),
    st.dictionaries(st.text(), st.text(), max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(
    data=st.dictionaries(
        st.sampled_from(["name", "email", "phone", "message", "consent", "website", "lang", "x"]),
        _values,
    )
)
@example(data={"name": "\x00", "email": "a@b.c\u202e", "consent": ["yes"]})
def test_any_submission_is_validated_without_crashing_and_stored_values_are_clean(
    shared_config, data
):
    formdef = form_definition(shared_config, "contact")
    values, errors = validate_submission(formdef, data, "zh")
    assert all(isinstance(v, str) and "\x00" not in v for v in values.values())
    assert {e.field for e in errors} <= {f.name for f in formdef.fields} | {"consent"}
    for spec in formdef.fields:
        if len(values[spec.name]) > spec.max:
            assert spec.name in {e.field for e in errors}


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
@example(text='"><script>alert(1)</script><input name="x')
def test_no_value_or_message_can_break_out_of_the_form_markup(shared_config, text):
    html = render_form(
        shared_config,
        "contact",
        "en",
        values={"name": text, "email": text},
        errors={"name": text or "x"},
        hidden={"page_url": text, "utm_source": text},
    )
    form = soup(html).form
    assert len(form.find_all(["input", "textarea", "button", "script"])) == 20
    assert form.find(id="hub-form-contact-name")["value"] == text
    assert form.find("input", attrs={"name": "utm_source"})["value"] == text
