"""wardesk: scraped conflict news in, a source-attributed, geolocated, dated event database out."""

__version__ = "0.1.0"
