"""HDF5 files that hold Keras models; other HDF5 (netCDF-4, science data) is not a model.

Signature ``\\x89HDF\\r\\n\\x1a\\n`` at 0 or after a user block of 512, 1024, 2048, ... bytes (HDF5
file format spec, "Format Signature"). A Keras file has root attributes ``keras_version``,
``model_config`` (Keras 1/2 full models, Keras 3 legacy ``.h5``) or ``layer_names`` (Keras 1/2
``save_weights``), or the root groups ``layers`` and ``vars`` of a Keras 3 ``.weights.h5``
(model-formats.md §5).

h5py is lazy: attributes and shapes cost kilobytes, never the data (§6). It is optional; without
it a file counts as Keras only on cheap evidence (the attribute names in the first MiB) and is
marked not inspected. External links are never followed: links are visited without resolving
them, and only hard links are opened.
"""

from __future__ import annotations

import dataclasses
import json
import os
import select
import signal
import time
from pathlib import Path
from typing import Any

from mllint.formats import _keras
from mllint.formats.base import (
    HEAD_SIZE,
    CorruptModelError,
    Format,
    FormatError,
    LimitExceededError,
    ModelInfo,
    Provenance,
)

SIGNATURE = b"\x89HDF\r\n\x1a\n"
# Where the signature can be within a head: 0, or after a user block of 512 * 2**k bytes
SIGNATURE_AT = tuple(o for o in (0, 512, 1024, 2048) if o + len(SIGNATURE) <= HEAD_SIZE)
KERAS_ATTRS = (b"keras_version", b"model_config", b"layer_names")
MAX_OBJECTS = 100_000  # links visited for the parameter count
TIMEOUT = 20.0  # seconds for one file; h5py reads a Keras header in well under one
EVIDENCE_SPAN = 1 << 20  # bytes searched for attribute names when h5py is missing


def sniff(head: bytes, size: int, name: str) -> bool:
    return any(head.startswith(SIGNATURE, offset) for offset in SIGNATURE_AT)


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    try:
        import h5py  # noqa: F401  imported here once, so forked children start warm
    except ImportError:
        return _read_without_h5py(path)
    if not hasattr(os, "fork"):
        return _open_and_inspect(path)
    return _isolated(path)


def _isolated(path: Path) -> ModelInfo | None:
    """Run the HDF5 C library in a forked child with a deadline.

    Fuzzing found a one-byte change to a global-heap size that makes reading a string attribute
    loop forever inside libhdf5 (h5py 3.16); C code cannot be interrupted from Python, and a
    crash there would take mllint down. The child writes the record as JSON to a pipe and leaves
    with ``os._exit`` (no cleanup, no flushing of inherited buffers); one that overruns is killed
    (LimitExceededError), one that dies without answering read a corrupt file. A bare
    ``os.fork`` rather than :mod:`multiprocessing`: the CLI's pool workers are daemonic and may
    not start ``Process`` children.
    """
    receive, send = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(receive)
            payload = _child_payload(path)
            view = memoryview(payload)
            while view:
                view = view[os.write(send, view):]
        finally:
            os._exit(0)
    os.close(send)
    chunks: list[bytes] = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([receive], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                raise LimitExceededError(f"HDF5 library did not finish within {TIMEOUT:g} s")
            chunk = os.read(receive, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(receive)
        os.waitpid(pid, 0)
    if not chunks:
        raise CorruptModelError("HDF5 library crashed on this file")
    result = json.loads(b"".join(chunks))
    if "error" in result:
        kind = LimitExceededError if result["limit"] else CorruptModelError
        raise kind(result["error"])
    return _from_json(result["info"])


def _child_payload(path: Path) -> bytes:
    try:
        info = _open_and_inspect(path)
        result: dict[str, Any] = {"info": None if info is None else dataclasses.asdict(info)}
    except FormatError as exc:
        result = {"error": exc.reason, "limit": isinstance(exc, LimitExceededError)}
    return json.dumps(result).encode()


def _from_json(d: dict[str, Any] | None) -> ModelInfo | None:
    if d is None:
        return None
    d["provenance"] = Provenance(**d["provenance"])
    d["dtypes"], d["external_data"], d["parts"], d["members"] = tuple(d["dtypes"]), (), (), []
    return ModelInfo(**d)


def _open_and_inspect(path: Path) -> ModelInfo | None:
    import h5py

    # A container member (MemberPath) has no file name: hand h5py a file object instead.
    source = path if isinstance(path, Path) else path.open("rb")
    try:
        with h5py.File(source, "r", locking=False) as f:
            return _inspect(f, h5py)
    except FormatError:
        raise
    except Exception as exc:  # noqa: BLE001  h5py on hostile bytes raises OSError, KeyError,
        # RuntimeError, even SystemError (found by fuzzing): all mean "unreadable HDF5".
        raise CorruptModelError(f"HDF5 structure unreadable ({type(exc).__name__})") from exc
    finally:
        if source is not path:
            source.close()


def _inspect(f: Any, h5py: Any) -> ModelInfo | None:
    attrs = {k: f.attrs[k] for k in f.attrs if k in ("keras_version", "backend", "model_config",
                                                       "training_config", "layer_names")}
    weights_v3 = isinstance(f.get("layers", getlink=True), h5py.HardLink) and isinstance(
        f.get("vars", getlink=True), h5py.HardLink)
    if not ({"keras_version", "model_config", "layer_names"} & attrs.keys() or weights_v3):
        return None  # netCDF-4, science data, any other HDF5
    info = ModelInfo(format="hdf5-keras")
    if "keras_version" in attrs:
        version = _text(attrs["keras_version"])
        info.extra["keras_version"] = version
        info.provenance = Provenance(producer=[f"keras {version}"])
    if "backend" in attrs:
        info.extra["backend"] = _text(attrs["backend"])
    if weights_v3 and not attrs:
        info.extra["keras3_weights"] = True
    if "model_config" in attrs:
        config = _keras.load_json(_text(attrs["model_config"]), "model_config attribute")
        info.extra["model_config"] = config
        info.extra["class_names"] = _keras.class_names(config)
        info.trained = None if "layer_names" in attrs or _has_weights(f) else False
    if "training_config" in attrs:
        training = _keras.load_json(_text(attrs["training_config"]), "training_config attribute")
        info.extra["training_config"] = training
        optimizer = training.get("optimizer_config") if isinstance(training, dict) else None
        if isinstance(optimizer, dict) and isinstance(optimizer.get("class_name"), str):
            info.extra["optimizer"] = optimizer["class_name"]
    _count(f, h5py, info)
    return info


def _has_weights(f: Any) -> bool:
    """Keras 1/2 full-model files keep their weights in a ``model_weights`` group."""
    return "model_weights" in f


def _count(f: Any, h5py: Any, info: ModelInfo) -> None:
    """Parameter and tensor counts from dataset shapes, visiting at most MAX_OBJECTS links."""
    state = {"visited": 0, "tensors": 0, "parameters": 0}
    dtypes: set[str] = set()

    def visit(name: str, link: Any) -> bool | None:
        state["visited"] += 1
        if state["visited"] > MAX_OBJECTS:
            return True  # a non-None return stops h5py's visit
        if not isinstance(link, h5py.HardLink):
            return None  # soft and external links are never resolved
        obj = f.get(name)
        if isinstance(obj, h5py.Dataset) and obj.shape is not None:
            count = 1
            for d in obj.shape:
                count *= d
            state["tensors"] += 1
            state["parameters"] += count
            dtypes.add(str(obj.dtype))
        return None

    f.visititems_links(visit)
    if state["visited"] > MAX_OBJECTS:
        info.extra["objects_capped"] = MAX_OBJECTS
        return
    info.tensors, info.parameters = state["tensors"], state["parameters"]
    info.dtypes = tuple(sorted(dtypes))


def _read_without_h5py(path: Path) -> ModelInfo | None:
    with path.open("rb") as f:
        span = f.read(EVIDENCE_SPAN)
    if not any(a in span for a in KERAS_ATTRS):
        return None
    note = "h5py missing; Keras attribute names seen"
    return ModelInfo(format="hdf5-keras", extra={"inspected": False, "note": note})


FORMATS = (Format("hdf5-keras", sniff, read, extensions=(".h5", ".hdf5"),
                  marks=tuple((offset, SIGNATURE) for offset in SIGNATURE_AT)),)
