/**
 * Work a page view needs but its gated scripts do not wait for: it starts in a task of its own once the document
 * is parsed. `DOMContentLoaded` fires at the end of the parser's last task, with the gated scripts that task
 * ran; work started there would lengthen it, and work started while `candor.js` runs in `<head>` holds the parser.
 */
export const afterParse = (doc: Document) =>
  new Promise<void>((resolve) => {
    const later = () => void setTimeout(resolve);
    if (doc.readyState == 'loading') doc.addEventListener('DOMContentLoaded', later, { once: true });
    else later();
  });
