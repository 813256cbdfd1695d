import { randomId } from './ids';
import type { StoredFile } from './types';

interface Upload {
  id: string;
  filename: string;
  length: number;
  bytes?: Buffer;
  completed?: StoredFile;
}

/** The three-step external upload: reserve (getUploadURLExternal), upload bytes, complete. */
export class FileStore {
  private readonly uploads = new Map<string, Upload>();

  reserve(filename: string, length: number): Upload {
    const upload: Upload = { id: randomId('F', 10), filename, length };
    this.uploads.set(upload.id, upload);
    return upload;
  }

  get(id: string): Upload | undefined {
    return this.uploads.get(id);
  }

  receive(id: string, bytes: Buffer): boolean {
    const upload = this.uploads.get(id);
    if (!upload || upload.completed) return false;
    upload.bytes = bytes;
    return true;
  }

  /** Uploaded bytes that have not been completed yet: the only state completeUploadExternal accepts. */
  isPending(id: string): boolean {
    const upload = this.uploads.get(id);
    return upload?.bytes !== undefined && upload.completed === undefined;
  }

  complete(id: string, title: string | undefined, channel: string | undefined): StoredFile {
    const upload = this.uploads.get(id);
    if (!upload?.bytes || upload.completed) throw new Error(`emulator bug: upload ${id} is not pending`);
    const file: StoredFile = {
      id: upload.id,
      title: title ?? upload.filename,
      filename: upload.filename,
      content: upload.bytes.toString('utf8'),
      channel,
      bytes: upload.bytes,
    };
    upload.completed = file;
    return file;
  }

  completed(): StoredFile[] {
    return [...this.uploads.values()].flatMap((u) => (u.completed ? [u.completed] : []));
  }
}
