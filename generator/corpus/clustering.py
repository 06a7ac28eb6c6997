"""Average-linkage agglomerative clustering over a sparse similarity graph (UPGMA with a threshold)."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping


def average_linkage(items: list[str], similarity: Mapping[tuple[str, str], float],
                    threshold: float) -> list[list[str]]:
    """Merge the two clusters with the highest average pairwise similarity while it is at least
    ``threshold``; pairs missing from ``similarity`` count as 0. Clusters come back sorted."""
    members: dict[int, list[str]] = {i: [item] for i, item in enumerate(items)}
    index = {item: i for i, item in enumerate(items)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), value in similarity.items():
        i, j = sorted((index[a], index[b]))
        if i != j and value > 0:
            sums[i][j] = sums[i].get(j, 0.0) + value
            sums[j][i] = sums[i][j]
    heap = [(-value, i, j) for i, row in sums.items() for j, value in row.items() if i < j]
    heapq.heapify(heap)
    next_id = len(items)
    while heap:
        _negative, i, j = heapq.heappop(heap)
        if i not in members or j not in members:
            continue  # one side was merged away since this entry was pushed
        average = sums[i][j] / (len(members[i]) * len(members[j]))
        if average < threshold:
            break  # the best remaining pair is below the threshold
        merged = members.pop(i) + members.pop(j)
        row = _merge_rows(sums, i, j)
        members[next_id] = merged
        for k, value in row.items():
            sums[k][next_id] = value
            heapq.heappush(heap, (-value / (len(merged) * len(members[k])), min(k, next_id), max(k, next_id)))
        sums[next_id] = row
        next_id += 1
    return sorted(sorted(group) for group in members.values())


def _merge_rows(sums: dict[int, dict[int, float]], i: int, j: int) -> dict[int, float]:
    row: dict[int, float] = {}
    for old in (i, j):
        for k, value in sums.pop(old, {}).items():
            if k in (i, j):
                continue
            row[k] = row.get(k, 0.0) + value
            sums[k].pop(old, None)
    return row
