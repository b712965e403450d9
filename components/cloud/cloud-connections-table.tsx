import { ScanNowButton } from '@/components/scans/scan-now-button';
import type { StartScanState } from '@/app/(app)/instances/actions';
import type { CloudConnectionView } from '@/lib/cloud-scans/list-cloud-connections';
import { TestConnectionButton, type TestConnectionState } from './test-connection-button';

const TEST_STYLES: Record<string, string> = {
  ok: 'text-emerald-800',
  partial: 'text-amber-900',
  error: 'text-red-800',
};

/** AWS accounts and Google projects, with Test connection and Scan (each shown only with its permission). */
export function CloudConnectionsTable({
  connections,
  test,
  scan,
}: {
  connections: CloudConnectionView[];
  /** Bound server actions per connection id; absent when the user may not use them. */
  test?: (id: string) => () => Promise<TestConnectionState>;
  scan?: (id: string) => () => Promise<StartScanState>;
}) {
  return (
    <table className="min-w-full rounded border border-slate-200 bg-white text-sm">
      <caption className="sr-only">Cloud accounts and projects</caption>
      <thead className="bg-slate-100 text-left">
        <tr>
          <th scope="col" className="px-4 py-2">Name</th>
          <th scope="col" className="px-4 py-2">Provider</th>
          <th scope="col" className="px-4 py-2">Scope</th>
          <th scope="col" className="px-4 py-2">Credentials</th>
          <th scope="col" className="px-4 py-2">Instances</th>
          <th scope="col" className="px-4 py-2">Last test</th>
          <th scope="col" className="px-4 py-2">Actions</th>
        </tr>
      </thead>
      <tbody>
        {connections.map((c) => (
          <tr key={c.id} className="border-t border-slate-200 align-top" data-testid="cloud-connection-row">
            <td className="px-4 py-2 font-medium">{c.name}</td>
            <td className="px-4 py-2">{c.kind === 'aws' ? 'AWS' : 'Google Cloud'}</td>
            <td className="px-4 py-2">
              {c.scope}
              {c.endpoint ? <div className="font-mono text-xs text-slate-700">endpoint {c.endpoint}</div> : null}
            </td>
            <td className="px-4 py-2">{c.credentials}</td>
            <td className="px-4 py-2">{c.instances}</td>
            <td className="px-4 py-2">
              {c.lastTestedAt ? (
                <>
                  <span className={`font-medium ${TEST_STYLES[c.lastTestStatus ?? ''] ?? ''}`}>{c.lastTestStatus}</span>{' '}
                  <span className="text-slate-700">{c.lastTestedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</span>
                  {c.lastTestStatus !== 'ok' && c.lastTestReason ? <p className="mt-1 whitespace-pre-line text-xs text-slate-800">{c.lastTestReason}</p> : null}
                </>
              ) : (
                'never'
              )}
            </td>
            <td className="space-y-2 px-4 py-2">
              {test ? <TestConnectionButton test={test(c.id)} /> : null}
              {scan ? <ScanNowButton label="Scan" start={scan(c.id)} /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
