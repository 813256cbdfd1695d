import type { FileView } from '../../../src/sandbox/web/types';
import { fileUrl } from '../api';

/** Files as Slack shows them in a message: an image inline, a CSV as the top of its table. */
export function Files({ files }: { files: FileView[] }) {
  return (
    <div class="files">
      {files.map((f) => (
        <div key={f.id} class={`file file-${f.kind}`} data-file={f.filename}>
          {f.kind === 'image' && <img src={fileUrl(f.id)} alt={f.title} />}
          {f.kind === 'csv' && f.preview && <CsvPreview rows={f.preview.rows} total={f.preview.total} />}
          <div class="file-meta">
            <span class="file-title">{f.title}</span>
            <a href={fileUrl(f.id, true)} download={f.filename}>
              Download
            </a>
          </div>
        </div>
      ))}
    </div>
  );
}

function CsvPreview({ rows, total }: { rows: string[][]; total: number }) {
  const [header, ...body] = rows;
  return (
    <div class="csv-preview">
      <table>
        {header && (
          <thead>
            <tr>
              {header.map((cell, i) => (
                <th key={i}>{cell}</th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {body.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {total > rows.length && (
        <div class="csv-more">
          {total - rows.length} more {total - rows.length === 1 ? 'row' : 'rows'}
        </div>
      )}
    </div>
  );
}
