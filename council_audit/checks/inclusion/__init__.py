"""Inclusion: page weight, small screens, zoom, CAPTCHAs, cookie banners and timed refreshes."""
