import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Temporary files start with a dot and end in `.tmp`, so readers of a folder can skip them. */
export const TEMP_FILE = /^\..*\.tmp$/;

export interface AtomicWriteOptions {
  /** Permissions of the new file (default 0o644). */
  mode?: number;
  /**
   * Flush the file and the rename to disk before returning (default). Without it a crash may lose the
   * write (the old content stays), which suits a cache: a lost write only costs work next time.
   */
  durable?: boolean;
}

/**
 * Writes `data` to `file` so that a reader (or a crash at any instant) sees
 * either the old content or the new, never a part: write a temporary file in
 * the same folder, flush it to disk, rename it over the target (atomic on one
 * file system), then flush the folder so the rename itself survives a power cut.
 * `data` may come in chunks (an iterable), so a big file is never held whole.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array | Iterable<string>, options: AtomicWriteOptions = {}): Promise<void> {
  const durable = options.durable ?? true;
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o644);
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      else for (const chunk of data) await handle.write(chunk);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    renamed = true;
    if (durable) await syncFolder(dir);
  } finally {
    if (!renamed) await rm(temp, { force: true });
  }
}

async function syncFolder(dir: string): Promise<void> {
  // Some platforms (Windows) cannot open a folder for fsync; the rename is still atomic there.
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // EISDIR/EINVAL/EPERM on file systems without folder fsync.
  } finally {
    await handle.close();
  }
}
