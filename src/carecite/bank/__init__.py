"""The quote bank: load and validate (the JSON Schemas are the rules), records."""
