"""A throwaway PostgreSQL server for the tests: Debian's binaries (``make test`` installs them), a cluster made by
initdb in a temporary folder, listening only on a Unix socket in that folder, stopped and removed at the end."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from storyline.store.postgres import close_pool


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda path: int(path.split("/")[4]))
    return Path(found[-1]).parent if found else None


class PostgresServer:
    def __init__(self, bin_folder: Path) -> None:
        self.bin = bin_folder
        # Short and under /tmp: a Unix socket's path is limited to about 100 characters.
        self.folder = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
        self.data = self.folder / "data"
        # initdb refuses to run as root: as root, the cluster is made and run by Debian's postgres user.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.folder, "postgres")
        self._numbers = itertools.count()

    def _run(self, *command: str) -> None:
        subprocess.run([*self.as_user, *command], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "storyline", "--auth=trust",
                  "--locale=C", "--encoding=UTF8", "--no-sync")
        # Durability is not what the tests measure: without fsync a test's database is made in milliseconds.
        options = f"-k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off" \
                  " -c full_page_writes=off -c max_connections=200"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "start")

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql://storyline@/{database}?host={self.folder}"

    def new_database(self) -> str:
        """The URL of a new, empty database."""
        name = f"test_{next(self._numbers)}"
        self._admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`new_database`, closing this process's connections to it first."""
        close_pool(url)
        self._admin(f"DROP DATABASE {urlsplit(url).path.lstrip('/')} WITH (FORCE)")

    def _admin(self, statement: str) -> None:
        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(statement)
