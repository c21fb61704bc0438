#!/usr/bin/env python3
"""Time and peak RSS of mllint's format reader on each generated model, in a fresh process.

    python bench/gen_models.py /tmp/mllint-bench-models
    python bench/readers.py /tmp/mllint-bench-models [--runs 5] [--checkout DIR] [--python PY]

Each file is read by ``formats.read(path, head, size, name)`` in its own interpreter under
``/usr/bin/time``; figures are the minimum over the runs. Two baselines show what the interpreter
and the imports cost by themselves: ``import mllint.formats`` and the same plus
``all_formats()`` (which imports every reader module). ``read ms`` is measured inside the process
around ``read()`` alone (``time.perf_counter``; ``read cpu`` from ``time.process_time``), so it
excludes start-up entirely.

Targets (issue 3): 4 GiB safetensors and GGUF and 1 GiB monolithic ONNX each under 50 ms and
60 MB peak RSS end to end in the reader; a 1 GiB raw pickle streams with flat memory (its RSS
matches the 1 MiB pickle's). The time verdict uses the reader's CPU time: on a shared, loaded
machine its wall time also counts waiting for a core.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timed import ROOT, Timing, load_manifest, timed  # noqa: E402

READ = """
import sys, time
from pathlib import Path
from mllint import formats
formats.all_formats()
p = Path(sys.argv[1])
t0, c0 = time.perf_counter(), time.process_time()
size = p.stat().st_size
with p.open("rb") as f:
    head = f.read(formats.HEAD_SIZE)
try:
    info = formats.read(p, head, size, p.name)
    result = info.format if info else "not a model"
except formats.FormatError as exc:
    result = "corrupt: " + exc.reason
print(repr(result), (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000)
"""
BASELINES = {
    "python -c pass": "pass",
    "import mllint.formats": "import mllint.formats",
    "+ all_formats()": "import mllint.formats; mllint.formats.all_formats()",
}
TARGET_MS, TARGET_MB = 50.0, 60.0
MIB_TO_MB = 1.048576
TARGETED = ("safetensors", "gguf", "onnx")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--checkout", type=Path, default=ROOT, help="mllint tree on PYTHONPATH")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--json", type=Path, help="also write the rows here")
    args = ap.parse_args()
    env = {"PYTHONPATH": str(args.checkout.resolve())}
    rows: list[dict[str, object]] = []

    print(f"mllint readers, {args.checkout}; min over {args.runs} runs; "
          "wall and cpu (user+sys) in ms, peak RSS in MiB")
    print(f"{'file':22} {'size':>10} {'result':16} {'wall':>7} {'cpu':>7} {'RSS':>6} "
          f"{'read ms':>8} {'read cpu':>8} {'wall-base':>9} {'RSS-base':>8}")
    base: Timing | None = None
    for label, code in BASELINES.items():
        t = timed([args.python, "-c", code], runs=args.runs, env=env)
        if label == "import mllint.formats":
            base = t
        print(f"{label:22} {'':>10} {'(baseline)':16} {t.wall * 1000:7.0f} {t.cpu * 1000:7.0f} "
              f"{t.rss_mib:6.1f}")
        rows.append({"label": label, "wall": t.wall, "cpu": t.cpu, "rss_mib": t.rss_mib})
    assert base is not None
    verdicts = []
    for m in load_manifest(args.models):
        t = timed([args.python, "-c", READ, str(m["path"])], runs=args.runs, env=env)
        result, read_ms, read_cpu = "error", float("nan"), float("nan")
        if t.rc == 0 and all(out.strip() for out in t.outputs):
            parsed = [out.strip().rsplit(" ", 2) for out in t.outputs]
            result = parsed[-1][0].strip("'\"")
            read_ms = min(float(p[1]) for p in parsed)
            read_cpu = min(float(p[2]) for p in parsed)
        size = int(m["size"])  # type: ignore[call-overload]
        print(f"{m['label']:22} {size:>10} {result[:16]:16} {t.wall * 1000:7.0f} "
              f"{t.cpu * 1000:7.0f} {t.rss_mib:6.1f} {read_ms:8.1f} {read_cpu:8.1f} "
              f"{(t.wall - base.wall) * 1000:9.0f} {t.rss_mib - base.rss_mib:8.1f}")
        rows.append({"label": m["label"], "format": m["format"], "size": size, "result": result,
                     "wall": t.wall, "cpu": t.cpu, "rss_mib": t.rss_mib, "read_ms": read_ms,
                     "read_cpu_ms": read_cpu})
        if m["format"] in TARGETED and size >= 1 << 30:
            ok = (result == m["format"] and read_cpu < TARGET_MS
                  and t.rss_mib * MIB_TO_MB < TARGET_MB)
            verdicts.append(f"{m['label']}: read {read_ms:.1f} ms wall, {read_cpu:.1f} ms cpu, "
                            f"peak RSS {t.rss_mib:.1f} MiB "
                            f"= {t.rss_mib * MIB_TO_MB:.1f} MB (result {result}) -> {'met' if ok else 'NOT met'}")
    pickles = {r["label"]: r for r in rows if r.get("format") == "pickle"}
    if len(pickles) >= 2:
        small, big = (pickles[k] for k in sorted(pickles, key=lambda k: pickles[k]["size"]))
        growth = float(big["rss_mib"]) - float(small["rss_mib"])  # type: ignore[arg-type]
        verdicts.append(f"pickle {small['label']} -> {big['label']}: peak RSS grows "
                        f"{growth:+.1f} MiB -> {'flat' if abs(growth) < 5 else 'NOT flat'}")
    print(f"\ntargets: read < {TARGET_MS:.0f} ms and peak RSS < {TARGET_MB:.0f} MB end to end")
    for v in verdicts:
        print("  " + v)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
