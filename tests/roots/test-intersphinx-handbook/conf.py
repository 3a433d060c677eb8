# A partner's project citing the real handbook. The test appends
# ``intersphinx_mapping``, which names the built handbook's objects.inv by absolute path.
extensions = ['myst_parser', 'sphinx.ext.intersphinx', 'gov_provenance']
myst_enable_extensions = ['colon_fence']
exclude_patterns = ['_build']
language = 'ja'
nitpicky = True
