// What each scenario claims to prove, read from its tags with Cucumber's own Gherkin parser, so the
// tags a scenario inherits (feature, rule, Examples) count exactly as Cucumber sees them when it runs.
//   @MQTT-3.3.1-5           the scenario proves that statement
//   @deviates-MQTT-3.3.5-1  the scenario shows Mosquitto NOT doing what the statement requires
//   @mqtt311 / @mqtt5       which spec the ids belong to (the same id means different rules in each)
import { readFileSync } from 'node:fs';
import { AstBuilder, GherkinClassicTokenMatcher, Parser, compile } from '@cucumber/gherkin';
import { IdGenerator, type GherkinDocument } from '@cucumber/messages';
import type { SpecVersion } from './statements';

export interface ScenarioClaim {
  file: string; // as given, relative to the project root
  line: number; // the scenario's line, or its Examples row: `npm test -- file:line` runs just it
  name: string;
  lab: string; // "lab07", from the @labNN tag or else the folder
  versions: SpecVersion[]; // empty when the scenario has no version tag
  proves: string[]; // "MQTT-3.3.1-5", from @MQTT-... tags
  deviates: string[]; // from @deviates-MQTT-... tags
}

const VERSION_TAGS: Record<string, SpecVersion> = { '@mqtt311': '3.1.1', '@mqtt5': '5.0' };

/** Line of every scenario and Examples row, by the AST node id a pickle points back to. */
function linesByNodeId(document: GherkinDocument): Map<string, number> {
  const lines = new Map<string, number>();
  const children = document.feature?.children ?? [];
  const scenarios = children.flatMap((child) =>
    child.rule ? child.rule.children.flatMap((ruleChild) => (ruleChild.scenario ? [ruleChild.scenario] : [])) : child.scenario ? [child.scenario] : [],
  );
  for (const scenario of scenarios) {
    lines.set(scenario.id, scenario.location.line);
    for (const examples of scenario.examples) {
      for (const row of examples.tableBody) lines.set(row.id, row.location.line);
    }
  }
  return lines;
}

export function claimsOfFeature(file: string, source: string): ScenarioClaim[] {
  const newId = IdGenerator.incrementing();
  const parser = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher());
  const document = parser.parse(source);
  const lines = linesByNodeId(document);
  const folderLab = /lab\d+/.exec(file)?.[0] ?? '';
  return compile(document, file, newId).map((pickle) => {
    const tags = pickle.tags.map((tag) => tag.name);
    const nodeId = pickle.astNodeIds[pickle.astNodeIds.length - 1];
    return {
      file,
      line: lines.get(nodeId) ?? lines.get(pickle.astNodeIds[0]) ?? 0,
      name: pickle.name,
      lab: tags.find((tag) => /^@lab\d+$/.test(tag))?.slice(1) ?? folderLab,
      versions: [...new Set(tags.flatMap((tag) => (VERSION_TAGS[tag] ? [VERSION_TAGS[tag]] : [])))],
      proves: [...new Set(tags.filter((tag) => tag.startsWith('@MQTT-')).map((tag) => tag.slice(1)))],
      deviates: [...new Set(tags.filter((tag) => tag.startsWith('@deviates-MQTT-')).map((tag) => tag.slice('@deviates-'.length)))],
    };
  });
}

export function readScenarioClaims(files: string[]): ScenarioClaim[] {
  return files.flatMap((file) => claimsOfFeature(file, readFileSync(file, 'utf8')));
}
