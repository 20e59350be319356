"""Reports written for the web tests (our own texts), with every layer filled by hand, and an XSS probe."""

from __future__ import annotations

from naba.record import Attribution, Entity, Event, Meta, Report, Sourcing, Span, TimeValue

ACCORDS_TEXT = (
    "قال الرئيس الأمريكي دونالد ترامب يوم الخميس إن كازاخستان ستنضم إلى الاتفاقيات الإبراهيمية.\n"
    "وأضافت مصادر مطلعة لموقع أكسيوس أن الإعلان سيجري في البيت الأبيض، وأن ترامب سيلتقي نتنياهو بعد ذلك."
)
XSS_TEXT = (
    "نص تجريبي <script>document.title='pwned'</script> ثم صورة <img src=x onerror=\"document.title='pwned'\"> "
    "وقال مسؤول إن <b>كل شيء</b> على ما يرام."
)


def span(text: str, surface: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Span.of(text, start, start + len(surface))


def accords_report(report_id: str = "web-accords") -> Report:
    t = ACCORDS_TEXT
    entities = [
        Entity(id="e1", type="PERSON", name_ar="دونالد ترامب", name_en="Donald Trump", kb="per:donald-trump",
               mentions=[span(t, "دونالد ترامب"), span(t, "ترامب", 1)]),
        Entity(id="e2", type="GPE", name_ar="كازاخستان", name_en="Kazakhstan", kb="gpe:kz", mentions=[span(t, "كازاخستان")]),
        Entity(id="e3", type="AGREEMENT", name_ar="الاتفاقيات الإبراهيمية", name_en="Abraham Accords",
               kb="agr:abraham-accords", mentions=[span(t, "الاتفاقيات الإبراهيمية")]),
        Entity(id="e4", type="ORG", name_ar="أكسيوس", name_en="Axios", kb="org:axios", mentions=[span(t, "أكسيوس")]),
        Entity(id="e5", type="LOC", name_ar="البيت الأبيض", name_en="White House", kb="loc:white-house",
               mentions=[span(t, "البيت الأبيض")]),
        Entity(id="e6", type="PERSON", name_ar="بنيامين نتنياهو", name_en="Benjamin Netanyahu", kb="per:benjamin-netanyahu",
               mentions=[span(t, "نتنياهو")]),
    ]
    times = [TimeValue(**span(t, "يوم الخميس").model_dump(), value="2025-11-06")]
    attributions = [
        Attribution(cue=span(t, "قال"), speaker=span(t, "الرئيس الأمريكي دونالد ترامب"), speaker_kind="named",
                    speaker_entity="e1", content=span(t, "كازاخستان ستنضم إلى الاتفاقيات الإبراهيمية")),
        Attribution(cue=span(t, "وأضافت"), speaker=span(t, "مصادر مطلعة"), speaker_kind="anonymous",
                    via=span(t, "أكسيوس"), via_entity="e4",
                    content=span(t, "الإعلان سيجري في البيت الأبيض، وأن ترامب سيلتقي نتنياهو بعد ذلك")),
    ]
    events = [
        Event(trigger=span(t, "ستنضم"), type="AGREE", mode="join", cameo="057", actor="e2", target="e3", time=0,
              status="announced", attribution=0, evidence=[span(t, "ستنضم")]),
        Event(trigger=span(t, "سيلتقي"), type="CONSULT", mode="meet", cameo="040", actor="e1", target="e6",
              status="planned", attribution=1, evidence=[span(t, "سيلتقي")]),
    ]
    sourcing = Sourcing(named=1, anonymous=1, outlets=["Axios"], unnamed_share=0.6)
    return Report(id=report_id, meta=Meta(title="كازاخستان تنضم إلى الاتفاقيات الإبراهيمية", published="2025-11-07T01:34:00",
                                          outlet="naba-tests", author="فريق نبأ"),
                  text=t, entities=entities, times=times, attributions=attributions, events=events, sourcing=sourcing)


def xss_report(report_id: str = "web-xss") -> Report:
    t = XSS_TEXT
    entities = [Entity(id="e1", type="MISC", name_ar="<script>alert(1)</script>", name_en="<img src=x onerror=alert(1)>",
                       mentions=[span(t, "<script>document.title='pwned'</script>")])]
    times = [TimeValue(**span(t, "<b>كل شيء</b>").model_dump(), value="\"><script>alert(2)</script>")]
    return Report(id=report_id, meta=Meta(title="<script>document.title='pwned'</script>عنوان", published="2025-11-08T10:00:00"),
                  text=t, entities=entities, times=times)
