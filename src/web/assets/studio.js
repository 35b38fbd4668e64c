// Byline studio: live preview, autosave of drafts, and a warning before
// leaving with unsaved changes. IME-safe by construction: this script never
// writes to the text fields, and it waits while an input method is composing
// (compositionstart … compositionend) before it reads them.
(function () {
  'use strict';
  var form = document.getElementById('editor');
  if (!form) return;
  var body = form.querySelector('[name=bodyMarkdown]');
  var preview = document.getElementById('live-preview');
  var status = document.getElementById('autosave-status');
  var composing = false;
  var dirty = false;
  var submitting = false;
  var previewTimer = null;
  var PREVIEW_DELAY_MS = 400;
  var AUTOSAVE_EVERY_MS = 15000;

  form.addEventListener('compositionstart', function () {
    composing = true;
  });
  form.addEventListener('compositionend', function () {
    composing = false;
    schedulePreview();
  });
  form.addEventListener('input', function () {
    dirty = true;
    if (!composing) schedulePreview();
  });
  form.addEventListener('submit', function () {
    submitting = true;
  });
  window.addEventListener('beforeunload', function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  function post(url, done) {
    var data = new URLSearchParams(new FormData(form));
    data.delete('intent');
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: data.toString(),
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(done)
      .catch(function () {
        done(null);
      });
  }

  function schedulePreview() {
    if (!preview || !body) return;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      if (composing) return;
      post(form.getAttribute('data-preview'), function (result) {
        // The server returns sanitized HTML (the same sanitizer as publishing).
        if (result && typeof result.html === 'string') preview.innerHTML = result.html;
      });
    }, PREVIEW_DELAY_MS);
  }

  var autosaveUrl = form.getAttribute('data-autosave');
  if (autosaveUrl) {
    setInterval(function () {
      if (!dirty || composing) return;
      dirty = false;
      post(autosaveUrl, function (result) {
        if (result && result.saved) {
          if (status) status.textContent = '已自动保存（第 ' + result.revision + ' 版）';
        } else {
          dirty = true;
          if (status) status.textContent = '自动保存失败，请手动保存';
        }
      });
    }, AUTOSAVE_EVERY_MS);
  }
})();
