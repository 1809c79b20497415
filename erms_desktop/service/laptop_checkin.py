"""The desktop service's part in checking this laptop in (service/checkin.py does the work): the
GUI's check-in wizard calls these on its worker thread, never on the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from erms_desktop.service.laptop import Laptop

if TYPE_CHECKING:
    from erms_desktop.protocol.checkin import Receipt
    from erms_desktop.service.checkin import CheckInState, LaptopCheckIn, Opening, Steps


class CheckInDesk(Laptop):
    def check_in_server(self) -> str | None:
        """The office this laptop belongs to (from the last contact, or an interrupted
        check-in), for the staff member's sign-in before the vault is opened."""
        state = self.interrupted_check_in()
        return state.server_url if state is not None else self._times().server_url

    def interrupted_check_in(self) -> CheckInState | None:
        from erms_desktop.service.checkin import read_state, state_path

        return read_state(state_path(self.vault))

    def check_in(self, staff_token: str, opening: Opening, steps: Steps) -> Receipt:
        """Run (or resume) the check-in; the laptop is left with no vault when it succeeds."""
        if self._client is not None:  # the volunteer's sync client goes with the vault
            self._client.close()
            self._client = None
        receipt = self._check_in().run(staff_token, opening, steps)
        self._damaged = False
        return receipt

    def _check_in(self) -> LaptopCheckIn:
        from erms_desktop.service.checkin import LaptopCheckIn

        return LaptopCheckIn(self.vault, self._office_key(), verify=self._verify)
