"""Groups reports into stories: near-duplicates, and reports close in time that share events or entities.

Two reports published within ``WINDOW_DAYS`` of each other join one story when they tell an event
with the same PLOVER type, actor and target, or share ``MIN_SHARED`` entities
that are not everywhere in the corpus (an entity in more than ``COMMON_SHARE`` of the reports, such
as the host country of a national press, links everything and so links nothing).
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date

WINDOW_DAYS = 3
MIN_SHARED = 3
COMMON_SHARE = 0.05
COMMON_FLOOR = 20


@dataclass
class StoryInput:
    pk: int
    id: str
    day: str | None
    canonical_id: str | None
    entities: set[str] = field(default_factory=set)
    events: set[tuple] = field(default_factory=set)


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _ordinal(day: str | None) -> int | None:
    try:
        return date.fromisoformat(day).toordinal() if day else None
    except ValueError:
        return None


def group_stories(items: list[StoryInput]) -> dict[int, str]:
    """Story id for every report pk: ``s-`` plus the id of the story's earliest report."""
    items = sorted(items, key=lambda x: (_ordinal(x.day) is None, x.day or "", x.pk))
    index = {item.id: i for i, item in enumerate(items)}
    union = _Union(len(items))
    for i, item in enumerate(items):
        if item.canonical_id in index:
            union.join(i, index[item.canonical_id])

    df = Counter(e for item in items for e in item.entities)
    common_limit = max(COMMON_FLOOR, COMMON_SHARE * len(items))
    recent_entities: dict[str, deque] = {}
    recent_events: dict[tuple, deque] = {}
    for i, item in enumerate(items):
        today = _ordinal(item.day)
        if today is None:
            continue
        shared: Counter = Counter()
        rare = {e for e in item.entities if df[e] <= common_limit}
        for entity in rare:
            postings = recent_entities.setdefault(entity, deque())
            while postings and today - postings[0][0] > WINDOW_DAYS:
                postings.popleft()
            for _, j in postings:
                shared[j] += 1
            postings.append((today, i))
        for j, count in shared.items():
            if count >= MIN_SHARED:
                union.join(i, j)
        for event in item.events:
            postings = recent_events.setdefault(event, deque())
            while postings and today - postings[0][0] > WINDOW_DAYS:
                postings.popleft()
            for _, j in postings:
                union.join(i, j)
            postings.append((today, i))

    first_of_root: dict[int, str] = {}
    for i, item in enumerate(items):  # items are in date order: the first seen is the earliest
        first_of_root.setdefault(union.find(i), item.id)
    return {item.pk: "s-" + first_of_root[union.find(i)] for i, item in enumerate(items)}
