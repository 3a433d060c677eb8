# A handbook published at an address, with releases, revisions and hostile text.
extensions = ['myst_parser', 'gov_provenance']
myst_enable_extensions = ['colon_fence']
exclude_patterns = ['_build']
project = 'Feeds <test> & co'
author = 'Editors "of" <feeds>'
language = 'ja'
html_baseurl = 'https://example.org/handbook'
