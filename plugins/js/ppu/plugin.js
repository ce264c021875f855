// Penajam Paser Utara 2025, in JavaScript: the same decisions as plugins/ppu (Rust).
// The poorest first, the regency's priority occupation first within a poverty decile,
// everyone grouped by kecamatan.
//
// Policy parameter `priority-occupation`: the occupation served first within a decile.
// Priority = (11 - decile) x 10.000, plus 5.000 for the priority occupation; applicants
// without a decile come after every decile. Ties are broken by the host.

import { definePlugin, accept, district, inGroup, note, requireText } from '../sdk/jaring-plugin.js';

export const { info, assess, apportion } = definePlugin({
  name: 'ppu-2025',
  version: '1.0.0',
  assess(program, applicant) {
    const first = requireText(program, 'priority-occupation');
    const decile = Math.min(Math.max(applicant.povertyDecile ?? 11, 1), 11);
    let priority = (11 - decile) * 10000;
    if (applicant.occupation === first) priority += 5000;
    const answer = accept(applicant, priority);
    const kecamatan = district(applicant);
    return kecamatan !== undefined ? inGroup(answer, kecamatan) : note(answer, 'domicile gives no district');
  },
});
