"""Our spaCy pipeline components, one file per fact type."""
