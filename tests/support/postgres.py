"""A throwaway PostgreSQL server for the integration tests (tests/integration/).

``running_postgres()`` finds Debian's server binaries (``/usr/lib/postgresql/<version>/bin``,
installed by ``make system-deps``), creates a cluster in a temporary folder, starts it on a
free TCP port of 127.0.0.1 (``trust`` authentication; its unix socket stays in the folder),
creates a database and yields its SQLAlchemy URL; afterwards it stops the server and
deletes the folder. PostgreSQL refuses to run as root, so as root (CI, containers) the
server runs as the ``postgres`` system user that Debian's package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg2

from tests.support.processes import free_port

SERVER_USER = "postgres"
DATABASE = "microcred"
INSTALL_HINT = "run `make system-deps` (it installs Debian's postgresql package)"


class PostgresError(RuntimeError):
    """The test server could not be found, started or prepared; the message says why and what to do."""


def server_bin() -> Path:
    """The bin folder of the newest PostgreSQL server installed."""
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    found = [b for b in found if (b / "pg_ctl").exists()]
    if not found:
        raise PostgresError(
            f"PostgreSQL's server programs (/usr/lib/postgresql/*/bin/initdb, pg_ctl) are missing; {INSTALL_HINT}"
        )
    return max(found, key=lambda b: int(b.parent.name) if b.parent.name.isdigit() else 0)


def _as_server_user() -> list[str]:
    """The command prefix that runs a server program as a user PostgreSQL accepts."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PostgresError(
            f"running as root but there is no '{SERVER_USER}' system user to run PostgreSQL; {INSTALL_HINT}"
        ) from None
    return ["runuser", "-u", SERVER_USER, "--"]


def _run(command: list[str], cwd: Path, what: str, log: Path | None = None) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        server_log = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
        raise PostgresError(
            f"could not {what} the test PostgreSQL server: `{shlex.join(command)}` exited with "
            f"{result.returncode}\n{result.stdout}{result.stderr}{server_log}"
        )


@contextmanager
def running_postgres(*more_databases: str) -> Iterator[str]:
    """Start a fresh PostgreSQL server with one empty database (and ``more_databases``, empty
    too, beside it); yield the first one's SQLAlchemy URL."""
    bin_dir = server_bin()
    as_user = _as_server_user()
    # /tmp rather than $TMPDIR: the server user must reach it, and socket paths must stay short.
    base = Path(tempfile.mkdtemp(prefix="microcred-pg-", dir="/tmp" if as_user else None))
    data, log = base / "data", base / "server.log"
    started = False
    try:
        if as_user:
            shutil.chown(base, SERVER_USER, SERVER_USER)
        _run(
            [
                *as_user,
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ],
            base,
            "create",
        )
        port = free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off -c full_page_writes=off"
        pg_ctl = [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data)]
        _run([*pg_ctl, "-l", str(log), "-o", options, "-w", "-t", "60", "start"], base, "start", log)
        started = True
        admin = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
        try:
            admin.autocommit = True
            with admin.cursor() as cursor:
                for name in (DATABASE, *more_databases):
                    cursor.execute(f"CREATE DATABASE {name}")
        finally:
            admin.close()
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/{DATABASE}"
    finally:
        try:
            if started:
                _run([*pg_ctl, "-m", "fast", "-w", "stop"], base, "stop", log)
        finally:
            shutil.rmtree(base, ignore_errors=True)
