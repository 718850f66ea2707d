/**
 * Word lists for the benchmark corpus: the processes, actors, systems, laws
 * and phrasing of Swedish municipal social-services routines. Documents and
 * questions are built by combining these, so that no two documents are the
 * same (BM25 and HNSW behave unrealistically on duplicates) while every
 * question has words the corpus actually uses. Only Windows-1252 characters:
 * the PDF renderer uses the built-in Helvetica.
 */

/** A routine topic: what the routine is about and where it is filed. */
export interface Topic {
  /** Noun phrase, e.g. "orosanmälan". */
  name: string;
  /** Folder (collection) in the corpus. */
  collection: string;
  /** Law the routine rests on. */
  law: string;
  /** Topic-specific words that recur in its documents. */
  terms: string[];
}

export const TOPICS: Topic[] = [
  { name: "orosanmälan", collection: "barn-och-unga", law: "14 kap. 1 § SoL", terms: ["skyddsbedömning", "förhandsbedömning", "anmälare", "mottagningsgruppen", "barnets bästa"] },
  { name: "skyddsbedömning", collection: "barn-och-unga", law: "11 kap. 1 a § SoL", terms: ["akut skydd", "riskfaktorer", "skyddsfaktorer", "samma dag", "omedelbart"] },
  { name: "omedelbart omhändertagande", collection: "barn-och-unga", law: "6 § LVU", terms: ["förvaltningsrätten", "ordförandebeslut", "polishandräckning", "underställning", "vårdnadshavare"] },
  { name: "placering i familjehem", collection: "barn-och-unga", law: "6 kap. 1 § SoL", terms: ["familjehemsutredning", "matchning", "vårdplan", "genomförandeplan", "umgänge"] },
  { name: "placering på HVB", collection: "barn-och-unga", law: "6 kap. 1 § SoL", terms: ["ramavtal", "upphandlat", "inskrivning", "behandlingsplan", "utslussning"] },
  { name: "barnutredning", collection: "barn-och-unga", law: "11 kap. 2 § SoL", terms: ["BBIC", "barnsamtal", "nätverksmöte", "utredningstid", "fyra månader"] },
  { name: "kontaktperson för barn", collection: "barn-och-unga", law: "3 kap. 6 b § SoL", terms: ["kontaktfamilj", "uppdragsavtal", "arvode", "omkostnadsersättning", "belastningsregister"] },
  { name: "ensamkommande barn", collection: "barn-och-unga", law: "2 a kap. SoL", terms: ["god man", "Migrationsverket", "åldersbedömning", "stödboende", "asylprocess"] },
  { name: "umgängesstöd", collection: "barn-och-unga", law: "6 kap. 15 c § FB", terms: ["tingsrätten", "umgängesstödjare", "överlämning", "dokumentation av umgänge", "familjerätten"] },
  { name: "ansökan om försörjningsstöd", collection: "ekonomiskt-bistand", law: "4 kap. 1 § SoL", terms: ["riksnormen", "skälig levnadsnivå", "kontoutdrag", "hyreskontrakt", "inkomstuppgifter"] },
  { name: "nödbistånd", collection: "ekonomiskt-bistand", law: "4 kap. 1 § SoL", terms: ["akut behov", "matkort", "samma dag", "jourhavande", "kvittering"] },
  { name: "återkrav av ekonomiskt bistånd", collection: "ekonomiskt-bistand", law: "9 kap. 1 § SoL", terms: ["felaktiga uppgifter", "återbetalningsplan", "avbetalning", "preskription", "kronofogden"] },
  { name: "skuldrådgivning", collection: "ekonomiskt-bistand", law: "skuldsaneringslagen", terms: ["budgetrådgivning", "skuldsanering", "avbetalningsplan", "inkassokrav", "kronofogdemyndigheten"] },
  { name: "bostadssociala insatser", collection: "ekonomiskt-bistand", law: "5 kap. 1 § SoL", terms: ["andrahandskontrakt", "träningslägenhet", "hyresvärd", "vräkningsförebyggande", "hyresskuld"] },
  { name: "arbetsmarknadsinsatser", collection: "ekonomiskt-bistand", law: "4 kap. 4 § SoL", terms: ["praktik", "jobbtorget", "planeringssamtal", "aktivitetsplan", "Arbetsförmedlingen"] },
  { name: "missbruksutredning", collection: "vuxen", law: "11 kap. 1 § SoL", terms: ["ASI-intervju", "AUDIT", "abstinens", "öppenvård", "beroendemottagningen"] },
  { name: "anmälan enligt LVM", collection: "vuxen", law: "6 § LVM", terms: ["tvångsvård", "LVM-hem", "läkarintyg", "förvaltningsrätten", "omedelbart omhändertagande"] },
  { name: "våld i nära relationer", collection: "vuxen", law: "5 kap. 11 § SoL", terms: ["skyddat boende", "FREDA-kortfrågor", "riskbedömning", "skyddade personuppgifter", "kvinnojouren"] },
  { name: "hedersrelaterat våld", collection: "vuxen", law: "5 kap. 11 § SoL", terms: ["PATRIARK", "tvångsäktenskap", "skyddsplanering", "utresa", "samverkansteamet"] },
  { name: "boendestöd", collection: "vuxen", law: "4 kap. 1 § SoL", terms: ["socialpsykiatri", "vardagsstöd", "genomförandeplan", "hemmet", "schema"] },
  { name: "hemlöshet", collection: "vuxen", law: "4 kap. 1 § SoL", terms: ["härbärge", "akutboende", "Bostad först", "uppsökande arbete", "natthärbärget"] },
  { name: "socialjouren", collection: "vuxen", law: "2 kap. 1 § SoL", terms: ["beredskap", "jourtelefon", "överrapportering", "helgtid", "tjänsteanteckning"] },
  { name: "personlig assistans", collection: "lss", law: "9 § 2 LSS", terms: ["grundläggande behov", "assistansersättning", "Försäkringskassan", "timmar per vecka", "assistansanordnare"] },
  { name: "daglig verksamhet", collection: "lss", law: "9 § 10 LSS", terms: ["personkrets", "habiliteringsersättning", "verksamhetsplan", "sysselsättning", "yrkesverksam ålder"] },
  { name: "korttidsvistelse", collection: "lss", law: "9 § 6 LSS", terms: ["avlösning", "miljöombyte", "korttidshem", "stödfamilj", "rekreation"] },
  { name: "ledsagarservice", collection: "lss", law: "9 § 3 LSS", terms: ["fritidsaktiviteter", "ledsagare", "timmar per månad", "omkostnader", "kulturaktiviteter"] },
  { name: "bostad med särskild service", collection: "lss", law: "9 § 9 LSS", terms: ["gruppbostad", "servicebostad", "kö till bostad", "hyresavtal", "ej verkställda beslut"] },
  { name: "hemtjänst", collection: "aldreomsorg", law: "4 kap. 1 § SoL", terms: ["biståndsbedömning", "serviceinsatser", "omvårdnad", "trygghetslarm", "utförare"] },
  { name: "särskilt boende för äldre", collection: "aldreomsorg", law: "4 kap. 1 § SoL", terms: ["vård- och omsorgsboende", "kösystem", "erbjudande", "parboende", "avgiftsbeslut"] },
  { name: "anhörigstöd", collection: "aldreomsorg", law: "5 kap. 10 § SoL", terms: ["anhörigkonsulent", "avlösning i hemmet", "samtalsgrupp", "växelvård", "dagverksamhet"] },
  { name: "lex Sarah", collection: "gemensamt", law: "14 kap. 3 § SoL", terms: ["missförhållande", "påtaglig risk", "IVO", "utredning av avvikelse", "åtgärdsplan"] },
  { name: "avvikelsehantering", collection: "gemensamt", law: "SOSFS 2011:9", terms: ["avvikelserapport", "händelseanalys", "kvalitetsledningssystem", "egenkontroll", "lärande"] },
  { name: "sekretessprövning", collection: "gemensamt", law: "26 kap. 1 § OSL", terms: ["menprövning", "utlämnande av handling", "samtycke", "uppgiftsskyldighet", "sekretessbrytande"] },
  { name: "dokumentation och journalföring", collection: "gemensamt", law: "11 kap. 5 § SoL", terms: ["journalanteckning", "aktualisering", "gallring", "arkivering", "tjänsteanteckning"] },
  { name: "personuppgiftsincident", collection: "gemensamt", law: "artikel 33 GDPR", terms: ["dataskyddsombudet", "IMY", "72 timmar", "incidentrapport", "konsekvensbedömning"] },
  { name: "tolkbeställning", collection: "gemensamt", law: "13 § FL", terms: ["auktoriserad tolk", "telefontolk", "avbokning", "tolkförmedlingen", "jäv"] },
  { name: "hot och våld mot personal", collection: "gemensamt", law: "AFS 1993:2", terms: ["larm", "hotbedömning", "polisanmälan", "ensamarbete", "krishantering"] },
  { name: "synpunkter och klagomål", collection: "gemensamt", law: "SOSFS 2011:9", terms: ["synpunktshantering", "återkoppling", "e-tjänst", "registrering", "förbättringsarbete"] },
  { name: "överklagande av beslut", collection: "gemensamt", law: "16 kap. 3 § SoL", terms: ["rättidsprövning", "förvaltningsrätten", "omprövning", "yttrande", "tre veckor"] },
  { name: "delegation av beslut", collection: "gemensamt", law: "6 kap. 37 § KL", terms: ["delegationsordning", "delegat", "anmälan till nämnden", "ersättare", "individutskottet"] },
];

export const ASPECTS = ["mottagning", "handläggning", "utredning", "beslut", "uppföljning", "dokumentation", "samverkan", "avslut"];

export const TARGET_GROUPS = [
  "barn och unga", "vuxna med missbruk", "äldre personer", "personer med funktionsnedsättning", "våldsutsatta vuxna",
  "unga vuxna", "nyanlända familjer", "personer med psykisk ohälsa", "föräldrar med små barn", "personer i hemlöshet",
];

export const ACTORS = [
  "socialsekreteraren", "handläggaren", "enhetschefen", "1:e socialsekreteraren", "biståndshandläggaren", "LSS-handläggaren",
  "familjehemssekreteraren", "mottagningssekreteraren", "avdelningschefen", "nämndsekreteraren", "registratorn",
  "verksamhetsutvecklaren", "kontaktpersonen", "jourhavande socialsekreterare", "teamledaren", "MAS", "arbetsledaren",
];

export const UNITS = [
  "Mottagningen barn och unga", "Enheten för ekonomiskt bistånd", "Enheten för funktionsstöd", "Vuxenenheten", "Socialjouren",
  "Familjerätten", "Enheten för familjehem", "Myndighetsenheten äldreomsorg", "Kvalitets- och utvecklingsenheten",
  "Relationsvåldsteamet", "Beroendeenheten", "Jobbtorg Exempelby", "Enheten för socialpsykiatri", "Utredningsgruppen barn",
];

export const SYSTEMS = ["Lifecare", "Treserva", "Procapita", "Viva", "Combine", "Platina", "W3D3", "Siebel"];

export const DEADLINES = [
  "samma dag", "inom 24 timmar", "inom tre arbetsdagar", "inom fem arbetsdagar", "inom 14 dagar", "inom två veckor",
  "inom en månad", "inom fyra månader", "senast vid nästa arbetsdag", "inom åtta veckor", "inom 72 timmar", "inom sju dagar",
];

export const DOCUMENTS = [
  "blankett", "mall för journalanteckning", "checklista", "beslutsmall", "utredningsmall", "tjänsteskrivelse",
  "genomförandeplan", "vårdplan", "överenskommelse", "samtyckesblankett", "underrättelse", "kommuniceringsbrev",
];

export const PARTNERS = [
  "Region Exempellän", "Polisen", "Försäkringskassan", "Arbetsförmedlingen", "skolan", "förskolan", "BUP",
  "vårdcentralen", "Kronofogden", "Migrationsverket", "IVO", "hyresvärden", "frivården", "överförmyndaren",
];

export const PLACES = ["Norrby", "Söderås", "Västerviken", "Östermalm", "Bäckadal", "Lindhaga", "Granlunda", "Ekbacken", "Stenhamra", "Sjövik"];

export const WEEKDAYS = ["måndagar", "tisdagar", "onsdagar", "torsdagar", "fredagar"];

/** Filler sentences; `{x}` slots are filled from the lists above. */
export const SENTENCES = {
  purpose: [
    "Rutinen beskriver hur {unit} arbetar med {topic} för {group} och vem som ansvarar för vad.",
    "Syftet är att {topic} ska handläggas rättssäkert, likvärdigt och skyndsamt enligt {law}.",
    "Rutinen gäller alla medarbetare som arbetar med {topic} inom {unit}.",
    "Den ska ge stöd i {aspect} så att {group} får ett korrekt bemötande och beslut som går att följa upp.",
    "Rutinen kompletterar socialnämndens riktlinjer och Socialstyrelsens handbok om {topic}.",
  ],
  responsibility: [
    "{actorC} ansvarar för att {topic} registreras i {system} {deadline}.",
    "{actorC} fattar beslut enligt delegationsordningen och ska vid behov samråda med {actor2}.",
    "Ytterst ansvarig för rutinen är {actor2} vid {unit}.",
    "{actorC} ser till att {term} dokumenteras och att den enskilde informeras om sina rättigheter.",
    "Vid frånvaro övertar {actor2} ansvaret och överlämning sker muntligt och skriftligt.",
  ],
  step: [
    "{actorC} tar emot ärendet och registrerar det i {system} {deadline}.",
    "Gör en första bedömning av {term} och notera resultatet i {doc}.",
    "Kontakta den enskilde och boka ett samtal {deadline}, i första hand i {place}.",
    "Inhämta uppgifter från {partner} efter samtycke från den enskilde.",
    "Stäm av ärendet med {actor2} innan beslut fattas.",
    "Skriv beslutet med {doc} och ange vilket lagrum som gäller ({law}).",
    "Skicka beslutet till den enskilde med information om hur man överklagar.",
    "Planera uppföljning och boka den i {system} {deadline}.",
    "Kommunicera utredningen med den enskilde, som normalt får sju dagar att lämna synpunkter.",
    "Vid akut risk kontaktas {actor2} omedelbart och {partner} larmas vid behov.",
    "Arkivera handlingarna enligt dokumenthanteringsplanen när ärendet avslutas.",
    "Registrera {term} som egen rubrik i journalen och ange datum för nästa kontakt.",
  ],
  documentation: [
    "All dokumentation sker i {system} med {doc}.",
    "Journalanteckningar ska skrivas {deadline} och vara sakliga, korta och begripliga för den enskilde.",
    "Uppgifter om {term} får bara lämnas ut efter sekretessprövning enligt OSL.",
    "Handlingar som kommer in på papper skannas och registreras av registratorn {deadline}.",
  ],
  followup: [
    "Insatsen följs upp {deadline} efter att den har påbörjats och därefter minst var sjätte månad.",
    "{actorC} redovisar statistik över {topic} till {unit} varje kvartal.",
    "Vid uppföljningen bedöms om målen i {doc} har uppnåtts och om {term} behöver ses över.",
    "Rutinen revideras årligen av {unit}; synpunkter lämnas till {actor2}.",
  ],
  contact: [
    "Frågor om rutinen besvaras av {unit}, telefon {phone}, telefontid {weekday} {time}.",
    "Funktionsbrevlådan {mail} läses varje arbetsdag.",
    "Utanför kontorstid kontaktas Socialjouren, telefon 0123-45 69 00.",
  ],
};

/** Short duty phrases for responsibility lists ("Enhetschefen: …"). */
export const DUTIES = [
  "ansvarar för att {topic} registreras i {system} {deadline}.",
  "fattar beslut om {term} enligt delegationsordningen.",
  "ser till att {doc} används och att handlingarna arkiveras.",
  "samordnar kontakten med {partner}.",
  "följer upp {term} {deadline} och rapporterar avvikelser till {unit}.",
  "informerar den enskilde om {topic} och om rätten att överklaga.",
];

/** Question templates; each is answerable from documents about `{topic}`. */
export const QUESTION_TEMPLATES = [
  "Hur går {aspect} av {topic} till?",
  "Vem ansvarar för {topic}?",
  "Vem fattar beslut om {topic}?",
  "Inom hur lång tid ska {topic} registreras?",
  "Vilket system används för att dokumentera {topic}?",
  "Vad ska jag göra vid {topic} för {group}?",
  "Hur följs {topic} upp?",
  "Vilket lagrum gäller för {topic}?",
  "Vem kontaktar jag med frågor om {topic}?",
  "Vad innebär {term} vid {topic}?",
  "Hur dokumenteras {term}?",
  "När ska {partner} kontaktas om {topic}?",
];

/** Questions the routines do not answer (realistic abstentions). */
export const UNANSWERABLE = [
  "Vilken leverantör har kommunen för städning av kontoren?",
  "Hur stor är budgeten för personalfesten i år?",
  "Vilka öppettider har simhallen i Norrby?",
  "Hur bokar jag parkeringsplats vid stadshuset?",
  "Vem vann kommunens innebandyturnering?",
];
