"""Sync: the protocol shared with the central store, and the client's outbox and engine. No Qt."""
