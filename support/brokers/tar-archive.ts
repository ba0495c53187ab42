/**
 * A minimal tar writer (POSIX ustar), enough to hand a broker its files in one stream: regular
 * files with a mode and an owner. The pooled broker's supervisor unpacks it with `tar -x`.
 * Written here instead of pulling in a tar library: the format needs about thirty lines.
 */
export interface ArchiveEntry {
  /** Path inside the container, without the leading slash: "mosquitto/config/acl". */
  path: string;
  content: Buffer;
  mode: number;
  uid?: number;
  gid?: number;
}

const BLOCK = 512;

export function tarArchive(entries: ArchiveEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry), entry.content, Buffer.alloc((BLOCK - (entry.content.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(2 * BLOCK)); // two empty blocks end the archive
  return Buffer.concat(parts);
}

function header(entry: ArchiveEntry): Buffer {
  if (Buffer.byteLength(entry.path) > 100) throw new Error(`Path too long for the archive: ${entry.path}`);
  const block = Buffer.alloc(BLOCK);
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, '0') + '\0';
  block.write(entry.path, 0, 100, 'utf8');
  block.write(octal(entry.mode, 8), 100, 8, 'ascii');
  block.write(octal(entry.uid ?? 0, 8), 108, 8, 'ascii');
  block.write(octal(entry.gid ?? 0, 8), 116, 8, 'ascii');
  block.write(octal(entry.content.length, 12), 124, 12, 'ascii');
  block.write(octal(Math.floor(Date.now() / 1000), 12), 136, 12, 'ascii');
  block.write('        ', 148, 8, 'ascii'); // the checksum is computed with its own field as spaces
  block.write('0', 156, 1, 'ascii'); // a regular file
  block.write('ustar\u000000', 257, 8, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 8, 'ascii');
  return block;
}
