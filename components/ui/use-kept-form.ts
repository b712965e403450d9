'use client';

import { useActionState, useEffect, useRef, startTransition, type FormEvent } from 'react';

export interface ActionFormState {
  ok?: boolean;
  error?: string;
  message?: string;
}

/**
 * A server-action form that keeps what the user typed when the server refuses it (React resets
 * forms submitted through the `action` prop), and clears it only after a success.
 */
export function useKeptForm<S extends ActionFormState>(action: (prev: S, form: FormData) => Promise<S>, resetOnSuccess = true) {
  const [state, dispatch, pending] = useActionState(action, {} as Awaited<S>);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = storable(new FormData(event.currentTarget));
    startTransition(() => dispatch(data));
  };
  return { state, pending, formRef, onSubmit };
}

const printable = (name: string) => [...name].filter((c) => c.charCodeAt(0) > 0x1f && c !== '\u007f').join('');

/**
 * What the server can take: the multipart parser refuses a part header with a control character
 * (500 before the action runs), so a file whose name has one (possible on Linux and macOS) is sent
 * without them; PostgreSQL cannot store NUL in text, so pasted NUL characters are dropped.
 */
function storable(data: FormData): FormData {
  const entries = [...data.entries()];
  const clean = (v: FormDataEntryValue) => (v instanceof File ? (printable(v.name) === v.name ? v : new File([v], printable(v.name) || 'file', { type: v.type, lastModified: v.lastModified })) : v.replaceAll('\u0000', ''));
  if (entries.every(([, v]) => clean(v) === v)) return data;
  const out = new FormData();
  for (const [name, v] of entries) out.append(name, clean(v));
  return out;
}
