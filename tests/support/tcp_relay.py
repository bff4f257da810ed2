"""A TCP relay in front of a server, which a test can cut and restore: the server "goes away"
for the clients behind the relay (open connections are dropped, new ones closed at once)
without stopping the server that other tests share."""

from __future__ import annotations

import socket
import threading

from tests.support.processes import free_port


class TcpRelay:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.cut = False
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def block(self) -> None:
        """Drop every open connection and refuse new ones until ``restore``."""
        with self._lock:
            self.cut = True
            for connection in self._connections:
                _close(connection)
            self._connections.clear()

    def restore(self) -> None:
        with self._lock:
            self.cut = False

    def close(self) -> None:
        self.block()
        _close(self._listener)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                if self.cut:
                    _close(client)
                    continue
                try:
                    upstream = socket.create_connection(self.target, timeout=5)
                except OSError:
                    _close(client)
                    continue
                upstream.settimeout(None)
                self._connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(source, sink), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        _close(source)
        _close(sink)


def _close(connection: socket.socket) -> None:
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    connection.close()
