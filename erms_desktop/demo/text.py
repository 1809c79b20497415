"""Text of the synthetic demo notes and exchanges.

Note templates name only ``{main}`` (the file's victim or offender) and ``{extra}`` (someone else
in the same file), so a demo note never mentions the other side. Exchange content crosses
between the files, so it names nobody at all.
"""

from __future__ import annotations

from erms_desktop.domain.enums import ExchangeKind, Side, WorkflowStage

_S = WorkflowStage

#: Final notes written when a file reaches each stage: victim file, then offender file.
STAGE_NOTES: dict[Side, dict[WorkflowStage, str]] = {
    Side.VICTIM: {
        _S.FIRST_CONTACT: (
            "First contact by phone with {main}. Explained what restorative justice involves"
            " and that taking part is voluntary. {main} gave verbal consent to take part and"
            " would like a home visit."
        ),
        _S.ASSESSMENT: (
            "Assessment visit to {main}{with_extra}. Talked through how the offence has"
            " affected {main} at home and at work, and what {main} wants from the process."
            " {main} signed the Consent and Confidentiality form; the scan is in this file."
        ),
        _S.PREPARATION: (
            "Preparation meeting with {main}{with_extra}. Went through the questions {main}"
            " would like answered and what a face-to-face meeting would look like. {main} is"
            " happy for the questions to be passed on."
        ),
        _S.DELIVERY: (
            "Debrief with {main} after the restorative meeting. {main} said it was hard but"
            " worthwhile, and felt listened to."
        ),
        _S.FOLLOW_UP: (
            "Follow-up call with {main} six weeks on. {main} said things feel calmer at home"
            " and is glad to have taken part."
        ),
    },
    Side.OFFENDER: {
        _S.FIRST_CONTACT: (
            "First contact with {main} through the referrer. Explained the service; {main}"
            " said they want to put things right and gave verbal consent to take part."
        ),
        _S.ASSESSMENT: (
            "Assessment visit with {main}{with_extra}. {main} accepted responsibility for the"
            " offence and understands that the other party may choose not to meet. {main}"
            " signed the Consent and Confidentiality form; the scan is in this file."
        ),
        _S.PREPARATION: (
            "Preparation meeting with {main}{with_extra}. Worked on a letter of apology;"
            " {main} wrote it in their own words and agreed to it being shared after a risk"
            " assessment."
        ),
        _S.DELIVERY: (
            "Debrief with {main} after the restorative meeting. {main} said hearing about the"
            " harm directly had a real impact."
        ),
        _S.FOLLOW_UP: (
            "Follow-up visit to {main}. The reparation work is on track and {main} is keen to"
            " finish it."
        ),
    },
}

DRAFT_NOTE = (
    "Call with {main} today to check how things are going. {main} asked about the next steps and"
)
REFUSAL_NOTE = (
    "{main} declined to sign the Consent and Confidentiality form after reading it through."
    " Explained that the case will now close; {main} understood."
)
AMENDMENT_NOTE = (
    "Amendment to the earlier note: the visit with {main} took place at home, not at an office,"
    " and lasted about an hour and a half."
)
WITHDRAWAL_NOTE = (
    "{main} has withdrawn consent for the questions to be passed on. The message the service"
    " was holding has been destroyed and nothing was shared."
)

#: What each side consents to share with the other, and what then crosses.
SHARE_DETAIL: dict[Side, str] = {
    Side.VICTIM: "Questions about the offence, passed on as a shuttle message",
    Side.OFFENDER: "A letter of apology, after a letter-sharing risk assessment",
}
EXCHANGE_CONTENT: dict[ExchangeKind, str] = {
    ExchangeKind.SHUTTLE_MESSAGE: (
        "Why did it happen, and did you think about who it would affect? I would also like to"
        " know whether you are getting help to stop."
    ),
    ExchangeKind.APOLOGY_LETTER: (
        "I want to say sorry for what I did and for the worry it has caused you and the people"
        " close to you. I have thought about it a lot since, and I am doing everything I can to"
        " make sure it never happens again."
    ),
}

AGENCY_DETAIL = "Essex Police: the outcome of the case, without personal details"
CASE_STUDY_DETAIL = "An anonymised case study in the service's annual report"
CONFERENCE_SUMMARY = (
    "Restorative meeting at a community venue. Both parties spoke and listened; an outcome"
    " agreement was drafted together."
)
OUTCOME_ITEMS: tuple[tuple[str, str], ...] = (
    ("reparation", "Twenty hours of volunteering at a community garden"),
    ("restitution", "Pay 150 pounds towards the cost of repairs, in monthly instalments"),
)
