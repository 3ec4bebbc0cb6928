"""The cite-check audit of a finished draft: find every quotation, check it, report."""
