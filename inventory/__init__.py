"""The hardware's journey: donors, pickup requests, collections, items, labels, lots, returns and certificates."""
