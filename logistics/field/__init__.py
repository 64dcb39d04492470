"""Field work on the phone: the agent's day, and the sync of entries made offline (issue 5)."""
