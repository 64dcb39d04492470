"""The hardware's journey: donors, pickups, collections, items, labels, lots, returns."""
