/* widget.js: Kefu's chat widget for a shop's web pages. No framework, no build step.
 *
 * Paste <script src="https://KEFU-HOST/kefu/widget.js" async></script> into a page.
 * Everything a visitor or an agent wrote is put on the page with textContent, never
 * as HTML. The protocol (version 1) is described in src/channels/chat/README.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function () {
  'use strict';
  if (window.__kefuChat) return;
  window.__kefuChat = true;

  var script = document.currentScript;
  var base = new URL(script ? script.src : location.href);
  var httpBase = base.origin;
  var wsUrl = (base.protocol === 'https:' ? 'wss://' : 'ws://') + base.host + '/kefu/ws';
  var KEY = 'kefu-chat:' + base.host + ':';

  var LABELS = {
    en: {
      open: 'Chat with us', close: 'Close chat', title: 'Chat', send: 'Send', attach: 'Attach an image',
      placeholder: 'Type your message…', online: 'We usually reply in a few minutes',
      offline: 'Nobody is available right now', connecting: 'Connecting…',
      queued: 'We have passed your question to our team. Someone will reply here shortly.',
      nobody: 'Nobody is available right now. Leave your e-mail address and we will answer by e-mail.',
      typing: 'typing…', you: 'You', robot: 'Assistant', agent: 'Support',
      helped: 'Did this help?', yes: 'Yes', no: 'No', person: 'Talk to a person',
      name: 'Name (optional)', email: 'E-mail (optional)', emailNeeded: 'Your e-mail address',
      save: 'Save', saved: 'Thank you. We will answer by e-mail.', rate: 'Rate this chat',
      comment: 'Comment (optional)', rated: 'Thank you for your rating.',
      tooBig: 'The image is too large.', notImage: 'Only images can be attached.',
      tooFast: 'You are sending messages too fast. Please wait a moment.',
      tooLong: 'The message is too long.', failed: 'Not sent yet — will retry.',
      intro: 'Tell us who you are (optional):', thanks: 'Thanks!', stars: ' stars',
      closed: 'This conversation has been closed. How did we do?'
    },
    zh_CN: {
      open: '在线咨询', close: '关闭', title: '在线客服', send: '发送', attach: '发送图片',
      placeholder: '请输入消息…', online: '我们通常几分钟内回复', offline: '当前无人在线',
      connecting: '正在连接…', queued: '已为您转接人工客服，请稍候，客服会在这里回复您。',
      nobody: '当前没有客服在线。请留下您的邮箱，我们会通过邮件回复您。',
      typing: '正在输入…', you: '我', robot: '智能助手', agent: '客服',
      helped: '这个回答有帮助吗？', yes: '有帮助', no: '没有', person: '转人工',
      name: '姓名（可选）', email: '邮箱（可选）', emailNeeded: '您的邮箱',
      save: '保存', saved: '谢谢，我们会通过邮件回复您。', rate: '评价本次服务',
      comment: '留言（可选）', rated: '感谢您的评价。',
      tooBig: '图片太大。', notImage: '只能发送图片。', tooFast: '发送太快了，请稍候。',
      tooLong: '消息太长。', failed: '尚未发送，将自动重试。',
      intro: '留下您的联系方式（可选）：', thanks: '谢谢！', stars: ' 星',
      closed: '本次会话已结束，请为我们的服务打分。'
    },
    zh_TW: {
      open: '線上諮詢', close: '關閉', title: '線上客服', send: '傳送', attach: '傳送圖片',
      placeholder: '請輸入訊息…', online: '我們通常幾分鐘內回覆', offline: '目前無人在線',
      connecting: '正在連線…', queued: '已為您轉接真人客服，請稍候，客服會在這裡回覆您。',
      nobody: '目前沒有客服在線。請留下您的電子郵件，我們會以郵件回覆您。',
      typing: '正在輸入…', you: '我', robot: '智慧助理', agent: '客服',
      helped: '這個回答有幫助嗎？', yes: '有幫助', no: '沒有', person: '轉真人',
      name: '姓名（選填）', email: '電子郵件（選填）', emailNeeded: '您的電子郵件',
      save: '儲存', saved: '謝謝，我們會以郵件回覆您。', rate: '評價本次服務',
      comment: '留言（選填）', rated: '感謝您的評價。',
      tooBig: '圖片太大。', notImage: '只能傳送圖片。', tooFast: '傳送太快了，請稍候。',
      tooLong: '訊息太長。', failed: '尚未傳送，將自動重試。',
      intro: '留下您的聯絡方式（選填）：', thanks: '謝謝！', stars: ' 星',
      closed: '本次對話已結束，請為我們的服務評分。'
    }
  };

  function pickLanguage() {
    var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < langs.length; i++) {
      var l = String(langs[i]).toLowerCase();
      if (/^zh-(tw|hk|mo|hant)/.test(l)) return 'zh_TW';
      if (l.indexOf('zh') === 0) return 'zh_CN';
      if (l.indexOf('en') === 0) return 'en';
    }
    return 'en';
  }
  var lang = pickLanguage();
  var T = LABELS[lang];

  function load(name, fallback) {
    try { var v = localStorage.getItem(KEY + name); return v === null ? fallback : JSON.parse(v); }
    catch (e) { return fallback; }
  }
  function store(name, value) {
    try { localStorage.setItem(KEY + name, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }

  /* 128 bits from the browser's cryptographic random source. */
  function newToken() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function newId() {
    var bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    return 'c' + Date.now().toString(36) + Array.prototype.map.call(bytes, function (b) { return b.toString(36); }).join('');
  }

  var token = load('token', null);
  if (!/^[0-9a-f]{32}$/.test(token || '')) { token = newToken(); store('token', token); }
  var pending = load('pending', []);     /* messages not yet acknowledged: resent after a reconnect */
  var profile = load('profile', {});
  var answered = load('answered', {});   /* robot answers the visitor already rated */
  var maxImage = 1024 * 1024, maxText = 4000;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* Icons are drawn, not emoji: a page's fonts may have no emoji. */
  function icon(d, stroke) {
    var NS = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(NS, 'svg');
    var path = document.createElementNS(NS, 'path');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'kefu-svg');
    path.setAttribute('d', d);
    if (stroke) {
      path.setAttribute('fill', 'none');
      path.setAttribute('stroke', 'currentColor');
      path.setAttribute('stroke-width', '2');
      path.setAttribute('stroke-linecap', 'round');
    } else {
      path.setAttribute('fill', 'currentColor');
    }
    svg.appendChild(path);
    return svg;
  }
  var CHAT_ICON = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
  var CLIP_ICON = 'M16 7l-7.5 7.5a2 2 0 0 0 2.8 2.8L19 9.6a4 4 0 0 0-5.7-5.7L5.6 11.6a6 6 0 0 0 8.5 8.5L20 14';

  var css = el('link');
  css.rel = 'stylesheet';
  css.href = httpBase + '/kefu/widget.css';
  document.head.appendChild(css);

  var root = el('div', 'kefu-chat');
  root.setAttribute('lang', lang.replace('_', '-'));
  var launcher = el('button', 'kefu-launcher');
  launcher.type = 'button';
  launcher.setAttribute('aria-label', T.open);
  launcher.title = T.open;
  launcher.appendChild(icon(CHAT_ICON, false));
  var badge = el('span', 'kefu-badge');
  badge.hidden = true;
  launcher.appendChild(badge);

  var panel = el('section', 'kefu-panel');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', T.title);
  panel.hidden = true;

  var header = el('header', 'kefu-header');
  var titles = el('div', 'kefu-titles');
  var title = el('div', 'kefu-title', T.title);
  var status = el('div', 'kefu-status', T.connecting);
  titles.appendChild(title);
  titles.appendChild(status);
  var rateButton = el('button', 'kefu-icon-button', '☆');
  rateButton.type = 'button';
  rateButton.title = T.rate;
  rateButton.setAttribute('aria-label', T.rate);
  var closeButton = el('button', 'kefu-icon-button', '×');
  closeButton.type = 'button';
  closeButton.title = T.close;
  closeButton.setAttribute('aria-label', T.close);
  header.appendChild(titles);
  header.appendChild(rateButton);
  header.appendChild(closeButton);

  var log = el('div', 'kefu-log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  var greeting = el('div', 'kefu-greeting');
  log.appendChild(greeting);

  var intro = el('form', 'kefu-form kefu-intro');
  intro.appendChild(el('div', 'kefu-form-title', T.intro));
  var nameInput = el('input');
  nameInput.name = 'name'; nameInput.placeholder = T.name; nameInput.maxLength = 200; nameInput.autocomplete = 'name';
  var emailInput = el('input');
  emailInput.name = 'email'; emailInput.type = 'email'; emailInput.placeholder = T.email; emailInput.maxLength = 254;
  emailInput.autocomplete = 'email';
  var introSave = el('button', 'kefu-small-button', T.save);
  introSave.type = 'submit';
  intro.appendChild(nameInput);
  intro.appendChild(emailInput);
  intro.appendChild(introSave);
  intro.hidden = !!(profile.name || profile.email);

  var typing = el('div', 'kefu-typing', '');
  typing.hidden = true;

  var rating = el('form', 'kefu-form kefu-rating');
  rating.hidden = true;
  rating.appendChild(el('div', 'kefu-form-title', T.rate));
  var stars = el('div', 'kefu-stars');
  var score = 0;
  for (var s = 1; s <= 5; s++) {
    (function (n) {
      var star = el('button', 'kefu-star', '★');
      star.type = 'button';
      star.setAttribute('aria-label', n + T.stars);
      star.addEventListener('click', function () {
        score = n;
        Array.prototype.forEach.call(stars.children, function (c, i) { c.classList.toggle('kefu-on', i < n); });
      });
      stars.appendChild(star);
    })(s);
  }
  var ratingComment = el('textarea');
  ratingComment.placeholder = T.comment;
  ratingComment.maxLength = 2000;
  ratingComment.rows = 2;
  var ratingSend = el('button', 'kefu-small-button', T.send);
  ratingSend.type = 'submit';
  rating.appendChild(stars);
  rating.appendChild(ratingComment);
  rating.appendChild(ratingSend);

  var composer = el('form', 'kefu-composer');
  var input = el('textarea', 'kefu-input');
  input.rows = 1;
  input.placeholder = T.placeholder;
  input.setAttribute('aria-label', T.placeholder);
  var file = el('input');
  file.type = 'file';
  file.accept = 'image/png,image/jpeg,image/gif,image/webp';
  file.hidden = true;
  var attach = el('button', 'kefu-icon-button kefu-attach');
  attach.appendChild(icon(CLIP_ICON, true));
  attach.type = 'button';
  attach.title = T.attach;
  attach.setAttribute('aria-label', T.attach);
  var send = el('button', 'kefu-send', T.send);
  send.type = 'submit';
  composer.appendChild(attach);
  composer.appendChild(file);
  composer.appendChild(input);
  composer.appendChild(send);

  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(rating);
  panel.appendChild(composer);
  root.appendChild(panel);
  root.appendChild(launcher);

  var shown = {};          /* message ids ("m12", or a client id while pending) → element */
  var socket = null, ready = false, attempt = 0, retryTimer = null, unread = 0;
  var typingSent = 0, typingStop = null, agentTypingTimer = null;

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function timeOf(ms) {
    try { return new Date(ms).toLocaleTimeString(lang.replace('_', '-'), { hour: '2-digit', minute: '2-digit' }); }
    catch (e) { return ''; }
  }

  function systemLine(text, className) {
    var line = el('div', 'kefu-system' + (className ? ' ' + className : ''), text);
    log.appendChild(line);
    scrollDown();
    return line;
  }

  function bubble(msg) {
    var from = msg.from || 'visitor';
    var row = el('div', 'kefu-row kefu-from-' + from);
    var box = el('div', 'kefu-bubble');
    if (from !== 'visitor') box.appendChild(el('div', 'kefu-author', msg.author || (from === 'robot' ? T.robot : T.agent)));
    if (msg.text) box.appendChild(el('div', 'kefu-text', msg.text));
    (msg.attachments || []).forEach(function (a) {
      var f = el('div', 'kefu-file');
      f.appendChild(icon(CLIP_ICON, true));
      f.appendChild(document.createTextNode(a.name));
      box.appendChild(f);
    });
    if (msg.preview) {
      var img = el('img', 'kefu-preview');
      img.alt = msg.imageName || '';
      img.src = msg.preview;
      box.appendChild(img);
    }
    box.appendChild(el('div', 'kefu-time', msg.ts ? timeOf(msg.ts) : ''));
    row.appendChild(box);
    if (from === 'robot' && msg.buttons && !answered[msg.id]) row.appendChild(robotButtons(msg));
    return row;
  }

  function robotButtons(msg) {
    var bar = el('div', 'kefu-robot-buttons');
    bar.appendChild(el('span', 'kefu-helped', T.helped));
    [['helpful', T.yes], ['not-helpful', T.no], ['handoff', T.person]].forEach(function (b) {
      if (msg.buttons.indexOf(b[0]) < 0) return;
      var button = el('button', 'kefu-small-button', b[1]);
      button.type = 'button';
      button.addEventListener('click', function () {
        if (b[0] === 'handoff') frame({ type: 'handoff' });
        else frame({ type: 'feedback', message: msg.id, helpful: b[0] === 'helpful' });
        answered[msg.id] = true;
        store('answered', answered);
        bar.replaceChildren(el('span', 'kefu-helped', T.thanks));
      });
      bar.appendChild(button);
    });
    return bar;
  }

  function show(msg) {
    var key = msg.id;
    var existing = shown[key] || (msg.client_id && shown[msg.client_id]);
    var node = bubble(msg);
    if (existing) {
      existing.replaceWith(node);
      if (msg.client_id) delete shown[msg.client_id];
    } else {
      log.insertBefore(node, null);
      if (msg.from !== 'visitor' && panel.hidden) { unread++; badge.textContent = String(unread); badge.hidden = false; }
    }
    shown[key] = node;
    scrollDown();
  }

  function frame(obj) {
    if (socket && ready && socket.readyState === 1) { socket.send(JSON.stringify(obj)); return true; }
    return false;
  }

  function sendPending() {
    pending.forEach(function (p) { frame({ type: 'message', id: p.id, text: p.text || undefined, image: p.image || undefined }); });
  }

  function setStatus(text) { status.textContent = text; }

  function applyTheme(w) {
    if (/^#[0-9a-fA-F]{6}$/.test(w.color || '')) root.style.setProperty('--kefu-accent', w.color);
    title.textContent = w.shop || T.title;
    greeting.textContent = w.greeting || '';
    greeting.hidden = !w.greeting;
    setStatus(w.available ? T.online : T.offline);
    maxImage = w.max_image || maxImage;
    maxText = w.max_text || maxText;
    input.maxLength = maxText;
  }

  function askEmail() {
    if (log.querySelector('.kefu-ask-email')) return;
    var form = el('form', 'kefu-form kefu-ask-email');
    var address = el('input');
    address.type = 'email'; address.required = true; address.placeholder = T.emailNeeded; address.maxLength = 254;
    address.value = profile.email || '';
    var save = el('button', 'kefu-small-button', T.save);
    save.type = 'submit';
    form.appendChild(address);
    form.appendChild(save);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!address.value) return;
      profile.email = address.value;
      store('profile', profile);
      frame({ type: 'contact', email: address.value, name: profile.name || undefined });
      form.replaceWith(el('div', 'kefu-system', T.saved));
    });
    log.appendChild(form);
    scrollDown();
  }

  function onFrame(f) {
    switch (f.type) {
      case 'welcome':
        applyTheme(f);
        break;
      case 'history':
        (f.messages || []).forEach(show);
        if ((f.messages || []).length) intro.hidden = true;
        /* What the server already has is no longer pending. */
        var known = {};
        (f.messages || []).forEach(function (m) { if (m.client_id) known[m.client_id] = true; });
        pending = pending.filter(function (p) { return !known[p.id]; });
        store('pending', pending);
        sendPending();
        break;
      case 'ack':
        var p = null;
        pending = pending.filter(function (x) { if (x.id === f.id) { p = x; return false; } return true; });
        store('pending', pending);
        var node = shown[f.id];
        if (node) { node.classList.remove('kefu-pending'); shown[f.message] = node; delete shown[f.id]; }
        break;
      case 'message':
        show(f);
        typing.hidden = true;
        break;
      case 'typing':
        typing.textContent = T.agent + ' ' + T.typing;
        typing.hidden = !f.active;
        clearTimeout(agentTypingTimer);
        if (f.active) agentTypingTimer = setTimeout(function () { typing.hidden = true; }, 15000);
        break;
      case 'handoff':
        if (f.status === 'offline') { systemLine(T.nobody); askEmail(); }
        else systemLine(T.queued);
        break;
      case 'closed':
        systemLine(T.closed);
        rating.hidden = false;
        break;
      case 'rated':
        rating.hidden = true;
        systemLine(T.rated);
        break;
      case 'error':
        if (f.code === 'rate-limited') systemLine(T.tooFast, 'kefu-warning');
        else if (f.code === 'too-large') {
          systemLine(T.tooLong, 'kefu-warning');
          dropPending(f.id);
        } else if (f.code === 'invalid' && f.id) dropPending(f.id);
        break;
      default:
        break;
    }
  }

  /* A message the server refused for good is not resent forever. */
  function dropPending(id) {
    if (!id) return;
    pending = pending.filter(function (p) { return p.id !== id; });
    store('pending', pending);
    if (shown[id]) shown[id].classList.add('kefu-refused');
  }

  function connect() {
    clearTimeout(retryTimer);
    setStatus(T.connecting);
    try { socket = new WebSocket(wsUrl); } catch (e) { retry(); return; }
    socket.onopen = function () {
      attempt = 0;
      ready = true;
      socket.send(JSON.stringify({
        type: 'hello', v: 1, token: token, page: location.href.slice(0, 2048),
        lang: (navigator.language || '').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 35) || undefined,
        name: profile.name || undefined, email: profile.email || undefined
      }));
    };
    socket.onmessage = function (e) {
      var f;
      try { f = JSON.parse(e.data); } catch (err) { return; }
      if (f && typeof f.type === 'string') onFrame(f);
    };
    socket.onclose = function () { ready = false; retry(); };
  }

  /* 1 s, 2 s, 4 s … up to 30 s, with jitter so a restarted server is not hit all at once. */
  function retry() {
    setStatus(T.connecting);
    var delay = Math.min(30000, 1000 * Math.pow(2, attempt++)) * (0.75 + Math.random() * 0.5);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, delay);
  }

  function queueMessage(item, preview) {
    pending.push(item);
    store('pending', pending);
    var node = bubble({ from: 'visitor', text: item.text, ts: Date.now(), preview: preview,
                        imageName: item.image && item.image.name });
    node.classList.add('kefu-pending');
    log.appendChild(node);
    shown[item.id] = node;
    scrollDown();
    frame({ type: 'message', id: item.id, text: item.text || undefined, image: item.image || undefined });
  }

  composer.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    if (text.length > maxText) { systemLine(T.tooLong, 'kefu-warning'); return; }
    input.value = '';
    intro.hidden = true;
    stopTyping();
    queueMessage({ id: newId(), text: text });
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); composer.requestSubmit(); }
  });
  input.addEventListener('input', function () {
    var now = Date.now();
    if (now - typingSent > 3000) { typingSent = now; frame({ type: 'typing', active: true }); }
    clearTimeout(typingStop);
    typingStop = setTimeout(stopTyping, 4000);
  });
  function stopTyping() {
    clearTimeout(typingStop);
    if (typingSent) { typingSent = 0; frame({ type: 'typing', active: false }); }
  }

  attach.addEventListener('click', function () { file.click(); });
  file.addEventListener('change', function () {
    var f = file.files && file.files[0];
    file.value = '';
    if (!f) return;
    if (['image/png', 'image/jpeg', 'image/gif', 'image/webp'].indexOf(f.type) < 0) { systemLine(T.notImage, 'kefu-warning'); return; }
    if (f.size > maxImage) { systemLine(T.tooBig, 'kefu-warning'); return; }
    var reader = new FileReader();
    reader.onload = function () {
      var data = String(reader.result).split(',')[1] || '';
      queueMessage({ id: newId(), image: { name: f.name.slice(0, 200), type: f.type, data: data } },
                   URL.createObjectURL(f));
    };
    reader.readAsDataURL(f);
  });

  intro.addEventListener('submit', function (e) {
    e.preventDefault();
    profile = { name: nameInput.value.trim().slice(0, 200), email: emailInput.value.trim().slice(0, 254) };
    store('profile', profile);
    if (profile.email && !emailInput.checkValidity()) return;
    if (profile.email || profile.name) frame({ type: 'contact', email: profile.email || undefined, name: profile.name || undefined });
    intro.replaceWith(el('div', 'kefu-system', T.thanks));
  });

  rateButton.addEventListener('click', function () { rating.hidden = !rating.hidden; });
  rating.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!score) return;
    frame({ type: 'rating', score: score, comment: ratingComment.value.trim() || undefined });
  });

  function setOpen(open) {
    panel.hidden = !open;
    root.classList.toggle('kefu-open', open);
    launcher.setAttribute('aria-expanded', String(open));
    store('open', open);
    if (open) { unread = 0; badge.hidden = true; scrollDown(); input.focus(); }
  }
  launcher.addEventListener('click', function () { setOpen(panel.hidden); });
  closeButton.addEventListener('click', function () { setOpen(false); launcher.focus(); });

  function start() {
    document.body.appendChild(root);
    log.appendChild(intro);
    /* Messages typed before a reload that the server never acknowledged. */
    pending.forEach(function (p) {
      var node = bubble({ from: 'visitor', text: p.text, attachments: p.image ? [{ name: p.image.name }] : [] });
      node.classList.add('kefu-pending');
      log.appendChild(node);
      shown[p.id] = node;
    });
    if (load('open', false)) setOpen(true);
    connect();
  }
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
