# The pages of this root are written by tests/test_escaping.py from the extension's
# own list of directives and options, so that no option escapes the check.
extensions = ['myst_parser', 'gov_provenance']
myst_enable_extensions = ['colon_fence']
exclude_patterns = ['_build']
# as in the handbook; Japanese also keeps smart quotes from rewriting the payloads
language = 'ja'
