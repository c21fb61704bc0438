#!/usr/bin/env python3
"""mllint beside picklescan, modelscan and ModelAudit on the same generated models.

    python bench/gen_models.py /tmp/mllint-bench-models
    python bench/compare_scanners.py /tmp/mllint-bench-models [--venv /tmp/mllint-bench-venv]
        [--runs 3] [--only LABEL ...] [--markdown FILE] [--json FILE]

The peers are installed from PyPI with pip into a venv of their own (created if missing; never
into mllint's environment); a package pip cannot install is reported and skipped. Each tool scans
one file at a time, only formats it supports (below); mllint runs as a whole CLI
(``python -m mllint -L '>=classification' DIR``) on the directory that holds only that file, so
its figures include unpacking nothing, indexing, every check and the output. Every command runs
in a fresh process under ``/usr/bin/time``, in a scratch working directory (tools that write
settings or reports there cannot touch the checkout); figures are minima over the runs.

ModelAudit runs with ``PROMPTFOO_DISABLE_TELEMETRY=1`` and ``CI=1`` (no PostHog calls) and
``--no-cache`` (a cached verdict would time a lookup, not a scan).

Goal (issue 3): on every format a peer shares, mllint at least 10x faster than the slowest peer
and never slower than the fastest, with flat memory. Ratios are peer time / mllint time, for CPU
time (user+sys: steady on a loaded machine) and for wall time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timed import ROOT, Timing, load_manifest, timed  # noqa: E402

PACKAGES = {"picklescan": "picklescan", "modelscan": "modelscan", "modelaudit": "modelaudit[onnx]"}
# Formats each peer scans, from its documentation and checked on the 1 MiB files: picklescan
# reports "could not parse ... as pickle" on the others and modelscan skips them (exit 3).
# ModelAudit needs its "onnx" extra (the onnx package) to scan ONNX at all, hence [onnx] above.
SUPPORTS = {
    "picklescan": {"pickle", "torch-zip"},
    "modelscan": {"pickle", "torch-zip"},
    "modelaudit": {"safetensors", "gguf", "onnx", "pickle", "torch-zip"},
}
PEER_ENV = {"PROMPTFOO_DISABLE_TELEMETRY": "1", "CI": "1"}


def peer_command(tool: str, venv: Path, path: Path) -> list[str]:
    exe = str(venv / "bin" / tool)
    if tool == "modelaudit":
        return [exe, "scan", "--no-cache", "-f", "text", str(path)]
    return [exe, "-p", str(path)]


def startup_command(tool: str, venv: Path) -> list[str]:
    """What the tool costs before it looks at a file: start-up and its imports."""
    return [str(venv / "bin" / tool), "--help"]


def ensure_venv(venv: Path) -> dict[str, str]:
    """Create ``venv`` and install the peers; return {tool: version or 'unavailable: why'}."""
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    found = {}
    for tool, requirement in PACKAGES.items():
        if not (venv / "bin" / tool).exists():
            proc = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", requirement],
                                  capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                found[tool] = "unavailable: " + (proc.stderr.strip().splitlines() or ["?"])[-1]
                continue
        show = subprocess.run([str(venv / "bin" / "pip"), "show", tool],
                              capture_output=True, text=True, check=False).stdout
        found[tool] = next((ln.split(":", 1)[1].strip() for ln in show.splitlines()
                            if ln.startswith("Version:")), "?")
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", type=Path)
    ap.add_argument("--venv", type=Path, default=Path("/tmp/mllint-bench-venv"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--checkout", type=Path, default=ROOT, help="mllint tree on PYTHONPATH")
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs mllint")
    ap.add_argument("--only", nargs="*", help="labels from the manifest (default: all)")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    ap.add_argument("--markdown", type=Path, help="also write the table here")
    ap.add_argument("--json", type=Path, help="also write the raw rows here")
    args = ap.parse_args()

    versions = ensure_venv(args.venv)
    tools = [t for t, v in versions.items() if not v.startswith("unavailable")]
    print("peers: " + ", ".join(f"{t} {v}" for t, v in versions.items()))
    mllint_env = {"PYTHONPATH": str(args.checkout.resolve()), **PEER_ENV}
    mllint_cmd = [args.python, "-m", "mllint", "-L", ">=classification"]
    rows: list[dict[str, object]] = []

    def record(label: str, fmt: str, size: int, tool: str, t: Timing, base: Timing | None) -> None:
        row = {"label": label, "format": fmt, "size": size, "tool": tool, **asdict(t)}
        del row["output"], row["outputs"]
        if base is not None and tool != "mllint":
            row["cpu_ratio"] = t.cpu / base.cpu if base.cpu else float("inf")
            row["wall_ratio"] = t.wall / base.wall if base.wall else float("inf")
        rows.append(row)
        ratio = (f"{row['cpu_ratio']:7.1f}x {row['wall_ratio']:7.1f}x" if "cpu_ratio" in row
                 else f"{'':>8} {'':>8}")
        status = "TIMEOUT" if t.timed_out else str(t.rc)
        print(f"{label:16} {tool:11} {t.wall:8.2f} {t.cpu:8.2f} {t.rss_mib:8.1f} {status:>7} "
              f"{ratio}", flush=True)

    print(f"min over {args.runs} runs; seconds and MiB; ratio = peer / mllint (cpu, wall)")
    print(f"{'file':16} {'tool':11} {'wall s':>8} {'cpu s':>8} {'RSS MiB':>8} {'rc':>7} "
          f"{'cpu x':>8} {'wall x':>8}")
    with tempfile.TemporaryDirectory(prefix="mllint-bench-cwd-") as scratch:
        cwd = Path(scratch)
        empty = cwd / "empty"
        empty.mkdir()
        base = timed([*mllint_cmd, str(empty)], runs=args.runs, env=mllint_env, cwd=cwd)
        record("(start-up)", "-", 0, "mllint", base, None)
        for tool in tools:
            t = timed(startup_command(tool, args.venv), runs=args.runs, env=PEER_ENV, cwd=cwd)
            record("(start-up)", "-", 0, tool, t, base)
        for m in load_manifest(args.models):
            label, fmt, path = str(m["label"]), str(m["format"]), Path(str(m["path"]))
            if args.only and label not in args.only:
                continue
            size = int(m["size"])  # type: ignore[call-overload]
            mine = timed([*mllint_cmd, str(path.parent)], runs=args.runs, env=mllint_env,
                         cwd=cwd, timeout=args.timeout)
            record(label, fmt, size, "mllint", mine, None)
            for tool in tools:
                if fmt not in SUPPORTS[tool]:
                    continue
                t = timed(peer_command(tool, args.venv, path), runs=args.runs, env=PEER_ENV,
                          cwd=cwd, timeout=args.timeout)
                record(label, fmt, size, tool, t, mine)

    print("\ngoal per file: >= 10x the slowest peer, >= 1x the fastest (cpu ratio; wall ratio)")
    verdicts = summarise(rows)
    for v in verdicts:
        print("  " + v)
    if args.markdown:
        args.markdown.write_text(markdown(rows, versions, args.runs) + "\n"
                                 + "\n".join(f"- {v}" for v in verdicts) + "\n")
    if args.json:
        args.json.write_text(json.dumps({"versions": versions, "rows": rows}, indent=1) + "\n")
    return 0


def summarise(rows: list[dict[str, object]]) -> list[str]:
    out = []
    for label in dict.fromkeys(str(r["label"]) for r in rows if r["label"] != "(start-up)"):
        peers = [r for r in rows if r["label"] == label and "cpu_ratio" in r]
        if not peers:
            continue
        slow = max(peers, key=lambda r: float(r["cpu"]))  # type: ignore[arg-type]
        fast = min(peers, key=lambda r: float(r["cpu"]))  # type: ignore[arg-type]
        s_cpu, s_wall = float(slow["cpu_ratio"]), float(slow["wall_ratio"])  # type: ignore[arg-type]
        f_cpu, f_wall = float(fast["cpu_ratio"]), float(fast["wall_ratio"])  # type: ignore[arg-type]
        ok = s_cpu >= 10 and f_cpu >= 1
        out.append(f"{label}: vs slowest {slow['tool']} {s_cpu:.1f}x ({s_wall:.1f}x wall), "
                   f"vs fastest {fast['tool']} {f_cpu:.2f}x ({f_wall:.2f}x wall) -> "
                   f"{'met' if ok else 'NOT met'}")
    return out


def markdown(rows: list[dict[str, object]], versions: dict[str, str], runs: int) -> str:
    lines = [f"Peers: {', '.join(f'{t} {v}' for t, v in versions.items())}; min over {runs} "
             "runs; ratio = peer / mllint.", "",
             "| file | tool | wall s | cpu s | max RSS MiB | exit | cpu ratio | wall ratio |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        ratio = (f"{r['cpu_ratio']:.1f}x | {r['wall_ratio']:.1f}x" if "cpu_ratio" in r
                 else " | ")
        status = "timeout" if r["timed_out"] else r["rc"]
        lines.append(f"| {r['label']} | {r['tool']} | {r['wall']:.2f} | {r['cpu']:.2f} | "
                     f"{r['rss_mib']:.0f} | {status} | {ratio} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
