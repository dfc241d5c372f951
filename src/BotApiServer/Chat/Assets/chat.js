// The local chat page. Every message is built from text nodes and a short list of allowed tags: nothing a bot or a
// person wrote is ever given to innerHTML. Live updates come as Server-Sent Events read through fetch, so an admin's
// token travels in the Authorization header (EventSource cannot send one, and a token in a URL ends up in logs).
(() => {
  'use strict';
  const base = document.body.dataset.base;
  const api = base + '/api';
  const $ = (id) => document.getElementById(id);
  const savedKey = 'repitbot.chat.identities';
  let token = sessionStorage.getItem('repitbot.chat.token');
  let me = null;
  let stream = null;
  const { render, link } = window.RepitBotRender;

  function show(section) {
    for (const id of ['access', 'picker', 'chat']) $(id).hidden = id !== section;
    $('switch').hidden = section !== 'chat';
  }

  function headers(json) {
    const result = {};
    if (json) result['content-type'] = 'application/json';
    if (token) result.authorization = 'Bearer ' + token;
    return result;
  }

  async function call(method, path, body) {
    const response = await fetch(api + path, { method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401 || response.status === 403) {
      showAccess();
      throw new Error('access refused');
    }
    if (!response.ok) {
      let detail = 'The request failed (' + response.status + ').';
      try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* not JSON */ }
      toast(detail, true);
      throw new Error(detail);
    }
    return response.json();
  }

  function showAccess() {
    if (stream) stream.abort();
    $('who').textContent = 'sign-in needed';
    show('access');
  }

  // Identities: kept in this browser (localStorage, shared by its tabs) and merged with everyone the bot has met.
  function saved() {
    try { return JSON.parse(localStorage.getItem(savedKey)) || []; } catch { return []; }
  }

  function remember(identity) {
    const list = saved().filter((i) => i.id !== identity.id);
    list.push(identity);
    localStorage.setItem(savedKey, JSON.stringify(list));
  }

  async function identities() {
    const known = new Map(saved().map((i) => [i.id, i]));
    for (const person of await call('GET', '/people')) {
      if (!known.has(person.id)) known.set(person.id, { id: person.id, name: person.first_name });
    }
    return [...known.values()].sort((a, b) => a.id - b.id);
  }

  async function showPicker(presetId) {
    if (stream) stream.abort();
    me = null;
    $('who').textContent = 'local chat';
    const list = await identities();
    const items = $('identities');
    items.replaceChildren();
    for (const identity of list) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = identity.name + ' · ' + identity.id;
      button.addEventListener('click', () => { location.hash = '#' + identity.id; });
      const item = document.createElement('li');
      item.append(button);
      items.append(item);
    }
    $('identity-id').value = presetId || String(Math.max(1000, ...list.map((i) => i.id)) + 1);
    $('identity-name').value = '';
    show('picker');
    $('identity-name').focus();
  }

  async function route() {
    const match = /^#([0-9]{1,15})$/.exec(location.hash);
    if (!match) return showPicker();
    const id = Number(match[1]);
    const identity = (await identities()).find((i) => i.id === id);
    return identity ? openChat(identity) : showPicker(match[1]);
  }

  function openChat(identity) {
    me = identity;
    $('who').textContent = 'you are ' + identity.name + ' · ' + identity.id;
    document.title = identity.name + ' · RepitBot local chat';
    $('messages').replaceChildren();
    $('reply-keyboard').replaceChildren();
    show('chat');
    $('text').focus();
    connect(identity);
  }

  async function connect(identity) {
    if (stream) stream.abort();
    const control = new AbortController();
    stream = control;
    let delay = 500;
    while (!control.signal.aborted) {
      try {
        const response = await fetch(api + '/people/' + identity.id + '/events', { headers: headers(false), signal: control.signal });
        if (response.status === 401 || response.status === 403) return showAccess();
        if (!response.ok || !response.body) throw new Error('stream ' + response.status);
        delay = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        if (control.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10000);
    }
  }

  function dispatch(block) {
    let name = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') name = value;
      else if (field === 'data') data += (data ? '\n' : '') + value;
    }
    if (!data || !handlers[name]) return;
    // A reader at the bottom stays there as messages and keyboards come; one who scrolled up to read is left alone.
    const list = $('messages');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    handlers[name](JSON.parse(data));
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  const handlers = {
    reset: () => { $('messages').replaceChildren(); $('reply-keyboard').replaceChildren(); },
    message: (message) => upsert(message),
    deleted: (message) => { document.querySelector('#messages li[data-id="' + message.message_id + '"]')?.remove(); },
    keyboard: (data) => replyKeyboard(data.keyboard),
    toast: (answer) => toast(answer.text, answer.show_alert),
  };

  function upsert(message) {
    const list = $('messages');
    let item = list.querySelector('li[data-id="' + message.message_id + '"]');
    if (!item) {
      item = document.createElement('li');
      item.dataset.id = String(message.message_id);
      item.className = message.from_bot ? 'bot' : 'me';
      const before = [...list.children].find((other) => Number(other.dataset.id) > message.message_id);
      list.insertBefore(item, before || null);
    }
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.append(message.from_bot ? render(message.sent_text, message.parse_mode) : document.createTextNode(message.text));
    if (message.edit_count > 0) {
      const edited = document.createElement('span');
      edited.className = 'edited';
      edited.textContent = 'edited';
      bubble.append(edited);
    }
    item.replaceChildren(bubble);
    if (message.inline_keyboard && message.inline_keyboard.length > 0) item.append(inlineKeyboard(message));
    if (!message.from_bot) list.scrollTop = list.scrollHeight;
  }

  function inlineKeyboard(message) {
    const keyboard = document.createElement('div');
    keyboard.className = 'inline';
    for (const row of message.inline_keyboard) {
      const line = document.createElement('div');
      line.className = 'row';
      for (const button of row) {
        if (button.url) {
          const a = link(button.url);
          a.textContent = button.text;
          line.append(a);
          continue;
        }
        const press = document.createElement('button');
        press.type = 'button';
        press.textContent = button.text;
        press.addEventListener('click', () => call('POST', '/people/' + me.id + '/presses', { first_name: me.name, message_id: message.message_id, callback_data: button.callback_data }).catch(() => {}));
        line.append(press);
      }
      keyboard.append(line);
    }
    return keyboard;
  }

  function replyKeyboard(rows) {
    const area = $('reply-keyboard');
    area.replaceChildren();
    for (const row of rows || []) {
      const line = document.createElement('div');
      line.className = 'row';
      for (const text of row) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = text;
        button.addEventListener('click', () => send(text));
        line.append(button);
      }
      area.append(line);
    }
  }

  function send(text) {
    return call('POST', '/people/' + me.id + '/messages', { first_name: me.name, text }).catch(() => {});
  }

  function toast(text, alert) {
    const note = document.createElement('div');
    note.className = alert ? 'toast alert' : 'toast';
    note.textContent = text;
    $('toasts').append(note);
    if (alert) note.addEventListener('click', () => note.remove());
    else setTimeout(() => note.remove(), 4000);
  }

  $('identity-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = Number($('identity-id').value.trim());
    const name = $('identity-name').value.trim();
    if (!Number.isSafeInteger(id) || id <= 0 || !name) return toast('A Telegram id is a positive whole number, and a name is needed.', true);
    remember({ id, name });
    if (location.hash === '#' + id) route(); else location.hash = '#' + id;
  });

  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('text').value;
    if (!text.trim() || !me) return;
    $('text').value = '';
    send(text);
  });

  $('access-form').addEventListener('submit', (event) => {
    event.preventDefault();
    token = $('access-token').value.trim();
    sessionStorage.setItem('repitbot.chat.token', token);
    start();
  });

  $('switch').addEventListener('click', () => { location.hash = ''; });
  window.addEventListener('hashchange', () => route().catch(() => {}));

  async function start() {
    try {
      const bot = await call('GET', '/bot');
      $('bot-name').textContent = bot.first_name + (bot.username ? ' · @' + bot.username : '');
      await route();
    } catch { /* shown already */ }
  }

  start();
})();
