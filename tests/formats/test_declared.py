"""mllint/formats/_declared.py is generated: it must match what the reader modules declare, or
identify() would gate and order the sniffers by stale leads and extensions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mllint import formats


def test_declared_matches_the_reader_modules():
    assert formats.declared() == formats.declare_from_modules(), (
        "mllint/formats/_declared.py is out of date: run dev/declare-formats")


def test_each_declaration_resolves_to_its_own_format():
    for d in formats.declared():
        fmt = formats._format(d)
        assert (fmt.id, fmt.magic, fmt.weights, fmt.lead, fmt.extensions, fmt.named) == (
            d.id, d.magic, d.weights, d.lead, d.extensions, d.named)


def test_identify_imports_only_the_readers_a_head_can_reach():
    code = ("import pickle, sys; from mllint import formats; "
            "head = pickle.dumps({'weight': [0.5] * 64}, protocol=4); "
            "assert formats.identify(head, len(head), 'x.pkl').id == 'pickle'; "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('mllint.formats.'))))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert run.returncode == 0, run.stderr
    out = run.stdout.split()
    assert "mllint.formats.pickle" in out
    assert not {"mllint.formats.onnx", "mllint.formats.gguf", "mllint.formats.c_arrays"} & set(out)
