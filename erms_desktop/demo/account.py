"""The demo's synthetic accounts: the volunteer's enrolment code, office user name and password
the demo enrols with, and the local passphrase the demo unlock screen shows; and the two office
accounts the first screen offers for office mode (same password): a coordinator (staff) and the
service manager (an administrator, who also has the Audit search and Subject access screens).
Nothing here is a secret: the demo runs only on synthetic data."""

from __future__ import annotations

DEMO_ENROLMENT_CODE = "DEMO-2026"
DEMO_USERNAME = "demo.volunteer"
DEMO_PASSWORD = "demo-password"  # noqa: S105 - the synthetic demo account
DEMO_PASSPHRASE = "correct horse battery staple"  # noqa: S105 - shown on the demo unlock screen
DEMO_OFFICE_USERNAME = "demo.staff"  # office mode's demo account (a staff member)
DEMO_MANAGER_USERNAME = "demo.manager"  # the demo's service manager (an administrator)
