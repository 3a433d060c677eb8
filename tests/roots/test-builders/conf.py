extensions = ['myst_parser', 'gov_provenance']
myst_enable_extensions = ['colon_fence']
exclude_patterns = ['_build']
project = 'Builders'
# a partner's PDF of one chapter, whose principle is shaped by an opinion on another page
latex_documents = [
    ('index', 'handbook.tex', 'Handbook', 'Council', 'manual'),
    ('chapter', 'chapter.tex', 'Chapter', 'Council', 'howto'),
]
texinfo_documents = [
    ('index', 'handbook', 'Handbook', 'Council', 'handbook', 'The handbook.', 'Misc'),
    ('chapter', 'chapter', 'Chapter', 'Council', 'chapter', 'One chapter.', 'Misc'),
]
man_pages = [('chapter', 'chapter', 'One chapter', ['Council'], 7)]
copyright = '2022, Council'
version = '0.1.0'
