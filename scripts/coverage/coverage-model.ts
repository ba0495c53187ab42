// Joins the statement lists with what the scenarios claim: per spec version, per section, which
// scenarios prove each statement, which show Mosquitto deviating from it, and what nothing proves.
// Every claim that cannot be placed is a problem, and a problem fails `npm run coverage`.
import type { ScenarioClaim } from './scenario-claims';
import { SPEC_VERSIONS, STATEMENT_ID, type SpecVersion, type Statement, type StatementList } from './statements';

export interface StatementCoverage {
  statement: Statement;
  provenBy: ScenarioClaim[];
  deviatedBy: ScenarioClaim[];
}

export interface SectionCoverage {
  section: string;
  title: string;
  statements: StatementCoverage[]; // in the spec's order
}

export interface VersionCoverage {
  version: SpecVersion;
  sections: SectionCoverage[];
  total: number;
  proven: number; // statements at least one scenario proves
  deviated: number; // statements some scenario shows Mosquitto breaking
}

export interface Coverage {
  versions: VersionCoverage[];
  labs: Map<string, Map<SpecVersion, Set<string>>>; // lab -> version -> ids its scenarios prove
  scenarios: number;
  problems: string[];
}

function where(claim: ScenarioClaim): string {
  return `${claim.file}:${claim.line} "${claim.name}"`;
}

/** The problems of one scenario's tags: ids that are no statement id, or not one of that version's. */
function problemsOf(claim: ScenarioClaim, lists: Map<SpecVersion, StatementList>): string[] {
  const ids = [...claim.proves, ...claim.deviates];
  const problems: string[] = [];
  if (ids.length > 0 && claim.versions.length === 0) {
    problems.push(`${where(claim)} tags ${ids.join(' ')} but no @mqtt311 or @mqtt5: the same id names different rules in each spec`);
  }
  for (const id of ids) {
    if (!STATEMENT_ID.test(id)) {
      problems.push(`${where(claim)} tags @${id}, which is not a statement id (MQTT-x.y.z-n)`);
      continue;
    }
    for (const version of claim.versions) {
      if (!lists.get(version)?.statements.has(id)) problems.push(`${where(claim)} tags @${id}, which MQTT ${version} does not have`);
    }
  }
  return problems;
}

function coverageOf(list: StatementList, claims: ScenarioClaim[]): VersionCoverage {
  const mine = claims.filter((claim) => claim.versions.includes(list.version));
  const sections = new Map<string, SectionCoverage>();
  for (const statement of list.statements.values()) {
    const section = sections.get(statement.section) ?? { section: statement.section, title: statement.title, statements: [] };
    sections.set(statement.section, section);
    section.statements.push({
      statement,
      provenBy: mine.filter((claim) => claim.proves.includes(statement.id)),
      deviatedBy: mine.filter((claim) => claim.deviates.includes(statement.id)),
    });
  }
  const all = [...sections.values()].flatMap((section) => section.statements);
  return {
    version: list.version,
    sections: [...sections.values()],
    total: all.length,
    proven: all.filter((entry) => entry.provenBy.length > 0).length,
    deviated: all.filter((entry) => entry.deviatedBy.length > 0).length,
  };
}

function provenByLab(claims: ScenarioClaim[], lists: Map<SpecVersion, StatementList>): Coverage['labs'] {
  const labs: Coverage['labs'] = new Map();
  for (const claim of [...claims].sort((a, b) => a.lab.localeCompare(b.lab))) {
    const byVersion = labs.get(claim.lab) ?? new Map<SpecVersion, Set<string>>();
    labs.set(claim.lab, byVersion);
    for (const version of claim.versions) {
      const ids = byVersion.get(version) ?? new Set<string>();
      byVersion.set(version, ids);
      for (const id of claim.proves) if (lists.get(version)?.statements.has(id)) ids.add(id);
    }
  }
  return labs;
}

export function buildCoverage(lists: Map<SpecVersion, StatementList>, claims: ScenarioClaim[]): Coverage {
  return {
    versions: SPEC_VERSIONS.flatMap((version) => {
      const list = lists.get(version);
      return list ? [coverageOf(list, claims)] : [];
    }),
    labs: provenByLab(claims, lists),
    scenarios: claims.length,
    problems: claims.flatMap((claim) => problemsOf(claim, lists)),
  };
}
