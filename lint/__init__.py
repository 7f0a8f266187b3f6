"""mtlint: a linter for the defects machine translation and copy-paste leave in English prose."""

__version__ = "0.1.0"


def __getattr__(name):  # the API is imported on first use: start-up stays fast
    if name == "check_texts":
        from lint.api import check_texts

        return check_texts
    raise AttributeError(f"module 'lint' has no attribute {name!r}")
