"""HTML pages (French, phone-first), rendered with Jinja2."""
