"""``mtlint server`` in a real editor: headless Neovim (Debian's ``neovim``) opens a Markdown
file, shows the diagnostics, takes an edit (incremental sync), and applies the fix-all code
action. Skipped when ``nvim`` is not installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

NVIM = shutil.which("nvim")

# Neovim 0.7 (Debian 12) has no vim.lsp.start; start_client + buf_attach_client work from 0.5
# on. vim.wait polls until the server has answered, so no fixed sleeps.
SCRIPT = r"""
local out = {}
local function diagnostics(tag)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(list, { tag = tag, code = d.code, lnum = d.lnum, col = d.col,
                         end_col = d.end_col, source = d.source })
  end
  return list
end
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown" },
  callback = function(args)
    local id = vim.lsp.start_client({ name = "mtlint", cmd = vim.g.mtlint_cmd,
                                      root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
vim.cmd("edit notes.md")
local function wait_for(n)
  return vim.wait(60000, function() return #vim.diagnostic.get(0) == n end, 50)
end
out.opened = wait_for(1)
out.open = diagnostics("open")
vim.api.nvim_buf_set_lines(0, 4, 5, false, { "It is here. The budget was was approved." })
out.changed_ok = wait_for(2)
out.changed = diagnostics("changed")
local params = { textDocument = vim.lsp.util.make_text_document_params(),
                 range = { start = { line = 0, character = 0 },
                           ["end"] = { line = 5, character = 0 } },
                 context = { diagnostics = {}, only = { "source.fixAll.mtlint" } } }
local res = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 30000)
out.actions = {}
for _, r in pairs(res or {}) do
  for _, action in ipairs(r.result or {}) do
    table.insert(out.actions, action.title)
    vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
  end
end
out.fixed_ok = wait_for(0)
out.lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
vim.fn.writefile({ vim.fn.json_encode(out) }, "result.json")
vim.cmd("qa!")
"""


@pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (apt-get install -y neovim)")
def test_neovim_shows_diagnostics_and_applies_the_fix_all_action(tmp_path):
    (tmp_path / "mtlint.toml").write_text('ignore = ["F"]\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text(
        "# Notes\n\n😀𝄞 The minister said the the plan was ready.\n\nAdvertisement\n",
        encoding="utf-8")
    (tmp_path / "init.lua").write_text(SCRIPT, encoding="utf-8")
    cmd = json.dumps([sys.executable, "-m", "lint", "server"])
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(__file__)))
    subprocess.run([NVIM, "--headless", "--clean", "--cmd", f"let g:mtlint_cmd = {cmd}",
                    "-c", "luafile init.lua"], cwd=tmp_path, env=env, timeout=180,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    result = tmp_path / "result.json"
    if not result.exists():
        pytest.fail("Neovim ended without writing its result (did the server start?)")
    out = json.loads(result.read_text(encoding="utf-8"))
    assert out["opened"] and out["changed_ok"] and out["fixed_ok"]
    # Neovim keeps columns in bytes: the two astral characters are 4 bytes each.
    [d] = out["open"]
    assert (d["code"], d["source"], d["lnum"], d["col"], d["end_col"]) == (
        "G001", "mtlint", 2, len("😀𝄞 The minister said ".encode()),
        len("😀𝄞 The minister said the the".encode()))
    assert sorted((d["code"], d["lnum"]) for d in out["changed"]) == [("G001", 2), ("G001", 4)]
    assert out["actions"] == ["Fix all safe mtlint findings"]
    assert out["lines"] == ["# Notes", "", "😀𝄞 The minister said the plan was ready.", "",
                            "It is here. The budget was approved."]
