# A partner's project citing the handbook. The test copies this root and appends
# ``intersphinx_mapping``, which names the handbook's objects.inv by absolute path.
extensions = ['myst_parser', 'sphinx.ext.intersphinx', 'gov_provenance']
myst_enable_extensions = ['colon_fence']
exclude_patterns = ['_build']
