# A handbook whose text a spreadsheet would take for formulas, with its own version.
extensions = ['myst_parser', 'sphinxcontrib.bibtex', 'gov_provenance']
bibtex_bibfiles = ['refs.bib']
myst_enable_extensions = ['colon_fence']
exclude_patterns = ['_build']
project = 'Export test'
release = '2.3.4'
