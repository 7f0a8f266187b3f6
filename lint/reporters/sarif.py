"""SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

import json

from lint import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_entry(code: str, rule) -> dict:
    if rule is None:  # grammar engines' codes are not in the registry
        return {"id": code, "name": code, "shortDescription": {"text": code}}
    from lint.registry import section

    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": section(rule.doc, "Why it matters") or rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity], "enabled": rule.default},
        "properties": {"family": rule.family},
    }


def build(result) -> dict:
    from lint.registry import all_rules

    registry = all_rules()
    codes = sorted({f.code for f in result.findings})
    index = {code: i for i, code in enumerate(codes)}
    rules = [_rule_entry(code, registry.get(code)) for code in codes]
    results = []
    for f in result.findings:
        region = {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
            "charOffset": f.offset,
            "charLength": f.end_offset - f.offset,
        }
        entry = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.path.replace("\\", "/")},
                "region": region,
            }}],
        }
        if f.related:
            entry["relatedLocations"] = [{
                "id": k,
                "message": {"text": r.get("message", "source")},
                "physicalLocation": {
                    "artifactLocation": {"uri": r["path"].replace("\\", "/")},
                    "region": {"startLine": r["line"], "startColumn": r.get("column", 1)},
                },
            } for k, r in enumerate(f.related)]
        if f.record is not None:  # a record of a table: positions are inside its text
            entry["locations"][0]["logicalLocations"] = [{"name": f.record, "kind": "record"}]
            entry["properties"] = {"record": f.record}
        if f.fix is not None:
            entry["fixes"] = [{
                "description": {"text": f"Replace with {f.fix.replacement!r}"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": f.path.replace("\\", "/")},
                    "replacements": [{
                        "deletedRegion": {"charOffset": f.fix.offset,
                                          "charLength": f.fix.end_offset - f.fix.offset},
                        "insertedContent": {"text": f.fix.replacement},
                    }],
                }],
            }]
        results.append(entry)
    run = {
        "tool": {"driver": {
            "name": "mtlint",
            "version": __version__,
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if result.errors:
        run["invocations"] = [{
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": e}} for e in result.errors],
        }]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def report(result, out, ctx) -> None:
    json.dump(build(result), out, ensure_ascii=False, indent=2)
    out.write("\n")
