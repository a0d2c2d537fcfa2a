"""Visual presentation: how text and motion look in the rendered page (computed styles)."""
