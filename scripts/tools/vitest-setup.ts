import fc from 'fast-check';

// Property tests explore the same cases on every run (CI must not turn red by chance); set
// FC_SEED to explore others locally, e.g. FC_SEED=$RANDOM npm test.
fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261203) });
