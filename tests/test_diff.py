"""``python -m gov_provenance diff``: what a pull request changes in the provenance.

Exports are built as JSON data by :func:`export`, a small factory that writes
``relations`` from the reference fields as the extension does; one test reads a
built test root's export, and one slow test builds a project twice. Expected labels
are read from the Japanese catalogue, as ``test_locale.py`` reads them.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from common import BuiltRoot, build, write_project
from gov_provenance.__main__ import main
from gov_provenance.diff import (
    Change,
    ChangeSet,
    ExportError,
    FieldChange,
    LinkChangeKind,
    ObjectChange,
    compare,
    compare_folders,
    escape,
    load_export,
    parse_export,
    render_markdown,
)
from gov_provenance.diff.labels import MESSAGES
from gov_provenance.diff.words import words
from gov_provenance.locale import LOCALE_DIR, MESSAGE_CATALOG
from markdown_it import MarkdownIt

PO_FILE = LOCALE_DIR / 'ja' / 'LC_MESSAGES' / f'{MESSAGE_CATALOG}.po'
#: the reference fields of the vocabulary and their inverse names, as the extension
#: reference's table gives them
INVERSES = {
    ('opinion', 'shapes'): 'shaped-by', ('finding', 'shapes'): 'shaped-by',
    ('opinion', 'meeting'): 'opinions', ('finding', 'source'): 'findings',
    ('revision', 'principle'): 'revisions', ('revision', 'meeting'): 'revisions',
    ('revision', 'because'): 'cited-by', ('guideline', 'working-group'): 'guidelines',
    ('guideline', 'implements'): 'implemented-by',
}
INFERABLE = frozenset({'shapes', 'because'})


def japanese(msgid: str) -> str:
    with PO_FILE.open('rb') as po_file:
        message = read_po(po_file).get(msgid)
    assert message is not None and message.string, f'no Japanese for {msgid!r}'
    return str(message.string)


# -- the factory -----------------------------------------------------------------


def record(objtype: str, object_id: str, *, name: str = '', summary: str = '',
           **fields: Any) -> dict[str, Any]:
    """One object of an export (``working_group=`` for the field ``working-group``)."""
    return {
        'type': objtype, 'id': object_id, 'name': name or fields.get('title') or object_id,
        'summary': summary, 'url': f'index.html#gov-{objtype}-{object_id}',
        'source': 'index.md',
        'fields': {key.replace('_', '-'): value for key, value in fields.items()},
        'relations': {},
    }


def export(*objects: dict[str, Any], format: str = '1.3', **handbook: Any) -> dict[str, Any]:
    """An export of ``objects``, with a relation for each id a reference field names."""
    types = {obj['id']: obj['type'] for obj in objects}
    relations = []
    for obj in objects:
        for field, value in obj['fields'].items():
            inverse = INVERSES.get((obj['type'], field))
            for target in ([value] if isinstance(value, str) else value) if inverse else ():
                relations.append({
                    'from': obj['id'], 'from_type': obj['type'], 'relation': field,
                    'inverse': inverse, 'to': target, 'to_type': types[target],
                    'inferred': field in INFERABLE and 'inferred' in obj['fields'],
                })
    return {
        'format': format,
        'handbook': {'project': 'Test', 'version': '1.0.0', 'language': 'ja', **handbook},
        'objects': list(objects), 'relations': relations,
    }


def handbook(**changes: dict[str, Any]) -> dict[str, Any]:
    """Two principles, a meeting, two opinions and a revision; ``changes`` replaces
    the fields of the objects it names (``O1={'status': 'reflected'}``)."""
    objects = [
        record('principle', 'P1', name='#1 Users', number=1, label='Users',
               title='Design for users', status='adopted',
               summary='Design every service from the point of view of its users.'),
        record('principle', 'P2', name='#2 Simple', number=2, label='Simple'),
        record('meeting', 'M1', title='First meeting', number=1, date='2022-01-24'),
        record('revision', 'R1', title='Users named', principle='P1', meeting='M1',
               because=['O1']),
        record('opinion', 'O1', title='Counter forms', meeting='M1', shapes=['P1'],
               status='pending', summary='The counter forms are too long to fill in'),
        record('opinion', 'O2', title='Plain words', meeting='M1', shapes=['P2'],
               status='unknown'),
    ]
    for obj in objects:
        obj['fields'].update(changes.get(obj['id'], {}))
    return export(*objects)


def written(folder: Path, data: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / 'provenance.json').write_text(json.dumps(data, ensure_ascii=False), 'utf-8')
    return folder


def changes_between(base: dict[str, Any], head: dict[str, Any]) -> ChangeSet:
    return compare(parse_export(base), parse_export(head))


def only(items: tuple[Any, ...]) -> Any:
    assert len(items) == 1, items
    return items[0]


def sections(markdown: str) -> dict[str, str]:
    """The text under each ``###`` heading, by the heading."""
    parts = re.split(r'^### (.*)$', markdown, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def section_of(markdown: str, object_id: str) -> str:
    [text] = [text for heading, text in sections(markdown).items() if f'`{object_id}`' in heading]
    return text


# -- each kind of change ---------------------------------------------------------


def test_equal_exports_give_no_change_and_print_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = handbook()
    head = copy.deepcopy(base)
    head['handbook']['generated'] = '2030-01-01T00:00:00Z'  # the build's time is not compared
    assert not changes_between(base, head)
    assert render_markdown(changes_between(base, head)) == ''
    status = main(['diff', str(written(tmp_path / 'a', base)), str(written(tmp_path / 'b', head))])
    assert (status, capsys.readouterr().out) == (0, '')


def test_an_equal_pair_says_so_in_one_line_when_asked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = written(tmp_path / 'a', handbook())
    assert main(['diff', '--note-if-equal', str(folder), str(folder)]) == 0
    output = capsys.readouterr().out
    assert output == japanese(MESSAGES['unchanged']) + '\n'


def test_an_edit_lists_the_fields_old_and_new_and_a_word_diff_of_a_long_text() -> None:
    base = handbook()
    head = handbook(P1={'title': 'Design with users'})
    [principle] = [obj for obj in head['objects'] if obj['id'] == 'P1']
    principle['summary'] = 'Design every service together with its users.'
    changes = changes_between(base, head)
    change = only(changes.objects)
    assert (change.change, change.object.id, change.principles) == (Change.CHANGED, 'P1', ('P1',))
    assert change.fields == (
        FieldChange('title', 'Design for users', 'Design with users'),
        FieldChange('summary', 'Design every service from the point of view of its users.',
                    'Design every service together with its users.'),
    )
    assert not changes.links
    text = section_of(render_markdown(changes), 'P1')
    assert 'Design for users → Design with users' in text
    assert ('Design every service <del>from the point of view of</del>'
            '<ins>together with</ins> its users.') in text


def test_a_japanese_text_is_diffed_by_runs_of_one_kind_of_character() -> None:
    base = handbook(O1={'title': 'x'})
    head = handbook(O1={'title': 'x'})
    [before] = [obj for obj in base['objects'] if obj['id'] == 'O1']
    [after] = [obj for obj in head['objects'] if obj['id'] == 'O1']
    before['summary'] = '窓口の申請書が長く、記入に時間がかかるという意見。'
    after['summary'] = '窓口の申請書が長く、記入に手間がかかるという意見。'
    text = section_of(render_markdown(changes_between(base, head)), 'P1')
    assert '記入に<del>時間</del><ins>手間</ins>がかかる' in text


def test_an_object_added_is_listed_with_its_links_under_its_principle() -> None:
    base = handbook()
    head = handbook()
    head['objects'].append(record('opinion', 'O3', title='Forms online', meeting='M1',
                                  shapes=['P2'], status='pending'))
    head = export(*head['objects'])
    changes = changes_between(base, head)
    added = only(changes.objects)
    assert (added.change, added.object.id, added.principles) == (Change.ADDED, 'O3', ('P2',))
    assert {(link.change, link.source.id, link.relation, link.target.id)
            for link in changes.links} == {
        (LinkChangeKind.ADDED, 'O3', 'meeting', 'M1'),
        (LinkChangeKind.ADDED, 'O3', 'shapes', 'P2'),
    }
    markdown = render_markdown(changes)
    assert '`O3`' in section_of(markdown, 'P2')
    assert not [heading for heading in sections(markdown) if '`P1`' in heading]
    assert japanese('Pending') in section_of(markdown, 'P2')


def test_an_object_removed_is_listed_with_the_links_it_took_away() -> None:
    base = handbook()
    head = export(*[obj for obj in handbook()['objects'] if obj['id'] != 'O2'])
    changes = changes_between(base, head)
    removed = only(changes.objects)
    assert (removed.change, removed.object.id, removed.principles) == (
        Change.REMOVED, 'O2', ('P2',))
    assert {link.change for link in changes.links} == {LinkChangeKind.REMOVED}
    text = section_of(render_markdown(changes, 'en'), 'P2')
    assert '#### Removed\n\n- Opinion `O2` “Plain words”' in text
    assert ('Opinion `O2` “Plain words” → Principle `P2` “#\u200b2 Simple” (Related principles)'
            in text)


def test_a_relinked_opinion_leaves_one_principle_and_joins_another() -> None:
    changes = changes_between(handbook(), handbook(O1={'shapes': ['P2']}))
    # the field that names the principles is compared as links, not as text
    assert not changes.objects
    added, removed = changes.links
    assert (added.change, added.target.id, added.principles) == (
        LinkChangeKind.ADDED, 'P2', ('P2',))
    assert (removed.change, removed.target.id, removed.principles) == (
        LinkChangeKind.REMOVED, 'P1', ('P1',))
    markdown = render_markdown(changes)
    assert japanese('Links added') in section_of(markdown, 'P2')
    assert japanese('Links removed') in section_of(markdown, 'P1')


def test_a_field_that_names_objects_is_shown_where_the_links_do_not_say_it() -> None:
    """An export edited by hand may change ``fields.shapes`` and not ``relations``."""
    base = handbook()
    head = copy.deepcopy(base)
    [opinion] = [obj for obj in head['objects'] if obj['id'] == 'O1']
    opinion['fields']['shapes'] = ['P2']
    changes = changes_between(base, head)
    assert not changes.links
    assert only(changes.objects).fields == (FieldChange('shapes', ('P1',), ('P2',)),)
    text = section_of(render_markdown(changes), 'P1')
    assert f'{japanese("Related principles")}：P1 → P2' in text
    # the order of the ids is no change
    for data, shapes in ((base, ['P1', 'P2']), (head, ['P2', 'P1'])):
        next(obj for obj in data['objects'] if obj['id'] == 'O1')['fields']['shapes'] = shapes
    assert not changes_between(base, head)


def test_a_name_or_an_address_is_shown_only_when_nothing_it_follows_changed() -> None:
    base = handbook()
    head = copy.deepcopy(base)
    [principle] = [obj for obj in head['objects'] if obj['id'] == 'P2']
    principle['name'] = '#2 Plain'
    principle['url'] = 'other.html#gov-principle-P2'
    assert only(changes_between(base, head).objects).fields == (
        FieldChange('name', '#2 Simple', '#2 Plain'),
        FieldChange('url', 'index.html#gov-principle-P2', 'other.html#gov-principle-P2'),
    )
    principle['fields']['label'] = 'Plain'
    principle['source'] = 'other.md'
    assert only(changes_between(base, head).objects).fields == (
        FieldChange('label', 'Simple', 'Plain'), FieldChange('file', 'index.md', 'other.md'))


def test_a_status_change_reads_as_the_site_labels_it(tmp_path: Path) -> None:
    changes = changes_between(handbook(), handbook(O1={'status': 'reflected'}))
    change = only(changes.status_changes)
    assert change.status == FieldChange('status', 'pending', 'reflected')
    assert change.principles == ('P1',)
    text = section_of(render_markdown(changes), 'P1')
    assert f'#### {japanese("Status changes")}' in text
    assert f'`O1`「Counter forms」：{japanese("Pending")} → {japanese("Reflected")}' in text
    # said once, as a status change, not again among the fields changed
    assert f'#### {japanese("Changed")}' not in text


def test_an_inferred_flag_that_changes_is_a_change_of_the_link() -> None:
    reason = 'The record does not say; linked for its talk of forms.'
    changes = changes_between(handbook(), handbook(O1={'inferred': reason}))
    link = only(changes.links)
    assert (link.change, link.source.id, link.target.id, link.inferred) == (
        LinkChangeKind.NOW_INFERRED, 'O1', 'P1', True)
    assert only(changes.objects).fields == (FieldChange('inferred', None, reason),)
    text = section_of(render_markdown(changes, 'en'), 'P1')
    assert '→ Principle `P1` “#\u200b1 Users” (Related principles): now inferred' in text
    back = changes_between(handbook(O1={'inferred': reason}), handbook())
    assert only(back.links).change is LinkChangeKind.NO_LONGER_INFERRED


def test_a_link_added_says_whether_it_is_inferred() -> None:
    reason = 'Inferred from the words of the opinion.'
    changes = changes_between(handbook(O2={'inferred': reason}),
                              handbook(O2={'inferred': reason, 'shapes': ['P2', 'P1']}))
    link = only(changes.links)
    assert (link.change, link.target.id, link.inferred) == (LinkChangeKind.ADDED, 'P1', True)
    text = section_of(render_markdown(changes), 'P1')
    assert f'（{japanese("Related principles")}、{japanese("Inferred")}）' in text


def test_a_renamed_id_is_a_removal_and_an_addition_that_point_at_each_other() -> None:
    base = handbook()
    head = handbook()
    for obj in head['objects']:
        if obj['id'] == 'O1':
            obj['id'] = 'M1-O1'
        if obj['id'] == 'R1':
            obj['fields']['because'] = ['M1-O1']
    head = export(*head['objects'])
    changes = changes_between(base, head)
    added, removed = changes.objects
    assert (added.change, added.object.id, added.renamed) == (Change.ADDED, 'M1-O1', 'O1')
    assert (removed.change, removed.object.id, removed.renamed) == (Change.REMOVED, 'O1', 'M1-O1')
    text = section_of(render_markdown(changes, 'en'), 'P1')
    assert '- Opinion `M1-O1` “Counter forms” (possibly renamed from `O1`)' in text
    assert '- Opinion `O1` “Counter forms” (possibly renamed to `M1-O1`)' in text
    # another text is no hint
    head['objects'][-2]['fields']['title'] = 'Another opinion'
    head['objects'][-2]['name'] = 'Another opinion'
    head['objects'][-2]['summary'] = 'Another summary'
    assert all(change.renamed is None for change in changes_between(base, head).objects)


def test_a_revision_added_is_listed_as_such_under_its_principle() -> None:
    head = handbook()
    head['objects'].append(record('revision', 'R2', title='Plain words kept', principle='P2',
                                  meeting='M1', because=['O2'],
                                  summary='The principle keeps the words plain.'))
    changes = changes_between(handbook(), export(*head['objects']))
    assert [change.object.id for change in changes.revisions_added] == ['R2']
    text = section_of(render_markdown(changes), 'P2')
    assert f'#### {japanese("Revisions added")}\n\n- {japanese("Revision")} `R2`' in text
    assert f'#### {japanese("Added")}\n' not in text


def test_japanese_is_cut_where_its_kind_of_character_changes() -> None:
    text = 'UI設計のガイドラインをＡＢＣで書く、abc def。'
    assert words(text) == ['UI', '設計', 'の', 'ガイドライン', 'を', 'ＡＢＣ', 'で', '書', 'く',
                           '、', 'abc', ' ', 'def', '。']
    assert ''.join(words(text)) == text


def test_changes_tied_to_no_principle_have_a_section_of_their_own() -> None:
    changes = changes_between(handbook(), handbook(M1={'date': '2022-01-25'}))
    assert only(changes.objects).principles == ()
    markdown = render_markdown(changes)
    assert list(sections(markdown)) == [japanese(MESSAGES['other'])]
    assert f'{japanese("Date")}：2022-01-24 → 2022-01-25' in markdown


def test_the_handbook_version_and_releases_are_compared_but_not_the_build_time() -> None:
    base = handbook()
    head = copy.deepcopy(base)
    head['handbook'].update(version='1.1.0', generated='2030-01-01T00:00:00Z',
                            releases=[{'version': '1.1.0', 'date': '2030-01-01', 'url': 'u'}])
    changes = changes_between(base, head)
    assert changes.handbook == (FieldChange('version', '1.0.0', '1.1.0'),
                                FieldChange('releases', None, ('1.1.0 (2030-01-01)',)))


def test_each_change_is_listed_once_under_each_principle_it_concerns() -> None:
    changes = changes_between(handbook(O1={'shapes': ['P1', 'P2']}),
                              handbook(O1={'shapes': ['P1', 'P2'], 'status': 'noted'}))
    assert only(changes.objects).principles == ('P1', 'P2')
    markdown = render_markdown(changes)
    for principle in ('P1', 'P2'):
        assert section_of(markdown, principle).count('`O1`') == 1


def test_the_change_set_is_frozen_data() -> None:
    change = only(changes_between(handbook(), handbook(O1={'status': 'noted'})).objects)
    assert isinstance(change, ObjectChange)
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.principles = ()  # type: ignore[misc]


def test_an_export_of_every_earlier_format_version_is_read() -> None:
    old = handbook()
    old['format'] = '1.0'
    for relation in old['relations']:
        del relation['inferred']  # since format 1.1
    assert not changes_between(old, old)
    assert changes_between(old, handbook()).handbook == (FieldChange('format', '1.0', '1.3'),)


# -- format 1.4: texts, citation keys, copies, addresses and the commit ---------------


def version_1_4(data: dict[str, Any], commit: str = 'a' * 40, base_url: str | None = None,
                **members: dict[str, Any]) -> dict[str, Any]:
    """``data`` as format 1.4 writes it: each object with its text (its summary, unless
    ``members`` gives it), citations, absolute address and original; ``members``
    replaces those of the objects it names (``P1={'citations': ['a']}``)."""
    upgraded = copy.deepcopy(data)
    upgraded['format'] = '1.4'
    upgraded['handbook'].update(base_url=base_url, commit=commit)
    for obj in upgraded['objects']:
        obj.update(absolute_url=base_url + obj['url'] if base_url else None,
                   text=obj['summary'], citations=[], original=None)
        obj.update(members.get(obj['id'], {}))
    return upgraded


LONG_TEXT = ('Design every service from the point of view of its users.\n\n'
             'Ask them early, and again before each release.')


def test_the_commit_and_the_absolute_addresses_are_not_compared() -> None:
    """Two builds of a pull request always differ in their commit; absolute addresses
    follow from the site's address and each object's, which are compared."""
    base = version_1_4(handbook(), commit='a' * 40)
    head = version_1_4(handbook(), commit='b' * 40, base_url='https://example.invalid/')
    changes = changes_between(base, head)
    assert changes.handbook == (FieldChange('base_url', None, 'https://example.invalid/'),)
    assert not changes.objects
    assert not changes_between(base, version_1_4(handbook(), commit='c' * 7))


def test_an_older_export_has_no_text_to_compare_with_a_newer_one() -> None:
    """Format 1.3 says nothing of texts and citations: the upgrade changes no object."""
    changes = changes_between(handbook(), version_1_4(
        handbook(), P1={'text': LONG_TEXT, 'citations': ['minutes']}))
    assert changes.handbook == (FieldChange('format', '1.3', '1.4'),)
    assert not changes.objects and not changes.links
    assert not changes_between(version_1_4(handbook()), handbook()).objects


def test_a_changed_text_is_a_word_diff_and_the_summary_it_opens_is_left_out() -> None:
    base = version_1_4(handbook(), P2={'text': LONG_TEXT, 'summary': 'Design every service'})
    head = version_1_4(handbook(), P2={'text': LONG_TEXT.replace('early', 'first'),
                                       'summary': 'Design each service'})
    change = only(changes_between(base, head).objects)
    assert [field.name for field in change.fields] == ['text']
    text = section_of(render_markdown(changes_between(base, head)), 'P2')
    assert f'{japanese(MESSAGES["text"])}：' in text
    assert 'Ask them <del>early</del><ins>first</ins>, and again' in text


def test_a_summary_of_its_own_is_compared_beside_the_text() -> None:
    """The ``summary`` option is not the text's opening: both changes are shown."""
    base = version_1_4(handbook(), O1={'text': 'Long forms.'})
    head = version_1_4(handbook(O1={'summary': 'Forms are long'}), O1={'text': 'Long forms!'})
    [obj] = [obj for obj in head['objects'] if obj['id'] == 'O1']
    obj['summary'] = 'Forms are long'
    names = [field.name for field in only(changes_between(base, head).objects).fields]
    assert sorted(names) == ['summary', 'text']


def test_citations_and_copies_are_compared() -> None:
    original = {'inventory': 'tokyo', 'id': 'P01', 'url': 'https://example.invalid/p01.html#x'}
    base = version_1_4(handbook(), P1={'citations': ['minutes', 'survey']})
    head = version_1_4(handbook(), P1={'citations': ['minutes', 'report'],
                                       'original': original})
    change = only(changes_between(base, head).objects)
    assert change.fields == (
        FieldChange('original', None, 'tokyo:P01'),
        FieldChange('citations', ('minutes', 'survey'), ('minutes', 'report')),
    )
    text = section_of(render_markdown(changes_between(base, head), 'en'), 'P1')
    assert 'Works cited (citation keys): minutes, survey → minutes, report' in text
    assert 'Copy of: (none) → tokyo:\u200bP01' in text


@pytest.mark.parametrize(('member', 'value'), [
    ('text', 3), ('citations', 'minutes'), ('citations', [1]), ('original', 'tokyo:P01'),
    ('original', {'inventory': 'tokyo', 'id': 'not an id'}),
])
def test_a_malformed_member_of_format_1_4_is_no_export(member: str, value: Any) -> None:
    data = version_1_4(handbook(), P1={member: value})
    with pytest.raises(ExportError, match='objects\\[0\\]'):
        parse_export(data)


# -- what a reviewer reads: the Markdown is plain text whatever a record says -------

HOSTILE = (
    '**bold** _em_ ~~gone~~ `code` <script>alert(1)</script> <img src=x onerror=alert(1)> '
    '[link](https://evil.example) ![image](https://evil.example/i.png) '
    '<https://evil.example> https://evil.example www.evil.example user@evil.example '
    '@octocat #123 GH-1 :tada: $x^2$ &amp; &#60;b&#62; \\*not\\* | cell | '
    '\n# heading\n- item\n> quote\r\n\u2028line\u202eevil\x00end [^1] <!-- hidden -->'
)


def hostile_pair() -> tuple[dict[str, Any], dict[str, Any]]:
    """Every text of a record in ``base`` and ``head`` is :data:`HOSTILE`, a different
    copy in each, in every place the report shows one."""
    def texts(tag: str) -> dict[str, Any]:
        data = handbook()
        for obj in data['objects']:
            obj['name'] = obj['summary'] = f'{tag} {HOSTILE}'
            obj['fields']['title'] = f'{tag} {HOSTILE}'
            obj['fields']['unknown ' + HOSTILE] = tag  # a field the report has no label for
        data['objects'][-1]['fields']['status'] = f'{tag} {HOSTILE}'
        data['handbook']['version'] = f'{tag} {HOSTILE}'
        return data

    base, head = texts('before'), texts('after')
    head['objects'].append(record('opinion', 'O9', name=HOSTILE, summary=HOSTILE,
                                  title=HOSTILE, meeting='M1', shapes=['P1']))
    return base, export(*head['objects'], **head['handbook'])


def rendered_html(markdown: str) -> str:
    return MarkdownIt('commonmark').enable(['table', 'strikethrough']).render(markdown)


@pytest.mark.parametrize('language', ['ja', 'en'])
def test_no_record_text_becomes_markup_a_link_or_a_mention(language: str) -> None:
    markdown = render_markdown(changes_between(*hostile_pair()), language)
    assert markdown.count('before ') >= 6 and markdown.count('after ') >= 6
    html = rendered_html(markdown)
    tags = set(re.findall(r'</?([a-z0-9]+)', html))
    # only the report's own structure: headings, paragraphs, lists, ids, word diffs
    assert tags <= {'h2', 'h3', 'h4', 'p', 'ul', 'li', 'code', 'del', 'ins'}, tags
    assert html.count('<del>') == markdown.count('<del>')
    assert html.count('<ins>') == markdown.count('<ins>')
    # headings only those of the report, and one line per item
    assert len(re.findall(r'<h3>', html)) == len(sections(markdown))
    title, blank, tally, *lines = markdown.splitlines()
    assert title.startswith('## ') and not blank and '#' not in tally
    for line in lines:
        assert not line or re.match(r'(#{3,4} |- |  - )\S', line), line
    # nothing GitHub would link: an address, a mention, an issue, an emoji
    visible = re.sub(r'<[^>]+>', '', html)
    assert not re.search(r'://|www\.|@\w|#\d|:\w', visible), visible
    assert '\u202e' not in markdown and '\x00' not in markdown
    # the text is all there, as text
    plain = visible.replace('\u200b', '')
    assert '**bold** _em_ ~~gone~~ `code` &lt;script&gt;alert(1)&lt;/script&gt;' in plain
    assert '[link](https://evil.example) ![image](https://evil.example/i.png)' in plain
    assert '| cell |' in plain and 'item &gt; quote' in plain


def test_an_escaped_text_keeps_a_table_row_whole() -> None:
    html = rendered_html(f'| a | b |\n|---|---|\n| {escape(HOSTILE)} | second |\n')
    assert html.count('<td>') == 2 and '<td>second</td>' in html


def test_an_id_is_shown_in_a_code_span_only_when_it_is_an_id() -> None:
    base = handbook()
    head = copy.deepcopy(base)
    head['objects'][0]['id'] = 'P1`<b>'
    with pytest.raises(ExportError, match=r'objects\[0\] "id" is not an id'):
        parse_export(head)


# -- files that cannot be compared -----------------------------------------------


def bad_exports(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of bad input, and what its message must say."""
    def file(name: str, text: str | bytes) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        data = text.encode('utf-8') if isinstance(text, str) else text
        (folder / 'provenance.json').write_bytes(data)
        return folder

    empty = tmp_path / 'empty'
    empty.mkdir()
    future = handbook()
    future['format'] = '2.0'
    return {
        'missing': (tmp_path / 'nowhere', 'no such folder or file'),
        'no export': (empty, 'holds no provenance.json'),
        'malformed': (file('malformed', '{"format": "1.3",'), 'malformed JSON'),
        'not UTF-8': (file('latin', b'{"format": "\xe9"}'), 'not UTF-8'),
        'too deep': (file('deep', '[' * 100_000 + ']' * 100_000), 'malformed JSON'),
        'not a number': (file('nan', '{"format": NaN}'), 'malformed JSON (NaN is not JSON)'),
        'a list': (file('list', '[]'), 'not a gov-provenance export'),
        'no objects': (file('partial', '{"format": "1.3", "handbook": {}}'),
                       'not a gov-provenance export: "objects" is not a list'),
        'bad object': (file('object', json.dumps({**handbook(), 'objects': [{'type': 1}]})),
                       'objects[0] has no text "type"'),
        'unknown version': (file('future', json.dumps(future)), 'format version "2.0" is unknown'),
    }


def test_each_bad_file_is_one_line_naming_it_and_exit_status_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = written(tmp_path / 'good', handbook())
    for kind, (path, says) in bad_exports(tmp_path).items():
        for argv in (['diff', str(path), str(good)], ['diff', str(good), str(path)]):
            assert main(argv) == 2, kind
            captured = capsys.readouterr()
            assert captured.out == '', kind
            assert captured.err.count('\n') == 1, (kind, captured.err)
            assert captured.err.startswith(f'gov_provenance diff: {path}'), (kind, captured.err)
            assert says in captured.err, (kind, captured.err)
        with pytest.raises(ExportError):
            load_export(path)


def test_the_command_reports_a_bad_file_without_a_traceback(tmp_path: Path) -> None:
    malformed = tmp_path / 'base'
    malformed.mkdir()
    (malformed / 'provenance.json').write_text('{"objects": [', encoding='utf-8')
    good = written(tmp_path / 'head', handbook())
    result = subprocess.run(
        [sys.executable, '-m', 'gov_provenance', 'diff', str(malformed), str(good)],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ''
    assert result.stderr == (f'gov_provenance diff: {malformed / "provenance.json"}:1:14: '
                             'malformed JSON (Expecting value)\n')


# -- labels ----------------------------------------------------------------------


def test_every_message_of_the_diff_has_a_japanese_translation_with_its_placeholders() -> None:
    for msgid in MESSAGES.values():
        translated = japanese(msgid)
        assert sorted(re.findall(r'%\(\w+\)[sd]', translated)) == sorted(
            re.findall(r'%\(\w+\)[sd]', msgid)), msgid


def test_english_reads_the_message_ids() -> None:
    changes = changes_between(handbook(), handbook(O1={'status': 'reflected'}))
    english = render_markdown(changes, 'en')
    assert english.startswith(f'## {MESSAGES["title"]}\n')
    assert '“Counter forms”: Pending → Reflected' in english
    assert render_markdown(changes).startswith(f'## {japanese(MESSAGES["title"])}\n')


# -- real exports ----------------------------------------------------------------


def test_a_built_export_edited_as_a_pull_request_would(
        built_root: BuiltRoot, tmp_path: Path) -> None:
    outdir = built_root('views').outdir
    data = json.loads((outdir / 'provenance.json').read_text('utf-8'))
    [opinion] = [obj for obj in data['objects'] if obj['id'] == 'O2']
    assert opinion['fields']['status'] == 'pending'
    opinion['fields']['status'] = 'reflected'
    changes = compare_folders(outdir, written(tmp_path / 'head', data))
    change = only(changes.status_changes)
    assert change.object.id == 'O2' and change.principles
    assert not changes.links and len(changes.objects) == 1
    markdown = render_markdown(changes)
    for principle in change.principles:
        assert '`O2`' in section_of(markdown, principle)


@pytest.mark.slow
def test_two_builds_of_a_project_edited_between_them(tmp_path: Path) -> None:
    page = (
        '# Test\n\n'
        ':::{gov:principle} P1\n:number: 1\n:label: Users\n:title: Design for users\n:::\n\n'
        ':::{gov:principle} P2\n:number: 2\n:label: Simple\n:::\n\n'
        ':::{gov:meeting} M1\n:number: 1\n:date: 2022-01-24\n:::\n\n'
        ':::{gov:opinion} O1\n:meeting: M1\n:shapes: P1\n:status: pending\n:title: Forms\n\n'
        'The forms are too long.\n:::\n\n'
        ':::{gov:opinion} O2\n:meeting: M1\n:shapes: P2\n:title: Words\n\nPlain words.\n:::\n'
    )
    base = write_project(tmp_path / 'base', page)
    edited = (page.replace(':status: pending', ':status: reflected')
              .replace(':shapes: P2\n', ':shapes: P1\n:inferred: From its words.\n')
              + '\n:::{gov:opinion} O3\n:meeting: M1\n:shapes: P2\n:title: New\n\nNew.\n:::\n')
    head = write_project(tmp_path / 'head', edited)
    for project in (base, head):
        app = build(project, project / '_build')
        assert app.warning.getvalue() == ''
    changes = compare_folders(base / '_build' / 'html', head / '_build' / 'html')
    assert [change.object.id for change in changes.status_changes] == ['O1']
    assert [(change.change, change.object.id) for change in changes.objects
            if change.change is not Change.CHANGED] == [(Change.ADDED, 'O3')]
    assert {(link.change, link.source.id, link.target.id, link.inferred)
            for link in changes.links if link.relation == 'shapes'} == {
        (LinkChangeKind.REMOVED, 'O2', 'P2', False),
        (LinkChangeKind.ADDED, 'O2', 'P1', True),
        (LinkChangeKind.ADDED, 'O3', 'P2', False),
    }
    markdown = render_markdown(changes)
    assert '`O1`' in section_of(markdown, 'P1') and '`O3`' in section_of(markdown, 'P2')


def test_the_readme_example_runs_as_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).parent.parent / 'README.md').read_text(encoding='utf-8')
    [example] = re.findall(
        r'<!-- the diff example: tests/test_diff.py runs it -->\n```python\n(.*?)```',
        readme, flags=re.DOTALL)
    written(tmp_path / 'base' / '_build' / 'html', handbook())
    written(tmp_path / '_build' / 'html', handbook(O1={'status': 'reflected'}))
    monkeypatch.chdir(tmp_path)
    exec(compile(example, 'README.md', 'exec'), {})
    printed = capsys.readouterr().out
    assert printed.startswith('O1 pending → reflected\n## Changes in the records')
