"""People who use the tracker: organisations, user accounts, roles."""
