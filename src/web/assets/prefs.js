// Byline 无障碍浏览: restore the reader's saved settings before the page is drawn.
// Loaded synchronously in <head>, so it is kept tiny; site.js does the rest.
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  // Scripts run here: a signed-in reader may be sent the page every reader shares, its own
  // parts filled in by site.js (without this cookie the server renders the page for it alone).
  if (!/(?:^|; )byline_js=1/.test(document.cookie))
    document.cookie =
      'byline_js=1; path=/; max-age=31536000; samesite=lax' +
      (location.protocol === 'https:' ? '; secure' : '');
  var saved = null;
  try {
    saved = JSON.parse(localStorage.getItem('byline-a11y') || 'null');
  } catch (e) {
    saved = null;
  }
  if (!saved || typeof saved !== 'object') return;
  if (saved.text > 0 && saved.text <= 5) root.setAttribute('data-text', String(saved.text));
  if (saved.spacing > 0 && saved.spacing <= 2)
    root.setAttribute('data-spacing', String(saved.spacing));
  if (saved.contrast) root.classList.add('a11y-contrast');
  if (saved.cursor) root.classList.add('a11y-cursor');
  if (saved.guide) root.classList.add('a11y-guide');
  if (saved.open) root.classList.add('a11y-open');
})();
