"""Bundled resources (word lists, icons, style sheets), installed as ``erms_desktop.resources``
and read with importlib.resources so they are found from source, wheel and frozen app alike."""
