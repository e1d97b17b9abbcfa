"""Reading a large native export in a second process while this one writes (ADR 21).

Importing an annotated export is two kinds of work of about the same size: reading the file
(decoding, parsing, checking each document against the export schema, planning its rows,
store/merge_plan.py) and writing the rows into SQLite. Python runs one of them at a time in a
process (a thread gains nothing: the two take turns on the interpreter lock at every row), so
for a large file a second process reads and plans while this one writes what it has received.

The second process is a new Python interpreter (``python -c``, not ``multiprocessing``, whose
``spawn`` runs the caller's main script again in the child: a script without a main guard would
start over), which reads the file itself and sends the plans back in batches through its
standard output: plans without the documents they came from, or for a document the planner
left to the careful path only where it is in the file. When the careful path needs a document
(such a one, or a plan that clashes with what the project holds), this process reads the file
again up to it — in file order, so at most once over. An error in the file comes back as the
message reading it here would have given. If the second process cannot start or dies before
it is ready, the file is read here instead; if it dies later, the import stops with a message
naming the file. Closing the reader (the import done, failed or cancelled) stops the process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import annotator
from annotator.core.errors import InputError
from annotator.core.schema import parse_schema
from annotator.store.merge_plan import Plan, Planner

#: Below this size a file is read in this process: starting the other costs about half a
#: second, which a smaller file does not win back.
AHEAD_MIN_BYTES = 20_000_000
#: Documents per message, and how many messages the reading process keeps ready (so that it
#: goes on while this one writes a batch).
_BATCH = 64
_AHEAD_MESSAGES = 64
_LENGTH = struct.Struct("!Q")
_WORKER = "import annotator.io.native_ahead as ahead; ahead.worker()"

#: What the reading process sends: ("ready",), ("items", [Plan | where…], bytes read),
#: ("done", bytes read), ("error", message of an InputError), ("failed", anything else).
_Message = tuple[Any, ...]
Documents = Iterator[tuple[str, dict[str, Any]]]


def available() -> bool:
    """Whether a second interpreter can be started: ``sys.executable`` (in a frozen build,
    the program itself, which runs ``-c CODE`` as Python does: packaging/launcher.py)."""
    return bool(sys.executable)


class ReadAhead:
    """The documents of one native export, planned in a second process.

    Start it as early as possible, then hand it what planning needs (:meth:`documents`);
    always :meth:`close` it (or use it as a context manager).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._position = 0
        self._process: subprocess.Popen[bytes] | None = None
        package_parent = str(Path(annotator.__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _WORKER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
            )
        except OSError:  # then the file is read here (documents() says so)
            self._process = None

    def position(self) -> int:
        """Bytes of the file the reading process has got through (for progress)."""
        return self._position

    def documents(
        self,
        schema: dict[str, Any],
        annotator_ids: dict[str, str],
        session_annotator: str | None,
        again: Documents,
        position: Callable[[], int],
    ) -> Iterator[Plan | tuple[str, dict[str, Any]]]:
        """Plans, and ``(where, document)`` for the careful path, in file order. ``again``
        reads the same file in this process (``read_native``), for the documents the careful
        path needs, and for all of them when the other process is not there; ``position`` is
        how far it has got."""
        process = self._process
        ready = False
        if process is not None and process.stdin is not None:
            try:
                _write(process.stdin, (str(self.path), schema, annotator_ids, session_annotator))
                ready = self._receive(process)[0] == "ready"
            except (OSError, InputError):
                ready = False
        if not ready:  # no second process: everything is read and planned here
            self.close()
            for item in again:
                self._position = position()
                yield item
            return
        assert process is not None
        source = _Reread(again)
        while True:
            message = self._receive(process)
            kind = message[0]
            if kind == "items":
                self._position = message[2]
                for item in message[1]:
                    if isinstance(item, str):
                        yield item, source(item)
                    else:
                        item.document_source = source
                        yield item
            elif kind == "done":
                self._position = message[1]
                return
            elif kind == "error":
                raise InputError(message[1])
            else:
                raise InputError(f"{self.path}: could not be read: {message[1]}")

    def _receive(self, process: subprocess.Popen[bytes]) -> _Message:
        assert process.stdout is not None
        try:
            message: _Message = pickle.loads(_read_frame(process.stdout))
        except (EOFError, OSError, pickle.UnpicklingError):
            try:  # its output ended, so it is exiting: wait briefly for its exit code
                code: int | None = process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                code = None
            raise InputError(
                f"{self.path}: the process reading it stopped unexpectedly"
                + (f" (exit code {code})" if code is not None else "")
            ) from None
        return message

    def close(self) -> None:
        """Stop the reading process (at once: whatever it has not sent is not needed)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):  # a broken pipe: the process is gone
                    stream.close()

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class _Reread:
    """The documents of the file read again in this process, up to the one asked for (asked
    for in file order)."""

    def __init__(self, docs: Documents) -> None:
        self._docs = docs

    def __call__(self, where: str) -> dict[str, Any]:
        for found, doc in self._docs:
            if found == where:
                return doc
        raise InputError(f"{where}: not found when the file was read again (did it change?)")


def _write(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _read_frame(stream: IO[bytes]) -> bytes:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError()
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError()
    return data


# -- in the reading process -------------------------------------------------------------------


def worker() -> None:
    """The reading process: reads what to plan from its input, plans every document of the
    file and writes the plans to its output in batches."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the importing process stops it
    # The sending thread waits for the interpreter lock each time a message is ready; with
    # the default 5 ms the importing process was kept waiting for messages made long before.
    sys.setswitchinterval(0.0005)
    inbox, outbox_stream = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write to the channel
    outbox: queue.Queue[bytes | None] = queue.Queue(_AHEAD_MESSAGES)
    sender = threading.Thread(target=_send_all, args=(outbox_stream, outbox), daemon=True)
    sender.start()

    def send(*message: Any) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        outbox.put(_LENGTH.pack(len(data)) + data)

    try:
        path, schema, annotator_ids, session_annotator = pickle.loads(_read_frame(inbox))
        send("ready")
        _plan_file(Path(path), schema, annotator_ids, session_annotator, send)
    except InputError as exc:
        send("error", str(exc))
    except (EOFError, OSError):  # the importing process has gone: nothing to say
        pass
    except Exception as exc:  # anything else, said to the importing process
        send("failed", f"{type(exc).__name__}: {exc}")
    outbox.put(None)
    sender.join()


def _plan_file(
    path: Path,
    schema: dict[str, Any],
    annotator_ids: dict[str, str],
    session_annotator: str | None,
    send: Callable[..., None],
) -> None:
    from annotator.io.native import read_native

    planner = Planner(parse_schema(schema), annotator_ids, lambda: session_annotator)
    _header, docs, source = read_native(path)
    batch: list[Plan | str] = []
    for where, doc in docs:
        try:
            plan = planner.plan(where, doc)
        except Exception:  # the careful path says what, if anything, is wrong
            plan = None
        if plan is None:
            batch.append(where)
        else:
            plan.doc = None  # read again there when the careful path needs it
            batch.append(plan)
        if len(batch) >= _BATCH:
            send("items", batch, source.position())
            batch = []
    send("items", batch, source.position())
    send("done", source.position())


def _send_all(stream: IO[bytes], outbox: queue.Queue[bytes | None]) -> None:
    """Writes what the planning thread has made, so that it need not wait for the pipe."""
    fd = stream.fileno()
    while (data := outbox.get()) is not None:
        view = memoryview(data)
        try:
            while view:  # one call per message: the interpreter lock is let go meanwhile
                view = view[os.write(fd, view) :]
        except OSError:  # the importing process has gone or closed the pipe
            return


__all__ = ["AHEAD_MIN_BYTES", "ReadAhead", "available", "worker"]
