/**
 * What the rollout view keeps from the frames of a run: the servers' versions (from the frame),
 * which servers are crashed or in a long sleep, the phases and health checks of the release, how
 * it ended, and the Monte Carlo results the model reported. Everything comes from the rollout
 * model's observations (src/sim/models/rollout); a new run (time going back) starts it over.
 * A rune class: each field is replaced whole when it changes (the servers' sets are SvelteSets),
 * so what reads it follows.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { SvelteSet } from 'svelte/reactivity';
import { FrameFollower } from '../../charts/frameFollower';

export interface PhaseMark {
  label: string;
  servers: number;
  of: number;
  minute: number;
}

export interface CheckMark {
  minute: number;
  passed: boolean;
  label: string;
}

export interface EndMark {
  minute: number;
  aborted: boolean;
  label: string;
  detail: string;
  errorMinutes: number | null;
}

export interface PlanResult {
  label: string;
  phases: string[];
  releases: number;
  histogram: { phase: string; count: number }[];
  shipped: number;
  hoursToWorld: number | null;
  errorMinutes: number;
}

type Obs = Record<string, unknown> & { type: string; timeNs: number };

export class RolloutHistory {
  phases = $state.raw<readonly PhaseMark[]>([]);
  checks = $state.raw<readonly CheckMark[]>([]);
  end = $state.raw<EndMark | null>(null);
  plans = $state.raw<readonly PlanResult[]>([]);
  /** node ids now down after a crash, and in a long sleep */
  readonly down = new SvelteSet<number>();
  readonly asleep = new SvelteSet<number>();
  /** node ids ever crashed in this run */
  readonly everCrashed = new SvelteSet<number>();
  minute = $state(0);
  private readonly follower = new FrameFollower();
  /** Takes a frame; true when something changed. */
  add(frame: RuntimeFrame): boolean {
    const turn = this.follower.follow(frame);
    if (turn === 'seen') return false;
    if (turn === 'restart') this.clear();
    this.minute = frame.timeNs / 60e9;
    for (const o of (frame.observations ?? []) as Obs[]) this.take(o);
    return true;
  }

  private clear(): void {
    this.phases = [];
    this.checks = [];
    this.end = null;
    this.plans = [];
    this.down.clear();
    this.asleep.clear();
    this.everCrashed.clear();
  }

  private take(o: Obs): void {
    const minute = o.timeNs / 60e9;
    const node = o.node as number;
    switch (o.type) {
      case 'sim.rolloutPhase':
        // A new release after one that ended starts a new timeline.
        if (this.end) {
          this.phases = [];
          this.checks = [];
          this.end = null;
        }
        this.phases = [
          ...this.phases,
          { label: String(o.label), servers: Number(o.servers), of: Number(o.of), minute },
        ];
        return;
      case 'sim.rolloutCheck':
        this.checks = [
          ...this.checks,
          { minute, passed: o.passed === true, label: String(o.label) },
        ];
        return;
      case 'sim.rolloutAborted':
      case 'sim.rolloutShipped': {
        const outcome = o.outcome as { errorMinutes?: number } | undefined;
        this.end = {
          minute,
          aborted: o.type === 'sim.rolloutAborted',
          label: String(o.label),
          detail: String(o.detail ?? ''),
          errorMinutes: outcome?.errorMinutes ?? null,
        };
        return;
      }
      case 'sim.serverCrashed':
        this.down.add(node);
        this.everCrashed.add(node);
        return;
      case 'sim.serverLongSleep':
        this.asleep.add(node);
        return;
      case 'sim.serverRestarted':
        this.down.delete(node);
        this.asleep.delete(node);
        return;
      case 'sim.rolloutMonteCarlo': {
        const h = (o.abortPhaseHistogram ?? {}) as Record<string, number>;
        const plan: PlanResult = {
          label: String(o.label),
          phases: (o.phases as string[]) ?? [],
          releases: Number(o.releases),
          histogram: Object.entries(h).map(([k, count]) => ({
            phase: k.slice(k.indexOf(':') + 1),
            count,
          })),
          shipped: Number(o.shipped),
          hoursToWorld: (o.hoursToWorld as number | null) ?? null,
          errorMinutes: Number(o.errorMinutes),
        };
        this.plans = [...this.plans.filter((p) => p.label !== plan.label), plan];
        return;
      }
    }
  }
}
