"""An authority's inspection history."""
