/**
 * Not a problem in itself: where a CPU profile in the bundle says the program's time went — the
 * application function most CPU samples end in (counting the runtime and library code it called), and
 * how many cores the profile saw busy. Cause rules use it to name the function a busy loop spins in.
 */
import type { Occurrence } from '../../model/occurrence';
import { formatShare } from '../../model/profile';
import type { Signature } from '../types';

export const CPU_PROFILE_HOTSPOT = 'cpu-profile-hotspot';

/** Below this share of the samples, a profile has no one hot function to name. */
const MIN_SHARE = 0.3;

export interface CpuProfileHotspotData {
  function: string;
  /** Share of the profile's CPU samples whose innermost application frame is the function, 0..1. */
  share: number;
  /** CPU the profile saw per second of its duration (1 = one core busy), when it says both. */
  cores: number | null;
  durationMs: number | null;
  program: string | null;
  path: string;
}

export interface ProfileOcc extends Occurrence {
  function: string;
  share: number;
  cores: number | null;
  program: string | null;
}

export const cpuProfileHotspot: Signature<typeof CPU_PROFILE_HOTSPOT, CpuProfileHotspotData, ProfileOcc> = {
  id: CPU_PROFILE_HOTSPOT,
  title: 'Hottest function of a CPU profile',
  severity: 'info',
  explanation:
    'A CPU profile (pprof) in the bundle says where the program spent its CPU: this is the function of its own code that most samples ' +
    'end in, counting the runtime and library code it called. With a process burning a core in top, it names the code that burns it.',
  fix: 'Nothing to fix by itself; read the function with the dumps and top taken at the same time.',
  references: ['https://go.dev/blog/pprof', 'https://github.com/google/pprof/blob/main/doc/README.md'],
  detect(ctx) {
    return ctx.store.profiles
      .hotspots(ctx.bundleId)
      .filter((h) => h.profile === 'cpu' && h.appShare !== null && h.appShare >= MIN_SHARE)
      .map((h) => {
        const cores = h.unit === 'nanoseconds' && h.durationMs ? Math.round((h.total / 1e6 / h.durationMs) * 100) / 100 : null;
        const end = h.capturedAt !== null && h.durationMs !== null ? h.capturedAt + Math.round(h.durationMs) : h.capturedAt;
        const occ: ProfileOcc = {
          ts: h.capturedAt, end, lineTs: h.capturedAt, fileId: h.fileId, line: h.line, ref: `snapshot:${h.sid}`,
          function: h.name, share: h.appShare!, cores, program: h.program, note: `${formatShare(h.appShare)} of CPU samples in ${h.name}`,
        };
        return {
          signature: this.id,
          severity: 'info' as const,
          title: `CPU profile: ${formatShare(h.appShare)} in ${h.name}`,
          summary:
            `${formatShare(h.appShare)} of the CPU samples of ${h.path} end in ${h.name} (with what it called)` +
            (cores !== null ? `; the profile saw ${cores} core${cores === 1 ? '' : 's'} busy over ${(h.durationMs! / 1000).toFixed(1)} s` : '') + '.',
          first: h.capturedAt,
          last: end,
          count: 1,
          data: { function: h.name, share: h.appShare!, cores, durationMs: h.durationMs, program: h.program, path: h.path },
          evidence: [{ fileId: h.fileId, line: h.line, ts: h.capturedAt, ref: `snapshot:${h.sid}`, note: `hottest function: ${h.name}` }],
          occurrences: [occ],
        };
      });
  },
};
