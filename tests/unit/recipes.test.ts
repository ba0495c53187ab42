// The lines `npm run broker` prints for a learner to paste (scripts/recipes.ts, quoted by
// scripts/shell-quoting.ts), checked for every configuration of every lab:
//  - each line is one written for the configuration that was started, and carries what that
//    configuration asks of a client (its port, TLS, a client certificate, a demo user);
//  - quoted for each shell, each line gives docker exactly the words we mean: through a real
//    sh for sh, and through a model of PowerShell's and cmd.exe's rules for those two (CI runs
//    on Linux; the models follow Microsoft's documentation, linked below).
// No Docker needed. Run: node --require ts-node/register --test tests/unit/recipes.test.ts
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { brokerConfigOf, configsOf, demoUsersOf, labsThatExist } from '../../scripts/lab-folders';
import { servicesOf } from '../../scripts/lab-topology';
import { BrokerConfig } from '../../scripts/mosquitto-config';
import { dockerWordsOf, dynsecUsersOf, Recipe, recipesForBroker, recipesForTopology, recipesOf } from '../../scripts/recipes';
import { detectShell, quoteCommand, Shell, SHELLS, splitShWords, withNote } from '../../scripts/shell-quoting';

const valueAfter = (words: string[], option: string): string | undefined => {
  const at = words.indexOf(option);
  return at < 0 ? undefined : words[at + 1];
};

/** What a line lacks to reach a broker of this configuration (a line whose note says "refused" may lack credentials on purpose). */
function problemsOf(lab: string, config: BrokerConfig, recipe: Recipe): string[] {
  const words = recipe.words;
  const client = words.findIndex((w) => w === 'mosquitto_sub' || w === 'mosquitto_pub');
  const connect = valueAfter(words, '-connect');
  if (client < 0 && !connect) return [];
  const port = Number(connect ? connect.split(':')[1] : (valueAfter(words, '-p') ?? 1883));
  const local = { port: 1883, protocol: 'mqtt', tls: false, loopbackOnly: true, requireCertificate: false };
  const listener = config.listeners.find((l) => l.port === port && l.protocol === 'mqtt') ?? (config.listeners.length === 0 && port === 1883 ? local : undefined);
  if (!listener) return [`no MQTT listener on port ${port}`];
  if (connect) return listener.tls ? [] : [`openssl s_client to ${port}, which is not TLS`];
  const has = (option: string): boolean => words.includes(option);
  const problems: string[] = [];
  if (listener.tls !== has('--cafile')) problems.push(listener.tls ? `port ${port} is TLS: --cafile missing` : `port ${port} is not TLS, but the line has --cafile`);
  if (/^refused/.test(recipe.note)) return problems;
  if (listener.requireCertificate && !(has('--cert') && has('--key'))) problems.push(`port ${port} requires a client certificate: --cert/--key missing`);
  if (!config.anonymousAllowed && !has('-u') && !has('--cert')) problems.push('anonymous clients are refused: no -u and no --cert');
  const user = valueAfter(words, '-u');
  if (user && ![...demoUsersOf(lab), ...dynsecUsersOf(lab)].some((u) => u.user === user && u.password === valueAfter(words, '-P'))) problems.push(`-u ${user}: not a demo user with that password`);
  return problems;
}

describe('every configuration gets lines written for it', () => {
  for (const lab of labsThatExist()) {
    for (const config of configsOf(lab)) {
      it(`${lab} ${config}`, () => {
        const recipes = recipesForBroker(lab, config);
        assert.ok(recipes.length > 0, 'no line to paste');
        for (const recipe of recipes) {
          assert.ok(recipe.configs.includes(config), `${recipe.words.join(' ')} is for ${recipe.configs.join(', ')}`);
          assert.deepEqual(problemsOf(lab, brokerConfigOf(lab, config), recipe), [], recipe.words.join(' '));
        }
      });
    }
  }

  for (const lab of labsThatExist().filter((l) => servicesOf(l).length > 1)) {
    it(`${lab}'s topology: each line for its service's own configuration`, () => {
      // A page, or a command for the learner's own machine (npm run app), runs on no service.
      for (const recipe of recipesForTopology(lab).filter((r) => !r.url && !r.onHost)) {
        const config = servicesOf(lab).find((s) => s.name === recipe.service)?.config;
        assert.ok(config, `no service ${recipe.service}`);
        assert.deepEqual(problemsOf(lab, brokerConfigOf(lab, config), recipe), [], recipe.words.join(' '));
      }
    });
  }

  it("catches the kind of mistake it is for: tls.conf's lines printed for mutual-tls.conf", () => {
    const mutual = brokerConfigOf('lab13', 'mutual-tls.conf');
    const tlsLines = recipesOf('lab13').filter((r) => r.configs.includes('tls.conf') && !r.note.startsWith('refused'));
    assert.ok(tlsLines.some((r) => problemsOf('lab13', mutual, r).some((p) => p.includes('client certificate'))));
    assert.ok(recipesForBroker('lab13', 'mutual-tls.conf').every((r) => !r.configs.includes('tls.conf')));
  });
});

/** Every line npm run broker can print, as docker's words and the note after it. */
function everyPrintedLine(): { words: string[]; note: string }[] {
  const lines: { words: string[]; note: string }[] = [];
  const add = (recipe: Recipe, container: string): void => {
    if (!recipe.url) lines.push({ words: dockerWordsOf(recipe, container), note: recipe.note });
  };
  for (const lab of labsThatExist()) {
    for (const config of configsOf(lab)) recipesForBroker(lab, config).forEach((r) => add(r, `mqtt-labs-${lab}`));
    if (servicesOf(lab).length > 1) recipesForTopology(lab).forEach((r) => add(r, `mqtt-labs-${lab}-${r.service}`));
  }
  return lines;
}

/**
 * The Microsoft C runtime's split of a command line into argv (what docker.exe, a Go program,
 * does too): https://learn.microsoft.com/cpp/c-language/parsing-c-command-line-arguments
 */
function windowsArgv(commandLine: string): string[] {
  const argv: string[] = [];
  let word: string | undefined;
  let quoted = false;
  for (let i = 0; i < commandLine.length; i++) {
    const c = commandLine[i];
    if (c === '\\') {
      const run = (/^\\+/.exec(commandLine.slice(i)) ?? [''])[0].length;
      i += run - 1;
      // Backslashes are literal, except before a quote: there each pair is one backslash, and an
      // odd one out makes the quote a literal character.
      const beforeQuote = commandLine[i + 1] === '"';
      word = (word ?? '') + '\\'.repeat(beforeQuote ? Math.floor(run / 2) : run);
      if (beforeQuote && run % 2) (word += '"'), i++;
    } else if (c === '"') {
      quoted = !quoted;
      word = word ?? '';
    } else if (/\s/.test(c) && !quoted) {
      if (word !== undefined) argv.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) argv.push(word);
  return argv;
}

/**
 * cmd.exe at the prompt: outside double quotes & | < > ^ ( ) are its own (so a `& rem` note ends
 * the command), % expands variables everywhere; the rest of the line goes to the program as it is.
 * https://learn.microsoft.com/windows-server/administration/windows-commands/rem
 * https://learn.microsoft.com/windows-server/administration/windows-commands/cmd
 */
function throughCmd(line: string): string[] {
  assert.ok(!line.includes('%'), `cmd.exe would expand % in ${line}`);
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') {
      quoted = !quoted;
    } else if (!quoted && line.startsWith('& rem ', i)) {
      // rem ignores the rest of the line, & and | included; only a ^ at its end would join the next line.
      assert.ok(!line.endsWith('^'), `a note ending in ^ joins the next line in cmd.exe: ${line}`);
      return windowsArgv(line.slice(0, i));
    } else if (!quoted && /[&|<>^()]/.test(line[i])) {
      assert.fail(`cmd.exe would take "${line[i]}" as its own in ${line}`);
    }
  }
  return windowsArgv(line);
}

/**
 * PowerShell calling a native program: '...' keeps everything ('' is one '), a bare word must
 * hold none of its operators, `#` after a blank starts a comment; each argument then goes to the
 * program in double quotes when it has a blank (Windows PowerShell 5.1 and 7 alike, for
 * arguments without " and without a trailing backslash), which the C runtime removes.
 * https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_quoting_rules
 */
function throughPowerShell(line: string): string[] {
  const args: string[] = [];
  const token = /\s*(?:'((?:[^']|'')*)'|(#.*)$|([^\s'"`$@{}();,|&<>#]+))/y;
  while (token.lastIndex < line.length) {
    const match = token.exec(line);
    assert.ok(match, `PowerShell would read "${line.slice(token.lastIndex)}" as something else in ${line}`);
    if (match[2] !== undefined) break;
    const word = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[3];
    assert.ok(match[1] !== undefined || !/^-.*[.:]/.test(word), `PowerShell splits the bare ${word} at its . or :`);
    assert.ok(match[1] !== undefined || !/^[-.\d]/.test(word) || /^(?:[1-9]\d*|0|--?[A-Za-z][\w-]*)$/.test(word), `PowerShell reads the bare ${word} as a number`);
    args.push(word);
  }
  const commandLine = args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
  return windowsArgv(commandLine);
}

/** Runs every line through a real sh behind `printf '%s\0'`, which prints each word the shell made of it, and returns them. */
function throughSh(lines: string[]): string[][] {
  const script = lines.map((line) => `printf '%s\\0' ${line}\nprintf '\\001'`).join('\n');
  const out = execFileSync('sh', ['-c', script], { encoding: 'utf8' });
  return out.split('\u0001').slice(0, -1).map((record) => record.split('\0').slice(0, -1));
}

describe('every printed line gives docker the same words in each shell', () => {
  const lines = everyPrintedLine();

  it(`sh: ${lines.length} lines through a real sh`, () => {
    const printed = lines.map(({ words, note }) => withNote('sh', quoteCommand('sh', words), note));
    assert.deepEqual(throughSh(printed), lines.map((l) => l.words));
  });

  for (const [shell, through] of [['powershell', throughPowerShell], ['cmd', throughCmd]] as const) {
    it(`${shell}: ${lines.length} lines by its quoting rules`, () => {
      for (const { words, note } of lines) {
        const line = withNote(shell, quoteCommand(shell, words), note);
        assert.ok(!/(^|\s)'/.test(line) || shell === 'powershell', `single quotes reach docker from ${shell}: ${line}`);
        assert.deepEqual(through(line), words, line);
      }
    });
  }
});

/** Words, and how each shell must be given them. */
const QUOTING_CASES: [string[], Record<Shell, string>][] = [
  [['-t', '$SYS/#'], { sh: `-t '$SYS/#'`, powershell: `-t '$SYS/#'`, cmd: '-t "$SYS/#"' }],
  [['-m', "it's"], { sh: `-m 'it'\\''s'`, powershell: `-m 'it''s'`, cmd: `-m "it's"` }],
  [['-m', 'order 1'], { sh: `-m 'order 1'`, powershell: `-m 'order 1'`, cmd: '-m "order 1"' }],
  [['-t', 'a&b|c'], { sh: `-t 'a&b|c'`, powershell: `-t 'a&b|c'`, cmd: '-t "a&b|c"' }],
  [['--cafile', '/mosquitto/config/certs/ca.pem'], { sh: '--cafile /mosquitto/config/certs/ca.pem', powershell: '--cafile /mosquitto/config/certs/ca.pem', cmd: '--cafile /mosquitto/config/certs/ca.pem' }],
  [['-foo.bar', 'x,y'], { sh: '-foo.bar x,y', powershell: `'-foo.bar' 'x,y'`, cmd: '-foo.bar "x,y"' }],
  [['-m', '21.50', '-q', '1', '-m', '1kb'], { sh: '-m 21.50 -q 1 -m 1kb', powershell: `-m '21.50' -q 1 -m '1kb'`, cmd: '-m 21.50 -q 1 -m 1kb' }],
];

describe('shell quoting, case by case', () => {
  for (const [words, expected] of QUOTING_CASES) {
    for (const shell of SHELLS) {
      it(`${shell}: ${JSON.stringify(words)}`, () => assert.equal(quoteCommand(shell, words), expected[shell]));
    }
  }

  it('models the C runtime split the Windows lines go through', () => {
    assert.deepEqual(windowsArgv('a "b c" d\\e "f\\\\" g\\"h'), ['a', 'b c', 'd\\e', 'f\\', 'g"h']);
  });

  it('refuses what a shell cannot pass on reliably', () => {
    assert.throws(() => quoteCommand('cmd', ['100%']));
    assert.throws(() => quoteCommand('cmd', ['say "hi"']));
    assert.throws(() => quoteCommand('powershell', ['']));
    assert.throws(() => quoteCommand('powershell', ['say "hi"']));
  });

  it('reads the compose files\' sh lines, and refuses expansions', () => {
    assert.deepEqual(splitShWords(`exec broker mosquitto_sub -t '$SYS/#' -m "a \\"b\\"" c\\ d`), ['exec', 'broker', 'mosquitto_sub', '-t', '$SYS/#', '-m', 'a "b"', 'c d']);
    assert.throws(() => splitShWords('mosquitto_sub -t $TOPIC'));
    assert.throws(() => splitShWords('mosquitto_sub -t #'));
    assert.throws(() => splitShWords('mosquitto_sub -t "$SYS/#"'));
  });

  it('tells the shell from the environment npm passes on', () => {
    const user = 'C:\\Users\\ann';
    const system = 'C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules';
    assert.equal(detectShell('linux', {}), 'sh');
    assert.equal(detectShell('darwin', { PSModulePath: `${user}\\Documents\\PowerShell\\Modules` }), 'sh');
    assert.equal(detectShell('win32', { USERPROFILE: user, PSModulePath: system }), 'cmd');
    assert.equal(detectShell('win32', { USERPROFILE: user, PSModulePath: `${user}\\Documents\\WindowsPowerShell\\Modules;${system}` }), 'powershell');
    assert.equal(detectShell('win32', { USERPROFILE: user, PSModulePath: `${user}\\Documents\\PowerShell\\Modules;${system}` }), 'powershell');
    assert.equal(detectShell('win32', { USERPROFILE: user, PSModulePath: system, MSYSTEM: 'MINGW64' }), 'sh');
    assert.equal(detectShell('win32', {}), 'cmd');
  });
});
