/**
 * Renders a source document to DOCX with real Word styles: Heading1–3,
 * numbered lists through a numbering definition (restarting per list), and
 * tables with a repeating header row. Header and footer mirror the PDFs.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { SourceBlock, SourceDocument } from "./source-format.js";

const FIXED_ISO = "2026-01-15T08:00:00Z";
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** Renders `source` to DOCX bytes. Timestamps are pinned so rebuilds only differ when content does. */
export async function renderDocx(source: SourceDocument): Promise<Buffer> {
  const { meta } = source;
  let listInstance = 0;
  const children: (Paragraph | Table)[] = [];
  for (const block of source.blocks) children.push(...renderBlock(block, () => ++listInstance));

  const doc = new Document({
    creator: `Exempelby kommun, Socialförvaltningen, ${meta.owner}`,
    title: meta.title,
    description: meta.routineName,
    keywords: meta.collection,
    numbering: {
      config: [
        {
          reference: "steg",
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: "%1.",
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
        {
          reference: "punkt",
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: "•",
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        headers: {
          default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: "Exempelby kommun – Socialförvaltningen", size: 18 })] })] }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `Rutin: ${meta.routineName} | Version ${meta.versionLabel} | Sida `, size: 18 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 18 }),
                  new TextRun({ text: " av ", size: 18 }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 18 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });

  // docx stamps core.xml and every zip entry with the current time; pin both.
  // Zip entries store local wall-clock time, so the pinned instant is built
  // from local components to give the same bytes in every time zone.
  const core = coreXml(meta.title, `Exempelby kommun, Socialförvaltningen, ${meta.owner}`);
  const realNow = Date.now;
  const pinned = new Date(2026, 0, 15, 8, 0, 0).getTime();
  Date.now = () => pinned;
  try {
    return await Packer.toBuffer(doc, false, [{ path: "docProps/core.xml", data: core }]);
  } finally {
    Date.now = realNow;
  }
}

function renderBlock(block: SourceBlock, nextListInstance: () => number): (Paragraph | Table)[] {
  switch (block.kind) {
    case "heading":
      return [new Paragraph({ text: block.text, heading: HEADINGS[block.level] })];
    case "paragraph":
      return [new Paragraph({ text: block.text, spacing: { after: 120 } })];
    case "ordered": {
      const instance = nextListInstance();
      return block.items.map((item) => new Paragraph({ text: item, numbering: { reference: "steg", level: 0, instance } }));
    }
    case "bullets":
      return block.items.map((item) => new Paragraph({ text: item, numbering: { reference: "punkt", level: 0 } }));
    case "table":
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [block.header, ...block.rows].map(
            (cells, r) =>
              // Only the header row gets the properties: docx writes `w:val="off"`
              // for false, which mammoth still reads as a header row.
              new TableRow({
                ...(r === 0 ? { tableHeader: true } : {}),
                children: block.header.map(
                  (_, c) =>
                    new TableCell({
                      children: [new Paragraph({ children: [new TextRun({ text: cells[c] ?? "", ...(r === 0 ? { bold: true } : {}) })] })],
                    }),
                ),
              }),
          ),
        }),
        new Paragraph({ text: "" }),
      ];
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function coreXml(title: string, creator: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(title)}</dc:title><dc:creator>${escapeXml(creator)}</dc:creator>` +
    `<cp:lastModifiedBy>${escapeXml(creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_ISO}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_ISO}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}
