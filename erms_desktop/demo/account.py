"""The demo volunteer's synthetic account: the enrolment code, office user name and password the
demo enrols with, and the local passphrase the demo unlock screen shows. Nothing here is a secret:
the demo runs only on synthetic data."""

from __future__ import annotations

DEMO_ENROLMENT_CODE = "DEMO-2026"
DEMO_USERNAME = "demo.volunteer"
DEMO_PASSWORD = "demo-password"  # noqa: S105 - the synthetic demo account
DEMO_PASSPHRASE = "correct horse battery staple"  # noqa: S105 - shown on the demo unlock screen
