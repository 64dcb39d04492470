"""Road itineraries for collection rounds, not HTTP routes (pages: /rounds in logistics/http).

Geocoding, travel matrices and the optimiser; stops carry opaque references, so this package
knows nothing of donors or devices and never imports ``logistics`` or ``inventory``.
"""
