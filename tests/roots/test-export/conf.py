# A handbook whose text a spreadsheet would take for formulas, with its own version.
extensions = ['myst_parser', 'gov_provenance']
myst_enable_extensions = ['colon_fence']
exclude_patterns = ['_build']
project = 'Export test'
release = '2.3.4'
