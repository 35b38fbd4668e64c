// Byline progressive enhancement. Every page works without this file.
// Share buttons: copy the link in place and record the share in the background.
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    var button =
      event.target instanceof Element ? event.target.closest('.share-targets button') : null;
    if (!button || !window.fetch) return;
    var target = button.getAttribute('value');
    if (target === 'weibo') return; // a real navigation to Weibo; let the form do it
    event.preventDefault();
    var form = button.closest('form');
    var body = new URLSearchParams(new FormData(form));
    body.set('target', target || '');
    fetch(form.getAttribute('action'), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      credentials: 'same-origin',
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (result) {
        var count = document.querySelector('[data-share-count]');
        if (result && count) count.textContent = String(result.shares);
      })
      .catch(function () {});
    var url = button.getAttribute('data-copy');
    var status = document.getElementById('share-status');
    if (url && navigator.clipboard) {
      navigator.clipboard.writeText(url).then(
        function () {
          if (status) status.textContent = '链接已复制';
        },
        function () {
          var input = document.getElementById('share-url');
          if (input) input.select();
        },
      );
    } else if (target === 'wechat') {
      var qr = document.querySelector('.wechat-qr');
      if (qr) qr.scrollIntoView({ block: 'nearest' });
    }
  });
})();
