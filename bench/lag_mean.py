"""Prints the mean of inorder_lag_seconds between two /q/metrics scrapes (its _sum and _count), in milliseconds:
exact, where the p99 of lag_p99.py is only as fine as the histogram's buckets."""
import re
import sys


def totals(path):
    found = {}
    for line in open(path):
        m = re.match(r'inorder_lag_seconds_(sum|count) (\S+)', line)
        if m:
            found[m.group(1)] = float(m.group(2))
    return found.get("sum", 0.0), found.get("count", 0.0)


(s0, c0), (s1, c1) = totals(sys.argv[1]), totals(sys.argv[2])
print("n/a" if c1 == c0 else f"{(s1 - s0) / (c1 - c0) * 1000:.1f} ms")
