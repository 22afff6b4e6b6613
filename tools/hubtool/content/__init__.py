"""The content model: Markdown files with validated front matter, loaded one way for every command."""
