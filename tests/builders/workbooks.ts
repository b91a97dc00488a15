import ExcelJS from 'exceljs';

/** Writes rows into the first sheet of a new workbook; cells are text unless given as numbers. */
export async function writeWorkbook(file: string, rows: (string | number | null)[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Прайс-лист');
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}

/** The rows of a semicolon CSV as workbook rows: numbers stay text so codes like 000123 survive. */
export function csvTextToRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => {
      const cells: string[] = [];
      let current = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (quoted) {
          if (c === '"' && line[i + 1] === '"') {
            current += '"';
            i++;
          } else if (c === '"') quoted = false;
          else current += c;
        } else if (c === '"') quoted = true;
        else if (c === ';') {
          cells.push(current);
          current = '';
        } else current += c;
      }
      cells.push(current);
      return cells;
    });
}
