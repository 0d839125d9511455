/**
 * The `candor` command (dist/cli.js, package `bin`; docs/contract.md §1): `validate` configurations with every problem's
 * path and hint (and `--stamp` the valid ones), `init` a starter configuration, `hash` a notice as receipts do. Exit codes: 0 valid, 1
 * invalid, 2 could not check (unreadable file, wrong usage). Imported as a module (scripts/schema.mjs), it
 * runs nothing and exports the JSON Schema generator.
 */
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { didYouMean } from './core/config';
import { noticeHash } from './notice';
import { exitCode, jsonReport, palette, textReport, wantsColour } from './cli/report';
import { catalog, findServices, servicesText } from './cli/services';
import { stampFile } from './cli/stamp';
import { prettyJson, starterConfig } from './cli/starter';
import { validateFile } from './cli/validate';

export { jsonSchema } from './cli/json-schema';
export { configurationDoc, shapeFields } from './cli/docs';
export { validateFile, validateText } from './cli/validate';
export { scanJson } from './cli/json-text';

const HELP = `Usage: candor <command> [options]

Commands:
  validate FILE.json...       check configurations: every error and warning with its path and a hint
      --stamp                 also write "$validated" into each valid file: candor.js of this version then
                              trusts it and skips downloading its validator (run it again after each edit)
      --strict                warnings are errors (exit 1), e.g. a text missing in one of "languages"
      --json                  machine-readable output: [{file, valid, readable, errors, warnings, stamp?}]
  init [FILE.json]            write a starter configuration in English and French (default consent.json)
      --force                 overwrite the file if it exists
      --services A,B          its purposes use these catalog services, e.g. --services posthog,youtube
  hash FILE.json [--lang L]   print the notice hash that receipts carry (docs/contract.md §7), for language L or each one
      --format 1|2            the receipt's noticeFormat: 2 (default) covers the built-in texts of this
                              version of Candor too; 1 reproduces receipts made before format 2
      --json                  machine-readable output
  services [NAME]             the vendor catalog: cookies and storage keys of common services, with sources
      --json                  machine-readable output

Options:
  -h, --help                  show this help
  -v, --version               show the version
  --no-color                  no colours (also when NO_COLOR is set or the output is not a terminal)

Exit codes: 0 valid, 1 invalid, 2 could not check (unreadable file, wrong usage) or could not stamp.
`;

/** What a command prints and returns; `main` does the writing so that tests can call it. */
interface Io {
  out(text: string): void;
  err(text: string): void;
  colour: boolean;
}

/** Run the command line `args` (without `node` and the script). Returns the exit code; never throws. */
export async function main(args: string[], io: Io = processIo(args)): Promise<number> {
  try {
    return await run(args, io);
  } catch (e) {
    io.err(`candor: unexpected error: ${(e as Error)?.message ?? e} (please report it)\n`);
    return 2;
  }
}

function processIo(args: string[]): Io {
  // `candor validate … | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (e) => {
    if (e.code != 'EPIPE') throw e;
  });
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    colour: !args.includes('--no-color') && wantsColour(process.stdout, process.env),
  };
}

async function run(args: string[], io: Io): Promise<number> {
  const usage = (message: string) => {
    io.err(`candor: ${message}\nRun "candor --help" for usage.\n`);
    return 2;
  };
  let values: { [name: string]: string | boolean | undefined }, positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
        stamp: { type: 'boolean' },
        strict: { type: 'boolean' },
        force: { type: 'boolean' },
        services: { type: 'string' },
        lang: { type: 'string' },
        format: { type: 'string' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    const option = /'(-[^' ]+)/.exec((e as Error).message)?.[1];
    return usage((e as { code?: string }).code == 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option ? `unknown option ${option}` : (e as Error).message);
  }
  const [command, ...files] = positionals;
  if (values.version) {
    io.out(version() + '\n');
    return 0;
  }
  if (values.help || command == 'help') {
    io.out(HELP);
    return 0;
  }
  if (!command) {
    io.err(HELP);
    return 2;
  }
  const only = (option: string, commands: string[]) =>
    values[option] !== undefined && !commands.includes(command) ? `--${option} is not an option of "${command}"` : '';
  const misplaced =
    only('json', ['validate', 'hash', 'services']) ||
    only('stamp', ['validate']) ||
    only('strict', ['validate']) ||
    only('force', ['init']) ||
    only('services', ['init']) ||
    only('lang', ['hash']) ||
    only('format', ['hash']);
  if (misplaced) return usage(misplaced);
  const c = palette(io.colour);

  if (command == 'validate') {
    if (!files.length) return usage('validate needs at least one file, e.g. candor validate consent.json');
    // --strict: every warning is an error (CI), and a file with one is neither valid nor stamped.
    const results = files.map((file) => {
      // With --stamp, a stale stamp or unexpanded services are what this run settles: no warning, so --strict stamps them.
      const r = validateFile(file, undefined, !!values.stamp);
      if (values.strict && r.warnings.length) return { ...r, valid: false, errors: [...r.errors, ...r.warnings], warnings: [] };
      return values.stamp ? stampFile(file) : r;
    });
    io.out(values.json ? jsonReport(results) : textReport(results, c));
    return exitCode(results);
  }

  if (command == 'init') {
    if (files.length > 1) return usage('init writes one file');
    const file = files[0] || 'consent.json';
    const target = resolve(file);
    if (existsSync(target)) {
      if (statSync(target).isDirectory()) return usage(`${file} is a directory; name the file to write, e.g. candor init ${file}/consent.json`);
      if (!values.force) {
        io.err(`${file} already exists: nothing written. Pass --force to overwrite it.\n`);
        return 1;
      }
    }
    const all = values.services === undefined ? [] : catalog();
    const wanted = String(values.services ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const unknown = wanted.find((id) => !all.some((s) => s.id == id));
    if (unknown)
      return usage(
        `unknown service "${unknown}"; ${
          didYouMean(
            unknown,
            all.map((s) => s.id),
          ) || 'run "candor services" for the list'
        }`,
      );
    const services = wanted.map((id) => all.find((s) => s.id == id)!);
    try {
      writeFileSync(target, prettyJson(starterConfig(schemaPath(target), services)) + '\n', { flag: values.force ? 'w' : 'wx' });
    } catch (e) {
      // The user's mistake (a folder that does not exist, a read-only place), said as such: not an "unexpected error".
      const code = (e as { code?: string }).code;
      const why =
        code == 'ENOENT'
          ? `the folder ${dirname(file) || '.'} does not exist`
          : code == 'EACCES' || code == 'EPERM' || code == 'EROFS'
            ? 'permission denied'
            : code == 'EEXIST'
              ? 'it was created meanwhile; pass --force to overwrite it'
              : code || (e as Error).message;
      io.err(`candor: could not write ${file}: ${why}. Nothing written.\n`);
      return 2;
    }
    io.out(
      `Wrote ${file}, a starter configuration in English and French.\nEdit it, then check it with: npx candor validate ${file}\n` +
        `Before publishing, stamp it so that browsers skip the validator: npx candor validate --stamp ${file}\n`,
    );
    return 0;
  }

  if (command == 'hash') {
    if (files.length != 1) return usage('hash takes one file, e.g. candor hash consent.json --lang fr');
    const result = validateFile(files[0]);
    if (!result.config) {
      io.err(textReport([result], c));
      return exitCode([result]);
    }
    const { config } = result;
    const lang = values.lang as string | undefined;
    if (lang != null && !config.languages.includes(lang))
      return usage(`"${lang}" is not among the languages of ${files[0]} (${config.languages.join(', ')})`);
    const format = values.format == null ? 2 : values.format == '1' ? 1 : values.format == '2' ? 2 : 0;
    if (!format) return usage(`--format is 1 or 2 (the receipt's noticeFormat), not "${values.format}"`);
    const hashes: { [language: string]: string } = {};
    for (const l of lang != null ? [lang] : config.languages) hashes[l] = await noticeHash(config, l, format);
    if (values.json)
      io.out(JSON.stringify({ file: files[0], version: config.version, noticeFormat: format, sdk: version(), hashes }, null, 2) + '\n');
    else if (lang != null) io.out(hashes[lang] + '\n');
    else for (const l in hashes) io.out(`${l}  ${hashes[l]}\n`);
    return 0;
  }

  if (command == 'services') {
    if (files.length > 1) return usage('services takes at most one name, e.g. candor services posthog');
    const list = findServices(catalog(), files[0]);
    if (!list.length) {
      io.err(`candor: no service matches "${files[0]}"; run "candor services" for the list.\n`);
      return 1;
    }
    io.out(values.json ? JSON.stringify(list, null, 2) + '\n' : servicesText(list));
    return 0;
  }

  return usage(`unknown command "${command}"`);
}

/** The package version, from the package.json next to dist/. */
function version(): string {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

/**
 * The `$schema` to write into a new configuration: a relative path to the schema next to this command
 * (node_modules/candor/dist/ once installed), or a CDN URL when run through `npx` without installing.
 */
function schemaPath(target: string): string {
  const schema = fileURLToPath(new URL('./candor.schema.json', import.meta.url));
  if (/[\\/]_npx[\\/]/.test(schema)) return `https://unpkg.com/candor@${version()}/dist/candor.schema.json`;
  const path = relative(dirname(target), schema).replace(/\\/g, '/');
  return path.startsWith('.') ? path : './' + path;
}

/** Run when executed (`candor …`, `node dist/cli.js …`), not when imported. */
function isMain(): boolean {
  try {
    return !!process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href == import.meta.url;
  } catch {
    return false;
  }
}

if (isMain()) main(process.argv.slice(2)).then((code) => (process.exitCode = code));
