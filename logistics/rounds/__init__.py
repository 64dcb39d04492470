"""Collection rounds (tournées): vehicles, weekly plans built with ``routes``, published rounds.

The application side of planning: it turns donors and pickup requests into the opaque stops of
``routes``, stores the plan the optimiser returns, lets managers adjust and publish it, and shows
agents the rounds of their day.
"""
