"""Fixtures several test modules share: parsing a shared corpus once per run; stores of each backend."""

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from postgres_server import PostgresServer, binaries

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


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server of the test run's own (skips when PostgreSQL is not installed: `make test` installs it)."""
    folder = binaries()
    if folder is None:
        pytest.skip("PostgreSQL is not installed (make test installs Debian's postgresql; it needs root)")
    server = PostgresServer(folder)
    server.start()
    yield server
    server.stop()


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store_at(request, tmp_path):
    """Where a test keeps its stores, in each backend in turn: ``store_at(name)`` is a SQLite file in the test's
    folder or a new database of the test run's PostgreSQL server (dropped after the test); the same name, the same
    store."""
    server = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None
    locations: dict[str, str] = {}

    def location(name: str) -> str:
        if name not in locations:
            locations[name] = new_store(request, request.param, tmp_path, name)
        return locations[name]

    yield location
    if server is not None:
        for url in locations.values():
            server.drop_database(url)


def new_store(request, backend: str, folder: Path, name: str) -> str:
    """The location of a new store of a backend: a SQLite file in ``folder``, or a new PostgreSQL database."""
    if backend == "sqlite":
        return str(folder / f"{name}.db")
    return request.getfixturevalue("postgres_server").new_database()
