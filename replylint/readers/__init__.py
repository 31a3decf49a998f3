"""Input readers: turn paths into Drafts, naming the file in every error."""

# The values of `--input-format` (see readers/library.py); here so that the CLI can offer
# them without importing every reader.
INPUT_FORMATS = ("auto", "reply", "list", "zendesk", "gorgias", "helpscout", "freshdesk", "intercom", "csv")
