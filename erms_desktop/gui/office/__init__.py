"""Office mode: the office staff's screens in the same desktop app, over an office session
(erms_desktop/service/office/). No vault is opened and nothing is written to disk."""
