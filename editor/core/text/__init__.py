"""Text services: spelling (US and UK) and Markdown to HTML for the preview."""
