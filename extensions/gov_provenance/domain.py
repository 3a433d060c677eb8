"""The ``gov`` domain: where every object of the handbook is recorded and found."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Element
from sphinx import addnodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.typing import RoleFunction

from . import directives as gov_directives
from . import importer as gov_importer
from . import indices as gov_indices
from . import roles as gov_roles
from .graph import Graph, build_graph
from .listings import WHOLE, Sampling
from .locale import OBJECT_LABELS
from .model import OBJECT_TYPES, GovObject
from .nodes import ObjectLinks
from .originals import Original, check_originals, inventory_entry, original_of
from .text import SummaryRef
from .validation import Suggestions, check_graph, suggestions
from .views import Views
from .warnings_ import report_held_back

DOMAIN_NAME = 'gov'


@dataclass(frozen=True)
class Derived:
    """What the domain works out from its records, once after they change: never
    stored in the environment."""

    graph: Graph
    #: the model of each view, built once
    views: Views
    #: what to suggest for an id that names nothing
    suggestions: Suggestions


class GovDomain(Domain):
    """Principles of the code of conduct and the evidence that shaped them.

    Every record is keyed by the name of the document that defines it, so that
    clearing, merging and incremental rebuilds touch only that document.
    """

    name = DOMAIN_NAME
    label = 'Governance provenance'
    object_types: ClassVar[dict[str, ObjType]] = {
        objtype: ObjType(OBJECT_LABELS[objtype], objtype) for objtype in OBJECT_TYPES
    }
    directives: ClassVar[dict[str, type]] = {
        **{objtype: gov_directives.object_directive(objtype) for objtype in OBJECT_TYPES},
        **{directive.kind: directive for directive in (
            gov_directives.MatrixDirective, gov_directives.CoverageDirective,
            gov_directives.PrincipleTableDirective)},
        'import-csv': gov_importer.ImportCsvDirective,
        'findings-csv': gov_importer.FindingsCsvDirective,
        'notes': gov_directives.NotesDirective,
    }
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {
        objtype: gov_roles.GovXRefRole() for objtype in OBJECT_TYPES
    }
    indices: ClassVar[list[type]] = [gov_indices.PrincipleIndex, gov_indices.EvidenceIndex]
    #: the links of the page whose references are being resolved (see :meth:`_links_from`)
    _last_links: ObjectLinks | None = None
    initial_data: ClassVar[dict[str, Any]] = {
        'objects': {},  # docname -> [GovObject], in the order they were read
        'views': {},  # docname -> [(kind, target)] of the views it shows
        'links': {},  # docname -> [id] it links to
        'digests': {},  # docname -> digest of what its views and links show
        # the digests of the pages of each object's whole lists (listpages.py), for the
        # next build (changes.Memory)
        'list-digests': None,
        # the digests of the pages of the whole lists of the views of the whole handbook
        # (the coverage page's), by page name, worked out again by every build
        'handbook-list-digests': {},
        'view-digests': None,  # the digest of each view, for the next build (changes.Memory)
    }
    # 2: no citation keys in summaries; 3: CSV rows; 4: views rendered on writing;
    # 5: :inferred: (a record read before would lack it); 6: values without control characters;
    # 7: a page's objects as a list; 8: where each object was written (Written)
    # 9: a revision's :inferred:, a principle's :number-inferred:, the unknown status;
    # 10: the directive that imported a row (Written.importer);
    # 11: an object's paragraphs, citation keys and original; no space after a link in a summary
    # 12: the pages of whole lists; 13: the views' digests and the objects they show;
    # 14: the list pages' digests by the object whose lists they hold;
    # 15: the coverage page's whole lists
    data_version = 15

    _derived: Derived | None = None
    #: which lists the pages show in part, for the builder (:meth:`use_sampling`)
    sampling: Sampling = WHOLE

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        """The object's translated label (原則), as search results describe it."""
        return str(type.lname)

    # -- records --------------------------------------------------------------

    @property
    def objects(self) -> dict[str, list[GovObject]]:
        return self.data['objects']

    @property
    def views(self) -> dict[str, list[tuple[str, str]]]:
        return self.data['views']

    @property
    def links(self) -> dict[str, list[str]]:
        return self.data['links']

    @property
    def digests(self) -> dict[str, str]:
        return self.data['digests']

    @property
    def graph(self) -> Graph:
        """All objects and relations, rebuilt only after the records changed."""
        return self.derived.graph

    @property
    def view_models(self) -> Views:
        """The model of each view, built once for the graph."""
        return self.derived.views

    @property
    def suggestions(self) -> Suggestions:
        return self.derived.suggestions

    @property
    def derived(self) -> Derived:
        if self._derived is None:
            graph = build_graph(self.objects, self.external_name)
            self._derived = Derived(graph, Views(graph, self.sampling),
                                    suggestions(graph, self._named_ids()))
        return self._derived

    def _named_ids(self) -> dict[str, list[str]]:
        """Each page's ids that could name an object of the domain: every id its roles
        and its objects' fields name, but those of another project's inventory."""
        inventories = getattr(self.env.config, 'intersphinx_mapping', None) or {}
        return {docname: [target for target in targets
                          if target.rpartition(':')[0] not in inventories]
                for docname, targets in self.links.items()}

    def external_name(self, ref: SummaryRef) -> str | None:
        """The name another project's inventory gives ``inventory:id`` (intersphinx)."""
        inventory, _, object_id = ref.target.partition(':')
        objtypes = [ref.reftype] if ref.reftype in self.object_types else list(self.object_types)
        entry = inventory_entry(self.env, inventory, [f'{self.name}:{objtype}'
                                                      for objtype in objtypes], object_id)
        return entry.name if object_id and entry is not None else None

    def original_of(self, obj: GovObject) -> Original | None:
        """The object of another project that ``obj`` is a copy of (``:original:``)."""
        return original_of(self.env, self.name, obj)

    def _records_changed(self) -> None:
        self._derived = None

    def use_sampling(self, sampling: Sampling) -> None:
        """Show long lists as ``sampling`` says: set when the builder starts, as it
        depends on whether the builder writes the pages of whole lists."""
        if sampling != self.sampling:
            self.sampling = sampling
            self._derived = None

    def note_object(self, obj: GovObject) -> None:
        """Record an object; duplicates are kept and reported after reading."""
        self.objects.setdefault(obj.docname, []).append(obj)
        self._records_changed()

    def note_view(self, docname: str, kind: str, target: str) -> int:
        """Record a view of the page; return its number on the page, from 1."""
        views = self.views.setdefault(docname, [])
        views.append((kind, target))
        return len(views)

    def clear_doc(self, docname: str) -> None:
        for table in (self.objects, self.views, self.links):
            table.pop(docname, None)
        self._records_changed()

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        for table in ('objects', 'views', 'links'):
            for docname in docnames:
                if docname in otherdata[table]:
                    self.data[table][docname] = otherdata[table][docname]
        self._records_changed()

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        targets = sorted({
            node['reftarget']
            for node in document.findall(addnodes.pending_xref)
            if node.get('refdomain') == self.name or node.get('reftype') == 'any'
        })
        if targets:
            self.links[docname] = targets
            self._records_changed()

    # -- references -----------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        obj = self.graph.get(target, typ if typ in self.object_types else None)
        if obj is None:
            return None
        return self._link(builder, fromdocname, obj, node, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, Element]]:
        obj = self.graph.get(target)
        if obj is None:
            return []
        role = f'{self.name}:{obj.objtype}'
        return [(role, self._link(builder, fromdocname, obj, node, contnode))]

    def _link(
        self,
        builder: Builder,
        fromdocname: str,
        obj: GovObject,
        node: pending_xref,
        contnode: Element,
    ) -> Element:
        """A role's link: it shows the object's name, unless the role gives a text."""
        if not node.get('refexplicit'):
            contnode = contnode.copy()  # its attributes; its children are replaced
            contnode += nodes.Text(obj.display_name)
        return self._links_from(builder, fromdocname).link(obj, contnode)

    def _links_from(self, builder: Builder, fromdocname: str) -> ObjectLinks:
        """The links made from one page, kept while its references are resolved: they
        lead to few pages, many times (a page of fifty findings, to their sources)."""
        links = self._last_links
        if links is None or links.builder is not builder or links.docname != fromdocname:
            links = self._last_links = ObjectLinks(builder, fromdocname)
        return links

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Every object for ``objects.inv`` and the search index, but copies: another
        project's objects are not this one's to list."""
        for obj in self.graph.by_id.values():
            if obj.original:
                continue
            yield obj.id, obj.display_name, obj.objtype, obj.docname, obj.anchor, 1

    def get_full_qualified_name(self, node: Element) -> str | None:
        return node.get('reftarget')

    # -- whole-handbook checks ------------------------------------------------

    def check_consistency(self) -> None:
        check_graph(self.graph, self.env.srcdir, self.suggestions, self.view_models)
        check_originals(self.env, self.name, self.graph)
        report_held_back()
