"""A small HTTP server on 127.0.0.1 for the reader's URL tests, run in its own process (VTK
calls hold Python's GIL, so a server thread inside the test could not answer during a download).

    python3 archive_http_server.py ARCHIVE

Prints its port, then serves until stdin closes or 120 s have passed:
  /good.zip   the archive;                 /count  how many times /good.zip was served
  /short.zip  announces it all, sends half, hangs up
  /stall.zip  sends 100 bytes, then nothing for up to 20 s
  /data/NAME  the file NAME of the archive's folder (the test fixtures)
  /endless.zip     200 without a length, then zeros for up to 20 s or 1 GiB
  /endless404.zip  404 without a length, then zeros for up to 20 s or 1 GiB
  anything else: 404
"""
import os
import time
import http.server
import socket
import sys
import threading

with open(sys.argv[1], "rb") as f:
    ARCHIVE = f.read()
served = {"good": 0}
stop = threading.Event()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_body(self, body, announced=None):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body) if announced is None else announced))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def do_GET(self):
        if self.path == "/good.zip":
            served["good"] += 1
            self.send_body(ARCHIVE)
        elif self.path == "/count":
            self.send_body(str(served["good"]).encode())
        elif self.path == "/short.zip":
            self.send_body(ARCHIVE[: len(ARCHIVE) // 2], announced=len(ARCHIVE))
            self.connection.shutdown(socket.SHUT_RDWR)
        elif self.path.startswith("/data/") and "/" not in self.path[len("/data/"):]:
            path = os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), self.path[len("/data/"):])
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    self.send_body(f.read())
            else:
                self.send_error(404, "no such archive")
        elif self.path in ("/endless.zip", "/endless404.zip"):
            # A body that never ends (bounded here in time and bytes): the client must stop it.
            self.send_response(200 if self.path == "/endless.zip" else 404)
            self.end_headers()
            chunk = bytes(1 << 20)
            started = time.monotonic()
            try:
                for _ in range(1024):
                    if stop.is_set() or time.monotonic() - started > 20:
                        break
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client hung up, as it should
        elif self.path == "/stall.zip":
            self.send_body(ARCHIVE[:100], announced=len(ARCHIVE))
            stop.wait(20)
        else:
            self.send_error(404, "no such archive")


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # clients that give up early (size caps, timeouts) are expected here


server = QuietServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
stop.wait(120)
stop.set()
server.shutdown()
