/** "the subscriber app", "the square service app": a learner app of support/apps/lab-apps.ts. */
import { defineParameterType } from '@cucumber/cucumber';
import { LAB_APPS } from './lab-apps';

const names = Object.keys(LAB_APPS).sort((a, b) => b.length - a.length);
defineParameterType({
  name: 'app',
  regexp: new RegExp(`the (${names.join('|')}) app`),
  transformer: (name: string) => name,
});
