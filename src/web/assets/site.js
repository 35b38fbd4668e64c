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

  // 语音阅读: sentence by sentence, highlighting the sentence being read.
  var reader = (function () {
    var panel = document.getElementById('read-aloud');
    var status = panel.querySelector('[data-tts="status"]');
    var rateSelect = panel.querySelector('[data-tts="rate"]');
    var button = function (name) {
      return panel.querySelector('button[data-tts="' + name + '"]');
    };
    var synth = window.speechSynthesis;
    var sentences = null;
    var index = 0;
    var current = null;
    var paused = false;
    var lang = root.lang === 'zh-Hant' ? 'zh-TW' : 'zh-CN';

    function say(text) {
      status.textContent = text;
    }
    function buttons(playing) {
      button('play').textContent = playing && paused ? '继续' : '播放';
      button('play').disabled = playing && !paused;
      button('pause').disabled = !playing || paused;
      button('stop').disabled = !playing;
    }
    function blocks() {
      var main = document.getElementById('main');
      // An article page reads its title and body; other pages read the main content.
      var sources = main.querySelectorAll('.article > h1, .article-body');
      if (!sources.length) sources = [main];
      var out = [];
      var selector = 'h1, h2, h3, h4, p, li, figcaption, blockquote, dt, dd, td, th';
      for (var s = 0; s < sources.length; s++) {
        var source = sources[s];
        var found = source.matches(selector) ? [source] : source.querySelectorAll(selector);
        for (var i = 0; i < found.length; i++) {
          var el = found[i];
          if (el.querySelector(selector)) continue; // read its inner blocks instead
          if (el.closest('.visually-hidden, [hidden], .a11y-toolbar, nav, form')) continue;
          if (el.getClientRects().length === 0) continue;
          out.push(el);
        }
      }
      return out;
    }
    // A sentence ends at 。！？!?；; or …, with closing quotes kept.
    var SENTENCE = /[^。！？!?；;…\n]+[。！？!?；;…]*[”’」』）)]*/g;
    function collect() {
      var list = [];
      var els = blocks();
      for (var b = 0; b < els.length; b++) {
        var el = els[b];
        var nodes = [];
        var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        var text = '';
        var n;
        while ((n = walker.nextNode())) {
          nodes.push({ node: n, start: text.length });
          text += n.nodeValue;
        }
        var m;
        SENTENCE.lastIndex = 0;
        while ((m = SENTENCE.exec(text))) {
          var sentence = m[0].trim();
          if (!/[\p{L}\p{N}]/u.test(sentence)) continue;
          var start = m.index + m[0].indexOf(sentence);
          list.push({
            text: sentence,
            block: el,
            range: rangeOf(nodes, start, start + sentence.length),
          });
        }
      }
      return list;
    }
    function rangeOf(nodes, start, end) {
      var range = document.createRange();
      for (var i = 0; i < nodes.length; i++) {
        var from = nodes[i].start;
        var to = from + nodes[i].node.nodeValue.length;
        if (start >= from && start <= to) range.setStart(nodes[i].node, start - from);
        if (end >= from && end <= to) {
          range.setEnd(nodes[i].node, end - from);
          break;
        }
      }
      return range;
    }
    function highlight(item) {
      var old = document.querySelector('.tts-reading');
      if (old) old.classList.remove('tts-reading');
      if (window.CSS && CSS.highlights && window.Highlight) {
        if (item) CSS.highlights.set('byline-tts', new Highlight(item.range));
        else CSS.highlights.delete('byline-tts');
      }
      if (item) {
        item.block.classList.add('tts-reading');
        item.block.scrollIntoView({ block: 'nearest' });
      }
    }
    function chineseVoice() {
      var voices = synth.getVoices() || [];
      var best = null;
      for (var i = 0; i < voices.length; i++) {
        var v = voices[i];
        var l = String(v.lang || '')
          .replace('_', '-')
          .toLowerCase();
        if (!/^(zh|cmn|yue)\b/.test(l)) continue;
        if (!best) best = v;
        if (l.indexOf(lang.slice(3).toLowerCase()) !== -1) return v;
      }
      return best;
    }
    function withVoices(then) {
      if ((synth.getVoices() || []).length) return then();
      var done = false;
      var finish = function () {
        if (done) return;
        done = true;
        then();
      };
      synth.addEventListener('voiceschanged', finish, { once: true });
      setTimeout(finish, 1500); // some browsers never fire voiceschanged when there are none
    }
    function speakNext() {
      if (index >= sentences.length) {
        current = null;
        highlight(null);
        buttons(false);
        say('朗读完毕。');
        return;
      }
      var item = sentences[index];
      var voice = chineseVoice();
      var u = new SpeechSynthesisUtterance(item.text);
      u.lang = voice ? voice.lang : lang;
      try {
        if (voice) u.voice = voice;
      } catch (e) {
        // CASE: a voice object the engine will not take back; the language still picks a voice.
      }
      u.rate = Number(rateSelect.value) || 1;
      u.onend = function () {
        if (current !== u) return;
        index++;
        speakNext();
      };
      u.onerror = function (e) {
        if (current !== u || e.error === 'interrupted' || e.error === 'canceled') return;
        current = null;
        buttons(false);
        say('朗读出错：' + e.error + '。');
      };
      current = u;
      highlight(item);
      say('正在朗读（' + (index + 1) + '/' + sentences.length + '）：' + item.text);
      synth.speak(u);
    }
    var api = {
      open: function (start) {
        panel.hidden = false;
        button('play').focus();
        if (start) api.play();
      },
      play: function () {
        if (!synth || !window.SpeechSynthesisUtterance) {
          say('此浏览器不支持语音朗读，请换用 Chrome、Edge、Safari 或 Firefox 的新版本。');
          return;
        }
        if (current && paused) {
          paused = false;
          synth.resume();
          buttons(true);
          return;
        }
        if (current) return;
        withVoices(function () {
          if (!chineseVoice()) {
            say('没有找到中文语音，无法朗读。请在系统的“语音”设置中添加中文（普通话）语音后再试。');
            return;
          }
          sentences = collect();
          index = 0;
          paused = false;
          buttons(true);
          if (!sentences.length) {
            buttons(false);
            say('本页没有可朗读的文字。');
            return;
          }
          speakNext();
        });
      },
      pause: function () {
        if (!current || paused) return;
        paused = true;
        synth.pause();
        buttons(true);
        say('已暂停。');
      },
      stop: function () {
        if (!synth || !current) return;
        current = null;
        paused = false;
        index = 0;
        synth.cancel();
        highlight(null);
        buttons(false);
        say('已停止。');
      },
    };
    rateSelect.addEventListener('change', function () {
      if (!current) return;
      // Restart the current sentence at the new speed.
      current = null;
      paused = false;
      synth.cancel();
      buttons(true);
      speakNext();
    });
    return api;
  })();

  apply();
})();
