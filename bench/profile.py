"""Reads async-profiler's collapsed stacks (bench/profile.sh): microseconds of the core per request for each thread
group, and the event loop's heaviest frames, inclusive. With a second profile, the frames side by side, largest
difference first.
Usage: profile.py STACKS RPS SECS [STACKS_B RPS_B]   (SECS: the profiled seconds, the same for both)"""
import collections
import re
import sys


def group(frames):
    stack = ";".join(frames)
    if "NioEventLoop.run" in stack:
        return "event loop"
    if "CompileBroker" in stack:
        return "JIT compiler"
    if "EnhancedQueueExecutor" in stack or "dev/inorder/processing" in stack:
        return "worker (consumer)"
    if "GC" in stack or "VMThread" in stack:
        return "collector"
    return "other"


def read(path, rps, secs):
    per_request = 1e3 / (rps * secs)  # a sample is 1 ms of CPU at the default interval
    groups, frames = collections.Counter(), collections.Counter()
    for line in open(path):
        stack, _, count = line.rstrip().rpartition(" ")
        # a lambda's class is numbered per run: one name for it, so that two runs compare
        names, n = [re.sub(r"\$\$Lambda\$\d+[./]0x[0-9a-f]+", "$$Lambda", x) for x in stack.split(";")], int(count)
        groups[group(names)] += n * per_request
        if group(names) == "event loop":
            for name in set(names):
                frames[name] += n * per_request
    return groups, frames


secs = float(sys.argv[3])
a_groups, a = read(sys.argv[1], float(sys.argv[2]), secs)
print("µs per request:", ", ".join(f"{g} {v:.2f}" for g, v in a_groups.most_common()))
if len(sys.argv) > 5:
    b_groups, b = read(sys.argv[4], float(sys.argv[5]), secs)
    print("second:        ", ", ".join(f"{g} {v:.2f}" for g, v in b_groups.most_common()))
    for name in sorted(set(a) | set(b), key=lambda k: -abs(a.get(k, 0) - b.get(k, 0)))[:60]:
        print(f"{a.get(name, 0):6.2f} {b.get(name, 0):6.2f} {a.get(name, 0) - b.get(name, 0):+6.2f}  {name}")
else:
    for name, v in a.most_common(60):
        print(f"{v:6.2f}  {name}")
