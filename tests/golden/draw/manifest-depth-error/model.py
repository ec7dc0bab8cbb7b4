"""A [draw] depth that is not a count is a located error (the model is never read)."""
