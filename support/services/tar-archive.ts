/**
 * Files for a container in one tar archive (tar-stream writes it): regular files with a mode
 * and an owner. A pooled container's supervisor unpacks it over / with `tar -x`.
 */
import { buffer } from 'node:stream/consumers';
import { pack } from 'tar-stream';

export interface ArchiveEntry {
  /** Path inside the container, without the leading slash: "mosquitto/config/acl". */
  path: string;
  content: Buffer;
  mode: number;
  uid?: number;
  gid?: number;
}

export async function tarArchive(entries: ArchiveEntry[]): Promise<Buffer> {
  const archive = pack();
  for (const entry of entries) {
    archive.entry({ name: entry.path, mode: entry.mode, uid: entry.uid ?? 0, gid: entry.gid ?? 0, size: entry.content.length }, entry.content);
  }
  archive.finalize();
  return buffer(archive);
}
