/**
 * The fictional demo universe: 50 companies in 8 sectors plus the SPY benchmark. Names and
 * symbols are invented; any resemblance to a listed company is accidental.
 */

export type DemoSector =
  | "Information Technology"
  | "Health Care"
  | "Financials"
  | "Energy"
  | "Industrials"
  | "Consumer Discretionary"
  | "Consumer Staples"
  | "Utilities";

/**
 * Daily log-return model per sector: r = drift + beta·m + s + e, with m the market factor
 * (vol DEMO_MARKET_VOL), s the sector factor (vol sectorVol) and e idiosyncratic noise sized so
 * the total daily vol is about totalVol (1–3%). The shared s is what makes sectors correlate.
 */
export interface DemoSectorSpec {
  beta: number;
  sectorVol: number;
  totalVol: number;
}

export const DEMO_MARKET_VOL = 0.008;

export const DEMO_SECTORS: Readonly<Record<DemoSector, DemoSectorSpec>> = {
  "Information Technology": { beta: 1.25, sectorVol: 0.009, totalVol: 0.022 },
  "Health Care": { beta: 0.85, sectorVol: 0.007, totalVol: 0.017 },
  Financials: { beta: 1.15, sectorVol: 0.008, totalVol: 0.018 },
  Energy: { beta: 1.0, sectorVol: 0.014, totalVol: 0.026 },
  Industrials: { beta: 1.05, sectorVol: 0.006, totalVol: 0.016 },
  "Consumer Discretionary": { beta: 1.2, sectorVol: 0.008, totalVol: 0.02 },
  "Consumer Staples": { beta: 0.65, sectorVol: 0.005, totalVol: 0.011 },
  Utilities: { beta: 0.55, sectorVol: 0.006, totalVol: 0.01 },
};

/** Sector order fixes the order of random draws, so it must never be reshuffled. */
export const DEMO_SECTOR_ORDER = Object.keys(DEMO_SECTORS) as DemoSector[];

export interface DemoCompany {
  symbol: string;
  name: string;
  sector: DemoSector;
}

const company = (symbol: string, name: string, sector: DemoSector): DemoCompany => ({ symbol, name, sector });
const IT: DemoSector = "Information Technology";
const HC: DemoSector = "Health Care";
const FIN: DemoSector = "Financials";
const EN: DemoSector = "Energy";
const IND: DemoSector = "Industrials";
const CD: DemoSector = "Consumer Discretionary";
const CS: DemoSector = "Consumer Staples";
const UT: DemoSector = "Utilities";

/** Order fixes the random draws too: append new companies at the end, never insert. */
export const DEMO_COMPANIES: readonly DemoCompany[] = [
  company("NWSC", "Northwind Semiconductors", IT),
  company("CRDX", "Cordax Software", IT),
  company("HLXD", "Helixdata Systems", IT),
  company("QBRG", "Quillbridge Computing", IT),
  company("SLVN", "Silverpine Networks", IT),
  company("ORBT", "Orbital Logic Devices", IT),
  company("TSSL", "Tessellate Cloud", IT),
  company("KVR", "Kavera Microsystems", IT),
  company("MRD", "Meridian Therapeutics", HC),
  company("BLWL", "Bluewell Health", HC),
  company("CVGN", "Corvigen Biosciences", HC),
  company("ASPM", "Aspenmoor Medical", HC),
  company("LNTX", "Lantrix Diagnostics", HC),
  company("VLRA", "Valora Pharma", HC),
  company("LBX", "Lumabright Biotherapeutics", HC),
  company("GRNT", "Granite Harbor Bancorp", FIN),
  company("FLCP", "Falconridge Capital", FIN),
  company("SVRN", "Sovereign Mutual Insurance", FIN),
  company("BRKS", "Brookside Financial", FIN),
  company("ATLF", "Atlas Ledger Financial", FIN),
  company("MSTC", "Mistral Trust Company", FIN),
  company("PNCL", "Pinnacle Crest Payments", FIN),
  company("PTX", "Petrarch Energy", EN),
  company("BRNS", "Brightsands Oil & Gas", EN),
  company("HLCN", "Halcyon Drilling", EN),
  company("SLRF", "Solarfield Renewables", EN),
  company("DPWL", "Deepwell Resources", EN),
  company("IRFG", "Ironforge Industries", IND),
  company("ARW", "Aeroway Logistics", IND),
  company("KSTL", "Keystone Rail", IND),
  company("TRBN", "Turbinex Aerospace", IND),
  company("MTRX", "Metrix Automation", IND),
  company("HVLC", "Haverlock Machinery", IND),
  company("VOYG", "Voyager Outfitters", CD),
  company("CRSL", "Carousel Entertainment", CD),
  company("LXHM", "Luxhome Furnishings", CD),
  company("SPRK", "Sparkline Motors", CD),
  company("TRVL", "Travelle Resorts", CD),
  company("ZPHR", "Zephyr Apparel", CD),
  company("GRV", "Green Valley Foods", CS),
  company("HRTH", "Hearthstone Brands", CS),
  company("PRMW", "Primewell Beverages", CS),
  company("CLRB", "Clearbrook Household", CS),
  company("OKFD", "Oakfield Farms", CS),
  company("CSL", "Coastal Power & Light", UT),
  company("RVRG", "River Grid Utilities", UT),
  company("SMMT", "Summit Water Works", UT),
  company("NRTH", "Northgate Gas", UT),
  company("PRRG", "Prairie Gas & Electric", UT),
  company("ELCT", "Electra Transmission", UT),
];

export const DEMO_BENCHMARK = {
  symbol: "SPY",
  name: "SPDR S&P 500 ETF Trust",
  sector: "Benchmark",
  /** SPY's actual close on 2021-01-04, for realism; later closes follow the demo market. */
  initialClose: 368.79,
} as const;
