import { a11yEn } from './a11y';
import { classroomEn } from './classroom';
import { commonEn } from './common';
import { controlsEn } from './controls';
import { headerEn } from './header';
import { layoutEn } from './layout';
import { lessonsEn } from './lessons';
import { mathEn } from './math';
import { modelioEn } from './modelio';
import { owndataEn } from './owndata';
import { runtimeEn } from './runtime';
import { viewsEn } from './views';

/** The English catalogue: every key of the UI (the source language). */
export const en = { ...commonEn, ...controlsEn, ...headerEn, ...viewsEn, ...lessonsEn, ...layoutEn, ...mathEn, ...classroomEn, ...owndataEn, ...modelioEn, ...a11yEn, ...runtimeEn };
