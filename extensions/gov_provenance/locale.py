"""The extension's own labels, translated through :mod:`sphinx.locale`.

Message ids are English; ``locales/ja`` carries the Japanese catalogue. Labels are
lazy, so they follow the project's ``language`` when they are rendered.

The label tables are keyed by what the vocabulary (:mod:`.model`) declares: object
types, fields, choice and status values, and the relations an object lists under a
heading. Every one of them has its label here, in both languages
(``tests/test_labels.py`` walks the model): a lookup of anything else is an
error, never the raw name shown to a reader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, format_skeleton
from babel.numbers import format_decimal
from sphinx.locale import get_translation

from .messages import LOCALE_DIR as LOCALE_DIR  # the catalogue's, re-exported
from .messages import MESSAGE_CATALOG as MESSAGE_CATALOG
from .model import (
    FINDING,
    FINDING_SOURCE,
    GUIDELINE,
    GUIDELINE_IMPLEMENTS,
    GUIDELINE_WORKING_GROUP,
    MEETING,
    OPINION,
    OPINION_MEETING,
    PRINCIPLE,
    REVISION,
    REVISION_BECAUSE,
    REVISION_MEETING,
    REVISION_PRINCIPLE,
    SHAPED_BY,
    SOURCE,
    WORKING_GROUP,
)
from .vocabulary import FieldKind

_ = get_translation(MESSAGE_CATALOG)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue, to be translated where it is shown."""
    return message


#: by object type (``ObjectType.name``)
OBJECT_LABELS = {
    PRINCIPLE.name: _('Principle'),
    MEETING.name: _('Meeting'),
    REVISION.name: _('Revision'),
    OPINION.name: _('Opinion'),
    SOURCE.name: _('Source'),
    FINDING.name: _('Finding'),
    WORKING_GROUP.name: _('Working group'),
    GUIDELINE.name: _('Guideline'),
}

#: by field (``FieldSpec.name``), whichever object type has it
FIELD_LABELS = {
    'title': _('Title'),
    'label': _('Short label'),
    'number': _('Number'),
    'status': _('Status'),
    'gap': _('Why nothing is linked'),
    'date': _('Date'),
    'time': _('Time'),
    'format': _('Format'),
    REVISION_PRINCIPLE.name: _('Principle'),
    REVISION_MEETING.name: _('Meeting'),
    'because': _('Because of'),
    'shapes': _('Related principles'),
    'member': _('Speaker'),
    'summary': _('Summary'),
    'kind': _('Kind'),
    'period': _('Period'),
    'participants': _('Participants'),
    FINDING_SOURCE.name: _('Source'),
    'scope': _('Scope'),
    GUIDELINE_WORKING_GROUP.name: _('Working group'),
    'implements': _('Implements'),
    'inferred': _('Inferred links'),
    'representative': _('Why it is shown as representative'),
    'number-inferred': _('Why the number is paired with the title by inference'),
}

#: by value of a ``CHOICE`` or ``STATUS`` field
VALUE_LABELS = {
    'draft': _('Draft'),
    'adopted': _('Adopted'),
    'pending': _('Pending'),
    'reflected': _('Reflected'),
    'noted': _('Noted'),
    'unknown': _('Outcome not recorded'),
    'unrecorded': _('Not recorded in the sources'),
    'preparing': _('Preparing'),
    'active': _('Active'),
    'closed': _('Closed'),
    'online': _('Online'),
    'in-person': _('In person'),
    'hybrid': _('Hybrid'),
    'workshop': _('Staff workshop'),
    'survey': _('Citizen survey'),
    'interview': _('Interview'),
    'other': _('Other'),
}

#: by kind of field, as the extension reference names them
KIND_LABELS = {
    FieldKind.TEXT: _('text'),
    FieldKind.INTEGER: _('integer'),
    FieldKind.DATE: _('date'),
    FieldKind.PERIOD: _('period'),
    FieldKind.CHOICE: _('choice'),
    FieldKind.STATUS: _('choice'),
    FieldKind.REF: _('id'),
    FieldKind.REFS: _('ids'),
}

_CITED_BY = _('Revisions linked to it')
#: the heading under which an object lists the objects that name it: by the object's
#: type and the relation's inverse name (``Relation.targets``, ``Relation.inverse``)
RELATION_HEADINGS = {
    (PRINCIPLE.name, SHAPED_BY.inverse): _('Main opinions and findings on this principle'),
    (PRINCIPLE.name, REVISION_PRINCIPLE.inverse): _('Revisions'),
    (PRINCIPLE.name, GUIDELINE_IMPLEMENTS.inverse): _('Guidelines that implement it'),
    (MEETING.name, OPINION_MEETING.inverse): _('Opinions given at this meeting'),
    (MEETING.name, REVISION_PRINCIPLE.inverse): _('Revisions reported at this meeting'),
    (SOURCE.name, FINDING_SOURCE.inverse): _('Findings from this source'),
    (OPINION.name, REVISION_BECAUSE.inverse): _CITED_BY,
    (FINDING.name, REVISION_BECAUSE.inverse): _CITED_BY,
    (SOURCE.name, REVISION_BECAUSE.inverse): _CITED_BY,
    (WORKING_GROUP.name, GUIDELINE_WORKING_GROUP.inverse): _('Guidelines of this working group'),
}

VIEW_LABELS = {
    # a view's headings are keyed as their anchors are
    SHAPED_BY.inverse: RELATION_HEADINGS[PRINCIPLE.name, SHAPED_BY.inverse],
    REVISION_PRINCIPLE.inverse: RELATION_HEADINGS[PRINCIPLE.name, REVISION_PRINCIPLE.inverse],
    GUIDELINE_IMPLEMENTS.inverse: RELATION_HEADINGS[PRINCIPLE.name, GUIDELINE_IMPLEMENTS.inverse],
    REVISION_BECAUSE.inverse: RELATION_HEADINGS[OPINION.name, REVISION_BECAUSE.inverse],
    'meeting-opinions': RELATION_HEADINGS[MEETING.name, OPINION_MEETING.inverse],
    'meeting-revisions': RELATION_HEADINGS[MEETING.name, REVISION_PRINCIPLE.inverse],
    'source-findings': RELATION_HEADINGS[SOURCE.name, FINDING_SOURCE.inverse],
    'wg-guidelines': RELATION_HEADINGS[WORKING_GROUP.name, GUIDELINE_WORKING_GROUP.inverse],
    'opinions-at': _('Opinions at %s'),
    'findings-from': _('From %s'),
    'related-sources': _('Related activities (content not published)'),
    'related-mark': _('Related'),
    'related-count': _('%(name)s: related'),
    'no-evidence': _('No opinion or finding is linked to this principle.'),
    'no-revisions': _('No revision is recorded.'),
    'because': _('Because of:'),
    'no-guidelines': _('No guideline that implements it is recorded.'),
    'principles-shaped': _('Related principles'),
    'shaped-nothing': _('It is not linked to any principle.'),
    'none': _('None recorded.'),
    'original': _('Sources and history'),
    'original-copied': _(
        'The sources and history of this %(type)s are in %(project)s, on the page of the '
        'original: %(link)s.'
    ),
    'citation-id': _('ID for citation:'),
    'notes': _('Sources and certainty'),
    'count': _('%(name)s: %(count)d'),
    'total': _('Total: %(count)d'),
    'inferred-count': _(' (of which inferred: %(count)d)'),
    'separator': _(', '),
    'table-count-evidence': _('Opinions and findings: %(count)d'),
    'table-count-revisions': _('Revisions: %(count)d'),
    'table-count-guidelines': _('Guidelines: %(count)d'),
    'matrix-left-out': _(
        'Left out of the table, as none of their opinions or findings is linked to a '
        'principle: %s.'
    ),
    'matrix-caption': _('Evidence per principle, by meeting and by source'),
    'matrix-principle': _('Principle'),
    'matrix-total': _('Total'),
    'coverage-no-evidence': _('Principles with no linked evidence'),
    'coverage-pending': _('Opinions and findings not yet reflected'),
    'coverage-unknown': _('Opinions and findings whose outcome the sources do not record'),
    'coverage-unused': _('Evidence linked to no principle'),
    'coverage-none': _('Nothing to report.'),
    'table-caption': _('The principles of the code of conduct'),
    'table-evidence': _('Evidence'),
    'table-revisions': _('Revisions'),
    'table-guidelines': _('Guidelines'),
    'gap-reason': _('Why nothing is linked: %s'),
    'inferred': _('Inferred'),
    'inferred-evidence-note': _(
        'Items marked inferred are not linked to this principle by the record: the link was '
        'inferred from what they say. Each says how on its own page.'
    ),
    'inferred-principles-note': _(
        'Principles marked inferred are not linked to it by the record: the link was inferred '
        'from what it says.'
    ),
    'inferred-because-note': _(
        'Reasons marked inferred are not stated by the record for this revision: they were '
        'inferred from what the record says. The revision says how where it is written.'
    ),
    'number-inferred': _('Pairing inferred'),
    'of-which-inferred': _('Of which inferred'),
    'inferred-count-note': _(
        'Counts include links inferred from what the evidence says, where the record does not '
        'state them; "Of which inferred" gives how many, and the principle\'s page marks them.'
    ),
    'diagram-principle-title': _(
        'When the opinions and findings on this principle were given, and when it was revised'
    ),
    'diagram-principle-desc': _(
        'Time runs from left to right. A circle is a meeting, a square a source (a bar '
        'spans the period it covered), a diamond a revision; a dashed outline marks links '
        'inferred from what the evidence says. Items whose date is not recorded are on the '
        'right. Each item links to its page; the list below the diagram says the same.'
    ),
    'diagram-matrix-title': _('The meetings and sources related to each principle, in time'),
    'diagram-matrix-desc': _(
        'Each column is a principle; each row a meeting or a source, the earliest first, '
        'and after a meeting the revisions reported there. A circle gives the number of '
        'opinions, a square the findings (a dash: a source linked only as a whole, not '
        'counted), a diamond the revisions; a dashed outline marks links inferred. Sources '
        'whose date is not '
        'recorded come last. The list below the diagram says the same.'
    ),
    'diagram-as-text': _('The diagram as text'),
    'diagram-undated': _('Date not recorded'),
    'diagram-item': _('%s: %s'),
    'diagram-dated': _('%s (%s)'),
    'diagram-in': _('%s — %s'),
    'diagram-whole-source': _('the source as a whole'),
    'diagram-opinions': _('Opinions: %s'),
    'diagram-findings': _('Findings: %s'),
    'diagram-revision': _('Revision: %s'),
    'diagram-revisions-at': _('Revisions reported at %s'),
    'diagram-revisions-elsewhere': _('Revisions whose meeting is not recorded'),
    'diagram-nothing': _('no evidence linked'),
    'diagram-legend-meeting': _('Opinions at a meeting'),
    'diagram-legend-source': _('A source or its findings'),
    'diagram-legend-revision': _('Revision'),
    'diagram-legend-inferred': _('Inferred (dashed)'),
    'index-principles': _('Principle index'),
    'index-principles-short': _('principles'),
    'index-evidence': _('Evidence index'),
    'index-evidence-short': _('evidence'),
    'list-sample': _('%(count)s in all; the first %(shown)s are shown here.'),
    'list-representative': _(
        '%(count)s in all; the %(shown)s marked as representative are shown here.'),
    'list-pages': _('The whole list: '),
    'list-all': _('all %(count)s'),
    'list-range': _('%(first)s–%(last)s'),
    'list-last': _('%(first)s'),
    'list-page-range': _('Items %(first)s–%(last)s of %(count)s.'),
    'list-back': _('Back to %(owner)s'),
    'list-nav': _('Pages of this list'),
}

#: the title of the pages of a whole list (:mod:`.listings`), by the view label of the
#: list's heading: a principle's evidence from one meeting or source, the lists of a
#: source and a meeting, and those of the coverage page (titled as their headings)
LIST_TITLES = {
    OPINION_MEETING.relation.group_heading: _('%(owner)s: opinions at %(group)s'),
    FINDING_SOURCE.relation.group_heading: _('%(owner)s: findings from %(group)s'),
    FINDING_SOURCE.heading: _('Findings from %(owner)s'),
    OPINION_MEETING.heading: _('Opinions given at %(owner)s'),
    REVISION_MEETING.heading: _('Revisions reported at %(owner)s'),
    **{key: VIEW_LABELS[key] for key in ('coverage-pending', 'coverage-unknown')},
}


def object_label(objtype: str) -> str:
    return str(OBJECT_LABELS[objtype])


def field_label(name: str) -> str:
    return str(FIELD_LABELS[name])


def value_label(value: str) -> str:
    """The label of a choice or status value; none for no value (an object type
    without a status)."""
    return str(VALUE_LABELS[value]) if value else ''


def declared_label(labels: Mapping[str, str], name: str) -> str | None:
    """The label of a name read from outside this build's vocabulary (an export of
    another build), or ``None`` where the vocabulary declares no such name: the caller
    then shows the name itself, as such."""
    label = labels.get(name)
    return None if label is None else str(label)


def kind_label(kind: FieldKind) -> str:
    return str(KIND_LABELS[kind])


def relation_heading(objtype: str, inverse: str) -> str:
    return str(RELATION_HEADINGS[objtype, inverse])


def translated(message: str) -> str:
    """A text the vocabulary declares in English (an option's help, a warning's
    description) in the project's language, from the same catalogue as the labels."""
    return str(_(message))


def view_label(key: str) -> str:
    return str(VIEW_LABELS[key])


def with_inferred(text: str, inferred: int) -> str:
    """``text`` with how many of its links are inferred, where any are."""
    return text + view_label('inferred-count') % {'count': inferred} if inferred else text


def list_title(heading: str) -> str:
    return str(LIST_TITLES[heading])


def reader_number(number: int, language: str | None) -> str:
    """A count as readers of ``language`` write it: 2,000."""
    return format_decimal(number, locale=reader_locale(language))


def reader_locale(language: str | None) -> Locale:
    """The Babel locale of the project's ``language``; English where Babel has none."""
    try:
        return Locale.parse(language or 'en', sep='-' if '-' in (language or '') else '_')
    except (ValueError, UnknownLocaleError):
        return Locale.parse('en')


def reader_period(first: dt.date, last: dt.date, locale: Locale) -> str:
    """A day or a period as readers write it: 2022年1月24日, 2022年1月7日～17日."""
    if first == last:
        return format_skeleton('yMMMd', first, locale=locale)
    return format_interval(first, last, 'yMMMd', locale=locale)


def reader_date(iso: str, language: str | None) -> str:
    """A date (``YYYY-MM-DD``) or period (``start/end``) as readers of ``language`` write
    it; the value as written where it is not one."""
    start, _, end = iso.partition('/')
    try:
        first = dt.date.fromisoformat(start)
        last = dt.date.fromisoformat(end) if end else first
    except ValueError:
        return iso.replace('/', ' – ')
    return reader_period(first, last, reader_locale(language))
