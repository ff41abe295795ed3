// eslint-disable-next-line no-console
export function slugify(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function truncate(s, n) {
  if (s.length <= n) return s;
  return s.slice(0, n - 1) + '…';
}

export function isBlank(s) {
  return typeof s == 'undefined' || s === null || s.trim() === '';
}

export function pad(s, width) {
  while (s.length < width) s = ' ' + s;
  return s;
}

const unused = 'dead code';
