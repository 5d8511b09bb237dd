/**
 * Unit prices for the cost estimate (`npm run cost`), as data: on-demand list prices in USD, with the date, region and
 * source they come from. Interface endpoint hours come from the endpoint catalogue (`monthlyUsdPerAz`), not from here.
 * A region without its own entry (or a price missing from it) uses the us-east-1 price, and the report says so.
 * Prices change: check them against the AWS Pricing Calculator before committing a budget.
 */
export interface UnitPrices {
  /** KMS: one customer-managed key, per month. */
  readonly kmsKeyMonth: number;
  /** KMS: each of the first two automatic rotations adds this per month (later rotations are free). */
  readonly kmsRotationMonth: number;
  /** KMS: per 10,000 API requests. */
  readonly kmsPer10kRequests: number;
  /** CloudTrail: data events, per 100,000 delivered (first copy of management events is free). */
  readonly cloudTrailDataPer100k: number;
  /** CloudWatch Logs: ingestion (standard class), per GB. */
  readonly logsIngestPerGb: number;
  /** CloudWatch Logs: archived storage, per GB-month. */
  readonly logsStoragePerGbMonth: number;
  /** Interface endpoints: data processed, per GB (first PB). */
  readonly endpointDataPerGb: number;
  /** SageMaker notebook instances: ML storage (general purpose SSD), per GB-month. */
  readonly notebookStoragePerGbMonth: number;
  /** SageMaker notebook instances and Studio apps (SageMaker lists the same on-demand rates): per hour, by instance type. */
  readonly notebookHour: Readonly<Record<string, number>>;
}

export interface PriceTable {
  /** When the prices were read from the source. */
  readonly asOf: string;
  readonly currency: "USD";
  readonly source: readonly string[];
  /** The region whose prices fill the gaps of other regions. */
  readonly baseRegion: string;
  readonly regions: Readonly<Record<string, Partial<Omit<UnitPrices, "notebookHour">> & { readonly notebookHour?: Readonly<Record<string, number>> }>>;
}

export const PRICES: PriceTable = {
  asOf: "2025-06",
  currency: "USD",
  source: [
    "https://aws.amazon.com/kms/pricing/",
    "https://aws.amazon.com/cloudtrail/pricing/",
    "https://aws.amazon.com/cloudwatch/pricing/",
    "https://aws.amazon.com/privatelink/pricing/",
    "https://aws.amazon.com/sagemaker/pricing/ (on-demand notebook instances and Studio apps)",
  ],
  baseRegion: "us-east-1",
  regions: {
    "us-east-1": {
      kmsKeyMonth: 1,
      kmsRotationMonth: 1,
      kmsPer10kRequests: 0.03,
      cloudTrailDataPer100k: 0.1,
      logsIngestPerGb: 0.5,
      logsStoragePerGbMonth: 0.03,
      endpointDataPerGb: 0.01,
      notebookStoragePerGbMonth: 0.14,
      notebookHour: {
        "ml.t3.medium": 0.05, "ml.t3.large": 0.1, "ml.t3.xlarge": 0.2, "ml.t3.2xlarge": 0.399,
        "ml.m5.large": 0.115, "ml.m5.xlarge": 0.23, "ml.m5.2xlarge": 0.461, "ml.m5.4xlarge": 0.922,
        "ml.c5.xlarge": 0.204, "ml.c5.2xlarge": 0.408,
        "ml.g4dn.xlarge": 0.7364, "ml.g5.xlarge": 1.408, "ml.p3.2xlarge": 3.825,
      },
    },
    "eu-west-1": {
      kmsKeyMonth: 1,
      kmsRotationMonth: 1,
      kmsPer10kRequests: 0.03,
      cloudTrailDataPer100k: 0.1,
      logsIngestPerGb: 0.57,
      logsStoragePerGbMonth: 0.03,
      endpointDataPerGb: 0.01,
    },
  },
};

export type PriceKey = Exclude<keyof UnitPrices, "notebookHour">;

export interface Price {
  readonly usd: number;
  /** The region the price is from (the base region when the requested one has none). */
  readonly region: string;
}

/** A table's own entry (never an inherited property such as `constructor`). */
const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;

/** A unit price for a region, falling back to the base region. */
export function unitPrice(region: string, key: PriceKey, table: PriceTable = PRICES): Price {
  const regional = own(table.regions, region)?.[key];
  if (regional !== undefined) return { usd: regional, region };
  const base = table.regions[table.baseRegion]?.[key];
  if (base === undefined) throw new Error(`price table has no ${key} for the base region ${table.baseRegion}`);
  return { usd: base, region: table.baseRegion };
}

/** The hourly price of a notebook instance type, or undefined when no region of the table lists it. */
export function notebookHourPrice(region: string, instanceType: string, table: PriceTable = PRICES): Price | undefined {
  const regional = own(own(table.regions, region)?.notebookHour, instanceType);
  if (regional !== undefined) return { usd: regional, region };
  const base = own(table.regions[table.baseRegion]?.notebookHour, instanceType);
  return base === undefined ? undefined : { usd: base, region: table.baseRegion };
}
