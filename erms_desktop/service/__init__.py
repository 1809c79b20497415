"""The desktop service: the one Qt-free object the GUI drives from its one background worker
(``desktop.DesktopService``, with the case workspace's calls on its ``casework``), the one place
that words every failure for the volunteer (``messages``), the desktop's settings (``settings``)
and the ``doctor`` report.

Nothing here imports Qt, so the same service serves the GUI, the command line and the tests.
Modules are imported one by one (this file imports nothing), so the GUI's first screen does not
wait for the vault or the sync client to load.
"""
