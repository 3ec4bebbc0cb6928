"""Reports: ingest a report PDF, locate a quotation in it, verify the bank, add passages."""
