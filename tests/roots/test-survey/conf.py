extensions = ['myst_parser', 'gov_provenance']
myst_enable_extensions = ['colon_fence']
exclude_patterns = ['_build']
# tiny, so that a handful of records makes lists long: a list of more than 3 items shows
# 2 of them, and the whole list is on pages of 4
gov_view_sample_threshold = 3
gov_view_sample_size = 2
gov_view_list_page_size = 4
