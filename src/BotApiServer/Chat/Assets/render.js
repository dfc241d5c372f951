// Renders a bot message's text in its parse mode (HTML, MarkdownV2, legacy Markdown) as DOM nodes: text nodes and a
// short list of allowed elements, never innerHTML. The server has already refused what Telegram would refuse.
window.RepitBotRender = (() => {
  'use strict';

  function render(text, parseMode) {
    switch ((parseMode || '').toLowerCase()) {
      case 'html': return renderHtml(text);
      case 'markdownv2': return renderMarkdown(text, true);
      case 'markdown': return renderMarkdown(text, false);
      default: return document.createTextNode(text);
    }
  }

  const htmlTags = { b: 'b', strong: 'b', i: 'i', em: 'i', u: 'u', ins: 'u', s: 's', strike: 's', del: 's', code: 'code', pre: 'pre', blockquote: 'blockquote' };

  function renderHtml(text) {
    // DOMParser makes an inert document: no script runs and nothing loads. Only its text and allowed tags are copied.
    const parsed = new DOMParser().parseFromString('<!doctype html><body>' + text, 'text/html');
    const out = document.createElement('span');
    copyAllowed(parsed.body, out);
    return out;
  }

  function copyAllowed(from, to) {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.append(document.createTextNode(node.data));
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        const tag = node.localName;
        let element = null;
        if (tag === 'a') element = link(node.getAttribute('href'));
        else if (tag === 'tg-spoiler' || (tag === 'span' && node.classList.contains('tg-spoiler'))) element = spoiler();
        else if (htmlTags[tag]) element = document.createElement(htmlTags[tag]);
        if (element) {
          copyAllowed(node, element);
          to.append(element);
        } else {
          copyAllowed(node, to);
        }
      }
    }
  }

  function link(href) {
    let url = null;
    try { url = new URL(href, location.href); } catch { /* not a URL */ }
    if (!url || !['http:', 'https:', 'tg:', 'mailto:'].includes(url.protocol)) return document.createElement('span');
    const a = document.createElement('a');
    a.href = url.href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  function spoiler() {
    const element = document.createElement('span');
    element.className = 'spoiler';
    element.addEventListener('click', () => element.classList.add('shown'));
    return element;
  }

  const markdownTags = { '*': 'b', '_': 'i', '__': 'u', '~': 's', '`': 'code', '```': 'pre' };

  // MarkdownV2 (and legacy Markdown, without escapes and with fewer markers), as the server already checked it.
  function renderMarkdown(text, v2) {
    const root = document.createElement('span');
    const stack = [{ element: root, marker: null }];
    const top = () => stack[stack.length - 1];
    let plain = '';
    const flush = () => { if (plain) { top().element.append(document.createTextNode(plain)); plain = ''; } };
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      const inCode = top().marker === '`' || top().marker === '```';
      if (v2 && c === '\\' && i + 1 < text.length) { plain += text[i + 1]; i += 2; continue; }
      let marker = null;
      if (text.startsWith('```', i)) marker = '```';
      else if (c === '`') marker = '`';
      else if (!inCode && v2 && text.startsWith('__', i)) marker = '__';
      else if (!inCode && v2 && text.startsWith('||', i)) marker = '||';
      else if (!inCode && (c === '*' || c === '_' || (v2 && c === '~'))) marker = c;
      if (marker) {
        flush();
        if (top().marker === marker) {
          stack.pop();
        } else if (!inCode) {
          const element = marker === '||' ? spoiler() : document.createElement(markdownTags[marker]);
          top().element.append(element);
          stack.push({ element, marker });
          if (marker === '```') {
            const newline = text.indexOf('\n', i + 3);
            if (newline >= 0 && !/\s/.test(text.slice(i + 3, newline))) i = newline - 2;
          }
        } else {
          plain += marker;
        }
        i += marker.length;
        continue;
      }
      if (!inCode && c === '[') { flush(); const element = document.createElement('span'); top().element.append(element); stack.push({ element, marker: '[' }); i++; continue; }
      if (!inCode && c === ']' && top().marker === '[' && text[i + 1] === '(') {
        const end = text.indexOf(')', i);
        flush();
        const label = stack.pop().element;
        const a = link(text.slice(i + 2, end < 0 ? text.length : end).replace(/\\(.)/g, '$1'));
        a.append(...label.childNodes);
        label.replaceWith(a);
        i = end < 0 ? text.length : end + 1;
        continue;
      }
      if (v2 && !inCode && c === '>' && (i === 0 || text[i - 1] === '\n')) { i++; continue; }
      plain += c;
      i++;
    }
    flush();
    return root;
  }

  return { render, link };
})();
