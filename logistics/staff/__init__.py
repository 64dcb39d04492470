"""Staff on integration contracts (salariés en insertion): what planning must respect."""
