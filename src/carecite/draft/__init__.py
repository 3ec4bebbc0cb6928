"""Drafts: a case file (``case``) and a Jinja template render Markdown (``render``); the
writer (``write``) turns it into Word; the audit (``audit``) checks a finished draft.
"""
