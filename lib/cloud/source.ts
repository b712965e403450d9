// A source is one scope the collector enumerated: an AWS account in one region, or a Google Cloud
// project (all locations). Its status tells whether its inventory can be trusted as complete
// (catalog RED-INV-002): an `error` source may have left resources unlisted, so the app keeps the
// scope's previously known instances as not assessed instead of dropping or passing them.

export type SourceStatus =
  /** Every call succeeded. */
  | 'ok'
  /** The inventory is complete, but some facts could not be read (see errors). */
  | 'partial'
  /** The scope could not be enumerated completely (credentials, permissions, throttling, outage). */
  | 'error';

export interface SourceError {
  /** IAM-style action (`elasticache:DescribeReplicationGroups`) or the Google method. */
  api: string;
  /** Provider error code (`AccessDenied`, `Throttling`, `PERMISSION_DENIED`, `ECONNREFUSED`). */
  code: string;
  message: string;
  /** How many calls failed this way (identical api+code are reported once). */
  count: number;
}

export interface Source {
  provider: 'aws' | 'gcp';
  /** AWS account id (or "unknown" when the credentials never worked); Google project id. */
  account: string;
  /** AWS region; "*" for account-wide failures and for Google projects (all locations). */
  region: string;
  status: SourceStatus;
  errors: SourceError[];
  /** How the scope was reached: "base credentials", the role ARN, the project. */
  via: string;
  resourceCount: number;
}

/** Collects errors for one source, folding repeats of the same api+code. */
export class SourceErrors {
  private readonly byKey = new Map<string, SourceError>();

  add(api: string, code: string, message: string): void {
    const key = `${api}\u0000${code}`;
    const existing = this.byKey.get(key);
    if (existing) existing.count += 1;
    else this.byKey.set(key, { api, code, message, count: 1 });
  }

  list(): SourceError[] {
    return [...this.byKey.values()];
  }

  get size(): number {
    return this.byKey.size;
  }
}
