import type { en } from '../en';
import { a11yZh } from './a11y';
import { classroomZh } from './classroom';
import { commonZh } from './common';
import { controlsZh } from './controls';
import { headerZh } from './header';
import { layoutZh } from './layout';
import { lessonsZh } from './lessons';
import { mathZh } from './math';
import { modelioZh } from './modelio';
import { owndataZh } from './owndata';
import { runtimeZh } from './runtime';
import { viewsZh } from './views';

/** The Simplified Chinese catalogue: the same keys as {@link en}, checked by the compiler and by a test. */
export const zh: Record<keyof typeof en, string> = { ...commonZh, ...controlsZh, ...headerZh, ...viewsZh, ...lessonsZh, ...layoutZh, ...mathZh, ...classroomZh, ...owndataZh, ...modelioZh, ...a11yZh, ...runtimeZh };
