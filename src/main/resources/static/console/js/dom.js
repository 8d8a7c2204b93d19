// A small helper to build elements without HTML strings, so no value from the API is ever parsed as markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/**
 * A value as text inside the HTML a chart's tooltip formatter returns: ECharts writes that string as markup, so a
 * campaign named "<img …>" would otherwise be an element in the page of whoever points at the chart.
 */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/**
 * Replaces the element's children, leaving out null, undefined and false as h() does: the DOM itself would write
 * them out as the words "null" and "undefined".
 */
export function fill(element, ...children) {
  element.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

/** Said under figures when some were withheld: counts of fewer members than the privacy minimum, for this role. */
export function withheldNote(withheld, text) {
  return withheld.length ? h('p', { class: 'muted', dataset: { role: 'withheld' } }, text) : null;
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, error?.message ?? String(error));
}
