"""Input readers: turn paths into Drafts, naming the file in every error."""
