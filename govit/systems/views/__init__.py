"""Pages of the system catalogue: the catalogue itself and the decisions on it."""
