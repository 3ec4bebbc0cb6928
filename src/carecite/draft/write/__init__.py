"""The Word writer: Markdown in carecite's dialect, walked as a tree, to a .docx."""
