"""Assisted tagging: engines that propose quotes, speakers, cues and actor mentions, which the
researcher accepts or rejects (issue 13). Engines know roles (speech, actor, cue; speaker,
cue), never a project's label names: the schema's roles map them to labels."""

from annotator.core.assist.suggested import Suggested, SuggestedLink, Suggestions

__all__ = ["Suggested", "SuggestedLink", "Suggestions"]
