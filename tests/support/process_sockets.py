"""What Linux's /proc says about the servers' processes and their TCP connections, for the failover
test (tests/e2e/test_failover.py): a process's children (Rasa's worker processes), which process
holds the server side of a client's connection, and how much a server has not yet read."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

PROC = Path("/proc")


class TcpSocket(NamedTuple):
    local_port: int
    remote_port: int
    unread_bytes: int
    inode: int


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (of any of its threads)."""
    found = []
    for task in (PROC / str(pid) / "task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def tcp_sockets() -> list[TcpSocket]:
    """Every IPv4 TCP socket of the machine (/proc/net/tcp)."""
    sockets = []
    for line in (PROC / "net" / "tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, queues, inode = fields[1], fields[2], fields[4], fields[9]
        sockets.append(
            TcpSocket(
                int(local.split(":")[1], 16),
                int(remote.split(":")[1], 16),
                int(queues.split(":")[1], 16),
                int(inode),
            )
        )
    return sockets


def _socket_inodes(pid: int) -> set[int]:
    inodes = set()
    for fd in (PROC / str(pid) / "fd").iterdir():
        try:
            target = fd.readlink().name
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[len("socket:[") : -1]))
    return inodes


def connection_owner(pids: list[int], server_port: int, client_port: int) -> int | None:
    """Which of ``pids`` has accepted the connection from ``client_port`` to ``server_port``, if one has."""
    inodes = {s.inode for s in tcp_sockets() if (s.local_port, s.remote_port) == (server_port, client_port)}
    for pid in pids:
        if inodes & _socket_inodes(pid):
            return pid
    return None


def unread_bytes(server_port: int) -> int:
    """Bytes that clients sent to ``server_port`` and its server has not read yet."""
    return sum(s.unread_bytes for s in tcp_sockets() if s.local_port == server_port)
