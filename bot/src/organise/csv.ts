/**
 * CSV that opens correctly in Excel: UTF-8 with a byte-order mark (else Excel guesses the
 * encoding and mangles names), CRLF rows, RFC 4180 quoting, and no cell that a spreadsheet would
 * run as a formula (a name or message starting with = + - @, a tab or a carriage return gets a
 * leading apostrophe, as OWASP advises for CSV injection).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvDocument(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
