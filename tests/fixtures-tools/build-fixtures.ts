/**
 * Builds the binary parser fixtures (PDF, DOCX) and the small fixture corpus.
 * The generated files are committed; rerun with
 * `npx tsx tests/fixtures-tools/build-fixtures.ts` after changing this script.
 * Text fixtures are written here too so every fixture has one source of truth.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderPdf, type PdfDoc } from "./pdf-buffer.js";
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

const here = dirname(fileURLToPath(import.meta.url));
const filesDir = join(here, "..", "fixtures", "files");
const corpusDir = join(here, "..", "fixtures", "corpus");

/** Writes a header and a footer on the current page without triggering a page break. */
function headerFooter(doc: PdfDoc, header: string, page: number, total: number): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.font("Helvetica").fontSize(9);
  doc.text(header, 72, 30, { lineBreak: false });
  doc.text(`Sida ${page} av ${total}`, 72, doc.page.height - 40, { lineBreak: false });
  doc.page.margins.bottom = bottom;
  doc.x = 72;
  doc.y = 80;
}

function heading(doc: PdfDoc, text: string, size = 14): void {
  doc.moveDown(0.6);
  doc.font("Helvetica-Bold").fontSize(size).text(text);
  doc.moveDown(0.3);
}

function body(doc: PdfDoc, text: string): void {
  doc.font("Helvetica").fontSize(11).text(text, { width: 450 });
  doc.moveDown(0.6);
}

/** Writes explicit lines (to control where the line breaks fall, e.g. a hyphenated word). */
function lines(doc: PdfDoc, rows: string[]): void {
  doc.font("Helvetica").fontSize(11);
  for (const row of rows) doc.text(row);
  doc.moveDown(0.6);
}

function tableRows(doc: PdfDoc, rows: string[][]): void {
  doc.font("Helvetica").fontSize(11);
  for (const row of rows) {
    const y = doc.y;
    row.forEach((cell, i) => { doc.text(cell, 72 + i * 200, y, { lineBreak: false }); });
    doc.x = 72;
    doc.y = y + 16;
  }
  doc.moveDown(0.6);
}

/** A three-page routine with headings, steps, a table and a running header/footer. */
function threePagePdf(): Promise<Buffer> {
  const header = "Socialförvaltningen Ekby kommun – Rutin för ekonomiskt bistånd";
  return renderPdf({ info: { Title: "Rutin för ekonomiskt bistånd" } }, (doc) => {
    headerFooter(doc, header, 1, 3);
    heading(doc, "Rutin för ekonomiskt bistånd", 18);
    heading(doc, "1 Syfte");
    lines(doc, [
      "Rutinen beskriver hur handläggare på socialförvaltningen hanterar ansökningar",
      "om ekonomiskt bistånd. Ansökan lämnas till social-",
      "tjänsten via e-tjänsten eller på blankett.",
    ]);
    heading(doc, "2 Ansvar");
    body(doc, "Enhetschefen ansvarar för att rutinen är känd. Handläggaren ansvarar för att utredningen är komplett och att beslut fattas inom fjorton dagar.");
    heading(doc, "2.1 Särskilda överväganden");
    body(doc, "Barnets bästa ska övervägas när ett hushåll med barn ansöker om bistånd.");

    doc.addPage();
    headerFooter(doc, header, 2, 3);
    heading(doc, "3 Handläggning");
    body(doc, "Följ stegen nedan när en ny ansökan kommer in.");
    lines(doc, [
      "1. Registrera ansökan i verksamhetssystemet samma dag.",
      "2. Kontrollera att underlag för inkomster och utgifter finns.",
      "3. Boka ett nybesök inom sju arbetsdagar.",
      "4. Fatta beslut och skicka beslutet till sökanden.",
    ]);
    heading(doc, "4 Riksnorm");
    body(doc, "Tabellen visar exempel på belopp per månad.");
    tableRows(doc, [
      ["Hushåll", "Belopp per månad"],
      ["Ensamstående", "3 550 kr"],
      ["Sambor", "6 410 kr"],
    ]);

    doc.addPage();
    headerFooter(doc, header, 3, 3);
    heading(doc, "5 Överklagande");
    body(doc, "Beslutet kan överklagas till förvaltningsrätten inom tre veckor från det att sökanden fick del av beslutet.");
    heading(doc, "6 Uppföljning");
    body(doc, "Rutinen följs upp årligen av enhetschefen för försörjningsstöd.");
  });
}

/** Page 1 has text; page 2 only vector drawings, like a scanned page without OCR. */
function scannedPagePdf(): Promise<Buffer> {
  return renderPdf({ info: { Title: "Skannad bilaga" } }, (doc) => {
    heading(doc, "Bilaga till rutin för hembesök", 16);
    body(doc, "Nästa sida är en inskannad blankett som saknar textlager.");
    doc.addPage();
    doc.rect(72, 72, 450, 600).stroke();
    doc.rect(100, 100, 200, 30).fill("#999999");
    doc.circle(300, 400, 80).fill("#cccccc");
    doc.moveTo(100, 700).lineTo(500, 700).stroke();
  });
}

function encryptedPdf(): Promise<Buffer> {
  return renderPdf({ userPassword: "hemligt", ownerPassword: "agare", pdfVersion: "1.7" }, (doc) => {
    body(doc, "Detta dokument är lösenordsskyddat.");
  });
}

/** Ekonomiskt bistånd, two pages, for the fixture corpus. */
function corpusBistandPdf(): Promise<Buffer> {
  const header = "Ekby kommun – Ekonomiskt bistånd";
  return renderPdf({ info: { Title: "Ekonomiskt bistånd – handläggning" } }, (doc) => {
    headerFooter(doc, header, 1, 2);
    heading(doc, "Ekonomiskt bistånd – handläggning", 18);
    heading(doc, "1 Ansökan");
    body(doc, "Ansökan om ekonomiskt bistånd görs via e-tjänsten eller på blankett. En ansökan ska handläggas skyndsamt och beslut ska fattas inom 14 dagar från komplett ansökan.");
    heading(doc, "2 Nödprövning");
    body(doc, "Vid akut nöd ska sökanden få ett beslut samma dag. Nödprövning görs av dagens jourhavande socialsekreterare.");
    doc.addPage();
    headerFooter(doc, header, 2, 2);
    heading(doc, "3 Utbetalning");
    body(doc, "Beviljat bistånd betalas ut till sökandens bankkonto. Utbetalning sker senast tredje bankdagen efter beslutet.");
    heading(doc, "4 Återkrav");
    body(doc, "Har bistånd betalats ut på grund av oriktiga uppgifter ska nämnden pröva återkrav enligt 16 kap. SoL.");
  });
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

/** A DOCX with headings, a numbered list and a table. */
function routineDocx(title: string, withTable: { head: string[]; rows: string[][] }, steps: string[], intro: string): Promise<Buffer> {
  const doc = new Document({
    creator: "Ekby kommun",
    title,
    numbering: {
      config: [
        {
          reference: "steg",
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: intro }),
          new Paragraph({ text: "Gör så här", heading: HeadingLevel.HEADING_2 }),
          ...steps.map((s) => new Paragraph({ text: s, numbering: { reference: "steg", level: 0 } })),
          new Paragraph({ text: "Delegation", heading: HeadingLevel.HEADING_2 }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ children: withTable.head.map((h) => cell(h, true)) }),
              ...withTable.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
            ],
          }),
          new Paragraph({ text: "Kontakta enhetschefen vid frågor om delegationen." }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const HTML_FIXTURE = `<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <title>Rutin för hembesök | Ekby kommun</title>
  <style>body { font-family: sans-serif; }</style>
  <script>window.analytics = "spåra mig";</script>
</head>
<body>
  <header><a href="/">Ekby kommun</a> – Intranätet</header>
  <nav><ul><li><a href="/">Start</a></li><li><a href="/rutiner">Rutiner</a></li></ul></nav>
  <main>
    <h1>Rutin för hembesök</h1>
    <p>Hembesök görs alltid av   två handläggare
       tillsammans.</p>
    <h2>Före besöket</h2>
    <ol>
      <li>Informera enhetschefen om besöket.</li>
      <li>Kontrollera om det finns <strong>risk för hot</strong> eller våld.</li>
      <li>Meddela kollegor när ni beräknar vara tillbaka.</li>
    </ol>
    <h2>Kontaktuppgifter</h2>
    <table>
      <thead><tr><th>Funktion</th><th>Telefon</th></tr></thead>
      <tbody>
        <tr><td>Socialjouren</td><td>010-123 45 67</td></tr>
        <tr><td>Enhetschef</td><td>010-123 45 00</td></tr>
      </tbody>
    </table>
    <h3>Efter besöket</h3>
    <ul><li>Dokumentera besöket i journalen inom tre dagar.</li></ul>
    <div>Rutinen gäller från 1 mars 2025.</div>
  </main>
  <aside>Relaterade länkar</aside>
  <footer>© Ekby kommun 2025 · Kontakta webbredaktionen</footer>
  <noscript>Aktivera JavaScript</noscript>
</body>
</html>
`;

const MARKDOWN_FIXTURE = `---
titel: Rutin för orosanmälan
ägare: Enhetschef barn och unga
version: 2.1
granskas: 2026-06-30
collection: barn-och-unga
---

# Orosanmälan som gäller barn

Alla som arbetar inom socialtjänsten är **skyldiga** att genast anmäla oro för att ett barn far illa,
enligt [14 kap. 1 § SoL](https://lagen.nu/2001:453).

## Så här gör du

1. Skriv ned vad du har sett eller hört.
2. Ring mottagningsgruppen på *010-123 40 00*.
3. Skicka den skriftliga anmälan samma dag.

- Anmälan kan inte göras anonymt av anställda.
- Kontakta alltid din chef.

## Ansvar

| Roll | Ansvar |
| --- | --- |
| Handläggare | Gör anmälan |
| Enhetschef | Följer upp |

> Vid akut fara: ring 112.

\`\`\`
Blankett: SOC-101
\`\`\`
`;

const UTF8_TEXT = `RUTIN FÖR TOLKANVÄNDNING

Tolk ska bokas när den enskilde inte behärskar svenska.
Behovet av tolk ska dokumenteras i journalen.

1 Bokning

Tolk bokas via kommunens upphandlade tolkförmedling.

1. Logga in i bokningssystemet.
2. Ange språk och dialekt.
3) Bekräfta bokningen via e-post.

Bakgrund
========

Språk\tTolkförmedling\tBokas senast
Arabiska\tTolkcentralen\t2 dagar före
Somaliska\tTolkcentralen\t3 dagar före
`;

const CP1252_TEXT = "Rutin för hembesök\r\n\r\nHandläggaren ska alltid meddela sin närmaste chef före ett hembesök. Öppna inte dörren för okända.\r\n";

/** NUL bytes and control characters, as from a mislabelled binary file. */
function binaryJunk(): Buffer {
  const bytes = Buffer.alloc(512);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 32;
  return bytes;
}

const CORPUS_OROSANMALAN = `---
title: Orosanmälan – barn som far illa
owner: Enhetschef mottagning barn och unga
version: "3.0"
reviewBy: 2026-12-31
collection: barn-och-unga
---

# Orosanmälan – barn som far illa

Den som arbetar inom socialtjänsten är skyldig att genast anmäla till socialnämnden
om hen i sin verksamhet får kännedom om eller misstänker att ett barn far illa.

## Mottagning av anmälan

Anmälan tas emot av mottagningsgruppen, telefon 010-123 40 00, vardagar 08.00–16.30.
Efter kontorstid tar socialjouren emot anmälan.

## Skyddsbedömning

1. Gör en skyddsbedömning samma dag som anmälan kommer in.
2. Dokumentera skyddsbedömningen i journalen.
3. Beslut om att inleda eller inte inleda utredning fattas inom 14 dagar.

## Återkoppling till anmälaren

Anmälaren från en myndighet ska få besked om utredning inletts, om hen begär det.
`;

const CORPUS_SEKRETESS_HTML = `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Sekretess och uppgiftslämnande</title></head>
<body>
<nav><a href="/">Start</a> › <a href="/rutiner">Rutiner</a></nav>
<article>
  <h1>Sekretess och uppgiftslämnande</h1>
  <p>Inom socialtjänsten gäller sekretess för uppgifter om enskildas personliga förhållanden enligt 26 kap. 1 § OSL.</p>
  <h2>Begäran om allmän handling</h2>
  <p>En begäran om att ta del av allmän handling ska behandlas skyndsamt, normalt samma dag eller inom några dagar.
  Sekretessprövningen görs av den handläggare som ansvarar för ärendet.</p>
  <h2>Uppgiftslämnande till polisen</h2>
  <ol>
    <li>Kontrollera om en sekretessbrytande bestämmelse är tillämplig.</li>
    <li>Samråd med enhetschefen innan uppgifter lämnas.</li>
    <li>Dokumentera vilka uppgifter som lämnats och till vem.</li>
  </ol>
</article>
<footer>Ekby kommun</footer>
</body>
</html>
`;

const CORPUS_TOLK_TXT = `TOLK I SOCIALTJÄNSTEN

Handläggaren ska anlita tolk när den enskilde inte behärskar svenska eller har en hörselnedsättning.
Barn eller anhöriga får aldrig användas som tolk.

1 Bokning av tolk

Tolk bokas via Tolkförmedlingen Väst senast två arbetsdagar före mötet.

1. Ange språk och dialekt.
2. Ange om tolken ska vara på plats eller delta via telefon.
3. Notera bokningsnumret i journalen.

2 Avbokning

Avbokning ska göras senast 24 timmar före mötet, annars debiteras hela kostnaden.
`;

async function write(dir: string, name: string, data: string | Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), data);
}

async function main(): Promise<void> {
  const threePage = await threePagePdf();
  await write(filesDir, "rutin-3-sidor.pdf", threePage);
  await write(filesDir, "skannad-sida.pdf", await scannedPagePdf());
  await write(filesDir, "krypterad.pdf", await encryptedPdf());
  // A real PDF header followed by a truncated body: looks like a PDF, cannot be read.
  await write(filesDir, "trasig.pdf", Buffer.concat([threePage.subarray(0, 400), Buffer.from("\u0000garbage")]));
  await write(filesDir, "tom.txt", "");
  await write(filesDir, "tom.pdf", "");
  await write(
    filesDir,
    "rutin.docx",
    await routineDocx(
      "Rutin för delegering av beslut",
      {
        head: ["Beslut", "Delegat"],
        rows: [
          ["Ekonomiskt bistånd upp till 1,5 prisbasbelopp", "Socialsekreterare"],
          ["Ekonomiskt bistånd över 1,5 prisbasbelopp", "Enhetschef"],
        ],
      },
      ["Kontrollera delegationsordningen.", "Fatta beslut inom din delegation.", "Anmäl beslutet till nämnden."],
      "Rutinen gäller för alla handläggare på individ- och familjeomsorgen.",
    ),
  );
  await write(filesDir, "rutin.html", HTML_FIXTURE);
  await write(filesDir, "rutin.md", MARKDOWN_FIXTURE);
  await write(filesDir, "utf8.txt", UTF8_TEXT);
  await write(filesDir, "cp1252.txt", Buffer.from(CP1252_TEXT, "latin1"));
  await write(filesDir, "skrap.txt", binaryJunk());
  await write(filesDir, "okant.xyz", "Det här formatet stöds inte.\n");

  await write(corpusDir, "orosanmalan.md", CORPUS_OROSANMALAN);
  await write(corpusDir, "ekonomiskt-bistand.pdf", await corpusBistandPdf());
  await write(
    corpusDir,
    "ekonomiskt-bistand.pdf.meta.yml",
    "title: Ekonomiskt bistånd – handläggning\nowner: Enhetschef försörjningsstöd\nversion: \"1.4\"\nreviewBy: 2024-03-31\ncollection: ekonomiskt-bistand\n",
  );
  await write(
    corpusDir,
    "delegationsordning.docx",
    await routineDocx(
      "Delegationsordning för individ- och familjeomsorgen",
      {
        head: ["Ärende", "Delegat"],
        rows: [
          ["Beslut om ekonomiskt bistånd enligt 4 kap. 1 § SoL upp till 1,5 prisbasbelopp", "Socialsekreterare"],
          ["Beslut om ekonomiskt bistånd över 1,5 prisbasbelopp", "Enhetschef"],
          ["Beslut om att inleda utredning enligt 11 kap. 1 § SoL", "Socialsekreterare"],
          ["Beslut om placering i HVB", "Individutskottet"],
        ],
      },
      ["Kontrollera att ärendet finns i delegationsordningen.", "Fatta beslut inom din delegation.", "Anmäl delegationsbeslutet till nämnden månaden efter beslutet."],
      "Delegationsordningen anger vem som får fatta beslut på socialnämndens vägnar.",
    ),
  );
  await write(corpusDir, "delegationsordning.docx.meta.yml", "title: Delegationsordning IFO\nowner: Socialnämnden\nversion: \"2025-1\"\nreviewBy: 2026-01-31\n");
  await write(join(corpusDir, "gemensamt"), "sekretess.html", CORPUS_SEKRETESS_HTML);
  await write(join(corpusDir, "gemensamt"), "sekretess.html.meta.yml", "ägare: Förvaltningsjurist\nrevideras: 2026-09-30\n");
  await write(corpusDir, "tolk.txt", CORPUS_TOLK_TXT);
  await write(corpusDir, "tolk.txt.meta.yml", "title: Tolk i socialtjänsten\nowner: Enhetschef vuxen\nreviewBy: 2026-05-31\n");
  await write(corpusDir, "SOURCES.md", "# Källor\n\nFiktiva rutiner för Ekby kommun, skrivna för testerna.\n");
  await write(corpusDir, ".utkast.md", "# Dold fil\n\nSka inte läsas in.\n");
  console.log(`Fixtures written to ${filesDir} and ${corpusDir}`);
}

await main();
