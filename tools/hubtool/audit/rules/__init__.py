"""The rule registry: an explicit, literal list (no import-time discovery), in code order."""

from __future__ import annotations

from ..model import Rule


def all_rules() -> list[type[Rule]]:
    """Every rule hubtool knows. Add a rule: write its class, then add it to this list."""
    from . import activehtml, claims, symlinks
    from . import cadence as cad
    from . import editorial as ed
    from . import frontmatter as fm
    from . import keywords as kw
    from . import positioning as pos
    from . import technical as tec

    return [
        kw.KeywordNotDeclared,
        kw.KeywordMissingInTitle,
        kw.KeywordMissingInDescription,
        kw.KeywordMissingInIntro,
        kw.KeywordDensityOutOfRange,
        kw.KeywordCannibalised,
        kw.KeywordMissingInSubheadings,
        tec.TitleWidthOutOfRange,
        tec.DescriptionWidthOutOfRange,
        tec.DuplicateTitle,
        tec.DuplicateDescription,
        tec.NotOneH1,
        tec.ImageWithoutAlt,
        tec.BrokenInternalLink,
        tec.CanonicalNotSelf,
        tec.StructuredDataInvalid,
        tec.OrphanPage,
        tec.HreflangNotReciprocal,
        tec.VagueLinkText,
        tec.NoindexOnPublishedPage,
        tec.ThinContent,
        tec.LocalFileMissing,
        tec.GatedFilePublished,
        tec.PageNotAudited,
        pos.AudienceOrStageMissing,
        pos.NoCallToAction,
        pos.NoTrustSignal,
        pos.CaseWithoutQuantifiedResult,
        pos.UnknownForm,
        pos.TrustBadgeExpired,
        cad.NewsStale,
        cad.NewsGap,
        cad.WhitepaperDrought,
        cad.DueForRefresh,
        cad.DatedInFuture,
        ed.TabooWord,
        claims.AdvertisingClaim,
        ed.PlaceholderText,
        ed.PublishedWithoutSignOff,
        ed.DuplicateSentence,
        ed.TranslationPendingOnPublishedPage,
        ed.ReviewWithoutReviewers,
        ed.KeywordInOtherScript,
        fm.FrontMatterInvalid,
        fm.FrontMatterUnknownField,
        symlinks.SymlinkOutsideContent,
        activehtml.ActiveHtmlInBody,
    ]
