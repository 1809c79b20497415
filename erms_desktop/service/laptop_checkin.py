"""The desktop service's part in checking this laptop in (service/checkin.py does the work): the
GUI's check-in wizard calls these on its worker thread, never on the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from erms_desktop.service.laptop import Laptop

if TYPE_CHECKING:
    from erms_desktop.protocol.checkin import Receipt
    from erms_desktop.service.checkin import CheckInState, LaptopCheckIn, Opening, Steps
    from erms_desktop.service.office.session import OfficeAccount, OfficeSession


class CheckInDesk(Laptop):
    """The staff member's office session lives here, in memory, for one check-in."""

    _staff: OfficeSession | None = None

    def staff_sign_in(self, server_url: str, username: str, password: str) -> OfficeAccount:
        """The staff member signs in with their own office account (office sign-in: no laptop
        enrolment involved; volunteers are refused)."""
        from erms_desktop.service.office.session import OfficeSession

        self.staff_sign_out()
        session = OfficeSession(server_url, verify=self._verify)
        account = session.sign_in(username, password)
        self._staff = session
        return account

    def staff_sign_out(self) -> None:
        staff, self._staff = self._staff, None
        if staff is not None:
            staff.sign_out()

    def check_in_server(self) -> str | None:
        """The office this laptop belongs to (from the last contact, or an interrupted
        check-in), for the staff member's sign-in before the vault is opened."""
        state = self.interrupted_check_in()
        return state.server_url if state is not None else self._times().server_url

    def interrupted_check_in(self) -> CheckInState | None:
        """The check-in that stopped part-way on this laptop, if any."""
        from erms_desktop.service.checkin import read_state, state_path

        return read_state(state_path(self.vault))

    def check_in_past_the_shred(self) -> bool:
        """Whether the interrupted check-in only needs finishing (the store holds everything;
        the vault need not, and may no longer, be opened)."""
        state = self.interrupted_check_in()
        return state is not None and state.stage.value != "started"

    def check_in(self, opening: Opening | None, steps: Steps) -> Receipt:
        """Run (or resume) the check-in; the laptop is left with no vault when it succeeds."""
        if self._staff is None or not self._staff.signed_in:
            from erms_desktop.service.errors import SignInNeeded

            raise SignInNeeded
        if self._client is not None:  # the volunteer's sync client goes with the vault
            self._client.close()
            self._client = None
        receipt = self._check_in().run(self._staff, opening, steps)
        self._damaged = False
        return receipt

    def _check_in(self) -> LaptopCheckIn:
        from erms_desktop.service.checkin import LaptopCheckIn

        return LaptopCheckIn(self.vault, self._office_key(), verify=self._verify)
