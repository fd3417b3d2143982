"""A local HTTP server of saved pages (tests/data/pages) and of the ways a server goes wrong:
404, redirect loops, too many redirects, JSON, huge (declared or streamed), slow, silent.

The streamed answers (/huge, /slow) report how they ended: `GET /ended/huge` waits for the last
/huge answer to end and says "complete" or "cut short" (the client hung up before the end).
`GET /requests` counts the requests of each path (JSON)."""

from __future__ import annotations

import contextlib
import json
import queue
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.corpora import REPO_ROOT

PAGES = REPO_ROOT / "tests" / "data" / "pages"
COURIER = "courier_library_reopening.html"
GAZETTE = "gazette_flood_plan.html"


class _Pages(BaseHTTPRequestHandler):
    """Saved pages and the ways a server goes wrong."""

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if not path.startswith(("/ended/", "/requests")):
            self.server.count(path)  # type: ignore[attr-defined]
        if path.startswith("/pages/"):
            self._send(200, "text/html; charset=utf-8", (PAGES / "corpus" / path[7:]).read_bytes())
        elif path == "/moved":
            self._redirect(f"/pages/{COURIER}")
        elif path.startswith("/loop-"):
            self._redirect("/loop-b" if path == "/loop-a" else "/loop-a")
        elif path.startswith("/hop-"):
            n = int(path[5:])
            self._redirect(f"/hop-{n + 1}" if n < 10 else f"/pages/{COURIER}")
        elif path == "/data.json":
            self._send(200, "application/json", b'{"title": "not a page"}')
        elif path == "/huge":  # no Content-Length: only reading tells how big it is (50 MB)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            paragraph = b"<p>" + b"filler words " * 40 + b"</p>\n"
            self._stream("/huge", [b"<html><body>", *[paragraph] * 100_000], pause=0)
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "900000000")
            self.end_headers()
        elif path == "/slow":  # a byte at a time: each read is quick, the whole is not
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self._stream("/slow", [bytes([b]) for b in (PAGES / "corpus" / COURIER).read_bytes()[:200]], 0.05)
        elif path == "/requests":  # how many requests each path has had
            self._send(200, "application/json", json.dumps(self.server.requests()).encode())  # type: ignore[attr-defined]
        elif path.startswith("/ended/"):  # how the last answer to a streamed path ended
            self._send(200, "text/plain", self.server.ended(path[6:]).get(timeout=60).encode())  # type: ignore[attr-defined]
        elif path == "/silent":
            time.sleep(4)
            self._send(200, "text/html", b"<html></html>")
        elif path == "/empty":
            self._send(200, "text/html", b"<html><body><nav>Home | News</nav></body></html>")
        else:
            self._send(404, "text/html", b"<html><body><h1>Not found</h1></body></html>")

    def _stream(self, path: str, pieces: list[bytes], pause: float) -> None:
        """Write `pieces` one by one, `pause` seconds apart (a server's pace, not a test's wait);
        then report "complete", or "cut short" when the client hung up first."""
        try:
            for piece in pieces:
                self.wfile.write(piece)
                self.wfile.flush()
                time.sleep(pause)
            ending = "complete"
        except (BrokenPipeError, ConnectionResetError):
            ending = "cut short"
        self.server.ended(path).put(ending)  # type: ignore[attr-defined]

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self._endings: dict[str, queue.Queue[str]] = {}
        self._requests: Counter[str] = Counter()
        self._lock = threading.Lock()

    def count(self, path: str) -> None:
        with self._lock:
            self._requests[path] += 1

    def requests(self) -> dict[str, int]:
        """How many requests each path has had."""
        with self._lock:
            return dict(self._requests)

    def ended(self, path: str) -> queue.Queue[str]:
        """How the answers to `path` ended, in order."""
        with self._lock:
            return self._endings.setdefault(path, queue.Queue())

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up on /huge or /slow, as it should


@contextlib.contextmanager
def serving_pages() -> Iterator[str]:
    """The server on 127.0.0.1 (a free port) while the block runs; yields its base URL."""
    server = _QuietServer(("127.0.0.1", 0), _Pages)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
