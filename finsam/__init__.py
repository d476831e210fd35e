"""finsam: Finsam annual reports to a checked, queryable database."""

__version__ = "0.1.0"
