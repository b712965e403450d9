// vitest runs server modules directly; the real package throws outside a React server build.
export {};
