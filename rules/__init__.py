"""mtlint's rule families, one module each; :mod:`lint.registry` imports them on demand."""
