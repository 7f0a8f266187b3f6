"""``mtlint server``: a Language Server Protocol server over stdin/stdout.

Editors start it and send their buffers; it answers with diagnostics and quick fixes. pygls
is imported only when the server runs, so ``mtlint check`` never pays for it.
"""

from __future__ import annotations


def main() -> int:
    try:
        from lint.server.app import serve
    except ImportError as exc:  # an install without the server's dependencies
        import sys

        sys.stderr.write(f"mtlint: error: the language server needs pygls and lsprotocol "
                         f"(pip install 'pygls>=2.0' 'lsprotocol>=2025.0'): {exc}\n")
        return 2
    return serve()
