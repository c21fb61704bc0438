"""The base class of every check in ``checks/``.

As in lintian's ``lib/Lintian/Check.pm``: the engine calls ``visit_patched_files`` (source) or
``visit_installed_files`` / ``visit_control_files`` (binary) once per item, then ``source``,
``installable`` or ``changes`` by package type, then ``always``. A check emits hints with
:meth:`Check.pointed_hint` and never prints. A check module defines exactly one subclass; its
name is the module's file name with ``_`` turned into ``-`` (``model_files.py`` is
``model-files``), which is what the ``Check:`` field of its tags says.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from mllint.hints import Hint, join_notes
from mllint.index import Item, Pointer

if TYPE_CHECKING:
    from mllint.processable import Processable
    from mllint.profiles import Profile


class Check:
    name: ClassVar[str] = ""  # set by the loader
    # Per-file work on a source tree that depends on the file alone, by key: read in
    # visit_patched_files with ``item.fact(key, function)``; on a large tree mllint.prefetch
    # computes it for every file in worker processes beforehand. The result must pickle.
    file_facts: ClassVar[dict[str, Callable[[Item], object]]] = {}

    def __init__(self, processable: Processable, profile: Profile,
                 emit: Callable[[Hint], None]) -> None:
        self.processable = processable
        self.profile = profile
        self._emit = emit

    def pointed_hint(self, tag: str, pointer: Pointer, *notes: object) -> None:
        """Emit ``tag`` at ``pointer`` with ``notes`` joined as lintian's ``stringify`` does."""
        self._emit(Hint(tag, join_notes(notes), pointer, self.name))

    # Hooks, all optional. Items arrive in index order.
    def visit_patched_files(self, item: Item) -> None: ...
    def visit_installed_files(self, item: Item) -> None: ...
    def visit_control_files(self, item: Item) -> None: ...
    def source(self) -> None: ...
    def installable(self) -> None: ...
    def changes(self) -> None: ...
    def always(self) -> None: ...
