"""The encrypted local cache: SQLCipher database, key hierarchy, OS keyring, lock and wipe.

No Qt."""
