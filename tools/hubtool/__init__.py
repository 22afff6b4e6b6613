"""hubtool: the content model, site integration, audit and lead capture of a bilingual B2B content hub."""

__version__ = "0.1.0"
