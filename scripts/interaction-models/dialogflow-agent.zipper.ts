import fs from 'node:fs';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { byCodePoint } from './locale-model.resolver';

/**
 * Packs dialogflow-agent/ into the zip the Dialogflow ES console's "Restore from zip" takes.
 * The archive is byte-for-byte reproducible: entries sorted, one fixed timestamp and mode, and
 * stored rather than deflated, because deflate output differs between zlib builds (Node 20 and
 * 22 ship different ones) and the JSON is small anyway.
 */

/**
 * DOS timestamps are local time; building the date from local components keeps the stored
 * fields identical in every time zone (forceDosTimestamp drops the UTC extra field).
 */
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;

export function listAgentFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string, prefix: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(current, entry.name), relative);
      else if (entry.isFile()) out.push(relative);
    }
  };
  walk(dir, '');
  return out.sort(byCodePoint);
}

export function zipAgentDirectory(dir: string): Promise<Buffer> {
  const zip = new ZipFile();
  for (const relative of listAgentFiles(dir)) {
    zip.addBuffer(fs.readFileSync(path.join(dir, relative)), relative, {
      mtime: FIXED_MTIME,
      mode: FILE_MODE,
      compress: false,
      forceDosTimestamp: true,
    });
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.end();
  });
}
