"""JUnit XML for CI dashboards: one ``<testsuite>`` a file with findings, one failed
``<testcase>`` a finding; a run without findings is one passing test case."""

from __future__ import annotations

from lint import patterns
from lint.reporters.summary import suggestion_text

#: Characters XML 1.0 cannot hold even as a reference (control characters, lone surrogates,
#: U+FFFE/U+FFFF): findings about encoding damage quote them, so they are written as \\uXXXX.
_NOT_XML_RE = patterns.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def build(result):
    """The report as an ``xml.etree.ElementTree.Element``."""
    from itertools import groupby
    from xml.etree import ElementTree as ET

    findings = result.findings
    root = ET.Element("testsuites", name="mtlint", tests=str(max(1, len(findings))),
                      failures=str(len(findings)), errors=str(len(result.errors)))
    if not findings:
        suite = ET.SubElement(root, "testsuite", name="mtlint", tests="1", failures="0",
                              errors="0")
        ET.SubElement(suite, "testcase", name="mtlint", classname="mtlint")
    for path, group in groupby(findings, key=lambda f: f.where):
        group = list(group)
        suite = ET.SubElement(root, "testsuite", name=_xml_text(path), tests=str(len(group)),
                              failures=str(len(group)), errors="0")
        for f in group:
            case = ET.SubElement(suite, "testcase", name=f"{f.code} {f.rule}",
                                 classname=_xml_text(path), file=_xml_text(path),
                                 line=str(f.line))
            body = f"{f.where}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"
            if f.suggestions:
                body += f" (suggestion: {suggestion_text(f)})"
            failure = ET.SubElement(case, "failure", message=_xml_text(f.message),
                                    type=f.severity)
            failure.text = _xml_text(body)
    for message in result.errors:
        suite = ET.SubElement(root, "testsuite", name="mtlint errors", tests="1",
                              failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", name="read", classname="mtlint")
        ET.SubElement(case, "error", message=_xml_text(message))
    return root


def report(result, out, ctx) -> None:
    from xml.etree import ElementTree as ET

    root = build(result)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
