/**
 * Which Chromium the browser tests drive: the one `npm ci` brings (`@sparticuz/chromium` ships
 * the binary inside its npm tarball, brotli-compressed), or one you name with AI_LAB_CHROMIUM.
 * Nothing is ever downloaded: the package is only asked to unpack its own files, in a child
 * process whose `fetch` refuses, so a future fallback to a download fails instead of running.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

/** The environment variable that names a browser binary of your own (Chromium or Chrome). */
export const CHROMIUM_OVERRIDE = 'AI_LAB_CHROMIUM';
export const CHROMIUM_PACKAGE = '@sparticuz/chromium';
/**
 * Hangul for the test browser: Noto Sans KR (SIL Open Font License 1.1), the OpenType files of a
 * devDependency, so Korean pages render as text in screenshots, not boxes, on a machine with no
 * Korean font of its own. `@sparticuz/chromium` ships Open Sans only.
 */
export const KOREAN_FONT_PACKAGE = '@embedpdf/fonts-kr';

const REPO = path.join(__dirname, '..', '..');

export interface ChromiumBinary {
  readonly executablePath: string;
  /** Where it came from, for messages: the override or the package and its version. */
  readonly source: string;
  /** Extra environment for the browser process (fonts that ship with the package). */
  readonly env: Record<string, string>;
}

export interface ResolveOptions {
  /** Defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The package's folder; defaults to the installed one. Tests point it elsewhere. */
  readonly packageDir?: string;
  /** Where unpacked browsers are kept, one folder per package version. */
  readonly cacheDir?: string;
  /** The folder of Korean fonts to give the browser; `null` for none (a test's control). */
  readonly koreanFonts?: string | null;
  /** Whether the browser may also use the machine's own fonts (/etc/fonts). @default true */
  readonly systemFonts?: boolean;
}

/** Says what to do when no browser can be had: the package to install, or the override. */
export class NoBrowserError extends Error {
  constructor(why: string) {
    super(
      `The browser tests could not start Chromium: ${why}. ` +
        `They use the Chromium that ships inside the npm package ${CHROMIUM_PACKAGE} (a devDependency: ` +
        '`npm ci` installs it; nothing is downloaded at test time), or the browser binary named by ' +
        `${CHROMIUM_OVERRIDE}, e.g. ${CHROMIUM_OVERRIDE}=/usr/bin/chromium npm test.`,
    );
    this.name = 'NoBrowserError';
  }
}

/** The installed package's folder, or undefined when it is not installed. */
function installedPackageDir(): string | undefined {
  const dir = path.join(REPO, 'node_modules', ...CHROMIUM_PACKAGE.split('/'));
  return existsSync(path.join(dir, 'package.json')) ? dir : undefined;
}

/**
 * Runs in a plain Node process (the package is an ES module, which jest's module system cannot
 * load): refuse any download, then unpack into TMPDIR, which the package uses as its target.
 */
const UNPACK = `
globalThis.fetch = async (url) => { throw new Error('refused to download ' + String(url) + ': the browser tests never download a browser'); };
const { default: Chromium } = await import(process.argv[1]);
process.stdout.write(await Chromium.executablePath(process.argv[2]));
`;

let unpacking: Promise<ChromiumBinary> | undefined;

/** The browser to launch; rejects with a NoBrowserError that names the package and the override. */
export function resolveChromium(options: ResolveOptions = {}): Promise<ChromiumBinary> {
  const env = options.env ?? process.env;
  const override = env[CHROMIUM_OVERRIDE];
  if (override) return Promise.resolve(fromOverride(override));
  const defaults =
    options.packageDir === undefined &&
    options.cacheDir === undefined &&
    options.koreanFonts === undefined &&
    options.systemFonts === undefined;
  if (defaults && unpacking) return unpacking;
  const pending = unpackPackage(
    options.packageDir ?? installedPackageDir(),
    options.cacheDir ?? path.join(REPO, 'node_modules', '.cache', 'ai-services-lab'),
    {
      koreanFonts: options.koreanFonts === undefined ? koreanFontDir() : (options.koreanFonts ?? undefined),
      systemFonts: options.systemFonts ?? true,
    },
  );
  if (defaults) {
    unpacking = pending;
    pending.catch(() => {
      unpacking = undefined;
    });
  }
  return pending;
}

function fromOverride(executablePath: string): ChromiumBinary {
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new NoBrowserError(`${CHROMIUM_OVERRIDE}=${executablePath} is not an executable file`);
  }
  return { executablePath, source: `${CHROMIUM_OVERRIDE}=${executablePath}`, env: {} };
}

export interface FontChoice {
  readonly koreanFonts: string | undefined;
  readonly systemFonts: boolean;
}

async function unpackPackage(
  packageDir: string | undefined,
  cacheDir: string,
  fonts: FontChoice,
): Promise<ChromiumBinary> {
  if (!packageDir || !existsSync(path.join(packageDir, 'package.json'))) {
    throw new NoBrowserError(`${CHROMIUM_PACKAGE} is not installed`);
  }
  const { version, exports: entry } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const source = `${CHROMIUM_PACKAGE}@${version}`;
  const target = path.join(cacheDir, `chromium-${version}`);
  const binary = (dir: string): ChromiumBinary => ({
    executablePath: path.join(dir, 'chromium'),
    source,
    // The package's own fonts and the Korean one, so pages render the same whatever the machine has.
    env: { FONTCONFIG_PATH: writeFontConfig(cacheDir, path.join(dir, 'fonts', 'fonts'), fonts) },
  });
  if (existsSync(path.join(target, 'chromium'))) return binary(target);

  // Unpack beside the target, then rename: two test workers never see half a browser.
  const staging = `${target}.${process.pid}.${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  const module = path.join(packageDir, entryPoint(entry));
  const input = path.join(packageDir, 'bin');
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', UNPACK, module, input], {
      env: { ...process.env, TMPDIR: staging, TMP: staging, TEMP: staging },
      timeout: 120_000,
    });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr
      ?.trim()
      .split('\n')
      .find((l) => /^\w*Error: /.test(l));
    throw new NoBrowserError(
      `${source} could not unpack its browser (${detail ?? (error as Error).message})`,
    );
  }
  try {
    renameSync(staging, target);
  } catch {
    // Another worker got there first; its copy is as good as ours.
    rmSync(staging, { recursive: true, force: true });
  }
  return binary(target);
}

/** The Korean font package's folder of OpenType files, when it is installed. */
export function koreanFontDir(): string | undefined {
  const dir = path.join(REPO, 'node_modules', ...KOREAN_FONT_PACKAGE.split('/'), 'fonts');
  return existsSync(dir) ? dir : undefined;
}

/** The fonts.conf the test browser reads: its own fonts, the Korean font, the machine's fonts. */
export function fontConfig(browserFonts: string, fonts: FontChoice, cache: string): string {
  const { koreanFonts, systemFonts } = fonts;
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    ...(systemFonts ? ['  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>'] : []),
    `  <dir>${browserFonts}</dir>`,
    ...(koreanFonts ? [`  <dir>${koreanFonts}</dir>`] : []),
    `  <cachedir>${cache}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

/**
 * The package's fonts.conf names Lambda's folders (/tmp/fonts, /var/task/fonts), so text would
 * not render from here: point fontconfig at the unpacked fonts, at the Korean font package (for
 * Hangul, which Open Sans lacks) and at the machine's own fonts. Written beside the unpacked
 * browsers, in a folder named for its content, so a change of fonts never reuses an old file.
 * Returns the folder, for FONTCONFIG_PATH.
 */
function writeFontConfig(cacheDir: string, browserFonts: string, fonts: FontChoice): string {
  const probe = fontConfig(browserFonts, fonts, '');
  const dir = path.join(
    cacheDir,
    `fontconfig-${createHash('sha256').update(probe).digest('hex').slice(0, 12)}`,
  );
  const file = path.join(dir, 'fonts.conf');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const staging = `${file}.${process.pid}.${Date.now()}`;
    writeFileSync(staging, fontConfig(browserFonts, fonts, path.join(dir, 'cache')));
    renameSync(staging, file);
  }
  return dir;
}

/** `exports` of the package: a string, or `{ ".": { default } }`. */
function entryPoint(exports: unknown): string {
  if (typeof exports === 'string') return exports;
  const root = (exports as Record<string, unknown> | undefined)?.['.'];
  if (typeof root === 'string') return root;
  const fallback = (root as Record<string, unknown> | undefined)?.default;
  return typeof fallback === 'string' ? fallback : 'build/index.js';
}
