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
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  return { state, pending, formRef, onSubmit };
}
