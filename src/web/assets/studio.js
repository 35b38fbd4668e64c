// Byline studio: live preview, autosave of drafts, and a warning before
// leaving with unsaved changes. IME-safe by construction: this script never
// writes to the text fields, and it waits while an input method is composing
// (compositionstart … compositionend) before it reads them.
(function () {
  'use strict';
  // Copy buttons (图片库): copy the named field's text.
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-copy]');
    if (!button) return;
    var field = document.getElementById(button.getAttribute('data-copy'));
    if (!field) return;
    field.select();
    var done = function () {
      button.textContent = '已复制';
    };
    if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(done, function () {});
    else if (document.execCommand('copy')) done();
  });

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

  // Images inside the editor: the upload button, a drop on the body, a paste
  // of an image. Each is uploaded with fetch (the page never changes) and its
  // figure inserted at the cursor; typed text is never replaced.
  var uploadUrl = form.getAttribute('data-upload');
  var fileInput = document.getElementById('editor-image-file');
  var uploadButton = document.getElementById('editor-upload');
  var altInput = document.getElementById('editor-image-alt');
  var uploadStatus = document.getElementById('upload-status');
  var IMAGE_TYPES = /^image\/(jpeg|png|webp|gif)$/;
  var bodyTouched = false;
  if (body)
    body.addEventListener('focus', function () {
      bodyTouched = true;
    });

  function say(text) {
    if (uploadStatus) uploadStatus.textContent = text;
  }

  /** Inserts a figure at the cursor as a paragraph of its own (blank lines around it). */
  function insertFigure(markdown) {
    if (!body) return;
    var insert = function () {
      // No cursor placed yet: the figure goes at the end.
      var start = bodyTouched ? body.selectionStart : body.value.length;
      var end = bodyTouched ? body.selectionEnd : body.value.length;
      var before = body.value.slice(0, start);
      var after = body.value.slice(end);
      var lead = before === '' || /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
      var trail = /^\n\n/.test(after) ? '' : /^\n/.test(after) ? '\n' : '\n\n';
      var text = lead + markdown + trail;
      body.focus();
      body.setSelectionRange(start, end);
      // execCommand keeps the browser's undo history; setRangeText where it is gone.
      var ok = false;
      try {
        ok = document.execCommand('insertText', false, text);
      } catch (e) {
        ok = false;
      }
      if (!ok || body.value.indexOf(markdown) === -1) {
        body.setRangeText(text, start, end, 'end');
        body.dispatchEvent(new window.Event('input', { bubbles: true }));
      }
    };
    // Never while an input method is composing: wait for its commit.
    if (composing) {
      form.addEventListener('compositionend', function once() {
        form.removeEventListener('compositionend', once);
        setTimeout(insert, 0);
      });
    } else insert();
  }

  /** Adds a fresh upload to the cover picker (built node by node: no HTML from strings). */
  function offerAsCover(image) {
    var list = document.getElementById('cover-picker');
    if (!list) return;
    var item = document.createElement('li');
    var label = document.createElement('label');
    label.className = 'image-choice';
    var img = document.createElement('img');
    img.src = image.thumbnailUrl;
    img.alt = '';
    img.width = 120;
    img.height = 90;
    var line = document.createElement('span');
    var radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = 'coverImageId';
    radio.value = image.id;
    var text = document.createElement('span');
    text.textContent = '刚上传的图片' + (image.alt ? '：' + image.alt : '');
    line.appendChild(radio);
    line.appendChild(document.createTextNode(' '));
    line.appendChild(text);
    label.appendChild(img);
    label.appendChild(line);
    item.appendChild(label);
    list.appendChild(item);
  }

  function failure(status) {
    if (status === 413) return '图片超过 10 MB，请缩小后再上传';
    if (status === 415) return '只支持 JPEG、PNG、WebP 或 GIF 图片';
    if (status === 429) return '操作过于频繁，请稍后再试';
    if (status === 401 || status === 403)
      return '登录已过期，请在新窗口登录后重试（本页内容不会丢失）';
    return '上传失败，请重试';
  }

  function upload(file) {
    if (!uploadUrl || !file) return;
    if (!IMAGE_TYPES.test(file.type)) {
      say('只支持 JPEG、PNG、WebP 或 GIF 图片');
      return;
    }
    var data = new FormData();
    // The fields before the file: the server reads them before the image.
    var csrf = form.querySelector('[name=_csrf]');
    if (csrf) data.append('_csrf', csrf.value);
    data.append('alt', altInput ? altInput.value : '');
    data.append('image', file, file.name || 'image');
    say('正在上传图片…');
    fetch(uploadUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      body: data,
    })
      .then(function (res) {
        if (!res.ok) throw new Error(failure(res.status));
        return res.json();
      })
      .then(function (image) {
        insertFigure(image.markdown);
        offerAsCover(image);
        if (altInput) altInput.value = '';
        say('图片已上传并插入正文');
      })
      .catch(function (err) {
        say(
          err && err.message && /[\u4e00-\u9fff]/.test(err.message)
            ? err.message
            : '上传失败，请重试',
        );
      });
  }

  function imagesOf(list) {
    var out = [];
    for (var i = 0; list && i < list.length; i++) {
      var item = list[i];
      var file = item.getAsFile ? (item.kind === 'file' ? item.getAsFile() : null) : item;
      if (file && IMAGE_TYPES.test(file.type)) out.push(file);
    }
    return out;
  }

  if (uploadButton && fileInput) {
    uploadButton.addEventListener('click', function () {
      fileInput.click();
    });
    fileInput.addEventListener('change', function () {
      imagesOf(fileInput.files).forEach(upload);
      fileInput.value = '';
    });
  }
  if (body && uploadUrl) {
    var zone = body.parentNode;
    body.addEventListener('dragover', function (event) {
      if (
        event.dataTransfer &&
        Array.prototype.indexOf.call(event.dataTransfer.types, 'Files') !== -1
      ) {
        event.preventDefault();
        zone.classList.add('dragging');
      }
    });
    body.addEventListener('dragleave', function () {
      zone.classList.remove('dragging');
    });
    body.addEventListener('drop', function (event) {
      zone.classList.remove('dragging');
      var files = imagesOf(event.dataTransfer && event.dataTransfer.files);
      if (files.length === 0) return;
      event.preventDefault();
      body.focus();
      files.forEach(upload);
    });
    body.addEventListener('paste', function (event) {
      var files = imagesOf(event.clipboardData && event.clipboardData.items);
      if (files.length === 0) return;
      event.preventDefault();
      files.forEach(upload);
    });
  }
  form.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-insert]');
    if (button) insertFigure(button.getAttribute('data-insert'));
  });
})();
