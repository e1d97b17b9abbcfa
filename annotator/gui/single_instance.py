"""One running Annotator per user: ``annotator PROJECT`` (a double-click on a project file)
while the window runs hands PROJECT to it instead of starting a second program.

The running program listens on a local socket (a Unix socket, a named pipe on Windows) whose
name is made from the user's preferences folder, so that two users, or a test with its own
preferences, never reach each other's. A new start sends the project's absolute path as one
line of UTF-8; the running program answers ``ok`` and opens it: the window already showing
it comes to the front, or a new window opens. The project's lock (store/lock.py) still keeps
any second writer out, whatever starts it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from annotator.gui.settings import config_dir

#: How long a new start waits for the running program (ms): it may be busy painting.
CONNECT_MS = 1000
ANSWER_MS = 3000
#: The longest path a request may carry (bytes): anything longer is not ours.
MAX_REQUEST = 64 * 1024


def server_name() -> str:
    digest = hashlib.sha256(str(config_dir().resolve()).encode("utf-8")).hexdigest()[:16]
    return f"annotator-{digest}"


def hand_over(project: Path | None) -> bool:
    """Ask a running Annotator to open ``project`` (None: to show its window); False when
    none answers."""
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(CONNECT_MS):
        return False
    line = str(project.resolve()) if project is not None else ""
    socket.write(line.encode("utf-8") + b"\n")
    socket.flush()
    answered = socket.waitForReadyRead(ANSWER_MS) and bytes(socket.readAll().data()) == b"ok"
    socket.disconnectFromServer()
    return answered


class InstanceServer(QObject):
    """Listens for the projects later starts hand over (:attr:`open_requested`: the path, or
    None for a start without a project)."""

    open_requested = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; False if another program already does (or the name is taken)."""
        name = server_name()
        if self._server.listen(name):
            return True
        probe = QLocalSocket()
        probe.connectToServer(name)
        if probe.waitForConnected(CONNECT_MS):  # a live one: leave it be
            probe.disconnectFromServer()
            return False
        QLocalServer.removeServer(name)  # left behind by a program that crashed
        return self._server.listen(name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            buffer = bytearray()

            def read(socket: QLocalSocket = socket, buffer: bytearray = buffer) -> None:
                buffer += bytes(socket.readAll().data())
                if len(buffer) > MAX_REQUEST:
                    socket.abort()
                    return
                if not buffer.endswith(b"\n"):
                    return
                socket.write(b"ok")
                socket.flush()
                socket.disconnectFromServer()
                try:
                    line = buffer.decode("utf-8").strip()
                except UnicodeDecodeError:
                    return
                self.open_requested.emit(Path(line) if line else None)

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
