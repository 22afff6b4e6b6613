"""SEC001: a symlink in a content folder leads outside the content folders (the site would publish it)."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import AuditContext, Finding, Rule


class SymlinkOutsideContent(Rule):
    """A symbolic link in `docs/`, `cases/` or `whitepapers/` whose target lies outside them.

    **Why.** MkDocs and the hub's build copy what a link points to into the public site: a link to
    `/etc/passwd`, to `var/secret` (the key that signs download links) or to `var/leads.sqlite3`
    publishes it to anyone. The build stops on such a link; `hubtool check` names it first.

    **Fails:** `cases/x.txt -> /etc/passwd`, `whitepapers/files/s.pdf -> ../../var/secret`

    **Instead:** copy the file into the content folder, or link to another content folder
    (`docs/cases -> ../cases` is fine).
    """

    code = "SEC001"
    name = "symlink-outside-content"
    severity = "error"
    cross_page = True  # a property of the folders, not of one page
    help = (
        "把文件复制进内容目录，或删除这个链接；链接只能指向 docs/、cases/、whitepapers/ 之内。",
        "Copy the file into the content folder or remove the link; links may only point "
        "inside docs/, cases/ and whitepapers/.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for link in ctx.hub.links:
            yield Finding(
                rule=self.code,
                name=self.name,
                severity=self.level,
                help=self._help(),
                message=self.say(
                    f"符号链接指向内容目录之外的 {link.target}，构建会把它发布到网站上",
                    f"symlink to {link.target}, outside the content folders: "
                    "the build would publish it",
                ),
                path=link.link,
                line=1,
            )
