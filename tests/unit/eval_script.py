"""scripts/eval_nlu.py as a module, for tests of its metrics and of the data it reads.

Why not a plain import: scripts/ is not a package. Loaded once; registered in sys.modules so
its dataclasses resolve their own module.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "eval_nlu.py"


@cache
def eval_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_nlu", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_nlu"] = module
    spec.loader.exec_module(module)
    return module
