"""The live preview (``make serve``) shows on every page that its last build failed,
and where.

sphinx-autobuild keeps serving the pages of the last build that wrote them when a
build fails, and the warnings reach only the terminal: a contributor reading the
preview would take an old page for the result of the edit. When ``HANDBOOK_PREVIEW``
is set (``make serve`` sets it), a build that warned or stopped puts a banner at the
top of every page of the site, listing each warning with its file and line, as the
strict build (``make html``) would fail on them; the next build without a warning
takes the banner away. Without the variable, nothing of the site changes.
"""

from __future__ import annotations

import copy
import html
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.logging import (
    NAMESPACE,
    MemoryHandler,
    WarningLogRecordTranslator,
    is_suppressed_warning,
)

#: set (to anything but empty) by ``make serve``
ENVIRONMENT = 'HANDBOOK_PREVIEW'
#: the banner's bounds in a page, so that the next build finds and replaces it
START = '<!-- handbook-preview-status -->'
END = '<!-- /handbook-preview-status -->'
#: the warnings a banner lists; the count names the rest
SHOWN = 30
BODY = re.compile(r'<body\b[^>]*>')
#: a banner as :func:`mark_pages` puts it, on lines of its own after ``<body>``
BANNER = re.compile(re.escape(f'\n{START}') + r'.*?' + re.escape(f'{END}\n'), re.DOTALL)
STYLE = ('max-height:50vh;overflow:auto;margin:0;'
         'padding:0.75rem 1rem;background:#fff4e5;color:#1a1a1a;'
         'border-bottom:3px solid #b54708;font-size:0.95rem;line-height:1.5')


@dataclass(frozen=True)
class Problem:
    """One warning of the build: where (``path:line``) and what."""

    location: str
    message: str


class ProblemCollector(logging.Handler):
    """Keeps every warning the build reports (``suppress_warnings`` aside), located as
    Sphinx prints it."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.translator = WarningLogRecordTranslator(app)
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if held_back():
                return  # Sphinx hands it on again when it lets it through
            if is_suppressed_warning(getattr(record, 'type', '') or '',
                                     getattr(record, 'subtype', '') or '',
                                     self.app.config.suppress_warnings):
                return
            # Sphinx's own handler translates the record it is given: a copy is ours
            translated = copy.copy(record)
            self.translator.filter(translated)  # type: ignore[arg-type]
            location = str(getattr(translated, 'location', None) or '')
            # the message without its location, which the banner shows apart
            message = logging.LogRecord.getMessage(translated)
            self.problems.append(Problem(relative(location), message))
        except Exception:  # as every logging handler: report, never raise
            self.handleError(record)


def held_back() -> bool:
    """Whether Sphinx is holding warnings back (while it reads), to hand them on later."""
    return any(isinstance(handler, MemoryHandler)
               for handler in logging.getLogger(NAMESPACE).handlers)


def relative(location: str) -> str:
    """A location from the folder the build runs in (the repository, for make)."""
    folder = os.getcwd().rstrip(os.sep) + os.sep
    return location[len(folder):] if location.startswith(folder) else location


def banner(problems: list[Problem], stopped: BaseException | None) -> str:
    """The banner of a failed build, every text in it escaped."""
    count = f'警告 {len(problems)} 件' if problems else '警告なし'
    lines = [
        START,
        f'<div class="handbook-preview-status" role="alert" style="{STYLE}">',
        f'<p><strong>プレビューのビルドに失敗しました（{count}）。</strong>'
        'このページには、最後に保存した原稿が反映されていないことがあります。'
        '次の箇所を直して保存すると、ビルドし直します。'
        '<code>make html</code> も、同じ理由で失敗します。</p>',
    ]
    if stopped is not None:
        reason = f'{type(stopped).__name__}: {stopped}'
        lines.append(f'<p>ビルドが途中で止まりました：<code>{html.escape(reason)}</code>'
                     '（詳しくはターミナルの表示を見てください）</p>')
    if problems:
        lines.append('<ol>')
        lines += [f'<li><code>{html.escape(problem.location or "（場所不明）")}</code> '
                  f'{html.escape(problem.message)}</li>' for problem in problems[:SHOWN]]
        lines.append('</ol>')
    if len(problems) > SHOWN:
        lines.append(f'<p>ほか {len(problems) - SHOWN} 件は、ターミナルの表示を見てください。</p>')
    lines += ['</div>', END]
    return '\n'.join(lines) + '\n'


def site_pages(outdir: Path) -> list[Path]:
    """The pages of the site, without the theme's and the search index's files."""
    return sorted(path for path in outdir.rglob('*.html')
                  if not any(part.startswith('_') for part in path.relative_to(outdir).parts))


def mark_pages(outdir: Path, shown: str | None) -> int:
    """Put ``shown`` at the top of every page, in place of an earlier banner; with
    ``None``, take the banner away. The number of pages changed."""
    changed = 0
    for page in site_pages(outdir):
        text = page.read_text(encoding='utf-8')
        marked = BANNER.sub('', text)
        if shown is not None:
            marked = BODY.sub(lambda body: f'{body[0]}\n{shown}', marked, count=1)
        if marked != text:
            page.write_text(marked, encoding='utf-8')
            changed += 1
    return changed


class Preview:
    """The bookkeeping of one build of the preview."""

    def __init__(self, app: Sphinx) -> None:
        self.collector = ProblemCollector(app)

    def builder_inited(self, app: Sphinx) -> None:
        # before Sphinx's handlers, which change the records they are given
        logging.getLogger(NAMESPACE).handlers.insert(0, self.collector)

    def build_finished(self, app: Sphinx, exception: BaseException | None) -> None:
        logging.getLogger(NAMESPACE).removeHandler(self.collector)
        if app.builder is None or app.builder.format != 'html':
            return
        outdir = Path(app.outdir)
        problems = self.collector.problems
        failed = bool(problems) or exception is not None
        if outdir.is_dir():
            mark_pages(outdir, banner(problems, exception) if failed else None)


def setup(app: Sphinx) -> dict[str, Any]:
    if os.environ.get(ENVIRONMENT):
        preview = Preview(app)
        app.connect('builder-inited', preview.builder_inited)
        # last, after Pagefind (conf.py): the banner sits outside what it indexes anyway
        app.connect('build-finished', preview.build_finished, priority=950)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
