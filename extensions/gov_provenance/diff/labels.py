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

from ..locale import LOCALE_DIR, MESSAGE_CATALOG

#: the languages the extension has labels in: its message ids, and its catalogue
LANGUAGES = ('ja', 'en')

#: key: message id
MESSAGES = {
    'title': 'Changes in the records and their links (provenance.json)',
    'unchanged': 'No change in the records or their links (provenance.json).',
    'other': 'Changes not tied to a principle',
    'handbook': 'The handbook',
    'statuses': 'Status changes',
    'revisions-added': 'Revisions added',
    'added': 'Added',
    'removed': 'Removed',
    'changed': 'Changed',
    'links-added': 'Links added',
    'links-removed': 'Links removed',
    'links-inferred': 'Links that became or stopped being inferred',
    'object': '%(type)s %(id)s “%(name)s”',
    'renamed-from': ' (possibly renamed from %(id)s)',
    'renamed-to': ' (possibly renamed to %(id)s)',
    'none': '(none)',
    'field': '%(field)s: %(value)s',
    'link': '%(source)s → %(target)s (%(relation)s)',
    'link-inferred': '%(source)s → %(target)s (%(relation)s, inferred)',
    'now-inferred': '%(link)s: now inferred',
    'no-longer-inferred': '%(link)s: no longer inferred',
    'file': 'Source file',
    'name': 'Name shown',
    'url': 'Address (URL)',
    'format': 'Export format',
    'project': 'Project',
    'version': 'Version',
    'language': 'Language',
    'releases': 'Releases',
    'count-principles': 'Principles concerned: %(count)d',
    'count-added': 'Added: %(count)d',
    'count-removed': 'Removed: %(count)d',
    'count-changed': 'Changed: %(count)d',
    'count-statuses': 'Status changes: %(count)d',
    'count-links-added': 'Links added: %(count)d',
    'count-links-removed': 'Links removed: %(count)d',
    'count-links-inferred': 'Inference changed: %(count)d',
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
