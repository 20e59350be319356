"""Who did it to whom: actor and target phrases of events, on sentences written for these tests.

Each sentence shows one rule of naba/events/roles.py or naba/events/implicit.py (a passive reading of
a killing, an undergoing verb, a weapon that is no target ...); the phrases are checked by their
words, as the outside coders' gold is.
"""

from __future__ import annotations

import pytest

from naba.analysis import Analysis
from naba.events import EventStage
from naba.record import Entity, Span


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage.load()


def events_of(stage, text, entities=()):
    return stage(Analysis.of(text).with_layer(entities=entities))


def entity(text: str, surface: str, type_: str, eid: str, name_en: str, kb: str | None = None) -> Entity:
    start = text.index(surface)
    return Entity(id=eid, type=type_, name_en=name_en, kb=kb, mentions=[Span.of(text, start, start + len(surface))])


def event_at(events, trigger: str):
    found = [e for e in events if any(trigger in s.text for s in e.evidence)]
    assert found, f"{trigger!r} not in {[(e.type, [s.text for s in e.evidence]) for e in events]}"
    return found[0]


def words(span) -> str:
    return span.text if span is not None else ""


def test_a_killing_with_no_object_reads_as_a_passive(stage):
    event = event_at(events_of(stage, "قتل جنديان في هجوم على حاجز عسكري شمال المدينة."), "قتل")
    assert "جنديان" in words(event.target_span)
    assert "جنديان" not in words(event.actor_span)


def test_victims_named_before_the_verb_are_its_target(stage):
    event = event_at(events_of(stage, "وقال المتحدث إن أربعة مدنيين قتلوا في قصف على السوق."), "قتلوا")
    assert "مدنيين" in words(event.target_span)


def test_gunmen_before_a_relative_clause_kidnap_rather_than_undergo(stage):
    text = "وخطف مسلحون يرتدون ملابس عسكرية موظفين اثنين من مقر الشركة."
    event = event_at(events_of(stage, text), "خطف")
    assert "مسلحون" in words(event.actor_span)


def test_the_subject_of_an_undergoing_verb_is_the_target(stage):
    event = event_at(events_of(stage, "تعرضت دورية للجيش لهجوم مسلح قرب الحدود."), "هجوم")
    assert "دورية" in words(event.target_span)


def test_the_victims_of_a_result_verb_are_the_target(stage):
    event = event_at(events_of(stage, "وقع انفجار في سوق شعبي وأسفر عن مقتل خمسة مدنيين."), "انفجار")
    assert "مدنيين" in words(event.target_span)


def test_a_weapon_is_no_target_whom_it_was_fired_at_is(stage):
    event = event_at(events_of(stage, "أطلقت الشرطة الرصاص المطاطي على المتظاهرين في الساحة."), "أطلقت")
    assert "المتظاهرين" in words(event.target_span)
    assert "الرصاص" not in words(event.target_span)


def test_what_a_protest_is_against_further_on_in_the_clause(stage):
    event = event_at(events_of(stage, "خرجت مظاهرات حاشدة في المدينة ضد قرار الحكومة."), "مظاهرات")
    assert "قرار" in words(event.target_span)


def test_an_adverbial_protest_noun_takes_the_clause_subject(stage):
    text = "وتدفق آلاف المتظاهرين إلى الساحة احتجاجا على الغلاء."
    event = event_at(events_of(stage, text), "احتجاجا")
    assert "المتظاهرين" in words(event.actor_span)
    assert "الغلاء" in words(event.target_span)


def test_a_participle_after_a_summit_is_no_actor_and_mae_names_the_other_party(stage):
    text = "شارك الوزير في القمة المزمع عقدها مع قادة دول الخليج."
    event = event_at(events_of(stage, text), "قمة")
    assert "المزمع" not in words(event.actor_span)
    assert "قادة" in words(event.target_span)


def test_a_verb_with_no_subject_takes_the_subject_of_the_sentence_before(stage):
    text = "استقبل وزير الخارجية السفير الياباني أمس. وأشاد بمستوى العلاقات بين البلدين."
    event = event_at(events_of(stage, text), "أشاد")
    assert words(event.actor_span) == "وزير الخارجية"


def test_a_name_ends_the_genitive_of_a_verbal_noun(stage):
    text = "وجاء ذلك بعد توقيع مصر اتفاقية تجارية مع الأردن."
    entities = [entity(text, "مصر", "GPE", "eg", "Egypt"), entity(text, "الأردن", "GPE", "jo", "Jordan")]
    event = event_at(events_of(stage, text, entities), "توقيع")
    assert words(event.actor_span) == "مصر"


def test_an_armed_group_gets_its_code_from_the_knowledge_base(stage):
    text = "وشن تنظيم داعش هجوما على قرية في ريف المحافظة."
    entities = [entity(text, "داعش", "ORG", "isis", "Islamic State", kb="org:isis")]
    event = event_at(events_of(stage, text, entities), "هجوما")
    assert "داعش" in words(event.actor_span)
    assert event.actor_code == "IMGREB"


def test_a_killing_told_as_a_passive_was_done_by_whoever_did_the_attack(stage):
    event = event_at(events_of(stage, "قتل شرطي في هجوم نفذه ملثمون وسط المدينة."), "قتل")
    assert "شرطي" in words(event.target_span)
    assert "ملثمون" in words(event.actor_span)
    assert event.actor_code == "UAF"


def test_a_verb_with_no_subject_goes_back_to_the_person_named_before(stage):
    text = "ألقى الوزير سامر خليل كلمة أمس. وأشاد بالتعاون الزراعي بين البلدين."
    entities = [entity(text, "سامر خليل", "PERSON", "samer", "Samer Khalil")]
    event = event_at(events_of(stage, text, entities), "أشاد")
    assert event.actor == "samer"
    assert words(event.actor_span) == "سامر خليل"


def test_a_mentioned_arrest_takes_no_subject_from_the_condemnation(stage):
    text = "أدانت المنظمة اعتقال الصحفي أمس."
    events = events_of(stage, text)
    arrest = event_at(events, "اعتقال")
    assert "المنظمة" not in words(arrest.actor_span)


def test_an_attack_with_no_target_hit_the_victims_of_the_killing_it_caused(stage):
    text = "أعلنت الوزارة مقتل حارس أمس في هجوم انتحاري بسيارة مفخخة قرب المعبر."
    attack = event_at(events_of(stage, text), "هجوم")
    assert "حارس" in words(attack.target_span)
    assert "سيارة" not in words(attack.target_span)


def test_a_country_adjective_after_an_air_strike_names_who_struck(stage):
    text = "وقال الطبيب إن خمسة مزارعين قتلوا جراء ضربة جوية فرنسية."
    entities = [entity(text, "فرنسية", "GPE", "fr", "France")]
    strike = event_at(events_of(stage, text, entities), "ضربة")
    assert words(strike.actor_span) == "فرنسية"


def test_whose_aircraft_it_was_belongs_to_the_actor_phrase(stage):
    text = "وقتل ثلاثة رعاة في غارة شنتها طائرة بدون طيار تابعة للقوات الحكومية."
    raid = event_at(events_of(stage, text), "غارة")
    assert "للقوات الحكومية" in words(raid.actor_span)


def test_a_protest_target_keeps_its_coordinated_twin(stage):
    text = "فقد تجمع آلاف المتظاهرين في المدينة احتجاجا على قرار الوزارة وعلى المحكمة العليا."
    event = event_at(events_of(stage, text), "تجمع")
    assert "المتظاهرين" in words(event.actor_span)
    assert "قرار" in words(event.target_span) and "المحكمة" in words(event.target_span)


def test_what_they_call_a_thing_is_what_they_protest(stage):
    text = "خرج المئات في مسيرة للاحتجاج على ما يصفونه بتقصير البلدية."
    event = event_at(events_of(stage, text), "خرج")
    assert "تقصير" in words(event.target_span)


def test_a_name_opening_with_ba_is_a_subject_and_ends_before_the_object(stage):
    text = "هاجمت باكستان مواقع المسلحين قرب الحدود."
    entities = [entity(text, "باكستان", "GPE", "pk", "Pakistan")]
    event = event_at(events_of(stage, text, entities), "هاجمت")
    assert words(event.actor_span) == "باكستان"
    assert "مواقع" in words(event.target_span)


def test_a_quoted_chant_names_what_the_protest_is_against(stage):
    text = "وتظاهر مئات الطلاب أمام الجامعة أمس وهم يرددون «الموت للاحتلال» و«لا للحصار»."
    event = event_at(events_of(stage, text), "تظاهر")
    assert "احتلال" in words(event.target_span)


def test_a_fall_slogan_in_quotes_names_its_target(stage):
    text = "واعتصم العمال في الساحة العامة وهتفوا «يسقط المدير العام» حتى المساء."
    event = event_at(events_of(stage, text), "اعتصم")
    assert "المدير" in words(event.target_span)


def test_a_quote_with_no_slogan_names_no_target(stage):
    text = "وتظاهر مئات الطلاب أمام الجامعة وقال أحدهم «نريد مستقبلا أفضل»."
    event = event_at(events_of(stage, text), "تظاهر")
    assert event.target_span is None or "مستقبلا" not in words(event.target_span)


def test_the_body_a_protest_demands_of_is_its_target(stage):
    text = "وتظاهر الأهالي أمس تظاهرة تطالب المجلس البلدي بإصلاح الطرق."
    event = event_at(events_of(stage, text), "تظاهر")
    assert "المجلس" in words(event.target_span)
    assert "الطرق" not in words(event.target_span)


def test_a_protest_against_his_visit_targets_the_man_named_before(stage):
    text = "واستقبل رئيس الحكومة الوزير الفرنسي في العاصمة، فيما تجمع مئات الطلاب أمام البرلمان احتجاجا على زيارته."
    event = event_at(events_of(stage, text), "احتجاجا")
    assert "الفرنسي" in words(event.target_span)


def test_a_chant_quoted_after_a_visit_names_no_target_of_the_visit(stage):
    text = "وقال الوزير خلال زيارة إلى المدينة إن الناس هتفوا «يسقط الاحتلال» أمامه."
    event = event_at(events_of(stage, text), "زيارة")
    assert "الاحتلال" not in words(event.target_span)


def test_the_chants_of_a_protest_are_no_target_but_what_they_voice_is(stage):
    text = "واحتشد مئات العمال أمس على هتافات «يسقط الفساد» أمام مقر الشركة."
    event = event_at(events_of(stage, text), "احتشد")
    assert "هتافات" not in words(event.target_span)
    assert "الفساد" in words(event.target_span)


def test_a_target_span_starts_at_the_name_a_conjunction_is_written_onto(pipeline):
    from naba.record import Document

    report = pipeline.analyze(Document(text="ومن المقرر توقيع اتفاقية بين مصر وكازاخستان الشهر المقبل."))
    (event,) = report.events
    assert (event.actor_span.text, event.target_span.text, event.status) == ("مصر", "كازاخستان", "planned")


def test_an_act_after_min_al_muntazar_is_expected(pipeline):
    from naba.record import Document

    report = pipeline.analyze(Document(text="ومن المنتظر أن يصل الوزير إلى الرياض غدا في زيارة رسمية."))
    assert [e.status for e in report.events] == ["expected"]


def test_manner_and_time_adverbs_and_conjunctions_are_no_roles(stage):
    event = event_at(events_of(stage, "وأدان الوزراء بشدة الهجوم على السفارة."), "أدان")
    assert words(event.target_span) != "بشدة"
    event = event_at(events_of(stage, "إلا أن المكسيك رفضت بشدة لأن ذلك سيضر بصناعتها."), "رفضت")
    assert words(event.actor_span) == "المكسيك"
    assert "لأن" not in words(event.target_span)
    event = event_at(events_of(stage, "وكان لنصائحه أثر في نجاح القمة لاحقاً."), "قمة")
    assert "لاحق" not in words(event.actor_span)


def test_the_target_phrase_names_the_events_target_not_another_mentions(stage):
    text = ("وقام الأمير خالد بن سلمان بزيارة إلى جمهورية مصر العربية تلبية لدعوة من الرئيس. "
            "وعقد الرئيس المصري اجتماعاً مع الأمير خالد بن سلمان في القاهرة.")
    prince = entity(text, "الأمير خالد بن سلمان", "PERSON", "per:khalid", "Khalid bin Salman")
    prince.mentions.append(Span.of(text, text.rindex("الأمير خالد بن سلمان"), text.rindex("الأمير خالد بن سلمان") + 20))
    egypt = entity(text, "جمهورية مصر العربية", "GPE", "gpe:eg", "Egypt", "eg")
    president = entity(text, "الرئيس المصري", "PERSON", "per:sisi", "Sisi")
    event = event_at(events_of(stage, text, (prince, egypt, president)), "زيارة")
    assert event.actor == "per:khalid"
    assert event.target != event.actor
    if event.target_span is not None:
        assert "خالد" not in event.target_span.text


def test_a_definite_event_noun_has_no_genitive_so_its_adjective_is_no_target(stage):
    text = "وتأتي هذه المساعدات العاجلة للشعب اليمني الشقيق ضمن جسر جوي."
    event = event_at(events_of(stage, text), "مساعدات")
    assert "العاجلة" not in words(event.target_span)
    text = "وأدانت الحكومة الهجمات الإرهابية المتواصلة على المدنيين."
    event = event_at(events_of(stage, text), "هجمات")
    assert "الإرهابية" not in words(event.target_span) and "المتواصلة" not in words(event.target_span)


def test_a_word_of_belonging_opens_no_role(stage):
    text = "بالتنسيق مع اللجنة العليا للإغاثة التابعة للحكومة اليمنية."
    for event in events_of(stage, text):
        assert not words(event.target_span).startswith("التابعة")
        assert not words(event.actor_span).startswith("التابعة")


def test_a_verbal_noun_of_purpose_after_l_is_no_actor(stage):
    event = event_at(events_of(stage, "وهناك مفاوضات للسماح للرئيس السابق بمغادرة البلاد."), "مفاوضات")
    assert not words(event.actor_span).startswith("للسماح")


def test_a_coordinated_casualty_verb_ends_the_victims_phrase(stage):
    event = event_at(events_of(stage, "قتل جندي تركي وجرح اثنان آخران في انفجار."), "قتل")
    assert words(event.target_span) == "جندي تركي"
    assert "وجرح" not in words(event.actor_span)
