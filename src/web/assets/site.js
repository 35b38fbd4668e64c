// Byline progressive enhancement. Every page works without this file.
// A signed-in reader's own parts of a page every reader shares (web/page-state.tsx): each
// [data-slot] is replaced by the reader's version, and every form gets the CSRF token.
(function () {
  'use strict';
  if (!/(?:^|; )byline_signed=1/.test(document.cookie) || !window.fetch) return;
  var names = [].map.call(document.querySelectorAll('[data-slot]'), function (el) {
    return el.getAttribute('data-slot');
  });
  if (!names.length) return;
  var query = new URLSearchParams({ path: location.pathname + location.search, slots: names });
  fetch('/api/v1/me/page-state?' + query, { credentials: 'same-origin' })
    .then(function (res) {
      return res.ok ? res.json() : null;
    })
    .then(function (state) {
      if (!state) return;
      if (!state.signed_in) {
        // The session ended: the page as it is (signed out) is right; stop asking.
        document.cookie = 'byline_signed=; path=/; max-age=0';
        return;
      }
      [].forEach.call(document.querySelectorAll('[data-slot]'), function (el) {
        var html = state.slots[el.getAttribute('data-slot')];
        if (typeof html === 'string') el.outerHTML = html;
      });
      [].forEach.call(document.querySelectorAll('form[method="post"]'), function (form) {
        if (form.querySelector('input[name="_csrf"]')) return;
        var input = document.createElement('input');
        input.type = 'hidden';
        input.name = '_csrf';
        input.value = state.csrf;
        form.appendChild(input);
      });
    })
    .catch(function () {});
})();

// The page-view beacon: views count even when a CDN answered the page.
(function () {
  'use strict';
  var article = document.querySelector('[data-view-url]');
  if (article && navigator.sendBeacon) navigator.sendBeacon(article.getAttribute('data-view-url'));
})();

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

// 无障碍浏览: the toolbar's settings (restored early by prefs.js), the reading
// guide line, and 语音阅读 with the browser's own speech synthesis.
(function () {
  'use strict';
  var KEY = 'byline-a11y';
  var TEXT_STEPS = ['100%', '112%', '125%', '150%', '175%', '200%'];
  var SPACING = ['标准', '较宽', '最宽'];
  var root = document.documentElement;
  var toolbar = document.getElementById('a11y-toolbar');
  if (!toolbar) return;
  var alwaysOpen = toolbar.getAttribute('data-always-open') === 'true';
  var state = load();

  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(KEY) || 'null');
      return s && typeof s === 'object' ? s : {};
    } catch (e) {
      return {};
    }
  }
  function save() {
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      // CASE: storage is disabled (private mode); settings last for this page only.
    }
  }
  function announce(text) {
    var live = toolbar.querySelector('[data-a11y-announce]');
    if (live) live.textContent = text;
  }
  function press(name, on) {
    var b = toolbar.querySelector('[data-a11y="' + name + '"]');
    if (b) b.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  function apply() {
    var text = Math.max(0, Math.min(TEXT_STEPS.length - 1, state.text || 0));
    var spacing = Math.max(0, Math.min(SPACING.length - 1, state.spacing || 0));
    if (text) root.setAttribute('data-text', String(text));
    else root.removeAttribute('data-text');
    if (spacing) root.setAttribute('data-spacing', String(spacing));
    else root.removeAttribute('data-spacing');
    root.classList.toggle('a11y-contrast', !!state.contrast);
    root.classList.toggle('a11y-cursor', !!state.cursor);
    root.classList.toggle('a11y-guide', !!state.guide);
    root.classList.toggle('a11y-open', !!state.open || alwaysOpen);
    var shownText = toolbar.querySelector('[data-a11y-show="text"]');
    if (shownText) shownText.textContent = '字号 ' + TEXT_STEPS[text];
    var shownSpacing = toolbar.querySelector('[data-a11y-show="spacing"]');
    if (shownSpacing) shownSpacing.textContent = SPACING[spacing];
    press('contrast', state.contrast);
    press('cursor', state.cursor);
    press('guide', state.guide);
    // aria-disabled, not disabled: the buttons stay focusable and say why they do nothing.
    toolbar
      .querySelector('[data-a11y="text-down"]')
      .setAttribute('aria-disabled', String(text === 0));
    toolbar
      .querySelector('[data-a11y="text-up"]')
      .setAttribute('aria-disabled', String(text === TEXT_STEPS.length - 1));
  }
  function change(update, message) {
    update();
    apply();
    save();
    announce(message());
  }

  // Reading guide: a line that follows the pointer, or the focused element.
  var guide = document.createElement('div');
  guide.className = 'reading-guide';
  guide.setAttribute('aria-hidden', 'true');
  document.body.appendChild(guide);
  document.addEventListener('mousemove', function (e) {
    guide.style.top = e.clientY + 'px';
  });
  document.addEventListener('focusin', function (e) {
    if (e.target instanceof Element)
      guide.style.top = e.target.getBoundingClientRect().bottom + 'px';
  });

  var actions = {
    'text-down': textStep(-1),
    'text-up': textStep(1),
    spacing: function () {
      change(
        function () {
          state.spacing = ((state.spacing || 0) + 1) % SPACING.length;
        },
        function () {
          return '行距' + SPACING[state.spacing];
        },
      );
    },
    contrast: toggle('contrast', '高对比度'),
    cursor: toggle('cursor', '大鼠标'),
    guide: toggle('guide', '阅读辅助线'),
    read: function () {
      if (!state.open && !alwaysOpen) {
        state.open = true;
        apply();
        save();
      }
      reader.open(true);
    },
    reset: function () {
      reader.stop();
      change(
        function () {
          state = { open: state.open };
        },
        function () {
          return '已恢复默认设置';
        },
      );
    },
    close: function () {
      change(
        function () {
          state.open = false;
        },
        function () {
          return '工具栏已关闭';
        },
      );
      var opener = document.querySelector('[data-a11y-open]');
      if (opener) opener.focus();
    },
  };
  function textStep(delta) {
    return function () {
      change(
        function () {
          state.text = Math.max(0, Math.min(TEXT_STEPS.length - 1, (state.text || 0) + delta));
        },
        function () {
          return '字号 ' + TEXT_STEPS[state.text];
        },
      );
    };
  }
  function toggle(name, label) {
    return function () {
      change(
        function () {
          state[name] = !state[name];
        },
        function () {
          return label + (state[name] ? '已开启' : '已关闭');
        },
      );
    };
  }

  document.addEventListener('click', function (e) {
    var target = e.target instanceof Element ? e.target : null;
    if (!target) return;
    var opener = target.closest('[data-a11y-open]');
    if (opener) {
      e.preventDefault();
      state.open = true;
      apply();
      save();
      toolbar.querySelector('button').focus();
      return;
    }
    var button = target.closest('[data-a11y]');
    if (button && actions[button.getAttribute('data-a11y')]) {
      actions[button.getAttribute('data-a11y')]();
    }
    var control = target.closest('[data-tts]');
    if (control && control.tagName === 'BUTTON') reader[control.getAttribute('data-tts')]();
  });

  // 语音阅读 lives in read-aloud.js (loaded first, also deferred).
  var reader = window.bylineReadAloud;

  apply();
})();

// The bell: the unread count is personal, so it is fetched, never part of a page a cache shares.
(function () {
  'use strict';
  var bell = document.querySelector('[data-unread-url]');
  if (!bell || !window.fetch) return;
  fetch(bell.getAttribute('data-unread-url'), {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  })
    .then(function (res) {
      return res.ok ? res.json() : null;
    })
    .then(function (result) {
      var badge = bell.querySelector('[data-unread]');
      if (!result || !badge || !(result.unread > 0)) return;
      badge.textContent = result.unread > 99 ? '99+' : String(result.unread);
      badge.hidden = false;
      bell.setAttribute('aria-label', '通知（' + result.unread + ' 条未读）');
    })
    .catch(function () {});
})();

// 关注 without leaving the page: the form posts with fetch and the button and count follow.
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var form = event.target instanceof Element ? event.target.closest('form.follow-form') : null;
    if (!form || !window.fetch || !form.querySelector('input[name="_csrf"]')) return;
    event.preventDefault();
    var button = form.querySelector('button.follow');
    if (button) button.disabled = true;
    fetch(form.getAttribute('action'), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)).toString(),
      credentials: 'same-origin',
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (result) {
        if (!result) return form.submit();
        if (button) {
          button.textContent = result.following ? '已关注' : '关注';
          button.setAttribute('aria-pressed', result.following ? 'true' : 'false');
        }
        var scopeEl = form.closest('section, header') || document;
        var count = scopeEl.querySelector('[data-follower-count]');
        if (count) count.textContent = String(result.followers);
      })
      .catch(function () {
        form.submit();
      })
      .then(function () {
        if (button) button.disabled = false;
      });
  });
})();

// 点赞 and 收藏 without leaving the page: the form posts with fetch; the button, its label, its
// count and the next state the form asks for follow the answer. Signed out, the form goes to sign-in.
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var form = event.target instanceof Element ? event.target.closest('form.reaction-form') : null;
    if (!form || !window.fetch || !form.querySelector('input[name="_csrf"]')) return;
    event.preventDefault();
    var button = form.querySelector('button.reaction');
    var on = form.querySelector('input[name="on"]');
    if (button) button.disabled = true;
    fetch(form.getAttribute('action'), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)).toString(),
      credentials: 'same-origin',
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (result) {
        if (!result) return form.submit();
        var pressed = 'liked' in result ? result.liked : result.bookmarked;
        var labels = 'liked' in result ? ['点赞', '已赞'] : ['收藏', '已收藏'];
        if (button) {
          button.setAttribute('aria-pressed', pressed ? 'true' : 'false');
          var label = button.querySelector('[data-reaction-label]');
          if (label) label.textContent = labels[pressed ? 1 : 0];
        }
        if (on) on.value = pressed ? '0' : '1';
        var count = form.querySelector('[data-like-count]');
        if (count && 'likes' in result) count.textContent = String(result.likes);
      })
      .catch(function () {
        form.submit();
      })
      .then(function () {
        if (button) button.disabled = false;
      });
  });
})();

// The portal's 要闻 blocks: folded on phones, open on wide screens (site.css shows them there
// even without this file; this keeps the open state that assistive technology reads true).
(function () {
  'use strict';
  if (!window.matchMedia) return;
  var wide = window.matchMedia('(min-width: 60rem)');
  function apply() {
    var blocks = document.querySelectorAll('details[data-open-wide]');
    for (var i = 0; i < blocks.length; i++) blocks[i].open = wide.matches;
  }
  apply();
  if (wide.addEventListener) wide.addEventListener('change', apply);
})();
