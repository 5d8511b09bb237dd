/**
 * Starts moto_server (an AWS API emulator) on 127.0.0.1 on a free port, and stops it: always, also when the
 * process exits early. The command is `$SDS_MOTO_SERVER` when set, else `moto_server` on the PATH.
 */
import { ChildProcess, spawn } from "node:child_process";
import { createServer, Socket } from "node:net";

export interface Moto {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((res) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      res(true);
    });
    socket.once("error", () => res(false));
    socket.connect(port, "127.0.0.1");
  });
}

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) if (child.pid) try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ }
});

export async function startMoto(opts: { timeoutMs?: number } = {}): Promise<Moto> {
  const port = await freePort();
  const command = process.env.SDS_MOTO_SERVER || "moto_server";
  let log = "";
  const child = spawn(command, ["-H", "127.0.0.1", "-p", String(port)], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d) => (log = (log + d).slice(-4000)));
  child.stderr?.on("data", (d) => (log = (log + d).slice(-4000)));
  running.add(child);
  let exited: number | null = null;
  child.on("exit", (code) => {
    exited = code ?? -1;
    running.delete(child);
  });
  const stop = async () => {
    if (exited !== null || !child.pid) return;
    const gone = new Promise<void>((r) => child.once("exit", () => r()));
    try { process.kill(-child.pid, "SIGTERM"); } catch { /* gone */ }
    const timer = setTimeout(() => { try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ } }, 3000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  while (!(await canConnect(port))) {
    if (exited !== null) throw new Error(`${command} exited with ${exited} before listening:\n${log}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command} did not listen on 127.0.0.1:${port} within ${opts.timeoutMs ?? 30_000} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint: `http://127.0.0.1:${port}`, port, stop };
}
