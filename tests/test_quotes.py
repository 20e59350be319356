"""Attributions: cues, speakers (with coreference), via, content and the sourcing profile.

The sample-report tests read ../shared (skipped, naming the path, when absent); the construction
tests use sentences written for this file.
"""

from __future__ import annotations

import re

import pytest

from naba.analysis import Analysis
from naba.quotes import AttributionStage
from naba.record import Document, Entity, Meta, Span

SAMPLE_BODY_START = "أعلن مسؤولون"


@pytest.fixture(scope="module")
def stage() -> AttributionStage:
    return AttributionStage.load()


def analyse(stage, text, entities=()):
    analysis = Analysis.of(text, Meta()).with_layer(entities=entities)
    attributions = stage(analysis)
    for a in attributions:
        for span in (a.cue, a.speaker, a.via, a.content):
            if span is not None:
                assert text[span.start:span.end] == span.text
    return attributions, stage.sourcing(analysis.with_layer(attributions=attributions))


def by_cue(attributions, cue):
    found = [a for a in attributions if a.cue and a.cue.text == cue]
    assert found, f"no attribution with cue {cue!r} in {[a.cue.text for a in attributions if a.cue]}"
    return found


def mentions(text, surface, entity_id, kind):
    spans = [Span.of(text, m.start(), m.end()) for m in re.finditer(re.escape(surface), text)]
    return Entity(id=entity_id, type=kind, mentions=spans)


# ---- the sample report -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_text(sample_path) -> str:
    raw = sample_path.read_text(encoding="utf-8")
    return raw[raw.index(SAMPLE_BODY_START):]


@pytest.fixture(scope="module")
def sample_attributions(stage, sample_text):
    return analyse(stage, sample_text)


EXPECTED_SAMPLE = [  # (cue, speaker kind) from أعلن مسؤولون أمريكيون to ووفقاً لمصادر أمريكية and the last وأكد
    ("أعلن", "group"), ("قالت", "group"), ("أضافت", "group"), ("أكد", "anonymous"), ("قال", "anonymous"),
    ("أوضح", "anonymous"), ("أشار", "anonymous"), ("أوضح", "group"), ("أشار", "group"), ("قال", "anonymous"),
    ("قال", "named"), ("مؤكداً", "named"), ("أضاف", "named"), ("أشار", "named"), ("أوضح", "named"),
    ("مؤكداً", "named"), ("بحسب", "group"), ("يرى", "group"), ("قال", "anonymous"), ("وفقاً", "group"),
    ("أكد", "named"),
]


def test_sample_every_attribution_is_found_with_its_kind(sample_attributions):
    attributions, _ = sample_attributions
    assert [(a.cue.text, a.speaker_kind) for a in attributions] == EXPECTED_SAMPLE


def test_sample_back_references_resolve_to_their_antecedents(sample_attributions, sample_text):
    attributions, _ = sample_attributions
    official = "مسؤول أمريكي رفيع المستوى، رفض الكشف عن هويته"
    (added,) = by_cue(attributions, "أضافت")
    assert added.speaker.text == "مصادر مطلعة"
    assert added.speaker.start < added.cue.start
    said = by_cue(attributions, "قال")
    assert said[0].speaker.text == official  # وقال المسؤول
    explained = by_cue(attributions, "أوضح")
    assert explained[0].speaker.text == official  # وأوضح المسؤول
    pointed = by_cue(attributions, "أشار")
    assert pointed[0].speaker.text == official  # لكنه أشار (after the official)
    assert pointed[2].speaker.text == "ويتكوف"  # لكنه أشار (after وأضاف ويتكوف)
    last = by_cue(attributions, "أكد")[-1]
    assert last.speaker.text == "الرئيس توكاييف"
    assert explained[1].speaker.text == "مسؤولون أمريكيون"  # وأوضح المسؤولون الأمريكيون


def test_sample_participles_share_their_clause_speaker(sample_attributions):
    attributions, _ = sample_attributions
    witkoff, trump = by_cue(attributions, "مؤكداً")
    assert witkoff.speaker.text == "ستيف ويتكوف، مبعوث الرئيس الأمريكي دونالد ترامب"
    assert witkoff.content.text == "حضوره لحفل الإعلان في واشنطن"
    assert trump.speaker.text == "ترامب"
    assert trump.content.text.startswith("الاتفاقيات الإبراهيمية يمكن")


def test_sample_axios_is_the_via(sample_attributions):
    attributions, _ = sample_attributions
    (sources,) = by_cue(attributions, "قالت")
    assert sources.via.text == 'لموقع "أكسيوس" الأمريكي'  # with its ل, as the brief writes it
    assert sources.speaker.text == "مصادر مطلعة"
    assert sources.content.text.startswith("الإعلان سيجري")
    trump = [a for a in by_cue(attributions, "أوضح") if a.speaker.text == "ترامب"][0]
    assert trump.via.text == 'لموقع "أكسيوس"'


def test_sample_content_and_direct_speech(sample_attributions):
    attributions, _ = sample_attributions
    official = by_cue(attributions, "قال")[0]
    assert official.direct  # the partial quote "طريقاً نحو السلام ..."
    assert official.content.text.endswith('التعاون في المنطقة"')
    first = attributions[0]
    assert first.content.text.startswith("جمهورية كازاخستان ستنضم")
    assert not first.direct
    according = by_cue(attributions, "وفقاً")[0]
    assert according.content.text.startswith("فقد تواصل")
    assert "وأكد" not in according.content.text  # the last report is a clause of its own


def test_sample_sourcing_rests_mostly_on_unnamed_sources(sample_attributions):
    attributions, sourcing = sample_attributions
    assert sourcing.unnamed_share > 0.5
    assert sourcing.anonymous + sourcing.group > sourcing.named
    assert sourcing.named + sourcing.anonymous + sourcing.group + sourcing.outlet + sourcing.organization == len(attributions)
    assert sourcing.outlets == ["أكسيوس"]


def test_sample_named_speakers_link_to_the_entity_layer(stage, sample_text):
    entities = (
        Entity(id="Q-witkoff", type="PERSON", mentions=[
            Span.of(sample_text, m.start(), m.end()) for m in re.finditer(r"(?:ستيف )?ويتكوف", sample_text)]),
        mentions(sample_text, "ترامب", "Q-trump", "PERSON"),
        mentions(sample_text, "أكسيوس", "org:axios", "ORG"),
    )
    attributions, _ = analyse(stage, sample_text, entities)
    witkoff = by_cue(attributions, "قال")[2]
    assert witkoff.speaker_entity == "Q-witkoff"  # the PERSON mention wins over ترامب inside the apposition
    assert by_cue(attributions, "أضاف")[0].speaker_entity == "Q-witkoff"
    assert by_cue(attributions, "أشار")[2].speaker_entity == "Q-witkoff"  # through coreference
    trump = [a for a in by_cue(attributions, "أوضح") if a.speaker.text == "ترامب"][0]
    assert trump.speaker_entity == "Q-trump"
    assert trump.via_entity == "org:axios"
    assert by_cue(attributions, "قالت")[0].via_entity == "org:axios"
    assert by_cue(attributions, "أعلن")[0].speaker_entity is None  # unnamed officials link to nobody


def test_affiliation_of_unnamed_sources_comes_from_the_entity_layer(stage):
    text = "وقال مسؤولون أمريكيون إن المحادثات ستستأنف. وقالت مصادر مطلعة إن الموعد لم يحدد."
    us = mentions(text, "أمريكيون", "gpe:us", "GPE")
    attributions, _ = analyse(stage, text, (us,))
    assert [(a.speaker_kind, a.speaker_entity, a.speaker_affiliation) for a in attributions] == [
        ("group", None, "gpe:us"), ("group", None, None)]


# ---- constructions, one sentence each ------------------------------------------------------------

def only(stage, text, entities=()):
    attributions, _ = analyse(stage, text, entities)
    assert len(attributions) == 1, [(a.cue.text, a.speaker and a.speaker.text) for a in attributions]
    return attributions[0]


def test_vso(stage):
    a = only(stage, "وقال وزير الخارجية إن الاجتماع كان مثمراً.")
    assert (a.cue.text, a.speaker.text, a.speaker_kind) == ("قال", "وزير الخارجية", "named")
    assert a.content.text == "الاجتماع كان مثمراً"


def test_svo(stage):
    a = only(stage, "الوزير الجبير قال إن المملكة تدعم الحل السياسي.")
    assert a.speaker.text == "الوزير الجبير"
    assert a.content.text == "المملكة تدعم الحل السياسي"


def test_apposition(stage):
    a = only(stage, "وقال خالد العمري، المتحدث باسم الوزارة، إن الوفد سيصل غداً.")
    assert a.speaker.text == "خالد العمري، المتحدث باسم الوزارة"
    assert a.speaker_kind == "named"


def test_relative_clause(stage):
    a = only(stage, "وأكد مصدر دبلوماسي، طلب عدم ذكر اسمه، أن المفاوضات متعثرة.")
    assert a.speaker.text == "مصدر دبلوماسي، طلب عدم ذكر اسمه"
    assert a.speaker_kind == "anonymous"
    assert a.content.text == "المفاوضات متعثرة"


def test_feminine_plural_agreement_and_group(stage):
    a = only(stage, "وقالت مصادر مطلعة إن الاتفاق بات قريباً.")
    assert (a.speaker.text, a.speaker_kind) == ("مصادر مطلعة", "group")


def test_passive_nuqila_an(stage):
    a = only(stage, "ونُقل عن مسؤول عسكري قوله إن القوات تقدمت نحو المدينة.")
    assert a.speaker.text == "مسؤول عسكري"
    assert a.speaker_kind == "anonymous"
    assert a.content.text == "القوات تقدمت نحو المدينة"


def test_naqala_with_the_outlet_as_via(stage):
    a = only(stage, "ونقلت وكالة رويترز عن مسؤول أمني أن الحدود أغلقت.")
    assert a.speaker.text == "مسؤول أمني"
    assert a.via.text == "وكالة رويترز"


def test_wifqan_li(stage):
    a = only(stage, "ووفقاً لمصادر أمنية، فإن الهجوم أسفر عن مقتل ثلاثة أشخاص.")
    assert (a.cue.text, a.speaker.text, a.speaker_kind) == ("وفقاً", "مصادر أمنية", "group")
    assert a.content.text == "الهجوم أسفر عن مقتل ثلاثة أشخاص"
    b = only(stage, "وانخفضت الأسعار بنسبة كبيرة، بحسب وزارة التجارة.")
    assert (b.speaker.text, b.speaker_kind) == ("وزارة التجارة", "organization")
    assert b.content.text == "وانخفضت الأسعار بنسبة كبيرة"


def test_via_outlet(stage):
    a = only(stage, "وقال مسؤول أمريكي لوكالة رويترز إن القرار نهائي.")
    assert (a.speaker.text, a.speaker_kind, a.via.text) == ("مسؤول أمريكي", "anonymous", "لوكالة رويترز")


def test_direct_quote_after_colon(stage):
    a = only(stage, 'وقال الرئيس: "لن نتراجع عن قرارنا".')
    assert a.direct
    assert a.content.text == '"لن نتراجع عن قرارنا"'


def test_participle_takes_the_clause_subject(stage):
    a = only(stage, "ووصل الوزير إلى الرياض، مؤكداً أن الزيارة تاريخية.")
    assert (a.cue.text, a.speaker.text) == ("مؤكداً", "الوزير")


def test_a_group_subject_ends_before_the_verbs_object(stage):
    a = only(stage, "وناقش الوزراء خطة العمل بمزيد من التفصيل، مؤكدين أن الاتفاق يخدم أمن المنطقة.")
    assert (a.cue.text, a.speaker.text, a.speaker_kind) == ("مؤكدين", "الوزراء", "group")
    b = only(stage, "وأكد الوزراء العرب بشدة على أهمية الحوار.")
    assert (b.speaker.text, b.speaker_kind) == ("الوزراء العرب", "group")


def test_pronoun_and_definite_back_references(stage):
    attributions, sourcing = analyse(stage, "وقال المتحدث باسم الجيش إن الهجوم فشل. لكنه أشار إلى أن المعارك مستمرة. "
                                            "وقالت مصادر مطلعة إن الاتفاق قريب. وأضافت المصادر أن التوقيع سيتم قريباً.")
    assert [a.speaker.text for a in attributions] == ["المتحدث باسم الجيش", "المتحدث باسم الجيش", "مصادر مطلعة", "مصادر مطلعة"]
    assert sourcing.group == 2 and sourcing.named == 2
    assert 0.3 < sourcing.unnamed_share < 0.7


def test_non_reporting_senses_are_not_attributions(stage):
    for text in ("أشار الشرطي بيده نحو السيارة.", "ما قاله الوزير لم يكن جديداً.", "نشر الموقع المقال أمس.",
                 "وأضاف المصنع خطاً جديداً للإنتاج.", "وأرسل رسالة تؤكد أن الاتفاق قائم.",
                 "وتعتبر المدينة مركزاً تجارياً مهماً.", "ليس هذا فحسب بل إن الأسعار ارتفعت."):
        attributions, _ = analyse(stage, text)
        assert attributions == [], text


def test_passive_without_a_speaker(stage):
    a = only(stage, "وقيل إن الوفد غادر العاصمة.")
    assert (a.cue.text, a.speaker, a.speaker_kind) == ("قيل", None, None)
    assert a.content.text == "الوفد غادر العاصمة"


def test_verbal_noun_cue_takes_the_pronouns_antecedent(stage):
    attributions, _ = analyse(stage, "ووصل الرئيس إلى القاهرة أمس. وجدد الرئيس تأكيداته بأن الحل السياسي ممكن.")
    (a,) = attributions
    assert a.cue.text == "تأكيداته"
    assert a.speaker.text == "الرئيس"
    assert a.content.text == "الحل السياسي ممكن"


# ---- speakers over the whole report (issue 14), on sentences written for this file ---------------

def speakers(attributions):
    return [(a.cue.text, a.speaker.text if a.speaker else None) for a in attributions]


def test_continuations_go_to_the_last_speaker_not_a_person_named_in_passing(stage):
    text = ("وقال وزير الخارجية عادل الجبير إن الرياض تدعم الحل السياسي. "
            "وأوضح معاليه أن زيارة ولي العهد وزير الدفاع مؤخراً إلى موسكو فتحت صفحة جديدة. "
            "واجتمع الوفد مع وزير الدفاع مؤخراً في جدة. "
            "وأضاف أن التعاون سيتسع في السنوات المقبلة. لكنه أشار إلى أن بعض الخلافات باقية. "
            "كما أكد معاليه أن الحوار مستمر.")
    jubeir = Entity(id="per:jubeir", type="PERSON", name_en="Adel al-Jubeir",
                    mentions=[Span.of(text, text.index("عادل"), text.index("عادل") + len("عادل الجبير"))])
    attributions, _ = analyse(stage, text, (jubeir,))
    assert [cue for cue, _ in speakers(attributions)] == ["قال", "أوضح", "أضاف", "أشار", "أكد"]
    assert {speaker for _, speaker in speakers(attributions)} == {"وزير الخارجية عادل الجبير"}
    assert {a.speaker_entity for a in attributions} == {"per:jubeir"}  # linked through coreference too


def test_an_abbreviated_title_stays_with_the_name(stage):
    text = ("وقال د. سامي الحربي، أستاذ الاقتصاد، إن الأسعار سترتفع. "
            "وأضاف أ.د. نورة السبيعي أن الطلب يتراجع. "
            "واطلع د. منصور العتيبي على المعرض، مؤكداً أهمية التعاون.")
    attributions, _ = analyse(stage, text)
    assert speakers(attributions) == [
        ("قال", "د. سامي الحربي، أستاذ الاقتصاد"),
        ("أضاف", "أ.د. نورة السبيعي"),
        ("مؤكداً", "د. منصور العتيبي"),
    ]
    assert all(a.speaker_kind == "named" for a in attributions)


def test_a_title_inside_an_institution_name_is_no_speaker(stage):
    text = 'وزار السفير الياباني مركز الملك سلمان للإغاثة أمس. وقال "سعدت بزيارة المركز ولقاء العاملين فيه".'
    (said,) = analyse(stage, text)[0]
    assert said.speaker.text == "السفير الياباني"
    text = 'وزار وفد صحفي مركز الملك فهد الثقافي أمس. وقال "سعدت بما رأيت".'
    attributions, _ = analyse(stage, text)
    assert all(a.speaker is None or "الملك" not in a.speaker.text for a in attributions)


def test_unspecified_reports_do_not_take_over_a_named_speaker(stage):
    text = ("وقالت مقررة الأمم المتحدة الخاصة المعنية بالحق في الغذاء إن الحصار يهدد ملايين المدنيين. "
            "وبحسب تقارير محلية فإن أسعار الخبز تضاعفت. "
            "وأضافت أن منع الغذاء عن المدنيين جريمة حرب.")
    un = mentions(text, "الأمم المتحدة", "org:un", "ORG")
    attributions, sourcing = analyse(stage, text, (un,))
    rapporteur = "مقررة الأمم المتحدة الخاصة المعنية بالحق في الغذاء"
    assert speakers(attributions) == [("قالت", rapporteur), ("بحسب", "تقارير محلية"), ("أضافت", rapporteur)]
    assert [a.speaker_kind for a in attributions] == ["named", "group", "named"]
    assert attributions[0].speaker_entity is None  # the rapporteur is no United Nations
    assert attributions[0].speaker_affiliation == "org:un"
    assert sourcing.unnamed_share < 0.5
    # with nobody else heard, the reports do go on
    attributions, _ = analyse(stage, "وذكرت تقارير محلية أن الأسعار تضاعفت. وأضافت أن الطوابير طويلة.")
    assert speakers(attributions) == [("ذكرت", "تقارير محلية"), ("أضافت", "تقارير محلية")]


def test_back_references_and_kinds_of_unnamed_sources(stage):
    attributions, _ = analyse(stage, "وقالت مصادر عسكرية إن الهجوم صُد. وأكدت هذه المصادر أن الخسائر محدودة. "
                                     "وقال أحد السكان إن القصف استمر ليلاً. وقال مسؤولاً سابقاً إن الوضع هادئ.")
    assert speakers(attributions)[:3] == [("قالت", "مصادر عسكرية"), ("أكدت", "مصادر عسكرية"), ("قال", "أحد السكان")]
    assert [a.speaker_kind for a in attributions[:3]] == ["group", "group", "anonymous"]


def test_relative_clauses_as_said_and_what_was_promised(stage):
    attributions, _ = analyse(stage, "وكانت الكويت من بين الدول التي دعت إلى وقف القتال. "
                                     "وقال المبعوث إن الهدنة صامدة، مشيراً إلى الحصار الذي وصفه بأنه عقاب جماعي.")
    assert speakers(attributions) == [("دعت", "الدول"), ("قال", "المبعوث"), ("مشيراً", "المبعوث"),
                                      ("وصفه", "المبعوث")]
    (as_said,) = analyse(stage, "وستبدأ المحادثات الأسبوع المقبل، كما قال وزير الخارجية.")[0]
    assert (as_said.cue.text, as_said.speaker.text) == ("قال", "وزير الخارجية")
    assert as_said.content.text == "وستبدأ المحادثات الأسبوع المقبل"
    for text in ("ولم يفِ الرئيس بما وعد به في حملته.", "وارتفعت الأسعار، وهو ما يشير إلى تضخم متزايد."):
        assert analyse(stage, text)[0] == [], text


def test_verbal_noun_with_its_subject_and_an_object_after_the_verb(stage):
    attributions, _ = analyse(stage, "وجاء القرار بعد ساعات من قول مسؤولين في الوزارة إن المفاوضات انهارت.")
    assert speakers(attributions) == [("قول", "مسؤولين في الوزارة")]
    assert attributions[0].speaker_kind == "group"
    text = "وقال الرئيس إن الاتفاق صامد. كما حذر المشرعين المعارضين من رفضه."
    attributions, _ = analyse(stage, text)
    assert speakers(attributions) == [("قال", "الرئيس"), ("حذر", "الرئيس")]  # المشرعين is whom he warned
    text = "وقال علي الأحمد، الناطق باسم الحملة، إن التسجيل بدأ."
    name = Entity(id="per:x", type="PERSON", mentions=[Span.of(text, 5, 5 + len("علي الأحمد"))])
    (said,) = analyse(stage, text, (name,))[0]
    assert said.speaker.text == "علي الأحمد، الناطق باسم الحملة"  # علي is a name here, not the preposition


def test_a_name_between_an_and_the_verb_is_its_subject_and_what_follows_its_object(stage):
    text = "وأوضح المتحدث باسم الهيئة أن الهيئة دعت وزارة الزراعة إلى التواصل مع المزارعين."
    body = Entity(id="org:authority", type="ORG", mentions=[Span.of(text, text.index("الهيئة دعت"), text.index("الهيئة دعت") + 6)])
    attributions, _ = analyse(stage, text, [body])
    called = by_cue(attributions, "دعت")[0]
    assert (called.speaker.text, called.speaker_entity) == ("الهيئة", "org:authority")
    assert called.content.text.startswith("التواصل")


def test_an_organisation_right_after_the_verb_then_another_name_is_subject_then_object(stage):
    text = "كما دعا المجلس منظمة الصحة العالمية إلى إرسال فرق طبية. وحث الاتحاد الأوروبي ودول الجوار على الحوار."
    council = mentions(text, "المجلس", "org:council", "ORG")
    who = mentions(text, "منظمة الصحة العالمية", "org:who", "ORG")
    eu = mentions(text, "الاتحاد الأوروبي", "org:eu", "ORG")
    neighbours = mentions(text, "دول الجوار", "org:neighbours", "ORG")
    attributions, _ = analyse(stage, text, [council, who, eu, neighbours])
    assert by_cue(attributions, "دعا")[0].speaker.text == "المجلس"
    # a conjunction between two names joins them: both are the subject
    assert by_cue(attributions, "حث")[0].speaker.text == "الاتحاد الأوروبي ودول الجوار"


def test_a_person_right_after_the_verb_then_someone_else_is_subject_then_object(stage):
    text = "ووعد خالد العمري وزير المالية بدراسة الطلب. وقال سامي الحربي وزير الخارجية إن الزيارة ناجحة."
    people = [mentions(text, "خالد العمري", "per:omari", "PERSON"), mentions(text, "وزير المالية", "per:minister", "PERSON"),
              Entity(id="per:harbi", type="PERSON", mentions=[
                  Span.of(text, text.index("سامي الحربي"), text.index("سامي الحربي") + 11),
                  Span.of(text, text.index("وزير الخارجية"), text.index("وزير الخارجية") + 13)])]
    attributions, _ = analyse(stage, text, people)
    assert by_cue(attributions, "وعد")[0].speaker.text == "خالد العمري"
    assert by_cue(attributions, "قال")[0].speaker.text == "سامي الحربي وزير الخارجية"  # the same man's title stays


def test_a_plural_before_a_name_is_a_group_of_that_person_or_body(stage):
    text = "وقال مسؤولو البيت الأبيض إن الرحلة شخصية. ويشير مستشارو سامي الحربي إلى أن الزيارة ناجحة."
    harbi = mentions(text, "سامي الحربي", "per:harbi", "PERSON")
    attributions, _ = analyse(stage, text, [harbi])
    assert [(a.speaker.text, a.speaker_kind) for a in attributions] == [
        ("مسؤولو البيت الأبيض", "group"), ("مستشارو سامي الحربي", "group")]


def test_an_aside_between_dashes_after_the_name_is_no_part_of_the_speaker(stage):
    text = ("وقال سامي الحربي – الذي زار المدينة عام 2006 – إن الوقت لا يكفي. "
            "وأضاف خالد العمري – المدير التنفيذي للشركة – أن الأرباح زادت.")
    people = [mentions(text, "سامي الحربي", "per:harbi", "PERSON"), mentions(text, "خالد العمري", "per:omari", "PERSON")]
    attributions, _ = analyse(stage, text, people)
    assert by_cue(attributions, "قال")[0].speaker.text == "سامي الحربي"
    assert by_cue(attributions, "أضاف")[0].speaker.text == "خالد العمري – المدير التنفيذي للشركة"  # a title stays


def test_an_object_with_a_pronoun_or_a_what_clause_ends_the_speaker(stage):
    text = ("وأكد سامي الحربي تفهمه قلق الجيران من الاتفاق مبيناً أن الحوار مستمر. "
            "وفي شأن آخر فقد نفت إدارة النادي ما يتردد عن رحيل اللاعب مؤكدة أن عقده مستمر. "
            "وقال الرئيس اليمني عبدربه منصور هادي إن الحرب ستنتهي.")
    people = [mentions(text, "سامي الحربي", "per:harbi", "PERSON"),
              Entity(id="per:hadi", type="PERSON", mentions=[
                  Span.of(text, text.index("الرئيس اليمني"), text.index("الرئيس اليمني") + 13),
                  Span.of(text, text.index("عبدربه منصور هادي"), text.index("عبدربه منصور هادي") + 17)])]
    attributions, _ = analyse(stage, text, people)
    assert by_cue(attributions, "أكد")[0].speaker.text == "سامي الحربي"
    assert by_cue(attributions, "نفت")[0].speaker.text == "إدارة النادي"
    assert by_cue(attributions, "قال")[0].speaker.text == "الرئيس اليمني عبدربه منصور هادي"  # a name in ه is no pronoun


SPEAKER_ENDS = [  # (text, the name the entity layer gives, its type, the cue, the speaker)
    ("وقال سامي الحربي مشيراً إلى الوزيرين إن الاجتماع كان مثمراً.", "سامي الحربي", "PERSON", "قال", "سامي الحربي"),
    ("وقالت نيوزيلندا، التي ترأس مجلس الأمن الدولي هذا الشهر، إن التصويت سيجري الجمعة.", "نيوزيلندا", "GPE", "قالت",
     "نيوزيلندا"),  # a relative clause after the speaker is no part of it
    ("بدوره قال شامسي براتشي عن طريقة توزيع هذه المساعدات: سيتم توزيعها على العائلات.", "شامسي براتشي", "PERSON", "قال",
     "شامسي براتشي"),  # what it was about is no title of his
]


@pytest.mark.parametrize(("text", "name", "kind", "cue", "speaker"), SPEAKER_ENDS)
def test_the_speaker_ends_before_a_participle_cue_a_relative_clause_or_a_complement(stage, text, name, kind, cue, speaker):
    attributions, _ = analyse(stage, text, [mentions(text, name, "e:1", kind)])
    assert by_cue(attributions, cue)[0].speaker.text == speaker


def test_a_bare_noun_after_a_definite_title_is_the_object(stage):
    text = ("وأكد الرئيس المصري أهمية الزيارة مشيراً إلى أن التعاون مستمر. "
            "وقال الدكتور سامي الحربي أستاذ العلوم السياسية إن الزيارة ناجحة.")
    president = Entity(id="per:president", type="PERSON", mentions=[Span.of(text, 5, 18)])
    harbi = Entity(id="per:harbi", type="PERSON", mentions=[
        Span.of(text, text.index("الدكتور سامي الحربي"), text.index("الدكتور سامي الحربي") + 19)])
    attributions, _ = analyse(stage, text, [president, harbi])
    assert by_cue(attributions, "أكد")[0].speaker.text == "الرئيس المصري"
    assert by_cue(attributions, "قال")[0].speaker.text == "الدكتور سامي الحربي أستاذ العلوم السياسية"  # after a name it stays


def test_what_the_subject_says_or_does_is_no_part_of_it(stage):
    text = ("وأكد الجانبان حرصهما على تعزيز الأمن في المنطقة. "
            "واتفق الجانبان على وضع حزمة من الآليات التنفيذية في المجالات التالية: التعاون والاستثمار. "
            "ورحب الرئيس سامي الحربي في كلمته خلال الحفل بالضيوف. "
            "وأعلن وزير الخارجية خالد العتيبي في وقت سابق الخميس أنه توصل إلى اتفاق. "
            "وقال السفير السعودي في القاهرة إن العلاقات متينة.")
    people = [mentions(text, "سامي الحربي", "per:harbi", "PERSON"), mentions(text, "خالد العتيبي", "per:otaibi", "PERSON")]
    attributions, _ = analyse(stage, text, people)
    assert by_cue(attributions, "أكد")[0].speaker.text == "الجانبان"
    assert by_cue(attributions, "اتفق")[0].speaker.text == "الجانبان"
    assert by_cue(attributions, "رحب")[0].speaker.text == "الرئيس سامي الحربي"
    assert by_cue(attributions, "أعلن")[0].speaker.text == "وزير الخارجية خالد العتيبي"
    assert by_cue(attributions, "قال")[0].speaker.text == "السفير السعودي في القاهرة"  # a place after في stays


def test_the_name_ali_after_a_plural_is_no_preposition(stage):
    text = "وقال المسؤولون علي حسن ورفاقه إن الاجتماع كان مثمراً."
    attributions, _ = analyse(stage, text, [mentions(text, "علي حسن", "per:ali", "PERSON")])
    assert by_cue(attributions, "قال")[0].speaker.text.startswith("المسؤولون علي حسن")


def test_abbar_is_the_preposition_via_unless_its_an_follows(stage):
    text = ("وينص القرار على تعاون الحكومة مع الخبراء وعبر السماح لهم بالوصول إلى المواقع، ومن المفترض أن "
            "يشكل الأمين العام الفريق خلال 20 يوماً. "
            "وعبر صاحب السمو الملكي الأمير خالد بن سلمان بن عبدالعزيز آل سعود عن شكره للحكومة.")
    attributions, _ = analyse(stage, text, [mentions(text, "خالد بن سلمان", "per:khalid", "PERSON")])
    cues = [a.cue.text for a in attributions]
    assert cues.count("عبر") == 1
    assert "خالد بن سلمان" in by_cue(attributions, "عبر")[0].speaker.text


def test_a_source_closing_a_statement_attributes_what_came_before(stage):
    text = ("يتبنى مجلس الأمن على الأرجح صباح الجمعة قراراً بتشكيل لجنة خبراء، بحسب دبلوماسيين، "
            "وحدد موعد التصويت بعدما حصل الوزير على دعم موسكو. "
            "وبحسب دبلوماسيين، فإن التصويت سيجري الجمعة.")
    attributions, _ = analyse(stage, text)
    first, second = by_cue(attributions, "بحسب")
    assert first.content.text.startswith("يتبنى مجلس الأمن")
    assert second.content.text.startswith("التصويت سيجري")


def test_a_plural_participle_speaks_for_the_group_that_opens_the_sentence(stage):
    text = ("قلل دبلوماسيون وخبراء مصريون من أهمية الحوار في القاهرة مؤكدين أن الحوار شكلي. "
            "قلل الوزير من أهمية الحوار مؤكداً أن الحوار شكلي.")
    attributions, _ = analyse(stage, text)
    assert by_cue(attributions, "مؤكدين")[0].speaker.text == "دبلوماسيون وخبراء مصريون"
    assert by_cue(attributions, "مؤكداً")[0].speaker.text == "الوزير"  # a singular one by coreference, as before


def test_how_it_was_said_is_no_speaker(stage):
    text = ('إذ قال سامي الحربي في سياق خطابه "إن الشباب يبحثون عن الانتماء"، واستطرد بقوله "هذا الأمر يجعلهم عرضة للتطرف".')
    attributions, _ = analyse(stage, text, [mentions(text, "سامي الحربي", "per:harbi", "PERSON")])
    assert by_cue(attributions, "قال")[0].speaker.text == "سامي الحربي"
    assert by_cue(attributions, "استطرد")[0].speaker.text == "سامي الحربي"


def test_an_ordinary_word_after_a_definite_one_opens_the_object(stage):
    text = ("وأقر مجلس الوزراء عدداً من الإجراءات، من بينها أن يكون لكل شاطئ حرم مفتوح. "
            "وأشاد الوزير عز الدين الأصبحي بالجهود. "
            "وقال المتحدث الرسمي للمركز رأفت الصباغ إن الرحلة وصلت.")
    attributions, _ = analyse(stage, text)
    assert by_cue(attributions, "أقر")[0].speaker.text == "مجلس الوزراء"
    assert by_cue(attributions, "أشاد")[0].speaker.text == "الوزير عز الدين الأصبحي"  # a name's word stays
    assert by_cue(attributions, "قال")[0].speaker.text == "المتحدث الرسمي للمركز رأفت الصباغ"  # a given name too


def test_an_expert_named_after_a_description_is_named_and_no_earlier_expert(stage):
    text = ("ورأى الخبير في شؤون الشرق الأوسط الدكتور فولفجانج فوجل أن الزيارة ناجحة. "
            "ولفت الخبير الإستراتيجي في شؤون الخليج العربي هاينريش شوماخر إلى أن الجولة مهمة. "
            "وقال مسؤول في مكتب الرئيس سامي الحربي إن الاجتماع تأجل.")
    people = [mentions(text, "هاينريش شوماخر", "per:schumacher", "PERSON"), mentions(text, "سامي الحربي", "per:harbi", "PERSON")]
    attributions, _ = analyse(stage, text, people)
    vogel, schumacher, official = by_cue(attributions, "رأى")[0], by_cue(attributions, "لفت")[0], by_cue(attributions, "قال")[0]
    assert vogel.speaker_kind == "named"
    assert schumacher.speaker.text.endswith("هاينريش شوماخر") and schumacher.speaker_entity == "per:schumacher"
    assert official.speaker_kind == "anonymous"  # the president named in the office is not the speaker


def test_relayed_from_a_pronoun_or_after_a_time(stage):
    text = ("وقال أوغلو إن تركيا لن ترسل قوات. ونُقل عنه قوله إن الحزب يمكن أن يكون له مكان. "
            "ونُقل يوم الاثنين عن رئيس الوزراء سامي الحربي قوله إنه ليس لدى بلاده خطط.")
    people = [mentions(text, "أوغلو", "per:davutoglu", "PERSON"), mentions(text, "سامي الحربي", "per:harbi", "PERSON")]
    attributions, _ = analyse(stage, text, people)
    relayed, dated = by_cue(attributions, "نُقل")
    assert relayed.speaker.text == "أوغلو" and relayed.speaker_entity == "per:davutoglu"  # عنه: not قوله
    assert dated.speaker.text == "رئيس الوزراء سامي الحربي" and dated.via is None  # يوم الاثنين is no outlet


def test_the_sourcing_profile_names_the_outlet_without_its_l(stage):
    text = "وقال مسؤول أمريكي لوكالة رويترز إن القرار نهائي. وأكد مسؤول آخر لـ«عكاظ» أن الموعد ثابت."
    _, sourcing = analyse(stage, text)
    assert sourcing.outlets == ["وكالة رويترز", "عكاظ"]


def test_a_tag_after_the_quoted_words_is_no_part_of_them(stage):
    text = "وأكدت الوزيرة أن الورشات «تناولت الكثير من القضايا»، وفق تعبيرها. وقال الوزير إن «المستقبل مرهون بالشباب»، على حد تعبيره."
    attributions, _ = analyse(stage, text)
    assert by_cue(attributions, "أكدت")[0].content.text == "الورشات «تناولت الكثير من القضايا»"
    assert by_cue(attributions, "قال")[0].content.text == "«المستقبل مرهون بالشباب»"


def test_a_title_mention_and_the_name_after_it_are_one_subject(stage):
    text = "من جانبه، أكد وزير الخارجية الأمريكي جون كيري أهمية الدور التاريخي لمصر في المنطقة."
    title, name = "وزير الخارجية الأمريكي", "جون كيري"
    kerry = Entity(id="per:kerry", type="PERSON", mentions=[
        Span.of(text, text.index(title), text.index(title) + len(title)), Span.of(text, text.index(name), text.index(name) + len(name))])
    attributions, _ = analyse(stage, text, [kerry])
    assert by_cue(attributions, "أكد")[0].speaker.text == "وزير الخارجية الأمريكي جون كيري"


def test_the_place_of_a_title_is_not_the_complement_of_the_verb(stage):
    text = "من جهته دعا المبعوث الدولي إلى اليمن إسماعيل ولد الشيخ في كلمته إلى تمديد الهدنة الإنسانية."
    people = [mentions(text, "اليمن", "gpe:ye", "GPE"), mentions(text, "إسماعيل ولد الشيخ", "per:ismail", "PERSON")]
    attributions, _ = analyse(stage, text, people)
    (a,) = by_cue(attributions, "دعا")
    assert a.speaker.text == "المبعوث الدولي إلى اليمن إسماعيل ولد الشيخ" and a.speaker_entity == "per:ismail"
    assert a.content.text == "تمديد الهدنة الإنسانية"


def test_a_verb_of_speaking_to_an_outlet_ends_the_source(stage):
    # مصادر دبلوماسية تحدثت لموقع أكسيوس: the sources spoke to Axios; تحدثت is no part of who they are
    text = ("ومن المتوقع أن يزور المبعوث المنطقة الأسبوع المقبل، وفقاً لمصادر دبلوماسية تحدثت لموقع أكسيوس. "
            "وقال مسؤولون تحدثوا لوكالة رويترز إن الزيارة ستشمل ثلاث عواصم.")
    attributions, _ = analyse(stage, text)
    sources, officials = attributions
    assert (sources.speaker.text, sources.speaker_kind, sources.via.text) == ("مصادر دبلوماسية", "group", "لموقع أكسيوس")
    assert (officials.speaker.text, officials.via.text) == ("مسؤولون", "لوكالة رويترز")
    assert officials.content.text.startswith("الزيارة ستشمل")
    # with no outlet after it, the clause still describes the source (as the independent annotators mark it)
    text = "وقال عدة دبلوماسيين بمجلس الأمن، تحدثوا شريطة عدم نشر أسمائهم، إن التصويت تأجل."
    (diplomats,), _ = analyse(stage, text)
    assert diplomats.speaker.text == "عدة دبلوماسيين بمجلس الأمن، تحدثوا شريطة عدم نشر أسمائهم"


def test_a_definite_word_after_an_indefinite_sound_plural_is_the_object(stage):
    # معارضون (with its ن) is never in construct: الرئيس التركي ... is whom they accuse, not more of them
    text = "واتهم معارضون الرئيس التركي رجب طيب أردوغان باستغلال الحرب، وأشاروا إلى أن الغارات استهدفت الأكراد."
    accused, pointed = analyse(stage, text)[0]
    assert (accused.speaker.text, accused.speaker_kind) == ("معارضون", "group")
    assert (pointed.speaker.text, pointed.speaker_kind) == ("معارضون", "group")


def test_a_verb_after_a_speech_noun_goes_on_with_the_speaker(pipeline):
    # في كلمة أعرب فيها: the one who gave the speech, not the speech; كتب ... تغريدة: the tweet is what was written
    text = ("وأكد رئيس الهيئة الاستشارية للمؤتمر عبد العزيز الجباري أهمية المؤتمر في كلمة أعرب في مستهلها "
            "عن تمنياته للمؤتمر بالتوفيق. وكتب مسؤول بالحزب تغريدة قال فيها إن الحزب يرفض الفكرة.")
    report = pipeline.analyze(Document(text=text, meta=Meta()))
    said = {a.cue.text: a.speaker.text if a.speaker else None for a in report.attributions}
    assert said["أعرب"] == said["أكد"] == "رئيس الهيئة الاستشارية للمؤتمر عبد العزيز الجباري"
    assert said["كتب"] == said["قال"] == "مسؤول بالحزب"


def test_a_later_verb_goes_on_with_the_whole_speaker_not_the_title_inside_it(pipeline):
    text = ("من جانبه شدد السفير أحمد بن حلي، الأمين العام المساعد لجامعة الدول العربية، في تصريح صحفي، على أن "
            "القمة مهمة، وقال إن الاجتماع سيعقد في موعده، وأشار إلى أن الوفود وصلت.")
    report = pipeline.analyze(Document(text=text, meta=Meta()))
    speakers = {a.speaker.text for a in report.attributions}
    assert speakers == {"السفير أحمد بن حلي، الأمين العام المساعد لجامعة الدول العربية"}


def test_a_name_after_kana_is_the_subject_of_the_verb_after_it(pipeline):
    # وكان نتنياهو حث أعضاء الكونغرس: Netanyahu urged them; وكان إردوغان اتهم بكين: Erdogan accused Beijing
    text = ("وكان رئيس الوزراء الإسرائيلي بنيامين نتنياهو حث أعضاء الكونغرس الأمريكي على رفض الاتفاق. "
            "وكان الرئيس التركي رجب طيب إردوغان اتهم بكين في العام 2009 بارتكاب ما يشبه الإبادة.")
    report = pipeline.analyze(Document(text=text, meta=Meta()))
    speakers = {a.cue.text: a.speaker_entity for a in report.attributions}
    assert speakers == {"حث": "per:benjamin-netanyahu", "اتهم": "per:recep-tayyip-erdogan"}


def test_a_name_before_a_relative_pronoun_is_the_subject_of_its_verb(pipeline):
    text = "والتقى كارتر رئيس الوزراء الإسرائيلي بنيامين نتنياهو الذي حث أعضاء الكونغرس الأمريكي على رفض الاتفاق."
    (urged,) = pipeline.analyze(Document(text=text, meta=Meta())).attributions
    assert urged.speaker_entity == "per:benjamin-netanyahu"
