"""E-mail to donors: an outbox table emptied by the scheduler through SMTP."""
