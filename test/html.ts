import { parse, type HTMLElement } from 'node-html-parser';

export function parseHtml(html: string): HTMLElement {
  return parse(html, { comment: false });
}

/** The hrefs of the links in each list on a page, keyed by a label, to check for duplicates. */
export function listsOf(root: HTMLElement): { label: string; hrefs: string[] }[] {
  return root
    .querySelectorAll('ul.compact-list, ol.compact-list, ul.article-list')
    .map((list, i) => ({
      label: `${list.closest('section,aside')?.getAttribute('aria-labelledby') ?? ''}#${i}`,
      hrefs: list
        .querySelectorAll('a')
        .map((a) => a.getAttribute('href') ?? '')
        .filter((h) => h.includes('/article/')),
    }));
}

export function jsonLdOf(root: HTMLElement): Record<string, unknown>[] {
  return root
    .querySelectorAll('script[type="application/ld+json"]')
    .map((s) => JSON.parse(s.textContent) as Record<string, unknown>);
}
