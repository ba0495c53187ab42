export interface Removed {
  containers: number;
  networks: number;
}
export function removeRun(runId: string): Removed;
export function removeAbandoned(): Removed;
export function removeAll(): Removed;
export const PROJECT_LABEL: string;
export const RUN_LABEL: string;
export const PID_LABEL: string;
export const HOST_LABEL: string;
