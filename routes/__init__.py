"""Collection-round planning: road itineraries (geocoding, travel matrices, optimiser); no HTTP handlers here."""
