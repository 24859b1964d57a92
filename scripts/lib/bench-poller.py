"""The neutral observer of scripts/bench-peers: runs one deploy command and
watches the engine (DOCKER_HOST, else the local socket) while it works.

usage: bench-poller.py --label K=V [--label K=V]... --count N [--healthy]
                       [--fresh] [--timeout S] --out FILE -- COMMAND...

It opens the engine's live event stream for the containers carrying every
label before it starts COMMAND (the daemon keeps only its last 256 events,
which health checks flood, so they cannot be read back afterwards), takes the
containers that exist from one list call, and from then on follows the events
alone: no polling load on the engine under test. It waits until COMMAND has
exited and exactly N of those containers run (healthy too with --healthy,
created after COMMAND started too with --fresh), then writes one JSON object to
FILE, times in seconds from COMMAND's start:
  exit          COMMAND returned
  ready         the containers last became converged (event time)
  converged     the later of the two: the command is back and the stack runs
  first_create  the first create event, or null
  min_healthy   fewest running healthy containers at any moment
  creates, destroys  container events counted
  rc            COMMAND's exit code
Exits 1 when COMMAND fails or nothing converges within --timeout (default 180).
Python's standard library only, so Debian's /usr/bin/python3 runs it.
"""
import argparse
import http.client
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost")
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


def connection():
    host = os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"
    if host.startswith("unix://"):
        return UnixConnection(host[len("unix://"):])
    if host.startswith("tcp://"):
        return http.client.HTTPConnection(host[len("tcp://"):])
    sys.exit(f"bench-poller: unsupported DOCKER_HOST {host}")


def get(path, filters):
    conn = connection()
    conn.request("GET", path + "filters=" + urllib.parse.quote(json.dumps(filters)))
    resp = conn.getresponse()
    if resp.status != 200:
        sys.exit(f"bench-poller: {path} answered {resp.status}: {resp.read()[:200]!r}")
    return conn, resp


def follow(resp, events):
    for line in iter(resp.readline, b""):
        if line.strip():
            events.put(json.loads(line))
    events.put(None)


class Tasks:
    """What the events say of the selected containers."""

    def __init__(self, args):
        self.args = args
        self.running, self.healthy, self.fresh = set(), set(), set()

    def serving(self):
        return len(self.running & self.healthy)

    def converged(self):
        ok = self.running & self.healthy if self.args.healthy else set(self.running)
        if self.args.fresh:
            ok &= self.fresh
        return len(ok) == self.args.count and len(self.running) == self.args.count

    def apply(self, action, cid):
        if action == "create":
            self.fresh.add(cid)
        elif action == "start":
            self.running.add(cid)
        elif action in ("kill", "die"):
            # A container told to stop no longer counts as serving.
            self.healthy.discard(cid)
            if action == "die":
                self.running.discard(cid)
        elif action == "health_status: healthy":
            self.healthy.add(cid)
        elif action.startswith("health_status"):
            self.healthy.discard(cid)


def watch(args, tasks, events, proc, start):
    deadline = start + args.timeout
    ready = start if tasks.converged() else None
    exit_at = rc = first_create = None
    min_healthy = tasks.serving()
    creates = destroys = 0
    while time.time() < deadline:
        if exit_at is None and proc.poll() is not None:
            exit_at, rc = time.time(), proc.returncode
            if rc != 0:
                break
        if exit_at is not None and ready is not None:
            break
        try:
            event = events.get(timeout=0.05)
        except queue.Empty:
            continue
        if event is None:
            sys.exit("bench-poller: the engine closed the event stream")
        at, action = event["timeNano"] / 1e9, event["Action"]
        if at < start:
            continue
        creates += action == "create"
        destroys += action == "destroy"
        if action == "create" and first_create is None:
            first_create = at
        tasks.apply(action, event["id"])
        min_healthy = min(min_healthy, tasks.serving())
        ready = (ready or at) if tasks.converged() else None
    rel = lambda t: None if t is None else round(t - start, 3)
    done = max(exit_at, ready) if exit_at is not None and ready is not None else None
    return {"exit": rel(exit_at), "ready": rel(ready), "converged": rel(done),
            "first_create": rel(first_create), "min_healthy": min_healthy,
            "creates": creates, "destroys": destroys, "rc": rc}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", action="append", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--healthy", action="store_true")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--timeout", type=float, default=180)
    parser.add_argument("--out", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    events = queue.Queue()
    # getresponse() returns once the daemon has sent the headers, which it does
    # when the subscription is in place: nothing after this point is missed.
    _, stream = get("/events?", {"type": ["container"], "label": args.label})
    threading.Thread(target=follow, args=(stream, events), daemon=True).start()
    tasks = Tasks(args)
    conn, resp = get("/containers/json?all=1&", {"label": args.label})
    for c in json.loads(resp.read()):
        if c["State"] == "running":
            tasks.running.add(c["Id"])
            if "(healthy)" in c["Status"]:
                tasks.healthy.add(c["Id"])
    conn.close()

    start = time.time()
    # Its own process group, so a timeout or Ctrl-C stops it with its children.
    proc = subprocess.Popen(command, start_new_session=True)
    try:
        result = watch(args, tasks, events, proc, start)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    with open(args.out, "w") as f:
        f.write(json.dumps(result) + "\n")
    if result["rc"] not in (0, None):
        sys.exit(f"bench-poller: {command[0]} exited with {result['rc']}")
    if result["converged"] is None:
        sys.exit(f"bench-poller: not converged after {args.timeout:g} s: {len(tasks.running)} "
                 f"running, {tasks.serving()} healthy, want {args.count}")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench-poller: terminated"))
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("bench-poller: interrupted")
