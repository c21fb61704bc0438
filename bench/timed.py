"""Run a command in a fresh process under ``/usr/bin/time`` and keep the best of several runs.

The bench machine is shared and loaded, so wall time is noisy: every figure is the minimum over
the runs, taken separately for wall time, CPU time (user + system) and peak RSS. CPU time is the
steadier of the two times on a busy machine; wall time is what a user waits.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

TIME = "/usr/bin/time"  # GNU time: %e wall s, %U user s, %S system s, %M peak RSS KiB
BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


@dataclass
class Timing:
    """Minimum over ``runs`` runs; seconds and MiB. ``rc`` and ``output`` are from the last run,
    ``outputs`` holds every run's stdout (for figures a command prints about itself)."""

    wall: float
    cpu: float
    rss_mib: float
    rc: int
    runs: int
    output: str = ""
    timed_out: bool = False
    outputs: list[str] = field(default_factory=list)


def timed(cmd: list[str], *, runs: int = 3, env: dict[str, str] | None = None,
          cwd: Path | None = None, timeout: float = 900.0) -> Timing:
    """Run ``cmd`` ``runs`` times; stdout and stderr are kept (last run) for the caller to read."""
    walls, cpus, rsss = [], [], []
    rc, output, timed_out, outputs = 0, "", False, []
    with tempfile.TemporaryDirectory(prefix="mllint-bench-time-") as tmp:
        out = Path(tmp) / "time"
        for _ in range(runs):
            try:
                proc = subprocess.run([TIME, "-o", str(out), "-f", "%e %U %S %M", *cmd],
                                      capture_output=True, text=True, errors="replace",
                                      env={**os.environ, **(env or {})}, cwd=cwd,
                                      timeout=timeout, check=False)
            except subprocess.TimeoutExpired:
                timed_out = True
                break
            rc, output = proc.returncode, proc.stdout + proc.stderr
            outputs.append(proc.stdout)
            # time(1) prints "Command exited with non-zero status N" before the format line.
            wall, user, system, rss = out.read_text().split("\n")[-2].split()
            walls.append(float(wall))
            cpus.append(float(user) + float(system))
            rsss.append(int(rss) / 1024)
    if not walls:
        return Timing(float("nan"), float("nan"), float("nan"), rc, 0, output, True, outputs)
    return Timing(min(walls), min(cpus), min(rsss), rc, len(walls), output, timed_out, outputs)


def load_manifest(models: Path) -> list[dict[str, object]]:
    """The entries bench/gen_models.py wrote, smallest first."""
    path = models / "manifest.json"
    if not path.exists():
        raise SystemExit(f"{path}: missing; run bench/gen_models.py {models} first")
    return json.loads(path.read_text())
