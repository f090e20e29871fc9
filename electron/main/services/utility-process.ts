import type { ForkOptions, UtilityProcess } from 'electron';
import type { LaunchServerProcess, ProcessExit } from './server-process.ts';

type Fork = (modulePath: string, args: string[], options: ForkOptions) => UtilityProcess;

/**
 * Launcher for the packaged app: Electron's utilityProcess runs Node code in a child process
 * without ELECTRON_RUN_AS_NODE, which the runAsNode fuse disables. `fork` is
 * electron's `utilityProcess.fork`, passed in so this module loads without Electron.
 */
export function utilityProcessLauncher(fork: Fork): LaunchServerProcess {
  return (spec) => {
    const child = fork(spec.entry, [...spec.args], {
      env: { ...process.env, ...spec.env },
      stdio: 'inherit',
      serviceName: 'Amtsplatz Server',
    });
    const exited = new Promise<ProcessExit>((resolve) => {
      child.once('exit', (code) => resolve({ code, signal: null }));
    });
    return {
      get pid() {
        return child.pid;
      },
      exited,
      // utilityProcess has no forced kill; kill() already sends SIGTERM and reaps the process.
      kill: () => {
        child.kill();
      },
    };
  };
}
