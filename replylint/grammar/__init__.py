"""Grammar and style through LanguageTool: settings, the client service, cache, match mapping.

`settings` validates the `languagetool:` config block, `service` owns the one
language-tool-python client of a Linter (batched, bounded concurrency, disk cache),
`mapping` turns LanguageTool matches into levels, `cache` stores results on disk.
The `grammar` rule kind (kinds/grammar.py) reads the service's results.
"""
