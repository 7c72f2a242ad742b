// Every element is built with text nodes: user strings are never parsed as HTML, so names such as
// "<script>" or quotes show as typed. There is no innerHTML anywhere in the dashboard.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** ECS timestamps are epoch seconds. */
export function time(epochSeconds) {
  if (epochSeconds === undefined || epochSeconds === null) return '';
  const d = new Date(epochSeconds * 1000);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function lastPart(arn) {
  return arn ? String(arn).split('/').pop() : '';
}

/** A bar of value out of max, with its numbers as text for screen readers and sighted users. */
export function bar(label, value, max, cls) {
  const pct = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  const fill = h('span');
  // CSP forbids style attributes in markup; setting the CSSOM property is allowed.
  fill.style.width = pct + '%';
  return h('div', { class: 'bar-wrap' },
    h('div', { class: 'meter ' + (cls || ''), role: 'meter', 'aria-label': label,
      'aria-valuemin': 0, 'aria-valuemax': max, 'aria-valuenow': value }, fill),
    h('span', { class: 'bar-text' }, `${value} / ${max}`));
}
