// WCAG 2.1 §1.4.3 (contrast, minimum): every element with text of its own, its text colour against the first
// opaque background found walking up, as a contrast ratio (relative luminance, WCAG's definition). Returns the
// elements below the minimum: 4.5:1, or 3:1 for large text (18pt, or 14pt bold).
const parse = c => (c.match(/[\d.]+/g) || []).map(Number);
const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
const background = el => {
  for (let e = el; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
  }
  return [255, 255, 255];
};
const failures = [];
let checked = 0;
for (const el of document.body.querySelectorAll('*')) {
  const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
  const style = getComputedStyle(el);
  if (!text || style.visibility === 'hidden' || style.display === 'none' || el.offsetParent === null) continue;
  const fg = luminance(parse(style.color).slice(0, 3));
  const bg = luminance(background(el));
  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  const px = parseFloat(style.fontSize);
  const large = px >= 24 || (px >= 18.66 && Number(style.fontWeight) >= 700);
  checked++;
  if (ratio < (large ? 3 : 4.5)) failures.push(el.tagName + ' "' + text.slice(0, 40) + '" ' + ratio.toFixed(2));
}
return [checked, failures];
