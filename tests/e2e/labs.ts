/** The labs the end-to-end tests walk, as their definitions (steps, titles, questions). */
export { ALL_LABS as E2E_LABS } from '../labFolders';
