"""A pipeline stage's subpackage that can be called as its front-door function.

``zhfacts.normalize`` is both the subpackage (``zhfacts.normalize.offsets``...)
and the public function (``zhfacts.normalize(text)``): importing a submodule
binds the subpackage as an attribute of ``zhfacts``, so the subpackage itself
is made callable and forwards to the function of the same name.
"""
from __future__ import annotations

import sys
import types


class Stage(types.ModuleType):
    def __call__(self, *args, **kwargs):
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


def make_callable(module_name: str) -> None:
    sys.modules[module_name].__class__ = Stage
