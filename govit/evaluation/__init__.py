"""Performance targets, ex-ante, in-construction, self, post and comprehensive evaluations."""
