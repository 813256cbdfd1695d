import { parse } from 'csv-parse/sync';
import type { StoredFile } from '../types';
import type { FileView } from './types';

const PREVIEW_ROWS = 8;

const extension = (filename: string): string => filename.split('.').pop()?.toLowerCase() ?? '';

export function fileKind(filename: string): FileView['kind'] {
  const ext = extension(filename);
  if (ext === 'png' || ext === 'jpg' || ext === 'jpeg' || ext === 'gif') return 'image';
  return ext === 'csv' ? 'csv' : 'other';
}

export function contentTypeOf(filename: string): string {
  const types: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    csv: 'text/csv; charset=utf-8',
  };
  return types[extension(filename)] ?? 'application/octet-stream';
}

export function fileView(file: StoredFile): FileView {
  const kind = fileKind(file.filename);
  return {
    id: file.id,
    title: file.title,
    filename: file.filename,
    kind,
    ...(kind === 'csv' ? { preview: csvPreview(file.content) } : {}),
  };
}

/** A file that does not parse as CSV still shows: as one column of its lines, as Slack's preview would. */
function csvPreview(content: string): { rows: string[][]; total: number } {
  let rows: string[][];
  try {
    rows = parse(content, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch {
    rows = content
      .split(/\r?\n/)
      .filter(Boolean)
      .map((line) => [line]);
  }
  return { rows: rows.slice(0, PREVIEW_ROWS), total: rows.length };
}
