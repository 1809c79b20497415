"""The sync cycle: push the outbox in numbered batches, then pull pages after the cursor.

One engine serves one unlocked vault and one central store. A cycle is safe to interrupt at any
point (network failure, crash, SIGKILL): every local step is one vault transaction, and the batch
in flight is re-sent with the same numbers until its answer is settled. An answer is settled in
the engine's next vault transaction - planning the next batch, or the first pulled page - so a
one-note cycle commits twice, not three times; a crash before that only means the batch is sent
again and the store repeats its answers. Failures are typed
(:mod:`erms_desktop.sync.errors`); a "device revoked" answer crypto-shreds the vault first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from functools import partial

from erms_desktop.domain.records import Fields
from erms_desktop.protocol.messages import PullResponse, PushRequest, PushResponse, ScopeExit
from erms_desktop.sync import attachments
from erms_desktop.sync import pull as pulling
from erms_desktop.sync import push as pushing
from erms_desktop.sync.conflicts import CONFLICT, Choice, Conflict, list_conflicts
from erms_desktop.sync.digest import differences, local_digests
from erms_desktop.sync.errors import (
    DeviceRevoked,
    InvalidResponse,
    Offline,
    SequenceGap,
    SyncError,
)
from erms_desktop.sync.progress import Meter, Phase, ProgressCallback, SyncReport, SyncStatus
from erms_desktop.sync.pull import LAST_SUCCESS
from erms_desktop.sync.resolution import resolve
from erms_desktop.sync.scope import leave_case
from erms_desktop.sync.transport import Transport
from erms_desktop.vault import Store, SyncTransaction, Vault, VaultError

PAGE_SIZE = 500
#: A hard bound on pages per cycle, so a misbehaving store cannot keep a cycle alive forever.
MAX_PAGES = 100_000


class SyncEngine:
    def __init__(
        self,
        vault: Vault,
        transport: Transport,
        *,
        on_progress: ProgressCallback | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self._vault = vault
        self._transport = transport
        self._meter = Meter(on_progress)
        self._page_size = page_size
        self._online: bool | None = None
        self._versions_checked = False
        self._answered: tuple[pushing.Batch, PushResponse] | None = None
        self._settled = pushing.Settled()

    @property
    def store(self) -> Store:
        return self._vault.store

    @property
    def transport(self) -> Transport:
        return self._transport

    @property
    def on_progress(self) -> ProgressCallback | None:
        return self._meter.callback

    @on_progress.setter
    def on_progress(self, callback: ProgressCallback | None) -> None:
        self._meter.callback = callback

    # -- the cycle -----------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """One full cycle. Raises a typed :class:`SyncError`; on ``DeviceRevoked`` the vault has
        been wiped and the exception's ``wipe`` says what was destroyed."""
        try:
            report = self._cycle()
        except Offline:
            self._online = False
            raise
        except DeviceRevoked as revoked:
            self._online = True
            raise DeviceRevoked(str(revoked), self._vault.wipe()) from revoked
        self._online = True
        return report

    def _cycle(self) -> SyncReport:
        self._meter.start(Phase.CONNECTING)
        if not self._versions_checked:
            # Once per engine: afterwards every request carries the version headers and an
            # incompatible store answers 426 (UpgradeRequired) to any of them.
            self._transport.health()
            self._versions_checked = True
        self._answered, self._settled = None, pushing.Settled()
        try:
            self._push_all()
            pulled, removed = self._pull_all()
        except BaseException:
            self._settle_alone()
            raise
        self._meter.start(Phase.DONE)
        settled = self._settled
        return SyncReport(settled.applied, pulled, settled.conflicts, settled.rejected, removed)

    @contextmanager
    def _transaction(self) -> Iterator[SyncTransaction]:
        """A vault transaction that first settles the store's last answer, if any."""
        settled = pushing.Settled()
        with self.store.sync_transaction() as tx:
            if self._answered is not None:
                settled = pushing.settle(tx, *self._answered)
            yield tx
        self._answered = None
        self._settled.applied += settled.applied
        self._settled.conflicts += settled.conflicts
        self._settled.rejected += settled.rejected

    def _settle_alone(self) -> None:
        """The pull failed after a push was answered: keep the answer anyway, so what the store
        took is not shown as pending. If even that fails, the batch is simply sent again."""
        try:
            if self._answered is not None:
                with self._transaction():
                    pass
        except VaultError:
            pass
        finally:
            self._answered = None

    def _push_all(self) -> None:
        """Push until nothing is due; the last answer stays to be settled with the pull."""
        with self.store.sync_reader() as reader:
            self._meter.start(Phase.PUSHING, reader.outbox_count("pending"))
        for _ in range(MAX_PAGES):
            answered = None if self._answered is None else self._answered[0]
            with self.store.sync_reader() as reader:
                if not pushing.anything_to_push(reader, answered):
                    return
            with self._transaction() as tx:
                batch = pushing.plan_batch(tx)
            if batch is None:
                return
            wanted = attachments.referenced(self.store, batch.mutations)
            for address, media_type in wanted:
                attachments.upload(
                    self._transport,
                    self.store,
                    address,
                    media_type,
                    lambda n: self._meter.add(bytes_=n),
                )
            try:
                response = self._transport.push(PushRequest(mutations=batch.mutations))
            except SequenceGap as gap:
                # The store never saw numbers from ``expected`` on (e.g. it was restored from
                # a backup): the unanswered batch takes those numbers and goes again.
                if gap.expected is None or gap.expected >= batch.mutations[0].device_seq:
                    raise
                with self.store.sync_transaction() as tx:
                    batch = pushing.renumber(tx, batch, gap.expected)
                response = self._transport.push(PushRequest(mutations=batch.mutations))
            _check_answer(batch, response)
            self._answered = (batch, response)
            self._meter.add(sum(len(seqs) for seqs in batch.outbox))
        raise InvalidResponse("the push did not finish within its bound")

    def _pull_all(self) -> tuple[int, int]:
        with self.store.sync_reader() as reader:
            cursor = reader.cursor()
            resyncing = bool(reader.json_state(pulling.RESYNC))
            local_total = reader.live_count()
        if resyncing:
            cursor = 0
        seen: set[str] | None = set() if resyncing else None
        self._meter.start(Phase.PULLING, self._expected_items() if cursor == 0 else 0)
        pulled = 0
        removing: Counter[str] = Counter()
        # The next page is asked for while this one is checked and applied (the store builds
        # it meanwhile); a page that fails leaves the request to finish unread.
        ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull")
        upcoming: Future[PullResponse] | None = None
        try:
            for _ in range(MAX_PAGES):
                if upcoming is None:
                    page = self._transport.pull(cursor, self._page_size)
                else:
                    page, upcoming = upcoming.result(), None
                if page.resync_required:
                    if seen is not None and cursor == 0:
                        raise InvalidResponse("the central store asked for a re-download from 0")
                    with self._transaction() as tx:
                        tx.put_json_state(pulling.RESYNC, True)
                        tx.set_cursor(0)
                    cursor, seen = 0, set()
                    continue
                if page.more and page.cursor <= cursor:
                    raise InvalidResponse("the central store's cursor did not move forward")
                with self.store.sync_reader() as reader:
                    removing.update(pulling.removals(reader, page))
                    pulling.check_mass_deletion(reader, removing, local_total)
                # Only now: a page the store serves counts as on this laptop (its holdings), so
                # none is asked for past a page waiting on the user's yes to a mass removal.
                if page.more and not any(isinstance(c, ScopeExit) for c in page.changes):
                    upcoming = ahead.submit(self._transport.pull, page.cursor, self._page_size)
                pulled += self._take_page(page, seen)
                cursor = page.cursor
                if not page.more:
                    break
            else:
                raise InvalidResponse("the pull did not finish within its bound")
        finally:
            ahead.shutdown(wait=False, cancel_futures=True)
        removed = 0
        if seen is not None:
            removed = pulling.finish_resync(self.store, seen)
        return pulled, removed

    def _take_page(self, page: PullResponse, seen: set[str] | None) -> int:
        """Download for and apply one page (its own vault transaction); how many records it
        changed."""
        self._leave_cases(page)
        self._fetch_attachments(page, meanwhile=partial(pulling.check_page, page))
        last = not page.more and seen is None
        with self._transaction() as tx:
            pulled = pulling.apply_page(tx, page, seen, finishing=last, checked=True)
        self._meter.add(len(page.changes))
        return pulled

    def _expected_items(self) -> int:
        """On a first download, the store's digest counts give the progress bar its total."""
        return sum(case.count for case in self._transport.digest().cases)

    def _fetch_attachments(self, page: PullResponse, meanwhile: Callable[[], None]) -> None:
        """Download the page's attachments, running ``meanwhile`` while they arrive (a
        profile of the initial sync showed this thread idle, waiting on the store, for as long
        as it then spent decoding the records)."""
        wanted = attachments.documents_to_fetch(self.store, page.changes)
        if not wanted:
            meanwhile()
            return
        self._meter.add(bytes_total=sum(wanted.values()))
        attachments.download_all(
            self._transport,
            self.store,
            wanted,
            lambda n: self._meter.add(bytes_=n),
            meanwhile=meanwhile,
        )

    def _leave_cases(self, page: PullResponse) -> None:
        """A case left this user's scope: push what is pending, quarantine what is still unsent
        or refused (with any drafts), then remove the local copy."""
        exits = [c for c in page.changes if isinstance(c, ScopeExit)]
        if not exits:
            return
        self._push_all()
        if self._answered is not None:  # what the store took is not unsent: settle it first
            with self._transaction():
                pass
        for exit_ in exits:
            leave_case(self.store, exit_)

    # -- what the GUI asks ---------------------------------------------------------------------

    def status(self) -> SyncStatus:
        """Counts only: nothing counted here is decoded."""
        with self.store.sync_reader() as reader:
            pending = reader.outbox_count("pending")
            attention = (
                reader.outbox_count("rejected")
                + reader.state_count(CONFLICT)
                + reader.quarantine_count()
                + reader.json_list_length(attachments.MISSING)
            )
            last = reader.json_state(LAST_SUCCESS)
        return SyncStatus(
            self._online, None if last is None else datetime.fromisoformat(last), pending, attention
        )

    def conflicts(self) -> list[Conflict]:
        return list_conflicts(self.store)

    def resolve(self, record_id: str, choice: Choice, merged: Fields | None = None) -> str | None:
        """Settle a conflict (see :func:`erms_desktop.sync.conflicts.resolve`); the next cycle
        pushes the result."""
        return resolve(self.store, record_id, choice, merged)

    def retry_rejected(self, seq: int) -> None:
        """Queue a refused mutation (from ``store.rejected_outbox()``) to be sent again, e.g.
        after the office fixed what made it fail; the next cycle pushes it."""
        with self.store.sync_transaction() as tx:
            updated = tx.retry_rejected(seq)
        if not updated:
            raise SyncError(f"no refused change {seq}")

    def confirm_mass_deletion(self) -> None:
        """The user agreed to the removal :class:`MassDeletionPending` asked about: the next
        cycle goes ahead with it (once)."""
        self.store.set_state(pulling.ALLOW_MASS_DELETION, "true")

    def digest_differences(self) -> list[str]:
        """Case ids where this laptop and the store disagree; empty means the sanity digests
        match."""
        return differences(local_digests(self.store), self._transport.digest().cases)


def _check_answer(batch: pushing.Batch, response: PushResponse) -> None:
    """The store answers every mutation of a batch or refuses the batch whole; anything else
    is not trusted (the batch stays stored and is sent again)."""
    sent = sorted(m.device_seq for m in batch.mutations)
    if sorted(result.device_seq for result in response.results) != sent:
        raise InvalidResponse("the central store did not answer exactly the mutations sent")
