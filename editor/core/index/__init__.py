"""The folder index: listing, the record of one file, reading it, the SQLite cache, the catalog."""
