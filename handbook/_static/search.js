// The handbook's search page (search.html?q=…): Pagefind's index of the site, which
// segments Japanese in the query as in the pages. Results for readers by default;
// the pages for contributors when the reader asks for them (developer=1).

const form = document.querySelector('form.handbook-search');
const field = form.querySelector('input[name="q"]');
const developer = form.querySelector('input[name="developer"]');
const status = document.querySelector('.handbook-search__status');
const list = document.querySelector('.handbook-search__results');
const hint = document.querySelector('.handbook-search__hint');
const RESULTS_SHOWN = 20;

// The site's root as served: the index's URLs are relative to it, so the site
// works from any folder of any static host.
const root = new URL(document.documentElement.dataset.content_root || './', location.href);

// An excerpt keeps only its text and Pagefind's <mark> highlights.
function excerptNodes(excerpt) {
  const template = document.createElement('template');
  template.innerHTML = excerpt;
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function resultItem(data) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = new URL(data.url.replace(/^\//, ''), root).href;
  link.textContent = data.meta.title || data.url;
  const heading = document.createElement('p');
  heading.className = 'handbook-search__title';
  heading.append(link);
  const excerpt = document.createElement('p');
  excerpt.className = 'handbook-search__excerpt';
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(heading, excerpt);
  return item;
}

async function search(pagefind, query) {
  list.replaceChildren();
  hint.hidden = true;
  if (!query) {
    status.textContent = '調べたい言葉を入力してください。';
    return;
  }
  status.textContent = '検索しています…';
  const filters = developer.checked ? {} : { audience: 'reader' };
  const found = await pagefind.search(query, { filters });
  const shown = await Promise.all(found.results.slice(0, RESULTS_SHOWN).map((r) => r.data()));
  list.append(...shown.map(resultItem));
  const count = found.results.length;
  status.textContent = count === 0
    ? `「${query}」に一致するページはありませんでした。`
    : `「${query}」に一致するページ：${count}件`
      + (count > RESULTS_SHOWN ? `（上位${RESULTS_SHOWN}件を表示）` : '');
  hint.hidden = count !== 0;
}

async function main() {
  const parameters = new URLSearchParams(location.search);
  const query = (parameters.get('q') || '').trim();
  field.value = query;
  developer.checked = parameters.get('developer') === '1';
  let pagefind;
  try {
    // relative to the page, not to this script
    pagefind = await import(new URL(form.dataset.index, location.href).href);
    // Titles weigh most (conf.py, TITLE_WEIGHT); how often a page repeats a word
    // counts for nothing, so that a page that names 第3回会議 ten times does not
    // outrank the third meeting's own page.
    await pagefind.options({ baseUrl: '/', ranking: { termFrequency: 0 } });
  } catch (error) {
    console.error(error);
    status.textContent = '検索の索引を読み込めませんでした。ページを再読み込みするか、目次からページを探してください。';
    return;
  }
  developer.addEventListener('change', () => form.requestSubmit());
  await search(pagefind, query);
}

main();
