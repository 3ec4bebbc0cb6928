"""Search: the SQLite FTS5 index of a bank, and ranked queries over it."""
