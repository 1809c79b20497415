"""The case workspace: one case's header, its two party files kept apart, the case level, and
the separating note editor. Vault work goes through a :class:`CaseworkRunner` (the shell's
background worker); nothing here touches the vault from the GUI thread."""
