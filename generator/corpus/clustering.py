"""Average-linkage agglomerative clustering over a sparse similarity graph (UPGMA with a threshold).

Two clusters join only when the average of their pairs is at least the threshold, so at least one
of their pairs is; every cluster therefore stays inside one connected component of the graph of
pairs at or above the threshold. A pair between two such components, or touching an item that has
no pair at or above it, can never be part of a join: it never reaches the threshold however the
clusters around it grow (an average of values below the threshold is below it), so it can only
be popped after the last join. Such pairs are left out before the heap is built, and the heap
holds only averages at or above the threshold (an average changes only when one side joins
another cluster, which makes a new cluster and new entries): the same joins in the same order,
with a fraction of the work (most articles are in no story).
"""

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
    component = _components(len(items), [(index[a], index[b]) for (a, b), value in similarity.items()
                                          if value >= threshold])
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), value in similarity.items():
        i, j = index[a], index[b]
        if i > j:
            i, j = j, i
        if i != j and value > 0 and component.get(i, -1) == component.get(j, -2):
            sums[i][j] = sums[i].get(j, 0.0) + value
            sums[j][i] = sums[i][j]
    heap = [(-value, i, j) for i, row in sums.items() for j, value in row.items() if i < j and value >= threshold]
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
        row = _merge_rows(sums, members, i, j)
        members[next_id] = merged
        for k, value in row.items():
            sums[k][next_id] = value
            average = value / (len(merged) * len(members[k]))
            if average >= threshold:  # below it, only a later join of either side could lift it
                heapq.heappush(heap, (-average, min(k, next_id), max(k, next_id)))
        sums[next_id] = row
        next_id += 1
    return sorted(sorted(group) for group in members.values())


def nearest_neighbour_joins(groups: list[list[str]], similarity: Mapping[tuple[str, str], float],
                            threshold: float) -> list[list[str]]:
    """Join two groups while each item of the smaller has, on average, a partner in the larger at
    ``threshold`` or more: the mean over the smaller group of each item's best similarity into the
    larger (of two groups of one size, the lower of the two means). The best such join first; a
    join changes only the means that involve the new group, which are computed again. Groups come
    back sorted."""
    members = {k: list(group) for k, group in enumerate(groups)}
    cluster = {item: k for k, group in members.items() for item in group}
    best: dict[str, dict[int, float]] = defaultdict(dict)
    """item -> another group -> the item's best similarity into that group."""
    for (a, b), value in similarity.items():
        i, j = cluster[a], cluster[b]
        if i != j:
            best[a][j] = max(best[a].get(j, 0.0), value)
            best[b][i] = max(best[b].get(i, 0.0), value)
    heap = [(-link, i, j) for i, j in sorted(_neighbours(members, best))
            if (link := _mean_best(members, best, i, j)) >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, i, j = heapq.heappop(heap)
        if i not in members or j not in members or -negative != _mean_best(members, best, i, j):
            continue  # merged away, or the mean moved since: the fresh entry is on the heap
        for k in {k for item in members[j] for k in best[item]} - {i}:
            for item in members[k]:
                if j in best[item]:
                    best[item][i] = max(best[item].get(i, 0.0), best[item].pop(j))
        for item in members[i]:
            best[item].pop(j, None)
        for item in members[j]:
            best[item].pop(i, None)
            cluster[item] = i
        members[i] += members.pop(j)
        for k in sorted({k for item in members[i] for k in best[item]}):
            link = _mean_best(members, best, min(i, k), max(i, k))
            if link >= threshold:
                heapq.heappush(heap, (-link, min(i, k), max(i, k)))
    return sorted(sorted(group) for group in members.values())


def _neighbours(members: Mapping[int, list[str]], best: Mapping[str, Mapping[int, float]]) -> set[tuple[int, int]]:
    return {(min(i, k), max(i, k)) for i, group in members.items() for item in group for k in best.get(item, ())}


def _mean_best(members: Mapping[int, list[str]], best: Mapping[str, Mapping[int, float]], i: int, j: int) -> float:
    def mean(small: int, large: int) -> float:
        return sum(best[item].get(large, 0.0) for item in members[small] if item in best) / len(members[small])

    if len(members[i]) == len(members[j]):
        return min(mean(i, j), mean(j, i))
    return mean(i, j) if len(members[i]) < len(members[j]) else mean(j, i)


def _merge_rows(sums: dict[int, dict[int, float]], members: Mapping[int, list[str]], i: int,
                j: int) -> dict[int, float]:
    """The summed row of the merged clusters ``i`` and ``j`` (no longer in ``members``). Their
    entries in the other rows stay behind, unread: a row is read only when its own cluster merges,
    and then only its clusters still in ``members`` count (half the work of taking them out)."""
    row: dict[int, float] = {}
    for old in (i, j):
        for k, value in sums.pop(old, {}).items():
            if k in members:
                row[k] = row.get(k, 0.0) + value
    return row


def _components(count: int, edges: list[tuple[int, int]]) -> dict[int, int]:
    """The connected component (a representative item) of every item on at least one edge."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {i: root(i) for edge in edges for i in edge}
