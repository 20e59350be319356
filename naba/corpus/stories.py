"""Groups reports into stories by complete linkage: every two reports of a story are close.

Single linkage (join any two close reports, as union-find does) chains: A is close to B, B to C,
and a "story" ends up holding Aden, ISIS in Anbar and an obituary. Here a story grows only while
*every* pair of its members stays at or above ``THRESHOLD``, so no story can hold two reports
that are not alike (``story_similarity`` says how alike; ``check_stories`` verifies a grouping).

Two reports are alike when they were published within ``WINDOW_DAYS`` of each other and
- one is a near-duplicate of the other, or both of one report (MinHash, see ``dedup``): 1.0;
- else the weighted Jaccard of the entities they mention, each weighted by its rarity (an entity
  in more than ``COMMON_SHARE`` of the reports, such as the host country of a national press,
  weighs nothing), plus ``EVENT_BONUS`` for each event told by both (same PLOVER type, actor and
  target), and, when both MinHashes are known, at least their Jaccard.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np

WINDOW_DAYS = 3
THRESHOLD = 0.3
EVENT_BONUS = 0.15
COMMON_SHARE = 0.05
COMMON_FLOOR = 20
MAX_CANDIDATES = 200  # per report: the closest others considered for linkage


@dataclass
class StoryInput:
    pk: int
    id: str
    day: str | None
    canonical_id: str | None
    entities: set[str] = field(default_factory=set)
    events: set[tuple] = field(default_factory=set)
    minhash: bytes | None = None


def _ordinal(day: str | None) -> int | None:
    try:
        return date.fromisoformat(day[:10]).toordinal() if day else None
    except ValueError:
        return None


class Similarity:
    """``score(a, b)`` for two StoryInputs of one corpus (entity weights come from the whole corpus)."""

    def __init__(self, items: list[StoryInput]):
        df = Counter(e for item in items for e in item.entities)
        common_limit = max(COMMON_FLOOR, COMMON_SHARE * len(items))
        n = max(len(items), 1)
        self.weight = {e: (math.log(1 + n / c) if c <= common_limit else 0.0) for e, c in df.items()}
        self.root = {}
        by_id = {item.id: item for item in items}
        for item in items:
            self.root[item.pk] = by_id[item.canonical_id].pk if item.canonical_id in by_id else item.pk
        self._hashes = {item.pk: np.frombuffer(item.minhash, dtype=np.uint64) for item in items if item.minhash}

    def score(self, a: StoryInput, b: StoryInput) -> float:
        if self.root[a.pk] == self.root[b.pk]:
            return 1.0
        da, db = _ordinal(a.day), _ordinal(b.day)
        if da is None or db is None or abs(da - db) > WINDOW_DAYS:
            return 0.0
        w = self.weight
        shared = sum(w.get(e, 0.0) for e in a.entities & b.entities)
        union = sum(w.get(e, 0.0) for e in a.entities | b.entities)
        score = shared / union if union else 0.0
        score += EVENT_BONUS * len(a.events & b.events)
        ha, hb = self._hashes.get(a.pk), self._hashes.get(b.pk)
        if ha is not None and hb is not None and len(ha) == len(hb):
            score = max(score, float(np.mean(ha == hb)))
        return min(1.0, score)


def story_similarity(items: list[StoryInput]) -> Similarity:
    return Similarity(items)


def _candidates(items: list[StoryInput], sim: Similarity) -> list[tuple[float, int, int]]:
    """Pairs worth scoring (sharing a weighted entity or an event within the window, or a canonical),
    with their scores, best first."""
    postings: dict[object, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for entity in item.entities:
            if sim.weight.get(entity, 0.0) > 0:
                postings[("e", entity)].append(i)
        for event in item.events:
            postings[("v", event)].append(i)
        postings[("root", sim.root[item.pk])].append(i)
    days = [_ordinal(item.day) for item in items]
    pairs: dict[int, set[int]] = defaultdict(set)
    for key, members in postings.items():
        members.sort(key=lambda i: (days[i] is None, days[i] or 0))
        same_root = key[0] == "root"
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if not same_root and (days[i] is None or days[j] is None or days[j] - days[i] > WINDOW_DAYS):
                    break
                if len(pairs[i]) < MAX_CANDIDATES * 4:
                    pairs[i].add(j)
    scored = []
    for i, others in pairs.items():
        for j in others:
            s = sim.score(items[i], items[j])
            if s >= THRESHOLD:
                scored.append((s, min(i, j), max(i, j)))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    return scored


def group_stories(items: list[StoryInput], threshold: float = THRESHOLD) -> dict[int, str]:
    """Story id for every report pk: ``s-`` plus the id of the story's earliest report.

    Agglomerative complete linkage over the candidate pairs, best pair first: two groups merge only
    when every cross pair scores at least ``threshold``."""
    items = sorted(items, key=lambda x: (_ordinal(x.day) is None, x.day or "", x.pk))
    sim = Similarity(items)
    scores: dict[tuple[int, int], float] = {}
    for s, i, j in _candidates(items, sim):
        scores[(i, j)] = s
    group_of = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}

    def pair_score(i: int, j: int) -> float:
        key = (min(i, j), max(i, j))
        if key not in scores:
            scores[key] = sim.score(items[key[0]], items[key[1]])
        return scores[key]

    for s, i, j in sorted(((s, i, j) for (i, j), s in scores.items()), key=lambda x: (-x[0], x[1], x[2])):
        gi, gj = group_of[i], group_of[j]
        if gi == gj or s < threshold:
            continue
        if all(pair_score(a, b) >= threshold for a in members[gi] for b in members[gj]):
            keep, gone = min(gi, gj), max(gi, gj)
            for m in members[gone]:
                group_of[m] = keep
            members[keep].extend(members.pop(gone))

    return {item.pk: "s-" + items[min(members[group_of[i]])].id for i, item in enumerate(items)}


def check_stories(items: list[StoryInput], assigned: dict[int, str], threshold: float = THRESHOLD) -> list[tuple[str, str, float]]:
    """Pairs of reports in one story whose similarity is below ``threshold`` (empty when the grouping holds)."""
    sim = Similarity(items)
    by_story: dict[str, list[StoryInput]] = defaultdict(list)
    for item in items:
        by_story[assigned[item.pk]].append(item)
    bad = []
    for group in by_story.values():
        for x, a in enumerate(group):
            for b in group[x + 1:]:
                s = sim.score(a, b)
                if s < threshold:
                    bad.append((a.id, b.id, s))
    return bad
