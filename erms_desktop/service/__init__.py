"""The desktop shell's view of the core: a Qt-free interface the GUI drives from its one
background worker, a fake of it for tests and the early demo, and the ``doctor`` report.

Nothing here imports Qt, so the same interface serves the GUI, the command line and the tests.
"""
