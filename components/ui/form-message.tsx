export function FormMessage({ state }: { state: { ok?: boolean; error?: string; message?: string } }) {
  if (state.error) {
    return (
      <p role="alert" className="text-sm text-red-800">
        {state.error}
      </p>
    );
  }
  if (state.message) {
    return (
      <p role="status" className="text-sm text-emerald-800">
        {state.message}
      </p>
    );
  }
  return null;
}
