"""Collection rounds (tournées): vehicles, weekly plans built with ``routes``, published rounds.

The application side of planning: it turns what a round visits (pickup requests at donors',
each kind behind ``subjects.StopKind``) into the opaque stops of ``routes``, stores the plan the
optimiser returns, lets managers adjust and publish it, and shows agents the rounds of their day.
"""
