"""The record every download analyser returns."""

from __future__ import annotations

from typing import Literal, NamedTuple

Kind = Literal["hub", "url", "shell", "cmake", "manifest", "dataset"]
"""What was found: a hub or framework call, a generic fetch of a model URL, a command-line
fetch (shell, Makefile recipe, maintainer script), a build-system download (CMake, meson,
autotools), a download manifest, or a dataset fetch (training-data evidence, not a model)."""


class Finding(NamedTuple):
    """One download found in one file.

    ``function`` is the call, command or build function (``hf_hub_download``, ``wget``,
    ``file(DOWNLOAD)``) and ``identifier`` the URL, hub id or model name it fetches, ``""``
    when that is not a literal the analyser could resolve. ``line`` is 1-based.
    ``pinned``: a hash, digest check or pinned revision goes with it. ``guard``: an offline
    guard or switch that can turn it off (``local_files_only``, ``HF_HUB_OFFLINE``), ``""`` if
    none. ``remote_code``: the fetched code is run (``trust_remote_code=True``). ``conditions``:
    build-system variables whose ``if`` encloses it (CMake, make), for deciding whether a
    Debian switch disables it. ``listed``: a further entry of the fetch the previous finding
    names (the other members of a torchvision weight enum): an endpoint of its own, not another
    download. ``target``: the file a manifest entry downloads to, as the manifest names it
    (``""`` for other findings): no download when the package ships that file.
    """

    kind: Kind
    function: str
    identifier: str
    line: int
    pinned: bool = False
    guard: str = ""
    remote_code: bool = False
    conditions: tuple[str, ...] = ()
    listed: bool = False
    target: str = ""

    @property
    def is_model(self) -> bool:
        return self.kind != "dataset"

    @property
    def guarded(self) -> bool:
        return bool(self.guard)

    @property
    def endpoint(self) -> str:
        """The identifier if it names a place (URL or ``org/name`` hub id), else ``""``."""
        return self.identifier if ("/" in self.identifier and " " not in self.identifier) else ""
