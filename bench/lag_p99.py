"""Prints the 99th percentile of inorder_lag_seconds between two /q/metrics scrapes, from the histogram buckets.
Several instances: comma-separated scrapes on both sides; their buckets are added up."""
import re
import sys


def buckets(paths):
    result = {}
    for path in paths.split(","):
        for line in open(path):
            m = re.match(r'inorder_lag_seconds_bucket\{le="([^"]+)"\} (\S+)', line)
            if m:
                bound = float("inf") if m.group(1) == "+Inf" else float(m.group(1))
                result[bound] = result.get(bound, 0) + float(m.group(2))
    return result


before, after = buckets(sys.argv[1]), buckets(sys.argv[2])
bounds = sorted(after)
counts = [(b, after[b] - before.get(b, 0)) for b in bounds]
total = counts[-1][1]
if total == 0:
    print("n/a (no events)")
else:
    for bound, cumulative in counts:
        if cumulative >= 0.99 * total:
            print(f"<= {bound * 1000:.0f} ms over {total:.0f} chunks (each chunk's oldest event: a bound for all of it)")
            break
