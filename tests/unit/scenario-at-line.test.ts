// `npm test -- file.feature:LINE` with the cursor anywhere in a scenario (the VS Code task).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scenarioLineAt } from '../../scripts/scenario-at-line';

const FEATURE = `@lab99
Feature: A fixture
  Its description.

  Background:
    Given a broker running "lab99/x.conf"

  Rule: One rule

    @mqtt5
    Scenario: The first
      Given something
      Then something else

    Scenario Outline: Rows <n>
      When <n> happens

      @mqtt311
      Examples:
        | n |
        | 1 |
        | 2 |
`;

const file = join(mkdtempSync(join(tmpdir(), 'scenario-at-line-')), 'x.feature');
writeFileSync(file, FEATURE);

test('a step line, a tag line and the Scenario line all select the scenario', () => {
  for (const line of [10, 11, 12, 13]) assert.equal(scenarioLineAt(file, line), 11, `line ${line}`);
});

test('an Examples row selects that row; any other line of the outline, the whole outline', () => {
  assert.equal(scenarioLineAt(file, 21), 21);
  assert.equal(scenarioLineAt(file, 22), 22);
  for (const line of [15, 16, 18, 19, 20]) assert.equal(scenarioLineAt(file, line), 15, `line ${line}`);
});

test('the description and the Background belong to no scenario', () => {
  for (const line of [1, 2, 3, 5, 6]) assert.equal(scenarioLineAt(file, line), undefined, `line ${line}`);
});
