// The backends a spec may name in `backend:`: `auto`, then the concrete ones in the order `auto` tries them.
export const AUTO_BACKEND_ORDER = ['tensorflow', 'native', 'wasm', 'cpu'] as const;
export const BACKENDS = ['auto', ...AUTO_BACKEND_ORDER] as const;

export type BackendName = (typeof BACKENDS)[number];
export type ConcreteBackend = (typeof AUTO_BACKEND_ORDER)[number];
