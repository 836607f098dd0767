"""A stand-in for huggingface_hub, put first on PYTHONPATH by AdapterSyncDownloadTest.

snapshot_download records each call, writes the adapter's config at once and its weights only when the test
creates <FAKE_HF_GATE>/release-<n> for the n-th call: until then the download is visibly half-written.
Revision "broken" fails half-way, as a dropped connection would.
"""
import json
import os
import time

_CALLS = os.environ["FAKE_HF_CALLS"]
_GATE = os.environ["FAKE_HF_GATE"]
# Bounded: a test that never releases a download must not leave this process waiting for ever.
_PATIENCE_SECONDS = 30


def snapshot_download(repo_id, revision=None, local_dir=None, **kwargs):
    with open(_CALLS, "a") as f:
        f.write(json.dumps({"repo_id": repo_id, "revision": revision, "local_dir": local_dir}) + "\n")
    with open(_CALLS) as f:
        call = sum(1 for _ in f)
    os.makedirs(local_dir, exist_ok=True)
    with open(os.path.join(local_dir, "adapter_config.json"), "w") as f:
        json.dump({"base_model_name_or_path": "org/base", "revision": revision}, f)
    if revision == "broken":
        raise OSError("Connection reset by peer while fetching adapter_model.safetensors")
    release = os.path.join(_GATE, "release-%d" % call)
    deadline = time.monotonic() + _PATIENCE_SECONDS
    while not os.path.exists(release):
        if time.monotonic() > deadline:
            raise TimeoutError("fake snapshot_download: %s never created" % release)
        time.sleep(0.02)
    with open(os.path.join(local_dir, "adapter_model.safetensors"), "w") as f:
        f.write("weights of %s@%s" % (repo_id, revision))
    return local_dir
