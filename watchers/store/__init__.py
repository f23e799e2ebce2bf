"""Storage: table definitions, the database engine and the repositories — the only code that writes SQL."""
