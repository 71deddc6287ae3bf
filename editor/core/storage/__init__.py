"""Files on disk: atomic writes, file identity, locks, the recovery journal, user folders."""
