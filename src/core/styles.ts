/** One constructable stylesheet per text, shared by every shadow root that adopts it (one page, one document). */
const sheets = new Map<string, CSSStyleSheet>();

/**
 * Style a shadow root under a strict CSP (`style-src 'self'`, docs/compliance.md H30): a constructable stylesheet,
 * or — where those are unsupported — a `<link rel="stylesheet">` to `href`, a file in dist. Never a
 * `<style>` element or a `style` attribute.
 */
export function adoptStyles(root: ShadowRoot, css: string, href: string): void {
  const doc = root.ownerDocument;
  try {
    if (!('adoptedStyleSheets' in root)) throw 0;
    let sheet = sheets.get(css);
    if (!sheet) {
      // The document's own constructor: a sheet can only be adopted in the document that made it.
      sheets.set(css, (sheet = new (doc.defaultView as typeof globalThis).CSSStyleSheet()));
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sheet];
  } catch {
    const link = doc.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    root.appendChild(link);
  }
}
