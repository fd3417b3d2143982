"""Scripts that print figures about citebot (not timed unit tests)."""
