"""``mtlint server``: a Language Server Protocol server over stdin/stdout.

Editors start it and send their buffers; it answers with diagnostics and quick fixes. pygls
is imported only when the server runs, so ``mtlint check`` never pays for it.
"""

from __future__ import annotations


def main() -> int:
    from lint.server.app import serve

    return serve()
