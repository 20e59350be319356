"""Stories by complete linkage: no story holds two reports that are not alike (no chaining)."""

from __future__ import annotations

from collections import defaultdict

from naba.corpus.stories import THRESHOLD, StoryInput, check_stories, group_stories, story_similarity


def item(pk, day, entities, canonical=None, events=()):
    return StoryInput(pk, f"r{pk}", day, canonical, set(entities), set(events))


def background(n=40):
    # many unrelated reports, so the named entities below are rare enough to weigh
    return [item(100 + i, "2015-07-01", {f"bg{i}"}) for i in range(n)]


def test_a_chain_of_pairwise_links_is_not_one_story():
    # a~b share {x, y}, b~c share {z, w}, a and c share nothing: single linkage chains all three
    a = item(1, "2015-07-20", {"x", "y"})
    b = item(2, "2015-07-20", {"x", "y", "z", "w"})
    c = item(3, "2015-07-21", {"z", "w"})
    items = [a, b, c, *background()]
    sim = story_similarity(items)
    assert sim.score(a, b) >= THRESHOLD and sim.score(b, c) >= THRESHOLD and sim.score(a, c) < THRESHOLD
    assigned = group_stories(items)
    assert assigned[1] != assigned[3]
    assert check_stories(items, assigned) == []


def test_near_duplicates_and_close_reports_share_a_story_far_ones_do_not():
    a = item(1, "2015-07-20", {"x", "y", "z"})
    dup = item(2, "2015-07-20", {"x", "y", "z"}, canonical="r1")
    close = item(3, "2015-07-22", {"x", "y", "z"})
    late = item(4, "2015-08-30", {"x", "y", "z"})  # same names, a month later: another story
    items = [a, dup, close, late, *background()]
    assigned = group_stories(items)
    assert assigned[1] == assigned[2] == assigned[3] == "s-r1"
    assert assigned[4] != assigned[1]


def test_no_story_of_the_dev_articles_holds_two_unlike_reports(pipeline, dev_news_path):
    from naba.corpus import corpus_entity_id
    from naba.ingest import read_inputs

    docs = list(read_inputs([str(dev_news_path)], text_field="content", date_field="date_extracted"))
    items = []
    for pk, doc in enumerate(docs):
        report = pipeline.analyze(doc)
        local = {e.id: corpus_entity_id(e) for e in report.entities}
        items.append(StoryInput(pk, report.id, (report.meta.published or "")[:10] or None, None,
                                set(local.values()),
                                {(e.type, local[e.actor], local[e.target]) for e in report.events if e.actor and e.target}))
    assigned = group_stories(items)
    assert check_stories(items, assigned) == []
    sizes = defaultdict(int)
    for story in assigned.values():
        sizes[story] += 1
    multi = [n for n in sizes.values() if n > 1]
    assert multi, "some dev reports tell one story (the relief flights to Aden)"
    assert max(multi) <= 8, f"a story of {max(multi)} reports: chaining is back"
