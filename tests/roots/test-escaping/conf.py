# The pages of this root are written by tests/test_escaping.py from the extension's
# own list of directives and options, so that no option escapes the check.
extensions = ['myst_parser', 'gov_provenance']
myst_enable_extensions = ['colon_fence']
exclude_patterns = ['_build']
# as in the handbook; Japanese also keeps smart quotes from rewriting the payloads
language = 'ja'
# connected.md gives every object a :gap: so that its text is shown, though every
# object there is linked: that the gap no longer holds is true, and not the point here
suppress_warnings = ['gov.stale-gap']
