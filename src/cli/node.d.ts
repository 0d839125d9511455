/**
 * The few Node.js APIs the `candor` command uses. Declared here instead of installing @types/node because
 * that package declares globals (`process`, `Buffer`, Node's `setTimeout` type) for the whole program, and
 * src/ is otherwise browser code: with these modules only what src/cli imports exists.
 */
declare module 'node:fs' {
  interface Stats {
    size: number;
    mode: number;
    isFile(): boolean;
    isDirectory(): boolean;
  }
  export function statSync(path: string): Stats;
  export function readFileSync(path: string | URL): Uint8Array;
  export function readFileSync(path: string | URL, encoding: 'utf8'): string;
  export function writeFileSync(path: string, data: string, options?: { flag?: string; mode?: number }): void;
  export function renameSync(from: string, to: string): void;
  export function unlinkSync(path: string): void;
  export function chmodSync(path: string, mode: number): void;
  export function existsSync(path: string): boolean;
  export function realpathSync(path: string): string;
}

declare module 'node:path' {
  export function resolve(...paths: string[]): string;
  export function relative(from: string, to: string): string;
  export function dirname(path: string): string;
  export function basename(path: string): string;
  export function join(...paths: string[]): string;
  export const sep: string;
}

declare module 'node:url' {
  export function fileURLToPath(url: string | URL): string;
  export function pathToFileURL(path: string): URL;
}

declare module 'node:util' {
  export function parseArgs(config: {
    args: string[];
    options: { [name: string]: { type: 'boolean' | 'string'; short?: string } };
    allowPositionals: boolean;
    strict: boolean;
  }): { values: { [name: string]: string | boolean | undefined }; positionals: string[] };
}

declare module 'node:process' {
  interface Stream {
    isTTY?: boolean;
    write(text: string): boolean;
    on(event: 'error', listener: (error: { code?: string }) => void): void;
  }
  const process: {
    argv: string[];
    env: { [name: string]: string | undefined };
    stdout: Stream;
    stderr: Stream;
    exitCode: number | undefined;
    pid: number;
    cwd(): string;
  };
  export default process;
}
