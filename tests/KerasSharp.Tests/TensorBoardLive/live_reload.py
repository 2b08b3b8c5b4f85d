"""A live TensorBoard's loader, for TensorBoardRealTests: reloads LOGDIR in a loop while KerasSharp
trains, as `tensorboard --logdir LOGDIR` does every --reload_interval seconds, then reloads once
more after STOPFILE appears (training has ended) and prints, as one JSON line, what it holds.

    tb-check --python live_reload.py LOGDIR STOPFILE INTERVAL_SECONDS

One EventMultiplexer is kept across reloads (new runs are added as they appear), with
plugin_event_accumulator's STORE_EVERYTHING_SIZE_GUIDANCE so that no point is sampled away.
The JSON: reloads (how many), reloads_with_runs (how many found at least one run), runs
{run: {"tensors": {tag: points}, "graph": bool}}, and warnings (TensorBoard's own log, WARNING and up,
e.g. the DirectoryWatcher's "File ... updated even though the current file is ...")."""
import json
import logging
import os
import sys
import time

from tensorboard.backend.event_processing import plugin_event_accumulator as pea
from tensorboard.backend.event_processing import plugin_event_multiplexer as pem

logdir, stopfile, interval = sys.argv[1], sys.argv[2], float(sys.argv[3])
warnings = []


class Keep(logging.Handler):
    def emit(self, record):
        warnings.append(f"{record.levelname} {record.name}: {record.getMessage()}"[:300])


logging.getLogger().addHandler(Keep(logging.WARNING))
mux = pem.EventMultiplexer(size_guidance=pea.STORE_EVERYTHING_SIZE_GUIDANCE)
reloads = with_runs = 0


def reload():
    global reloads, with_runs
    mux.AddRunsFromDirectory(logdir)
    mux.Reload()
    reloads += 1
    if mux.Runs():
        with_runs += 1


reload()
print("ready", flush=True)
while not os.path.exists(stopfile):
    time.sleep(interval)
    reload()
reload()
runs = {}
for run, tags in sorted(mux.Runs().items()):
    runs[run] = {"tensors": {tag: len(mux.Tensors(run, tag)) for tag in sorted(tags.get("tensors", []))},
                 "graph": bool(tags.get("graph"))}
print(json.dumps({"reloads": reloads, "reloads_with_runs": with_runs, "runs": runs, "warnings": warnings}), flush=True)
