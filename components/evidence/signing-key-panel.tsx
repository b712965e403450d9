import type { ActionFormState } from '@/components/ui/use-kept-form';
import type { PublicSigningKey } from '@/lib/evidence/signing-key';
import { RotateSigningKeyForm } from './rotate-signing-key-form';

/**
 * The organisation's evidence-signing keys: the active one in full, retired ones by fingerprint;
 * `rotateAction` (administrators) adds the rotation form.
 */
export function SigningKeyPanel({ keys, rotateAction }: { keys: PublicSigningKey[]; rotateAction?: (prev: ActionFormState, form: FormData) => Promise<ActionFormState> }) {
  const active = keys.find((k) => k.active);
  const retired = keys.filter((k) => !k.active);
  return (
    <section aria-labelledby="signing-key-heading" className="rounded border border-slate-200 bg-white p-5">
      <h2 id="signing-key-heading" className="font-medium">
        Signing key
      </h2>
      {active ? (
        <>
          <p className="mt-1 text-sm text-slate-700">
            Every package&apos;s manifest is signed with this Ed25519 key. A package carries its public key as public-key.pem: compare its fingerprint with this one.
          </p>
          <p className="mt-2 text-sm">
            Fingerprint: <code className="break-all font-mono text-xs" data-testid="signing-key-fingerprint">{active.fingerprint}</code>
          </p>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs">{active.publicKeyPem}</pre>
          <a href="/api/evidence/public-key" download="public-key.pem" className="mt-2 inline-block text-sm text-sky-800 underline">
            Download public-key.pem
          </a>
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-700">No signing key yet: one is generated when the first package is built.</p>
      )}
      {retired.length ? (
        <div className="mt-3 text-sm">
          <h3 className="font-medium">Retired keys (still verify older packages)</h3>
          <ul className="mt-1 list-disc pl-5">
            {retired.map((k) => (
              <li key={k.id}>
                <code className="break-all font-mono text-xs">{k.fingerprint}</code> · created {k.createdAt.toISOString().slice(0, 10)}, retired {k.retiredAt?.toISOString().slice(0, 10)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {rotateAction ? <RotateSigningKeyForm action={rotateAction} /> : null}
    </section>
  );
}
