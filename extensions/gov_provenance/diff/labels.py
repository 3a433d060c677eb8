"""The words of the diff, in the handbook's catalogue, and the language they are read in.

The names of object types, fields and statuses are the extension's own labels
(:mod:`gov_provenance.locale`), so that the diff says 反映済み where the site does.
The diff's own messages below are translated in the same catalogue,
``locales/ja/LC_MESSAGES/gov_provenance.po``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sphinx.locale

from ..locale import LOCALE_DIR, MESSAGE_CATALOG, N_

#: the languages the extension has labels in: its message ids, and its catalogue
LANGUAGES = ('ja', 'en')

#: key: message id (marked for the catalogue)
MESSAGES = {
    'title': N_('Changes in the records and their links (provenance.json)'),
    'unchanged': N_('No change in the records or their links (provenance.json).'),
    'other': N_('Changes not tied to a principle'),
    'handbook': N_('The handbook'),
    'statuses': N_('Status changes'),
    'revisions-added': N_('Revisions added'),
    'added': N_('Added'),
    'removed': N_('Removed'),
    'changed': N_('Changed'),
    'links-added': N_('Links added'),
    'links-removed': N_('Links removed'),
    'links-inferred': N_('Links that became or stopped being inferred'),
    'object': N_('%(type)s %(id)s “%(name)s”'),
    'renamed-from': N_(' (possibly renamed from %(id)s)'),
    'renamed-to': N_(' (possibly renamed to %(id)s)'),
    'none': N_('(none)'),
    'field': N_('%(field)s: %(value)s'),
    'link': N_('%(source)s → %(target)s (%(relation)s)'),
    'link-inferred': N_('%(source)s → %(target)s (%(relation)s, inferred)'),
    'now-inferred': N_('%(link)s: now inferred'),
    'no-longer-inferred': N_('%(link)s: no longer inferred'),
    'file': N_('Source file'),
    'name': N_('Name shown'),
    'url': N_('Address (URL)'),
    'text': N_('Text'),
    'citations': N_('Works cited (citation keys)'),
    'original': N_('Copy of'),
    'base_url': N_('Site address (html_baseurl)'),
    'format': N_('Export format'),
    'project': N_('Project'),
    'version': N_('Version'),
    'language': N_('Language'),
    'releases': N_('Releases'),
    'count-principles': N_('Principles concerned: %(count)d'),
    'count-added': N_('Added: %(count)d'),
    'count-removed': N_('Removed: %(count)d'),
    'count-changed': N_('Changed: %(count)d'),
    'count-statuses': N_('Status changes: %(count)d'),
    'count-links-added': N_('Links added: %(count)d'),
    'count-links-removed': N_('Links removed: %(count)d'),
    'count-links-inferred': N_('Inference changed: %(count)d'),
}

_translate = sphinx.locale.get_translation(MESSAGE_CATALOG)


def label(key: str, **values: object) -> str:
    """The message ``key`` in the language of :func:`labels_in`, its values put in."""
    text = str(_translate(MESSAGES[key]))
    return text % values if values else text


@contextmanager
def labels_in(language: str) -> Iterator[None]:
    """Read every label, the extension's and the diff's, in ``language`` (English
    where the catalogue has none), and give the catalogue back as it was after."""
    key = ('general', MESSAGE_CATALOG)
    saved = sphinx.locale.translators.pop(key, None)
    sphinx.locale.init([LOCALE_DIR], language, MESSAGE_CATALOG)
    try:
        yield
    finally:
        sphinx.locale.translators.pop(key, None)
        if saved is not None:
            sphinx.locale.translators[key] = saved
