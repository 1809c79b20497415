"""The closed vocabularies of the service. Values are stable strings: they travel in sync messages
and are stored in the vault and the central store, so renaming a value needs a migration."""

from enum import StrEnum


class CaseType(StrEnum):
    """What kind of case: restorative justice after an offence (a victim side and an offender
    side) or mediation of a dispute (two or more parties, none labelled victim or offender)."""

    RESTORATIVE_JUSTICE = "restorative_justice"
    MEDIATION = "mediation"

    @property
    def label(self) -> str:
        return "Restorative justice" if self is CaseType.RESTORATIVE_JUSTICE else "Mediation"


class DisputeType(StrEnum):
    """What a mediation case's dispute is about (in place of an offence)."""

    NOISE = "noise"
    BOUNDARIES = "boundaries"
    PARKING = "parking"
    ANTI_SOCIAL_BEHAVIOUR = "anti_social_behaviour"
    FAMILY = "family"
    OTHER = "other"


class Side(StrEnum):
    """Which party file a record belongs to. Every participant and note is on exactly one side.

    A restorative justice case has a victim side and an offender side (each may hold several
    files). A mediation case gives each party a side of its own, labelled neutrally (Party A,
    Party B, ...), so the separation that holds between the two sides of a restorative justice
    case holds between every pair of parties of a mediation case."""

    VICTIM = "victim"
    OFFENDER = "offender"
    PARTY_A = "party_a"
    PARTY_B = "party_b"
    PARTY_C = "party_c"
    PARTY_D = "party_d"
    PARTY_E = "party_e"
    PARTY_F = "party_f"
    PARTY_G = "party_g"
    PARTY_H = "party_h"

    @property
    def is_party(self) -> bool:
        """A mediation party's side (never a victim's or an offender's)."""
        return self not in (Side.VICTIM, Side.OFFENDER)

    @property
    def label(self) -> str:
        """ "Victim", "Offender", or "Party A", "Party B", ..."""
        if self.is_party:
            return f"Party {self.value[-1].upper()}"
        return self.value.capitalize()

    @property
    def other(self) -> "Side":
        """The opposite side of a restorative justice case (a mediation party has no single
        other side: every other party is one)."""
        if self.is_party:
            raise ValueError(f"{self.label} has no single other side")
        return Side.OFFENDER if self is Side.VICTIM else Side.VICTIM

    @classmethod
    def parties(cls) -> tuple["Side", ...]:
        """The sides of a mediation case, in order: Party A first."""
        return tuple(side for side in cls if side.is_party)

    def fits(self, case_type: CaseType) -> bool:
        """Victim and offender sides belong to restorative justice cases, parties to mediation."""
        return self.is_party == (case_type is CaseType.MEDIATION)


class ReferralSource(StrEnum):
    """The agencies that refer cases to the Essex service, and self-referral."""

    ESSEX_POLICE = "essex_police"
    PROBATION_SERVICE = "probation_service"
    COMMUNITY_REHABILITATION_COMPANY = "community_rehabilitation_company"
    PRISON = "prison"
    ESSEX_COUNTY_COUNCIL = "essex_county_council"
    BASILDON_COUNCIL = "basildon_council"
    BRAINTREE_COUNCIL = "braintree_council"
    BRENTWOOD_COUNCIL = "brentwood_council"
    CASTLE_POINT_COUNCIL = "castle_point_council"
    CHELMSFORD_COUNCIL = "chelmsford_council"
    COLCHESTER_COUNCIL = "colchester_council"
    EPPING_FOREST_COUNCIL = "epping_forest_council"
    HARLOW_COUNCIL = "harlow_council"
    MALDON_COUNCIL = "maldon_council"
    ROCHFORD_COUNCIL = "rochford_council"
    SOUTHEND_COUNCIL = "southend_council"
    TENDRING_COUNCIL = "tendring_council"
    THURROCK_COUNCIL = "thurrock_council"
    UTTLESFORD_COUNCIL = "uttlesford_council"
    ESSEX_FIRE_AND_RESCUE = "essex_fire_and_rescue"
    YOUTH_OFFENDING_SERVICE = "youth_offending_service"
    VICTIM_SUPPORT = "victim_support"
    HOUSING_ASSOCIATION = "housing_association"
    COMMUNITY_SAFETY_TEAM = "council_community_safety_team"
    OTHER_RJ_SERVICE = "other_rj_service"
    SELF_REFERRAL = "self_referral"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS: dict[ReferralSource, str] = {
    ReferralSource.ESSEX_POLICE: "Essex Police",
    ReferralSource.PROBATION_SERVICE: "Probation Service",
    ReferralSource.COMMUNITY_REHABILITATION_COMPANY: "Community rehabilitation company (former)",
    ReferralSource.PRISON: "Prison",
    ReferralSource.ESSEX_COUNTY_COUNCIL: "Essex County Council",
    ReferralSource.BASILDON_COUNCIL: "Basildon Borough Council",
    ReferralSource.BRAINTREE_COUNCIL: "Braintree District Council",
    ReferralSource.BRENTWOOD_COUNCIL: "Brentwood Borough Council",
    ReferralSource.CASTLE_POINT_COUNCIL: "Castle Point Borough Council",
    ReferralSource.CHELMSFORD_COUNCIL: "Chelmsford City Council",
    ReferralSource.COLCHESTER_COUNCIL: "Colchester City Council",
    ReferralSource.EPPING_FOREST_COUNCIL: "Epping Forest District Council",
    ReferralSource.HARLOW_COUNCIL: "Harlow Council",
    ReferralSource.MALDON_COUNCIL: "Maldon District Council",
    ReferralSource.ROCHFORD_COUNCIL: "Rochford District Council",
    ReferralSource.SOUTHEND_COUNCIL: "Southend-on-Sea City Council (unitary)",
    ReferralSource.TENDRING_COUNCIL: "Tendring District Council",
    ReferralSource.THURROCK_COUNCIL: "Thurrock Council (unitary)",
    ReferralSource.UTTLESFORD_COUNCIL: "Uttlesford District Council",
    ReferralSource.ESSEX_FIRE_AND_RESCUE: "Essex County Fire and Rescue Service",
    ReferralSource.YOUTH_OFFENDING_SERVICE: "Youth offending service",
    ReferralSource.VICTIM_SUPPORT: "Victim Support",
    ReferralSource.HOUSING_ASSOCIATION: "Housing association",
    ReferralSource.COMMUNITY_SAFETY_TEAM: "A council's community safety team",
    ReferralSource.OTHER_RJ_SERVICE: "Another restorative justice service",
    ReferralSource.SELF_REFERRAL: "Self-referral",
}


class ReferralStatus(StrEnum):
    RECEIVED = "received"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ConsentAtReferral(StrEnum):
    """What the referrer recorded about the participant's consent to be referred."""

    GIVEN = "given"
    NOT_YET_ASKED = "not_yet_asked"
    DECLINED = "declined"


class OffenceType(StrEnum):
    VIOLENCE = "violence_against_the_person"
    BURGLARY = "burglary"
    ROBBERY = "robbery"
    THEFT = "theft"
    CRIMINAL_DAMAGE = "criminal_damage"
    ARSON = "arson"
    PUBLIC_ORDER = "public_order"
    HARASSMENT = "harassment"
    FRAUD = "fraud"
    VEHICLE = "vehicle_offence"
    ANTI_SOCIAL_BEHAVIOUR = "anti_social_behaviour"
    DRUGS = "drugs"
    OTHER = "other"


class OffenceFlag(StrEnum):
    """Sensitive features of an offence that change how a case is handled."""

    DOMESTIC_ABUSE = "domestic_abuse"
    SEXUAL_HARM = "sexual_harm"
    HATE_CRIME = "hate_crime"
    INVOLVES_CHILD = "involves_child"
    KNIFE_CRIME = "knife_crime"


#: Flags under the board's policy rule: criminal proceedings, not restorative justice instead of
#: them. Accepting such a referral needs the rule acknowledged.
POLICY_RULE_FLAGS = frozenset({OffenceFlag.SEXUAL_HARM, OffenceFlag.KNIFE_CRIME})


class LawfulBasis(StrEnum):
    """The UK GDPR basis the service relies on to hold a referral's personal data."""

    CONSENT = "consent"
    PUBLIC_TASK = "public_task"


class AgeBand(StrEnum):
    """Equality monitoring: age bands (optional, kept apart from case content)."""

    UNDER_18 = "under_18"
    FROM_18_TO_24 = "18_24"
    FROM_25_TO_34 = "25_34"
    FROM_35_TO_49 = "35_49"
    FROM_50_TO_64 = "50_64"
    OVER_64 = "65_plus"
    NOT_SAID = "prefer_not_to_say"


class RejectionReason(StrEnum):
    """Why a referral was turned down: all that is left of it is a count per reason and month."""

    NOT_SUITABLE = "not_suitable"
    OUT_OF_AREA = "out_of_area"
    NO_CONSENT = "no_consent"
    DUPLICATE = "duplicate"
    CRIMINAL_PROCEEDINGS = "criminal_proceedings"
    OTHER = "other"


class AllocationChangeReason(StrEnum):
    """Why a facilitator leaves a case or party file (kept in the audit log, no free text)."""

    WORKLOAD = "workload"
    VOLUNTEER_LEFT = "volunteer_left"
    CONFLICT_OF_INTEREST = "conflict_of_interest"
    SKILLS_NEEDED = "skills_needed"
    SAFEGUARDING = "safeguarding"
    OTHER = "other"


class JusticeStage(StrEnum):
    """Where the case stands in the criminal justice system."""

    PRE_SENTENCE = "pre_sentence"
    POST_SENTENCE = "post_sentence"
    COMMUNITY_RESOLUTION = "community_resolution"
    OUT_OF_COURT = "out_of_court"


class WorkflowStage(StrEnum):
    """The service's case workflows, in order (``domain.workflow`` says which stages each case
    type uses: mediation goes from first contact to individual visits and a joint meeting or
    shuttle, then shares the agreement, review and closure stages)."""

    REFERRAL = "referral"
    ALLOCATION = "allocation"
    FIRST_CONTACT = "first_contact"
    ASSESSMENT = "assessment"
    PREPARATION = "preparation"
    DELIVERY = "delivery"
    INDIVIDUAL_VISITS = "individual_visits"
    JOINT_MEETING = "joint_meeting"
    OUTCOME_AGREEMENT = "outcome_agreement"
    FOLLOW_UP = "follow_up"
    CLOSURE = "closure"


class CaseStatus(StrEnum):
    """The case's status beside its workflow stage: open, paused (awaiting sentence, a
    participant in hospital, ...) or closed."""

    OPEN = "open"
    ON_HOLD = "on_hold"
    CLOSED = "closed"


class ClosureReason(StrEnum):
    COMPLETED = "completed"
    CONSENT_REFUSED = "consent_refused"
    PARTICIPANT_WITHDREW = "participant_withdrew"
    NOT_SUITABLE = "not_suitable_after_assessment"
    NO_CONTACT = "unable_to_make_contact"
    SAFEGUARDING = "safeguarding_concern"
    OTHER = "other"


class ParticipantRole(StrEnum):
    VICTIM = "victim"
    OFFENDER = "offender"
    PARTY = "party"  # a party to a mediated dispute: neither victim nor offender
    SUPPORTER = "supporter"
    PARENT_OR_APPROPRIATE_ADULT = "parent_or_appropriate_adult"
    PROFESSIONAL = "professional"


class NoteStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class ContactMode(StrEnum):
    VISIT = "visit"
    PHONE = "phone"
    VIDEO = "video"
    LETTER = "letter"
    EMAIL = "email"


class ContactKind(StrEnum):
    FIRST_CONTACT = "first_contact"
    PREPARATION_MEETING = "preparation_meeting"
    CONFERENCE = "conference"
    SHUTTLE = "shuttle"
    FOLLOW_UP = "follow_up"
    OTHER = "other"


class ConsentScope(StrEnum):
    """What a consent record covers. Consent is granular and each scope is given separately."""

    TAKE_PART = "take_part"
    CONFIDENTIALITY_FORM = "confidentiality_form"
    SHARE_WITH_OTHER_PARTY = "share_with_other_party"
    SHARE_WITH_AGENCY = "share_with_agency"
    CASE_STUDY = "case_study"
    SUPPORTERS_ATTENDING = "supporters_attending"


class ConsentMethod(StrEnum):
    VERBAL = "verbal"
    SIGNED_FORM = "signed_form"


class ConsentDecision(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"


class RiskKind(StrEnum):
    INITIAL = "initial"
    SECONDARY = "secondary"
    LETTER_SHARING = "letter_sharing"


class RiskOutcome(StrEnum):
    PROCEED = "proceed"
    PROCEED_WITH_MITIGATIONS = "proceed_with_mitigations"
    DO_NOT_PROCEED = "do_not_proceed"


class ExchangeKind(StrEnum):
    LETTER = "letter"
    APOLOGY_LETTER = "apology_letter"
    SHUTTLE_MESSAGE = "shuttle_message"
    ANSWERS_TO_QUESTIONS = "answers_to_questions"


class Satisfaction(StrEnum):
    """A participant's satisfaction with the service, on the scale the service reports."""

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    NEITHER = "neither_satisfied_nor_dissatisfied"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"


class CaseStudyUse(StrEnum):
    """Whether a participant's story may be used as a case study, and how."""

    NOT_AGREED = "not_agreed"
    ANONYMOUS = "anonymous"
    IDENTIFIED = "identified_with_written_permission"


class LetterDelivery(StrEnum):
    """How a delivered apology letter reached the person it was written to."""

    READ_TO_RECIPIENT = "read_to_recipient"
    COPY_HANDED_OVER = "copy_handed_over"


class Custody(StrEnum):
    """Where the content of an exchange is: held by the service until asked for, or passed on."""

    HELD = "held"
    DELIVERED = "delivered"
    RETURNED = "returned"
    DESTROYED = "destroyed"


class OutcomeKind(StrEnum):
    APOLOGY = "apology"
    REPARATION = "reparation"
    RESTITUTION = "restitution"
    OTHER = "other"


class ExpenseKind(StrEnum):
    MILEAGE = "mileage"
    TRAVEL = "travel"
    PARKING = "parking"
    OTHER = "other"


class UserRole(StrEnum):
    """Who uses the service's systems: volunteers see their allocated cases; staff see all;
    administrators are staff who also manage accounts. The wire protocol carries this enum."""

    VOLUNTEER = "volunteer"
    STAFF = "staff"
    ADMIN = "admin"
