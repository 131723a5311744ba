// A real full disk for tests: a small tmpfs mounted on a fresh folder (needs root, as in CI and the dev container).
// Where mounting is not permitted the test says so and is skipped rather than faked.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Takes every byte still free, so the next write fails with ENOSPC. */
  fill(): void;
  unmount(): void;
}

/**
 * A `kib` KiB tmpfs, or undefined (after printing why) when this machine does not let the test mount one. `inodes`
 * caps its files and folders too, so that creating a folder can fail for want of space, as on ext4.
 */
export function mountSmallDisk(kib: number, label: string, inodes?: number): SmallDisk | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-disk-'));
  const options = `size=${kib}k${inodes === undefined ? '' : `,nr_inodes=${inodes}`}`;
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    console.log(
      `skip: ${label}: cannot mount a tmpfs here (${(mounted.stderr || mounted.error?.message || '').trim()})`,
    );
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    fill() {
      try {
        writeFileSync(join(dir, 'filler'), Buffer.alloc(kib * 1024));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    },
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
