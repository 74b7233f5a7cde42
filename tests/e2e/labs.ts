/** The labs the end-to-end tests walk, as their definitions (steps, titles, questions). */
import type { LabDefinition } from '@lab/types';
import { lab as dnsResolution } from '../../labs/dns-resolution/index';
import { lab as flashCrowd } from '../../labs/flash-crowd/index';
import { lab as phasedRollout } from '../../labs/phased-rollout/index';
import { lab as fatFile } from '../../labs/fat-file/index';

export const E2E_LABS: LabDefinition[] = [dnsResolution, flashCrowd, fatFile, phasedRollout];
