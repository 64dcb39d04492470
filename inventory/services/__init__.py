"""Use cases of the hardware's journey, one module per context; each write is one transaction."""
