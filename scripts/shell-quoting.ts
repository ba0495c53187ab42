// Command lines a learner pastes into their own shell: which shell that is, and how each word
// must be quoted there so that the program receives exactly the words we mean.
//
// The three shells disagree. `-t '$SYS/#'` is right in sh, bash and zsh (and in PowerShell), but
// cmd.exe does not know single quotes: it hands them to the program, and the topic becomes
// '$SYS/#' with the quotes. cmd.exe groups with double quotes, and the program (docker.exe, a Go
// program) splits its command line by the Microsoft C runtime rules.
// This module is the one place where the platform matters for the printed recipes; the recipe
// test (tests/unit/recipes.test.ts) runs the sh lines through a real sh and checks the other two
// against their quoting rules.

export type Shell = 'sh' | 'powershell' | 'cmd';
export const SHELLS: readonly Shell[] = ['sh', 'powershell', 'cmd'];

/** How the shell is named where we say which shell printed lines are for. */
export const SHELL_NAMES: Record<Shell, string> = { sh: 'sh, bash or zsh', powershell: 'PowerShell', cmd: 'cmd.exe' };

/**
 * The shell npm was started from, as well as a child process can tell; `--shell` overrides it.
 * - not Windows: a POSIX shell (bash, zsh, sh: the same quoting for our lines);
 * - Windows with MSYSTEM or SHELL set: Git Bash, MSYS2 or Cygwin, also POSIX;
 * - Windows, PSModulePath naming a folder in the user's profile: PowerShell. Windows sets
 *   PSModulePath for every process (cmd.exe has it too) with system folders only; PowerShell
 *   (5.1 and 7) adds the user's Documents\...\Modules folder when it starts, and npm passes the
 *   environment on. (A cmd.exe started from PowerShell inherits it: --shell cmd then.)
 * - otherwise cmd.exe, npm's own script shell on Windows.
 */
export function detectShell(platform: string = process.platform, env: NodeJS.ProcessEnv = process.env): Shell {
  if (platform !== 'win32') return 'sh';
  if (env.MSYSTEM || env.SHELL) return 'sh';
  const profile = (env.USERPROFILE ?? '').toLowerCase();
  const moduleFolders = (env.PSModulePath ?? '').toLowerCase().split(';');
  if (profile && moduleFolders.some((folder) => folder.startsWith(profile))) return 'powershell';
  return 'cmd';
}

/** A word the shell would mangle whatever the quotes: the recipes must not contain one. */
export class UnquotableWord extends Error {
  constructor(shell: Shell, word: string, why: string) {
    super(`${SHELL_NAMES[shell]} cannot be given ${JSON.stringify(word)} reliably: ${why}`);
  }
}

/** sh: single quotes keep every character as it is; a single quote itself is '\'' (close, escaped, reopen). */
function quoteForSh(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * PowerShell: single quotes keep every character but ' itself, written ''. Bare words only where
 * PowerShell passes them on unchanged: `-t` options, whole numbers, and plain words that start
 * with a letter or / (PowerShell splits `-foo.bar` in two for native programs, and reads `21.50`,
 * `1e3` or `1kb` as numbers and passes 21.5, 1000, 1024). Windows PowerShell 5.1 drops an empty
 * argument and loses double quotes inside one, when it calls a native program like docker.
 */
function quoteForPowerShell(word: string): string {
  if (word === '') throw new UnquotableWord('powershell', word, 'Windows PowerShell drops empty arguments');
  if (/["\u201C\u201D\u201E]/.test(word)) throw new UnquotableWord('powershell', word, 'Windows PowerShell loses the double quotes inside an argument');
  if (/\s/.test(word) && word.endsWith('\\')) throw new UnquotableWord('powershell', word, 'a trailing backslash would escape the closing quote');
  if (/^--?[A-Za-z][\w-]*$/.test(word) || /^(?:[A-Za-z_/][\w./:=+-]*|[1-9]\d*|0)$/.test(word)) return word;
  return `'${word.replace(/['\u2018\u2019\u201A\u201B]/g, (quote) => quote + quote)}'`;
}

/**
 * cmd.exe: double quotes, which cmd.exe keeps (so &, |, <, >, ^ inside are not its operators) and
 * the program's C runtime removes. Backslashes are literal except before a quote, so trailing
 * ones are doubled. % expands variables even inside quotes at the prompt, and a " inside would
 * end cmd.exe's quoting: neither can be written reliably.
 */
function quoteForCmd(word: string): string {
  if (/["%\r\n]/.test(word)) throw new UnquotableWord('cmd', word, 'cmd.exe expands % and ends its quoting at " even inside double quotes');
  if (/^[\w./:=+@-]+$/.test(word)) return word;
  return `"${word.replace(/(\\+)$/, '$1$1')}"`;
}

const QUOTERS: Record<Shell, (word: string) => string> = { sh: quoteForSh, powershell: quoteForPowerShell, cmd: quoteForCmd };

/** A command line that gives the program exactly these words when pasted into that shell. */
export function quoteCommand(shell: Shell, words: readonly string[]): string {
  return words.map(QUOTERS[shell]).join(' ');
}

/** Characters a POSIX shell expands or treats as operators outside quotes. */
const SH_SPECIAL = /[$`|&;<>()*?[\]{}~!]/;

/** Reads a '...' or "..." string starting at line[start]; returns its text and the index after it. */
function readShQuoted(line: string, start: number): [string, number] {
  const quote = line[start];
  let text = '';
  for (let i = start + 1; i < line.length; i++) {
    const c = line[i];
    if (c === quote) return [text, i + 1];
    if (quote === '"' && (c === '$' || c === '`')) throw new Error(`${JSON.stringify(line)}: ${c} inside double quotes needs a shell's expansion; use single quotes`);
    if (quote === '"' && c === '\\' && /["\\$`]/.test(line[i + 1] ?? '')) text += line[++i];
    else text += c;
  }
  throw new Error(`${JSON.stringify(line)}: a ${quote} is not closed`);
}

/**
 * The words of a POSIX sh command line without expansions (how the compose files write their
 * recipes): blanks separate words, '...' keeps everything, "..." everything but \" \\ \$ \`,
 * a backslash outside quotes keeps the next character. Throws on what needs a shell's expansion
 * ($VAR, globs, pipes, a # comment), which a line printed for any shell cannot carry.
 */
export function splitShWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; ) {
    const c = line[i];
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'" || c === '"') {
      const [text, next] = readShQuoted(line, i);
      word = (word ?? '') + text;
      i = next;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[i + 1];
      i += 2;
    } else if (SH_SPECIAL.test(c) || (c === '#' && word === undefined)) {
      throw new Error(`${JSON.stringify(line)}: "${c}" means something to the shell; quote it`);
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * A command with a note after it that the shell ignores: `# note` in sh and PowerShell; cmd.exe
 * has no comment after a command, so there the note is a `rem` command of its own after `&`.
 */
export function withNote(shell: Shell, command: string, note: string): string {
  if (!note) return command;
  return shell === 'cmd' ? `${command}   & rem ${note}` : `${command}   # ${note}`;
}
