import { describe, expect, it } from "vitest";
import { containsPersonalData, findPersonalData, luhnValid, maskPersonalData, publicContacts, redactPersonalData } from "../../../src/privacy/pii.js";

/** Completes YYMMDDNNN with its Luhn check digit. */
function withCheckDigit(nine: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(nine + d)) return nine + d;
  throw new Error("unreachable");
}

const kinds = (text: string) => findPersonalData(text).map((s) => [s.kind, s.text]);

describe("personnummer and samordningsnummer", () => {
  it("finds the valid forms with -, + and no separator, 10 and 12 digits", () => {
    expect(kinds("pnr 811218-9876")).toEqual([["personnummer", "811218-9876"]]);
    expect(kinds("pnr 8112189876.")).toEqual([["personnummer", "8112189876"]]);
    expect(kinds("pnr 19811218-9876")).toEqual([["personnummer", "19811218-9876"]]);
    expect(kinds("pnr 198112189876")).toEqual([["personnummer", "198112189876"]]);
    expect(kinds("född 1912: 121212+1212")).toEqual([["personnummer", "121212+1212"]]);
  });

  it("tells samordningsnummer (day + 60) apart", () => {
    expect(kinds("snr 701063-2391")).toEqual([["samordningsnummer", "701063-2391"]]);
    const snr = withCheckDigit("850171123");
    expect(kinds(`snr ${snr}`)).toEqual([["samordningsnummer", snr]]);
  });

  it("rejects a wrong check digit, impossible months and days", () => {
    expect(containsPersonalData("811218-9875")).toBe(false);
    expect(containsPersonalData(withCheckDigit("811318123"))).toBe(false); // month 13
    expect(containsPersonalData(withCheckDigit("811245123"))).toBe(false); // day 45
    expect(containsPersonalData("556677-8899 är ett organisationsnummer")).toBe(false);
  });
});

describe("phone numbers, e-mail and addresses", () => {
  it.each([
    ["Ring mig på 070-123 45 67", "070-123 45 67"],
    ["Tel 08-123 456 78 efter lunch", "08-123 456 78"],
    ["nr 0701234567", "0701234567"],
    ["mobil +46 70 123 45 67", "+46 70 123 45 67"],
    ["växel +46 (0)8 123 456 78", "+46 (0)8 123 456 78"],
    ["tel 0480-123 45", "0480-123 45"],
    ["tel 031-12 34 56", "031-12 34 56"],
  ])("finds a phone number in %j", (text, found) => {
    expect(kinds(text)).toEqual([["telefonnummer", found]]);
  });

  it("finds e-mail addresses", () => {
    expect(kinds("skriv till anna.svensson@exempel.se nu")).toEqual([["e-post", "anna.svensson@exempel.se"]]);
    expect(kinds("Åsa_Öberg+x@sub.kommun.se")).toEqual([["e-post", "Åsa_Öberg+x@sub.kommun.se"]]);
  });

  it.each([
    ["Hon bor på Storgatan 12.", "Storgatan 12"],
    ["adress Kungsvägen 3B lgh 1102, 123 45 Storstad", "Kungsvägen 3B lgh 1102, 123 45 Storstad"],
    ["Lillgränd 4, 41301 Göteborg", "Lillgränd 4, 41301 Göteborg"],
    ["flyttat till björkstigen 7", "björkstigen 7"],
    ["Stortorget 1", "Stortorget 1"],
    ["Solbacken 22 A", "Solbacken 22 A"],
    ["Lindallén 5", "Lindallén 5"],
    ["Odenplan 3", "Odenplan 3"],
  ])("finds a street address in %j", (text, found) => {
    expect(kinds(text)).toEqual([["adress", found]]);
  });
});

describe("no false alarms on what routines are full of", () => {
  it.each([
    "Enligt 6 § LVU ska nämnden ansöka inom fyra veckor.",
    "11 kap. 1 § SoL och 26 kap. 1 § OSL",
    "Lagen (2025:400) om ändring i socialtjänstlagen (2001:453)",
    "SFS 2025:400 trädde i kraft 2025-07-01.",
    "Beslutet fattades 2024-03-31 och gäller till 2025-03-31 kl. 10.00.",
    "den 15 januari 2025",
    "Normen är 12 500 kr per månad, 1 234,50 kronor per vecka eller 120 000 kr per år.",
    "Dnr SN 2025-000123 och ärende 2025/123",
    "Upprätta en vårdplan 2 veckor efter placering; genomförandeplan 3 ska följas upp.",
    "Mötet hålls på plan 2 i stadshuset, arbetsplats 4.",
    "Telefontid 08.00–09.00, 8-12 och 13-16.",
    "Avsnitt 3.2.1 och bilaga 4, version 1.4",
    "Hur gör jag en orosanmälan om ett barn som är 12 år?",
  ])("%j has no personal data", (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});

describe("masking", () => {
  it("replaces each kind with its label and is idempotent", () => {
    const text = "Barnet 811218-9876 (snr 701063-2391) bor på Storgatan 12, 123 45 Lilleby, tel 070-123 45 67, mejl a.b@c.se.";
    const masked = maskPersonalData(text);
    expect(masked).toBe("Barnet [personnummer] (snr [samordningsnummer]) bor på [adress], tel [telefonnummer], mejl [e-postadress].");
    expect(maskPersonalData(masked)).toBe(masked);
    expect(findPersonalData(masked)).toEqual([]);
  });

  it("leaves public contacts from the routines alone when asked to", () => {
    const ignore = publicContacts(["Socialjouren nås på 08-123 456 78 eller jour@kommun.se."]);
    expect(maskPersonalData("Ska jag ringa 08-123 456 78 eller 070-123 45 67?", { ignore })).toBe("Ska jag ringa 08-123 456 78 eller [telefonnummer]?");
    expect(maskPersonalData("Mejla jour@kommun.se", { ignore })).toBe("Mejla jour@kommun.se");
    expect(maskPersonalData("Ska jag ringa 08 12345678?", { ignore })).toBe("Ska jag ringa 08 12345678?");
  });
});

describe("redaction for the answer pipeline", () => {
  it("removes personal data and tidies the punctuation left behind", () => {
    expect(redactPersonalData("Hur gör jag en orosanmälan för barnet 811218-9876 som bor på Storgatan 12, tel 070-123 45 67?")).toBe(
      "Hur gör jag en orosanmälan för barnet som bor på, tel?",
    );
    expect(redactPersonalData("Får jag mejla (a.b@c.se) om det?")).toBe("Får jag mejla om det?");
    expect(redactPersonalData("Inga personuppgifter här.")).toBe("Inga personuppgifter här.");
  });

  it("falls back to the masked text when nothing but personal data was typed", () => {
    expect(redactPersonalData("811218-9876")).toBe("[personnummer]");
  });
});

describe("questions: identity numbers without the check digit (issue 19)", () => {
  it("with checksum: false a written identity number with a wrong check digit counts, bare ten digits still need it", () => {
    expect(findPersonalData("brukaren 811218-9875", { checksum: false }).map((s) => s.kind)).toEqual(["personnummer"]);
    expect(findPersonalData("brukaren 19811218-9875", { checksum: false }).map((s) => s.kind)).toEqual(["personnummer"]);
    expect(findPersonalData("ärende 8112189875", { checksum: false })).toEqual([]);
    expect(findPersonalData("556677-8899 är ett organisationsnummer", { checksum: false })).toEqual([]);
    expect(redactPersonalData("Var förvaras nyckeln till 450312-1234?", { checksum: false })).toBe("Var förvaras nyckeln till?");
  });
});
