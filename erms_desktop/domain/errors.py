"""Typed errors raised by the domain model. The GUI turns each into a plain-English message."""


class DomainError(Exception):
    """Base class for every rule the domain model refuses to break."""


class InvalidValueError(DomainError, ValueError):
    """A field holds a value the model does not accept (empty id, negative duration, ...)."""


class FinalNoteError(DomainError):
    """A final note was asked to change; case notes are records and only amendments may follow."""


class WorkflowTransitionError(DomainError):
    """A case was moved between workflow stages that do not follow one another."""


class ConsentRequiredError(DomainError):
    """Content was about to cross between party files without a live consent to cite."""


class RiskAssessmentRequiredError(DomainError):
    """An apology letter was about to be shared without a completed letter-sharing assessment."""


class CustodyError(DomainError):
    """An exchange was moved to a custody state that cannot follow its current one."""


class CaseClosedError(DomainError):
    """A closed case was asked to change its workflow."""
