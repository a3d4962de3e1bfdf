import { initial } from './001-initial';
import type { Migration } from './types';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [initial];
export type { Migration };
