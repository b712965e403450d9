// The file field of a record form as the lib functions take it (null when none was chosen).
import type { UploadedFile } from './store-attachment';

export async function uploadedFile(form: FormData, name = 'file'): Promise<UploadedFile | null> {
  const value = form.get(name);
  if (!value || typeof value === 'string' || (value.size === 0 && !value.name)) return null;
  return { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
}

/** The text fields of a form (files left out). */
export function textFields(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
}
