'use client';
// Inventory by provider, account and region; each count opens the instance list filtered to it.
// A client component only to keep the page payload small (rows travel as data); rendered on the server.
import type { InventoryBreakdown } from '@/lib/posture/inventory-breakdown';
import { instancesHref } from './links';
import { NumberLink } from './number-link';

export function InventoryPanel({ inventory }: { inventory: InventoryBreakdown }) {
  return (
    <section className="rounded border border-slate-200 bg-white" aria-labelledby="inventory-breakdown-heading">
      <h2 id="inventory-breakdown-heading" className="border-b border-slate-200 px-4 py-3 font-medium">
        Inventory by provider, account and region
      </h2>
      <table className="min-w-full text-sm">
        <caption className="sr-only">Instances by provider, account and region</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-4 py-2">Provider</th>
            <th scope="col" className="px-4 py-2">Platform</th>
            <th scope="col" className="px-4 py-2">Account / project</th>
            <th scope="col" className="px-4 py-2">Region</th>
            <th scope="col" className="px-4 py-2 text-right">Instances</th>
          </tr>
        </thead>
        <tbody>
          {inventory.groups.map((g) => (
            <tr key={`${g.provider}|${g.platform}|${g.account}|${g.region}`} className="border-t border-slate-200" data-testid="inventory-row">
              <td className="px-4 py-2">{g.provider}</td>
              <td className="px-4 py-2">{g.platform}</td>
              <td className="px-4 py-2 font-mono text-xs">{g.account ?? '—'}</td>
              <td className="px-4 py-2">{g.region ?? '—'}</td>
              <td className="px-4 py-2 text-right">
                <NumberLink
                  value={g.instances}
                  href={instancesHref({ provider: g.provider, platform: g.platform, account: g.account, region: g.region })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
