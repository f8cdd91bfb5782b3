// Exact comparison of decimal strings ("100.10" vs "100.3"): prices are never turned into binary floats.
'use strict';
window.Decimal = (function () {
  function parts(text) {
    let negative = text.startsWith('-');
    const body = negative ? text.slice(1) : text;
    const dot = body.indexOf('.');
    let int = (dot < 0 ? body : body.slice(0, dot)).replace(/^0+/, '');
    let frac = (dot < 0 ? '' : body.slice(dot + 1)).replace(/0+$/, '');
    if (int === '' && frac === '') negative = false;
    return { negative, int, frac };
  }

  function compareAbs(a, b) {
    if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
    if (a.int !== b.int) return a.int < b.int ? -1 : 1;
    const n = Math.max(a.frac.length, b.frac.length);
    const fa = a.frac.padEnd(n, '0');
    const fb = b.frac.padEnd(n, '0');
    return fa === fb ? 0 : (fa < fb ? -1 : 1);
  }

  /** -1, 0 or 1 as a < b, a = b, a > b. */
  function compare(a, b) {
    const pa = parts(a);
    const pb = parts(b);
    if (pa.negative !== pb.negative) return pa.negative ? -1 : 1;
    const c = compareAbs(pa, pb);
    return pa.negative ? -c : c;
  }

  function isZero(text) { const p = parts(text); return p.int === '' && p.frac === ''; }

  return { compare, isZero };
})();
