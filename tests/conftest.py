"""Fixtures several test modules share: parsing a shared corpus once per run."""

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The fuzz tests' budgets (tests/test_fuzz.py): a few hundred inputs per format in the suite, thousands in the bench.
FUZZ_CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile("default", max_examples=300, deadline=None, suppress_health_check=FUZZ_CHECKS)
settings.register_profile("bench", max_examples=3000, deadline=None, suppress_health_check=FUZZ_CHECKS)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parents[1]
ECBPLUS = ROOT.parent / "shared" / "data" / "ecbplus-val" / "dataset.conll"


def load_eval_script(name: str):
    """An evaluation script of eval/ as a module (registered first: dataclasses look their module up as it runs)."""
    spec = importlib.util.spec_from_file_location(f"eval_{name}", ROOT / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def ecbplus_stories():
    """The story evaluation over ECB+: the module, its documents and their story features (parsed once)."""
    if not ECBPLUS.exists():
        pytest.skip("shared ECB+ data not present")
    evaluation = load_eval_script("stories")
    documents = evaluation.read_conll(ECBPLUS)
    return evaluation, documents, evaluation.story_features(documents)
