"""Documents a donor receives: certificates, yearly summaries, dossiers, register extracts."""
