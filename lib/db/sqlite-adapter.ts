// SQLite through better-sqlite3, with every transaction IMMEDIATE. The adapter begins transactions
// DEFERRED: one that reads and then writes, after another process (worker, CLI) committed in
// between, gets SQLITE_BUSY_SNAPSHOT at its first write — at once, the busy timeout does not apply —
// which Prisma reports as "Operation has timed out". Taking the write lock at BEGIN makes such a
// transaction wait for the other writer instead (up to the busy timeout).
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;

const statement = (sql: string) => ({ sql, args: [], argTypes: [] });

async function immediately(tx: Transaction): Promise<Transaction> {
  try {
    // Nothing has run in the adapter's deferred BEGIN yet: end it and begin again, IMMEDIATE, on
    // the same connection (the adapter's mutex is still held by this transaction).
    await tx.executeRaw(statement('ROLLBACK'));
    await tx.executeRaw(statement('BEGIN IMMEDIATE'));
    return tx;
  } catch (err) {
    await tx.rollback(); // releases the adapter's mutex; no transaction is open on the connection
    throw err;
  }
}

export class ImmediateSqliteAdapter extends PrismaBetterSqlite3 {
  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => immediately(await start(isolationLevel));
    return adapter;
  }
}
