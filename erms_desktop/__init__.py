"""ERMS Desktop: case work for volunteer restorative justice facilitators.

The package is split so that the core (``domain``, ``vault``, ``sync``, ``central``) never imports
Qt; only ``erms_desktop.gui`` does. See docs/architecture.md.
"""

__version__ = "0.1.0"
