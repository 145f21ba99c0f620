import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";

/** One CSV record: its first physical line number (the header is line 1), its fields and its text. */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** The record as it appeared in the file, without the line ending. */
  raw: string;
  /** Set when the record is malformed (an unterminated quoted field at end of file). */
  error?: string;
}

/** True when the file starts with the gzip magic bytes 1f 8b (whatever its name). */
export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await open(path, "r");
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Streams a CSV or gzip'd CSV file as arrays of records (one array per chunk read), so memory
 * stays constant whatever the file size. RFC 4180 quoting ("a ""b""", commas and newlines inside
 * quotes), LF or CRLF endings, a UTF-8 BOM; blank lines are skipped. `onBytes` receives the bytes
 * of the (possibly compressed) file read so far, for progress.
 */
export async function* readCsvRecords(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<CsvRecord[]> {
  const gz = path.endsWith(".gz") || (await isGzipFile(path));
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const gunzip = gz ? createGunzip({ chunkSize: 1 << 18 }) : null;
  const source = gunzip ? file.pipe(gunzip) : file;
  file.on("error", (err) => source.destroy(err));
  // Compressed bytes the inflater has consumed (not read ahead), so progress tracks the output.
  const consumed = () => (gunzip ? gunzip.bytesWritten : file.bytesRead);
  const splitter = new CsvSplitter();
  const decoder = new StringDecoder("utf8");
  for await (const chunk of source) {
    onBytes?.(consumed());
    const out = splitter.push(decoder.write(chunk as Buffer));
    if (out.length) yield out;
  }
  const last = splitter.end(decoder.end());
  if (last.length) yield last;
}

/** Incremental splitter: text in, complete records out (exported for unit tests). */
export class CsvSplitter {
  private carry = "";
  private lineNo = 0;
  private partial: string | null = null;
  private partialLine = 0;

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let buf = this.carry + text;
    if (this.lineNo === 0 && this.carry === "" && buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
    let pos = 0;
    for (let nl = buf.indexOf("\n", pos); nl !== -1; nl = buf.indexOf("\n", pos)) {
      this.line(buf.slice(pos, nl), out);
      pos = nl + 1;
    }
    this.carry = buf.slice(pos);
    return out;
  }

  end(text = ""): CsvRecord[] {
    const out = this.push(text);
    if (this.carry !== "") this.line(this.carry, out);
    this.carry = "";
    if (this.partial !== null) {
      out.push({
        line: this.partialLine,
        fields: parseFields(this.partial),
        raw: this.partial,
        error: "unterminated quoted field",
      });
      this.partial = null;
    }
    return out;
  }

  private line(physical: string, out: CsvRecord[]): void {
    this.lineNo++;
    const text = physical.endsWith("\r") ? physical.slice(0, -1) : physical;
    if (this.partial === null) {
      if (text.indexOf('"') === -1) {
        if (text !== "") out.push({ line: this.lineNo, fields: text.split(","), raw: text });
        return;
      }
      this.partialLine = this.lineNo;
      this.partial = text;
    } else this.partial += `\n${text}`;
    if (countQuotes(this.partial) % 2 === 1) return; // a quoted field continues on the next line
    out.push({ line: this.partialLine, fields: parseFields(this.partial), raw: this.partial });
    this.partial = null;
  }
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n++;
  return n;
}

/** Splits one record on commas outside quotes; "" inside quotes is a literal quote. */
export function parseFields(s: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (s[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** Quotes a value for CSV output when it needs it. */
export function csvQuote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
