"""Actor mentions: aliases generated from the registry, nesting, collectives, anaphora."""

from __future__ import annotations

from spacy.language import Language

from wsiskg.extract.actors import Actor, generate_aliases, load_registry, maximal, variants
from wsiskg.extract.components.actor_ruler import seed_state
from wsiskg.extract.context import DocumentState


def found(nlp: Language, text: str, state: DocumentState | None = None) -> list[tuple[str, str]]:
    doc = nlp.make_doc(text)
    doc.user_data["wsis_state"] = state or DocumentState()
    doc = nlp.get_pipe("wsis_actor_ruler")(doc)
    return [(s.text, s.label_) for s in doc.spans["wsis_actors"]]


def ids(nlp: Language, text: str, state: DocumentState | None = None) -> set[str]:
    return {label for _, label in found(nlp, text, state)}


# -- alias generation -------------------------------------------------------------------
def test_variants_cover_hyphen_un_and_number() -> None:
    assert "civil-society" in variants("civil society", "collective")
    assert "UN regional commissions" in variants("United Nations regional commissions", "group")
    assert "action line facilitator" in variants("action line facilitators", "group")
    assert "international organisations" in variants("international organizations", "collective")


def test_generated_aliases_use_other_actors_acronyms() -> None:
    actor = Actor("X-Head", "office", "Head of the Widget Agency Organization")
    texts = {a.text for a in generate_aliases(actor, {}, {"Widget Agency Organization": "WAO"})}
    assert "Head of WAO" in texts


def test_registry_has_every_un_member_state() -> None:
    reg = load_registry()
    states = [a for a in reg.actors.values() if a.kind == "member-state"]
    assert len(states) >= 193
    assert reg.actors["RepublicOfKorea"].label == "Republic of Korea"


# -- names, acronyms, countries -----------------------------------------------------------
def test_label_alias_and_acronym(nlp: Language) -> None:
    got = ids(nlp, "The ITU, UNESCO and the United Nations Development Programme met UNGA.")
    assert got == {"ITU", "UNESCO", "UNDP", "GA"}


def test_countries_by_name_and_in_capitals(nlp: Language) -> None:
    got = ids(nlp, "Delegations of Viet Nam and the Republic of Korea; PERMANENT MISSION OF NORWAY")
    assert got == {"VietNam", "RepublicOfKorea", "Norway"}


def test_country_inside_longer_country_is_not_split(nlp: Language) -> None:
    assert ids(nlp, "a project in Papua New Guinea and South Sudan") == {
        "PapuaNewGuinea",
        "SouthSudan",
    }


def test_name_wrapped_over_two_lines_matches_after_space_normalisation(nlp: Language) -> None:
    text = "the Commission on Science and\nTechnology for Development".replace("\n", " ")
    assert ids(nlp, text) == {"CSTD"}


def test_acronym_inside_a_document_symbol_is_not_an_actor(nlp: Language) -> None:
    assert ids(nlp, "see UNCTAD/DTL/STICT/2011/3 for details") == set()


# -- nesting ------------------------------------------------------------------------------
def test_nested_names_give_both_actors(nlp: Language) -> None:
    assert ids(nlp, "a letter from the President of the General Assembly") == {"PGA", "GA"}
    assert ids(nlp, "the CSTD Working Group on improvements to the IGF") == {
        "WG-IGF",
        "CSTD",
        "IGF",
    }


def test_head_of_a_longer_name_is_not_a_second_actor(nlp: Language) -> None:
    assert ids(nlp, "the Secretary-General of UNCTAD said") == {"UNCTAD-SG", "UNCTAD"}
    got = ids(nlp, "asks United Nations entities facilitating the WSIS action lines to act")
    assert got == {"ActionLineFacilitators"}


def test_maximal_drops_nested_mentions(nlp: Language) -> None:
    doc = nlp.make_doc("the President of the General Assembly")
    doc = nlp.get_pipe("wsis_actor_ruler")(doc)
    assert [s.label_ for s in maximal(doc)] == ["PGA"]


# -- collectives --------------------------------------------------------------------------
def test_collectives(nlp: Language) -> None:
    text = "Governments, the private sector, civil society and all other relevant stakeholders"
    assert ids(nlp, text) == {"MemberStates", "PrivateSector", "CivilSociety", "AllStakeholders"}


def test_descriptive_state_groups_are_not_member_states(nlp: Language) -> None:
    assert ids(nlp, "small island developing States and developing countries") == set()


def test_governments_of_named_states_are_the_states(nlp: Language) -> None:
    assert ids(nlp, "support from the governments of Finland and Switzerland") == {
        "Finland",
        "Switzerland",
    }


# -- acronyms a text defines, anaphora ----------------------------------------------------
def test_defined_acronym_is_remembered_for_the_document(nlp: Language) -> None:
    state = DocumentState()
    found(nlp, "the Internet Governance Forum (IGFX) met", state)
    assert ("IGFX", "IGF") in found(nlp, "The IGFX will meet again.", state)


def test_anaphor_resolves_to_nearest_antecedent(nlp: Language) -> None:
    state = DocumentState()
    found(nlp, "the Internet Governance Forum met, then the WSIS Forum.", state)
    assert found(nlp, "The Forum closed.", state) == [("The Forum", "WSIS-Forum")]


def test_anaphor_without_antecedent_is_left_alone(nlp: Language) -> None:
    assert ids(nlp, "The Commission adopted its agenda.") == set()


def test_anaphor_resolves_to_issuing_body(nlp: Language) -> None:
    state = DocumentState(issuer="ECOSOC")
    seed_state(state)
    assert found(nlp, "requests the Council to act", state) == [("the Council", "ECOSOC")]


def test_anaphor_that_starts_another_bodys_name_is_not_resolved(nlp: Language) -> None:
    state = DocumentState()
    found(nlp, "the Commission on Science and Technology for Development", state)
    assert ids(nlp, "the Commission on the Status of Women", state) == set()
    assert ids(nlp, "the Commission on Crime Prevention and Criminal Justice", state) == {"CCPCJ"}


def test_office_of_an_anaphor_is_the_office_of_its_antecedent(nlp: Language) -> None:
    state = DocumentState()
    found(nlp, "the Commission on Science and Technology for Development met", state)
    assert ids(nlp, "Invites the Chair of the Commission to brief", state) == {"CSTD-Chair", "CSTD"}
    got = ids(nlp, "requests the secretariat of the Commission to organize", state)
    assert got == {"CSTD-Secretariat", "CSTD"}


def test_office_of_another_commission_is_not_the_cstd_office(nlp: Language) -> None:
    state = DocumentState()
    found(nlp, "the Commission on Crime Prevention and Criminal Justice met", state)
    # no (CCPCJ, chair) office in the table: the body only
    assert ids(nlp, "the Chair of the Commission spoke", state) == {"CCPCJ"}
    # an office word not right before "of the Commission"
    assert ids(nlp, "the Chair and the members of the Commission", state) == {"CCPCJ"}


def test_sg_alias_inside_the_unctad_secretary_general(nlp: Language) -> None:
    text = "the Secretary-General of the United Nations Conference on Trade and Development"
    assert ids(nlp, text) == {"UNCTAD-SG", "UNCTAD"}
    assert ids(nlp, "the Secretary-General of the United Nations, and UNCTAD") == {"SG", "UNCTAD"}


# -- action lines -------------------------------------------------------------------------
def test_action_lines_by_code_and_range(nlp: Language) -> None:
    doc = nlp.make_doc("action lines C1 to C3, and C7; not A/C.2/59/3 or C15")
    doc = nlp.get_pipe("wsis_actor_ruler")(doc)
    assert [s.label_ for s in doc.spans["wsis_action_lines"]] == ["C1", "C2", "C3", "C7"]


def test_text_defined_acronym_of_an_unknown_body_is_an_adhoc_actor(nlp: Language) -> None:
    state = DocumentState()
    text = (
        "Commending the United Nations Multidimensional Integrated Stabilization Mission "
        "in Mali (MINUSMA) and the Group of Friends of Digital Cooperation (GoF),"
    )
    got = found(nlp, text, state)
    name = "United Nations Multidimensional Integrated Stabilization Mission in Mali"
    assert (name, "MINUSMA") in got
    assert ("Mali", "Mali") in got  # the nested country stays an entity
    assert ("Group of Friends of Digital Cooperation", "GoF") in got
    assert state.adhoc_actors["MINUSMA"] == (
        "United Nations Multidimensional Integrated Stabilization Mission in Mali",
        "body",
    )
    assert ("MINUSMA", "MINUSMA") in found(nlp, "Decides to extend the mandate of MINUSMA", state)


def test_acronym_without_a_body_head_or_of_a_known_actor_is_not_adhoc(nlp: Language) -> None:
    state = DocumentState()
    found(
        nlp, "the Addis Ababa Action Agenda (AAAA) and the Internet Governance Forum (IGFZ)", state
    )
    assert state.adhoc_actors == {}
    assert state.acronyms.get("IGFZ") == "IGF"
    # coordination: only the second name is defined by the acronym
    found(nlp, "UNSOM and the Intergovernmental Authority on Development (IGADX)", state)
    assert state.adhoc_actors["IGADX"][0] == "Intergovernmental Authority on Development"
