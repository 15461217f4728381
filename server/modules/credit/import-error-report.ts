/**
 * The error report of an import: the bad rows' original cells plus 错误 and 原行号 columns, streamed into a local
 * XLSX as rows fail (nothing is written when no row fails), stored or copied by the run.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { SourceRow } from './import-rows.ts';

export class ErrorReport {
  readonly path: string;
  #writer: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
  #sheet: ExcelJS.Worksheet | undefined;
  #header: string[] = [];
  count = 0;

  constructor(dir: string) {
    this.path = path.join(dir, `credit-errors-${randomBytes(8).toString('hex')}.xlsx`);
  }

  setHeader(header: string[]): void {
    this.#header = header;
  }

  add(row: SourceRow, messages: string): void {
    if (!this.#writer) {
      this.#writer = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: this.path,
        useSharedStrings: false,
        useStyles: false,
      });
      this.#sheet = this.#writer.addWorksheet('错误');
      this.#sheet.addRow([...this.#header, '错误', '原行号']).commit();
    }
    const cells = this.#header.map((_, i) => row.cells[i] ?? null);
    this.#sheet?.addRow([...cells, messages, row.row]).commit();
    this.count++;
  }

  /** Finishes the file; false when no row failed (no file). */
  async finish(): Promise<boolean> {
    if (!this.#writer) return false;
    await this.#writer.commit();
    return true;
  }

  async discard(): Promise<void> {
    await fsp.rm(this.path, { force: true });
  }
}
