"""The victim/offender separation engine. No Qt, no I/O beyond reading its bundled word list."""
