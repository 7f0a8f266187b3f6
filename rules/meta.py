"""Rules about mtlint itself: suppression comments that no longer suppress anything."""

from __future__ import annotations

from lint.registry import rule


@rule(code="M001", name="unused-suppression", family="meta", severity="info", default=False)
def unused_suppression(doc):
    """Flags an inline suppression comment that suppressed no finding.

    ## What it flags
    A `<!-- mtlint-disable ... -->`, `<!-- mtlint-disable-next-line ... -->`,
    `<!-- mtlint-disable-line ... -->` or `<!-- mtlint-disable-file -->` comment (in Markdown,
    HTML or plain text) that covered no finding in this run, like ruff's
    RUF100. The engine computes it after every other rule has run; off by default.

    ## Why it matters
    Stale suppressions hide the next real defect in the same place and clutter the source.

    ## Example
    ```
    <!-- mtlint-disable-next-line G001 -->
    This line has no doubled word any more.
    ```

    ## Fix
    Delete the comment, or narrow it to the codes that still fire.

    ## Leaves alone
    `mtlint-enable` comments, and suppressions of rules that were not selected in the run.
    """
    return ()  # produced by lint.runner after suppression, where the facts are known
