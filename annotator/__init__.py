"""Annotator: annotate quotes, actors and demands in news articles."""
