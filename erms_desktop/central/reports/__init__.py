"""Anonymised reports from the store: figures only, with small-number suppression."""
