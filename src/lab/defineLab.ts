/**
 * Declares a lab: with its machine's context type, so that its findings and expected answers
 * read `m.context` as that type with no cast; and with its step prose found by file name, each
 * step's in `content/<step id in kebab case>.md` (`warmSame` → `content/warm-same.md`).
 */
import type { LabDefinition, LabStep } from './types';

/** A step as a lab writes it: its prose comes from its content file unless given. */
export type LabStepInput<C> = Omit<LabStep<C>, 'prose'> & { prose?: string };

export interface LabInput<C> extends Omit<LabDefinition<C>, 'steps'> {
  steps: LabStepInput<C>[];
  /**
   * The lab's prose files as HTML by path, as the lab's own
   * `import.meta.glob('./content/*.md', { eager: true, import: 'default' })` gives them.
   */
  content: Record<string, string>;
}

/** `warmSame` → `warm-same`. */
export const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function defineLab<C>({ content, ...lab }: LabInput<C>): LabDefinition {
  const byName = new Map(
    Object.entries(content).map(([path, html]) => [path.split('/').at(-1)!, html]),
  );
  const steps = lab.steps.map((step) => {
    if (step.prose !== undefined) return { ...step, prose: step.prose };
    const file = `${kebab(step.id)}.md`;
    const prose = byName.get(file);
    if (prose === undefined)
      throw new Error(`lab ${lab.id}: step ${step.id} has no prose (content/${file})`);
    byName.delete(file);
    return { ...step, prose };
  });
  if (byName.size > 0)
    throw new Error(
      `lab ${lab.id}: ${[...byName.keys()].map((f) => `content/${f}`).join(', ')} belongs to no step`,
    );
  // The driver hands findings and questions the machine's own context, which is a C.
  return { ...lab, steps } as unknown as LabDefinition;
}
