const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;

/** Text made safe to place in HTML (element content and quoted attribute values). */
export function escapeHtml(value: unknown): string {
  const text = String(value ?? '');
  // Most text (ids, dates, numbers) has nothing to escape: testing is cheaper than replacing.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (character) => ENTITIES[character]!) : text;
}

/** A table from rows of already-escaped cell HTML; an empty table says so in one row. */
export type Row = readonly string[] | { readonly cells: readonly string[]; readonly className: string };

export function table(headers: readonly string[], rows: readonly Row[], empty = 'None.'): string {
  const head = `<tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr>`;
  const line = (row: Row) => {
    const cells = 'cells' in row ? row.cells : row;
    const attribute = 'cells' in row ? ` class="${escapeHtml(row.className)}"` : '';
    return `<tr${attribute}>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  };
  const body = rows.length
    ? rows.map(line).join('\n')
    : `<tr><td colspan="${headers.length}" class="muted">${escapeHtml(empty)}</td></tr>`;
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
