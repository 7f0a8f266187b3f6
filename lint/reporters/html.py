"""One self-contained HTML page: every file's flagged lines with the findings highlighted in
place, filters by rule and severity, counts per rule, and, where a finding carries related
locations (the source of a translation), the source beside the target.

Nothing is fetched: the style and the script are inline, and a Content-Security-Policy allows
only that script (by its hash), so markup that arrives in linted text or file names, escaped
here, could not run even if it slipped through. The page works without JavaScript (everything
shown, filters inert).
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from html import escape
from itertools import groupby

from lint import __version__
from lint.reporters.summary import counts_by_rule, suggestion_text

_SEVERITIES = ("error", "warning", "info")

_STYLE = """
:root{--bg:#fff;--fg:#1d2126;--muted:#667;--line:#e3e6ea;--panel:#f6f7f9;--code:#f0f1f4;
--error:#c62828;--error-bg:#fde2e1;--warning:#a15c00;--warning-bg:#fff1c7;--info:#1565c0;
--info-bg:#dcebfd;--link:#0b5cad}
@media (prefers-color-scheme:dark){:root{--bg:#15181c;--fg:#e6e8eb;--muted:#98a0aa;
--line:#2c3238;--panel:#1d2127;--code:#22272e;--error:#ff8a80;--error-bg:#5a1d1d;
--warning:#ffcc66;--warning-bg:#4a3a10;--info:#82b1ff;--info-bg:#173556;--link:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
background:var(--bg);color:var(--fg)}
header{padding:14px 24px;border-bottom:1px solid var(--line);display:flex;gap:24px;
align-items:baseline;flex-wrap:wrap}
header h1{font-size:19px;margin:0}
header .totals{color:var(--muted)}
.layout{display:grid;grid-template-columns:300px 1fr;min-height:calc(100vh - 56px)}
aside{border-right:1px solid var(--line);padding:14px 16px;background:var(--panel);
position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto}
aside h2{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);
margin:14px 0 6px}
aside label{display:flex;gap:6px;align-items:center;cursor:pointer;padding:2px 0}
.rules{width:100%;border-collapse:collapse;font-size:13px}
.rules td{padding:3px 4px;border-bottom:1px solid var(--line);vertical-align:top}
.rules td.n{text-align:right;font-variant-numeric:tabular-nums}
.rules td:nth-child(-n+2),.rules td.n{width:1%;white-space:nowrap}
.rules tr.off{opacity:.45}
button{font:inherit;font-size:13px;border:1px solid var(--line);background:var(--bg);
color:var(--fg);border-radius:4px;padding:1px 6px;cursor:pointer}
button.rule-only{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
button.rule-only[aria-pressed=true]{background:var(--fg);color:var(--bg)}
.buttons{display:flex;gap:6px;margin-top:8px}
main{padding:14px 24px 40px;min-width:0}
.file{margin-bottom:28px}
.file h2{font-size:16px;margin:0 0 8px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,
monospace;word-break:break-all}
.file h2 .count{font-family:system-ui,sans-serif;font-weight:normal;color:var(--muted);
font-size:13px;margin-left:8px}
.excerpt{border:1px solid var(--line);border-radius:6px;overflow:hidden;margin:0 0 6px;
background:var(--code)}
.excerpt .row{display:grid;grid-template-columns:52px 1fr}
.excerpt .ln{color:var(--muted);text-align:right;padding:2px 10px 2px 0;user-select:none;
font:13px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.excerpt .src{white-space:pre-wrap;word-break:break-word;padding:2px 10px;
font:13px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.excerpt .gap{color:var(--muted);padding:0 10px 0 62px;font-size:12px}
mark.hl{color:inherit;border-radius:2px;padding:0;text-decoration:underline wavy;
text-underline-offset:3px;cursor:pointer}
mark.sev-error{background:var(--error-bg);text-decoration-color:var(--error)}
mark.sev-warning{background:var(--warning-bg);text-decoration-color:var(--warning)}
mark.sev-info{background:var(--info-bg);text-decoration-color:var(--info)}
mark.hl:empty::after{content:"\\2038";color:var(--error)}
mark.hl.off{background:none;text-decoration:none;cursor:auto}
mark.hl.off:empty::after{content:none}
mark.hl.focus{outline:2px solid var(--link)}
ol.findings{list-style:none;margin:4px 0 14px;padding:0}
li.finding{padding:5px 8px;border-left:3px solid var(--line);margin:3px 0}
li.finding.sev-error{border-color:var(--error)}
li.finding.sev-warning{border-color:var(--warning)}
li.finding.sev-info{border-color:var(--info)}
li.finding:target,li.finding.focus{background:var(--panel)}
.pos{color:var(--muted);font-variant-numeric:tabular-nums;margin-right:6px}
.pos a{color:inherit;text-decoration:none}
.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:600}
.sev{font-size:12px;color:var(--muted);margin:0 6px}
.suggestion{color:var(--muted);font-size:13px;margin-top:2px}
.suggestion q{color:var(--fg);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin-top:6px}
.pair>div{border:1px solid var(--line);border-radius:6px;padding:6px 8px;background:var(--code);
min-width:0}
.pair h3{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);
margin:0 0 4px}
.pair .text{white-space:pre-wrap;word-break:break-word;
font:13px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.pair .where{color:var(--muted);font-size:12px}
.pair dl{margin:4px 0 0;font-size:12px;color:var(--muted)}
.pair dt{display:inline}.pair dd{display:inline;margin:0 10px 0 4px}
.hidden{display:none!important}
.errors{border:1px solid var(--error);border-radius:6px;padding:8px 12px;margin-bottom:18px}
.empty{color:var(--muted);font-style:italic}
@media (max-width:800px){.layout{grid-template-columns:1fr}aside{position:static;
max-height:none;border-right:0;border-bottom:1px solid var(--line)}.pair{grid-template-columns:1fr}}
"""

_SCRIPT = """
(function(){
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var ruleBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-rule]"));
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-severity]"));
  var only = Array.prototype.slice.call(document.querySelectorAll("button.rule-only"));
  var byId = {};
  findings.forEach(function(li){ byId[li.dataset.finding] = li; });
  function on(list, key){
    var set = {};
    list.forEach(function(box){ if (box.checked) set[box.dataset[key]] = true; });
    return set;
  }
  function apply(){
    var rules = on(ruleBoxes, "rule"), sevs = on(sevBoxes, "severity");
    var visible = {};
    findings.forEach(function(li){
      var show = rules[li.dataset.code] === true && sevs[li.dataset.severity] === true;
      li.classList.toggle("hidden", !show);
      if (show) visible[li.dataset.finding] = true;
    });
    marks.forEach(function(m){ m.classList.toggle("off", !visible[m.dataset.finding]); });
    document.querySelectorAll(".row[data-findings]").forEach(function(row){
      var ids = row.dataset.findings.split(" ");
      row.classList.toggle("hidden", !ids.some(function(id){ return visible[id]; }));
    });
    document.querySelectorAll(".block").forEach(function(block){
      block.classList.toggle("hidden", !block.querySelector("li.finding:not(.hidden)"));
    });
    var shown = 0;
    document.querySelectorAll("section.file").forEach(function(sec){
      var n = sec.querySelectorAll("li.finding:not(.hidden)").length;
      var count = sec.querySelector(".count"), total = Number(count.dataset.total);
      count.textContent = (n === total ? "" : n + " of ") + total +
        (total === 1 ? " finding" : " findings");
      sec.classList.toggle("hidden", n === 0);
      shown += n;
    });
    ruleBoxes.forEach(function(box){ box.closest("tr").classList.toggle("off", !box.checked); });
    document.getElementById("shown").textContent = String(shown);
  }
  function solo(code){
    ruleBoxes.forEach(function(box){ box.checked = box.dataset.rule === code; });
    only.forEach(function(b){ b.setAttribute("aria-pressed", String(b.dataset.rule === code)); });
    apply();
  }
  ruleBoxes.concat(sevBoxes).forEach(function(box){
    box.addEventListener("change", function(){
      only.forEach(function(b){ b.setAttribute("aria-pressed", "false"); });
      apply();
    });
  });
  only.forEach(function(b){ b.addEventListener("click", function(){ solo(b.dataset.rule); }); });
  document.getElementById("show-all").addEventListener("click", function(){
    ruleBoxes.concat(sevBoxes).forEach(function(box){ box.checked = true; });
    only.forEach(function(b){ b.setAttribute("aria-pressed", "false"); });
    apply();
  });
  document.getElementById("show-none").addEventListener("click", function(){
    ruleBoxes.forEach(function(box){ box.checked = false; });
    only.forEach(function(b){ b.setAttribute("aria-pressed", "false"); });
    apply();
  });
  marks.forEach(function(m){
    m.addEventListener("click", function(){
      var li = byId[m.dataset.finding];
      if (!li || m.classList.contains("off")) return;
      findings.forEach(function(x){ x.classList.remove("focus"); });
      li.classList.add("focus");
      li.scrollIntoView({block: "nearest"});
    });
  });
  findings.forEach(function(li){
    li.addEventListener("mouseenter", function(){
      marks.forEach(function(m){
        m.classList.toggle("focus", m.dataset.finding === li.dataset.finding);
      });
    });
  });
  apply();
})();
"""


def _script_hash() -> str:
    digest = hashlib.sha256(_SCRIPT.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _e(text) -> str:
    return escape(str(text), quote=True)


# -- highlighting ----------------------------------------------------------------------------
def _line_spans(findings, line: int, length: int):
    """(start column, end column, finding id) of each finding on ``line`` (0-based columns)."""
    for fid, f in findings:
        if not f.line <= line <= f.end_line:
            continue
        start = f.column - 1 if line == f.line else 0
        end = f.end_column - 1 if line == f.end_line else length
        start, end = min(start, length), min(max(end, start), length)
        if start == end and line != f.line:
            continue  # a span that ends at the start of this line shows nothing here
        yield start, end, fid


def highlight(text: str, spans, classes: dict[int, str], titles: dict[int, str]) -> str:
    """``text`` escaped, with each span in a ``<mark>``; overlapping spans nest, and a span
    that crosses another's end is split into several marks with the same ``data-finding``."""
    spans = sorted(spans, key=lambda s: (s[0], -s[1], s[2]))
    bounds = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    open_: list[int] = []

    def mark(fid: int) -> str:
        return (f'<mark class="hl {classes[fid]}" data-finding="{fid}" '
                f'title="{_e(titles[fid])}">')

    # Empty spans (an insertion point) are marks with no text at their position.
    empties: dict[int, list[int]] = {}
    for s, e, fid in spans:
        if s == e:
            empties.setdefault(s, []).append(fid)
    for i, pos in enumerate(bounds):
        active = [fid for s, e, fid in spans if s <= pos < e]
        common = 0
        while common < min(len(open_), len(active)) and open_[common] == active[common]:
            common += 1
        out.extend("</mark>" for _ in open_[common:])
        del open_[common:]
        for fid in empties.get(pos, ()):
            out.append(mark(fid) + "</mark>")
        for fid in active[common:]:
            out.append(mark(fid))
            open_.append(fid)
        if i + 1 < len(bounds):
            out.append(_e(text[pos:bounds[i + 1]]))
    out.extend("</mark>" for _ in open_)
    return "".join(out)


# -- related locations (translation QA: the source side) --------------------------------
_TEXT_KEYS = ("text", "source_text", "excerpt", "snippet", "context", "line_text", "segment")
_WHERE_KEYS = ("path", "line", "column", "end_line", "end_column")
_LABEL_KEYS = ("label", "role", "message", "kind")


def _as_dict(item) -> dict:
    if isinstance(item, dict):
        return item
    if hasattr(item, "to_dict"):
        return item.to_dict()
    if hasattr(item, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(item)
    if hasattr(item, "__dict__"):
        return dict(vars(item))
    return {"text": str(item)}


def _related(finding) -> list[dict]:
    items = getattr(finding, "related", None)
    if not items:
        return []
    if isinstance(items, dict):
        items = [items]
    return [_as_dict(item) for item in items]


def _render_related(item: dict) -> str:
    where = ""
    if item.get("path") or item.get("line"):
        where = _e(item.get("path", ""))
        if item.get("line"):
            where += f":{_e(item['line'])}"
            if item.get("column"):
                where += f":{_e(item['column'])}"
    label = next((item[k] for k in _LABEL_KEYS if item.get(k)), None)
    text = next((item[k] for k in _TEXT_KEYS if isinstance(item.get(k), str)), None)
    parts = []
    if label:
        parts.append(f'<div class="label">{_e(label)}</div>')
    if where:
        parts.append(f'<div class="where">{where}</div>')
    if text is not None:
        parts.append(f'<div class="text">{_e(text)}</div>')
    shown = set(_TEXT_KEYS) | set(_WHERE_KEYS) | set(_LABEL_KEYS)
    rest = [(k, v) for k, v in item.items() if k not in shown
            and isinstance(v, (str, int, float)) and v != ""]
    if rest:
        parts.append("<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rest)
                     + "</dl>")
    return "".join(parts)


# -- the page ------------------------------------------------------------------------------
def _finding_item(fid: int, f, target_html: str | None) -> str:
    sev = f.severity if f.severity in _SEVERITIES else "warning"
    parts = [
        f'<li class="finding sev-{sev}" id="f{fid}" data-finding="{fid}" '
        f'data-code="{_e(f.code)}" data-severity="{_e(f.severity)}">',
        f'<span class="pos"><a href="#f{fid}">{f.line}:{f.column}</a></span>',
        f'<span class="code">{_e(f.code)}</span>',
        f'<span class="sev">{_e(f.rule)} · {_e(f.severity)}</span>',
        f'<span class="message">{_e(f.message)}</span>',
    ]
    if f.suggestions:
        fixable = " (safe fix: <code>mtlint check --fix</code>)" if f.fix is not None else ""
        parts.append(f'<div class="suggestion">suggestion: <q>{_e(suggestion_text(f))}</q>'
                     f'{fixable}</div>')
    related = _related(f)
    if related:
        sources = "".join(f'<div class="related">{_render_related(r)}</div>' for r in related)
        target = (f'<div class="text">{target_html}</div>' if target_html is not None
                  else '<div class="empty">line not available</div>')
        parts.append(f'<div class="pair"><div class="source"><h3>Source</h3>{sources}</div>'
                     f'<div class="target"><h3>Target</h3>{target}</div></div>')
    parts.append("</li>")
    return "".join(parts)


def _line_groups(numbers: list[int]) -> list[list[int]]:
    groups: list[list[int]] = []
    for n in numbers:
        if groups and n == groups[-1][-1] + 1:
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups


def _file_section(path: str, items: list[tuple[int, object]], lines: dict[int, str]) -> str:
    classes = {fid: f"sev-{f.severity if f.severity in _SEVERITIES else 'warning'}"
               for fid, f in items}
    titles = {fid: f"{f.code} {f.message}" for fid, f in items}
    n = len(items)
    out = [f'<section class="file" data-path="{_e(path)}"><h2>{_e(path)}'
           f'<span class="count" data-total="{n}">{n} finding{"s" if n != 1 else ""}'
           f'</span></h2>']
    # Blocks: a run of adjacent flagged lines, then the findings that start in it.
    numbers = sorted({n for _, f in items for n in range(f.line, f.end_line + 1)})
    blocks = _line_groups(numbers)
    rendered: dict[int, str] = {}
    placed: set[int] = set()
    for block in blocks:
        rows = []
        for n in block:
            text = lines.get(n)
            if text is None:
                continue
            spans = list(_line_spans(items, n, len(text)))
            rendered[n] = highlight(text, spans, classes, titles)
            ids = " ".join(str(fid) for _, _, fid in spans)
            rows.append(f'<div class="row" data-line="{n}" data-findings="{ids}">'
                        f'<span class="ln">{n}</span><span class="src">{rendered[n]}</span>'
                        f'</div>')
        members = [(fid, f) for fid, f in items if f.line in block and fid not in placed]
        placed.update(fid for fid, _ in members)
        if not members:
            continue
        out.append('<div class="block">')
        if rows:
            out.append('<div class="excerpt">' + "".join(rows) + "</div>")
        out.append('<ol class="findings">')
        for fid, f in members:
            out.append(_finding_item(fid, f, rendered.get(f.line)))
        out.append("</ol></div>")
    rest = [(fid, f) for fid, f in items if fid not in placed]
    if rest:  # findings whose lines were not kept
        out.append('<div class="block"><ol class="findings">')
        out.extend(_finding_item(fid, f, None) for fid, f in rest)
        out.append("</ol></div>")
    out.append("</section>")
    return "".join(out)


def render(result, title: str = "mtlint report") -> str:
    findings = list(result.findings)
    by_sev = Counter(f.severity for f in findings)
    rules = counts_by_rule(result)
    codes_seen: dict[str, list] = {}
    for code, name, _severity, n in rules:
        entry = codes_seen.setdefault(code, [name, 0])
        entry[1] += n
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{_script_hash()}'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    n = len(findings)
    head = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{_e(title)}</h1><div class=\"totals\">"
        f'<span id="shown">{n}</span> of {n} finding{"s" if n != 1 else ""} shown · '
        f"{result.files} file{'s' if result.files != 1 else ''} linted · "
        f"{result.words:,} words · mtlint {_e(__version__)}</div></header>"
    )
    side = ['<div class="layout"><aside><h2>Severity</h2>']
    for sev in _SEVERITIES:
        side.append(f'<label><input type="checkbox" checked data-severity="{sev}"> '
                    f'{sev} <span class="sev">{by_sev.get(sev, 0)}</span></label>')
    side.append('<h2>Rules</h2><table class="rules"><tbody>')
    for code, (name, count) in sorted(codes_seen.items(), key=lambda kv: (-kv[1][1], kv[0])):
        side.append(
            f'<tr><td><input type="checkbox" checked data-rule="{_e(code)}" '
            f'aria-label="show {_e(code)}"></td>'
            f'<td><button class="rule-only" type="button" data-rule="{_e(code)}" '
            f'aria-pressed="false" title="show only {_e(code)}">{_e(code)}</button></td>'
            f'<td>{_e(name)}</td><td class="n">{count}</td></tr>')
    side.append('</tbody></table><div class="buttons">'
                '<button type="button" id="show-all">Show all</button>'
                '<button type="button" id="show-none">Hide all</button></div></aside>')
    body = ["<main>"]
    if result.errors:
        body.append('<div class="errors"><strong>Not linted</strong><ul>'
                    + "".join(f"<li>{_e(e)}</li>" for e in result.errors) + "</ul></div>")
    if not findings:
        body.append('<p class="empty">No findings.</p>')
    numbered = list(enumerate(findings))
    for path, group in groupby(numbered, key=lambda item: item[1].where):  # a record: path[id]
        body.append(_file_section(path, list(group), result.lines.get(path, {})))
    body.append("</main></div>")
    tail = f"<script>{_SCRIPT}</script></body></html>\n"
    return head + "".join(side) + "".join(body) + tail


def report(result, out, ctx) -> None:
    page = render(result)
    encoding = getattr(out, "encoding", None) or "utf-8"
    if encoding.lower().replace("-", "").replace("_", "") not in ("utf8", "utf8sig"):
        # A stream that cannot take UTF-8 gets character references instead.
        page = page.encode(encoding, "xmlcharrefreplace").decode(encoding)
    out.write(page)
