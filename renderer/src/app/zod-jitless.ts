import { z } from 'zod';

/**
 * zod probes `new Function` to decide whether it may compile parsers; under our CSP
 * (no 'unsafe-eval') the probe is blocked and reported as a violation. Jitless parsing
 * avoids the probe. Imported first by main.tsx, before any schema parses.
 */
z.config({ jitless: true });
