"""Residents' rights over their data: the export (right of access) and the anonymisation once
the retention period is over. Reads and writes across trainees, visits and tickets."""
