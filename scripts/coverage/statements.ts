// The committed lists of normative statements (spec/mqtt-3.1.1.tsv, spec/mqtt-5.0.tsv): which ids
// exist in each version of the spec, and the section each belongs to. The same id means different
// things in the two specs ([MQTT-3.1.2-1] is a rule of both, about different fields), so every
// lookup is per version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type SpecVersion = '3.1.1' | '5.0';
export const SPEC_VERSIONS: readonly SpecVersion[] = ['3.1.1', '5.0'];

export interface Statement {
  id: string; // "MQTT-3.1.2-1", without the brackets the spec prints
  section: string; // "3.1.2"; ids numbered x.y.0 belong to section x.y
  title: string; // the section's title in that spec's table of contents
}

export interface StatementList {
  version: SpecVersion;
  statements: Map<string, Statement>; // in the spec's order
}

/** The shape of an id; anything else in an @MQTT- tag (a section such as @MQTT-4.8.2) is a mistake. */
export const STATEMENT_ID = /^MQTT-\d+\.\d+\.\d+-\d+$/;

export function statementListFile(specDir: string, version: SpecVersion): string {
  return join(specDir, `mqtt-${version}.tsv`);
}

/** Reads one list: '#' lines are the provenance header, then a column header, then one id a line. */
export function parseStatementList(version: SpecVersion, text: string): StatementList {
  const statements = new Map<string, Statement>();
  const rows = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  for (const row of rows.slice(1)) {
    const [id, section, title] = row.split('\t');
    if (!STATEMENT_ID.test(id) || !section || !title) throw new Error(`mqtt-${version}.tsv: bad row "${row}"`);
    if (statements.has(id)) throw new Error(`mqtt-${version}.tsv: ${id} is listed twice`);
    statements.set(id, { id, section, title });
  }
  return { version, statements };
}

export function loadStatementLists(specDir: string): Map<SpecVersion, StatementList> {
  const lists = new Map<SpecVersion, StatementList>();
  for (const version of SPEC_VERSIONS) {
    lists.set(version, parseStatementList(version, readFileSync(statementListFile(specDir, version), 'utf8')));
  }
  return lists;
}
