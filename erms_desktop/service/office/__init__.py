"""The office client: office mode's calls on the store's office API, Qt-free.

Office mode keeps no case data on disk: :class:`~erms_desktop.service.office.session.OfficeSession`
holds its bearer token in memory only, and every answer lives only as long as the screen that
asked for it (docs/architecture.md, "Office mode").
"""
