#!/usr/bin/env python3
"""ModelDeploy adapter-sync sidecar.

Keeps /adapters (a volume shared with the engine) equal to the adapter list the operator publishes in
a ConfigMap, which the kubelet refreshes in place: adapters added later arrive without a pod restart.
It only moves files; the operator loads adapters into the engine through the engine's own API once
GET /status says they are Ready here.

Runs in the engine's image (it already has Python and huggingface_hub). Standard library otherwise;
s3:// needs boto3 in the image (an adapter fails with that message when it is missing).
"""
import json
import os
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIST = os.environ.get("ADAPTER_LIST", "/etc/modeldeploy/adapter-sync/adapters.json")
ROOT = os.environ.get("ADAPTER_DIR", "/adapters")
PORT = int(os.environ.get("ADAPTER_SYNC_PORT", "8001"))
INTERVAL = float(os.environ.get("ADAPTER_SYNC_INTERVAL_SECONDS", "5"))
PARTIAL = os.path.join(ROOT, ".partial")
DONE = os.path.join(ROOT, ".complete")

_states = {}
_failed_uri = {}  # name -> the uri whose download failed last; only the sync thread uses it
_lock = threading.Lock()


def _set(name, state, path, message=None):
    with _lock:
        _states[name] = {"state": state, "path": path, "message": message}


def fetch_hf(uri, target):
    from huggingface_hub import snapshot_download
    repo, _, revision = uri[len("hf://"):].partition("@")
    snapshot_download(repo_id=repo, revision=revision or None, local_dir=target)


def fetch_s3(uri, target):
    try:
        import boto3
    except ImportError:
        raise RuntimeError("s3:// adapters need boto3, which this image does not have")
    bucket, _, prefix = uri[len("s3://"):].partition("/")
    s3 = boto3.client("s3", endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            relative = obj["Key"][len(prefix):].lstrip("/")
            if relative:
                dest = os.path.join(target, relative)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                s3.download_file(bucket, obj["Key"], dest)


FETCHERS = {"hf": fetch_hf, "s3": fetch_s3}


def _complete_uri(name):
    try:
        with open(os.path.join(DONE, name)) as f:
            return f.read()
    except OSError:
        return None


def sync_adapter(adapter):
    name, uri, path = adapter["name"], adapter["uri"], adapter["path"]
    if not adapter.get("synced"):
        # pvc:// and file:// adapters are mounted or baked in: only check they are there.
        if os.path.exists(path):
            _set(name, "Ready", path)
        else:
            _set(name, "Failed", path, path + " does not exist in the pod")
        return
    if _complete_uri(name) == uri and os.path.isdir(path):
        _set(name, "Ready", path)
        return
    with _lock:
        previous = _states.get(name)
    # A retry of a failed download keeps reporting the failure until it succeeds: flipping to
    # Downloading on every attempt would flap the operator's conditions.
    if not (previous and previous["state"] == "Failed" and _failed_uri.get(name) == uri):
        _set(name, "Downloading", path)
    partial = os.path.join(PARTIAL, name)
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(partial)
    try:
        # The operator accepts the scheme in any case (HF://org/repo).
        scheme, _, rest = uri.partition("://")
        FETCHERS[scheme.lower()](scheme.lower() + "://" + rest, partial)
        # The engine must never see a half-written adapter: it appears under its name only when complete.
        shutil.rmtree(path, ignore_errors=True)
        os.rename(partial, path)
        with open(os.path.join(DONE, name), "w") as f:
            f.write(uri)
        _failed_uri.pop(name, None)
        _set(name, "Ready", path)
    except Exception as e:  # one adapter's failure must not stop the others
        shutil.rmtree(partial, ignore_errors=True)
        _failed_uri[name] = uri
        _set(name, "Failed", path, "%s: %s" % (type(e).__name__, e))


def remove_unlisted(wanted, wanted_dirs):
    # Directories are named after the adapter and a digest of its URI: an old version goes once its
    # replacement is listed (the engine holds loaded weights in memory, not on disk).
    for entry in os.listdir(ROOT):
        if not entry.startswith(".") and entry not in wanted_dirs:
            shutil.rmtree(os.path.join(ROOT, entry), ignore_errors=True)
    for name in os.listdir(DONE):
        if name not in wanted:
            try:
                os.remove(os.path.join(DONE, name))
            except OSError:
                pass
    with _lock:
        for name in [n for n in _states if n not in wanted]:
            del _states[name]
    for name in [n for n in _failed_uri if n not in wanted]:
        del _failed_uri[name]


def sync_once():
    with open(LIST) as f:
        adapters = json.load(f)
    for adapter in adapters:
        sync_adapter(adapter)
    remove_unlisted({a["name"] for a in adapters},
                    {os.path.basename(a["path"].rstrip("/")) for a in adapters if a.get("synced")})


def loop():
    while True:
        try:
            sync_once()
        except Exception as e:
            print("adapter-sync: %s: %s" % (type(e).__name__, e), flush=True)
        time.sleep(INTERVAL)


class StatusHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/status":
            self.send_error(404)
            return
        with _lock:
            body = json.dumps({"adapters": _states}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    os.makedirs(PARTIAL, exist_ok=True)
    os.makedirs(DONE, exist_ok=True)
    threading.Thread(target=loop, daemon=True).start()
    ThreadingHTTPServer(("0.0.0.0", PORT), StatusHandler).serve_forever()
