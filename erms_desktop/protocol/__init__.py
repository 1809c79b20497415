"""The wire contract between the desktop's sync client and the central store.

Both sides import it; it imports only the domain (and pydantic). The prose description of the
flows, status codes and examples is docs/sync-protocol.md.
"""
