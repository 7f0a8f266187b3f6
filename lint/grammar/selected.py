"""Engine rules chosen by selection: ``--select HARPER:AnA`` (or ``extend-select``) turns on
an engine rule that is off in mtlint's defaults, as selecting an mtlint rule's own code does."""

from __future__ import annotations

_PREFIX = {"harper": "HARPER:", "languagetool": "LT:"}


def selected_engine_rules(selection, engine: str) -> list[str]:
    """Engine rule names named one by one in ``select``/``extend-select`` (not bare prefixes)."""
    prefix = _PREFIX.get(engine)
    if prefix is None or selection is None:
        return []
    chosen = list(selection.extend_select) + list(selection.select or [])
    return sorted({s[len(prefix):] for s in chosen if s.startswith(prefix) and s[len(prefix):]})


def with_selected_rules(settings: dict, selection) -> dict:
    """``settings`` with the engine rules the selection names added to ``enabled-rules``."""
    names = selected_engine_rules(selection, settings.get("engine", ""))
    if not names:
        return settings
    enabled = list(settings.get("enabled-rules", []))
    return {**settings, "enabled-rules": enabled + [n for n in names if n not in enabled]}
