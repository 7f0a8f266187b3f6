"""mtlint: a linter for the defects machine translation and copy-paste leave in English prose."""

__version__ = "0.1.0"
