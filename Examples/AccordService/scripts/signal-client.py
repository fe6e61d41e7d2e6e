#!/usr/bin/env python3
"""Signed POST /v1/signals for the load and crash tests (loopback only, bounded, stops by itself).

  signal-client.py presign COUNT FILE
      Writes COUNT signed signal requests, one per line as "<timestamp>\t<hex signature>\t<body>",
      for wrk's load-test.lua. The bodies are quote requests from COUNT different people.

  signal-client.py send URL CONNECTIONS SECONDS ACKS
      Sends signed signals from CONNECTIONS keep-alive connections until SECONDS pass or the
      service goes away, each with a fresh Idempotency-Key ("crash:<connection>-<n>"); appends the
      key of every request answered 2xx to ACKS, after the answer arrived. Prints counts.

  signal-client.py retry URL ACKS LIMIT
      Sends the first LIMIT acknowledged requests again, with their keys: each must answer 200
      with "duplicate": true. Exits 1 otherwise.

ACCORD_WEBHOOK_SECRET is the signing secret. Only the standard library is used.
"""
import hashlib
import hmac
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

SECRET = os.environ.get("ACCORD_WEBHOOK_SECRET", "").encode()
# A minute ago: recent enough that the signal counts, in the past as a received event is.
OCCURRED_AT = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))


def body_for(person: int) -> str:
    """The signal body of one person; the same person's signals differ only in their key."""
    return json.dumps(
        {
            "person": {
                "email": f"load{person}@example.com",
                "company": f"Company {person % 997}",
                "source": "website",
                "attributes": {"industry": "healthcare", "employees": 450, "country": "US"},
            },
            "signal": {"kind": "quote-requested", "occurredAt": OCCURRED_AT},
        },
        separators=(",", ":"),
    )


def sign(body: str, timestamp: int) -> str:
    return hmac.new(SECRET, f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()


def headers(body: str, key: str) -> dict:
    timestamp = int(time.time())
    return {
        "Content-Type": "application/json",
        "X-Accord-Timestamp": str(timestamp),
        "X-Accord-Signature": "sha256=" + sign(body, timestamp),
        "Idempotency-Key": key,
    }


def person_of(key: str) -> int:
    """The person a crash-test key's request was about, one of 500: connections start apart."""
    connection, counter = key.removeprefix("crash:").rsplit("-", 1)
    return (int(connection) * 61 + int(counter)) % 500


def connect(url: str) -> http.client.HTTPConnection:
    parsed = urllib.parse.urlparse(url)
    if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("signal-client.py: loopback only, got " + url)
    return http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)


def presign(count: int, path: str) -> None:
    timestamp = int(time.time())
    with open(path, "w") as out:
        for person in range(count):
            body = body_for(person)
            out.write(f"{timestamp}\t{sign(body, timestamp)}\t{body}\n")


def send(url: str, connections: int, seconds: float, acks_path: str) -> None:
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    counts = {"acknowledged": 0, "refused": 0, "failed": 0}
    acks = open(acks_path, "a")

    def worker(index: int) -> None:
        connection = connect(url)
        n = 0
        while time.monotonic() < deadline:
            n += 1
            key = f"crash:{index}-{n}"
            body = body_for(person_of(key))
            try:
                connection.request("POST", "/v1/signals", body=body, headers=headers(body, key))
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                # The service went away (kill -9): this request's outcome is unknown, so its
                # key is not acknowledged. Stop.
                with lock:
                    counts["failed"] += 1
                return
            with lock:
                if 200 <= response.status < 300:
                    counts["acknowledged"] += 1
                    acks.write(key + "\n")
                    acks.flush()
                else:
                    counts["refused"] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    acks.close()
    print(" ".join(f"{name}={value}" for name, value in counts.items()))


def retry(url: str, acks_path: str, limit: int) -> None:
    with open(acks_path) as file:
        keys = [line.strip() for line in file if line.strip()][:limit]
    connection = connect(url)
    wrong = 0
    for key in keys:
        body = body_for(person_of(key))
        connection.request("POST", "/v1/signals", body=body, headers=headers(body, key))
        response = connection.getresponse()
        answer = response.read()
        if response.status != 200 or not json.loads(answer).get("duplicate"):
            wrong += 1
            print(f"retry of {key}: {response.status} {answer[:200]!r}", file=sys.stderr)
    print(f"retried={len(keys)} not-duplicate={wrong}")
    if wrong:
        sys.exit(1)


if __name__ == "__main__":
    if not SECRET:
        sys.exit("signal-client.py: set ACCORD_WEBHOOK_SECRET")
    command, arguments = sys.argv[1] if len(sys.argv) > 1 else "", sys.argv[2:]
    if command == "presign" and len(arguments) == 2:
        presign(int(arguments[0]), arguments[1])
    elif command == "send" and len(arguments) == 4:
        send(arguments[0], int(arguments[1]), float(arguments[2]), arguments[3])
    elif command == "retry" and len(arguments) == 3:
        retry(arguments[0], arguments[1], int(arguments[2]))
    else:
        sys.exit(__doc__)
