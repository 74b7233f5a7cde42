import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';

interface RolloutJson {
  seed: number;
  params: Record<string, unknown>;
  digest: string;
  releases: {
    phaseReached: number;
    aborted: boolean;
    reason: string | null;
    serversAffected: number;
    errorMinutes: number;
  }[];
  abortPhaseHistogram: Record<string, number>;
  shipped: number;
  quarantine: {
    mode: string;
    setSize: number;
    requestOfDeath: { off: { serversAffected: number }; on: { serversAffected: number } };
  };
}

async function rollout(argv: string[]) {
  const out = await runCli(['rollout', '--scale', '300', '--releases', '40', ...argv, '--json']);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as RolloutJson;
}

describe('npm run sim -- rollout', () => {
  it('prints each release, the histogram of abort phases and the quarantine comparison', async () => {
    const r = await rollout(['--seed', '3']);
    expect(r.seed).toBe(3);
    expect(r.params).toMatchObject({ phases: '1,dc,10%,world', releases: 40, quarantine: 'on' });
    expect(r.digest).toMatch(/^[0-9a-f]{16}-\d+$/);
    expect(r.releases).toHaveLength(40);
    for (const rel of r.releases) {
      expect(Object.keys(rel)).toEqual(
        expect.arrayContaining([
          'phaseReached',
          'aborted',
          'reason',
          'serversAffected',
          'errorMinutes',
        ]),
      );
      expect(rel.reason === null).toBe(!rel.aborted);
    }
    expect(Object.keys(r.abortPhaseHistogram)).toEqual(['1:1', '2:dc', '3:10%', '4:world']);
    const aborted = r.releases.filter((x) => x.aborted).length;
    expect(Object.values(r.abortPhaseHistogram).reduce((a, b) => a + b, 0)).toBe(aborted);
    expect(aborted + r.shipped).toBe(40);
    expect(r.quarantine.mode).toBe('on');
    expect(r.quarantine.requestOfDeath.on.serversAffected).toBe(r.quarantine.setSize);
    expect(r.quarantine.requestOfDeath.off.serversAffected).toBeGreaterThan(
      r.quarantine.requestOfDeath.on.serversAffected,
    );
    const again = await rollout(['--seed', '3']);
    expect(again.digest).toBe(r.digest);
    expect(again.releases).toEqual(r.releases);
  });

  it('takes phases, soak, bugs and quarantine from the command line', async () => {
    const r = await rollout([
      '--phases',
      '1,world',
      '--bugs',
      'scale:crash:at=0.5',
      '--soak',
      '600',
    ]);
    expect(r.abortPhaseHistogram).toEqual({ '1:1': 0, '2:world': 40 });
    const naive = await rollout(['--bugs', 'none', '--quarantine', 'off', '--releases', '1']);
    expect(naive.releases[0]).toMatchObject({
      aborted: false,
      serversAffected: 0,
      errorMinutes: 0,
    });
    expect(naive.quarantine.mode).toBe('off');
  });

  it('exits with status 2 and names the flag on bad values', async () => {
    for (const [flag, value] of [
      ['--phases', '1,dc'],
      ['--phases', 'two,world'],
      ['--bugs', 'always:explode'],
      ['--bugs', 'mixed:crash'],
      ['--soak', '0'],
      ['--releases', '1.5'],
      ['--quarantine', 'maybe'],
    ]) {
      const out = await runCli(['rollout', flag, value]);
      expect(out.status, `${flag} ${value}`).toBe(2);
      expect(out.stderr).toContain(flag);
    }
  });
});
