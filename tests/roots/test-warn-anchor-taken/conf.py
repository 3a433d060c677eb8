extensions = ['myst_parser', 'gov_provenance']
myst_enable_extensions = ['colon_fence']
exclude_patterns = ['_build']
