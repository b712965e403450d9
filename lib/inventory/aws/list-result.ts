// The result of one paginated read: the items read so far and, when it stopped early, why.
// Items from pages that did arrive are kept (an incomplete list is still evidence; the source's
// status says it is incomplete).

import { classifyAwsError, type AwsFailure } from './errors';

export interface ListResult<T> {
  items: T[];
  failure?: AwsFailure;
}

export const DISABLED: AwsFailure = {
  outcome: 'disabled',
  code: 'Disabled',
  message: 'switched off for this account in the scanner configuration',
};

/** Drains an SDK paginator, keeping the pages that arrived if a later page fails. */
export async function drainPages<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<ListResult<T>> {
  const items: T[] = [];
  try {
    for await (const page of pages) items.push(...(pick(page) ?? []));
    return { items };
  } catch (error) {
    return { items, failure: classifyAwsError(error) };
  }
}

/** Runs one non-paginated call. */
export async function single<T>(call: () => Promise<T[] | undefined>): Promise<ListResult<T>> {
  try {
    return { items: (await call()) ?? [] };
  } catch (error) {
    return { items: [], failure: classifyAwsError(error) };
  }
}
