/**
 * The auth service's access rules (lab 18), read from a JSON file at start and on SIGHUP:
 *
 *   { "rules": [ { "user": "*", "topic": "devices/%u/#", "allow": ["write"] },
 *                { "user": "dashboard", "topic": "devices/+/telemetry", "allow": ["read", "subscribe"] } ] }
 *
 * "user" is a username or "*" for every user; "%u" in a topic is the asking user's name (as in
 * Mosquitto's acl_file patterns, lab 6). Whatever no rule allows is denied.
 *
 * The broker asks with mosquitto-go-auth's numbers: acc 1 read (deliver a message to this
 * client), 2 write (accept its PUBLISH), 4 subscribe (accept its SUBSCRIBE to a filter).
 */
import { readFileSync } from 'node:fs';
import { topicMatches } from '../shared/topic-filter';

export type Access = 'read' | 'write' | 'subscribe';
export const ACCESS_BY_NUMBER: Readonly<Record<number, Access>> = { 1: 'read', 2: 'write', 4: 'subscribe' };

export interface AclRule {
  user: string;
  topic: string;
  allow: Access[];
}

export class AclRules {
  private constructor(readonly rules: readonly AclRule[]) {}

  static fromFile(path: string): AclRules {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { rules?: AclRule[] };
    if (!Array.isArray(parsed.rules)) throw new Error(`${path} has no "rules" list`);
    parsed.rules.forEach((rule, i) => {
      const bad = typeof rule.user !== 'string' || typeof rule.topic !== 'string' || !Array.isArray(rule.allow) || rule.allow.some((a) => !Object.values(ACCESS_BY_NUMBER).includes(a));
      if (bad) throw new Error(`${path}: rule ${i + 1} needs "user", "topic" and "allow" (a list of read, write, subscribe)`);
    });
    return new AclRules(parsed.rules);
  }

  /** Whether a rule lets `username` have `access` to `topic` (a topic filter for subscribe). */
  allows(username: string, topic: string, access: Access): boolean {
    return this.rules.some((rule) => {
      if (rule.user !== '*' && rule.user !== username) return false;
      if (!rule.allow.includes(access)) return false;
      // A username with wildcards or a slash must not widen a %u rule (sensor/# would match all).
      if (rule.topic.includes('%u') && /[+#/]/.test(username)) return false;
      const filter = rule.topic.split('%u').join(username);
      return access === 'subscribe' ? filterCovers(filter, topic) : topicMatches(filter, topic);
    });
  }
}

/**
 * Whether every topic the `requested` filter can match is matched by the rule's `filter` too:
 * a rule on devices/# covers a SUBSCRIBE to devices/+/telemetry, a rule on devices/+/telemetry
 * does not cover a SUBSCRIBE to devices/#.
 */
export function filterCovers(filter: string, requested: string): boolean {
  const rule = filter.split('/');
  const asked = requested.split('/');
  for (let i = 0; i < rule.length; i++) {
    if (rule[i] === '#') return true;
    if (i >= asked.length) return false;
    // A '#' asked is covered only by a '#' in the rule (handled above); a '+' asked only by '+'.
    if (asked[i] === '#') return false;
    if (rule[i] !== '+' && (asked[i] === '+' || rule[i] !== asked[i])) return false;
  }
  return rule.length === asked.length;
}
