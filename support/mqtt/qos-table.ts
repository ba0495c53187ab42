/**
 * A feature's table of delivered QoS levels (rows: the QoS published at, columns: the QoS
 * subscribed with) checked against what a subscriber received. A mismatch is shown as the same
 * table with the received QoS in every cell and the expected one beside each cell that differs,
 * which tells at a glance which combinations the broker got wrong.
 */
import type { LabClient } from '../clients/lab-client';
import { theClient } from '../clients/client-history';

/**
 * `expected` is the feature's table (header row first, first column the row labels);
 * `delivered(row, column)` says what arrived for that cell: the QoS as a string, or "missing".
 */
export function expectQosTable(client: LabClient, expected: string[][], delivered: (row: string, column: string) => string): void {
  const [header, ...rows] = expected;
  if (!header) throw new Error('The QoS table has no header row');
  const actual = rows.map((row) => header.slice(1).map((column) => delivered(row[0]!, column)));
  const wrong = rows.flatMap((row, r) => row.slice(1).filter((cell, c) => actual[r]![c] !== cell));
  if (wrong.length === 0) return;
  const shown = [header, ...rows.map((row, r) => [row[0]!, ...row.slice(1).map((cell, c) => (actual[r]![c] === cell ? cell : `${actual[r]![c]} ✘ expected ${cell}`))])];
  const widths = header.map((_, c) => Math.max(...shown.map((line) => line[c]!.length)));
  const lines = shown.map((line) => `  ${line.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ').trimEnd()}`);
  throw new Error(
    `${theClient(client)} received ${wrong.length} of the table's ${rows.length * (header.length - 1)} messages at another QoS than the table says ` +
      '(each cell: the QoS of the PUBLISH the broker sent the subscriber; "missing": none arrived):\n' +
      lines.join('\n'),
  );
}
