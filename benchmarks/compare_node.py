"""Compare awesome-lint's `awesome` preset with the Node awesome-lint on real bullet lists.

    python benchmarks/compare_node.py                 # installs awesome-lint from npm when it can
    python benchmarks/compare_node.py --show 5        # and print 5 example differences per rule

Each list from ../shared/corpus is copied to its own temporary git repository as README.md
(no remote, no contributing file: the same conditions for both tools), then checked by
`awesome-lint check --select awesome` and by the Node awesome-lint (through its JavaScript API,
with a small script written to benchmarks/out). Prints the findings per rule for both tools,
the lines where they differ, and the time each took (process start to exit).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LISTS = [
    "sindresorhus__awesome",
    "vinta__awesome-python",
    "avelino__awesome-go",
    "awesome-selfhosted__awesome-selfhosted",
    "rust-unofficial__awesome-rust",
]
# the Node rule each of ours stands for; Node rules absent here have no counterpart
OURS = {
    "AL601": "awesome-heading",
    "AL602": "awesome-badge",
    "AL603": "awesome-list-item",
    "AL604": "awesome-contributing",
    "AL605": "awesome-license",
    "AL606": "awesome-no-ci-badge",
    "AL607": "no-repeat-punctuation",
    "AL608": "balanced-punctuation",
    "AL609": "awesome-spell-check",
    "AL610": "no-repeat-item-in-description",
    "AL305": "awesome-toc",
    "AL202": "double-link",
    "AL302": "awesome-heading",  # "List can only have one heading" is heading-structure's
}
RUNNER = """
import lint from 'awesome-lint';
const [file] = process.argv.slice(2);
const vfiles = await lint({filename: file});
const out = [];
for (const vfile of vfiles) {
  for (const m of vfile.messages) {
    out.push({rule: m.ruleId, source: m.source, line: m.line ?? 0, column: m.column ?? 0, reason: m.reason});
  }
}
console.log(JSON.stringify(out));
"""


def ensure_node_tool(install: bool) -> Path | None:
    package = OUT / "node_modules" / "awesome-lint"
    if not package.exists() and install and shutil.which("npm"):
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(OUT), "awesome-lint"], capture_output=True, timeout=900
        )
    if not package.exists():
        return None
    runner = OUT / "run-awesome-lint.mjs"
    runner.write_text(RUNNER, encoding="utf-8")
    return runner


def timed(cmd: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900)
    return time.perf_counter() - start, proc.stdout


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="example differences to print per rule and list")
    args = ap.parse_args()
    runner = ensure_node_tool(not args.no_install)
    if runner is None:
        sys.exit("the Node awesome-lint is not installed and npm is not available")
    exe = str(Path(sys.executable).parent / "awesome-lint")
    table: dict[str, Counter[str]] = defaultdict(Counter)
    times: list[tuple[str, float, float]] = []
    for name in LISTS:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            shutil.copyfile(CORPUS / f"{name}.md", work / "README.md")
            subprocess.run(["git", "init", "-q"], cwd=work, check=True)
            ours_s, ours_out = timed(
                [exe, "check", "--select", "awesome", "--format", "json", "--no-links", "README.md"], work
            )
            node_s, node_out = timed(["node", str(runner), "README.md"], work)
        times.append((name, ours_s, node_s))
        ours = json.loads(ours_out)
        node = json.loads(node_out)
        ours_lines: dict[str, set[int]] = defaultdict(set)
        node_lines: dict[str, set[int]] = defaultdict(set)
        for d in ours:
            key = OURS.get(d["code"], d["rule"])
            if d["code"] == "AL302" and "h1" not in d["message"]:
                key = "heading-structure (no Node counterpart)"
            table[key][f"ours {name}"] += 1
            ours_lines[key].add(d["line"])
        for m in node:
            key = m["rule"] or "?"
            table[key][f"node {name}"] += 1
            node_lines[key].add(m["line"])
        if args.show:
            for key in sorted(set(ours_lines) | set(node_lines)):
                only_ours = sorted(ours_lines[key] - node_lines[key])
                only_node = sorted(node_lines[key] - ours_lines[key])
                if only_ours or only_node:
                    print(
                        f"{name} {key}: only ours {only_ours[: args.show]} ({len(only_ours)}), "
                        f"only node {only_node[: args.show]} ({len(only_node)})"
                    )
    short = {name: name.split("__")[0] for name in LISTS}
    print("\n| rule | " + " | ".join(f"{short[n]} (node / ours)" for n in LISTS) + " | total (node / ours) |")
    print("| --- |" + " --- |" * (len(LISTS) + 1))
    for key in sorted(table, key=lambda k: (-sum(table[k].values()), k)):
        row = table[key]
        cells = [f"{row[f'node {n}']} / {row[f'ours {n}']}" for n in LISTS]
        total_node = sum(row[f"node {n}"] for n in LISTS)
        total_ours = sum(row[f"ours {n}"] for n in LISTS)
        print(f"| {key} | " + " | ".join(cells) + f" | {total_node} / {total_ours} |")
    print("\n| list | awesome-lint (ours) | awesome-lint (Node) |\n| --- | --- | --- |")
    for name, ours_s, node_s in times:
        print(f"| {short[name]} | {ours_s:.2f} s | {node_s:.2f} s |")


if __name__ == "__main__":
    main()
