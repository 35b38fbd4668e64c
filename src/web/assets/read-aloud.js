// 语音阅读 (read-aloud) with the browser's own speech synthesis, sentence by
// sentence, highlighting the sentence being read. No add-on, no third party.
// Exposes window.bylineReadAloud for the accessibility toolbar (site.js).
window.bylineReadAloud = (function () {
  'use strict';
  var root = document.documentElement;
  var panel = document.getElementById('read-aloud');
  if (!panel) return null; // a page without the toolbar
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
