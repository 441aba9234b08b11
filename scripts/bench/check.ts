import type { BenchModule } from './types.ts';

// Placeholder until the issue that owns this measurement lands.
export const bench: BenchModule = async () => [];
