// Small behaviours of the handbook's pages, on top of the themes' scripts.

// A heading chosen in a drawer (このページの見出し, or the menu on a phone) takes the
// reader there: the drawer closes instead of covering the page.
document.addEventListener('click', (event) => {
  const link = event.target.closest('dialog[open] a[href]');
  if (link && new URL(link.href).pathname === location.pathname) {
    link.closest('dialog').close();
  }
});

// The code of conduct (行動規範) is what readers come for: its ten principles show in
// the menu without a tap.
for (const link of document.querySelectorAll('.bd-sidenav > li.toctree-l1 > a[href]')) {
  if (new URL(link.href).pathname.endsWith('/principles/index.html')) {
    link.parentElement.querySelector(':scope > details')?.setAttribute('open', '');
  }
}

// The feedback mail names the page the reader is on: its title and its address.
for (const link of document.querySelectorAll('a.handbook-feedback')) {
  const mail = new URL(link.href);
  const page = `${location.origin}${location.pathname}`;
  const body = `${link.dataset.body}\n\n${document.title}\n${page}\n`;
  link.href = `mailto:${mail.pathname}?subject=${encodeURIComponent(link.dataset.subject)}`
    + `&body=${encodeURIComponent(body)}`;
}

// A printed page shows the notes readers open by a tap (出典と確かさ).
const closedWhenPrinting = [];
window.addEventListener('beforeprint', () => {
  for (const details of document.querySelectorAll('article details:not([open])')) {
    details.open = true;
    closedWhenPrinting.push(details);
  }
});
window.addEventListener('afterprint', () => {
  closedWhenPrinting.splice(0).forEach((details) => { details.open = false; });
});

// A printed page lists the sources its numbers ([7]) cite, with their addresses: the
// entry each number links to, which Sphinx writes into the link's title.
function printedReferences() {
  const article = document.querySelector('article.bd-article');
  const cited = new Map();
  for (const link of article?.querySelectorAll('a.reference.internal[title][href*="#"]') ?? []) {
    const number = link.textContent.trim();
    if (/^\d+$/.test(number) && !cited.has(number)) cited.set(number, link.title);
  }
  if (cited.size === 0) return;
  const section = document.createElement('section');
  section.className = 'handbook-print-references';
  section.setAttribute('aria-hidden', 'true');
  const heading = document.createElement('h2');
  heading.textContent = 'このページの参考文献';
  const list = document.createElement('ol');
  for (const [number, entry] of [...cited].sort((a, b) => a[0] - b[0])) {
    const item = document.createElement('li');
    item.value = Number(number);
    item.textContent = entry;
    list.append(item);
  }
  section.append(heading, list);
  article.append(section);
}
printedReferences();

// A table in .handbook-cards reads as cards on a phone (handbook.css): each cell
// carries the heading of its column.
for (const table of document.querySelectorAll('.handbook-cards table')) {
  const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  for (const row of table.querySelectorAll('tbody tr')) {
    [...row.cells].forEach((cell, column) => { cell.dataset.label = headings[column] ?? ''; });
  }
  table.dataset.cards = '';
}
