// The configuration playground (demo/playground.html, issue #7): a JSON editor checked by Candor's own
// validator (dist/candor-check.js, `window['candor-check'](text)`), and the real banner re-rendered in an
// iframe as you type. A classic script file, no inline code: the page also works under `serve.mjs --csp`
// (the srcdoc preview inherits the page's policy, and it holds no inline script or style either).
(() => {
  /** Typing must pause this long before the text is checked and the preview re-rendered. */
  const DEBOUNCE_MS = 300;
  /** Where the demo server maps dist/ (demo/serve.mjs). */
  const DIST = '/candor/';
  /** The configuration the editor starts with. */
  const CONFIG_URL = '/consent.json';
  /** The file-based embed of docs/contract.md §2. */
  const URL_SNIPPET = `<script src="${DIST}candor.js" data-config="${CONFIG_URL}"></script>`;
  /** The cookie that alone holds the decision (docs/contract.md §7): cleared before each render so the banner shows. */
  const COOKIE = 'candor';

  const $ = (id) => document.getElementById(id);
  const editor = $('pg-config');
  const reportBox = $('pg-report');
  const summary = $('pg-summary');
  const list = $('pg-problems');
  const langSelect = $('pg-lang');
  const langNote = $('pg-lang-note');
  const stale = $('pg-stale');
  const empty = $('pg-empty');
  const frameBox = $('pg-frame');
  const frame = $('pg-preview');
  const snippetField = $('pg-snippet-text');
  const copyButton = $('pg-copy');
  const copyStatus = $('pg-copy-status');

  /** Candor's validator, once candor-check.js has loaded. */
  let check = null;
  /** The last text that validated, and its resolved configuration: what the preview shows. */
  let lastValid = null;
  /** What the preview currently renders (text + language), so an unchanged render does not reload it. */
  let rendered = '';
  /** The problems currently listed, so the live region only changes (and speaks) when they do. */
  let reported = '';
  let timer = 0;

  // ---------------------------------------------------------------------------------------------------
  // Loading

  /** Load dist/candor-check.js with a script tag and return the validator. */
  function loadCore() {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = DIST + 'candor-check.js';
      script.onload = () =>
        typeof window['candor-check'] == 'function'
          ? resolve(window['candor-check'])
          : reject(new Error('candor-check.js did not register window["candor-check"]'));
      script.onerror = () => reject(new Error(`could not load ${script.src} (run \`npm run build\`)`));
      document.head.appendChild(script);
    });
  }

  async function loadConfig() {
    const response = await fetch(CONFIG_URL, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`could not load ${CONFIG_URL} (HTTP ${response.status})`);
    return response.text();
  }

  async function start() {
    const [config, core] = await Promise.allSettled([loadConfig(), loadCore()]);
    editor.value = config.status == 'fulfilled' ? config.value : '{\n  \n}\n';
    editor.disabled = false;
    if (core.status == 'rejected' || config.status == 'rejected') {
      const why = [config, core]
        .filter((r) => r.status == 'rejected')
        .map((r) => r.reason.message)
        .join('; ');
      summary.textContent = `The playground cannot start: ${why}.`;
      reportBox.setAttribute('aria-busy', 'false');
      if (core.status == 'rejected') return;
    }
    check = core.value;
    editor.addEventListener('input', () => {
      // Busy while typing: the live region speaks once the check is done, not at every key.
      reportBox.setAttribute('aria-busy', 'true');
      clearTimeout(timer);
      timer = setTimeout(update, DEBOUNCE_MS);
    });
    // Without the demo's config, the reason stays on screen until the user types one.
    if (config.status == 'fulfilled') update();
  }

  // ---------------------------------------------------------------------------------------------------
  // Checking

  /**
   * Check the editor's text: `{ syntax }` when it is not JSON (with line and column), else what Candor's
   * validator says: `{ config, problems, warnings }`.
   */
  function analyse(text) {
    try {
      JSON.parse(text);
    } catch (error) {
      return { syntax: syntaxError(text, error), config: null, problems: [], warnings: [] };
    }
    try {
      return check(text);
    } catch (error) {
      // check() never throws by contract; say so rather than fail silently if it ever does.
      return { config: null, problems: [{ path: '', message: `could not be checked (${error.message})` }], warnings: [] };
    }
  }

  /** Where and why JSON.parse failed: `{ message, offset, line, column }` (offset may be null). */
  function syntaxError(text, error) {
    const raw = String(error?.message);
    const position = /at position (\d+)/.exec(raw);
    const lineColumn = /line (\d+) column (\d+)/.exec(raw);
    let offset = position ? Number(position[1]) : null;
    if (offset == null && lineColumn) offset = offsetOf(text, Number(lineColumn[1]), Number(lineColumn[2]));
    if (offset == null && /end of (JSON )?(input|data)/i.test(raw)) offset = text.length;
    // "Expected ',' or '}' after property value in JSON at position 120 (line 5 column 3)" → the first part.
    const message = raw
      .replace(/^JSON\.parse: /, '')
      .replace(/\s+(in JSON )?at (position|line) .*$/, '')
      .replace(/\s+of the JSON data$/, '');
    if (offset == null) return { message, offset: null, line: null, column: null };
    offset = Math.min(offset, text.length);
    const before = text.slice(0, offset).split('\n');
    return { message, offset, line: before.length, column: before[before.length - 1].length + 1 };
  }

  function offsetOf(text, line, column) {
    const lines = text.split('\n');
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    return offset + column - 1;
  }

  /**
   * Where each JSON path of `text` (valid JSON) starts: for an object member, its key; for an array item,
   * its value. Paths are Candor's dotted/bracket form (`purposes[2].ai.humanReview`, docs/contract.md §4).
   */
  function jsonPositions(text) {
    const at = new Map();
    let i = 0;
    const space = () => {
      while (i < text.length && ' \t\n\r\uFEFF'.includes(text[i])) i++;
    };
    const skipString = () => {
      i++;
      while (i < text.length && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      i++;
    };
    const value = (path) => {
      space();
      if (!at.has(path)) at.set(path, i);
      if (text[i] == '{') {
        i++;
        space();
        while (i < text.length && text[i] != '}') {
          const keyStart = i;
          skipString();
          const key = JSON.parse(text.slice(keyStart, i));
          const member = path ? `${path}.${key}` : key;
          if (!at.has(member)) at.set(member, keyStart);
          space();
          i++; // ':'
          value(member);
          space();
          if (text[i] == ',') i++;
          space();
        }
        i++;
      } else if (text[i] == '[') {
        i++;
        space();
        for (let index = 0; i < text.length && text[i] != ']'; index++) {
          value(`${path}[${index}]`);
          space();
          if (text[i] == ',') i++;
          space();
        }
        i++;
      } else if (text[i] == '"') skipString();
      else while (i < text.length && !',]} \t\n\r'.includes(text[i])) i++;
    };
    value('');
    return at;
  }

  /** Where `path` (or, when it does not exist, e.g. a missing field, its nearest parent) starts in `text`. */
  function locate(text, path) {
    let at;
    try {
      at = jsonPositions(text);
    } catch {
      return 0;
    }
    for (let p = path; ; ) {
      if (at.has(p)) return at.get(p);
      const parent = p.replace(/(\.[^.[]*|\[\d+\]|^[^.[]*)$/, '');
      if (!p || parent == p) return 0;
      p = parent;
    }
  }

  /** Select from `offset` to the end of its line in the editor, and scroll it into view. */
  function showInEditor(offset) {
    const text = editor.value;
    const start = Math.max(0, Math.min(offset, text.length));
    const lineEnd = text.indexOf('\n', start);
    editor.focus();
    editor.setSelectionRange(start, lineEnd < 0 ? text.length : Math.max(lineEnd, start));
    const line = text.slice(0, start).split('\n').length;
    const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 20;
    editor.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  const plural = (n, word) => `${n} ${word}${n == 1 ? '' : 's'}`;

  /** The count line: "Not valid JSON", "2 errors, 1 warning", "Valid" or "Valid, 1 warning". */
  function countLine(result) {
    if (result.syntax) return 'Not valid JSON';
    const warnings = result.warnings.length ? plural(result.warnings.length, 'warning') : '';
    if (result.problems.length) return [plural(result.problems.length, 'error'), warnings].filter(Boolean).join(', ');
    return warnings ? `Valid, ${warnings}` : 'Valid';
  }

  /** Show the count and the list; the live region changes only when the problems do. */
  function report(result) {
    const key = JSON.stringify([result.syntax, result.problems, result.warnings]);
    if (key == reported) return;
    reported = key;
    summary.textContent = countLine(result);
    summary.className = `pg-summary ${result.syntax || result.problems.length ? 'pg-summary--error' : 'pg-summary--valid'}`;
    list.replaceChildren();
    if (result.syntax) list.append(syntaxItem(result.syntax));
    for (const problem of result.problems) list.append(problemItem(problem, 'error'));
    for (const warning of result.warnings) list.append(problemItem(warning, 'warning'));
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function syntaxItem(syntax) {
    const item = el('li', 'pg-problem pg-problem--error');
    const where = syntax.line ? ` at line ${syntax.line}, column ${syntax.column}` : '';
    item.append(el('strong', 'pg-kind', 'Not JSON'), ` This text is not valid JSON${where}: ${syntax.message}.`);
    item.append(el('span', 'pg-hint', 'Check for a missing comma or quote, and remove comments.'));
    if (syntax.offset != null) {
      const go = el('button', 'linklike pg-go', `Go to line ${syntax.line}`);
      go.type = 'button';
      go.addEventListener('click', () => showInEditor(syntax.offset));
      item.append(go);
    }
    return item;
  }

  function problemItem(problem, kind) {
    const item = el('li', `pg-problem pg-problem--${kind}`);
    const path = problem.path || '(root)';
    item.append(
      el('strong', 'pg-kind', kind == 'error' ? 'Error' : 'Warning'),
      ' ',
      el('code', 'pg-path', path),
      ' ',
      el('span', 'pg-message', problem.message),
    );
    if (problem.hint) item.append(el('span', 'pg-hint', `Hint: ${problem.hint}`));
    const go = el('button', 'linklike pg-go', 'Show in editor');
    go.type = 'button';
    go.setAttribute('aria-label', `Show in editor: ${path}`);
    // Located on click, in the text as it is then (lines move as you type).
    go.addEventListener('click', () => showInEditor(locate(editor.value, problem.path)));
    item.append(go);
    return item;
  }

  // ---------------------------------------------------------------------------------------------------
  // Preview

  const escapeAttribute = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  /** JSON inside `<script>`: `<` only occurs in strings, where `\u003c` means the same (no `</script>`, no `<!--`). */
  const escapeScript = (json) => json.replace(/</g, '\\u003c');

  /** The preview document: the edited config inline, the real candor.js, and a `data-candor-open` button. */
  function previewPage(text, lang) {
    return `<!doctype html>
<html${lang ? ` lang="${escapeAttribute(lang)}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Candor preview</title>
<link rel="stylesheet" href="/shop.css">
<link rel="stylesheet" href="/playground.css">
<script type="application/json" id="candor-config">${escapeScript(text)}</script>
<script src="${DIST}candor.js" data-base="${DIST}"></script>
</head>
<body class="pg-preview-page">
<main lang="en">
<p class="pg-preview-page__text">Your page. The banner below is Candor with the configuration being edited.</p>
<p><button type="button" class="button" data-candor-open>Open the preference center</button></p>
</main>
</body>
</html>
`;
  }

  /** Forget the decision, on this path and on `cookieDomain`, so the preview shows the banner again. */
  function clearDecision(config) {
    try {
      document.cookie = `${COOKIE}=;Path=/;Max-Age=0;SameSite=Lax`;
      if (config?.cookieDomain) document.cookie = `${COOKIE}=;Path=/;Max-Age=0;SameSite=Lax;Domain=${config.cookieDomain}`;
    } catch {
      // cookies disabled: Candor then keeps the decision for one page view only, nothing to clear
    }
  }

  /**
   * The languages Candor has built-in texts for, from the JSON Schema the build writes (its suggestions for
   * `languages`, which come from the one list in src/languages.ts).
   */
  let builtIn = [];
  const builtInLoaded = fetch(DIST + 'candor.schema.json')
    .then((r) => r.json())
    .then((schema) => (builtIn = schema.properties.languages.items.examples || []))
    .catch(() => []);

  /** The configuration's `languages` when the choices were last drawn. */
  let offered = [];

  /** The preview's config text: a built-in language the config does not offer is added, to show its texts. */
  function previewText(text, config, lang) {
    const languages = Array.isArray(config.languages) ? config.languages : [];
    if (!lang || languages.includes(lang)) return text;
    return JSON.stringify({ ...config, languages: [...languages, lang], language: undefined });
  }

  /** Render the last valid configuration in the preview (unless it already shows exactly that). */
  function render() {
    if (!lastValid) return;
    const lang = langSelect.value;
    const key = JSON.stringify([lastValid.text, lang]);
    if (key == rendered) return;
    rendered = key;
    clearDecision(lastValid.config);
    frame.srcdoc = previewPage(previewText(lastValid.text, lastValid.config, lang), lang);
  }

  /** The language choices: "auto", the configuration's `languages`, then every other built-in language. */
  function updateLanguages(config) {
    const languages = Array.isArray(config.languages) ? config.languages : [];
    const others = builtIn.filter((l) => !languages.includes(l));
    const current = langSelect.value;
    const wanted = ['', ...languages, ...others];
    const have = [...langSelect.options].map((o) => o.value);
    if (JSON.stringify(have) != JSON.stringify(wanted)) {
      for (const option of [...langSelect.options].slice(1)) option.remove();
      for (const group of [...langSelect.querySelectorAll('optgroup')]) group.remove();
      for (const lang of languages) langSelect.append(new Option(lang, lang));
      if (others.length) {
        const group = document.createElement('optgroup');
        group.label = 'Other built-in languages (preview only)';
        for (const lang of others) group.append(new Option(lang, lang));
        langSelect.append(group);
      }
      // A language the configuration stopped offering falls back to auto.
      langSelect.value = languages.includes(current) || (others.includes(current) && !offered.includes(current)) ? current : '';
    }
    offered = languages;
    const forced = typeof config.language == 'string' && config.language;
    const added = langSelect.value && !languages.includes(langSelect.value) && langSelect.value;
    langNote.hidden = !forced && !added;
    langNote.textContent = added
      ? `"${added}" is not in your "languages": the preview adds it, to show Candor's built-in texts in it; your own texts show in another language.`
      : forced
        ? `The configuration sets "language": "${forced}", which wins over the page language.`
        : '';
  }

  function setStale(isStale) {
    stale.hidden = !isStale;
    frameBox.classList.toggle('pg-frame--stale', isStale);
    frame.title = isStale ? 'Preview (last valid version): a page with the Candor banner' : 'Preview: a page with the Candor banner';
  }

  // ---------------------------------------------------------------------------------------------------
  // Snippet

  const snippetMode = () => document.querySelector('input[name="pg-snippet"]:checked')?.value || 'url';

  function snippet() {
    if (snippetMode() != 'inline') return URL_SNIPPET;
    const json = editor.value.trim();
    return `<script type="application/json" id="candor-config">${escapeScript(json)}</script>\n<script src="${DIST}candor.js"></script>`;
  }

  function updateSnippet() {
    const text = snippet();
    if (snippetField.value != text) {
      snippetField.value = text;
      snippetField.rows = Math.max(3, Math.min(12, text.split('\n').length + 1));
      copyStatus.textContent = '';
    }
  }

  async function copy() {
    updateSnippet();
    const text = snippetField.value;
    const invalid =
      snippetMode() == 'inline' && !(lastValid && lastValid.text == editor.value)
        ? ' Note: this configuration has errors, so Candor would show no banner.'
        : '';
    copyStatus.textContent = '';
    try {
      if (!navigator.clipboard || typeof navigator.clipboard.writeText != 'function') throw new Error('no Clipboard API');
      await navigator.clipboard.writeText(text);
      copyStatus.textContent = `Copied to the clipboard.${invalid}`;
    } catch {
      // No Clipboard API (plain http on another host than localhost, old browser) or no permission.
      snippetField.focus();
      snippetField.select();
      copyStatus.textContent = `Copying is not available here: the snippet is selected, press Ctrl+C (⌘C on a Mac) to copy it.${invalid}`;
    }
  }

  // ---------------------------------------------------------------------------------------------------

  /** Check the text, list what is wrong, and re-render the preview when it is valid. */
  function update() {
    clearTimeout(timer);
    const text = editor.value;
    const result = analyse(text);
    report(result);
    if (result.config) {
      lastValid = { text, config: result.config };
      updateLanguages(result.config);
      render();
    }
    empty.hidden = !!lastValid;
    frameBox.hidden = !lastValid;
    setStale(!result.config && !!lastValid);
    updateSnippet();
    reportBox.setAttribute('aria-busy', 'false');
  }

  langSelect.addEventListener('change', () => {
    if (lastValid) updateLanguages(lastValid.config);
    render();
  });
  builtInLoaded.then(() => lastValid && updateLanguages(lastValid.config));
  copyButton.addEventListener('click', copy);
  for (const radio of document.querySelectorAll('input[name="pg-snippet"]')) radio.addEventListener('change', updateSnippet);
  frameBox.hidden = true;
  updateSnippet();
  start().catch((error) => {
    summary.textContent = `The playground cannot start: ${error.message}.`;
    reportBox.setAttribute('aria-busy', 'false');
  });
})();
